"""The annual LKjIP document of a perangkat daerah."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from kinerja.models import PerangkatDaerah


class LKjIP(models.Model):
    """One year of a perangkat daerah: where and when its LKjIP is signed.

    Every year held for a perangkat daerah has a row here and one in the year
    register (``kinerja.models.Tahun``), which the workflow locks while the
    status is "ditetapkan" (``laporan.services``).
    """

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="lkjip"
    )
    tahun = models.PositiveSmallIntegerField("tahun")

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DITETAPKAN = "ditetapkan", "Ditetapkan"

    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAF)
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    komentar_kepala = models.TextField("komentar kepala", blank=True)
    tempat = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    tanggal = models.DateField("tanggal penandatanganan", null=True, blank=True)

    class Meta:
        verbose_name = "LKjIP"
        verbose_name_plural = "LKjIP"
        ordering = ["perangkat_daerah", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun"], name="lkjip_unik_per_tahun"
            )
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.perangkat_daerah} {self.tahun}"

    @property
    def terkunci(self) -> bool:
        """After sign-off the year's data are read-only for everyone."""
        return self.status == self.Status.DITETAPKAN


class Narasi(models.Model):
    """A narrative section of the LKjIP of one year, written by the operator.

    ``bagian`` is the key of the section in the document outline
    (``laporan.kerangka``); ``judul`` overrides the section's title when set.
    """

    lkjip = models.ForeignKey(LKjIP, on_delete=models.CASCADE, related_name="narasi")
    bagian = models.CharField("bagian", max_length=60)
    judul = models.CharField("judul (bila diganti)", max_length=200, blank=True)
    teks = models.TextField("teks", blank=True)
    versi = models.PositiveIntegerField("versi", default=0)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "narasi LKjIP"
        verbose_name_plural = "narasi LKjIP"
        ordering = ["lkjip", "bagian"]
        constraints = [
            models.UniqueConstraint(fields=["lkjip", "bagian"], name="narasi_unik_per_bagian")
        ]

    def __str__(self) -> str:
        return f"{self.lkjip} — {self.bagian}"


def _lokasi_snapshot(instance: SnapshotLKjIP, filename: str) -> str:
    return f"lkjip/{instance.lkjip.tahun}/{uuid.uuid4().hex}.pdf"


class SnapshotLKjIP(models.Model):
    """The signed PDF of a year, rendered once at sign-off and never changed.

    ``kode_isi`` is the SHA-256 of the document's content (its HTML before the
    stamp), printed with a QR code on every page; ``sha256`` is the SHA-256 of
    the stored PDF file, against which a presented file is verified.
    """

    lkjip = models.ForeignKey(LKjIP, on_delete=models.PROTECT, related_name="snapshot")
    versi = models.PositiveIntegerField("versi")
    berkas = models.FileField("berkas PDF", upload_to=_lokasi_snapshot)
    sha256 = models.CharField("SHA-256 berkas", max_length=64, unique=True)
    kode_isi = models.CharField("kode isi (SHA-256)", max_length=64, unique=True)
    halaman = models.PositiveIntegerField("jumlah halaman", default=0)
    ukuran = models.PositiveIntegerField("ukuran (bita)", default=0)
    ditetapkan_pada = models.DateTimeField("ditetapkan pada")
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ditetapkan oleh",
    )
    nama_penandatangan = models.CharField("nama penandatangan", max_length=200)
    jabatan_penandatangan = models.CharField("jabatan penandatangan", max_length=200)
    # The head of the pemda's audit chain at sign-off (kinerja.audit.kepala_rantai),
    # printed in the stamp: a later edit of the history before it no longer fits.
    riwayat_urutan = models.PositiveBigIntegerField("riwayat: nomor urut", null=True)
    riwayat_hash = models.CharField("riwayat: hash", max_length=64, blank=True)

    class Meta:
        verbose_name = "snapshot LKjIP"
        verbose_name_plural = "snapshot LKjIP"
        ordering = ["lkjip", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["lkjip", "versi"], name="snapshot_versi_unik")
        ]

    def __str__(self) -> str:
        return f"{self.lkjip} versi {self.versi}"


