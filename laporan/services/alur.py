"""The workflow of the LKjIP of a year.

draf → diajukan (operator, only when ``kesiapan_lkjip`` finds nothing missing)
→ draf again with a comment (kepala returns it) or → ditetapkan (kepala signs:
the PDF is rendered once, stamped with its content hash and stored as an
immutable ``SnapshotLKjIP``) → draf again when reopened with a reason (kepala or
admin pemda); the next sign-off is version + 1 and old versions stay.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kinerja.audit import format_waktu, kepala_rantai
from kinerja.penandatangan import kepala_pd
from kinerja.services.review import triwulan_buka_kembali
from kinerja.services.tahun import tahun_kunci, tahun_lepas
from laporan.models import LKjIP, PembukaanKembali, SnapshotLKjIP
from laporan.services.kesiapan import BelumSiap, kesiapan_lkjip
from laporan.services.kunci import catat_lkjip, lkjip_for_update, pastikan_draf, status_teks
from laporan.services.tetap import aturan_lepas, aturan_tetapkan

Status = LKjIP.Status

PESAN_TIDAK_BISA_AJUKAN = (
    "LKjIP tahun {tahun} berstatus {status}; hanya LKjIP berstatus draf yang dapat diajukan."
)
PESAN_BELUM_DIAJUKAN = (
    "LKjIP tahun {tahun} berstatus {status}; hanya LKjIP yang sudah diajukan yang dapat {aksi}."
)
PESAN_BELUM_DITETAPKAN = (
    "LKjIP tahun {tahun} berstatus {status}; hanya LKjIP yang sudah ditetapkan yang dapat "
    "dibuka kembali."
)
PESAN_KOMENTAR_WAJIB = "Tuliskan komentar: apa yang harus diperbaiki operator."
PESAN_ALASAN_WAJIB = "Tuliskan alasan pembukaan kembali LKjIP yang sudah ditetapkan."
PESAN_ISI_SAMA = (
    "Isi LKjIP sama persis dengan versi {versi} yang sudah ditetapkan (kode {kode}); "
    "ubah data atau narasi yang perlu dikoreksi sebelum menetapkan ulang."
)


@transaction.atomic
def penandatanganan_simpan(
    *, lkjip: LKjIP, tempat: str, tanggal: datetime.date | None, pengguna
) -> LKjIP:
    """Where and when the LKjIP is signed (the kata pengantar's place and date)."""
    lkjip = lkjip_for_update(lkjip)
    pastikan_draf(lkjip)
    lama = {"tempat": lkjip.tempat, "tanggal": lkjip.tanggal}
    baru = {"tempat": tempat.strip(), "tanggal": tanggal}
    if lama == baru:
        return lkjip
    lkjip.tempat, lkjip.tanggal = baru["tempat"], tanggal
    lkjip.save(update_fields=["tempat", "tanggal"])
    catat_lkjip(lkjip, pengguna=pengguna, aksi="lkjip.penandatanganan", lama=lama, baru=baru)
    return lkjip


@transaction.atomic
def lkjip_ajukan(*, lkjip: LKjIP, pengguna) -> LKjIP:
    """The operator submits the LKjIP to the kepala; refused with the checklist if not ready."""
    lkjip = lkjip_for_update(lkjip)
    if lkjip.status != Status.DRAF:
        raise ValidationError(
            PESAN_TIDAK_BISA_AJUKAN.format(tahun=lkjip.tahun, status=status_teks(lkjip))
        )
    kurang = kesiapan_lkjip(lkjip.perangkat_daerah, lkjip.tahun)
    if kurang:
        raise BelumSiap(lkjip.tahun, kurang)
    lkjip.status = Status.DIAJUKAN
    lkjip.diajukan_pada = timezone.now()
    lkjip.komentar_kepala = ""
    lkjip.save(update_fields=["status", "diajukan_pada", "komentar_kepala"])
    catat_lkjip(lkjip, pengguna=pengguna, aksi="lkjip.ajukan", lama=Status.DRAF, baru=lkjip.status)
    return lkjip


def _pastikan_diajukan(lkjip: LKjIP, aksi: str) -> None:
    if lkjip.status != Status.DIAJUKAN:
        raise ValidationError(
            PESAN_BELUM_DIAJUKAN.format(tahun=lkjip.tahun, status=status_teks(lkjip), aksi=aksi)
        )


@transaction.atomic
def lkjip_kembalikan(*, lkjip: LKjIP, pengguna, komentar: str) -> LKjIP:
    """The kepala returns the submitted LKjIP to the operator with what to correct."""
    komentar = komentar.strip()
    if not komentar:
        raise ValidationError({"komentar": PESAN_KOMENTAR_WAJIB})
    lkjip = lkjip_for_update(lkjip)
    _pastikan_diajukan(lkjip, "dikembalikan")
    lkjip.status = Status.DRAF
    lkjip.komentar_kepala = komentar
    lkjip.save(update_fields=["status", "komentar_kepala"])
    catat_lkjip(
        lkjip,
        pengguna=pengguna,
        aksi="lkjip.kembalikan",
        lama=Status.DIAJUKAN,
        baru=Status.DRAF,
        data={"komentar": komentar},
    )
    return lkjip


def keterangan_stempel(
    penandatangan: str,
    jabatan: str,
    waktu: datetime.datetime,
    riwayat: tuple[int, str] | None = None,
) -> str:
    teks = (
        f"Ditetapkan secara elektronik oleh {penandatangan}, {jabatan}, "
        f"pada {format_waktu(waktu)} WIB"
    )
    if riwayat is not None:
        # The audit chain's head: `manage.py periksa_riwayat` checks it still fits.
        teks += f"; riwayat #{riwayat[0]} {riwayat[1][:16]}"
    return teks


def nama_berkas_snapshot(snapshot: SnapshotLKjIP) -> str:
    pd = snapshot.lkjip.perangkat_daerah
    nama = "-".join(pd.nama.split())
    return f"LKjIP-{snapshot.lkjip.tahun}-{nama}-versi-{snapshot.versi}.pdf"


def tetapkan_periksa(lkjip: LKjIP) -> None:
    """What a sign-off checks first, without locking (the sign-off page answers at
    once; ``lkjip_tetapkan`` checks again under the row lock): ValidationError when
    the LKjIP is not submitted, BelumSiap when something is missing."""
    _pastikan_diajukan(lkjip, "ditetapkan")
    kurang = kesiapan_lkjip(lkjip.perangkat_daerah, lkjip.tahun)
    if kurang:
        raise BelumSiap(lkjip.tahun, kurang)


@transaction.atomic
def lkjip_tetapkan(
    *, lkjip: LKjIP, pengguna, alamat_verifikasi: Callable[[str], str], pool=None
) -> SnapshotLKjIP:
    """The kepala signs off: render the PDF once with its stamp, store it, lock the year.

    ``alamat_verifikasi(kode_isi)`` gives the absolute URL of the public
    verification page printed (with a QR code) on every page. Everything happens
    in one transaction: if rendering or storing fails nothing changes. It runs in a
    job of the queue (``laporan.jobs.tetap_jalankan``); ``pool``: the executor of the
    parts of the print (``laporan.jobs.CeleryPool`` in a worker).
    """
    from laporan.dokumen import susun_dokumen
    from laporan.pdf import (
        Stempel,
        arsip_dokumen,
        cetak_html,
        document_key,
        kode_isi,
        render_html,
    )

    lkjip = lkjip_for_update(lkjip)
    _pastikan_diajukan(lkjip, "ditetapkan")
    pd = lkjip.perangkat_daerah
    kurang = kesiapan_lkjip(pd, lkjip.tahun)
    if kurang:
        raise BelumSiap(lkjip.tahun, kurang)
    # The year keeps the rules it is signed with (rolled back if anything below fails).
    aturan_tetapkan(pd=pd, tahun=lkjip.tahun, pengguna=pengguna)
    kepala = kepala_pd(pd, lkjip.tahun)
    sekarang = timezone.now()
    lama = lkjip.status
    kolom = ["status"]
    if lkjip.tanggal is None:
        # The kata pengantar is dated the day it is signed unless the operator chose a date.
        lkjip.tanggal = timezone.localdate(sekarang)
        kolom.append("tanggal")
    # The document is assembled as signed; a failure below rolls this back.
    lkjip.status = Status.DITETAPKAN
    lkjip.save(update_fields=kolom)
    tahun_kunci(pd, lkjip.tahun)
    dokumen = susun_dokumen(pd, lkjip.tahun)
    kode = kode_isi(dokumen)
    sama = SnapshotLKjIP.objects.filter(kode_isi=kode).first()
    if sama is not None:
        raise ValidationError(PESAN_ISI_SAMA.format(versi=sama.versi, kode=kode[:12]))
    versi = (SnapshotLKjIP.objects.filter(lkjip=lkjip).aggregate(m=Max("versi"))["m"] or 0) + 1
    penandatangan, jabatan = kepala.nama_lengkap, kepala.jabatan_lengkap
    riwayat = kepala_rantai(pd.pemda_id)
    stempel = Stempel(
        kode_isi=kode,
        url_verifikasi=alamat_verifikasi(kode),
        versi=versi,
        keterangan=keterangan_stempel(penandatangan, jabatan, sekarang, riwayat),
    )
    pdf, halaman = cetak_html(
        render_html(dokumen, stempel=stempel),
        kunci=document_key(pd, lkjip.tahun),
        arsip=arsip_dokumen(dokumen),
        **({"pool": pool} if pool is not None else {}),
    )
    snapshot = SnapshotLKjIP(
        lkjip=lkjip,
        versi=versi,
        sha256=hashlib.sha256(pdf).hexdigest(),
        kode_isi=kode,
        halaman=halaman,
        ukuran=len(pdf),
        ditetapkan_pada=sekarang,
        ditetapkan_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        nama_penandatangan=penandatangan,
        jabatan_penandatangan=jabatan,
        riwayat_urutan=riwayat[0],
        riwayat_hash=riwayat[1],
    )
    snapshot.berkas.save(f"lkjip-{lkjip.tahun}.pdf", ContentFile(pdf), save=False)
    try:
        snapshot.save()
        catat_lkjip(
            lkjip,
            pengguna=pengguna,
            aksi="lkjip.tetapkan",
            lama=lama,
            baru=lkjip.status,
            data={
                "versi": versi,
                "sha256": snapshot.sha256,
                "kode_isi": kode,
                "halaman": halaman,
                "penandatangan": penandatangan,
            },
        )
    except BaseException:
        # The row is rolled back with the transaction; the file must go too.
        snapshot.berkas.delete(save=False)
        raise
    return snapshot


@transaction.atomic
def lkjip_buka_kembali(
    *,
    lkjip: LKjIP,
    pengguna,
    alasan: str,
    triwulan: Iterable[int] = (),
    hitung_ulang: bool = False,
) -> PembukaanKembali:
    """Reopen a signed LKjIP (kepala or admin pemda): the year is editable again, the
    signed versions stay, and the next sign-off is a new version.

    The approved quarters named in ``triwulan`` are reopened in the same transaction with
    the same reason, so the operator can correct their realisasi; all or nothing.

    The year keeps the rules it was signed with unless ``hitung_ulang``: then its
    stored rules are dropped and it is computed with the pemda's rules of today.
    """
    triwulan = sorted(set(triwulan))
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": PESAN_ALASAN_WAJIB})
    lkjip = lkjip_for_update(lkjip)
    if lkjip.status != Status.DITETAPKAN:
        raise ValidationError(
            PESAN_BELUM_DITETAPKAN.format(tahun=lkjip.tahun, status=status_teks(lkjip))
        )
    snapshot = SnapshotLKjIP.objects.filter(lkjip=lkjip).order_by("-versi").first()
    buka = PembukaanKembali.objects.create(
        lkjip=lkjip,
        snapshot=snapshot,
        alasan=alasan,
        oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    lkjip.status = Status.DRAF
    lkjip.komentar_kepala = ""
    lkjip.save(update_fields=["status", "komentar_kepala"])
    tahun_lepas(lkjip.perangkat_daerah, lkjip.tahun)
    if hitung_ulang:
        aturan_lepas(pd=lkjip.perangkat_daerah, tahun=lkjip.tahun, pengguna=pengguna)
    catat_lkjip(
        lkjip,
        pengguna=pengguna,
        aksi="lkjip.buka_kembali",
        lama=Status.DITETAPKAN,
        baru=Status.DRAF,
        data={
            "alasan": alasan,
            "versi": snapshot.versi if snapshot else None,
            "triwulan": triwulan,
            "hitung_ulang": hitung_ulang,
        },
    )
    # After the LKjIP is a draft again, so the year is no longer locked.
    for q in triwulan:
        triwulan_buka_kembali(
            pd=lkjip.perangkat_daerah,
            tahun=lkjip.tahun,
            triwulan=q,
            pengguna=pengguna,
            alasan=alasan,
        )
    return buka
