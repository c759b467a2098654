"""The tables of the LKjIP as one workbook: a sheet per table, in the document's order,
from the same row sources the document prints (``Tabel.sumber``, rendered by
``lib.xlsx``)."""

from __future__ import annotations

import dataclasses
import datetime

from laporan.dokumen.blocks import Tabel
from laporan.dokumen.data import Dokumen
from lib.format import format_waktu
from lib.xlsx import buku_xlsx


def tabel_dokumen(dok: Dokumen) -> list[Tabel]:
    """Every table of the document printed from a row source, in order."""
    return [
        b
        for bab in (*dok.bab, *dok.lampiran)
        for b in bab.blok
        if isinstance(b, Tabel) and b.sumber is not None
    ]


def kepala_dokumen(dok: Dokumen, waktu: datetime.datetime) -> list[str]:
    """The lines above every sheet: whose document, which year, when it was taken."""
    ident = dok.identitas
    status = {"ditetapkan": "ditetapkan"}.get(dok.status, "draf")
    return [
        f"{ident.pd_nama} — {ident.pemda_nama}",
        f"LKjIP tahun {dok.tahun} ({status})",
        f"Diunduh {format_waktu(waktu)}",
    ]


def buku_dokumen(dok: Dokumen, waktu: datetime.datetime) -> bytes:
    """The workbook of the document's tables; ``waktu`` in local time."""
    daftar = tabel_dokumen(dok)
    tabel = [dataclasses.replace(t.sumber, title=f"{t.label} {t.judul}".strip()) for t in daftar]
    nama = [t.label or t.judul for t in daftar]
    return buku_xlsx(tabel, kepala=kepala_dokumen(dok, waktu), nama=nama)
