"""URLs of the budget screens; ``lkjip.urls`` includes it under
/pd/<kode>/<tahun>/anggaran/."""

from django.urls import path

from anggaran.views import dpa, impor, realisasi, ringkasan, sasaran

urlpatterns = [
    path("", ringkasan.ringkasan, name="anggaran-ringkasan"),
    path("dpa/<str:versi>/", dpa.dpa, name="anggaran-dpa"),
    path("dpa/<str:versi>/impor/", impor.impor_dpa, name="anggaran-dpa-impor"),
    path("dpa/<str:versi>/templat.xlsx", impor.templat_dpa, name="anggaran-dpa-templat"),
    path("realisasi/<int:triwulan>/", realisasi.realisasi, name="anggaran-realisasi"),
    path("sasaran/", sasaran.anggaran_sasaran, name="anggaran-sasaran"),
    path(
        "realisasi/<int:triwulan>/impor/",
        impor.impor_realisasi,
        name="anggaran-realisasi-impor",
    ),
]
