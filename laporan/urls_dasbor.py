"""URLs under /pd/<kode>/<tahun>/: the dashboard and the detailed computation."""

from django.urls import path

from laporan import views_dasbor

urlpatterns = [
    path("", views_dasbor.beranda_pd, name="pd-beranda"),
    path("hitung/", views_dasbor.hitung_rinci, name="pd-hitung"),
]
