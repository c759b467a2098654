"""URLs of the budget screens under /pd/<kode>/<tahun>/anggaran/."""

from django.urls import path

from anggaran import views

urlpatterns = [
    path("", views.ringkasan, name="anggaran-ringkasan"),
    path("dpa/<str:versi>/", views.dpa, name="anggaran-dpa"),
    path("realisasi/<int:triwulan>/", views.realisasi, name="anggaran-realisasi"),
]
