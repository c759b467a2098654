"""URLs of the LKE AKIP evaluation, one named list per group; ``lkjip.urls`` mounts each.

- ``template_urls``: the pemda's worksheet versions under /pemda/<kode pemda>/lke/;
- ``daftar_urls``: the evaluations of a pemda under /evaluasi/<kode pemda>/lke/;
- ``evaluasi_urls``: the evaluation of a perangkat daerah's year under
  /pd/<kode>/<tahun>/lke/ (self-assessment, scores, review steps, evidence files).
"""

from django.urls import path

from evaluasi.views import evaluasi, template

template_urls = [
    path("", template.template_daftar, name="lke-template-daftar"),
    path("<int:versi>/", template.template_lihat, name="lke-template"),
    path("<int:versi>/salin/", template.template_salin, name="lke-template-salin"),
    path("<int:versi>/sub/<int:pk>/", template.sub_ubah, name="lke-sub-ubah"),
    path("<int:versi>/sub/<int:pk>/tambah/", template.kriteria_tambah, name="lke-kriteria-tambah"),
    path("<int:versi>/kriteria/<int:pk>/", template.kriteria_ubah, name="lke-kriteria-ubah"),
]

daftar_urls = [
    path("", evaluasi.daftar, name="lke-daftar"),
]

evaluasi_urls = [
    path("", evaluasi.evaluasi, name="lke-evaluasi"),
    path("jawab/<int:pk>/", evaluasi.jawab, name="lke-jawab"),
    path("nilai/<int:pk>/", evaluasi.nilai, name="lke-nilai"),
    path("ajukan/", evaluasi.ajukan, name="lke-ajukan"),
    path("kembalikan-pd/", evaluasi.kembalikan_pd, name="lke-kembalikan-pd"),
    path("kirim/", evaluasi.kirim, name="lke-kirim"),
    path("kembalikan/", evaluasi.kembalikan, name="lke-kembalikan"),
    path("setujui/", evaluasi.setujui, name="lke-setujui"),
    path("berkas/<int:pk>/", evaluasi.berkas, name="lke-berkas"),
    path("lhe.pdf", evaluasi.lhe, name="lke-lhe"),
    path("rekomendasi/", evaluasi.rekomendasi_tambah, name="lke-rekomendasi-tambah"),
    path("rekomendasi/<int:pk>/hapus/", evaluasi.rekomendasi_hapus, name="lke-rekomendasi-hapus"),
]
