"""The performance chain: pemda → perangkat daerah → Renstra → indikator → PK → realisasi.

Names follow the regulation's own words (PermenPANRB 53/2014, Permendagri
86/2017). Measured values are a Decimal for computing plus an optional label
for showing ("63,25 (B-)"); money is Decimal, never float.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kinerja.engine.angka import Nilai, validasi_nip
from kinerja.engine.capaian import AcuanRentang, Polaritas, RumusNegatif
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.kalender import CUTI_BERSAMA, LOKAL, NASIONAL
from kinerja.engine.predikat import PRESET
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.engine.tenggat import SEBELUM, SESUDAH, TENGGAT_BAWAAN
from lib.decimals import strip_scale

NILAI = {"max_digits": 20, "decimal_places": 6}
UANG = {"max_digits": 18, "decimal_places": 2}


POLARITAS_CHOICES = [(Polaritas.POSITIF.value, "Positif"), (Polaritas.NEGATIF.value, "Negatif")]
RUMUS_NEGATIF_CHOICES = [
    (RumusNegatif.DUA_T_KURANG_R.value, "(2T − R) / T × 100"),
    (RumusNegatif.T_BAGI_R.value, "T / R × 100"),
]
ACUAN_RENTANG_CHOICES = [
    (AcuanRentang.BAWAH.value, "Batas bawah rentang"),
    (AcuanRentang.ATAS.value, "Batas atas rentang"),
    (AcuanRentang.TENGAH.value, "Nilai tengah rentang"),
]
TIPE_CHOICES = [
    (TipePenghitungan.JUMLAH.value, "Jumlah triwulan"),
    (TipePenghitungan.KUMULATIF.value, "Kumulatif s.d. triwulan"),
    (TipePenghitungan.RASIO.value, "Rasio kumulatif"),
    (TipePenghitungan.RATA_RATA.value, "Rata-rata triwulan"),
    (TipePenghitungan.NILAI_AKHIR.value, "Nilai akhir"),
]
METODE_EFISIENSI_CHOICES = [
    (MetodeEfisiensi.SELISIH.value, "Selisih capaian − penyerapan"),
    (MetodeEfisiensi.RASIO.value, "Rasio capaian / penyerapan"),
    (MetodeEfisiensi.HEMAT_ANGGARAN.value, "Hemat anggaran (100 − penyerapan)"),
    (MetodeEfisiensi.ATURAN_S0.value, "Aturan efisien/tidak efisien"),
]
BATAS_ATAS_CHOICES = [(100, "100%"), (110, "110%"), (120, "120%"), (125, "125%")]
BATAS_BAWAH_CHOICES = [(0, "0%")]
TRIWULAN_CHOICES = [(1, "Triwulan I"), (2, "Triwulan II"), (3, "Triwulan III"), (4, "Triwulan IV")]


def validate_nip(value: str) -> None:
    pesan = validasi_nip(value.replace(" ", ""))
    if pesan:
        raise ValidationError(pesan)


class JenisPemda(models.TextChoices):
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"


def jenis_pemda_dari_nama(nama: str) -> str:
    """ "Kota Semarang" → kota; "Kabupaten Blora" (or anything else) → kabupaten."""
    return JenisPemda.KOTA if nama.strip().lower().startswith("kota ") else JenisPemda.KABUPATEN


PENGINGAT_SEBELUM_BAWAAN = 5
PENGINGAT_SESUDAH_BAWAAN = 1


class Pemda(models.Model):
    """A kabupaten/kota and the rules it computes performance by."""

    kode = models.CharField("kode", max_length=20, unique=True)
    nama = models.CharField("nama", max_length=200)
    jenis = models.CharField(
        "jenis", max_length=10, choices=JenisPemda.choices, default=JenisPemda.KABUPATEN
    )
    provinsi = models.CharField("provinsi", max_length=100, blank=True)
    ibu_kota = models.CharField("ibu kota", max_length=100, blank=True)
    kepala = models.ForeignKey(
        "Pejabat",
        verbose_name="kepala daerah",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    skala_preset = models.CharField(
        "skala predikat bawaan",
        max_length=40,
        blank=True,
        choices=[(k, k) for k in PRESET],
        help_text="Kosongkan untuk memakai band skala sendiri.",
    )
    rumus_negatif = models.CharField(
        "rumus polaritas negatif",
        max_length=8,
        choices=RUMUS_NEGATIF_CHOICES,
        default=RumusNegatif.DUA_T_KURANG_R.value,
    )
    batas_atas_capaian = models.PositiveSmallIntegerField(
        "batas atas capaian", null=True, blank=True, choices=BATAS_ATAS_CHOICES
    )
    batas_bawah_capaian = models.PositiveSmallIntegerField(
        "batas bawah capaian", null=True, blank=True, choices=BATAS_BAWAH_CHOICES
    )
    metode_efisiensi = models.CharField(
        "metode efisiensi",
        max_length=20,
        choices=METODE_EFISIENSI_CHOICES,
        default=MetodeEfisiensi.SELISIH.value,
    )
    ambang_tercapai = models.DecimalField("ambang tercapai (%)", default=100, **NILAI)
    acuan_rentang = models.CharField(
        "acuan target berupa rentang",
        max_length=10,
        choices=ACUAN_RENTANG_CHOICES,
        default=AcuanRentang.BAWAH.value,
    )
    tenggat_hari_kerja = models.PositiveSmallIntegerField(
        "tenggat laporan triwulan (hari kerja setelah triwulan berakhir)",
        default=TENGGAT_BAWAAN,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    # Empty: the regulation's default (two months after the year ends).
    tenggat_lkjip_hari_kerja = models.PositiveSmallIntegerField(
        "tenggat LKjIP (hari kerja setelah tahun berakhir)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    pengingat_sebelum = models.PositiveSmallIntegerField(
        "pengingat sebelum tenggat (hari kerja)",
        default=PENGINGAT_SEBELUM_BAWAAN,
        validators=[MaxValueValidator(30)],
    )
    pengingat_sesudah = models.PositiveSmallIntegerField(
        "pengingat sesudah tenggat (hari kerja)",
        default=PENGINGAT_SESUDAH_BAWAAN,
        validators=[MaxValueValidator(30)],
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class BandPredikat(models.Model):
    """One band of a pemda's own predicate scale (used when no preset is chosen)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="band_predikat")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    label = models.CharField("predikat", max_length=100)
    bawah = models.DecimalField("batas bawah", null=True, blank=True, **NILAI)
    bawah_inklusif = models.BooleanField("batas bawah termasuk", default=True)
    atas = models.DecimalField("batas atas", null=True, blank=True, **NILAI)
    atas_inklusif = models.BooleanField("batas atas termasuk", default=False)
    warna = models.CharField("warna", max_length=20, blank=True)
    keterangan = models.CharField("keterangan", max_length=200, blank=True)

    class Meta:
        verbose_name = "band predikat"
        verbose_name_plural = "band predikat"
        ordering = ["pemda", "urutan"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bawah__isnull=True)
                | Q(atas__isnull=True)
                | Q(bawah__lte=models.F("atas")),
                name="band_bawah_tidak_melebihi_atas",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class PerangkatDaerah(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="perangkat_daerah")
    kode = models.CharField("kode", max_length=30, unique=True)
    nama = models.CharField("nama", max_length=200)
    jenis = models.CharField("jenis", max_length=50, default="kecamatan")
    alamat = models.CharField("alamat", max_length=300, blank=True)
    telepon = models.CharField("telepon", max_length=50, blank=True)
    email = models.CharField("surel", max_length=100, blank=True)
    situs = models.CharField("situs web", max_length=200, blank=True)
    keterangan_data = models.TextField(
        "keterangan sumber data",
        blank=True,
        help_text="Catatan tentang asal data paket yang diimpor.",
    )
    kepala = models.ForeignKey(
        "Pejabat",
        verbose_name="kepala perangkat daerah",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["pemda", "kode"]

    def __str__(self) -> str:
        return self.nama


class StatusPejabat(models.TextChoices):
    DEFINITIF = "definitif", "Definitif"
    PLT = "plt", "Plt. (pelaksana tugas)"
    PLH = "plh", "Plh. (pelaksana harian)"


AWALAN_STATUS = {StatusPejabat.PLT: "Plt.", StatusPejabat.PLH: "Plh."}


class Pejabat(models.Model):
    """An official: head of a pemda or of a perangkat daerah, or one of its staff.

    The officials of a year are the rows with that ``tahun`` (of the perangkat
    daerah, or of the pemda when ``perangkat_daerah`` is empty); ``kepala`` marks
    the camat (or the bupati/wali kota). Rows without a year are the parties
    written on a document as it was imported.
    """

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="pejabat")
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, null=True, blank=True, on_delete=models.CASCADE, related_name="pejabat"
    )
    tahun = models.PositiveSmallIntegerField("tahun", null=True, blank=True)
    kepala = models.BooleanField(
        "kepala",
        default=False,
        help_text="Kepala perangkat daerah (camat) atau kepala daerah (bupati/wali kota).",
    )
    status = models.CharField(
        "status", max_length=10, choices=StatusPejabat.choices, default=StatusPejabat.DEFINITIF
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    nama = models.CharField("nama", max_length=200)
    gelar_depan = models.CharField("gelar depan", max_length=50, blank=True)
    gelar_belakang = models.CharField("gelar belakang", max_length=100, blank=True)
    jabatan = models.CharField("jabatan", max_length=200)
    pangkat = models.CharField("pangkat", max_length=100, blank=True)
    golongan = models.CharField("golongan", max_length=20, blank=True)
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[validate_nip])

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["pemda", "perangkat_daerah", "tahun", "urutan"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan_lengkap})"

    @property
    def nama_lengkap(self) -> str:
        """ "Drs. Sutrisno Wibowo, M.Si" """
        nama = self.nama
        if self.gelar_depan:
            nama = f"{self.gelar_depan} {nama}"
        if self.gelar_belakang:
            nama = f"{nama}, {self.gelar_belakang}"
        return nama

    @property
    def jabatan_lengkap(self) -> str:
        """ "Plt. Camat Randublatung" (the jabatan as held, with the acting prefix)."""
        awalan = AWALAN_STATUS.get(self.status)
        return f"{awalan} {self.jabatan}" if awalan else self.jabatan


