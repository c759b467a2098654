"""URLs of the years of a perangkat daerah under /pd/<kode>/<tahun>/."""

from django.urls import path

from laporan import views_tahun

urlpatterns = [
    path("buka/", views_tahun.buka_tahun, name="tahun-buka"),
]
