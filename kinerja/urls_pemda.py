"""URLs of the admin pemda screens (rules, perangkat daerah, users) under /pemda/<kode>/."""

from django.urls import path

from kinerja.views import pemda as v
from kinerja.views import tenggat

urlpatterns = [
    path("aturan/", v.aturan, name="pemda-aturan"),
    path("aturan/periksa/", v.aturan_periksa, name="pemda-aturan-periksa"),
    path("perangkat-daerah/", v.perangkat_daerah, name="pemda-perangkat-daerah"),
    path(
        "perangkat-daerah/<int:pk>/ubah/",
        v.perangkat_daerah_ubah_view,
        name="pemda-perangkat-daerah-ubah",
    ),
    path("pengguna/", v.pengguna, name="pemda-pengguna"),
    path("pengguna/baru/", v.pengguna_baru, name="pemda-pengguna-baru"),
    path("pengguna/<int:pk>/ubah/", v.pengguna_ubah_view, name="pemda-pengguna-ubah"),
    path("tenggat/", tenggat.tenggat, name="pemda-tenggat"),
]
