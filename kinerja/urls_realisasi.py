"""URLs of the quarterly realisasi, evidence and review screens (under /pd/<kode>/<tahun>/)."""

from django.urls import path

from kinerja.views import realisasi as v

urlpatterns = [
    path("realisasi/<int:triwulan>/", v.realisasi_triwulan, name="realisasi-triwulan"),
    path(
        "realisasi/<int:triwulan>/pratinjau/",
        v.realisasi_pratinjau,
        name="realisasi-pratinjau",
    ),
    path(
        "realisasi/<int:triwulan>/bukti/<int:indikator_id>/",
        v.bukti_unggah_view,
        name="bukti-unggah",
    ),
    path("realisasi/<int:triwulan>/ajukan/", v.realisasi_ajukan, name="realisasi-ajukan"),
    path("realisasi/<int:triwulan>/setujui/", v.realisasi_setujui, name="realisasi-setujui"),
    path(
        "realisasi/<int:triwulan>/kembalikan/",
        v.realisasi_kembalikan,
        name="realisasi-kembalikan",
    ),
    path(
        "realisasi/<int:triwulan>/buka-kembali/",
        v.realisasi_buka_kembali,
        name="realisasi-buka-kembali",
    ),
    path("bukti/<int:bukti_id>/", v.bukti_unduh, name="bukti-unduh"),
    path("bukti/<int:bukti_id>/hapus/", v.bukti_hapus_view, name="bukti-hapus"),
]
