"""An import saved by a job on the queue (``interchange.antrean``): a large budget file,
quarterly realisasi workbook, indicator register or data package, confirmed on its
preview page and saved all or nothing by a worker, as the user who confirmed it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kinerja.models import Pemda, PerangkatDaerah


class ImporJob(models.Model):
    class Jenis(models.TextChoices):
        ANGGARAN = "anggaran", "Anggaran (pagu atau realisasi anggaran)"
        REALISASI = "realisasi", "Buku kerja realisasi triwulan"
        REGISTER = "register", "Register indikator"
        PAKET = "paket", "Paket data"

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu giliran"
        BERJALAN = "berjalan", "Sedang diimpor"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    id = models.UUIDField(primary_key=True, editable=False)
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    # The perangkat daerah whose data the import changes; none for a data package (the
    # admin pemda's import, whose page belongs to the pemda).
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    judul = models.CharField("judul", max_length=200)
    # What the job needs besides the stored upload: the preview's state (JSON).
    muatan = models.JSONField("muatan", default=dict, blank=True)
    berkas = models.CharField("berkas unggahan", max_length=300, blank=True)
    jumlah_baris = models.PositiveIntegerField("jumlah baris", default=0)
    url_kembali = models.CharField("alamat kembali", max_length=500, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ANTRE)
    kemajuan = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    tahap = models.CharField("tahap", max_length=200, blank=True)
    # The refusals, each [where, why]: nothing was saved.
    galat = models.JSONField("galat", default=list, blank=True)
    jumlah_berubah = models.PositiveIntegerField("jumlah berubah", default=0)
    pesan_hasil = models.TextField("pesan hasil", blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    selesai_pada = models.DateTimeField("selesai pada", null=True, blank=True)

    class Meta:
        verbose_name = "pekerjaan impor"
        verbose_name_plural = "pekerjaan impor"
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"Impor {self.judul} ({self.get_status_display()})"
