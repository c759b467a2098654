"""The narrative sections of the LKjIP (autosaved, with an optimistic lock) and the
operator's explanations of consistency findings.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.audit import catat_perubahan, ubah_data_terakhir
from kinerja.models import Indikator, LogPerubahan, PerangkatDaerah
from laporan.dokumen.draf import Bahan, draf_bagian
from laporan.kerangka import AWALAN_ANALISIS, PER_KUNCI, judul_bagian
from laporan.models import LKjIP, Narasi
from laporan.selectors import DataKesiapan, baris_tabel, data_kesiapan
from laporan.services.kunci import lkjip_for_update, pastikan_draf
from laporan.services.tetap import penjelasan_simpan

PESAN_BAGIAN_TIDAK_DIKENAL = "Bagian narasi “{bagian}” tidak dikenal."
PESAN_TANPA_DRAF = "Bagian “{judul}” tidak memiliki draf otomatis dari data; tuliskan teksnya."


class KonflikNarasi(Exception):
    """The section was saved by someone else after the user loaded it (optimistic lock)."""

    def __init__(self, narasi: Narasi):
        self.narasi = narasi
        super().__init__(f"narasi {narasi.bagian} sudah versi {narasi.versi}")


# Autosave writes on every pause in typing; the audit trail keeps one entry per writing
# session of a user (old text at its start → latest text), not one per keystroke pause.
SESI_TULIS = datetime.timedelta(minutes=10)


def bagian_sah(pd: PerangkatDaerah, bagian: str) -> bool:
    if bagian in PER_KUNCI:
        return True
    if not bagian.startswith(AWALAN_ANALISIS):
        return False
    # An analysis belongs to a tujuan or sasaran indicator (BAB III 3.1).
    kode = bagian[len(AWALAN_ANALISIS) :]
    return (
        Indikator.objects.filter(renstra__perangkat_daerah=pd, kode=kode)
        .exclude(tujuan=None, sasaran=None)
        .exists()
    )


@transaction.atomic
def narasi_simpan(
    *, lkjip: LKjIP, bagian: str, judul: str, teks: str, versi: int, pengguna
) -> Narasi:
    """Save one narrative section if nobody else saved it since version ``versi``.

    Raises ``KonflikNarasi`` (with the stored text) on a version conflict, so that
    the caller shows both texts instead of overwriting; ``ValidationError`` when the
    LKjIP is submitted or signed, or the section is unknown.
    """
    lkjip = lkjip_for_update(lkjip)
    pastikan_draf(lkjip)
    if not bagian_sah(lkjip.perangkat_daerah, bagian):
        raise ValidationError(PESAN_BAGIAN_TIDAK_DIKENAL.format(bagian=bagian), code="bagian")
    teks = teks.replace("\r\n", "\n").replace("\r", "\n")
    judul = " ".join(judul.split())
    narasi, _ = Narasi.objects.get_or_create(lkjip=lkjip, bagian=bagian)
    narasi = (
        Narasi.objects.select_for_update(of=("self",))
        .select_related("diubah_oleh")
        .get(pk=narasi.pk)
    )
    if narasi.teks == teks and narasi.judul == judul:
        # Nothing to change, whatever version the page had: a repeated save (a retry,
        # the save sent while leaving the page) is not a conflict.
        return narasi
    if narasi.versi != versi:
        raise KonflikNarasi(narasi)
    lama = {"judul": narasi.judul, "teks": narasi.teks}
    narasi.judul, narasi.teks = judul, teks
    narasi.versi += 1
    narasi.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    narasi.save()
    _catat_narasi(lkjip, narasi, lama, pengguna)
    return narasi


def bahan_draf(d: DataKesiapan, lkjip: LKjIP) -> Bahan:
    """What the editor's drafts are written from: the year's data and the BAB I tables, the
    same the document's drafts are written from (laporan.dokumen.narasi.bahan_draf)."""
    return Bahan(
        paket=d.paket,
        tahun=d.tahun,
        hasil=d.hasil,
        sdm=baris_tabel(lkjip, "sdm"),
        sarpras=baris_tabel(lkjip, "sarpras"),
    )


def narasi_terima_draf(*, lkjip: LKjIP, bagian: str, judul: str, versi: int, pengguna) -> Narasi:
    """The operator accepts the section's drafted text: it is stored as the section's own
    text (drafted anew from the data now, so what is stored is what the data say)."""
    if bagian not in PER_KUNCI:
        raise ValidationError(PESAN_BAGIAN_TIDAK_DIKENAL.format(bagian=bagian), code="bagian")
    d = data_kesiapan(lkjip.perangkat_daerah, lkjip.tahun)
    teks = draf_bagian(bahan_draf(d, lkjip), bagian)
    if not teks:
        raise ValidationError(PESAN_TANPA_DRAF.format(judul=judul_bagian(bagian)), code="draf")
    return narasi_simpan(
        lkjip=lkjip, bagian=bagian, judul=judul, teks=teks, versi=versi, pengguna=pengguna
    )


def _catat_narasi(lkjip: LKjIP, narasi: Narasi, lama: dict, pengguna) -> None:
    baru = {"judul": narasi.judul, "teks": narasi.teks}
    terakhir = (
        LogPerubahan.objects.filter(objek_tipe="laporan.narasi", objek_id=narasi.pk)
        .order_by("-waktu", "-id")
        .first()
    )
    if (
        terakhir is not None
        and terakhir.aksi == "narasi.ubah"
        and terakhir.pengguna_id == getattr(pengguna, "pk", None)
        and timezone.now() - terakhir.waktu < SESI_TULIS
    ):
        data = dict(terakhir.data)
        data["baru"] = baru
        data["versi"] = narasi.versi
        if ubah_data_terakhir(terakhir, data):
            return
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=lkjip.perangkat_daerah,
        aksi="narasi.ubah",
        objek=narasi,
        uraian=f"Narasi LKjIP {lkjip.tahun}: {judul_bagian(narasi.bagian)}",
        tahun=lkjip.tahun,
        lama=lama,
        baru=baru,
        data={"bagian": narasi.bagian, "versi": narasi.versi},
    )


# --------------------------------------------------------------------------- findings


@transaction.atomic
def penjelasan_temuan_simpan(*, lkjip: LKjIP, kunci: str, teks: str, pengguna):
    """The operator explains a consistency finding; part of the document, so only while
    the LKjIP is a draft (and the year open, which the kinerja service checks)."""
    lkjip = lkjip_for_update(lkjip)
    pastikan_draf(lkjip)
    return penjelasan_simpan(
        pd=lkjip.perangkat_daerah, tahun=lkjip.tahun, kunci=kunci, teks=teks, pengguna=pengguna
    )
