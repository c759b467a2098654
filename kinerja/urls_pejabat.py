"""URLs of the officials of a year: of a perangkat daerah under /pd/<kode>/<tahun>/pejabat/,
of the pemda under /pemda/<kode>/pejabat/ (the year in ?tahun=)."""

from django.urls import path

from kinerja.views import pejabat as v

urlpatterns_pd = [
    path("", v.pejabat_pd, name="pejabat-pd"),
    path("salin/", v.pejabat_pd_salin, name="pejabat-pd-salin"),
    path("<int:pk>/ubah/", v.pejabat_pd_ubah, name="pejabat-pd-ubah"),
    path("<int:pk>/hapus/", v.pejabat_pd_hapus, name="pejabat-pd-hapus"),
]
urlpatterns_pemda = [
    path("", v.pejabat_pemda, name="pemda-pejabat"),
    path("<int:pk>/ubah/", v.pejabat_pemda_ubah, name="pemda-pejabat-ubah"),
    path("<int:pk>/hapus/", v.pejabat_pemda_hapus, name="pemda-pejabat-hapus"),
]
