"""URLs of the SKM and comparison value screens under /pd/<kode>/<tahun>/."""

from django.urls import path

from kinerja.views import skm as v

urlpatterns = [
    path("skm/", v.skm_daftar, name="skm-daftar"),
    path("skm/<int:pk>/", v.skm_ubah, name="skm-ubah"),
    path("skm/<int:pk>/hapus/", v.skm_hapus, name="skm-hapus"),
    path("pembanding/", v.pembanding, name="pembanding"),
]
