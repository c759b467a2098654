from django.contrib import admin

from evaluasi import models as m
from kinerja.admin import AdminHanyaBaca


@admin.register(m.TemplateLke)
class TemplateLkeAdmin(AdminHanyaBaca):
    list_display = ["pemda", "versi", "nama", "dibuat_pada"]


@admin.register(m.KomponenLke)
class KomponenLkeAdmin(AdminHanyaBaca):
    list_display = ["template", "nomor", "nama", "bobot"]


@admin.register(m.SubKomponenLke)
class SubKomponenLkeAdmin(AdminHanyaBaca):
    list_display = ["komponen", "nomor", "bobot"]


@admin.register(m.KriteriaLke)
class KriteriaLkeAdmin(AdminHanyaBaca):
    list_display = ["sub", "nomor", "skala", "bobot"]


@admin.register(m.EvaluasiLke)
class EvaluasiLkeAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "status", "nilai", "predikat"]


@admin.register(m.JawabanLke)
class JawabanLkeAdmin(AdminHanyaBaca):
    list_display = ["evaluasi", "kriteria", "jawaban", "nilai_evaluator"]


@admin.register(m.LangkahEvaluasi)
class LangkahEvaluasiAdmin(AdminHanyaBaca):
    list_display = ["evaluasi", "dari", "ke", "waktu"]


@admin.register(m.RekomendasiLke)
class RekomendasiLkeAdmin(AdminHanyaBaca):
    list_display = ["evaluasi", "urutan", "target"]
