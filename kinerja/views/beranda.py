"""The detailed computation of a year. (The home page is laporan.views_beranda.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.access import get_perangkat_daerah_for_user
from kinerja.engine.hitung import hitung
from kinerja.views.tahun import halaman_tahun_belum_dibuka
from laporan.selectors_paket import paket_muat


def hitung_rinci(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    paket = paket_muat(pd, tahun)
    if paket.cari_tahun(tahun) is None:
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Perhitungan")
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
