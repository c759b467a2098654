"""URLs of the performance chain, one named list per group of screens; ``lkjip.urls``
mounts each list under its prefix.

- ``realisasi_urls``, ``skm_urls``: under /pd/<kode>/<tahun>/ (the dashboard is laporan's);
- ``perencanaan_urls`` (Renstra, indikator, program, PK, rencana aksi): under /pd/<kode>/;
- ``pejabat_pd_urls``: under /pd/<kode>/<tahun>/pejabat/;
- ``pk_berjenjang_urls``: the cascaded PKs of a year, under /pd/<kode>/<tahun>/pk-berjenjang/
  (the list itself is perencanaan-pk-berjenjang);
- ``riwayat_urls``: the audit trail, under /pd/<kode>/riwayat/;
- ``pemda_urls`` (rules, perangkat daerah, users, deadlines): under /pemda/<kode>/;
- ``pejabat_pemda_urls``: the pemda's officials, under /pemda/<kode>/pejabat/ (the year
  in ?tahun=).
"""

from django.urls import path

from kinerja.views import (
    kalender,
    pejabat,
    pemda,
    perencanaan,
    pk_berjenjang,
    realisasi,
    realisasi_xlsx,
    register_xlsx,
    renstra,
    riwayat,
    skm,
    tenggat,
)

realisasi_urls = [
    path("realisasi/<int:triwulan>/", realisasi.realisasi_triwulan, name="realisasi-triwulan"),
    path("realisasi/<int:triwulan>/buku.xlsx", realisasi_xlsx.unduh, name="realisasi-xlsx"),
    path("realisasi/<int:triwulan>/impor/", realisasi_xlsx.impor, name="realisasi-xlsx-impor"),
    path(
        "realisasi/<int:triwulan>/impor/simpan/",
        realisasi_xlsx.simpan,
        name="realisasi-xlsx-simpan",
    ),
    path(
        "realisasi/<int:triwulan>/pratinjau/",
        realisasi.realisasi_pratinjau,
        name="realisasi-pratinjau",
    ),
    path(
        "realisasi/<int:triwulan>/bukti/<int:indikator_id>/",
        realisasi.bukti_unggah,
        name="bukti-unggah",
    ),
    path("realisasi/<int:triwulan>/ajukan/", realisasi.realisasi_ajukan, name="realisasi-ajukan"),
    path(
        "realisasi/<int:triwulan>/setujui/", realisasi.realisasi_setujui, name="realisasi-setujui"
    ),
    path(
        "realisasi/<int:triwulan>/kembalikan/",
        realisasi.realisasi_kembalikan,
        name="realisasi-kembalikan",
    ),
    path(
        "realisasi/<int:triwulan>/buka-kembali/",
        realisasi.realisasi_buka_kembali,
        name="realisasi-buka-kembali",
    ),
    path("bukti/<int:bukti_id>/", realisasi.bukti_unduh, name="bukti-unduh"),
    path("bukti/<int:bukti_id>/hapus/", realisasi.bukti_hapus, name="bukti-hapus"),
]

skm_urls = [
    path("skm/", skm.skm_daftar, name="skm-daftar"),
    path("skm/<int:pk>/", skm.skm_ubah, name="skm-ubah"),
    path("skm/<int:pk>/hapus/", skm.skm_hapus, name="skm-hapus"),
    path("pembanding/", skm.pembanding, name="pembanding"),
]