class PembukaanKembali(models.Model):
    """A signed-off year reopened by the kepala or admin pemda, with the reason."""

    lkjip = models.ForeignKey(LKjIP, on_delete=models.CASCADE, related_name="pembukaan_kembali")
    snapshot = models.ForeignKey(SnapshotLKjIP, on_delete=models.PROTECT, related_name="+")
    alasan = models.TextField("alasan")
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="oleh",
    )

    class Meta:
        verbose_name = "pembukaan kembali LKjIP"
        verbose_name_plural = "pembukaan kembali LKjIP"
        ordering = ["lkjip", "waktu"]

    def __str__(self) -> str:
        return f"{self.lkjip} dibuka kembali {self.waktu:%Y-%m-%d}"


class DataSDM(models.Model):
    """A row of the SDM table of BAB I: a group (eselon, golongan, pendidikan) and its count."""

    lkjip = models.ForeignKey(LKjIP, on_delete=models.CASCADE, related_name="data_sdm")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    kelompok = models.CharField(
        "kelompok", max_length=50, help_text="mis. Eselon, Golongan, Pendidikan"
    )
    uraian = models.CharField("uraian", max_length=200)
    pns = models.PositiveIntegerField("PNS", default=0)
    non_pns = models.PositiveIntegerField("non-PNS", default=0)
    # The need of the analisis beban kerja (ABK), for % ketersediaan and efisiensi SDM.
    kebutuhan = models.PositiveIntegerField("kebutuhan (ABK)", null=True, blank=True)

    class Meta:
        verbose_name = "data SDM"
        verbose_name_plural = "data SDM"
        ordering = ["lkjip", "urutan"]

    def __str__(self) -> str:
        return f"{self.kelompok} {self.uraian}"


class SaranaPrasarana(models.Model):
    """A row of the sarana prasarana table of BAB I."""

    lkjip = models.ForeignKey(LKjIP, on_delete=models.CASCADE, related_name="sarana_prasarana")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    uraian = models.CharField("uraian", max_length=200)
    jumlah = models.PositiveIntegerField("jumlah", default=0)
    satuan = models.CharField("satuan", max_length=50, blank=True)
    kondisi = models.CharField("kondisi", max_length=100, blank=True)
    # The standard need (usulan standar kebutuhan), for % ketersediaan and efisiensi sarpras.
    kebutuhan = models.PositiveIntegerField("kebutuhan (standar)", null=True, blank=True)

    class Meta:
        verbose_name = "sarana prasarana"
        verbose_name_plural = "sarana prasarana"
        ordering = ["lkjip", "urutan"]

    def __str__(self) -> str:
        return self.uraian


def _lokasi_cetak(instance: CetakJob, filename: str) -> str:
    akhiran = "zip" if instance.jenis == CetakJob.Jenis.BUKTI else "pdf"
    return f"cetak/{instance.perangkat_daerah_id}/{instance.tahun}/{instance.pk.hex}.{akhiran}"


