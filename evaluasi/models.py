"""The LKE AKIP (PermenPANRB 88/2021): the pemda's versioned worksheet and the
evaluation of a perangkat daerah's year against one version of it.

A worksheet version (``TemplateLke``) holds components, sub-components and criteria
with their weights and answer scales; a version an evaluation uses is never changed
(``evaluasi.services.template`` copies it into a new version first). An evaluation
(``EvaluasiLke``) goes draf (self-assessment by the perangkat daerah) → diajukan
(scored by the evaluator) → dinilai (reviewed by the pengendali teknis) → final, or
back (dikembalikan); each step is a ``LangkahEvaluasi`` and an audit entry. The score
is always computed (``kinerja.engine.lke``); the final one is stored with its predicate
for the LHE.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from kinerja.models import Pemda, PerangkatDaerah

BOBOT = {"max_digits": 6, "decimal_places": 2}


class TemplateLke(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="template_lke")
    versi = models.PositiveSmallIntegerField("versi")
    nama = models.CharField("nama", max_length=200)
    sumber = models.TextField("sumber", blank=True)
    # Answer scales: code -> {"nama": "Ya/Tidak", "nilai": [["Y", "1"], ["T", "0"]]}: the
    # answers as pairs, in their order (a JSON object's keys are reordered by PostgreSQL).
    skala = models.JSONField("skala jawaban", default=dict)
    dari_versi = models.PositiveSmallIntegerField("disalin dari versi", null=True, blank=True)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="dibuat oleh",
    )

    class Meta:
        verbose_name = "template LKE"
        verbose_name_plural = "template LKE"
        ordering = ["pemda", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "versi"], name="template_lke_versi_unik")
        ]

    def __str__(self) -> str:
        return f"{self.nama} versi {self.versi}"


class KomponenLke(models.Model):
    template = models.ForeignKey(TemplateLke, on_delete=models.CASCADE, related_name="komponen")
    nomor = models.PositiveSmallIntegerField("nomor")
    nama = models.CharField("nama", max_length=300)
    bobot = models.DecimalField("bobot", **BOBOT)

    class Meta:
        verbose_name = "komponen LKE"
        verbose_name_plural = "komponen LKE"
        ordering = ["template", "nomor"]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.nama}"


class SubKomponenLke(models.Model):
    komponen = models.ForeignKey(KomponenLke, on_delete=models.CASCADE, related_name="sub")
    nomor = models.PositiveSmallIntegerField("nomor")
    nama = models.TextField("nama")
    bobot = models.DecimalField("bobot", **BOBOT)

    class Meta:
        verbose_name = "subkomponen LKE"
        verbose_name_plural = "subkomponen LKE"
        ordering = ["komponen", "nomor"]

    def __str__(self) -> str:
        return f"{self.komponen.nomor}.{self.nomor} {self.nama}"


class KriteriaLke(models.Model):
    sub = models.ForeignKey(SubKomponenLke, on_delete=models.CASCADE, related_name="kriteria")
    nomor = models.PositiveSmallIntegerField("nomor")
    uraian = models.TextField("uraian")
    skala = models.CharField("skala jawaban", max_length=10)
    # Relative: the criteria of a sub-component share its weight in proportion.
    bobot = models.DecimalField("bobot relatif", default=1, **BOBOT)

    class Meta:
        verbose_name = "kriteria LKE"
        verbose_name_plural = "kriteria LKE"
        ordering = ["sub", "nomor"]

    def __str__(self) -> str:
        return self.uraian


class EvaluasiLke(models.Model):
    class Status(models.TextChoices):
        DRAF = "draf", "Penilaian mandiri"
        DIAJUKAN = "diajukan", "Dinilai evaluator"
        DINILAI = "dinilai", "Ditinjau pengendali teknis"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan ke evaluator"
        FINAL = "final", "Final"

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="evaluasi_lke"
    )
    tahun = models.PositiveSmallIntegerField("tahun dinilai")
    template = models.ForeignKey(
        TemplateLke, on_delete=models.PROTECT, related_name="evaluasi", verbose_name="template"
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default="draf")
    nilai_mandiri = models.DecimalField("nilai penilaian mandiri", null=True, blank=True, **BOBOT)
    nilai = models.DecimalField("nilai akhir", null=True, blank=True, **BOBOT)
    predikat = models.CharField("predikat", max_length=2, blank=True)
    final_pada = models.DateTimeField("final pada", null=True, blank=True)
    # What the final score did to the perangkat daerah's Nilai SAKIP indicator.
    catatan_nilai_sakip = models.TextField("catatan nilai SAKIP", blank=True)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "evaluasi LKE"
        verbose_name_plural = "evaluasi LKE"
        ordering = ["perangkat_daerah", "-tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun"], name="evaluasi_lke_unik_per_tahun"
            )
        ]

    def __str__(self) -> str:
        return f"Evaluasi AKIP {self.perangkat_daerah} tahun {self.tahun}"

    @property
    def tahun_evaluasi(self) -> int | None:
        """The year the evaluation was made final (the year ``tahun`` was evaluated in)."""
        return timezone.localtime(self.final_pada).year if self.final_pada else None


def _lokasi_berkas(instance: JawabanLke, filename: str) -> str:
    # Never the user's name: a random one with the extension of the type found.
    return f"lke/{instance.evaluasi.tahun}/{uuid.uuid4().hex}.{instance.berkas_jenis}"


class JawabanLke(models.Model):
    class Bukti(models.TextChoices):
        RENSTRA = "renstra", "Renstra"
        PK = "pk", "Perjanjian Kinerja"
        RENCANA_AKSI = "rencana_aksi", "Rencana aksi"
        REALISASI = "realisasi", "Bukti dukung realisasi"
        LKJIP = "lkjip", "LKjIP yang ditetapkan"
        TAUTAN = "tautan", "Tautan"

    evaluasi = models.ForeignKey(EvaluasiLke, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.ForeignKey(KriteriaLke, on_delete=models.PROTECT, related_name="+")
    jawaban = models.CharField("jawaban penilaian mandiri", max_length=5, blank=True)
    catatan = models.TextField("catatan perangkat daerah", blank=True)
    bukti_jenis = models.CharField("jenis bukti", max_length=20, choices=Bukti.choices, blank=True)
    # The id of the linked record (a year for the rencana aksi), or the URL of a link.
    bukti_ref = models.CharField("rujukan bukti", max_length=500, blank=True)
    berkas = models.FileField("berkas", upload_to=_lokasi_berkas, max_length=200, blank=True)
    berkas_nama = models.CharField("nama berkas asli", max_length=255, blank=True)
    berkas_jenis = models.CharField("jenis berkas", max_length=10, blank=True)
    berkas_ukuran = models.PositiveBigIntegerField("ukuran berkas (bita)", null=True, blank=True)
    nilai_evaluator = models.CharField("jawaban evaluator", max_length=5, blank=True)
    komentar = models.TextField("komentar evaluator", blank=True)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        ordering = ["evaluasi", "kriteria"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "kriteria"], name="jawaban_lke_unik")
        ]

    def __str__(self) -> str:
        return f"{self.evaluasi} · {self.kriteria_id}"


class LangkahEvaluasi(models.Model):
    evaluasi = models.ForeignKey(EvaluasiLke, on_delete=models.CASCADE, related_name="langkah")
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dari = models.CharField("dari", max_length=20)
    ke = models.CharField("ke", max_length=20)
    komentar = models.TextField("komentar", blank=True)
    waktu = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "langkah evaluasi"
        verbose_name_plural = "langkah evaluasi"
        ordering = ["evaluasi", "waktu", "id"]

    def __str__(self) -> str:
        return f"{self.evaluasi}: {self.dari} → {self.ke}"


class RekomendasiLke(models.Model):
    """A recommendation the evaluator writes on an evaluation before it is final; the
    final step stores each as a ``laporan.Rekomendasi`` (its follow-up lives there)."""

    evaluasi = models.ForeignKey(EvaluasiLke, on_delete=models.CASCADE, related_name="rekomendasi")
    urutan = models.PositiveSmallIntegerField("nomor")
    teks = models.TextField("rekomendasi")
    target = models.DateField("target penyelesaian", null=True, blank=True)

    class Meta:
        verbose_name = "rekomendasi evaluasi"
        verbose_name_plural = "rekomendasi evaluasi"
        ordering = ["evaluasi", "urutan"]

    def __str__(self) -> str:
        return f"{self.evaluasi}: rekomendasi {self.urutan}"
