from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from kinerja import views as kinerja_views

admin.site.site_header = "Administrasi LKjIP"
admin.site.site_title = "LKjIP"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", kinerja_views.beranda, name="beranda"),
    path("pd/<str:kode>/<int:tahun>/", kinerja_views.ringkasan, name="ringkasan"),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="masuk"),
    path("keluar/", auth_views.LogoutView.as_view(), name="keluar"),
    path("admin/", admin.site.urls),
]