class CetakJob(models.Model):
    """One print of a draft LKjIP on the job queue (``laporan.jobs``): its progress, and
    the PDF when it is done. A print of the same content (``kode_isi``) is reused."""

    class Jenis(models.TextChoices):
        DRAF = "draf", "Draf"
        TETAP = "tetap", "Penetapan"
        BUKTI = "bukti", "Arsip bukti dukung"

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu giliran"
        BERJALAN = "berjalan", "Sedang dicetak"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    id = models.UUIDField(primary_key=True, editable=False)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    kode_isi = models.CharField("kode isi (SHA-256)", max_length=64)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ANTRE)
    kemajuan = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    tahap = models.CharField("tahap", max_length=200, blank=True)
    pesan_galat = models.TextField("pesan galat", blank=True)
    berkas = models.FileField("berkas PDF", upload_to=_lokasi_cetak, blank=True)
    halaman = models.PositiveIntegerField("jumlah halaman", default=0)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    selesai_pada = models.DateTimeField("selesai pada", null=True, blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A sign-off (``TETAP``): the year is signed off by the job, in one transaction with
    # the print of its stamped PDF (``laporan.jobs.tetap_jalankan``), which is the snapshot's.
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, default=Jenis.DRAF)
    alamat_verifikasi = models.CharField(
        "alamat verifikasi", max_length=500, blank=True, help_text="dengan {kode_isi}"
    )
    snapshot = models.ForeignKey(
        "SnapshotLKjIP", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "pekerjaan cetak"
        verbose_name_plural = "pekerjaan cetak"
        indexes = [models.Index(fields=["perangkat_daerah", "tahun", "kode_isi"])]

    def __str__(self) -> str:
        return (
            f"{self.get_jenis_display()} {self.perangkat_daerah_id}/{self.tahun} "
            f"({self.get_status_display()})"
        )


class PembandingPD(models.Model):
    """A perangkat daerah the pemda names as the comparison of another one (its
    neighbouring kecamatan): its figures get a row of their own in the comparison table
    of every indicator the two share, beside the bounded summary of all the others."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="pembanding_pd"
    )
    pembanding = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="dibandingkan_oleh",
        verbose_name="perangkat daerah pembanding",
    )

    class Meta:
        verbose_name = "perangkat daerah pembanding"
        verbose_name_plural = "perangkat daerah pembanding"
        ordering = ["perangkat_daerah", "pembanding__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "pembanding"], name="pembanding_pd_unik"
            ),
            models.CheckConstraint(
                condition=~models.Q(perangkat_daerah=models.F("pembanding")),
                name="pembanding_pd_bukan_diri",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} dibandingkan dengan {self.pembanding}"


def _lokasi_tindak_lanjut(instance: Rekomendasi, filename: str) -> str:
    # Never the user's name: a random one with the extension of the type found.
    return f"tindak_lanjut/{instance.tahun}/{uuid.uuid4().hex}.{instance.berkas_jenis}"


class Rekomendasi(models.Model):
    """A recommendation of the LHE of a perangkat daerah's year and its follow-up (the
    matrix "tindak lanjut hasil evaluasi" of BAB IV of the next year's LKjIP).

    Written by the evaluator on the evaluation (``evaluasi``) and stored here when the
    evaluation becomes final; ``evaluasi_id`` is a plain integer (laporan does not import
    evaluasi). The perangkat daerah records its tindak lanjut; the evaluator accepts it
    or reopens it (``laporan.services.rekomendasi``).
    """

    class Status(models.TextChoices):
        BELUM = "belum", "Belum ditindaklanjuti"
        PROSES = "proses", "Dalam proses"
        SELESAI = "selesai", "Selesai"

    class Tinjauan(models.TextChoices):
        MENUNGGU = "", "Belum ditinjau"
        DITERIMA = "diterima", "Diterima evaluator"
        DIBUKA = "dibuka", "Dibuka kembali"

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="rekomendasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun dievaluasi")
    urutan = models.PositiveSmallIntegerField("nomor", default=1)
    teks = models.TextField("rekomendasi")
    target = models.DateField("target penyelesaian (evaluator)", null=True, blank=True)
    evaluasi_id = models.PositiveIntegerField("nomor evaluasi sumber")
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    # The follow-up, recorded by the perangkat daerah.
    rencana_aksi = models.TextField("rencana aksi tindak lanjut", blank=True)
    keluaran = models.CharField("target keluaran", max_length=200, blank=True)
    tanggal_target = models.DateField("waktu penyelesaian", null=True, blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=200, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default="belum")
    berkas = models.FileField("bukti", upload_to=_lokasi_tindak_lanjut, max_length=200, blank=True)
    berkas_nama = models.CharField("nama berkas asli", max_length=255, blank=True)
    berkas_jenis = models.CharField("jenis berkas", max_length=10, blank=True)
    berkas_ukuran = models.PositiveBigIntegerField("ukuran berkas (bita)", null=True, blank=True)
    diubah_pada = models.DateTimeField("diubah pada", null=True, blank=True)
    # The evaluator's review of the follow-up.
    tinjauan = models.CharField(
        "tinjauan evaluator", max_length=10, choices=Tinjauan.choices, blank=True, default=""
    )
    komentar = models.TextField("komentar evaluator", blank=True)
    ditinjau_pada = models.DateTimeField("ditinjau pada", null=True, blank=True)

    class Meta:
        verbose_name = "rekomendasi LHE"
        verbose_name_plural = "rekomendasi LHE"
        ordering = ["perangkat_daerah", "-tahun", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluasi_id", "urutan"], name="rekomendasi_unik_per_evaluasi"
            )
        ]

    def __str__(self) -> str:
        return f"Rekomendasi {self.urutan} {self.perangkat_daerah} {self.tahun}"

    @property
    def tenggat(self):
        """The date the follow-up is due: the perangkat daerah's, else the evaluator's."""
        return self.tanggal_target or self.target

    def terlambat(self, hari_ini) -> bool:
        """Overdue: its due date has passed and the evaluator has not accepted it."""
        t = self.tenggat
        return bool(t and t < hari_ini and self.tinjauan != self.Tinjauan.DITERIMA)


def _lokasi_lhe(instance: SnapshotLHE, filename: str) -> str:
    return f"lhe/{instance.tahun}/{uuid.uuid4().hex}.pdf"


class SnapshotLHE(models.Model):
    """The stored PDF of the LHE (Laporan Hasil Evaluasi) of a final evaluation, printed
    once in the archival form of the LKjIP (stamp, QR code to the public verification
    page) and never changed. ``evaluasi_id`` is a plain integer (laporan does not import
    evaluasi); ``kode_isi`` is the SHA-256 of the unstamped HTML, ``sha256`` that of the
    stored file, which the public verification page recognises like an LKjIP's."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="snapshot_lhe"
    )
    tahun = models.PositiveSmallIntegerField("tahun dievaluasi")
    evaluasi_id = models.PositiveIntegerField("nomor evaluasi", unique=True)
    nilai = models.DecimalField("nilai akhir", max_digits=6, decimal_places=2)
    predikat = models.CharField("predikat", max_length=2)
    berkas = models.FileField("berkas PDF", upload_to=_lokasi_lhe)
    sha256 = models.CharField("SHA-256 berkas", max_length=64, unique=True)
    kode_isi = models.CharField("kode isi (SHA-256)", max_length=64, unique=True)
    halaman = models.PositiveIntegerField("jumlah halaman", default=0)
    ukuran = models.PositiveIntegerField("ukuran (bita)", default=0)
    dibuat_pada = models.DateTimeField("dicetak pada")
    keterangan = models.CharField("keterangan stempel", max_length=300)

    class Meta:
        verbose_name = "snapshot LHE"
        verbose_name_plural = "snapshot LHE"
        ordering = ["perangkat_daerah", "-tahun"]

    def __str__(self) -> str:
        return f"LHE {self.perangkat_daerah} tahun {self.tahun}"


