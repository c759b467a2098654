"""The LKjIP of every perangkat daerah of a pemda printed as one job (``laporan.cetak_kabupaten``):
the page that starts it, its progress page, its state as JSON, its zip.

Printing changes no data, so whoever may print a draft of every perangkat daerah of the
pemda may start it: its evaluator (Inspektorat) and its admin pemda, as for the other
pages of ``/evaluasi/``; the kecamatan users get 403, everybody of another pemda 404."""

from __future__ import annotations

import uuid

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from kinerja.audit import format_waktu
from laporan.cetak_kabupaten import TidakAdaPD, cetak_kabupaten_minta, keadaan, nama_zip
from laporan.forms import CetakKabupatenForm
from laporan.models import CetakKabupaten, LKjIP
from laporan.views.evaluasi import get_pemda_evaluasi_for_user

# Bulk prints listed on the page that starts them.
TERAKHIR = 5


def _url(nama: str, job: CetakKabupaten) -> str:
    return reverse(nama, kwargs={"kode": job.pemda.kode, "job": job.pk})


@require_http_methods(["GET", "HEAD", "POST"])
def cetak(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_pemda_evaluasi_for_user(request.user, kode)
    tahun = sorted(
        set(LKjIP.objects.filter(perangkat_daerah__pemda=pemda).values_list("tahun", flat=True)),
        reverse=True,
    )
    form = CetakKabupatenForm(request.POST or None, tahun=tahun)
    if request.method == "POST" and form.is_valid():
        try:
            job = cetak_kabupaten_minta(pemda, form.cleaned_data["tahun"], request.user)
        except TidakAdaPD as e:
            form.add_error(None, str(e))
        else:
            return redirect("evaluasi-cetak-status", kode=pemda.kode, job=job.pk)
    terakhir = [
        {"job": j, "waktu": format_waktu(j.dibuat), "url": _url("evaluasi-cetak-status", j)}
        for j in CetakKabupaten.objects.filter(pemda=pemda).select_related("pemda")[:TERAKHIR]
    ]
    ctx = {"page": "evaluasi-cetak", "pemda": pemda, "form": form, "terakhir": terakhir}
    return render(request, "laporan/cetak_kabupaten.html", ctx)


def _job(request: HttpRequest, kode: str, job: uuid.UUID) -> CetakKabupaten:
    pemda = get_pemda_evaluasi_for_user(request.user, kode)
    try:
        return CetakKabupaten.objects.select_related("pemda").get(pk=job, pemda=pemda)
    except CetakKabupaten.DoesNotExist:
        raise Http404("Pekerjaan cetak tidak ditemukan.") from None


@require_safe
def cetak_status(request: HttpRequest, kode: str, job: uuid.UUID) -> HttpResponse:
    j = _job(request, kode, job)
    ctx = {
        "page": "evaluasi-cetak-status",
        "pemda": j.pemda,
        "job": j,
        "k": keadaan(j, _url("evaluasi-cetak-berkas", j)),
        "url_json": _url("evaluasi-cetak-json", j),
        "url_status": _url("evaluasi-cetak-status", j),
        "url_cetak": reverse("evaluasi-cetak", kwargs={"kode": j.pemda.kode}),
    }
    return render(request, "laporan/cetak_kabupaten_status.html", ctx)


@require_safe
def cetak_json(request: HttpRequest, kode: str, job: uuid.UUID) -> JsonResponse:
    j = _job(request, kode, job)
    r = JsonResponse(keadaan(j, _url("evaluasi-cetak-berkas", j)))
    r["Cache-Control"] = "no-store"
    return r


@require_safe
def cetak_berkas(request: HttpRequest, kode: str, job: uuid.UUID) -> FileResponse:
    j = _job(request, kode, job)
    if j.status != CetakKabupaten.Status.SELESAI or not j.berkas:
        raise Http404("Arsip belum selesai dibuat.")
    try:
        berkas = j.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Arsip sudah tidak tersedia; cetak sekali lagi.") from None
    return FileResponse(
        berkas, content_type="application/zip", as_attachment=True, filename=nama_zip(j)
    )
