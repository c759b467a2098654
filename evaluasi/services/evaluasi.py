"""The evaluation of a perangkat daerah's year on the LKE, in review tiers.

draf (the perangkat daerah answers its self-assessment, links evidence) → diajukan
(operator or kepala) → the evaluator scores and comments each criterion, or returns it
to the perangkat daerah (draf, with a comment) → dinilai (evaluator) → the pengendali
teknis approves (final) or returns it to the evaluator (dikembalikan, with a comment;
the evaluator submits again). A final evaluation is locked: nobody changes it.

Every step locks the evaluation row and checks its status first, so a step posted twice
happens once (the second is refused); every step is a ``LangkahEvaluasi`` and an audit
entry. The score is computed (``kinerja.engine.lke``), never typed; the final one is
stored with its predicate (the LHE reads them).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from evaluasi.models import EvaluasiLke, JawabanLke, LangkahEvaluasi, RekomendasiLke, TemplateLke
from evaluasi.selectors import (
    hasil,
    kode_kriteria,
    kriteria_template,
    lembar,
    pilihan_bukti,
    pilihan_skala,
)
from evaluasi.services.nilai_sakip import catat_nilai_sakip
from evaluasi.services.template import template_bawaan_muat
from kinerja.audit import catat_perubahan
from kinerja.bukti import BuktiTidakSah, nama_aman, periksa_bukti
from kinerja.engine.lke import periksa_lembar
from kinerja.models import PerangkatDaerah
from kinerja.services.realisasi import ukuran_bukti_maks
from laporan.services.rekomendasi import rekomendasi_simpan

Status = EvaluasiLke.Status

PESAN_SUDAH_ADA = "Evaluasi {pd} tahun {tahun} sudah ada."
PESAN_TEMPLATE_TIDAK_SAH = "Template LKE versi {versi} belum dapat dipakai: {masalah}"
PESAN_STATUS = (
    "Evaluasi ini berstatus {status}; langkah ini hanya untuk evaluasi berstatus {boleh}."
)
PESAN_FINAL = "Evaluasi ini sudah final dan terkunci; tidak ada yang dapat mengubahnya."
PESAN_JAWABAN_ASING = "Jawaban harus salah satu dari: {pilihan}."
PESAN_KRITERIA_ASING = "Kriteria tidak ada pada evaluasi ini."
PESAN_BUKTI_ASING = "Bukti yang dipilih bukan milik perangkat daerah ini atau tidak ada lagi."
PESAN_TAUTAN = "Tautan harus diawali http:// atau https://."
PESAN_BELUM_LENGKAP = "Belum semua kriteria dijawab: {daftar}."
PESAN_BELUM_DINILAI = "Belum semua kriteria dinilai evaluator: {daftar}."
PESAN_KOMENTAR_WAJIB = "Tuliskan komentar: apa yang harus diperbaiki."
PESAN_REKOMENDASI_KOSONG = "Tuliskan teks rekomendasi."
PESAN_REKOMENDASI_ASING = "Rekomendasi tidak ada pada evaluasi ini."


def _status(s: str) -> str:
    return Status(s).label.lower()


def _kunci(evaluasi: EvaluasiLke, *boleh: str) -> EvaluasiLke:
    """The evaluation row locked for the step; refused unless its status is in ``boleh``."""
    e = EvaluasiLke.objects.select_for_update(of=("self",)).select_related(
        "perangkat_daerah", "template"
    )
    e = e.get(pk=evaluasi.pk)
    if e.status == Status.FINAL:
        raise ValidationError(PESAN_FINAL)
    if e.status not in boleh:
        raise ValidationError(
            PESAN_STATUS.format(
                status=_status(e.status), boleh=" atau ".join(_status(b) for b in boleh)
            )
        )
    return e


def _uraian(e: EvaluasiLke) -> str:
    return f"Evaluasi AKIP {e.perangkat_daerah.nama} tahun {e.tahun}"


def _langkah(e: EvaluasiLke, *, ke: str, pengguna, komentar: str, aksi: str, **data) -> None:
    dari = e.status
    e.status = ke
    e.save()
    LangkahEvaluasi.objects.create(
        evaluasi=e,
        pengguna=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        dari=dari,
        ke=ke,
        komentar=komentar,
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=e.perangkat_daerah,
        aksi=aksi,
        objek=e,
        uraian=_uraian(e),
        tahun=e.tahun,
        lama=dari,
        baru=ke,
        data={"komentar": komentar, **data},
    )


@transaction.atomic
def evaluasi_buat(*, pd: PerangkatDaerah, tahun: int, pengguna) -> EvaluasiLke:
    """Start the evaluation of a perangkat daerah's year on the pemda's latest worksheet
    version (the default one is loaded when the pemda has none)."""
    template = template_bawaan_muat(pd.pemda, pengguna)
    masalah = periksa_lembar(lembar(template))
    if masalah:
        raise ValidationError(
            PESAN_TEMPLATE_TIDAK_SAH.format(versi=template.versi, masalah=" ".join(masalah))
        )
    if EvaluasiLke.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
        raise ValidationError(PESAN_SUDAH_ADA.format(pd=pd.nama, tahun=tahun))
    e = EvaluasiLke.objects.create(perangkat_daerah=pd, tahun=tahun, template=template)
    JawabanLke.objects.bulk_create(
        JawabanLke(evaluasi=e, kriteria=k) for k in kriteria_template(template)
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="lke.buat",
        objek=e,
        uraian=_uraian(e),
        tahun=tahun,
        data={"template_versi": template.versi},
    )
    return e


def _jawaban(e: EvaluasiLke, kriteria_id: int) -> JawabanLke:
    j = (
        JawabanLke.objects.select_for_update(of=("self",))
        .select_related("kriteria__sub__komponen")
        .filter(evaluasi=e, kriteria_id=kriteria_id)
        .first()
    )
    if j is None:
        raise ValidationError(PESAN_KRITERIA_ASING)
    return j


def _pilihan_skala(template: TemplateLke, skala: str) -> list[str]:
    return [j for j, _ in pilihan_skala(template, skala)]


def _periksa_jawaban(template: TemplateLke, j: JawabanLke, nilai: str, kolom: str) -> str:
    nilai = (nilai or "").strip().upper()
    pilihan = _pilihan_skala(template, j.kriteria.skala)
    if nilai and nilai not in pilihan:
        raise ValidationError({kolom: PESAN_JAWABAN_ASING.format(pilihan=", ".join(pilihan))})
    return nilai


def _bukti(e: EvaluasiLke, bukti: str, tautan: str) -> tuple[str, str]:
    """(jenis, ref) of the evidence chosen: one already in the application ("jenis:ref"
    of ``pilihan_bukti``) or a link."""
    tautan = (tautan or "").strip()
    if tautan:
        if not tautan.lower().startswith(("http://", "https://")) or len(tautan) > 500:
            raise ValidationError({"tautan": PESAN_TAUTAN})
        return JawabanLke.Bukti.TAUTAN, tautan
    if not bukti:
        return "", ""
    sah = {p.nilai for p in pilihan_bukti(e.perangkat_daerah, e.tahun)}
    if bukti not in sah:
        raise ValidationError({"bukti": PESAN_BUKTI_ASING})
    jenis, _, ref = bukti.partition(":")
    return jenis, ref


def _simpan_berkas(j: JawabanLke, berkas: UploadedFile) -> str | None:
    """Store an uploaded evidence file on the answer (checked as kinerja.bukti checks the
    realisasi's evidence); the stored name of the file it replaces."""
    try:
        jenis = periksa_bukti(berkas, ukuran=berkas.size, ukuran_maks=ukuran_bukti_maks())
    except BuktiTidakSah as ex:
        raise ValidationError({"berkas": str(ex)}) from ex
    lama = j.berkas.name or None
    j.berkas_jenis = jenis
    j.berkas_nama = nama_aman(berkas.name or "", jenis)
    j.berkas_ukuran = berkas.size
    j.berkas.save(f"bukti.{jenis}", berkas, save=False)
    return lama


@transaction.atomic
def jawaban_simpan(
    *,
    evaluasi: EvaluasiLke,
    kriteria_id: int,
    jawaban: str,
    catatan: str = "",
    bukti: str = "",
    tautan: str = "",
    berkas: UploadedFile | None = None,
    pengguna,
) -> JawabanLke:
    """The perangkat daerah's self-assessment of one criterion: its answer, note and
    evidence (a record of the application, a link, or an uploaded file)."""
    e = _kunci(evaluasi, Status.DRAF)
    j = _jawaban(e, kriteria_id)
    nilai = _periksa_jawaban(e.template, j, jawaban, "jawaban")
    jenis, ref = _bukti(e, bukti, tautan)
    lama = {"jawaban": j.jawaban, "bukti": f"{j.bukti_jenis}:{j.bukti_ref}".strip(":")}
    j.jawaban, j.catatan = nilai, catatan.strip()
    j.bukti_jenis, j.bukti_ref = jenis, ref
    berkas_lama = _simpan_berkas(j, berkas) if berkas else None
    j.save()
    if berkas_lama:
        storage = j.berkas.storage
        transaction.on_commit(lambda: storage.delete(berkas_lama))
    baru: dict[str, Any] = {"jawaban": nilai, "bukti": f"{jenis}:{ref}".strip(":")}
    if berkas:
        baru["berkas"] = j.berkas_nama
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=e.perangkat_daerah,
        aksi="lke.jawab",
        objek=j,
        uraian=f"{_uraian(e)}, kriteria {kode_kriteria(j.kriteria)}",
        tahun=e.tahun,
        lama=lama,
        baru=baru,
    )
    return j


