"""The first page after login: what waits for the user, by role (see laporan.tugas)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kinerja.access import perangkat_daerah_terlihat
from laporan.tugas import tugas


@require_safe
def beranda(request: HttpRequest) -> HttpResponse:
    daftar = list(perangkat_daerah_terlihat(request.user).order_by("pemda__nama", "nama"))
    ctx = {"page": "beranda", **tugas(request.user, daftar)}
    return render(request, "kinerja/beranda.html", ctx)
