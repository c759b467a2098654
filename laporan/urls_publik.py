"""The public verification of signed LKjIP snapshots under /verifikasi/ (no login)."""

from django.urls import path

from laporan import views_publik as v

urlpatterns = [
    path("", v.verifikasi_cari, name="verifikasi-cari"),
    path("<str:kode_isi>/", v.verifikasi, name="verifikasi"),
]