perencanaan_urls = [
    path("renstra/", perencanaan.renstra, name="perencanaan-renstra"),
    path("renstra/baru/", renstra.renstra_baru, name="perencanaan-renstra-baru"),
    path(
        "renstra/<int:mulai>/revisi/baru/",
        renstra.revisi_baru,
        name="perencanaan-renstra-revisi-baru",
    ),
    path(
        "renstra/<int:mulai>/versi/<int:nomor>/",
        renstra.renstra_versi,
        name="perencanaan-renstra-versi",
    ),
    path(
        "renstra/<int:mulai>/revisi/<int:nomor>/selesai/",
        renstra.revisi_selesai,
        name="perencanaan-renstra-revisi-selesai",
    ),
    path("renstra/<int:mulai>/register.xlsx", register_xlsx.unduh, name="register-xlsx"),
    path("renstra/<int:mulai>/register/impor/", register_xlsx.impor, name="register-impor"),
    path(
        "renstra/<int:mulai>/indikator/baru/",
        renstra.indikator_baru,
        name="perencanaan-indikator-baru",
    ),
    path("tujuan/<int:pk>/ubah/", renstra.tujuan_ubah, name="perencanaan-tujuan-ubah"),
    path("indikator/<int:pk>/", perencanaan.indikator, name="perencanaan-indikator"),
    path(
        "indikator/<int:pk>/hapus/",
        renstra.indikator_hapus,
        name="perencanaan-indikator-hapus",
    ),
    path(
        "indikator/<int:pk>/ubah/",
        perencanaan.indikator_ubah,
        name="perencanaan-indikator-ubah",
    ),
    path("program/", perencanaan.program, name="perencanaan-program"),
    path("<int:tahun>/pk/", perencanaan.perjanjian_kinerja, name="perencanaan-pk"),
    path(
        "<int:tahun>/pk/perubahan-baru/",
        perencanaan.pk_perubahan_baru,
        name="perencanaan-pk-perubahan-baru",
    ),
    path("<int:tahun>/pk/<str:versi>/ubah/", perencanaan.pk_ubah, name="perencanaan-pk-ubah"),
    path(
        "<int:tahun>/pk-berjenjang/",
        perencanaan.pk_berjenjang,
        name="perencanaan-pk-berjenjang",
    ),
    path("<int:tahun>/rencana-aksi/", perencanaan.rencana_aksi, name="perencanaan-rencana-aksi"),
]

pejabat_pd_urls = [
    path("", pejabat.pejabat_pd, name="pejabat-pd"),
    path("salin/", pejabat.pejabat_pd_salin, name="pejabat-pd-salin"),
    path("<int:pk>/ubah/", pejabat.pejabat_pd_ubah, name="pejabat-pd-ubah"),
    path("<int:pk>/hapus/", pejabat.pejabat_pd_hapus, name="pejabat-pd-hapus"),
]

pk_berjenjang_urls = [
    path("baru/", pk_berjenjang.pk_berjenjang_baru, name="pk-berjenjang-baru"),
    path("<int:pk>/ubah/", pk_berjenjang.pk_berjenjang_ubah, name="pk-berjenjang-ubah"),
    path("<int:pk>/hapus/", pk_berjenjang.pk_berjenjang_hapus, name="pk-berjenjang-hapus"),
]

riwayat_urls = [
    path("", riwayat.riwayat_pd, name="riwayat-pd"),
    path("<str:tipe>/<int:objek_id>/", riwayat.riwayat_objek, name="riwayat-objek"),
]

pemda_urls = [
    path("aturan/", pemda.aturan, name="pemda-aturan"),
    path("aturan/periksa/", pemda.aturan_periksa, name="pemda-aturan-periksa"),
    path("perangkat-daerah/", pemda.perangkat_daerah, name="pemda-perangkat-daerah"),
    path(
        "perangkat-daerah/<int:pk>/ubah/",
        pemda.perangkat_daerah_ubah,
        name="pemda-perangkat-daerah-ubah",
    ),
    path("pengguna/", pemda.pengguna, name="pemda-pengguna"),
    path("pengguna/baru/", pemda.pengguna_baru, name="pemda-pengguna-baru"),
    path("pengguna/<int:pk>/ubah/", pemda.pengguna_ubah, name="pemda-pengguna-ubah"),
    path("tenggat/", tenggat.tenggat, name="pemda-tenggat"),
    path("kalender/", kalender.kalender, name="pemda-kalender"),
]

pejabat_pemda_urls = [
    path("", pejabat.pejabat_pemda, name="pemda-pejabat"),
    path("<int:pk>/ubah/", pejabat.pejabat_pemda_ubah, name="pemda-pejabat-ubah"),
    path("<int:pk>/hapus/", pejabat.pejabat_pemda_hapus, name="pemda-pejabat-hapus"),
]
