"""Every URL of the project × every role, on the user's own and on another perangkat daerah.

anonymous → login; a perangkat daerah or pemda the user may not see → 404;
visible but read-only → 403 on writes; allowed → 200/302. Adding a URL to the
project without listing it in MATRIKS makes test_every_url_is_in_the_matrix fail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from anggaran.models import Pagu
from kinerja.audit import catat_perubahan
from kinerja.models import BuktiDukung, Indikator, Peran, Realisasi

PERAN = [
    "anonim",
    "operator_a",
    "kepala_a",
    "evaluator",
    "admin_pemda",
    "operator_b",
    "evaluator_lain",
]

# Expected status per role when the URL names perangkat daerah A (Randublatung, Blora).
# "ok" means 200 or 302 (a redirect that is not to the login page).
BACA_PD = {
    "anonim": "masuk",
    "operator_a": "ok",
    "kepala_a": "ok",
    "evaluator": "ok",
    "admin_pemda": "ok",
    "operator_b": 404,
    "evaluator_lain": 404,
}
TULIS_PD = {**BACA_PD, "kepala_a": 403, "evaluator": 403, "admin_pemda": 403}
# The officials of a perangkat daerah: its operator, or the admin of its pemda.
TULIS_PEJABAT = {**TULIS_PD, "admin_pemda": "ok"}
TINJAU_PD = {**BACA_PD, "operator_a": 403, "evaluator": 403, "admin_pemda": 403}
KELOLA_PEMDA = {
    "anonim": "masuk",
    "operator_a": 403,
    "kepala_a": 403,
    "evaluator": 403,
    "admin_pemda": "ok",
    "operator_b": 403,
    "evaluator_lain": 404,
}
# Opening a new year: the operator of the perangkat daerah, or the admin of the pemda.
BUKA_TAHUN = {**BACA_PD, "kepala_a": 403, "evaluator": 403}
# A new Renstra period or a revision: the operator of the perangkat daerah or its admin pemda.
RENSTRA_PD = {**TULIS_PD, "admin_pemda": "ok"}
# Reopening a signed LKjIP: its kepala, or the admin of the pemda.
BUKA_PD = {**BACA_PD, "operator_a": 403, "evaluator": 403}
# An import job's page: the users of its perangkat daerah and the admin of its pemda;
# everybody else 404, the evaluator included. A data package's job: its admin pemda only.
IMPOR_JOB_PD = {**BACA_PD, "evaluator": 404}
IMPOR_JOB_PEMDA = {p: 404 for p in PERAN} | {"anonim": "masuk", "admin_pemda": "ok"}
# The evaluator's pages of a pemda: its evaluator and admin pemda; the kecamatan users of
# the pemda get 403, everybody of another pemda 404.
EVALUASI_PEMDA = {**KELOLA_PEMDA, "evaluator": "ok"}
# The LKE evaluation of a perangkat daerah's year: its operator and kepala answer the
# self-assessment, the evaluator scores, the pengendali teknis (not a role of this matrix;
# tests/evaluasi) approves or returns, so every role here gets 403 on that step.
JAWAB_LKE = {**BACA_PD, "evaluator": 403, "admin_pemda": 403}
NILAI_LKE = {**BACA_PD, "operator_a": 403, "kepala_a": 403, "admin_pemda": 403}
KENDALI_LKE = {**NILAI_LKE, "evaluator": 403}
# The pemda's summary workbook and kabupaten dashboard: its evaluator and admin pemda;
# 404 for everyone else, the kecamatan users of the pemda too.
KABUPATEN = {**EVALUASI_PEMDA, "operator_a": 404, "kepala_a": 404, "operator_b": 404}
SEMUA_MASUK = {p: "ok" for p in PERAN} | {"anonim": "masuk"}
PUBLIK = {p: "ok" for p in PERAN}
# The API answers 401 (JSON) to anonymous callers, not the login page.
API_PD = {**BACA_PD, "anonim": 401}
API_SEMUA = {**SEMUA_MASUK, "anonim": 401}


@dataclass
class Kasus:
    harapan: dict
    metode: str = "get"
    # kwargs of the URL for a perangkat daerah (and its pemda): callable(pd) -> dict
    kwargs: Callable | None = None
    data: Callable | dict = field(default_factory=dict)
    # Whether the URL belongs to a perangkat daerah/pemda (then it is also
    # checked against a foreign one: 404 for the users of A).
    milik: bool = True
    # A page that also takes the other method: (method, expectations).
    juga: tuple[str, dict] | None = None


def _indikator(pd):
    return (
        Indikator.objects.filter(renstra__perangkat_daerah=pd, rencana_aksi__tahun=2024)
        .distinct()
        .order_by("pk")
        .first()
    )


def _bukti(pd):
    realisasi, _ = Realisasi.objects.get_or_create(
        indikator=_indikator(pd), tahun=2024, triwulan=1, defaults={"versi": 0}
    )
    bukti = BuktiDukung(realisasi=realisasi, nama_asli="bukti.pdf", ukuran=9, jenis="pdf")
    bukti.berkas.save("bukti.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    bukti.save()
    return bukti


def _log(pd):
    """A change recorded on one of the perangkat daerah's pagu rows."""
    pagu = Pagu.objects.filter(dpa__perangkat_daerah=pd).order_by("pk").first()
    return catat_perubahan(
        pengguna=None, perangkat_daerah=pd, aksi="pagu.ubah", objek=pagu, tahun=2024, lama=1, baru=2
    )


