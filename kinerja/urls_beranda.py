"""URLs under /pd/<kode>/<tahun>/: the dashboard and the detailed computation."""

from django.urls import path

from kinerja.views import beranda, dasbor

urlpatterns = [
    path("", dasbor.beranda_pd, name="pd-beranda"),
    path("hitung/", beranda.hitung_rinci, name="pd-hitung"),
]