class Renstra(models.Model):
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="renstra"
    )
    mulai = models.PositiveSmallIntegerField("tahun mulai")
    selesai = models.PositiveSmallIntegerField("tahun selesai")
    visi = models.TextField("visi", blank=True)
    misi = models.JSONField("misi", default=list, blank=True)

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["perangkat_daerah", "-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mulai__lt=models.F("selesai")), name="renstra_mulai_sebelum_selesai"
            ),
            models.UniqueConstraint(
                fields=["perangkat_daerah", "mulai"], name="renstra_unik_per_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.perangkat_daerah} {self.mulai}–{self.selesai}"


class RevisiRenstra(models.Model):
    """A version of a Renstra: nomor 0 is the Renstra as first set, 1, 2, … its revisions.

    ``isi`` is a frozen copy of what the version says (the indicator register and the
    yearly targets), kept so an earlier version stays readable after later changes. A
    revision is open (``ditutup_pada`` empty) while its changes are being entered.
    """

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="revisi")
    nomor = models.PositiveSmallIntegerField("revisi ke-")
    tanggal = models.DateField("tanggal", null=True, blank=True)
    alasan = models.TextField("alasan", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="dibuat oleh",
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    ditutup_pada = models.DateTimeField("ditutup pada", null=True, blank=True)
    isi = models.JSONField("isi versi", default=dict, blank=True)

    class Meta:
        verbose_name = "revisi Renstra"
        verbose_name_plural = "revisi Renstra"
        ordering = ["renstra", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "nomor"], name="revisi_renstra_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.renstra} revisi ke-{self.nomor}"

    @property
    def terbuka(self) -> bool:
        return self.nomor > 0 and self.ditutup_pada is None


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    kode = models.CharField("kode", max_length=30)
    uraian = models.TextField("uraian")
    sasaran_rpjmd = models.TextField("sasaran RPJMD yang didukung", blank=True, default="")

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class Sasaran(models.Model):
    """Sasaran strategis of a tujuan."""

    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    kode = models.CharField("kode", max_length=30)
    uraian = models.TextField("uraian")
    strategi = models.JSONField("strategi", default=list, blank=True)
    arah_kebijakan = models.JSONField("arah kebijakan", default=list, blank=True)

    class Meta:
        verbose_name = "sasaran strategis"
        verbose_name_plural = "sasaran strategis"
        ordering = ["tujuan", "urutan"]
        constraints = [models.UniqueConstraint(fields=["tujuan", "kode"], name="sasaran_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class Program(models.Model):
    """A program (Kepmendagri 050-5889 code U.BB.PP) of a Renstra."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="program")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("nama")
    # The code was made up by the application (an earlier report gave none): it is
    # printed blank, and a paket is exported without it (kinerja.paket.types).
    kode_buatan = models.BooleanField("kode disusun aplikasi", default=False)
    sasaran = models.ManyToManyField(
        Sasaran, blank=True, related_name="program", verbose_name="sasaran didukung"
    )
    tujuan = models.ManyToManyField(
        Tujuan, blank=True, related_name="program", verbose_name="tujuan didukung"
    )

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["renstra", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="program_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Kegiatan(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("nama")
    # The code was made up by the application (an earlier report gave none): it is
    # printed blank, and a paket is exported without it (kinerja.paket.types).
    kode_buatan = models.BooleanField("kode disusun aplikasi", default=False)

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["program", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class SubKegiatan(models.Model):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("nama")
    # The code was made up by the application (an earlier report gave none): it is
    # printed blank, and a paket is exported without it (kinerja.paket.types).
    kode_buatan = models.BooleanField("kode disusun aplikasi", default=False)

    class Meta:
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
        ordering = ["kegiatan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "kode"], name="subkegiatan_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Indikator(models.Model):
    """An indicator of exactly one tujuan, sasaran, program, kegiatan or sub kegiatan."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indikator")
    tujuan = models.ForeignKey(
        Tujuan, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        Sasaran, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    kode = models.CharField("kode", max_length=60)
    nama = models.TextField("nama")
    satuan = models.CharField("satuan", max_length=50)
    polaritas = models.CharField("polaritas", max_length=10, choices=POLARITAS_CHOICES)
    tipe_penghitungan = models.CharField("tipe penghitungan", max_length=20, choices=TIPE_CHOICES)
    iku = models.BooleanField("IKU", default=False)
    target_akhir = models.DecimalField("target akhir Renstra", null=True, blank=True, **NILAI)
    target_akhir_label = models.CharField("label target akhir", max_length=100, blank=True)
    # The upper bound of an end target stated as a range (NilaiTarget.nilai_atas).
    target_akhir_atas = models.DecimalField(
        "batas atas rentang target akhir", null=True, blank=True, **NILAI
    )
    formulasi = models.TextField("formulasi", blank=True)
    definisi_operasional = models.TextField("definisi operasional", blank=True)
    alasan_pemilihan = models.TextField("alasan pemilihan", blank=True)
    sumber_data = models.TextField("sumber data", blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=200, blank=True)
    rumus_negatif = models.CharField(
        "rumus negatif (khusus)",
        max_length=8,
        blank=True,
        choices=RUMUS_NEGATIF_CHOICES,
        help_text="Kosongkan untuk mengikuti aturan pemda.",
    )
    batas_atas_capaian = models.PositiveSmallIntegerField(
        "batas atas capaian (khusus)", null=True, blank=True, choices=BATAS_ATAS_CHOICES
    )
    batas_bawah_capaian = models.PositiveSmallIntegerField(
        "batas bawah capaian (khusus)", null=True, blank=True, choices=BATAS_BAWAH_CHOICES
    )

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["renstra", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="indikator_kode_unik"),
            # Exactly one level owns the indicator.
            models.CheckConstraint(
                condition=(
                    Q(
                        tujuan__isnull=False,
                        sasaran=None,
                        program=None,
                        kegiatan=None,
                        sub_kegiatan=None,
                    )
                    | Q(
                        tujuan=None,
                        sasaran__isnull=False,
                        program=None,
                        kegiatan=None,
                        sub_kegiatan=None,
                    )
                    | Q(
                        tujuan=None,
                        sasaran=None,
                        program__isnull=False,
                        kegiatan=None,
                        sub_kegiatan=None,
                    )
                    | Q(
                        tujuan=None,
                        sasaran=None,
                        program=None,
                        kegiatan__isnull=False,
                        sub_kegiatan=None,
                    )
                    | Q(
                        tujuan=None,
                        sasaran=None,
                        program=None,
                        kegiatan=None,
                        sub_kegiatan__isnull=False,
                    )
                ),
                name="indikator_satu_induk",
            ),
            models.CheckConstraint(
                condition=Q(polaritas__in=["positif", "negatif"]), name="indikator_polaritas_sah"
            ),
            models.CheckConstraint(
                condition=Q(tipe_penghitungan__in=[t.value for t in TipePenghitungan]),
                name="indikator_tipe_sah",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def tingkat(self) -> str:
        for nama in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"):
            if getattr(self, f"{nama}_id"):
                return nama
        return ""


class NilaiTarget(models.Model):
    """A target as stored: the number, its label, and the upper bound of a range target
    ("60 – 70": nilai 60, nilai_atas 70, label "60 – 70")."""

    nilai = models.DecimalField("target", **NILAI)
    label = models.CharField("label", max_length=100, blank=True)
    nilai_atas = models.DecimalField("batas atas rentang target", null=True, blank=True, **NILAI)

    class Meta:
        abstract = True

    @staticmethod
    def kolom(n: Nilai) -> dict:
        """The columns of the target ``n``, to create or update a row with."""
        return {"nilai": n.angka, "label": n.label or "", "nilai_atas": n.atas}

    def sebagai_nilai(self) -> Nilai:
        return Nilai(strip_scale(self.nilai), self.label or None, strip_scale(self.nilai_atas))


class TargetTahunan(NilaiTarget):
    """The Renstra target of an indicator for one year."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="target_tahunan"
    )
    tahun = models.PositiveSmallIntegerField("tahun")

    class Meta:
        verbose_name = "target tahunan Renstra"
        verbose_name_plural = "target tahunan Renstra"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_tahunan_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}: {self.label or self.nilai}"


class RiwayatIndikator(models.Model):
    """Target and realisasi of an indicator in a year before the data kept here."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="riwayat")
    tahun = models.PositiveSmallIntegerField("tahun")
    target = models.DecimalField("target", null=True, blank=True, **NILAI)
    target_label = models.CharField("label target", max_length=100, blank=True)
    target_atas = models.DecimalField("batas atas rentang target", null=True, blank=True, **NILAI)
    realisasi = models.DecimalField("realisasi", null=True, blank=True, **NILAI)
    realisasi_label = models.CharField("label realisasi", max_length=100, blank=True)
    # As an earlier report printed it (its decimals kept as text keeps them: 98,50).
    capaian = models.CharField("capaian dilaporkan (%)", max_length=40, blank=True)

    class Meta:
        verbose_name = "realisasi tahun sebelumnya"
        verbose_name_plural = "realisasi tahun sebelumnya"
        ordering = ["indikator", "tahun"]
        constraints = [models.UniqueConstraint(fields=["indikator", "tahun"], name="riwayat_unik")]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}"


class PerjanjianKinerja(models.Model):
    """The PK of the head of a perangkat daerah for one year, in one version."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="perjanjian_kinerja"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    versi = models.CharField("versi", max_length=20)
    urutan_versi = models.PositiveSmallIntegerField("urutan versi", default=0)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    tempat = models.CharField("tempat", max_length=100, blank=True)
    sumber_dana = models.CharField("sumber dana", max_length=50, blank=True)
    pihak_pertama = models.ForeignKey(
        Pejabat,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pihak pertama",
    )
    pihak_kedua = models.ForeignKey(
        Pejabat,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pihak kedua",
    )
    # The version of the Renstra covering ``tahun`` the PK was made from (0 = as first set).
    revisi_renstra = models.PositiveSmallIntegerField("revisi Renstra ke-", null=True, blank=True)

    class Meta:
        verbose_name = "Perjanjian Kinerja"
        verbose_name_plural = "Perjanjian Kinerja"
        ordering = ["perangkat_daerah", "tahun", "urutan_versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "versi"], name="pk_versi_unik"
            ),
            models.CheckConstraint(
                condition=Q(versi__regex=r"^(murni|perubahan(-[0-9]+)?)$"), name="pk_versi_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"PK {self.perangkat_daerah} {self.tahun} ({self.versi})"

    def save(self, *args, **kwargs):
        # Whoever creates a PK (a new year, a perubahan, an import), it records the
        # Renstra version in force when it was made.
        if self._state.adding and self.revisi_renstra is None:
            self.revisi_renstra = (
                RevisiRenstra.objects.filter(
                    renstra__perangkat_daerah_id=self.perangkat_daerah_id,
                    renstra__mulai__lte=self.tahun,
                    renstra__selesai__gte=self.tahun,
                )
                .order_by("-nomor")
                .values_list("nomor", flat=True)
                .first()
                or 0
            )
        super().save(*args, **kwargs)


class TargetPK(NilaiTarget):
    perjanjian_kinerja = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="target"
    )
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target_pk")

    class Meta:
        verbose_name = "target PK"
        verbose_name_plural = "target PK"
        constraints = [
            models.UniqueConstraint(
                fields=["perjanjian_kinerja", "indikator"], name="target_pk_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode}: {self.label or self.nilai}"


class AnggaranProgramPK(models.Model):
    perjanjian_kinerja = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="anggaran_program"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="anggaran_pk")
    jumlah = models.DecimalField("anggaran", **UANG)

    class Meta:
        verbose_name = "anggaran program PK"
        verbose_name_plural = "anggaran program PK"
        constraints = [
            models.UniqueConstraint(
                fields=["perjanjian_kinerja", "program"], name="anggaran_pk_unik"
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="anggaran_pk_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.program.kode}: {self.jumlah}"


class PKBerjenjang(models.Model):
    """The cascaded PK of a sekretaris, kasubag or kasi."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="pk_berjenjang"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    jabatan = models.CharField("jabatan", max_length=200)
    versi = models.CharField("versi", max_length=20, default="murni")
    pejabat = models.ForeignKey(
        Pejabat, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anggaran = models.JSONField(
        "anggaran per kode",
        default=dict,
        blank=True,
        help_text="Kode program/kegiatan/sub kegiatan → jumlah (teks desimal).",
    )

    class Meta:
        verbose_name = "PK berjenjang"
        verbose_name_plural = "PK berjenjang"
        ordering = ["perangkat_daerah", "tahun", "urutan"]

    def __str__(self) -> str:
        return f"PK {self.jabatan} {self.tahun}"


class SasaranPKBerjenjang(models.Model):
    pk_berjenjang = models.ForeignKey(
        PKBerjenjang, on_delete=models.CASCADE, related_name="sasaran"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    uraian = models.TextField("sasaran")
    indikator = models.TextField("indikator")
    target = models.DecimalField("target", null=True, blank=True, **NILAI)
    target_label = models.CharField("label target", max_length=100, blank=True)
    target_atas = models.DecimalField("batas atas rentang target", null=True, blank=True, **NILAI)

    class Meta:
        verbose_name = "sasaran PK berjenjang"
        verbose_name_plural = "sasaran PK berjenjang"
        ordering = ["pk_berjenjang", "urutan"]

    def __str__(self) -> str:
        return self.uraian


class RencanaAksi(models.Model):
    """The target of an indicator for one triwulan."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="rencana_aksi")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=TRIWULAN_CHOICES)
    nilai = models.DecimalField("target", null=True, blank=True, **NILAI)
    label = models.CharField("label", max_length=100, blank=True)
    pembilang = models.DecimalField("pembilang", null=True, blank=True, **NILAI)
    penyebut = models.DecimalField("penyebut", null=True, blank=True, **NILAI)

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="rencana_aksi_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="rencana_aksi_triwulan_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} TW{self.triwulan}"


# Kept because migration 0001 references it; evidence now lives in BuktiDukung.
def _lokasi_bukti(instance: Realisasi, filename: str) -> str:
    # Kept for migration 0001 (the former Realisasi.bukti); evidence is now BuktiDukung.
    import uuid
    from pathlib import Path

    return f"bukti/{instance.tahun}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Realisasi(models.Model):
    """The realisasi of an indicator in one triwulan, with its note and evidence."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=TRIWULAN_CHOICES)
    nilai = models.DecimalField("realisasi", null=True, blank=True, **NILAI)
    label = models.CharField("label", max_length=100, blank=True)
    pembilang = models.DecimalField("pembilang", null=True, blank=True, **NILAI)
    penyebut = models.DecimalField("penyebut", null=True, blank=True, **NILAI)
    catatan = models.TextField("catatan", blank=True)
    # 0 = no value saved yet (a row created only to hold evidence); +1 on every save.
    versi = models.PositiveIntegerField("versi", default=1)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="realisasi_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="realisasi_triwulan_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} TW{self.triwulan}"


class NilaiPembanding(models.Model):
    """A comparison value (kabupaten, provinsi, nasional, other) for an indicator and year."""

    TINGKAT_CHOICES = [
        ("kabupaten", "Kabupaten"),
        ("provinsi", "Provinsi"),
        ("nasional", "Nasional"),
        ("lainnya", "Lainnya"),
    ]
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="pembanding")
    tahun = models.PositiveSmallIntegerField("tahun")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    tingkat = models.CharField("tingkat", max_length=20, choices=TINGKAT_CHOICES)
    label = models.CharField("label", max_length=200, blank=True)
    nilai = models.DecimalField("nilai", **NILAI)
    nilai_label = models.CharField("label nilai", max_length=100, blank=True)
    sumber = models.CharField("sumber", max_length=300, blank=True)

    class Meta:
        verbose_name = "nilai pembanding"
        verbose_name_plural = "nilai pembanding"
        ordering = ["indikator", "tahun", "urutan"]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} {self.tingkat}"


class HasilSKM(models.Model):
    """A Survei Kepuasan Masyarakat result: the NRR of each of the nine unsur."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="skm"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    indikator = models.ForeignKey(
        Indikator, null=True, blank=True, on_delete=models.SET_NULL, related_name="skm"
    )
    periode = models.CharField("periode", max_length=50, blank=True)
    responden = models.PositiveIntegerField("jumlah responden", null=True, blank=True)

    class Meta:
        verbose_name = "hasil SKM"
        verbose_name_plural = "hasil SKM"
        ordering = ["perangkat_daerah", "tahun", "urutan"]

    def __str__(self) -> str:
        return f"SKM {self.perangkat_daerah} {self.tahun} {self.periode}"


class NilaiUnsurSKM(models.Model):
    UNSUR_CHOICES = [(f"U{i}", f"U{i}") for i in range(1, 10)]
    hasil = models.ForeignKey(HasilSKM, on_delete=models.CASCADE, related_name="unsur")
    unsur = models.CharField("unsur", max_length=3, choices=UNSUR_CHOICES)
    nrr = models.DecimalField("nilai rata-rata (NRR)", **NILAI)

    class Meta:
        verbose_name = "nilai unsur SKM"
        verbose_name_plural = "nilai unsur SKM"
        ordering = ["hasil", "unsur"]
        constraints = [
            models.UniqueConstraint(fields=["hasil", "unsur"], name="unsur_skm_unik"),
            models.CheckConstraint(
                condition=Q(nrr__gte=1, nrr__lte=4), name="unsur_skm_1_sampai_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unsur}: {self.nrr}"


class AngkaDilaporkan(models.Model):
    """A figure printed in an existing report, kept to be checked against the data."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="angka_dilaporkan"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    jenis = models.CharField("jenis", max_length=40)
    kode = models.CharField("kode", max_length=60)
    tahun_banding = models.PositiveSmallIntegerField("tahun pembanding", null=True, blank=True)
    # Text, so that the printed precision survives: "98.50" is not "98.5".
    nilai = models.CharField("nilai", max_length=40)
    sumber = models.CharField("sumber", max_length=300, blank=True)

    class Meta:
        verbose_name = "angka dilaporkan"
        verbose_name_plural = "angka dilaporkan"
        ordering = ["perangkat_daerah", "tahun", "urutan"]

    def __str__(self) -> str:
        return f"{self.jenis} {self.kode} = {self.nilai}"


class LogPerubahan(models.Model):
    """Who changed what, when: old → new (SPEC: every change to targets, realisasi and budget)."""

    # Set by kinerja.audit before the row's hash is computed (so not auto_now_add).
    waktu = models.DateTimeField("waktu", default=timezone.now)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pengguna",
    )
    # The user's name when the row was written (the hash covers it; the user may go).
    pengguna_nama = models.CharField("nama pengguna", max_length=150, blank=True)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="log_perubahan",
    )
    # The hash chain (lib/rantai.py): one chain per pemda (no pemda: the global one).
    pemda = models.ForeignKey(
        Pemda, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    urutan = models.PositiveBigIntegerField("nomor urut dalam rantai", null=True, blank=True)
    hash_sebelum = models.CharField("hash baris sebelumnya", max_length=64, blank=True)
    hash = models.CharField("hash", max_length=64, blank=True)
    aksi = models.CharField("aksi", max_length=80)
    objek = models.CharField("objek", max_length=300, blank=True)
    # Which row changed, to show the history of one object: model label and pk.
    objek_tipe = models.CharField("jenis objek", max_length=60, blank=True)
    objek_id = models.PositiveBigIntegerField("id objek", null=True, blank=True)
    tahun = models.PositiveSmallIntegerField("tahun", null=True, blank=True)
    # {"lama": ..., "baru": ...} for a change, free data for other actions.
    data = models.JSONField("data", default=dict, blank=True)

    class Meta:
        verbose_name = "log perubahan"
        verbose_name_plural = "log perubahan"
        ordering = ["-waktu", "-id"]
        indexes = [
            models.Index(fields=["objek_tipe", "objek_id"], name="log_per_objek"),
            models.Index(fields=["perangkat_daerah", "-waktu"], name="log_per_pd"),
            models.Index(fields=["pemda", "urutan"], name="log_rantai"),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.aksi} {self.objek}"


class RantaiRiwayat(models.Model):
    """The head of a pemda's audit chain: its last row's number and hash. Locked by
    every write of an audit row of the pemda, so rows join the chain one at a time."""

    # "pemda:<id>", or "global" for rows of no pemda.
    kunci = models.CharField("kunci", max_length=40, unique=True)
    urutan = models.PositiveBigIntegerField("nomor urut terakhir", default=0)
    hash = models.CharField("hash terakhir", max_length=64)

    class Meta:
        verbose_name = "kepala rantai riwayat"
        verbose_name_plural = "kepala rantai riwayat"

    def __str__(self) -> str:
        return f"{self.kunci} #{self.urutan}"


class Peran(models.Model):
    """The role of a user, bound to a perangkat daerah (operator, kepala) or a pemda."""

    class Jenis(models.TextChoices):
        OPERATOR = "operator", "Operator"
        KEPALA = "kepala", "Kepala perangkat daerah"
        EVALUATOR = "evaluator", "Evaluator (Inspektorat)"
        ADMIN_PEMDA = "admin_pemda", "Admin pemda"
        PENGENDALI_TEKNIS = "pengendali_teknis", "Pengendali teknis (Inspektorat)"

    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="peran",
        verbose_name="pengguna",
    )
    jenis = models.CharField("peran", max_length=20, choices=Jenis.choices)
    pemda = models.ForeignKey(
        Pemda, on_delete=models.CASCADE, related_name="peran", verbose_name="pemda"
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="peran",
        verbose_name="perangkat daerah",
    )

    class Meta:
        verbose_name = "peran pengguna"
        verbose_name_plural = "peran pengguna"
        constraints = [
            # Operator and kepala work in one perangkat daerah; evaluator,
            # pengendali teknis and admin pemda work across the pemda.
            models.CheckConstraint(
                condition=(
                    Q(jenis__in=["operator", "kepala"], perangkat_daerah__isnull=False)
                    | Q(
                        jenis__in=["evaluator", "pengendali_teknis", "admin_pemda"],
                        perangkat_daerah__isnull=True,
                    )
                ),
                name="peran_lingkup_sah",
            ),
        ]

    def __str__(self) -> str:
        lingkup = self.perangkat_daerah or self.pemda
        return f"{self.pengguna} — {self.get_jenis_display()} {lingkup}"


