"""The reporting deadline of each triwulan, set by the pemda, and which quarters are late.

The date itself is computed by ``kinerja.engine.tenggat`` (working days after
the quarter ends; Saturday and Sunday are the only days off until a holiday
calendar exists). A quarter is late ("terlambat") when its deadline has passed
and it is neither submitted nor approved.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.audit import catat_perubahan
from kinerja.engine.tenggat import tenggat_triwulan
from kinerja.models import Pemda, StatusTriwulan
from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.format import format_tanggal

SUDAH_MASUK = (StatusTriwulan.Status.DIAJUKAN, StatusTriwulan.Status.DISETUJUI)
PESAN_HARI = "Tenggat diisi 1 sampai 60 hari kerja."


def hari_ini() -> datetime.date:
    return timezone.localdate()


@dataclass(frozen=True)
class TenggatTriwulan:
    """A quarter's deadline and where the quarter stands against it."""

    tahun: int
    triwulan: int
    tanggal: datetime.date
    status: str
    terlambat: bool
    # Calendar days from today to the deadline (negative once passed).
    sisa_hari: int

    @property
    def romawi(self) -> str:
        return ROMAWI[self.triwulan - 1]

    @property
    def tanggal_teks(self) -> str:
        return format_tanggal(self.tanggal)

    @property
    def sudah_masuk(self) -> bool:
        return self.status in SUDAH_MASUK


def tenggat(
    pemda: Pemda,
    tahun: int,
    triwulan: int,
    status: str = StatusTriwulan.Status.DRAF,
    pada: datetime.date | None = None,
) -> TenggatTriwulan:
    pada = pada or hari_ini()
    tanggal = tenggat_triwulan(tahun, triwulan, pemda.tenggat_hari_kerja)
    return TenggatTriwulan(
        tahun=tahun,
        triwulan=triwulan,
        tanggal=tanggal,
        status=status,
        terlambat=pada > tanggal and status not in SUDAH_MASUK,
        sisa_hari=(tanggal - pada).days,
    )


def tenggat_tahun(
    pemda: Pemda, tahun: int, status: dict[int, str], pada: datetime.date | None = None
) -> list[TenggatTriwulan]:
    """The four quarters of a year; ``status`` maps triwulan → stored status (draf if absent)."""
    return [
        tenggat(pemda, tahun, q, status.get(q, StatusTriwulan.Status.DRAF), pada)
        for q in (1, 2, 3, 4)
    ]


def tenggat_berikutnya(daftar: list[TenggatTriwulan]) -> TenggatTriwulan | None:
    """The nearest deadline not yet passed of a quarter not yet submitted."""
    depan = [t for t in daftar if t.sisa_hari >= 0 and not t.sudah_masuk]
    return min(depan, key=lambda t: t.tanggal) if depan else None


@transaction.atomic
def pemda_tenggat_ubah(*, pemda: Pemda, hari_kerja: int, pengguna) -> bool:
    """Set the number of working days after a quarter ends by which its report is due."""
    if not 1 <= hari_kerja <= 60:
        raise ValidationError({"tenggat_hari_kerja": PESAN_HARI})
    pemda = Pemda.objects.select_for_update(of=("self",)).get(pk=pemda.pk)
    lama = pemda.tenggat_hari_kerja
    if lama == hari_kerja:
        return False
    pemda.tenggat_hari_kerja = hari_kerja
    pemda.save(update_fields=["tenggat_hari_kerja"])
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=None,
        aksi="pemda.tenggat_ubah",
        objek=pemda,
        uraian=f"Tenggat laporan triwulan {pemda.nama}",
        lama={"tenggat_hari_kerja": lama},
        baru={"tenggat_hari_kerja": hari_kerja},
    )
    return True
