from django.contrib import admin
from django.urls import path

admin.site.site_header = "Administrasi LKjIP"
admin.site.site_title = "LKjIP"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("admin/", admin.site.urls),
]