class StatusTriwulan(models.Model):
    """Review state of one triwulan of a perangkat daerah: draf → diajukan → disetujui/dikembalikan."""

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DISETUJUI = "disetujui", "Disetujui"

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="status_triwulan"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=TRIWULAN_CHOICES)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAF)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "status triwulan"
        verbose_name_plural = "status triwulan"
        ordering = ["perangkat_daerah", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "triwulan"], name="status_triwulan_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="status_triwulan_sah"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.perangkat_daerah} {self.tahun} TW{self.triwulan}: {self.get_status_display()}"
        )

    @property
    def terkunci(self) -> bool:
        """Submitted and approved quarters are read-only for the operator."""
        return self.status in (self.Status.DIAJUKAN, self.Status.DISETUJUI)


class LangkahReview(models.Model):
    """One step of the review of a triwulan: who moved it from which status to which, and why."""

    status_triwulan = models.ForeignKey(
        StatusTriwulan, on_delete=models.CASCADE, related_name="langkah"
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pengguna",
    )
    dari = models.CharField("dari status", max_length=20, choices=StatusTriwulan.Status.choices)
    ke = models.CharField("ke status", max_length=20, choices=StatusTriwulan.Status.choices)
    komentar = models.TextField("komentar", blank=True)
    # What the kepala approved despite (missing evidence, realisasi or notes), as named
    # in the confirmation; empty for every other step.
    kekurangan = models.JSONField("kekurangan yang disetujui", default=list, blank=True)

    class Meta:
        verbose_name = "langkah review"
        verbose_name_plural = "langkah review"
        ordering = ["status_triwulan", "waktu", "id"]

    def __str__(self) -> str:
        return f"{self.status_triwulan}: {self.dari} → {self.ke}"


