"""The indicator register of a Renstra through a workbook: download, upload, preview
(what changes, downloaded → uploaded, and every refusal the save would give), save all
or nothing (``kinerja.services.register_xlsx``)."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from kinerja.access import get_editable_perangkat_daerah_for_user, get_perangkat_daerah_for_user
from kinerja.antrean_impor import minta, perlu_antrean
from kinerja.models import Renstra
from kinerja.services.register_xlsx import (
    UKURAN_MAKS,
    baca_register,
    buku_register,
    register_periksa,
    register_simpan,
)
from lib.xlsx_baca import BerkasDitolak, Galat

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESI = "impor_register"


def _renstra(pd, mulai: int) -> Renstra:
    r = (
        Renstra.objects.select_related("perangkat_daerah__pemda")
        .filter(perangkat_daerah=pd, mulai=mulai)
        .first()
    )
    if r is None:
        raise Http404("Renstra tidak ditemukan.")
    return r


@require_safe
def unduh(request: HttpRequest, kode: str, mulai: int) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    r = _renstra(pd, mulai)
    resp = HttpResponse(buku_register(r), content_type=XLSX)
    nama = f"register-indikator-{pd.kode}-{r.mulai}-{r.selesai}.xlsx"
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


def _halaman(request, ctx: dict, status: int = 200) -> HttpResponse:
    return render(request, "kinerja/impor_register.html", ctx, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def impor(request: HttpRequest, kode: str, mulai: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    r = _renstra(pd, mulai)
    ctx = {
        "pd": pd,
        "renstra": r,
        "url": reverse("register-impor", args=[pd.kode, r.mulai]),
        "url_unduh": reverse("register-xlsx", args=[pd.kode, r.mulai]),
        "url_renstra": reverse("perencanaan-renstra", args=[pd.kode]),
    }
    if request.method != "POST":
        return _halaman(request, ctx)
    kunci = f"{SESI}:{r.pk}"
    sesi = request.session.get(kunci) or {}
    if request.POST.get("langkah") == "simpan":
        if not sesi or sesi["token"] != request.POST.get("token"):
            messages.error(request, "Pratinjau impor sudah tidak berlaku; unggah berkasnya lagi.")
            return redirect(ctx["url"])
        if perlu_antrean(sesi.get("jumlah_baris")):
            del request.session[kunci]
            return redirect(
                minta(
                    jenis="register",
                    pengguna=request.user,
                    pemda=pd.pemda,
                    pd=pd,
                    judul=f"register indikator Renstra {r.mulai}–{r.selesai}",
                    muatan={"renstra": r.pk},
                    berkas=sesi["berkas"],
                    jumlah_baris=sesi["jumlah_baris"],
                    url_kembali=ctx["url_renstra"],
                )
            )
        with default_storage.open(sesi["berkas"], "rb") as f:
            data = f.read()
    else:
        berkas = request.FILES.get("berkas")
        if berkas is None or berkas.size > UKURAN_MAKS:
            pesan = "Pilih berkas Excel (.xlsx) register indikator, paling besar 5 MB."
            return _halaman(request, {**ctx, "galat": [Galat(pesan)]}, 400)
        data = berkas.read()
    try:
        baris = baca_register(data, r)
    except BerkasDitolak as e:
        return _halaman(request, {**ctx, "galat": e.galat}, 400)
    if request.POST.get("langkah") == "simpan":
        try:
            n = register_simpan(baris, request.user)
        except ValidationError as e:
            return _halaman(request, {**ctx, "galat": [Galat(m) for m in e.messages]}, 409)
        default_storage.delete(sesi["berkas"])
        del request.session[kunci]
        baru = sum(1 for b in baris if b.baru)
        teks = f"{n} indikator diubah" + (f", {baru} di antaranya baru" if baru else "")
        messages.success(request, f"Register indikator diimpor: {teks}.")
        return redirect(ctx["url_renstra"])
    tolak = register_periksa(baris, request.user)
    if tolak:
        return _halaman(request, {**ctx, "galat": [Galat(m) for m in tolak]}, 400)
    if sesi.get("berkas"):
        default_storage.delete(sesi["berkas"])
    nama = default_storage.save(f"impor/{secrets.token_hex(16)}.xlsx", ContentFile(data))
    token = secrets.token_urlsafe(16)
    request.session[kunci] = {"berkas": nama, "token": token, "jumlah_baris": len(baris)}
    jumlah_baru = sum(1 for b in baris if b.baru)
    ctx |= {"baris": baris, "token": token, "dibaca": True, "jumlah_baru": jumlah_baru}
    return _halaman(request, ctx)
