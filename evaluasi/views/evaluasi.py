"""The evaluation of a perangkat daerah's year: the pemda's list (and starting one), the
evaluation page of each role, the steps of the review tiers, the uploaded evidence."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from evaluasi import access
from evaluasi import lhe as lhe_svc
from evaluasi.forms import EvaluasiBaruForm
from evaluasi.models import EvaluasiLke, JawabanLke
from evaluasi.selectors import (
    bukti_jawaban,
    hasil,
    jawaban_evaluasi,
    kode_kriteria,
    pilihan_bukti,
    pilihan_skala,
)
from evaluasi.services import evaluasi as svc
from evaluasi.tables import tabel_evaluasi_lke, tabel_nilai
from kinerja.access import get_perangkat_daerah_for_user
from kinerja.audit import format_waktu, nama_pengguna
from kinerja.bukti import TIPE_KONTEN
from kinerja.models import PerangkatDaerah

Status = EvaluasiLke.Status


def _url(e_or_pd, tahun: int | None = None, nama: str = "lke-evaluasi") -> str:
    if isinstance(e_or_pd, EvaluasiLke):
        pd, tahun = e_or_pd.perangkat_daerah, e_or_pd.tahun
    else:
        pd = e_or_pd
    return reverse(nama, kwargs={"kode": pd.kode, "tahun": tahun})


@require_http_methods(["GET", "HEAD", "POST"])
def daftar(request: HttpRequest, kode: str) -> HttpResponse:
    """The evaluations of a pemda; POST (evaluator, admin pemda): start one."""
    pemda, _ = access.get_pemda_lke_for_user(request.user, kode)
    boleh_buat = access.boleh_buat(request.user, pemda)
    semua_pd = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("kode"))
    form = EvaluasiBaruForm(
        request.POST if request.method == "POST" else None,
        pilihan_pd=[(p.kode, f"{p.nama} ({p.kode})") for p in semua_pd],
    )
    if request.method == "POST":
        access.pastikan(boleh_buat, access.PESAN_BUKAN_PEMBUAT)
        if form.is_valid():
            pd = next(p for p in semua_pd if p.kode == form.cleaned_data["perangkat_daerah"])
            tahun = form.cleaned_data["tahun"]
            try:
                svc.evaluasi_buat(pd=pd, tahun=tahun, pengguna=request.user)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, f"Evaluasi {pd.nama} tahun {tahun} dimulai.")
                return redirect(_url(pd, tahun))
    baris = [
        {
            "pd": e.perangkat_daerah.nama,
            "kode": e.perangkat_daerah.kode,
            "url": _url(e),
            "tahun": e.tahun,
            "status": e.get_status_display(),
            "versi": e.template.versi,
            "nilai_mandiri": e.nilai_mandiri,
            "nilai": e.nilai,
            "predikat": e.predikat,
        }
        for e in EvaluasiLke.objects.filter(perangkat_daerah__pemda=pemda)
        .select_related("perangkat_daerah", "template")
        .order_by("perangkat_daerah__kode", "-tahun")
    ]
    ctx = {
        "pemda": pemda,
        "tabel": tabel_evaluasi_lke(baris),
        "form": form if boleh_buat else None,
        "url_template": reverse("lke-template-daftar", kwargs={"kode": pemda.kode}),
    }
    return render(request, "evaluasi/daftar.html", ctx, status=400 if form.errors else 200)


def _evaluasi(request: HttpRequest, kode: str, tahun: int) -> tuple[PerangkatDaerah, EvaluasiLke]:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    e = (
        EvaluasiLke.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .select_related("perangkat_daerah__pemda", "template")
        .first()
    )
    if e is None:
        raise Http404("Evaluasi AKIP tahun ini belum dimulai.")
    return pd, e


def _kriteria(e: EvaluasiLke, daftar: list[JawabanLke], pilihan: dict) -> list[dict]:
    hasil_kriteria = []
    for j in daftar:
        k = j.kriteria
        hasil_kriteria.append(
            {
                "j": j,
                "kode": kode_kriteria(k),
                "komponen": k.sub.komponen,
                "sub": k.sub,
                "pilihan": [j for j, _ in pilihan_skala(e.template, k.skala)],
                "bukti": bukti_jawaban(j, pilihan),
                "url_berkas": reverse(
                    "lke-berkas",
                    kwargs={"kode": e.perangkat_daerah.kode, "tahun": e.tahun, "pk": j.pk},
                )
                if j.berkas
                else None,
            }
        )
    return hasil_kriteria


@require_safe
def evaluasi(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    e = (
        EvaluasiLke.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .select_related("template")
        .first()
    )
    ctx: dict = {"pd": pd, "tahun": tahun, "evaluasi": e}
    if e is None:
        ctx["boleh_buat"] = access.boleh_buat(request.user, pd.pemda)
        ctx["url_daftar"] = reverse("lke-daftar", kwargs={"kode": pd.pemda.kode})
        return render(request, "evaluasi/evaluasi.html", ctx)
    pilihan = {p.nilai: p for p in pilihan_bukti(pd, tahun)}
    mandiri, dinilai = hasil(e, evaluator=False), hasil(e, evaluator=True)
    nama = {str(k.nomor): k.nama for k in e.template.komponen.all()}
    u = request.user
    ctx |= {
        "kriteria": _kriteria(e, jawaban_evaluasi(e), pilihan),
        "pilihan_bukti": list(pilihan.values()),
        "tabel_nilai": tabel_nilai(mandiri, dinilai, nama),
        "mandiri": mandiri,
        "dinilai": dinilai,
        "jawab": e.status == Status.DRAF and access.boleh_jawab(u, pd),
        "nilai": e.status in (Status.DIAJUKAN, Status.DIKEMBALIKAN) and access.boleh_nilai(u, pd),
        "kendali": e.status == Status.DINILAI and access.boleh_kendali(u, pd),
        "rekomendasi": list(e.rekomendasi.order_by("urutan", "pk")),
        "tulis_rekomendasi": e.status in svc.BOLEH_REKOMENDASI and access.boleh_nilai(u, pd),
        "langkah": [
            {
                "waktu": format_waktu(x.waktu),
                "pengguna": nama_pengguna(x.pengguna),
                "dari": Status(x.dari).label,
                "ke": Status(x.ke).label,
                "komentar": x.komentar,
            }
            for x in e.langkah.select_related("pengguna").order_by("waktu", "id")
        ],
    }
    return render(request, "evaluasi/evaluasi.html", ctx)


def _kembali(e: EvaluasiLke, anchor: str = "") -> HttpResponse:
    return redirect(_url(e) + (f"#{anchor}" if anchor else ""))


def _pesan_galat(request, e: ValidationError) -> None:
    for m in e.messages:
        messages.error(request, m)


@require_POST
def jawab(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd, e = _evaluasi(request, kode, tahun)
    access.pastikan(access.boleh_jawab(request.user, pd), access.PESAN_BUKAN_PD)
    try:
        svc.jawaban_simpan(
            evaluasi=e,
            kriteria_id=pk,
            jawaban=request.POST.get("jawaban", ""),
            catatan=request.POST.get("catatan", ""),
            bukti=request.POST.get("bukti", ""),
            tautan=request.POST.get("tautan", ""),
            berkas=request.FILES.get("berkas"),
            pengguna=request.user,
        )
    except ValidationError as ex:
        _pesan_galat(request, ex)
    else:
        messages.success(request, "Jawaban disimpan.")
    return _kembali(e, f"k-{pk}")


@require_POST
def nilai(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd, e = _evaluasi(request, kode, tahun)
    access.pastikan(access.boleh_nilai(request.user, pd), access.PESAN_BUKAN_EVALUATOR)
    try:
        svc.nilai_simpan(
            evaluasi=e,
            kriteria_id=pk,
            nilai=request.POST.get("nilai", ""),
            komentar=request.POST.get("komentar", ""),
            pengguna=request.user,
        )
    except ValidationError as ex:
        _pesan_galat(request, ex)
    else:
        messages.success(request, "Nilai evaluator disimpan.")
    return _kembali(e, f"k-{pk}")


def _langkah(request, kode: str, tahun: int, boleh, pesan_tolak: str, langkah, berhasil: str):
    pd, e = _evaluasi(request, kode, tahun)
    access.pastikan(boleh(request.user, pd), pesan_tolak)
    try:
        langkah(evaluasi=e, pengguna=request.user, komentar=request.POST.get("komentar", ""))
    except ValidationError as ex:
        _pesan_galat(request, ex)
    else:
        messages.success(request, berhasil)
    return _kembali(e)


@require_POST
def ajukan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _langkah(request, kode, tahun, access.boleh_jawab, access.PESAN_BUKAN_PD,
                    svc.evaluasi_ajukan, "Penilaian mandiri diajukan ke evaluator.")  # fmt: skip


@require_POST
def kembalikan_pd(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _langkah(request, kode, tahun, access.boleh_nilai, access.PESAN_BUKAN_EVALUATOR,
                    svc.evaluasi_kembalikan_pd,
                    "Penilaian mandiri dikembalikan ke perangkat daerah.")  # fmt: skip


@require_POST
def kirim(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _langkah(request, kode, tahun, access.boleh_nilai, access.PESAN_BUKAN_EVALUATOR,
                    svc.evaluasi_kirim, "Evaluasi dikirim ke pengendali teknis.")  # fmt: skip


@require_POST
def kembalikan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _langkah(request, kode, tahun, access.boleh_kendali, access.PESAN_BUKAN_PENGENDALI,
                    svc.evaluasi_kembalikan, "Evaluasi dikembalikan ke evaluator.")  # fmt: skip


@require_POST
def setujui(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _langkah(request, kode, tahun, access.boleh_kendali, access.PESAN_BUKAN_PENGENDALI,
                    svc.evaluasi_setujui, "Evaluasi disetujui dan final.")  # fmt: skip


@require_safe
def berkas(request: HttpRequest, kode: str, tahun: int, pk: int) -> FileResponse:
    _, e = _evaluasi(request, kode, tahun)
    j = JawabanLke.objects.filter(pk=pk, evaluasi=e).first()
    if j is None or not j.berkas:
        raise Http404("Berkas tidak ditemukan.")
    try:
        isi = j.berkas.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    return FileResponse(
        isi,
        as_attachment=True,
        filename=j.berkas_nama,
        content_type=TIPE_KONTEN.get(j.berkas_jenis, "application/octet-stream"),
    )


def _tanggal(teks: str) -> datetime.date | None:
    teks = (teks or "").strip()
    if not teks:
        return None
    try:
        return datetime.date.fromisoformat(teks)
    except ValueError:
        raise ValidationError({"target": "Tanggal target tidak sah."}) from None


@require_POST
def rekomendasi_tambah(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, e = _evaluasi(request, kode, tahun)
    access.pastikan(access.boleh_nilai(request.user, pd), access.PESAN_BUKAN_EVALUATOR)
    try:
        svc.rekomendasi_tambah(
            evaluasi=e,
            teks=request.POST.get("teks", ""),
            target=_tanggal(request.POST.get("target", "")),
            pengguna=request.user,
        )
    except ValidationError as ex:
        _pesan_galat(request, ex)
    else:
        messages.success(request, "Rekomendasi ditambahkan.")
    return _kembali(e, "rekomendasi")


@require_POST
def rekomendasi_hapus(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd, e = _evaluasi(request, kode, tahun)
    access.pastikan(access.boleh_nilai(request.user, pd), access.PESAN_BUKAN_EVALUATOR)
    try:
        svc.rekomendasi_hapus(evaluasi=e, pk=pk, pengguna=request.user)
    except ValidationError as ex:
        _pesan_galat(request, ex)
    else:
        messages.success(request, "Rekomendasi dihapus.")
    return _kembali(e, "rekomendasi")


@require_safe
def lhe(request: HttpRequest, kode: str, tahun: int) -> FileResponse:
    """The LHE PDF of a final evaluation (printed and stored the first time), for whoever
    may read the perangkat daerah: its users, the Inspektorat, the admin pemda."""
    _, e = _evaluasi(request, kode, tahun)
    if e.status != Status.FINAL:
        raise Http404(lhe_svc.PESAN_BELUM_FINAL)

    def alamat(kode_isi: str) -> str:
        return request.build_absolute_uri(reverse("verifikasi", kwargs={"kode_isi": kode_isi}))

    s = lhe_svc.lhe_cetak(evaluasi=e, alamat_verifikasi=alamat, pengguna=request.user)
    try:
        isi = s.berkas.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Berkas LHE tidak ditemukan di penyimpanan.") from None
    return FileResponse(
        isi,
        as_attachment=True,
        filename=f"LHE-{e.perangkat_daerah.kode}-{e.tahun}.pdf",
        content_type="application/pdf",
    )
