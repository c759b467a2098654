"""Per-user tokens of the read-only API. Only the SHA-256 of a token is stored; the
token itself is shown once, when it is made."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

AWALAN = "lkjip_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenAPI(models.Model):
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="token_api",
        verbose_name="pengguna",
    )
    nama = models.CharField("nama", max_length=100)
    awal = models.CharField("awal token", max_length=16)
    hash = models.CharField("SHA-256 token", max_length=64, unique=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    dicabut = models.DateTimeField("dicabut", null=True, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.awal}…)"

    @classmethod
    def buat(cls, pengguna, nama: str) -> tuple[TokenAPI, str]:
        """A new token of ``pengguna``: the row and the token (shown once, never stored)."""
        token = AWALAN + secrets.token_urlsafe(32)
        row = cls.objects.create(
            pengguna=pengguna, nama=nama, awal=token[: len(AWALAN) + 4], hash=hash_token(token)
        )
        return row, token

    def cabut(self) -> None:
        if self.dicabut is None:
            self.dicabut = timezone.now()
            self.save(update_fields=["dicabut"])