def _kosong(e: EvaluasiLke, kolom: str) -> list[str]:
    daftar = (
        JawabanLke.objects.filter(evaluasi=e, **{kolom: ""})
        .select_related("kriteria__sub__komponen")
        .order_by("kriteria__sub__komponen__nomor", "kriteria__sub__nomor", "kriteria__nomor")
    )
    return [kode_kriteria(j.kriteria) for j in daftar]


def _ringkas(kode: list[str]) -> str:
    return ", ".join(kode[:10]) + (f" dan {len(kode) - 10} lainnya" if len(kode) > 10 else "")


@transaction.atomic
def evaluasi_ajukan(*, evaluasi: EvaluasiLke, pengguna, komentar: str = "") -> EvaluasiLke:
    """The perangkat daerah submits its self-assessment (every criterion answered)."""
    e = _kunci(evaluasi, Status.DRAF)
    kosong = _kosong(e, "jawaban")
    if kosong:
        raise ValidationError(PESAN_BELUM_LENGKAP.format(daftar=_ringkas(kosong)))
    e.nilai_mandiri = hasil(e, evaluator=False).nilai
    _langkah(
        e,
        ke=Status.DIAJUKAN,
        pengguna=pengguna,
        komentar=komentar.strip(),
        aksi="lke.ajukan",
        nilai_mandiri=e.nilai_mandiri,
    )
    return e


