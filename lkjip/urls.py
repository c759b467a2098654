"""Every URL of the project.

Views of one perangkat daerah live under /pd/<kode>/ (and /pd/<kode>/<tahun>/
for the data of a year); the admin pemda screens under /pemda/<kode>/. Every
URL added here must also be listed in tests/web/test_akses_matriks.py, which
checks it for every role.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kinerja import urls_pejabat
from kinerja.masuk import MasukView
from laporan import views_beranda

admin.site.site_header = "Administrasi LKjIP"
admin.site.site_title = "LKjIP"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", views_beranda.beranda, name="beranda"),
    path("masuk/", MasukView.as_view(), name="masuk"),
    path("keluar/", auth_views.LogoutView.as_view(), name="keluar"),
    path("pd/<str:kode>/<int:tahun>/", include("laporan.urls_dasbor")),
    path("pd/<str:kode>/<int:tahun>/", include("kinerja.urls_realisasi")),
    path("pd/<str:kode>/<int:tahun>/", include("kinerja.urls_skm")),
    path("pd/<str:kode>/<int:tahun>/anggaran/", include("anggaran.urls")),
    path("pd/<str:kode>/", include("kinerja.urls_perencanaan")),
    path("pd/<str:kode>/<int:tahun>/pejabat/", include(urls_pejabat.urlpatterns_pd)),
    path("pd/<str:kode>/<int:tahun>/pk-berjenjang/", include("kinerja.urls_pk_berjenjang")),
    path("pd/<str:kode>/<int:tahun>/pk/", include("laporan.urls_pk")),
    path("pd/<str:kode>/riwayat/", include("kinerja.urls_riwayat")),
    path("pd/<str:kode>/<int:tahun>/lkjip/", include("laporan.urls")),
    path("pd/<str:kode>/<int:tahun>/", include("laporan.urls_tahun")),
    path("pemda/<str:kode>/", include("kinerja.urls_pemda")),
    path("pemda/<str:kode>/pejabat/", include(urls_pejabat.urlpatterns_pemda)),
    path("evaluasi/<str:kode>/", include("laporan.urls_evaluasi")),
    path("verifikasi/", include("laporan.urls_publik")),
    path("admin/", admin.site.urls),
]
