"""Read-only questions about a perangkat daerah's years, asked by every app.

The register of a year (opened, signed and locked) is read here and nowhere
else, so the apps above (anggaran, laporan) and the kinerja screens never need
to know which table keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable

from kinerja.models import PerangkatDaerah

# TODO(layers): read kinerja's own year record instead of laporan's LKjIP row.
from laporan.models import LKjIP  # noqa: I001


def tahun_dibuka(pd: PerangkatDaerah, tahun: int) -> bool:
    """True when ``tahun`` has been opened for ``pd`` (imported or ``buka_tahun``)."""
    return LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).exists()


def tahun_list(pd: PerangkatDaerah) -> list[int]:
    """The opened years of ``pd``, newest first."""
    return list(
        LKjIP.objects.filter(perangkat_daerah=pd).order_by("-tahun").values_list("tahun", flat=True)
    )


def tahun_terkunci(pd: PerangkatDaerah, tahun: int) -> bool:
    """True when the year is signed off: its data can no longer be changed."""
    return LKjIP.objects.filter(
        perangkat_daerah=pd, tahun=tahun, status=LKjIP.Status.DITETAPKAN
    ).exists()


def tahun_terkunci_dari(pd: PerangkatDaerah, tahun: Iterable[int]) -> set[int]:
    """Which of ``tahun`` are signed off (one query)."""
    return set(
        LKjIP.objects.filter(
            perangkat_daerah=pd, tahun__in=list(tahun), status=LKjIP.Status.DITETAPKAN
        ).values_list("tahun", flat=True)
    )
