"""The row sources of the BAB I tables as filters, for the partials the editor and the
resources page share: ``{% tabel t.baris|tabel_sdm %}``."""

from __future__ import annotations

from django import template

from laporan import tables

register = template.Library()

register.filter("tabel_sdm", tables.tabel_sdm)
register.filter("tabel_sarpras", tables.tabel_sarpras)
