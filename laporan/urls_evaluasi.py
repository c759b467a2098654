"""The evaluator's list of every perangkat daerah of a pemda under /evaluasi/<kode pemda>/."""

from django.urls import path

from laporan import views_evaluasi as v

urlpatterns = [
    path("", v.daftar, name="evaluasi-daftar"),
    path("<str:kode_pd>/<int:tahun>/bukti.zip", v.bukti_zip, name="evaluasi-bukti-zip"),
]
