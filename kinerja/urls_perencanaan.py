"""URLs of the planning screens (Renstra, indikator, program, PK, rencana aksi) under /pd/<kode>/."""

from django.urls import path

from kinerja.views import perencanaan as v
from kinerja.views import renstra as vr

urlpatterns = [
    path("renstra/", v.renstra, name="perencanaan-renstra"),
    path("renstra/baru/", vr.renstra_baru, name="perencanaan-renstra-baru"),
    path(
        "renstra/<int:mulai>/revisi/baru/", vr.revisi_baru, name="perencanaan-renstra-revisi-baru"
    ),
    path(
        "renstra/<int:mulai>/versi/<int:nomor>/",
        vr.renstra_versi,
        name="perencanaan-renstra-versi",
    ),
    path(
        "renstra/<int:mulai>/revisi/<int:nomor>/selesai/",
        vr.revisi_selesai,
        name="perencanaan-renstra-revisi-selesai",
    ),
    path(
        "renstra/<int:mulai>/indikator/baru/",
        vr.indikator_baru,
        name="perencanaan-indikator-baru",
    ),
    path("indikator/<int:pk>/", v.indikator, name="perencanaan-indikator"),
    path("indikator/<int:pk>/hapus/", vr.indikator_hapus_view, name="perencanaan-indikator-hapus"),
    path("indikator/<int:pk>/ubah/", v.indikator_ubah_view, name="perencanaan-indikator-ubah"),
    path("program/", v.program, name="perencanaan-program"),
    path("<int:tahun>/pk/", v.perjanjian_kinerja, name="perencanaan-pk"),
    path(
        "<int:tahun>/pk/perubahan-baru/",
        v.pk_perubahan_baru,
        name="perencanaan-pk-perubahan-baru",
    ),
    path("<int:tahun>/pk/<str:versi>/ubah/", v.pk_ubah, name="perencanaan-pk-ubah"),
    path("<int:tahun>/pk-berjenjang/", v.pk_berjenjang, name="perencanaan-pk-berjenjang"),
    path("<int:tahun>/rencana-aksi/", v.rencana_aksi, name="perencanaan-rencana-aksi"),
]
