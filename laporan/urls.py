"""URLs of the LKjIP of a year under /pd/<kode>/<tahun>/lkjip/ (editor, preview, readiness, sign-off)."""

from django.urls import path

from laporan import views_alur as alur
from laporan import views_editor as editor
from laporan import views_sumber_daya

urlpatterns = [
    path("", editor.editor, name="lkjip-editor"),
    path("narasi/<path:bagian>/", editor.narasi_simpan_view, name="lkjip-narasi-simpan"),
    path("tabel/<str:tabel>/", editor.tabel_simpan_view, name="lkjip-tabel-simpan"),
    path("sumber-daya/", views_sumber_daya.sumber_daya, name="lkjip-sumber-daya"),
    path("penandatanganan/", editor.penandatanganan_view, name="lkjip-penandatanganan"),
    path("pratinjau/", editor.pratinjau, name="lkjip-pratinjau"),
    path("draf.pdf", editor.draf_pdf, name="lkjip-draf-pdf"),
    path("kesiapan/", editor.kesiapan, name="lkjip-kesiapan"),
    path("temuan/", editor.penjelasan_temuan_view, name="lkjip-temuan-jelaskan"),
    path("ajukan/", alur.ajukan, name="lkjip-ajukan"),
    path("kembalikan/", alur.kembalikan, name="lkjip-kembalikan"),
    path("tetapkan/", alur.tetapkan, name="lkjip-tetapkan"),
    path("buka-kembali/", alur.buka_kembali, name="lkjip-buka-kembali"),
    path("snapshot/<int:versi>.pdf", alur.snapshot, name="lkjip-snapshot"),
]
