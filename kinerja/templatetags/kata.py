"""The users' words for values stored as codes: {% load kata %}.

A screen never shows "pk-perubahan", "aturan-s0" or "blora": these filters turn the
codes of the data into what a kecamatan or an Inspektorat calls them.
"""

from __future__ import annotations

from django import template

from kinerja.engine.predikat import JUDUL_SKALA
from kinerja.models import METODE_EFISIENSI_CHOICES, RUMUS_NEGATIF_CHOICES

register = template.Library()

_METODE = dict(METODE_EFISIENSI_CHOICES)
_RUMUS = dict(RUMUS_NEGATIF_CHOICES)


def label_versi(versi: str) -> str:
    """ "murni", "perubahan", "perubahan-2" → "murni", "perubahan", "perubahan ke-2"."""
    if versi.startswith("perubahan-"):
        return f"perubahan ke-{versi.split('-', 1)[1]}"
    return versi


@register.filter
def sumber_target(sumber: str | None) -> str:
    """Where a target comes from: "pk-perubahan" → "target PK perubahan"."""
    if not sumber:
        return "-"
    if sumber == "renstra":
        return "target Renstra"
    if sumber.startswith("pk-"):
        return f"target PK {label_versi(sumber[3:])}"
    return sumber


@register.filter
def nama_skala(nama: str | None) -> str:
    """A predicate scale: "blora" → "skala Kabupaten Blora"; none → the pemda's own."""
    if not nama or nama == "kustom":
        return "skala sendiri pemda"
    return f"skala {JUDUL_SKALA.get(nama, nama)}"


@register.filter
def metode_efisiensi(metode: str | None) -> str:
    return _METODE.get(metode or "", metode or "-").lower()


@register.filter
def rumus_negatif(rumus: str | None) -> str:
    return _RUMUS.get(rumus or "", rumus or "-")
