"""Read-only questions about a perangkat daerah's years, asked by every app.

The register of a year (opened, and locked once its LKjIP is signed off) is
``kinerja.models.Tahun``, written only by ``kinerja.services.tahun``; it is read
here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from kinerja.models import AturanTahun, PerangkatDaerah, Tahun


def tahun_dibuka(pd: PerangkatDaerah, tahun: int) -> bool:
    """True when ``tahun`` has been opened for ``pd`` (imported or ``buka_tahun``)."""
    return Tahun.objects.filter(perangkat_daerah=pd, tahun=tahun).exists()


def tahun_list(pd: PerangkatDaerah) -> list[int]:
    """The opened years of ``pd``, newest first."""
    return list(
        Tahun.objects.filter(perangkat_daerah=pd).order_by("-tahun").values_list("tahun", flat=True)
    )


def tahun_terkunci(pd: PerangkatDaerah, tahun: int) -> bool:
    """True when the year is signed off: its data can no longer be changed."""
    return Tahun.objects.filter(perangkat_daerah=pd, tahun=tahun, terkunci=True).exists()


def tahun_terkunci_dari(pd: PerangkatDaerah, tahun: Iterable[int]) -> set[int]:
    """Which of ``tahun`` are signed off (one query)."""
    return set(
        Tahun.objects.filter(perangkat_daerah=pd, tahun__in=list(tahun), terkunci=True).values_list(
            "tahun", flat=True
        )
    )


def tahun_terkunci_pd(pd_ids: Iterable[int], tahun: int) -> set[int]:
    """Which of the perangkat daerah ``pd_ids`` have ``tahun`` signed off (one query)."""
    return set(
        Tahun.objects.filter(
            perangkat_daerah_id__in=list(pd_ids), tahun=tahun, terkunci=True
        ).values_list("perangkat_daerah_id", flat=True)
    )


def tahun_beraturan_tetap(pemda_id: int) -> list[AturanTahun]:
    """The years of the pemda's perangkat daerah that keep their own rules (signed years)."""
    return list(
        AturanTahun.objects.filter(perangkat_daerah__pemda_id=pemda_id)
        .select_related("perangkat_daerah")
        .order_by("perangkat_daerah__kode", "tahun")
    )


# The form that opens a year (``kinerja/templatetags/tahun_pd.py``) offers more than opening
# it when an app above kinerja says so: each registers, in its AppConfig.ready, a function
# (pd, tahun) -> context entries for ``kinerja/_tahun_belum_dibuka.html`` (anggaran:
# "ada_dpa_lalu", whether last year's pagu can be copied). kinerja itself needs none.
BUKA_TAHUN_CONTEXT_PROVIDERS: list[Callable[[PerangkatDaerah, int], dict[str, Any]]] = []


def buka_tahun_context(pd: PerangkatDaerah, tahun: int) -> dict[str, Any]:
    """The context entries every registered app adds to the form that opens ``tahun``."""
    hasil: dict[str, Any] = {}
    for provider in BUKA_TAHUN_CONTEXT_PROVIDERS:
        hasil.update(provider(pd, tahun))
    return hasil