@transaction.atomic
def nilai_simpan(
    *, evaluasi: EvaluasiLke, kriteria_id: int, nilai: str, komentar: str = "", pengguna
) -> JawabanLke:
    """The evaluator's answer and comment on one criterion."""
    e = _kunci(evaluasi, Status.DIAJUKAN, Status.DIKEMBALIKAN)
    j = _jawaban(e, kriteria_id)
    kode = _periksa_jawaban(e.template, j, nilai, "nilai")
    lama = {"nilai": j.nilai_evaluator, "komentar": j.komentar}
    j.nilai_evaluator, j.komentar = kode, komentar.strip()
    j.save()
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=e.perangkat_daerah,
        aksi="lke.nilai",
        objek=j,
        uraian=f"{_uraian(e)}, kriteria {kode_kriteria(j.kriteria)}",
        tahun=e.tahun,
        lama=lama,
        baru={"nilai": kode, "komentar": j.komentar},
    )
    return j


def _wajib(komentar: str) -> str:
    if not komentar.strip():
        raise ValidationError({"komentar": PESAN_KOMENTAR_WAJIB})
    return komentar.strip()


@transaction.atomic
def evaluasi_kembalikan_pd(*, evaluasi: EvaluasiLke, pengguna, komentar: str) -> EvaluasiLke:
    """The evaluator returns the self-assessment to the perangkat daerah to correct."""
    komentar = _wajib(komentar)
    e = _kunci(evaluasi, Status.DIAJUKAN)
    _langkah(e, ke=Status.DRAF, pengguna=pengguna, komentar=komentar, aksi="lke.kembalikan_pd")
    return e


