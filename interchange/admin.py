from django.contrib import admin

from interchange.models import ImporJob
from kinerja.admin import AdminHanyaBaca


@admin.register(ImporJob)
class ImporJobAdmin(AdminHanyaBaca):
    list_display = ["judul", "perangkat_daerah", "pemda", "status", "kemajuan", "dibuat"]
    list_filter = ["jenis", "status"]
