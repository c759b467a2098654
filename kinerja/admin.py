"""The Django admin: read-only for every model of the performance chain, the budget and
the documents.

Every change to these data goes through the services, which keep the year lock and
write the audit trail; the admin would go around both. Only the roles (``Peran``)
stay editable here: giving the first admin pemda of a new deployment its role is
the superuser's job (Django's own admin history records it).
"""

from django.contrib import admin

from kinerja import models as m


class AdminHanyaBaca(admin.ModelAdmin):
    """Lists and shows the rows; never adds, changes or deletes them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _InlineHanyaBaca:
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InlineTabelHanyaBaca(_InlineHanyaBaca, admin.TabularInline):
    pass


class InlineTumpukHanyaBaca(_InlineHanyaBaca, admin.StackedInline):
    pass


class BandPredikatInline(InlineTabelHanyaBaca):
    model = m.BandPredikat
    extra = 0


@admin.register(m.Pemda)
class PemdaAdmin(AdminHanyaBaca):
    list_display = ["kode", "nama", "provinsi", "skala_preset", "metode_efisiensi"]
    search_fields = ["kode", "nama"]
    inlines = [BandPredikatInline]


@admin.register(m.PerangkatDaerah)
class PerangkatDaerahAdmin(AdminHanyaBaca):
    list_display = ["kode", "nama", "jenis", "pemda"]
    list_filter = ["pemda", "jenis"]
    search_fields = ["kode", "nama"]


@admin.register(m.Pejabat)
class PejabatAdmin(AdminHanyaBaca):
    list_display = [
        "nama",
        "jabatan",
        "status",
        "tahun",
        "kepala",
        "pangkat",
        "golongan",
        "nip",
        "perangkat_daerah",
    ]
    list_filter = ["pemda", "tahun", "status", "kepala"]
    search_fields = ["nama", "jabatan", "nip"]


class TujuanInline(InlineTumpukHanyaBaca):
    model = m.Tujuan
    extra = 0


@admin.register(m.Renstra)
class RenstraAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "mulai", "selesai"]
    inlines = [TujuanInline]


@admin.register(m.RevisiRenstra)
class RevisiRenstraAdmin(AdminHanyaBaca):
    list_display = ["renstra", "nomor", "tanggal", "alasan", "ditutup_pada"]
    list_filter = ["renstra__perangkat_daerah"]
    raw_id_fields = ["renstra", "dibuat_oleh"]


@admin.register(m.Tujuan)
class TujuanAdmin(AdminHanyaBaca):
    list_display = ["kode", "uraian", "renstra"]
    search_fields = ["kode", "uraian"]


@admin.register(m.Sasaran)
class SasaranAdmin(AdminHanyaBaca):
    list_display = ["kode", "uraian", "tujuan"]
    search_fields = ["kode", "uraian"]


class KegiatanInline(InlineTabelHanyaBaca):
    model = m.Kegiatan
    extra = 0


@admin.register(m.Program)
class ProgramAdmin(AdminHanyaBaca):
    list_display = ["kode", "nama", "renstra"]
    search_fields = ["kode", "nama"]
    filter_horizontal = ["sasaran", "tujuan"]
    inlines = [KegiatanInline]


class SubKegiatanInline(InlineTabelHanyaBaca):
    model = m.SubKegiatan
    extra = 0


@admin.register(m.Kegiatan)
class KegiatanAdmin(AdminHanyaBaca):
    list_display = ["kode", "nama", "program"]
    search_fields = ["kode", "nama"]
    inlines = [SubKegiatanInline]


@admin.register(m.SubKegiatan)
class SubKegiatanAdmin(AdminHanyaBaca):
    list_display = ["kode", "nama", "kegiatan"]
    search_fields = ["kode", "nama"]


class TargetTahunanInline(InlineTabelHanyaBaca):
    model = m.TargetTahunan
    extra = 0


class RiwayatInline(InlineTabelHanyaBaca):
    model = m.RiwayatIndikator
    extra = 0


@admin.register(m.Indikator)
class IndikatorAdmin(AdminHanyaBaca):
    list_display = ["kode", "nama", "satuan", "polaritas", "tipe_penghitungan", "iku"]
    list_filter = ["iku", "polaritas", "tipe_penghitungan", "renstra__perangkat_daerah"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]
    inlines = [TargetTahunanInline, RiwayatInline]


class TargetPKInline(InlineTabelHanyaBaca):
    model = m.TargetPK
    extra = 0
    raw_id_fields = ["indikator"]


class AnggaranProgramPKInline(InlineTabelHanyaBaca):
    model = m.AnggaranProgramPK
    extra = 0
    raw_id_fields = ["program"]


@admin.register(m.PerjanjianKinerja)
class PerjanjianKinerjaAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "versi", "tanggal"]
    list_filter = ["tahun", "versi", "perangkat_daerah"]
    inlines = [TargetPKInline, AnggaranProgramPKInline]


class SasaranPKBerjenjangInline(InlineTabelHanyaBaca):
    model = m.SasaranPKBerjenjang
    extra = 0


@admin.register(m.PKBerjenjang)
class PKBerjenjangAdmin(AdminHanyaBaca):
    list_display = ["jabatan", "perangkat_daerah", "tahun", "versi"]
    list_filter = ["tahun", "perangkat_daerah"]
    inlines = [SasaranPKBerjenjangInline]


@admin.register(m.RencanaAksi)
class RencanaAksiAdmin(AdminHanyaBaca):
    list_display = ["indikator", "tahun", "triwulan", "nilai", "label"]
    list_filter = ["tahun", "triwulan"]
    raw_id_fields = ["indikator"]


@admin.register(m.Realisasi)
class RealisasiAdmin(AdminHanyaBaca):
    list_display = ["indikator", "tahun", "triwulan", "nilai", "label", "diubah_pada"]
    list_filter = ["tahun", "triwulan"]
    raw_id_fields = ["indikator"]


@admin.register(m.NilaiPembanding)
class NilaiPembandingAdmin(AdminHanyaBaca):
    list_display = ["indikator", "tahun", "tingkat", "label", "nilai"]
    raw_id_fields = ["indikator"]


class NilaiUnsurSKMInline(InlineTabelHanyaBaca):
    model = m.NilaiUnsurSKM
    extra = 0


@admin.register(m.HasilSKM)
class HasilSKMAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "periode", "responden"]
    inlines = [NilaiUnsurSKMInline]


@admin.register(m.AngkaDilaporkan)
class AngkaDilaporkanAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "jenis", "kode", "nilai", "sumber"]
    list_filter = ["jenis", "perangkat_daerah"]


@admin.register(m.LogPerubahan)
class LogPerubahanAdmin(AdminHanyaBaca):
    list_display = ["waktu", "pengguna", "perangkat_daerah", "aksi", "objek", "urutan"]
    list_filter = ["aksi", "perangkat_daerah"]
    readonly_fields = [f.name for f in m.LogPerubahan._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.RantaiRiwayat)
class RantaiRiwayatAdmin(AdminHanyaBaca):
    list_display = ["kunci", "urutan", "hash"]


@admin.register(m.Peran)
class PeranAdmin(admin.ModelAdmin):
    list_display = ["pengguna", "jenis", "pemda", "perangkat_daerah"]
    list_filter = ["jenis", "pemda"]


# Rows usually edited inline above, also reachable on their own.
for model, kolom in [
    (m.BandPredikat, ["pemda", "urutan", "label", "bawah", "atas"]),
    (m.TargetTahunan, ["indikator", "tahun", "nilai", "label"]),
    (m.RiwayatIndikator, ["indikator", "tahun", "target", "realisasi"]),
    (m.TargetPK, ["perjanjian_kinerja", "indikator", "nilai", "label"]),
    (m.AnggaranProgramPK, ["perjanjian_kinerja", "program", "jumlah"]),
    (m.SasaranPKBerjenjang, ["pk_berjenjang", "uraian", "target"]),
    (m.NilaiUnsurSKM, ["hasil", "unsur", "nrr"]),
]:
    admin.site.register(
        model, type(f"{model.__name__}Admin", (AdminHanyaBaca,), {"list_display": kolom})
    )


class LangkahReviewInline(InlineTabelHanyaBaca):
    model = m.LangkahReview
    extra = 0


@admin.register(m.StatusTriwulan)
class StatusTriwulanAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "triwulan", "status", "diubah_pada"]
    list_filter = ["status", "tahun"]
    inlines = [LangkahReviewInline]


admin.site.register(
    m.LangkahReview,
    type(
        "LangkahReviewAdmin",
        (AdminHanyaBaca,),
        {"list_display": ["status_triwulan", "dari", "ke", "pengguna", "waktu"]},
    ),
)


@admin.register(m.Tahun)
class TahunAdmin(AdminHanyaBaca):
    """Written by kinerja.services.tahun (opening, sign-off, reopening), never by hand."""

    list_display = ["perangkat_daerah", "tahun", "terkunci", "dibuat_pada"]
    list_filter = ["tahun", "terkunci"]


@admin.register(m.AturanTahun)
class AturanTahunAdmin(AdminHanyaBaca):
    """Written at sign-off and dropped on a recomputing reopen, never by hand."""

    list_display = ["perangkat_daerah", "tahun", "disimpan_pada"]
    list_filter = ["tahun"]
    readonly_fields = [f.name for f in m.AturanTahun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.PenjelasanTemuan)
class PenjelasanTemuanAdmin(AdminHanyaBaca):
    list_display = ["perangkat_daerah", "tahun", "kunci", "oleh", "diubah_pada"]
    list_filter = ["tahun"]
    readonly_fields = [f.name for f in m.PenjelasanTemuan._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.BuktiDukung)
class BuktiDukungAdmin(AdminHanyaBaca):
    list_display = ["nama_asli", "realisasi", "jenis", "ukuran", "diunggah_oleh", "waktu"]
    list_filter = ["jenis"]
    raw_id_fields = ["realisasi"]


@admin.register(m.HariLibur)
class HariLiburAdmin(AdminHanyaBaca):
    list_display = ["pemda", "tanggal", "nama", "jenis", "aktif"]
    list_filter = ["jenis", "aktif"]
    readonly_fields = [f.name for f in m.HariLibur._meta.fields]


@admin.register(m.PengingatTerkirim)
class PengingatTerkirimAdmin(AdminHanyaBaca):
    list_display = ["kunci", "jenis", "pengguna", "tenggat", "dikirim_pada"]
    list_filter = ["jenis"]
    readonly_fields = [f.name for f in m.PengingatTerkirim._meta.fields]
