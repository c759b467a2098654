from django.contrib import admin

from kinerja.admin import AdminHanyaBaca
from laporan.models import (
    CetakJob,
    CetakKabupaten,
    CetakKabupatenPD,
    DataSDM,
    LKjIP,
    Narasi,
    PembandingPD,
    PembukaanKembali,
    Rekomendasi,
    SaranaPrasarana,
    SnapshotLHE,
    SnapshotLKjIP,
)


@admin.register(LKjIP)
class LKjIPAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "tempat", "tanggal"]
    list_filter = ["tahun"]


@admin.register(Narasi)
class NarasiAdmin(AdminHanyaBaca):
    list_display = ["lkjip", "bagian", "judul", "diubah_pada"]


@admin.register(SnapshotLKjIP)
class SnapshotLKjIPAdmin(AdminHanyaBaca):
    list_display = ["lkjip", "versi", "ditetapkan_pada", "nama_penandatangan", "sha256"]
    readonly_fields = [f.name for f in SnapshotLKjIP._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PembukaanKembali)
class PembukaanKembaliAdmin(AdminHanyaBaca):
    list_display = ["lkjip", "waktu", "oleh", "alasan"]


admin.site.register(
    DataSDM,
    type(
        "DataSDMAdmin",
        (AdminHanyaBaca,),
        {"list_display": ["lkjip", "kelompok", "uraian", "pns", "non_pns"]},
    ),
)
admin.site.register(
    SaranaPrasarana,
    type(
        "SaranaPrasaranaAdmin",
        (AdminHanyaBaca,),
        {"list_display": ["lkjip", "uraian", "jumlah", "kondisi"]},
    ),
)
admin.site.register(
    PembandingPD,
    type(
        "PembandingPDAdmin", (AdminHanyaBaca,), {"list_display": ["perangkat_daerah", "pembanding"]}
    ),
)


@admin.register(CetakJob)
class CetakJobAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "status", "kemajuan", "dibuat", "selesai_pada"]
    list_filter = ["status"]


@admin.register(Rekomendasi)
class RekomendasiAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "urutan", "status", "tinjauan", "tanggal_target"]
    list_filter = ["tahun", "status", "tinjauan"]


@admin.register(SnapshotLHE)
class SnapshotLHEAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "nilai", "predikat", "dibuat_pada", "sha256"]


@admin.register(CetakKabupaten)
class CetakKabupatenAdmin(AdminHanyaBaca):
    list_display = ["pemda", "tahun", "status", "dibuat", "selesai_pada"]
    list_filter = ["status", "tahun"]


@admin.register(CetakKabupatenPD)
class CetakKabupatenPDAdmin(AdminHanyaBaca):
    list_display = ["job", "perangkat_daerah", "status", "halaman", "detik"]
