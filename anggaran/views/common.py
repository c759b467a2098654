"""What the budget screens share: the name of a DPA version, whether a year is opened."""

from __future__ import annotations

from kinerja.models import PerangkatDaerah
from kinerja.paket.types import urutan_versi
from kinerja.selectors.tahun import tahun_dibuka


def label_versi(versi: str) -> str:
    """ "murni" → "Murni", "perubahan" → "Perubahan", "perubahan-2" → "Perubahan ke-2"."""
    if versi == "murni":
        return "Murni"
    n = urutan_versi(versi)
    return "Perubahan" if n == 1 else f"Perubahan ke-{n}"


def tahun_ada(pd: PerangkatDaerah, tahun: int) -> bool:
    return tahun_dibuka(pd, tahun)