def _pejabat_pd(pd, **extra):
    from kinerja.models import Pejabat

    p = Pejabat.objects.filter(perangkat_daerah=pd, tahun=2024).order_by("pk").first()
    return _pd_tahun(pd, pk=p.pk, **extra)


def _pejabat_pemda(pd):
    from kinerja.models import Pejabat

    p = Pejabat.objects.filter(pemda=pd.pemda, perangkat_daerah=None, tahun=2024)
    return _pemda(pd, pk=p.order_by("pk").first().pk)


def _pkb(pd):
    from kinerja.models import PKBerjenjang

    pkb, _ = PKBerjenjang.objects.get_or_create(
        perangkat_daerah=pd, tahun=2024, jabatan="Sekretaris Kecamatan"
    )
    return _pd_tahun(pd, pk=pkb.pk)


def _pemda(pd, **extra):
    return {"kode": pd.pemda.kode, **extra}


def _cetak_kabupaten(pd):
    """A finished bulk print of the perangkat daerah's pemda (its zip stored)."""
    import uuid

    from laporan.models import CetakKabupaten

    job = CetakKabupaten.objects.filter(pemda=pd.pemda).first()
    if job is None:
        job = CetakKabupaten(id=uuid.uuid4(), pemda=pd.pemda, tahun=2024, status="selesai")
        job.berkas.save("lkjip.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=False)
        job.save()
    return _pemda(pd, job=job.pk)


def _pengguna_pemda(pd):
    return Peran.objects.filter(pemda=pd.pemda).order_by("pk").first().pengguna_id


def _tw(pd, **extra):
    return _pd_tahun(pd, triwulan=1, **extra)


def _pd(pd, **extra):
    return {"kode": pd.kode, **extra}


def _renstra(pd, **extra):
    return _pd(pd, mulai=pd.renstra.order_by("mulai").first().mulai, **extra)


def _revisi_terbuka(pd):
    """The number of an open revision of the perangkat daerah's Renstra (opened if none is)."""
    import datetime

    from kinerja.services.renstra import revisi_buka, revisi_terbuka

    renstra = pd.renstra.order_by("mulai").first()
    revisi = revisi_terbuka(renstra) or revisi_buka(
        renstra=renstra, pengguna=None, tanggal=datetime.date(2025, 3, 12), alasan="Uji akses"
    )
    return revisi.nomor


def _pd_tahun(pd, **extra):
    return {"kode": pd.kode, "tahun": 2024, **extra}


def _token(username: str):
    from django.contrib.auth import get_user_model

    from api.models import TokenAPI

    return TokenAPI.buat(get_user_model().objects.get(username=username), "uji")[0]


def _snapshot(pd):
    """A signed version of the perangkat daerah's LKjIP 2024 (a stored file, not rendered)."""
    import uuid

    from laporan.models import LKjIP, SnapshotLKjIP
    from tests.laporan.data_alur import simpan_snapshot

    lkjip = LKjIP.objects.get(perangkat_daerah=pd, tahun=2024)
    return simpan_snapshot(
        lkjip,
        versi=SnapshotLKjIP.objects.filter(lkjip=lkjip).count() + 1,
        isi=b"%PDF-1.4\n% " + uuid.uuid4().hex.encode() + b"\n%%EOF\n",
        halaman=1,
        penandatangan=("Kepala", "Camat"),
    )


def _cetak_job(pd):
    """A finished draft print of the perangkat daerah's LKjIP 2024 (a stored file)."""
    import uuid

    from django.core.files.base import ContentFile

    from laporan.models import CetakJob

    job = CetakJob(
        id=uuid.uuid4(), perangkat_daerah=pd, tahun=2024, kode_isi="0" * 64, status="selesai"
    )
    job.berkas.save("draf.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    job.save()
    return _pd_tahun(pd, job=job.pk)


def _impor_job(pd, paket: bool = False):
    """A finished import job of the perangkat daerah (or, ``paket``, of its pemda)."""
    import uuid

    from interchange.models import ImporJob

    job = ImporJob.objects.create(
        id=uuid.uuid4(),
        jenis=ImporJob.Jenis.PAKET if paket else ImporJob.Jenis.REGISTER,
        pemda=pd.pemda,
        perangkat_daerah=None if paket else pd,
        judul="uji",
        status=ImporJob.Status.SELESAI,
    )
    return {"kode": pd.pemda.kode if paket else pd.kode, "job": job.pk}


def _tabel_sdm_kosong(pd):
    """A valid post of the (empty) SDM table: one row."""
    from laporan.selectors import versi_tabel

    return {
        "sdm-TOTAL_FORMS": "1",
        "sdm-INITIAL_FORMS": "0",
        "sdm-versi": versi_tabel([]),
        "sdm-0-kelompok": "Eselon",
        "sdm-0-uraian": "III.a",
        "sdm-0-pns": "1",
        "tabel": "sdm",
    }


def _skm_isian() -> dict:
    return {"periode": "Triwulan I 2024", "responden": "50"} | {
        f"U{i}": "3,5" for i in range(1, 10)
    }


def _skm(pd):
    """An SKM of the perangkat daerah in 2024 (the demo has one only for Randublatung)."""
    from kinerja.models import HasilSKM, NilaiUnsurSKM

    hasil = HasilSKM.objects.filter(perangkat_daerah=pd, tahun=2024).first()
    if hasil is None:
        hasil = HasilSKM.objects.create(perangkat_daerah=pd, tahun=2024, periode="TW IV")
        NilaiUnsurSKM.objects.bulk_create(
            NilaiUnsurSKM(hasil=hasil, unsur=f"U{i}", nrr=3) for i in range(1, 10)
        )
    return hasil


def _berkas_pdf(pd):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"berkas": SimpleUploadedFile("lkjip.pdf", b"%PDF-1.4\n", "application/pdf")}


def _template_lke(pd, **extra):
    from evaluasi.services.template import template_bawaan_muat

    return _pemda(pd, versi=template_bawaan_muat(pd.pemda).versi, **extra)


def _sub_lke(pd):
    from evaluasi.models import SubKomponenLke

    kw = _template_lke(pd)
    sub = SubKomponenLke.objects.filter(komponen__template__pemda=pd.pemda).order_by("pk")
    return {**kw, "pk": sub.first().pk}


def _kriteria_lke(pd):
    from evaluasi.models import KriteriaLke

    kw = _template_lke(pd)
    k = KriteriaLke.objects.filter(sub__komponen__template__pemda=pd.pemda).order_by("pk")
    return {**kw, "pk": k.first().pk}


def _evaluasi_lke(pd):
    from evaluasi.models import EvaluasiLke
    from evaluasi.services.evaluasi import evaluasi_buat

    e = EvaluasiLke.objects.filter(perangkat_daerah=pd, tahun=2024).first()
    return e or evaluasi_buat(pd=pd, tahun=2024, pengguna=None)


def _lke(pd, **extra):
    _evaluasi_lke(pd)
    return _pd_tahun(pd, **extra)


def _jawaban_lke(pd):
    j = _evaluasi_lke(pd).jawaban.order_by("pk").first()
    return j


def _berkas_lke(pd):
    j = _jawaban_lke(pd)
    if not j.berkas:
        j.berkas_jenis, j.berkas_nama, j.berkas_ukuran = "pdf", "pedoman.pdf", 9
        j.berkas.save("bukti.pdf", ContentFile(b"%PDF-1.4\n"))
    return _pd_tahun(pd, pk=j.pk)


def _rekomendasi_lke(pd):
    e = _evaluasi_lke(pd)
    r = e.rekomendasi.order_by("pk").first() or e.rekomendasi.create(urutan=1, teks="R")
    return _pd_tahun(pd, pk=r.pk)


def _lhe(pd):
    """A final evaluation of 2022 (made final directly: the matrix checks access only)."""
    from django.utils import timezone

    from evaluasi.models import EvaluasiLke
    from evaluasi.services.evaluasi import evaluasi_buat

    e = EvaluasiLke.objects.filter(perangkat_daerah=pd, tahun=2022).first()
    if e is None:
        e = evaluasi_buat(pd=pd, tahun=2022, pengguna=None)
        EvaluasiLke.objects.filter(pk=e.pk).update(
            status="final", nilai=80, predikat="A", final_pada=timezone.now()
        )
    return _pd(pd, tahun=2022)


def _rekomendasi(pd, berkas: bool = False):
    from laporan.models import Rekomendasi

    r = Rekomendasi.objects.filter(perangkat_daerah=pd).order_by("pk").first()
    if r is None:
        r = Rekomendasi.objects.create(
            perangkat_daerah=pd, tahun=2023, teks="R", evaluasi_id=pd.pk, rencana_aksi="A"
        )
    if berkas and not r.berkas:
        r.berkas_jenis, r.berkas_nama, r.berkas_ukuran = "pdf", "sop.pdf", 9
        r.berkas.save("bukti.pdf", ContentFile(b"%PDF-1.4\n"))
    return _pd(pd, pk=r.pk)


MATRIKS: dict[str, Kasus] = {
    "beranda": Kasus(SEMUA_MASUK, milik=False),
    "masuk": Kasus(PUBLIK, milik=False),
    # Logging out ends on the login page, for everyone.
    "keluar": Kasus({p: 302 for p in PERAN}, metode="post", milik=False),
    "pd-beranda": Kasus(BACA_PD, kwargs=_pd_tahun),
    "pd-hitung": Kasus(BACA_PD, kwargs=_pd_tahun),
    # Realisasi triwulan, evidence and review
    "realisasi-triwulan": Kasus(BACA_PD, kwargs=_tw, juga=("post", TULIS_PD)),
    "realisasi-xlsx": Kasus(BACA_PD, kwargs=_tw),
    # POST without a file: past the access check, refused as a bad upload (400).
    "realisasi-xlsx-impor": Kasus(
        TULIS_PD, kwargs=_tw, juga=("post", {**TULIS_PD, "operator_a": 400})
    ),
    "realisasi-xlsx-simpan": Kasus(TULIS_PD, metode="post", kwargs=_tw),
    "realisasi-pratinjau": Kasus(
        TULIS_PD,
        metode="post",
        kwargs=_tw,
        data=lambda pd: {"indikator": _indikator(pd).pk, "nilai": "90"},
    ),
    "bukti-unggah": Kasus(
        TULIS_PD, metode="post", kwargs=lambda pd: _tw(pd, indikator_id=_indikator(pd).pk)
    ),
    "realisasi-ajukan": Kasus(TULIS_PD, metode="post", kwargs=_tw),
    "realisasi-setujui": Kasus(TINJAU_PD, metode="post", kwargs=_tw),
    "realisasi-kembalikan": Kasus(TINJAU_PD, metode="post", kwargs=_tw),
    "realisasi-buka-kembali": Kasus(
        BUKA_PD, metode="post", kwargs=_tw, data={"alasan": "Koreksi realisasi."}
    ),
    "bukti-unduh": Kasus(BACA_PD, kwargs=lambda pd: _pd_tahun(pd, bukti_id=_bukti(pd).pk)),
    "bukti-hapus": Kasus(
        TULIS_PD, metode="post", kwargs=lambda pd: _pd_tahun(pd, bukti_id=_bukti(pd).pk)
    ),
    # SKM and comparison values
    "skm-daftar": Kasus(
        BACA_PD, kwargs=_pd_tahun, juga=("post", TULIS_PD), data=lambda pd: _skm_isian()
    ),
    "skm-ubah": Kasus(
        TULIS_PD,
        kwargs=lambda pd: _pd_tahun(pd, pk=_skm(pd).pk),
        juga=("post", TULIS_PD),
        data=lambda pd: _skm_isian(),
    ),
    "skm-hapus": Kasus(TULIS_PD, metode="post", kwargs=lambda pd: _pd_tahun(pd, pk=_skm(pd).pk)),
    "pembanding": Kasus(BACA_PD, kwargs=_pd_tahun, juga=("post", TULIS_PD)),
    # Budget
    "anggaran-ringkasan": Kasus(BACA_PD, kwargs=_pd_tahun),
    # POST without a file: past the access check, refused as a bad upload (400).
    "anggaran-dpa-impor": Kasus(
        TULIS_PD,
        kwargs=lambda pd: _pd_tahun(pd, versi="murni"),
        juga=("post", {**TULIS_PD, "operator_a": 400}),
    ),
    "anggaran-realisasi-impor": Kasus(
        TULIS_PD,
        kwargs=lambda pd: _pd_tahun(pd, triwulan=2),
        juga=("post", {**TULIS_PD, "operator_a": 400}),
    ),
    "anggaran-dpa-templat": Kasus(BACA_PD, kwargs=lambda pd: _pd_tahun(pd, versi="murni")),
    "anggaran-dpa": Kasus(
        TULIS_PD,
        metode="post",
        kwargs=lambda pd: _pd_tahun(pd, versi="murni"),
        juga=("get", BACA_PD),
    ),
    "anggaran-realisasi": Kasus(
        TULIS_PD, metode="post", kwargs=lambda pd: _pd_tahun(pd, triwulan=1), juga=("get", BACA_PD)
    ),
    "anggaran-sasaran": Kasus(TULIS_PD, metode="post", kwargs=_pd_tahun, juga=("get", BACA_PD)),
    # Planning
    "perencanaan-renstra": Kasus(BACA_PD, kwargs=_pd),
    "perencanaan-program": Kasus(BACA_PD, kwargs=_pd),
    "perencanaan-renstra-baru": Kasus(RENSTRA_PD, kwargs=_pd, juga=("post", RENSTRA_PD)),
    "perencanaan-renstra-revisi-baru": Kasus(
        RENSTRA_PD, kwargs=lambda pd: _renstra(pd), juga=("post", RENSTRA_PD)
    ),
    "perencanaan-renstra-versi": Kasus(BACA_PD, kwargs=lambda pd: _renstra(pd, nomor=0)),
    "register-xlsx": Kasus(BACA_PD, kwargs=lambda pd: _renstra(pd)),
    # POST without a file: past the access check, refused as a bad upload (400).
    "register-impor": Kasus(
        TULIS_PD,
        kwargs=lambda pd: _renstra(pd),
        juga=("post", {**TULIS_PD, "operator_a": 400}),
    ),
    "perencanaan-indikator-baru": Kasus(
        TULIS_PD, kwargs=lambda pd: _renstra(pd), juga=("post", TULIS_PD)
    ),
    "perencanaan-indikator-hapus": Kasus(
        TULIS_PD, metode="post", kwargs=lambda pd: _pd(pd, pk=_indikator(pd).pk)
    ),
    "perencanaan-renstra-revisi-selesai": Kasus(
        RENSTRA_PD, metode="post", kwargs=lambda pd: _renstra(pd, nomor=_revisi_terbuka(pd))
    ),
    "perencanaan-tujuan-ubah": Kasus(
        TULIS_PD,
        kwargs=lambda pd: _pd(pd, pk=pd.renstra.first().tujuan.first().pk),
        juga=("post", TULIS_PD),
    ),
    "perencanaan-indikator": Kasus(BACA_PD, kwargs=lambda pd: _pd(pd, pk=_indikator(pd).pk)),
    "perencanaan-indikator-ubah": Kasus(
        TULIS_PD, kwargs=lambda pd: _pd(pd, pk=_indikator(pd).pk), juga=("post", TULIS_PD)
    ),
    "perencanaan-pk": Kasus(BACA_PD, kwargs=_pd_tahun),
    "perencanaan-pk-berjenjang": Kasus(BACA_PD, kwargs=_pd_tahun),
    "perencanaan-pk-ubah": Kasus(
        TULIS_PD, kwargs=lambda pd: _pd_tahun(pd, versi="perubahan"), juga=("post", TULIS_PD)
    ),
    "perencanaan-pk-perubahan-baru": Kasus(
        TULIS_PD, metode="post", kwargs=_pd_tahun, data={"dari_versi": "perubahan"}
    ),
    "perencanaan-rencana-aksi": Kasus(BACA_PD, kwargs=_pd_tahun, juga=("post", TULIS_PD)),
    # Opening a year (2025: not open yet in the demo data)
    "tahun-buka": Kasus(
        BUKA_TAHUN, metode="post", kwargs=lambda pd: {"kode": pd.kode, "tahun": 2025}
    ),
    "pk-pdf": Kasus(BACA_PD, kwargs=lambda pd: _pd_tahun(pd, versi="perubahan")),
    "pk-berjenjang-baru": Kasus(TULIS_PD, kwargs=_pd_tahun, juga=("post", TULIS_PD)),
    "pk-berjenjang-ubah": Kasus(TULIS_PD, kwargs=_pkb, juga=("post", TULIS_PD)),
    "pk-berjenjang-hapus": Kasus(TULIS_PD, metode="post", kwargs=_pkb),
    # Officials of a year
    "pejabat-pd": Kasus(BACA_PD, kwargs=_pd_tahun, juga=("post", TULIS_PEJABAT)),
    "pejabat-pd-salin": Kasus(
        TULIS_PEJABAT, metode="post", kwargs=_pd_tahun, data={"dari": "2023"}
    ),
    "pejabat-pd-ubah": Kasus(TULIS_PEJABAT, kwargs=_pejabat_pd, juga=("post", TULIS_PEJABAT)),
    "pejabat-pd-hapus": Kasus(TULIS_PEJABAT, metode="post", kwargs=_pejabat_pd),
    "pemda-pejabat": Kasus(KELOLA_PEMDA, kwargs=_pemda, juga=("post", KELOLA_PEMDA)),
    "pemda-pejabat-ubah": Kasus(KELOLA_PEMDA, kwargs=_pejabat_pemda, juga=("post", KELOLA_PEMDA)),
    "pemda-pejabat-hapus": Kasus(KELOLA_PEMDA, metode="post", kwargs=_pejabat_pemda),
    # Admin pemda
    "pemda-aturan": Kasus(KELOLA_PEMDA, kwargs=_pemda, juga=("post", KELOLA_PEMDA)),
    "pemda-aturan-periksa": Kasus(KELOLA_PEMDA, metode="post", kwargs=_pemda),
    "pemda-perangkat-daerah": Kasus(KELOLA_PEMDA, kwargs=_pemda, juga=("post", KELOLA_PEMDA)),
    "pemda-perangkat-daerah-ubah": Kasus(
        KELOLA_PEMDA, kwargs=lambda pd: _pemda(pd, pk=pd.pk), juga=("post", KELOLA_PEMDA)
    ),
    "pemda-pengguna": Kasus(KELOLA_PEMDA, kwargs=_pemda),
    "pemda-pembanding": Kasus(KELOLA_PEMDA, kwargs=_pemda),
    # POST without a file: past the access check, refused as a bad upload (400).
    "pemda-impor-paket": Kasus(
        KELOLA_PEMDA, kwargs=_pemda, juga=("post", {**KELOLA_PEMDA, "admin_pemda": 400})
    ),
    "pemda-impor-job": Kasus(IMPOR_JOB_PEMDA, kwargs=lambda pd: _impor_job(pd, paket=True)),
    "pemda-impor-job-json": Kasus(IMPOR_JOB_PEMDA, kwargs=lambda pd: _impor_job(pd, paket=True)),
    "pemda-pembanding-ubah": Kasus(
        KELOLA_PEMDA, kwargs=lambda pd: _pemda(pd, pk=pd.pk), juga=("post", KELOLA_PEMDA)
    ),
    "pemda-tenggat": Kasus(
        KELOLA_PEMDA, kwargs=_pemda, juga=("post", KELOLA_PEMDA), data={"tenggat_hari_kerja": "12"}
    ),
    "pemda-kalender": Kasus(
        KELOLA_PEMDA, kwargs=_pemda, juga=("post", KELOLA_PEMDA), data={"aksi": "muat"}
    ),
    "pemda-pengguna-baru": Kasus(KELOLA_PEMDA, kwargs=_pemda, juga=("post", KELOLA_PEMDA)),
    "pemda-pengguna-ubah": Kasus(
        KELOLA_PEMDA,
        kwargs=lambda pd: _pemda(pd, pk=_pengguna_pemda(pd)),
        juga=("post", KELOLA_PEMDA),
    ),
    # LKjIP of a year: narrative, readiness, workflow, signed versions
    "lkjip-editor": Kasus(BACA_PD, kwargs=_pd_tahun),
    "lkjip-narasi-simpan": Kasus(
        TULIS_PD,
        metode="post",
        kwargs=lambda pd: _pd_tahun(pd, bagian="latar_belakang"),
        data={"teks": "Latar belakang.", "versi": 0},
    ),
    "lkjip-tabel-simpan": Kasus(
        TULIS_PD,
        metode="post",
        kwargs=lambda pd: _pd_tahun(pd, tabel="sdm"),
        data=_tabel_sdm_kosong,
    ),
    "lkjip-sumber-daya": Kasus(
        BACA_PD, kwargs=_pd_tahun, juga=("post", TULIS_PD), data=_tabel_sdm_kosong
    ),
    "lkjip-penandatanganan": Kasus(
        TULIS_PD, metode="post", kwargs=_pd_tahun, data={"tempat": "Blora", "tanggal": "2025-01-09"}
    ),
    "lkjip-pratinjau": Kasus(BACA_PD, kwargs=_pd_tahun),
    "lkjip-draf-pdf": Kasus(BACA_PD, kwargs=_pd_tahun),
    "lkjip-tabel-xlsx": Kasus(BACA_PD, kwargs=_pd_tahun),
    "pd-data-xlsx": Kasus(BACA_PD, kwargs=_pd_tahun),
    "lkjip-cetak-status": Kasus(BACA_PD, kwargs=_cetak_job),
    "lkjip-cetak-json": Kasus(BACA_PD, kwargs=_cetak_job),
    "lkjip-cetak-berkas": Kasus(BACA_PD, kwargs=_cetak_job),
    "lkjip-kesiapan": Kasus(BACA_PD, kwargs=_pd_tahun),
    "lkjip-temuan-jelaskan": Kasus(
        TULIS_PD,
        metode="post",
        kwargs=_pd_tahun,
        data={
            "kunci": "angka_dilaporkan_tidak_sesuai|IKT-1|tingkat kemajuan IKT-1",
            "teks": "Angka laporan sumber dibulatkan.",
        },
    ),
    "lkjip-ajukan": Kasus(TULIS_PD, metode="post", kwargs=_pd_tahun),
    "lkjip-kembalikan": Kasus(
        TINJAU_PD, metode="post", kwargs=_pd_tahun, data={"komentar": "Perbaiki kesimpulan."}
    ),
    "lkjip-tetapkan": Kasus(TINJAU_PD, metode="post", kwargs=_pd_tahun),
    "lkjip-buka-kembali": Kasus(
        BUKA_PD, metode="post", kwargs=_pd_tahun, data={"alasan": "Koreksi realisasi."}
    ),
    "lkjip-snapshot": Kasus(BACA_PD, kwargs=lambda pd: _pd_tahun(pd, versi=_snapshot(pd).versi)),
    # The Inspektorat's list and evidence zips of a pemda
    "evaluasi-daftar": Kasus(EVALUASI_PEMDA, kwargs=_pemda),
    # The pemda's summary workbook: its evaluator and admin pemda; 404 for everyone else.
    "evaluasi-ringkasan-xlsx": Kasus(KABUPATEN, kwargs=lambda pd: _pemda(pd, tahun=2024)),
    # The kabupaten dashboard: the same people; 404 for everyone else.
    "evaluasi-kabupaten-awal": Kasus(KABUPATEN, kwargs=_pemda),
    "evaluasi-kabupaten": Kasus(KABUPATEN, kwargs=lambda pd: _pemda(pd, tahun=2024)),
    "evaluasi-kabupaten-peringkat": Kasus(KABUPATEN, kwargs=lambda pd: _pemda(pd, tahun=2024)),
    "evaluasi-kabupaten-banding": Kasus(KABUPATEN, kwargs=lambda pd: _pemda(pd, tahun=2024)),
    "evaluasi-bukti-zip": Kasus(
        EVALUASI_PEMDA, kwargs=lambda pd: _pemda(pd, kode_pd=pd.kode, tahun=2024)
    ),
    # The LKE AKIP: the pemda's worksheet versions (its Inspektorat reads, its admin keeps)
    "lke-template-daftar": Kasus(EVALUASI_PEMDA, kwargs=_pemda, juga=("post", KELOLA_PEMDA)),
    "lke-template": Kasus(EVALUASI_PEMDA, kwargs=_template_lke),
    "lke-template-salin": Kasus(KELOLA_PEMDA, metode="post", kwargs=_template_lke),
    "lke-sub-ubah": Kasus(
        KELOLA_PEMDA, kwargs=_sub_lke, juga=("post", KELOLA_PEMDA), data={"nama": "S", "bobot": "6"}
    ),
    "lke-kriteria-tambah": Kasus(
        KELOLA_PEMDA,
        kwargs=_sub_lke,
        juga=("post", KELOLA_PEMDA),
        data={"uraian": "K", "skala": "yt", "bobot": "1"},
    ),
    "lke-kriteria-ubah": Kasus(
        KELOLA_PEMDA,
        kwargs=_kriteria_lke,
        juga=("post", KELOLA_PEMDA),
        data={"uraian": "K", "skala": "yt", "bobot": "1"},
    ),
    # The pemda's evaluations; its evaluator or admin pemda starts one
    "lke-daftar": Kasus(
        EVALUASI_PEMDA,
        kwargs=_pemda,
        juga=("post", EVALUASI_PEMDA),
        data=lambda pd: {"perangkat_daerah": pd.kode, "tahun": "2023"},
    ),
    # The evaluation of a perangkat daerah's year and its review tiers
    "lke-evaluasi": Kasus(BACA_PD, kwargs=_lke),
    "lke-jawab": Kasus(
        JAWAB_LKE,
        metode="post",
        kwargs=lambda pd: _lke(pd, pk=_jawaban_lke(pd).kriteria_id),
        data={"jawaban": "Y"},
    ),
    "lke-nilai": Kasus(
        NILAI_LKE,
        metode="post",
        kwargs=lambda pd: _lke(pd, pk=_jawaban_lke(pd).kriteria_id),
        data={"nilai": "Y"},
    ),
    "lke-ajukan": Kasus(JAWAB_LKE, metode="post", kwargs=_lke),
    "lke-kembalikan-pd": Kasus(NILAI_LKE, metode="post", kwargs=_lke, data={"komentar": "x"}),
    "lke-kirim": Kasus(NILAI_LKE, metode="post", kwargs=_lke),
    "lke-kembalikan": Kasus(KENDALI_LKE, metode="post", kwargs=_lke, data={"komentar": "x"}),
    "lke-setujui": Kasus(KENDALI_LKE, metode="post", kwargs=_lke),
    "lke-berkas": Kasus(BACA_PD, kwargs=_berkas_lke),
    # The LHE PDF of a final evaluation: everyone who may read the perangkat daerah
    "lke-lhe": Kasus(BACA_PD, kwargs=_lhe),
    # The evaluator's recommendations on an evaluation before it is final
    "lke-rekomendasi-tambah": Kasus(NILAI_LKE, metode="post", kwargs=_lke, data={"teks": "R"}),
    "lke-rekomendasi-hapus": Kasus(NILAI_LKE, metode="post", kwargs=_rekomendasi_lke),
    # The follow-up of the LHE recommendations: the operator records it, the evaluator
    # accepts or reopens it; the evaluator's page of the pemda
    "tindak-lanjut": Kasus(BACA_PD, kwargs=_pd),
    "tindak-lanjut-simpan": Kasus(
        TULIS_PD, metode="post", kwargs=_rekomendasi, data={"rencana_aksi": "A", "status": "proses"}
    ),
    "tindak-lanjut-terima": Kasus(NILAI_LKE, metode="post", kwargs=_rekomendasi),
    "tindak-lanjut-buka": Kasus(
        NILAI_LKE, metode="post", kwargs=_rekomendasi, data={"komentar": "x"}
    ),
    "tindak-lanjut-berkas": Kasus(BACA_PD, kwargs=lambda pd: _rekomendasi(pd, berkas=True)),
    "tindak-lanjut-pemda": Kasus(EVALUASI_PEMDA, kwargs=_pemda),
    # The LKjIP of every perangkat daerah as one zip: its evaluator and admin pemda (an empty
    # POST asks again for the year: nothing is printed here).
    "evaluasi-cetak": Kasus(EVALUASI_PEMDA, kwargs=_pemda, juga=("post", EVALUASI_PEMDA)),
    "evaluasi-cetak-status": Kasus(EVALUASI_PEMDA, kwargs=_cetak_kabupaten),
    "evaluasi-cetak-json": Kasus(EVALUASI_PEMDA, kwargs=_cetak_kabupaten),
    "evaluasi-cetak-berkas": Kasus(EVALUASI_PEMDA, kwargs=_cetak_kabupaten),
    # Public verification of a signed LKjIP: no login, for everyone
    "verifikasi-cari": Kasus(PUBLIK, milik=False),
    "api-openapi": Kasus(PUBLIK, milik=False),
    "api-pd": Kasus(API_SEMUA, milik=False),
    "api-kinerja": Kasus(API_PD, kwargs=_pd_tahun),
    "api-anggaran": Kasus(API_PD, kwargs=_pd_tahun),
    "api-anggaran-sasaran": Kasus(API_PD, kwargs=_pd_tahun),
    "api-lkjip": Kasus(API_PD, kwargs=_pd_tahun),
    "api-token": Kasus(SEMUA_MASUK, milik=False, data={"nama": "uji"}, juga=("post", SEMUA_MASUK)),
    # A token is its owner's: anyone else gets 404.
    "api-token-cabut": Kasus(
        {**{p: 404 for p in PERAN}, "anonim": "masuk", "operator_a": "ok"},
        metode="post",
        kwargs=lambda pd: {"pk": _token("operator_a").pk},
        milik=False,
    ),
    "verifikasi-json": Kasus(
        PUBLIK, kwargs=lambda pd: {"sha256": _snapshot(pd).sha256}, milik=False
    ),
    "verifikasi": Kasus(
        PUBLIK,
        kwargs=lambda pd: {"kode_isi": _snapshot(pd).kode_isi},
        milik=False,
        data=_berkas_pdf,
        juga=("post", PUBLIK),
    ),
    # Import jobs on the queue
    "impor-job": Kasus(IMPOR_JOB_PD, kwargs=_impor_job),
    "impor-job-json": Kasus(IMPOR_JOB_PD, kwargs=_impor_job),
    # Audit trail
    "riwayat-pd": Kasus(BACA_PD, kwargs=_pd),
    "riwayat-objek": Kasus(
        BACA_PD, kwargs=lambda pd: _pd(pd, tipe="anggaran.pagu", objek_id=_log(pd).objek_id)
    ),
}


def _semua_nama(patterns, prefix="") -> set[str]:
    nama = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            nama |= _semua_nama(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name:
            nama.add(p.name)
    return nama


def test_every_url_is_in_the_matrix():
    proyek = _semua_nama(get_resolver().url_patterns)
    assert proyek - set(MATRIKS) == set(), "URL belum ada di MATRIKS"
    assert set(MATRIKS) - proyek == set(), "MATRIKS menyebut URL yang tidak ada"


def _cocok(harapan, r) -> bool:
    if harapan == "masuk":
        return r.status_code == 302 and r["Location"].startswith("/masuk/")
    if harapan == "ok":
        return r.status_code == 200 or (
            r.status_code == 302 and not r["Location"].startswith("/masuk/")
        )
    return r.status_code == harapan


@pytest.mark.django_db
def test_every_url_for_every_role(
    client,
    settings,
    tmp_path,
    demo,
    operator_a,
    kepala_a,
    evaluator,
    admin_pemda,
    operator_b,
    evaluator_lain,
):
    settings.MEDIA_ROOT = tmp_path
    pengguna = {
        "operator_a": operator_a,
        "kepala_a": kepala_a,
        "evaluator": evaluator,
        "admin_pemda": admin_pemda,
        "operator_b": operator_b,
        "evaluator_lain": evaluator_lain,
    }
    gagal = []
    for nama, kasus in MATRIKS.items():
        sasaran = [("sendiri", demo["a"], kasus.harapan)]
        if kasus.milik and kasus.kwargs:
            # Another perangkat daerah of another pemda: nobody of Blora may see it.
            asing = {
                p: (kasus.harapan["anonim"] if p == "anonim" else 404)
                for p in PERAN
                if p != "evaluator_lain"
            }
            sasaran.append(("asing", demo["lain"], asing))
        if kasus.juga:
            sasaran.append(("sendiri", demo["a"], kasus.juga[1], kasus.juga[0]))
        for label, pd, harapan, *metode in sasaran:
            metode = metode[0] if metode else kasus.metode
            url = reverse(nama, kwargs=kasus.kwargs(pd) if kasus.kwargs else None)
            for peran, status in harapan.items():
                client.logout()
                if peran != "anonim":
                    client.force_login(pengguna[peran])
                data = kasus.data(pd) if callable(kasus.data) else kasus.data
                # Each request runs in a savepoint that is rolled back, so one
                # role's write does not change what the next role sees.
                with transaction.atomic():
                    r = getattr(client, metode)(url, data)
                    transaction.set_rollback(True)
                if not _cocok(status, r):
                    lokasi = r.get("Location", "")
                    gagal.append(
                        f"{nama} [{label}] {kasus.metode.upper()} {url} as {peran}: "
                        f"expected {status}, got {r.status_code} {lokasi}"
                    )
    assert not gagal, "\n".join(gagal)
