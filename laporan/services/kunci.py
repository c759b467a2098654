"""The row lock, the draft check and the audit entry every write to an LKjIP goes through.

A submitted or signed LKjIP cannot be edited; a signed year is read-only everywhere
(see ``kinerja.services.kunci``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from kinerja.audit import catat_perubahan
from laporan.models import LKjIP

Status = LKjIP.Status

PESAN_TIDAK_BISA_DIUBAH = {
    Status.DIAJUKAN: (
        "LKjIP tahun {tahun} sudah diajukan kepada kepala; isinya tidak dapat diubah sampai "
        "dikembalikan."
    ),
    Status.DITETAPKAN: (
        "LKjIP tahun {tahun} sudah ditetapkan dan datanya terkunci; perubahan memerlukan "
        "pembukaan kembali oleh kepala atau admin pemda."
    ),
}


def lkjip_for_update(lkjip: LKjIP) -> LKjIP:
    """The row again, locked until the end of the transaction (one writer at a time)."""
    return (
        LKjIP.objects.select_for_update(of=("self",))
        .select_related("perangkat_daerah__pemda", "perangkat_daerah__kepala")
        .get(pk=lkjip.pk)
    )


def pesan_tidak_bisa_diubah(lkjip: LKjIP) -> str | None:
    """Why the operator cannot edit this LKjIP now (None: it is a draft)."""
    pesan = PESAN_TIDAK_BISA_DIUBAH.get(lkjip.status)
    return pesan.format(tahun=lkjip.tahun) if pesan else None


def pastikan_draf(lkjip: LKjIP) -> None:
    pesan = pesan_tidak_bisa_diubah(lkjip)
    if pesan:
        raise ValidationError(pesan, code="terkunci")


def status_teks(lkjip: LKjIP) -> str:
    return lkjip.get_status_display().lower()


def catat_lkjip(lkjip: LKjIP, *, pengguna, aksi: str, lama=None, baru=None, data=None):
    return catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=lkjip.perangkat_daerah,
        aksi=aksi,
        objek=lkjip,
        uraian=f"LKjIP tahun {lkjip.tahun}",
        tahun=lkjip.tahun,
        lama=lama,
        baru=baru,
        data=data,
    )