@transaction.atomic
def evaluasi_kirim(*, evaluasi: EvaluasiLke, pengguna, komentar: str = "") -> EvaluasiLke:
    """The evaluator sends the scored evaluation to the pengendali teknis."""
    e = _kunci(evaluasi, Status.DIAJUKAN, Status.DIKEMBALIKAN)
    kosong = _kosong(e, "nilai_evaluator")
    if kosong:
        raise ValidationError(PESAN_BELUM_DINILAI.format(daftar=_ringkas(kosong)))
    e.nilai = hasil(e, evaluator=True).nilai
    _langkah(
        e,
        ke=Status.DINILAI,
        pengguna=pengguna,
        komentar=komentar.strip(),
        aksi="lke.kirim",
        nilai=e.nilai,
    )
    return e


@transaction.atomic
def evaluasi_kembalikan(*, evaluasi: EvaluasiLke, pengguna, komentar: str) -> EvaluasiLke:
    """The pengendali teknis returns the evaluation to the evaluator, saying why."""
    komentar = _wajib(komentar)
    e = _kunci(evaluasi, Status.DINILAI)
    _langkah(e, ke=Status.DIKEMBALIKAN, pengguna=pengguna, komentar=komentar, aksi="lke.kembalikan")
    return e


@transaction.atomic
def evaluasi_setujui(*, evaluasi: EvaluasiLke, pengguna, komentar: str = "") -> EvaluasiLke:
    """The pengendali teknis approves: the evaluation is final and locked, its score
    (computed again from the evaluator's answers) and predicate stored."""
    e = _kunci(evaluasi, Status.DINILAI)
    h = hasil(e, evaluator=True)
    e.nilai = h.nilai
    e.predikat = h.predikat.label
    e.final_pada = timezone.now()
    e.catatan_nilai_sakip = catat_nilai_sakip(
        pd=e.perangkat_daerah, tahun=e.tahun, nilai=e.nilai, predikat=e.predikat, pengguna=pengguna
    )
    rekomendasi = rekomendasi_simpan(
        pd=e.perangkat_daerah,
        tahun=e.tahun,
        evaluasi_id=e.pk,
        daftar=[(r.teks, r.target) for r in e.rekomendasi.order_by("urutan", "pk")],
        pengguna=pengguna,
    )
    _langkah(
        e,
        ke=Status.FINAL,
        pengguna=pengguna,
        komentar=komentar.strip(),
        aksi="lke.setujui",
        nilai=e.nilai,
        predikat=e.predikat,
        rekomendasi=len(rekomendasi),
    )
    return e


# The evaluator's recommendations: written on the evaluation until it is final.
BOLEH_REKOMENDASI = (Status.DIAJUKAN, Status.DIKEMBALIKAN, Status.DINILAI)


@transaction.atomic
def rekomendasi_tambah(
    *, evaluasi: EvaluasiLke, teks: str, target=None, pengguna
) -> RekomendasiLke:
    """The evaluator adds a recommendation (text, optional target date)."""
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": PESAN_REKOMENDASI_KOSONG})
    e = _kunci(evaluasi, *BOLEH_REKOMENDASI)
    terakhir = e.rekomendasi.order_by("-urutan").values_list("urutan", flat=True).first()
    r = RekomendasiLke.objects.create(
        evaluasi=e, urutan=(terakhir or 0) + 1, teks=teks, target=target
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=e.perangkat_daerah,
        aksi="lke.rekomendasi_tambah",
        objek=r,
        uraian=f"{_uraian(e)}, rekomendasi {r.urutan}",
        tahun=e.tahun,
        baru={"teks": teks, "target": target},
    )
    return r


@transaction.atomic
def rekomendasi_hapus(*, evaluasi: EvaluasiLke, pk: int, pengguna) -> None:
    """The evaluator removes a recommendation not yet final."""
    e = _kunci(evaluasi, *BOLEH_REKOMENDASI)
    r = e.rekomendasi.filter(pk=pk).first()
    if r is None:
        raise ValidationError(PESAN_REKOMENDASI_ASING)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=e.perangkat_daerah,
        aksi="lke.rekomendasi_hapus",
        objek=r,
        uraian=f"{_uraian(e)}, rekomendasi {r.urutan}",
        tahun=e.tahun,
        lama={"teks": r.teks, "target": r.target},
    )
    r.delete()
