"""A print on the job queue: its progress page, its state as JSON, its PDF."""

from __future__ import annotations

import uuid

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from kinerja.access import get_perangkat_daerah_for_user
from laporan.models import CetakJob


def _job(request: HttpRequest, kode: str, tahun: int, job: uuid.UUID) -> CetakJob:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    try:
        return CetakJob.objects.select_related("perangkat_daerah", "snapshot").get(
            pk=job, perangkat_daerah=pd, tahun=tahun
        )
    except CetakJob.DoesNotExist:
        raise Http404("Pekerjaan cetak tidak ditemukan.") from None


def _url(nama: str, j: CetakJob) -> str:
    return reverse(nama, kwargs={"kode": j.perangkat_daerah.kode, "tahun": j.tahun, "job": j.pk})


def nama_berkas(j: CetakJob) -> str:
    nama = "-".join(j.perangkat_daerah.nama.split())
    if j.jenis == CetakJob.Jenis.BUKTI:
        return f"bukti-dukung-{nama}-{j.tahun}.zip"
    return f"LKjIP-{j.tahun}-{nama}-draf.pdf"


def _url_berkas(j: CetakJob) -> str:
    if j.status != CetakJob.Status.SELESAI:
        return ""
    if j.jenis == CetakJob.Jenis.TETAP:
        if j.snapshot is None:  # the version was deleted since (reopened and re-signed)
            return ""
        kwargs = {"kode": j.perangkat_daerah.kode, "tahun": j.tahun, "versi": j.snapshot.versi}
        return reverse("lkjip-snapshot", kwargs=kwargs)
    return _url("lkjip-cetak-berkas", j)


def keadaan(j: CetakJob) -> dict:
    """The state of a print as the progress page shows it."""
    return {
        "status": j.status,
        "label": j.get_status_display(),
        "kemajuan": j.kemajuan,
        "tahap": j.tahap or j.get_status_display(),
        "selesai": j.status == CetakJob.Status.SELESAI,
        "gagal": j.status == CetakJob.Status.GAGAL,
        "pesan_galat": j.pesan_galat,
        "halaman": j.halaman,
        "url_berkas": _url_berkas(j),
    }


@require_safe
def cetak_status(request: HttpRequest, kode: str, tahun: int, job: uuid.UUID) -> HttpResponse:
    j = _job(request, kode, tahun, job)
    ctx = {
        "page": "lkjip-cetak",
        "pd": j.perangkat_daerah,
        "tahun": tahun,
        "job": j,
        "tetap": j.jenis == CetakJob.Jenis.TETAP,
        "bukti": j.jenis == CetakJob.Jenis.BUKTI,
        "k": keadaan(j),
        "url_json": _url("lkjip-cetak-json", j),
        "url_status": _url("lkjip-cetak-status", j),
        "url_editor": reverse("lkjip-editor", kwargs={"kode": kode, "tahun": tahun}),
    }
    return render(request, "laporan/cetak_status.html", ctx)


@require_safe
def cetak_json(request: HttpRequest, kode: str, tahun: int, job: uuid.UUID) -> JsonResponse:
    r = JsonResponse(keadaan(_job(request, kode, tahun, job)))
    r["Cache-Control"] = "no-store"
    return r


@require_safe
def cetak_berkas(request: HttpRequest, kode: str, tahun: int, job: uuid.UUID) -> FileResponse:
    j = _job(request, kode, tahun, job)
    if j.jenis == CetakJob.Jenis.TETAP or j.status != CetakJob.Status.SELESAI or not j.berkas:
        raise Http404("Berkas belum selesai dibuat.")
    try:
        berkas = j.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas sudah tidak tersedia; minta sekali lagi.") from None
    if j.jenis == CetakJob.Jenis.BUKTI:
        return FileResponse(
            berkas, content_type="application/zip", as_attachment=True, filename=nama_berkas(j)
        )
    return FileResponse(berkas, content_type="application/pdf", filename=nama_berkas(j))
