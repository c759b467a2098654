"""The pemda's calendar of working days: its days off besides Saturday and Sunday.

Every deadline (``kinerja.services.tenggat``, the reminders) skips these days. The
national holidays and *cuti bersama* of a year are preloaded from the ``holidays``
library (``kinerja.engine.kalender``); the Admin pemda adds local days and removes
or corrects the rest. A removed day is kept switched off (``aktif``), so that
preloading the year again never brings it back. Every change is audited.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.engine.kalender import libur_nasional
from kinerja.models import HariLibur, Pemda
from lib.format import format_tanggal

PESAN_AKHIR_PEKAN = "Sabtu dan Minggu sudah bukan hari kerja; tidak perlu dicatat."
PESAN_NAMA = "Keterangan hari libur wajib diisi."
PESAN_ADA = "Tanggal {tanggal} sudah tercatat sebagai hari libur."
PESAN_TAHUN = "Hari libur nasional tersedia untuk tahun 2000 sampai 2100."


def libur_pemda(pemda: Pemda) -> frozenset[datetime.date]:
    """The days off of a pemda (one query, kept on the instance for the request)."""
    simpan = getattr(pemda, "_libur", None)
    if simpan is None:
        simpan = frozenset(
            HariLibur.objects.filter(pemda=pemda, aktif=True).values_list("tanggal", flat=True)
        )
        pemda._libur = simpan
    return simpan


def libur_per_pemda(daftar: Iterable[Pemda]) -> None:
    """Load the days off of several pemda at once (one query) onto the instances
    (several instances of one pemda, as ``select_related`` gives them, share the set)."""
    pemda: dict[int, list[Pemda]] = defaultdict(list)
    for p in daftar:
        if getattr(p, "_libur", None) is None:
            pemda[p.pk].append(p)
    if not pemda:
        return
    tanggal: dict[int, set[datetime.date]] = defaultdict(set)
    for pk, t in HariLibur.objects.filter(pemda_id__in=pemda, aktif=True).values_list(
        "pemda_id", "tanggal"
    ):
        tanggal[pk].add(t)
    for pk, semua in pemda.items():
        for p in semua:
            p._libur = frozenset(tanggal[pk])


def _lupakan(pemda: Pemda) -> None:
    pemda.__dict__.pop("_libur", None)


@transaction.atomic
def libur_muat_bawaan(*, pemda: Pemda, tahun: int, pengguna=None) -> int:
    """Add the national holidays and cuti bersama of ``tahun`` not yet in the calendar.

    Days already present, switched on or off, are left as they are. Returns how many
    days were added (0 when the year was loaded before).
    """
    if not 2000 <= tahun <= 2100:
        raise ValidationError(PESAN_TAHUN)
    ada = set(
        HariLibur.objects.filter(pemda=pemda, tanggal__year=tahun).values_list("tanggal", flat=True)
    )
    baru = [
        HariLibur(pemda=pemda, tanggal=h.tanggal, nama=h.nama[:200], jenis=h.jenis)
        for h in libur_nasional(tahun)
        if h.tanggal not in ada
    ]
    if not baru:
        return 0
    HariLibur.objects.bulk_create(baru, ignore_conflicts=True)
    _lupakan(pemda)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=None,
        aksi="pemda.libur_muat",
        objek=pemda,
        uraian=f"Hari libur nasional dan cuti bersama {tahun} {pemda.nama}",
        tahun=tahun,
        data={"tanggal": [h.tanggal.isoformat() for h in baru]},
    )
    return len(baru)


@transaction.atomic
def libur_tambah(
    *, pemda: Pemda, tanggal: datetime.date, nama: str, jenis: str, pengguna
) -> HariLibur:
    """Add a day off (or switch a removed one on again with the new name and kind)."""
    nama = (nama or "").strip()
    if not nama:
        raise ValidationError({"nama": PESAN_NAMA})
    if tanggal.weekday() >= 5:
        raise ValidationError({"tanggal": PESAN_AKHIR_PEKAN})
    if jenis not in HariLibur.Jenis.values:
        raise ValidationError({"jenis": "Jenis hari libur tidak dikenal."})
    hari = HariLibur.objects.select_for_update().filter(pemda=pemda, tanggal=tanggal).first()
    if hari is not None and hari.aktif:
        raise ValidationError({"tanggal": PESAN_ADA.format(tanggal=format_tanggal(tanggal))})
    lama = None
    if hari is None:
        hari = HariLibur(pemda=pemda, tanggal=tanggal)
    else:
        lama = {"nama": hari.nama, "jenis": hari.jenis, "aktif": False}
    hari.nama, hari.jenis, hari.aktif = nama[:200], jenis, True
    hari.save()
    _lupakan(pemda)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=None,
        aksi="pemda.libur_tambah",
        objek=hari,
        uraian=f"Hari libur {format_tanggal(tanggal)} {pemda.nama}",
        tahun=tanggal.year,
        lama=lama,
        baru={"tanggal": tanggal, "nama": hari.nama, "jenis": jenis, "aktif": True},
    )
    return hari


@transaction.atomic
def libur_hapus(*, pemda: Pemda, pk: int, pengguna) -> HariLibur:
    """Make a day off a working day again (the row stays, switched off)."""
    hari = HariLibur.objects.select_for_update().filter(pemda=pemda, pk=pk, aktif=True).first()
    if hari is None:
        raise ValidationError("Hari libur tidak ditemukan atau sudah dihapus.")
    hari.aktif = False
    hari.save(update_fields=["aktif"])
    _lupakan(pemda)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=None,
        aksi="pemda.libur_hapus",
        objek=hari,
        uraian=f"Hari libur {format_tanggal(hari.tanggal)} {pemda.nama}",
        tahun=hari.tanggal.year,
        lama={"tanggal": hari.tanggal, "nama": hari.nama, "jenis": hari.jenis, "aktif": True},
        baru={"aktif": False},
    )
    return hari
