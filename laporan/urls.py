"""URLs of the documents, one named list per group of screens; ``lkjip.urls`` mounts each
list under its prefix.

- ``dasbor_urls``: the dashboard of a year and its detailed computation, under
  /pd/<kode>/<tahun>/;
- ``lkjip_urls``: the LKjIP of a year under /pd/<kode>/<tahun>/lkjip/ (editor, preview,
  readiness, sign-off);
- ``pk_urls``: the PDF of a Perjanjian Kinerja under /pd/<kode>/<tahun>/pk/ (the PK page
  is in kinerja);
- ``tahun_urls``: opening a year, under /pd/<kode>/<tahun>/;
- ``evaluasi_urls``: the evaluator's list of every perangkat daerah of a pemda under
  /evaluasi/<kode pemda>/, the kabupaten dashboard of a year (its summary workbook,
  the ranking of shared indicators, the year against the one before), and the LKjIP of
  every perangkat daerah printed as one zip (``cetak/``);
- ``pemda_urls``: the admin pemda's settings of the documents under /pemda/<kode pemda>/
  (the comparison perangkat daerah of each perangkat daerah);
- ``verifikasi_urls``: the public verification of signed LKjIP snapshots under
  /verifikasi/ (no login).
"""

from django.urls import path

from laporan.views import (
    alur,
    cetak,
    cetak_kabupaten,
    dasbor,
    editor,
    evaluasi,
    kabupaten,
    pembanding,
    pk,
    publik,
    sumber_daya,
    tahun,
    tindak_lanjut,
    xlsx,
)

dasbor_urls = [
    path("", dasbor.beranda_pd, name="pd-beranda"),
    path("hitung/", dasbor.hitung_rinci, name="pd-hitung"),
    path("data.xlsx", xlsx.data_tahun, name="pd-data-xlsx"),
]

lkjip_urls = [
    path("", editor.editor, name="lkjip-editor"),
    path("narasi/<path:bagian>/", editor.narasi_simpan, name="lkjip-narasi-simpan"),
    path("tabel/<str:tabel>/", editor.tabel_simpan, name="lkjip-tabel-simpan"),
    path("sumber-daya/", sumber_daya.sumber_daya, name="lkjip-sumber-daya"),
    path("penandatanganan/", editor.penandatanganan, name="lkjip-penandatanganan"),
    path("pratinjau/", editor.pratinjau, name="lkjip-pratinjau"),
    path("draf.pdf", editor.draf_pdf, name="lkjip-draf-pdf"),
    path("tabel.xlsx", xlsx.tabel_lkjip, name="lkjip-tabel-xlsx"),
    path("cetak/<uuid:job>/", cetak.cetak_status, name="lkjip-cetak-status"),
    path("cetak/<uuid:job>.json", cetak.cetak_json, name="lkjip-cetak-json"),
    path("cetak/<uuid:job>/berkas", cetak.cetak_berkas, name="lkjip-cetak-berkas"),
    path("kesiapan/", editor.kesiapan, name="lkjip-kesiapan"),
    path("temuan/", editor.penjelasan_temuan, name="lkjip-temuan-jelaskan"),
    path("ajukan/", alur.ajukan, name="lkjip-ajukan"),
    path("kembalikan/", alur.kembalikan, name="lkjip-kembalikan"),
    path("tetapkan/", alur.tetapkan, name="lkjip-tetapkan"),
    path("buka-kembali/", alur.buka_kembali, name="lkjip-buka-kembali"),
    path("snapshot/<int:versi>.pdf", alur.snapshot, name="lkjip-snapshot"),
]

pk_urls = [
    path("<str:versi>.pdf", pk.pk_pdf, name="pk-pdf"),
]

tahun_urls = [
    path("buka/", tahun.buka_tahun, name="tahun-buka"),
]

evaluasi_urls = [
    path("", evaluasi.daftar, name="evaluasi-daftar"),
    path("<str:kode_pd>/<int:tahun>/bukti.zip", evaluasi.bukti_zip, name="evaluasi-bukti-zip"),
    # The kabupaten dashboard (laporan/views/kabupaten.py) and its workbook
    path("<int:tahun>/ringkasan.xlsx", kabupaten.ringkasan_xlsx, name="evaluasi-ringkasan-xlsx"),
    path("kabupaten/", kabupaten.awal, name="evaluasi-kabupaten-awal"),
    path("<int:tahun>/kabupaten/", kabupaten.dasbor, name="evaluasi-kabupaten"),
    path(
        "<int:tahun>/kabupaten/peringkat/",
        kabupaten.peringkat,
        name="evaluasi-kabupaten-peringkat",
    ),
    path("<int:tahun>/kabupaten/banding/", kabupaten.banding, name="evaluasi-kabupaten-banding"),
    path("tindak-lanjut/", tindak_lanjut.pemda, name="tindak-lanjut-pemda"),
    # The LKjIP of every perangkat daerah as one job and one zip (laporan.cetak_kabupaten)
    path("cetak/", cetak_kabupaten.cetak, name="evaluasi-cetak"),
    path("cetak/<uuid:job>/", cetak_kabupaten.cetak_status, name="evaluasi-cetak-status"),
    path("cetak/<uuid:job>.json", cetak_kabupaten.cetak_json, name="evaluasi-cetak-json"),
    path("cetak/<uuid:job>/lkjip.zip", cetak_kabupaten.cetak_berkas, name="evaluasi-cetak-berkas"),
]

# The follow-up of the LHE recommendations of a perangkat daerah, /pd/<kode>/tindak-lanjut/.
tindak_lanjut_urls = [
    path("", tindak_lanjut.tindak_lanjut, name="tindak-lanjut"),
    path("<int:pk>/", tindak_lanjut.simpan, name="tindak-lanjut-simpan"),
    path("<int:pk>/terima/", tindak_lanjut.terima, name="tindak-lanjut-terima"),
    path("<int:pk>/buka/", tindak_lanjut.buka, name="tindak-lanjut-buka"),
    path("<int:pk>/berkas/", tindak_lanjut.berkas, name="tindak-lanjut-berkas"),
]

pemda_urls = [
    path("pembanding/", pembanding.daftar, name="pemda-pembanding"),
    path("pembanding/<int:pk>/", pembanding.ubah, name="pemda-pembanding-ubah"),
]

verifikasi_urls = [
    path("", publik.verifikasi_cari, name="verifikasi-cari"),
    path("<str:sha256>.json", publik.verifikasi_json, name="verifikasi-json"),
    path("<str:kode_isi>/", publik.verifikasi, name="verifikasi"),
]
