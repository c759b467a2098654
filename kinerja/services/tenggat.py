"""The deadlines a pemda sets (triwulan reports, the LKjIP) and which quarters are late.

The dates are computed by ``kinerja.engine.tenggat`` in working days: Saturday,
Sunday and the pemda's days off (``kinerja.services.kalender``) are skipped. A
quarter is late ("terlambat") when its deadline has passed and it is neither
submitted nor approved. The pemda also sets its reminders: how many working days
before and after a deadline (``kinerja.services.pengingat``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.audit import catat_perubahan
from kinerja.engine.tenggat import tenggat_lkjip, tenggat_triwulan
from kinerja.models import Pemda, StatusTriwulan
from kinerja.services.kalender import libur_pemda
from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.format import format_tanggal

SUDAH_MASUK = (StatusTriwulan.Status.DIAJUKAN, StatusTriwulan.Status.DISETUJUI)
PESAN_HARI = "Tenggat diisi 1 sampai 60 hari kerja."
PESAN_LKJIP = "Tenggat LKjIP diisi 1 sampai 120 hari kerja, atau dikosongkan."
PESAN_PENGINGAT = "Pengingat diisi 0 sampai 30 hari kerja."


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
    tanggal = tenggat_triwulan(tahun, triwulan, pemda.tenggat_hari_kerja, libur_pemda(pemda))
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


def tenggat_lkjip_pemda(pemda: Pemda, tahun: int) -> datetime.date:
    """The deadline of the LKjIP of ``tahun``: the pemda's working days after the year
    ends, or the regulation's two months."""
    return tenggat_lkjip(tahun, pemda.tenggat_lkjip_hari_kerja, libur_pemda(pemda))


_TIDAK_BERUBAH = object()


def _periksa(hari_kerja, tenggat_lkjip, sebelum, sesudah) -> None:
    galat = {}
    if not 1 <= hari_kerja <= 60:
        galat["tenggat_hari_kerja"] = PESAN_HARI
    if tenggat_lkjip is not None and tenggat_lkjip is not _TIDAK_BERUBAH:
        if not 1 <= tenggat_lkjip <= 120:
            galat["tenggat_lkjip_hari_kerja"] = PESAN_LKJIP
    for nama, n in (("pengingat_sebelum", sebelum), ("pengingat_sesudah", sesudah)):
        if n is not None and not 0 <= n <= 30:
            galat[nama] = PESAN_PENGINGAT
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def pemda_tenggat_ubah(
    *,
    pemda: Pemda,
    hari_kerja: int,
    pengguna,
    tenggat_lkjip=_TIDAK_BERUBAH,
    pengingat_sebelum: int | None = None,
    pengingat_sesudah: int | None = None,
) -> bool:
    """Set the pemda's deadlines and reminders: working days after a quarter ends by
    which its report is due, after the year ends by which the LKjIP is due (None: the
    regulation's default), and the working days before and after a deadline on which
    reminders are sent. Arguments left out keep their value."""
    _periksa(hari_kerja, tenggat_lkjip, pengingat_sebelum, pengingat_sesudah)
    pemda = Pemda.objects.select_for_update(of=("self",)).get(pk=pemda.pk)
    baru = {"tenggat_hari_kerja": hari_kerja}
    if tenggat_lkjip is not _TIDAK_BERUBAH:
        baru["tenggat_lkjip_hari_kerja"] = tenggat_lkjip
    if pengingat_sebelum is not None:
        baru["pengingat_sebelum"] = pengingat_sebelum
    if pengingat_sesudah is not None:
        baru["pengingat_sesudah"] = pengingat_sesudah
    lama = {k: getattr(pemda, k) for k in baru}
    berubah = {k: v for k, v in baru.items() if lama[k] != v}
    if not berubah:
        return False
    for k, v in berubah.items():
        setattr(pemda, k, v)
    pemda.save(update_fields=list(berubah))
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=None,
        aksi="pemda.tenggat_ubah",
        objek=pemda,
        uraian=f"Tenggat laporan dan pengingat {pemda.nama}",
        lama={k: lama[k] for k in berubah},
        baru=berubah,
    )
    return True
