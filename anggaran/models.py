"""Budget: DPA versions with pagu, and realisasi anggaran."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from kinerja.models import UANG, Kegiatan, PerangkatDaerah, Program, Sasaran, SubKegiatan

TRIWULAN_CHOICES = [(1, "Triwulan I"), (2, "Triwulan II"), (3, "Triwulan III"), (4, "Triwulan IV")]

SATU_NODE = (
    Q(program__isnull=False, kegiatan=None, sub_kegiatan=None)
    | Q(program=None, kegiatan__isnull=False, sub_kegiatan=None)
    | Q(program=None, kegiatan=None, sub_kegiatan__isnull=False)
)


class NodeAnggaran(models.Model):
    """An amount attached to exactly one program, kegiatan or sub kegiatan."""

    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    jumlah = models.DecimalField("jumlah (Rp)", **UANG)

    class Meta:
        abstract = True

    @property
    def node(self) -> Program | Kegiatan | SubKegiatan:
        return self.sub_kegiatan or self.kegiatan or self.program

    @property
    def kode(self) -> str:
        return self.node.kode


class DPA(models.Model):
    """Dokumen Pelaksanaan Anggaran of a year, in one version (murni, perubahan, …)."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="dpa"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    versi = models.CharField("versi", max_length=20)
    urutan_versi = models.PositiveSmallIntegerField("urutan versi", default=0)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    # Set when opening the year copied the pagu of that year's DPA as a draft;
    # cleared when the user saves the DPA page (anggaran.services.pagu_simpan).
    pagu_disalin_dari = models.PositiveSmallIntegerField(
        "pagu disalin dari DPA tahun", null=True, blank=True
    )

    class Meta:
        verbose_name = "DPA"
        verbose_name_plural = "DPA"
        ordering = ["perangkat_daerah", "tahun", "urutan_versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "versi"], name="dpa_versi_unik"
            ),
            models.CheckConstraint(
                condition=Q(versi__regex=r"^(murni|perubahan(-[0-9]+)?)$"), name="dpa_versi_sah"
            ),
        ]

    def __str__(self) -> str:
        return f"DPA {self.perangkat_daerah} {self.tahun} ({self.versi})"


class Pagu(NodeAnggaran):
    """Pagu of a program, kegiatan or sub kegiatan in a DPA version.

    A parent with its own row keeps its stated amount (compared with the sum
    of its children); a parent without one is the sum of its children.
    """

    dpa = models.ForeignKey(DPA, on_delete=models.CASCADE, related_name="pagu")

    class Meta:
        verbose_name = "pagu"
        verbose_name_plural = "pagu"
        constraints = [
            models.CheckConstraint(condition=SATU_NODE, name="pagu_satu_node"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="pagu_tidak_negatif"),
            models.UniqueConstraint(
                fields=["dpa", "program"],
                condition=Q(program__isnull=False),
                name="pagu_program_unik",
            ),
            models.UniqueConstraint(
                fields=["dpa", "kegiatan"],
                condition=Q(kegiatan__isnull=False),
                name="pagu_kegiatan_unik",
            ),
            models.UniqueConstraint(
                fields=["dpa", "sub_kegiatan"],
                condition=Q(sub_kegiatan__isnull=False),
                name="pagu_subkegiatan_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode}: {self.jumlah}"


class PaguJenisBelanja(models.Model):
    """Pagu of a DPA version by account (jenis belanja) code: 5.1, 5.1.01, 5.2.04, …"""

    dpa = models.ForeignKey(DPA, on_delete=models.CASCADE, related_name="jenis_belanja")
    kode = models.CharField("kode rekening", max_length=40)
    jumlah = models.DecimalField("jumlah (Rp)", **UANG)

    class Meta:
        verbose_name = "pagu per jenis belanja"
        verbose_name_plural = "pagu per jenis belanja"
        ordering = ["dpa", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["dpa", "kode"], name="pagu_jenis_unik"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="pagu_jenis_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}: {self.jumlah}"


class RealisasiAnggaran(NodeAnggaran):
    """Spending on a node in one year: annual (triwulan empty) or within one triwulan."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="realisasi_anggaran"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", null=True, blank=True, choices=TRIWULAN_CHOICES
    )

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["perangkat_daerah", "tahun", "triwulan"]
        constraints = [
            models.CheckConstraint(condition=SATU_NODE, name="realisasi_anggaran_satu_node"),
            models.CheckConstraint(
                condition=Q(jumlah__gte=0), name="realisasi_anggaran_tidak_negatif"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_anggaran_triwulan_sah",
            ),
        ]

    def __str__(self) -> str:
        tw = f" TW{self.triwulan}" if self.triwulan else ""
        return f"{self.kode} {self.tahun}{tw}: {self.jumlah}"


class RealisasiJenisBelanja(models.Model):
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="realisasi_jenis_belanja"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    kode = models.CharField("kode rekening", max_length=40)
    jumlah = models.DecimalField("jumlah (Rp)", **UANG)

    class Meta:
        verbose_name = "realisasi per jenis belanja"
        verbose_name_plural = "realisasi per jenis belanja"
        ordering = ["perangkat_daerah", "tahun", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "kode"], name="realisasi_jenis_unik"
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gte=0), name="realisasi_jenis_tidak_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.tahun}: {self.jumlah}"


class AnggaranSasaran(models.Model):
    """Pagu and realisasi a report states for one Renstra sasaran in a year.

    Kept as stated: such amounts match no program (old reports budget per sasaran).
    The engine uses them where a sasaran has no program-linked budget and compares
    them with the DPA when the year has one.
    """

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="anggaran_sasaran"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="+")
    pagu = models.DecimalField("pagu (Rp)", null=True, blank=True, **UANG)
    realisasi = models.DecimalField("realisasi (Rp)", null=True, blank=True, **UANG)

    class Meta:
        verbose_name = "anggaran per sasaran"
        verbose_name_plural = "anggaran per sasaran"
        ordering = ["perangkat_daerah", "tahun", "sasaran"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "sasaran"], name="anggaran_sasaran_unik"
            ),
            models.CheckConstraint(
                condition=Q(pagu__gte=0) | Q(pagu__isnull=True),
                name="anggaran_sasaran_pagu_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(realisasi__gte=0) | Q(realisasi__isnull=True),
                name="anggaran_sasaran_realisasi_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sasaran.kode} {self.tahun}: {self.pagu} / {self.realisasi}"
