"""The first page after login: what waits for the user, by role (see laporan.tugas)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from kinerja.access import perangkat_daerah_terlihat
from kinerja.services.pengingat import pengingat_pengguna
from laporan.tables import tabel_ringkasan_beranda, tabel_triwulan_beranda
from laporan.tugas import tugas


@require_safe
def beranda(request: HttpRequest) -> HttpResponse:
    daftar = list(perangkat_daerah_terlihat(request.user).order_by("pemda__nama", "nama"))
    ctx = {"page": "beranda", **tugas(request.user, daftar)}
    ctx["pengingat"] = pengingat_pengguna(request.user)
    sendiri = ctx.get("sendiri")
    if sendiri and sendiri.tahun:
        operator = ctx["jenis"] == "operator"
        ctx["tabel_triwulan"] = tabel_triwulan_beranda(sendiri, operator=operator)
    if ctx["jenis"] not in ("operator", "kepala"):
        ctx["tabel_ringkasan"] = tabel_ringkasan_beranda(
            ctx["ringkasan"], lambda kode, tahun: reverse("pd-beranda", args=[kode, tahun])
        )
    return render(request, "kinerja/beranda.html", ctx)
