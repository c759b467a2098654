"""URLs of the budget screens; ``lkjip.urls`` includes it under
/pd/<kode>/<tahun>/anggaran/."""

from django.urls import path

from anggaran.views import dpa, realisasi, ringkasan

urlpatterns = [
    path("", ringkasan.ringkasan, name="anggaran-ringkasan"),
    path("dpa/<str:versi>/", dpa.dpa, name="anggaran-dpa"),
    path("realisasi/<int:triwulan>/", realisasi.realisasi, name="anggaran-realisasi"),
]
