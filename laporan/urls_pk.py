"""The PDF of a Perjanjian Kinerja under /pd/<kode>/<tahun>/pk/ (the PK page is in kinerja)."""

from django.urls import path

from laporan import views_pk

urlpatterns = [
    path("<str:versi>.pdf", views_pk.pk_pdf, name="pk-pdf"),
]