def _lokasi_bukti_dukung(instance: BuktiDukung, filename: str) -> str:
    # The stored name is never the user's: a random name with the extension of the
    # type found in the content.
    import uuid

    return f"bukti/{instance.realisasi.tahun}/{uuid.uuid4().hex}.{instance.jenis}"


class BuktiDukung(models.Model):
    """An evidence file of a realisasi, kept under MEDIA_ROOT and served only through a view."""

    class Jenis(models.TextChoices):
        PDF = "pdf", "PDF"
        JPG = "jpg", "Gambar JPG"
        PNG = "png", "Gambar PNG"
        XLSX = "xlsx", "Lembar kerja XLSX"

    realisasi = models.ForeignKey(
        Realisasi, on_delete=models.CASCADE, related_name="bukti_dukung", verbose_name="realisasi"
    )
    berkas = models.FileField("berkas", upload_to=_lokasi_bukti_dukung, max_length=200)
    nama_asli = models.CharField("nama berkas asli", max_length=255)
    ukuran = models.PositiveBigIntegerField("ukuran (bita)")
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="diunggah oleh",
    )
    waktu = models.DateTimeField("waktu unggah", auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["realisasi", "waktu", "id"]

    def __str__(self) -> str:
        return self.nama_asli


class Tahun(models.Model):
    """A year held for a perangkat daerah: opened (imported or opened on screen) and,
    once its LKjIP is signed off, locked.

    This is the register of a year every app asks (``kinerja.selectors.tahun``);
    only ``kinerja.services.tahun`` writes it, called by whoever opens a year and
    by the LKjIP workflow when it signs a year off or reopens it.
    """

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="tahun_terdaftar"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    terkunci = models.BooleanField(
        "terkunci", default=False, help_text="LKjIP tahun ini telah ditetapkan."
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)

    class Meta:
        verbose_name = "tahun perangkat daerah"
        verbose_name_plural = "tahun perangkat daerah"
        ordering = ["perangkat_daerah", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun"], name="tahun_pd_unik")
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} {self.tahun}"


class AturanTahun(models.Model):
    """The pemda's rules one year of a perangkat daerah was signed with.

    Written when the LKjIP of the year is signed off; while it exists every
    computation of that year uses these rules instead of the pemda's current
    ones (``kinerja.aturan.aturan_berlaku``). It is dropped only when the
    year is reopened to be recomputed with today's rules.
    """

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="aturan_tahun"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    # The "aturan" object of the data package (docs/paket.md).
    aturan = models.JSONField("aturan")
    disimpan_pada = models.DateTimeField("disimpan pada", auto_now=True)

    class Meta:
        verbose_name = "aturan tahun yang ditetapkan"
        verbose_name_plural = "aturan tahun yang ditetapkan"
        ordering = ["perangkat_daerah", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun"], name="aturan_tahun_unik")
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} {self.tahun}"


class PenjelasanTemuan(models.Model):
    """The operator's explanation of a consistency finding that the data cannot resolve.

    ``kunci`` is the finding's stable key (``kinerja.engine.hitung.Temuan.kunci``): an
    explanation stays attached while the same finding is found, and is simply
    unused once the data are corrected and the finding disappears.
    """

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="penjelasan_temuan"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    kunci = models.CharField("kunci temuan", max_length=300)
    teks = models.TextField("penjelasan")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ditulis oleh",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "penjelasan temuan"
        verbose_name_plural = "penjelasan temuan"
        ordering = ["perangkat_daerah", "tahun", "kunci"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "kunci"], name="penjelasan_temuan_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} {self.tahun}: {self.kunci}"


class HariLibur(models.Model):
    """A day off of a pemda besides Saturday and Sunday: every deadline skips it.

    National holidays and cuti bersama are preloaded (``kinerja.services.kalender``);
    a removed day stays as a row with ``aktif`` off, so that preloading again never
    brings it back.
    """

    class Jenis(models.TextChoices):
        NASIONAL = NASIONAL, "Libur nasional"
        CUTI_BERSAMA = CUTI_BERSAMA, "Cuti bersama"
        LOKAL = LOKAL, "Libur lokal"

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="hari_libur")
    tanggal = models.DateField("tanggal")
    nama = models.CharField("keterangan", max_length=200)
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices, default=Jenis.LOKAL)
    aktif = models.BooleanField("berlaku", default=True)

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["pemda", "tanggal"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tanggal"], name="hari_libur_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.pemda} {self.tanggal.isoformat()}: {self.nama}"


class PengingatTerkirim(models.Model):
    """One reminder sent: a deadline (``kunci``), a person and a kind, never twice."""

    class Jenis(models.TextChoices):
        SEBELUM = SEBELUM, "Sebelum tenggat"
        SESUDAH = SESUDAH, "Sesudah tenggat"

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pengingat_terkirim"
    )
    # e.g. "triwulan:33.16.01:2026:1", "lkjip:33.16.01:2025"
    kunci = models.CharField("tenggat", max_length=200)
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    tenggat = models.DateField("tanggal tenggat")
    dikirim_pada = models.DateTimeField("dikirim pada", auto_now_add=True)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        ordering = ["-dikirim_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["kunci", "pengguna", "jenis"], name="pengingat_terkirim_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kunci} {self.get_jenis_display()} → {self.pengguna}"
