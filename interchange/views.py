"""The admin pemda imports a data package (``impor_paket``'s format) from the browser:
upload, preview (what is replaced, per year now → after, every refusal), confirm; a large
package is saved by a job on the queue. The progress pages of every import job."""

from __future__ import annotations

import secrets
import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from interchange.antrean import kemajuan_job, url_job
from interchange.models import ImporJob
from interchange.pratinjau import paket_pratinjau
from interchange.simpan import paket_simpan
from kinerja.access import (
    boleh_kelola_pemda,
    get_manageable_pemda_for_user,
    pemda_terlihat,
    peran,
    perangkat_daerah_terlihat,
)
from kinerja.antrean_impor import minta, perlu_antrean
from kinerja.paket.parser import UKURAN_MAKS, Error, InvalidPaket, baca_paket, muat_json

SESI = "impor_paket"


def _galat(pesan: str) -> list[Error]:
    return [Error("", pesan)]


@require_http_methods(["GET", "HEAD", "POST"])
def impor_paket(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    ctx = {"pemda": pemda, "url": reverse("pemda-impor-paket", args=[pemda.kode])}
    if request.method != "POST":
        return render(request, "interchange/impor_paket.html", ctx)
    kunci = f"{SESI}:{pemda.pk}"
    if request.POST.get("langkah") == "simpan":
        return _simpan(request, pemda, kunci, ctx)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        ctx["galat"] = _galat("Pilih berkas paket data (.json) yang akan diunggah.")
        return render(request, "interchange/impor_paket.html", ctx, status=400)
    if berkas.size > UKURAN_MAKS:
        ctx["galat"] = _galat(f"Berkas lebih dari {UKURAN_MAKS // (1024 * 1024)} MB.")
        return render(request, "interchange/impor_paket.html", ctx, status=400)
    teks = berkas.read()
    try:
        paket = baca_paket(muat_json(teks))
    except InvalidPaket as e:
        ctx["galat"] = e.errors
        return render(request, "interchange/impor_paket.html", ctx, status=400)
    if paket.pemda.kode != pemda.kode:
        ctx["galat"] = _galat(
            f"Paket ini milik {paket.pemda.nama} ({paket.pemda.kode}), bukan {pemda.nama}."
        )
        return render(request, "interchange/impor_paket.html", ctx, status=400)
    pratinjau = paket_pratinjau(paket)
    ctx["pratinjau"] = pratinjau
    if pratinjau.galat:
        ctx["galat"] = pratinjau.galat
        return render(request, "interchange/impor_paket.html", ctx, status=400)
    lama = request.session.get(kunci)
    if lama:
        default_storage.delete(lama["berkas"])
    nama = default_storage.save(f"impor/{secrets.token_hex(16)}.json", ContentFile(teks))
    token = secrets.token_urlsafe(16)
    jumlah = pratinjau.indikator_baru + sum(sum(th.baru.values()) for th in pratinjau.tahun)
    request.session[kunci] = {"berkas": nama, "token": token, "jumlah_baris": jumlah}
    ctx["token"] = token
    return render(request, "interchange/impor_paket.html", ctx)


def _simpan(request, pemda, kunci: str, ctx: dict) -> HttpResponse:
    sesi = request.session.get(kunci)
    if not sesi or sesi["token"] != request.POST.get("token"):
        messages.error(request, "Pratinjau impor sudah tidak berlaku; unggah paketnya lagi.")
        return redirect(ctx["url"])
    if perlu_antrean(sesi.get("jumlah_baris")):
        del request.session[kunci]
        return redirect(
            minta(
                jenis=ImporJob.Jenis.PAKET,
                pengguna=request.user,
                pemda=pemda,
                judul="paket data",
                muatan={},
                berkas=sesi["berkas"],
                jumlah_baris=sesi["jumlah_baris"],
                url_kembali=reverse("pemda-perangkat-daerah", args=[pemda.kode]),
            )
        )
    with default_storage.open(sesi["berkas"], "rb") as f:
        teks = f.read()
    try:
        paket = baca_paket(muat_json(teks))
        pd = paket_simpan(paket=paket, pengguna=request.user)
    except InvalidPaket as e:
        ctx["galat"] = e.errors
        return render(request, "interchange/impor_paket.html", ctx, status=409)
    default_storage.delete(sesi["berkas"])
    del request.session[kunci]
    messages.success(
        request,
        f"Paket {pd.nama} diimpor: {len(paket.semua_indikator())} indikator, tahun "
        + (", ".join(str(th.tahun) for th in paket.tahun) or "-")
        + ".",
    )
    return redirect("pemda-perangkat-daerah", pemda.kode)


# ----------------------------------------------------------------------- import jobs


def keadaan(job: ImporJob) -> dict:
    """The state of an import job as its page shows it."""
    return {
        "status": job.status,
        "label": job.get_status_display(),
        "kemajuan": kemajuan_job(job),
        "tahap": job.tahap or job.get_status_display(),
        "selesai": job.status == ImporJob.Status.SELESAI,
        "gagal": job.status == ImporJob.Status.GAGAL,
    }


def _job_pd(request: HttpRequest, kode: str, job: uuid.UUID) -> ImporJob:
    """A perangkat daerah's import job, for its own users and the admin of its pemda (or a
    superuser); 404 for everybody else, the evaluator included."""
    pd = perangkat_daerah_terlihat(request.user).filter(kode=kode).first()
    p = peran(request.user)
    if pd is None or not (
        request.user.is_superuser
        or (p is not None and p.perangkat_daerah_id == pd.pk)
        or boleh_kelola_pemda(request.user, pd.pemda)
    ):
        raise Http404("Pekerjaan impor tidak ditemukan.")
    return _job(job, perangkat_daerah=pd)


def _job_pemda(request: HttpRequest, kode: str, job: uuid.UUID) -> ImporJob:
    """A data package's import job, for the admin of its pemda (or a superuser)."""
    pemda = pemda_terlihat(request.user).filter(kode=kode).first()
    if pemda is None or not boleh_kelola_pemda(request.user, pemda):
        raise Http404("Pekerjaan impor tidak ditemukan.")
    return _job(job, pemda=pemda, perangkat_daerah=None)


def _job(pk: uuid.UUID, **saring) -> ImporJob:
    j = (
        ImporJob.objects.select_related("pemda", "perangkat_daerah", "diminta_oleh")
        .filter(pk=pk, **saring)
        .first()
    )
    if j is None:
        raise Http404("Pekerjaan impor tidak ditemukan.")
    return j


def _halaman_job(request: HttpRequest, j: ImporJob) -> HttpResponse:
    ctx = {
        "job": j,
        "k": keadaan(j),
        "url_json": url_job(j, json=True),
        "url_status": url_job(j),
    }
    return render(request, "interchange/impor_job.html", ctx)


def _json_job(j: ImporJob) -> JsonResponse:
    r = JsonResponse(keadaan(j))
    r["Cache-Control"] = "no-store"
    return r


@require_safe
def impor_job(request: HttpRequest, kode: str, job: uuid.UUID) -> HttpResponse:
    return _halaman_job(request, _job_pd(request, kode, job))


@require_safe
def impor_job_json(request: HttpRequest, kode: str, job: uuid.UUID) -> JsonResponse:
    return _json_job(_job_pd(request, kode, job))


@require_safe
def pemda_impor_job(request: HttpRequest, kode: str, job: uuid.UUID) -> HttpResponse:
    return _halaman_job(request, _job_pemda(request, kode, job))


@require_safe
def pemda_impor_job_json(request: HttpRequest, kode: str, job: uuid.UUID) -> JsonResponse:
    return _json_job(_job_pemda(request, kode, job))
