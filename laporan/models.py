"""The annual LKjIP document of a perangkat daerah."""

from __future__ import annotations

from django.db import models

from kinerja.models import PerangkatDaerah


class LKjIP(models.Model):
    """One year of a perangkat daerah: where and when its LKjIP is signed.

    Every year held for a perangkat daerah has a row here, which is also how
    the exporter knows which years exist.
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