def _lokasi_cetak_kabupaten(instance: CetakKabupaten, filename: str) -> str:
    return f"cetak-kabupaten/{instance.pemda_id}/{instance.tahun}/{instance.pk.hex}.zip"


class CetakKabupaten(models.Model):
    """The LKjIP of every perangkat daerah of a pemda printed as one job
    (``laporan.cetak_kabupaten``): one task per perangkat daerah, then one zip."""

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu giliran"
        BERJALAN = "berjalan", "Sedang dicetak"
        MENGARSIP = "mengarsip", "Menyusun arsip zip"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    id = models.UUIDField(primary_key=True, editable=False)
    pemda = models.ForeignKey("kinerja.Pemda", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ANTRE)
    pesan_galat = models.TextField("pesan galat", blank=True)
    berkas = models.FileField("berkas zip", upload_to=_lokasi_cetak_kabupaten, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    selesai_pada = models.DateTimeField("selesai pada", null=True, blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "cetak LKjIP sekabupaten"
        verbose_name_plural = "cetak LKjIP sekabupaten"
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.pemda_id}/{self.tahun} ({self.get_status_display()})"


class CetakKabupatenPD(models.Model):
    """One perangkat daerah of a ``CetakKabupaten``: its draft print (a ``CetakJob``) or
    its signed PDF (a ``SnapshotLKjIP``), or why it failed."""

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu giliran"
        BERJALAN = "berjalan", "Sedang dicetak"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    job = models.ForeignKey(CetakKabupaten, on_delete=models.CASCADE, related_name="daftar_pd")
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="+"
    )
    urutan = models.PositiveIntegerField("urutan")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ANTRE)
    pesan_galat = models.TextField("pesan galat", blank=True)
    halaman = models.PositiveIntegerField("jumlah halaman", default=0)
    detik = models.FloatField("lama cetak (detik)", default=0)
    cetak = models.ForeignKey(
        CetakJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.ForeignKey(
        SnapshotLKjIP, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "perangkat daerah dalam cetak sekabupaten"
        verbose_name_plural = "perangkat daerah dalam cetak sekabupaten"
        ordering = ["job", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "perangkat_daerah"], name="cetak_kabupaten_pd_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah_id} ({self.get_status_display()})"
