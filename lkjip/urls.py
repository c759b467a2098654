"""Every URL of the project.

Views of one perangkat daerah live under /pd/<kode>/ (and /pd/<kode>/<tahun>/
for the data of a year); the admin pemda screens under /pemda/<kode>/. Every
URL added here must also be listed in tests/web/test_akses_matriks.py, which
checks it for every role.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from api import urls as api_urls
from evaluasi import urls as evaluasi_urls
from interchange import urls as interchange_urls
from interchange import views as interchange_views
from kinerja import urls as kinerja_urls
from kinerja.masuk import MasukView
from laporan import urls as laporan_urls
from laporan.views import beranda

admin.site.site_header = "Administrasi LKjIP"
admin.site.site_title = "LKjIP"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", beranda.beranda, name="beranda"),
    path("masuk/", MasukView.as_view(), name="masuk"),
    path("keluar/", auth_views.LogoutView.as_view(), name="keluar"),
    path("pd/<str:kode>/<int:tahun>/", include(laporan_urls.dasbor_urls)),
    path("pd/<str:kode>/<int:tahun>/", include(kinerja_urls.realisasi_urls)),
    path("pd/<str:kode>/<int:tahun>/", include(kinerja_urls.skm_urls)),
    path("pd/<str:kode>/<int:tahun>/anggaran/", include("anggaran.urls")),
    path("pd/<str:kode>/", include(kinerja_urls.perencanaan_urls)),
    path("pd/<str:kode>/<int:tahun>/pejabat/", include(kinerja_urls.pejabat_pd_urls)),
    path("pd/<str:kode>/<int:tahun>/pk-berjenjang/", include(kinerja_urls.pk_berjenjang_urls)),
    path("pd/<str:kode>/<int:tahun>/pk/", include(laporan_urls.pk_urls)),
    path("pd/<str:kode>/riwayat/", include(kinerja_urls.riwayat_urls)),
    path("pd/<str:kode>/tindak-lanjut/", include(laporan_urls.tindak_lanjut_urls)),
    path("pd/<str:kode>/impor/", include(interchange_urls.pd_urls)),
    path("pd/<str:kode>/<int:tahun>/lkjip/", include(laporan_urls.lkjip_urls)),
    path("pd/<str:kode>/<int:tahun>/", include(laporan_urls.tahun_urls)),
    path("pemda/<str:kode>/", include(kinerja_urls.pemda_urls)),
    path("pemda/<str:kode>/pejabat/", include(kinerja_urls.pejabat_pemda_urls)),
    path("pemda/<str:kode>/", include(laporan_urls.pemda_urls)),
    path("pemda/<str:kode>/impor-paket/", interchange_views.impor_paket, name="pemda-impor-paket"),
    path("pemda/<str:kode>/impor/", include(interchange_urls.pemda_urls)),
    path("evaluasi/<str:kode>/", include(laporan_urls.evaluasi_urls)),
    # The LKE AKIP evaluation: worksheet versions, a pemda's evaluations, a year's evaluation.
    path("pemda/<str:kode>/lke/", include(evaluasi_urls.template_urls)),
    path("evaluasi/<str:kode>/lke/", include(evaluasi_urls.daftar_urls)),
    path("pd/<str:kode>/<int:tahun>/lke/", include(evaluasi_urls.evaluasi_urls)),
    path("verifikasi/", include(laporan_urls.verifikasi_urls)),
    path("api/v1/", include(api_urls.api_urls)),
    path("akun/", include(api_urls.akun_urls)),
    path("admin/", admin.site.urls),
]

# JSON under /api/, the site's page elsewhere.
handler404 = "api.views.tidak_ditemukan"
