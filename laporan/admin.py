from django.contrib import admin

from laporan.models import LKjIP


@admin.register(LKjIP)
class LKjIPAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "tempat", "tanggal"]
    list_filter = ["tahun"]
