from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.access import get_perangkat_daerah_for_user, perangkat_daerah_terlihat
from kinerja.hitung import hitung
from kinerja.paket.db import paket_muat
from laporan.models import LKjIP


def beranda(request: HttpRequest) -> HttpResponse:
    daftar = list(perangkat_daerah_terlihat(request.user).order_by("pemda__nama", "nama"))
    tahun: dict[int, list[int]] = {}
    for row in LKjIP.objects.filter(perangkat_daerah__in=daftar).order_by("-tahun"):
        tahun.setdefault(row.perangkat_daerah_id, []).append(row.tahun)
    ctx = {"page": "beranda", "daftar": [(pd, tahun.get(pd.pk, [])) for pd in daftar]}
    return render(request, "kinerja/beranda.html", ctx)


def hitung_rinci(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    paket = paket_muat(pd, tahun=tahun)
    if paket.cari_tahun(tahun) is None:
        raise Http404(f"Tidak ada data tahun {tahun}.")
    hasil = hitung(paket, tahun)
    ctx = {
        "page": "hitung",
        "pd": pd,
        "tahun": tahun,
        "rw": rw,
        "hasil": hasil,
        "aturan": paket.pemda.aturan,
    }
    return render(request, "kinerja/hitung.html", ctx)
