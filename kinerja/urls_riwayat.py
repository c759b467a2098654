"""URLs of the audit trail screens under /pd/<kode>/riwayat/."""

from django.urls import path

from kinerja.views import riwayat

urlpatterns = [
    path("", riwayat.riwayat_pd, name="riwayat-pd"),
    path("<str:tipe>/<int:objek_id>/", riwayat.riwayat_objek, name="riwayat-objek"),
]
