from django.contrib import admin

from anggaran import models as m
from kinerja.admin import AdminHanyaBaca, InlineTabelHanyaBaca


class PaguInline(InlineTabelHanyaBaca):
    model = m.Pagu
    extra = 0
    raw_id_fields = ["program", "kegiatan", "sub_kegiatan"]


class PaguJenisBelanjaInline(InlineTabelHanyaBaca):
    model = m.PaguJenisBelanja
    extra = 0


@admin.register(m.DPA)
class DPAAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "versi", "tanggal"]
    list_filter = ["tahun", "versi", "perangkat_daerah"]
    inlines = [PaguInline, PaguJenisBelanjaInline]


@admin.register(m.Pagu)
class PaguAdmin(AdminHanyaBaca):
    list_display = ["dpa", "kode", "jumlah"]
    raw_id_fields = ["program", "kegiatan", "sub_kegiatan"]


@admin.register(m.PaguJenisBelanja)
class PaguJenisBelanjaAdmin(AdminHanyaBaca):
    list_display = ["dpa", "kode", "jumlah"]


@admin.register(m.RealisasiAnggaran)
class RealisasiAnggaranAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "triwulan", "kode", "jumlah"]
    list_filter = ["tahun", "perangkat_daerah"]
    raw_id_fields = ["program", "kegiatan", "sub_kegiatan"]


@admin.register(m.RealisasiJenisBelanja)
class RealisasiJenisBelanjaAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "kode", "jumlah"]


@admin.register(m.AnggaranSasaran)
class AnggaranSasaranAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "sasaran", "pagu", "realisasi"]
    list_filter = ["tahun", "perangkat_daerah"]
    raw_id_fields = ["sasaran"]
