"""What the planning pages share: the year their links point to and their base context."""

from __future__ import annotations

from django.http import HttpRequest

from kinerja.models import PerangkatDaerah
from kinerja.selectors import perencanaan as baca


def _tahun_get(request: HttpRequest) -> int | None:
    teks = request.GET.get("tahun", "")
    return int(teks) if teks.isdigit() and len(teks) == 4 else None


def tahun_aktif(request: HttpRequest, pd: PerangkatDaerah) -> int:
    """The year the year-bound links of a page without a year point to (``?tahun=`` if given)."""
    return baca.tahun_aktif(pd, _tahun_get(request))


def perencanaan_context(pd: PerangkatDaerah, page: str, tahun: int, boleh_ubah: bool) -> dict:
    """The context every planning page starts from (menu entry, year, write permission)."""
    return {
        "page": page,
        "pd": pd,
        "tahun": tahun,
        "boleh_ubah": boleh_ubah,
        "nav_perencanaan": page,
    }
