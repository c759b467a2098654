"""Read-only queries of the quarterly realisasi screen: the quarters' review states,
the review steps of a quarter and when it was last approved.

The grid itself (targets, values, evidence of every row) is read by
``kinerja.services.realisasi.grid_triwulan``.
"""

from __future__ import annotations

from typing import Any

from kinerja.audit import format_waktu, nama_pengguna
from kinerja.models import LangkahReview, PerangkatDaerah, StatusTriwulan

Status = StatusTriwulan.Status

__all__ = ["langkah_review", "status_semua", "waktu_disetujui"]


def status_semua(pd: PerangkatDaerah, tahun: int) -> dict[int, StatusTriwulan]:
    """The stored review state of each quarter of the year (a quarter never touched is absent)."""
    return {s.triwulan: s for s in StatusTriwulan.objects.filter(perangkat_daerah=pd, tahun=tahun)}


def langkah_review(status: StatusTriwulan) -> list[dict[str, Any]]:
    """The review steps of a quarter, oldest first ([] for a quarter never stored)."""
    if not status.pk:
        return []
    return [
        {
            "obj": lk,
            "waktu": format_waktu(lk.waktu),
            "oleh": nama_pengguna(lk.pengguna),
            "dari": Status(lk.dari).label,
            "ke": Status(lk.ke).label,
        }
        for lk in LangkahReview.objects.filter(status_triwulan=status).select_related("pengguna")
    ]


def waktu_disetujui(status: StatusTriwulan):
    """When the approved quarter was last approved (evidence after it was added later)."""
    if status.pk is None or status.status != Status.DISETUJUI:
        return None
    return (
        LangkahReview.objects.filter(status_triwulan=status, ke=Status.DISETUJUI)
        .order_by("-waktu", "-id")
        .values_list("waktu", flat=True)
        .first()
    )
