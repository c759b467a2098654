"""URLs that create and change the cascaded PKs of a year, under /pd/<kode>/<tahun>/pk-berjenjang/
(the list itself is perencanaan-pk-berjenjang)."""

from django.urls import path

from kinerja.views import pk_berjenjang as v

urlpatterns = [
    path("baru/", v.pk_berjenjang_baru, name="pk-berjenjang-baru"),
    path("<int:pk>/ubah/", v.pk_berjenjang_ubah_view, name="pk-berjenjang-ubah"),
    path("<int:pk>/hapus/", v.pk_berjenjang_hapus_view, name="pk-berjenjang-hapus"),
]
