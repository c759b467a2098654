"""The admin pemda imports a data package (``impor_paket``'s format) from the browser:
upload, preview (what is replaced, per year now → after, every refusal), confirm."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from interchange.pratinjau import paket_pratinjau
from interchange.simpan import paket_simpan
from kinerja.access import get_manageable_pemda_for_user
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
    request.session[kunci] = {"berkas": nama, "token": token}
    ctx["token"] = token
    return render(request, "interchange/impor_paket.html", ctx)


def _simpan(request, pemda, kunci: str, ctx: dict) -> HttpResponse:
    sesi = request.session.get(kunci)
    if not sesi or sesi["token"] != request.POST.get("token"):
        messages.error(request, "Pratinjau impor sudah tidak berlaku; unggah paketnya lagi.")
        return redirect(ctx["url"])
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
