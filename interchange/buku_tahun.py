"""A year's workbook (``ekspor_xlsx``) read back: the data package it carries in its
hidden sheet, checked against its visible sheets.

The workbook moves a year to another installation, as ``ekspor_paket`` does; its
visible sheets are for reading. A value changed in one of them would be lost on import,
so it is refused, naming the cell: changes are made through the quarterly workbook, the
budget import or the screens."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from kinerja.paket import types as t
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from laporan.xlsx import paket_dari_buku, tabel_data
from lib.xlsx import buku_xlsx
from lib.xlsx_baca import BerkasDitolak, Galat

# The sheets made from the package alone (``tabel_data``: not the computed capaian, not
# the findings with their explanations) are found by name and compared cell by cell
# below their header lines; the other sheets are not read.
_BARIS_KEPALA = 5  # title, three heading lines, a blank line
_MAKS_GALAT = 20


def _sama(a, b) -> bool:
    if isinstance(a, int | float | Decimal) and isinstance(b, int | float | Decimal):
        return abs(Decimal(str(a)) - Decimal(str(b))) <= Decimal("1e-9") * max(
            1, abs(Decimal(str(b)))
        )
    return (a if a not in ("",) else None) == (b if b not in ("",) else None)


def baca_buku_tahun(wb) -> tuple[t.Paket, int] | None:
    """(the package, the year) of a year's workbook; None for another workbook;
    :class:`BerkasDitolak` when its package is broken or a visible value was changed."""
    isi = paket_dari_buku(wb)
    if isi is None:
        return None
    _kode, tahun, teks = isi
    try:
        paket = baca_paket(muat_json(teks))
    except InvalidPaket as e:
        raise BerkasDitolak(
            [Galat(f"paket data di buku kerja rusak: {err.path}: {err.pesan}") for err in e.errors]
        ) from e
    if paket.cari_tahun(tahun) is None:
        raise BerkasDitolak([Galat(f"paket data di buku kerja tidak memuat tahun {tahun}")])
    data = tabel_data(paket, tahun)
    asli = load_workbook(
        io.BytesIO(buku_xlsx(list(data.values()), nama=list(data), kepala=[""] * 3))
    )
    galat: list[Galat] = []
    for nama, tabel in data.items():
        if nama not in wb.sheetnames:
            # A sheet with no rows loses nothing when it is missing (a workbook written
            # before the sheet existed, or one a reader tidied); one with rows is refused.
            if tabel.rows:
                galat.append(Galat("lembar ini dihapus", nama))
            continue
        a, b = wb[nama], asli[nama]
        for r in range(_BARIS_KEPALA + 1, max(a.max_row, b.max_row) + 1):
            for k in range(1, max(a.max_column, b.max_column) + 1):
                x, y = a.cell(r, k), b.cell(r, k)
                if not _sama(x.value, y.value):
                    galat.append(
                        Galat(
                            "nilai diubah; buku kerja tahunan hanya memindahkan data (ubah data "
                            "lewat buku kerja triwulan, impor anggaran, atau layar aplikasi)",
                            nama,
                            r,
                            x.column_letter,
                        )
                    )
                    if len(galat) >= _MAKS_GALAT:
                        raise BerkasDitolak(galat)
    if galat:
        raise BerkasDitolak(galat)
    return paket, tahun
