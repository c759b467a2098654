"""The recommendations of an LHE and their follow-up (tindak lanjut).

The final step of an evaluation (``evaluasi.services.evaluasi``) stores its
recommendations here (``rekomendasi_simpan``); the perangkat daerah's operator records
the tindak lanjut of each (rencana aksi, target, person responsible, status, evidence);
the evaluator accepts it or reopens it with a comment. An accepted follow-up is closed:
it changes only when the evaluator reopens it. Every write locks the row and is audited.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kinerja.audit import catat_perubahan
from kinerja.bukti import BuktiTidakSah, nama_aman, periksa_bukti
from kinerja.models import PerangkatDaerah
from kinerja.services.realisasi import ukuran_bukti_maks
from laporan.models import Rekomendasi

Status = Rekomendasi.Status
Tinjauan = Rekomendasi.Tinjauan

PESAN_DITERIMA = "Tindak lanjut ini sudah diterima evaluator; minta evaluator membukanya kembali."
PESAN_STATUS = "Status harus salah satu dari: belum, proses, selesai."
PESAN_KOMENTAR_WAJIB = "Tuliskan komentar: apa yang masih harus ditindaklanjuti."
PESAN_SUDAH_DITERIMA = "Tindak lanjut ini sudah diterima."
PESAN_BELUM_DIISI = "Perangkat daerah belum mengisi rencana aksi tindak lanjut."
PESAN_REKOMENDASI_KOSONG = "Teks rekomendasi tidak boleh kosong."


def _uraian(r: Rekomendasi) -> str:
    return f"Rekomendasi {r.urutan} LHE {r.perangkat_daerah.nama} tahun {r.tahun}"


def _audit(r: Rekomendasi, pengguna, aksi: str, lama, baru, **data) -> None:
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=r.perangkat_daerah,
        aksi=aksi,
        objek=r,
        uraian=_uraian(r),
        # The year whose LKjIP prints it (BAB IV of the next year): its draft follows.
        tahun=r.tahun + 1,
        lama=lama,
        baru=baru,
        data=data or None,
    )


@transaction.atomic
def rekomendasi_simpan(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    evaluasi_id: int,
    daftar: Sequence[tuple[str, datetime.date | None]],
    pengguna,
) -> list[Rekomendasi]:
    """Store the recommendations of a final evaluation (text, target date), numbered in order."""
    hasil = []
    for i, (teks, target) in enumerate(daftar, start=1):
        teks = (teks or "").strip()
        if not teks:
            raise ValidationError(PESAN_REKOMENDASI_KOSONG)
        r = Rekomendasi.objects.create(
            perangkat_daerah=pd,
            tahun=tahun,
            urutan=i,
            teks=teks,
            target=target,
            evaluasi_id=evaluasi_id,
        )
        _audit(r, pengguna, "rekomendasi.buat", None, {"teks": teks, "target": target})
        hasil.append(r)
    return hasil


def _kunci(r: Rekomendasi) -> Rekomendasi:
    return (
        Rekomendasi.objects.select_for_update(of=("self",))
        .select_related("perangkat_daerah")
        .get(pk=r.pk)
    )


def _simpan_berkas(r: Rekomendasi, berkas: UploadedFile) -> str | None:
    """The evidence file, checked as the realisasi's evidence; the name it replaces."""
    try:
        jenis = periksa_bukti(berkas, ukuran=berkas.size, ukuran_maks=ukuran_bukti_maks())
    except BuktiTidakSah as ex:
        raise ValidationError({"berkas": str(ex)}) from ex
    lama = r.berkas.name or None
    r.berkas_jenis = jenis
    r.berkas_nama = nama_aman(berkas.name or "", jenis)
    r.berkas_ukuran = berkas.size
    r.berkas.save(f"bukti.{jenis}", berkas, save=False)
    return lama


def _isi(r: Rekomendasi) -> dict:
    return {
        "rencana_aksi": r.rencana_aksi,
        "keluaran": r.keluaran,
        "tanggal_target": r.tanggal_target,
        "penanggung_jawab": r.penanggung_jawab,
        "status": r.status,
        "berkas": r.berkas_nama,
    }


@transaction.atomic
def tindak_lanjut_simpan(
    *,
    rekomendasi: Rekomendasi,
    rencana_aksi: str,
    keluaran: str = "",
    tanggal_target: datetime.date | None = None,
    penanggung_jawab: str = "",
    status: str = Status.BELUM,
    berkas: UploadedFile | None = None,
    pengguna,
) -> Rekomendasi:
    """The perangkat daerah's follow-up of one recommendation; it waits for the
    evaluator's review again (a reopened one too)."""
    r = _kunci(rekomendasi)
    if r.tinjauan == Tinjauan.DITERIMA:
        raise ValidationError(PESAN_DITERIMA)
    if status not in Status.values:
        raise ValidationError({"status": PESAN_STATUS})
    lama = _isi(r)
    r.rencana_aksi = rencana_aksi.strip()
    r.keluaran = keluaran.strip()
    r.tanggal_target = tanggal_target
    r.penanggung_jawab = penanggung_jawab.strip()
    r.status = status
    berkas_lama = _simpan_berkas(r, berkas) if berkas else None
    r.tinjauan = Tinjauan.MENUNGGU
    r.diubah_pada = timezone.now()
    r.save()
    if berkas_lama:
        storage = r.berkas.storage
        transaction.on_commit(lambda: storage.delete(berkas_lama))
    _audit(r, pengguna, "tindak_lanjut.ubah", lama, _isi(r))
    return r


@transaction.atomic
def tindak_lanjut_terima(*, rekomendasi: Rekomendasi, pengguna, komentar: str = "") -> Rekomendasi:
    """The evaluator accepts the follow-up: it is closed."""
    r = _kunci(rekomendasi)
    if r.tinjauan == Tinjauan.DITERIMA:
        raise ValidationError(PESAN_SUDAH_DITERIMA)
    if not r.rencana_aksi:
        raise ValidationError(PESAN_BELUM_DIISI)
    lama = r.tinjauan
    r.tinjauan, r.komentar, r.ditinjau_pada = Tinjauan.DITERIMA, komentar.strip(), timezone.now()
    r.save()
    _audit(r, pengguna, "tindak_lanjut.terima", lama, r.tinjauan, komentar=r.komentar)
    return r


@transaction.atomic
def tindak_lanjut_buka(*, rekomendasi: Rekomendasi, pengguna, komentar: str) -> Rekomendasi:
    """The evaluator reopens the follow-up, saying what is still to be done."""
    if not komentar.strip():
        raise ValidationError({"komentar": PESAN_KOMENTAR_WAJIB})
    r = _kunci(rekomendasi)
    lama = r.tinjauan
    r.tinjauan, r.komentar, r.ditinjau_pada = Tinjauan.DIBUKA, komentar.strip(), timezone.now()
    r.save()
    _audit(r, pengguna, "tindak_lanjut.buka", lama, r.tinjauan, komentar=r.komentar)
    return r
