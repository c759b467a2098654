from django.contrib import admin

from laporan.models import DataSDM, LKjIP, Narasi, PembukaanKembali, SaranaPrasarana, SnapshotLKjIP


@admin.register(LKjIP)
class LKjIPAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "tempat", "tanggal"]
    list_filter = ["tahun"]


@admin.register(Narasi)
class NarasiAdmin(admin.ModelAdmin):
    list_display = ["lkjip", "bagian", "judul", "diubah_pada"]


@admin.register(SnapshotLKjIP)
class SnapshotLKjIPAdmin(admin.ModelAdmin):
    list_display = ["lkjip", "versi", "ditetapkan_pada", "nama_penandatangan", "sha256"]
    readonly_fields = [f.name for f in SnapshotLKjIP._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PembukaanKembali)
class PembukaanKembaliAdmin(admin.ModelAdmin):
    list_display = ["lkjip", "waktu", "oleh", "alasan"]


admin.site.register(
    DataSDM,
    type(
        "DataSDMAdmin",
        (admin.ModelAdmin,),
        {"list_display": ["lkjip", "kelompok", "uraian", "pns", "non_pns"]},
    ),
)
admin.site.register(
    SaranaPrasarana,
    type(
        "SaranaPrasaranaAdmin",
        (admin.ModelAdmin,),
        {"list_display": ["lkjip", "uraian", "jumlah", "kondisi"]},
    ),
)
