"""Opening an uploaded workbook, and the problems of one, for every importer.

Pure module (openpyxl, no Django, no app import). A problem names its place (sheet,
row, column) and its reason in Indonesian; :class:`BerkasDitolak` carries the problems
of a file that is not imported. :func:`buka_buku` refuses what is no workbook: too
large, a password-protected or old ``.xls`` file (an OLE container), not a zip, or a
zip openpyxl cannot read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook import Workbook
from openpyxl.worksheet._reader import WorkSheetParser  # the read-only sheet's own parser

__all__ = ["BerkasDitolak", "Galat", "IsiSheet", "buka_buku", "isi_sheet"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Galat:
    """A problem of an uploaded workbook: where (sheet, row, column) and why."""

    pesan: str
    sheet: str = ""
    baris: int | None = None
    kolom: str = ""

    @property
    def letak(self) -> str:
        bagian = []
        if self.sheet:
            bagian.append(f"lembar “{self.sheet}”")
        if self.baris:
            bagian.append(f"baris {self.baris}")
        if self.kolom:
            bagian.append(f"kolom {self.kolom}")
        return ", ".join(bagian)

    def __str__(self) -> str:
        return f"{self.letak}: {self.pesan}" if self.letak else self.pesan


class BerkasDitolak(Exception):
    """The file is not imported; ``galat`` says why."""

    def __init__(self, galat: list[Galat]):
        super().__init__("; ".join(str(g) for g in galat))
        self.galat = galat


def buka_buku(data: bytes, ukuran_maks: int, *, hanya_baca: bool = False) -> Workbook:
    """The workbook of ``data`` (formulas kept as formulas, to be refused where values
    are expected); :class:`BerkasDitolak` for what is none. ``hanya_baca``: openpyxl's
    read-only mode (rows streamed, several times faster on a big sheet; cells by
    iterating rows, or all at once with :func:`isi_sheet`)."""
    if len(data) > ukuran_maks:
        raise BerkasDitolak([Galat(f"Berkas lebih dari {ukuran_maks // (1024 * 1024)} MB.")])
    if data[:8] == _OLE:
        raise BerkasDitolak(
            [
                Galat(
                    "Buku kerja dilindungi kata sandi atau berformat Excel lama (.xls). "
                    "Simpan sebagai .xlsx tanpa kata sandi, lalu unggah lagi."
                )
            ]
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BerkasDitolak([Galat("Berkas ini bukan buku kerja Excel (.xlsx).")])
    try:
        return load_workbook(io.BytesIO(data), data_only=False, read_only=hanya_baca)
    except Exception as e:  # openpyxl raises many kinds on a broken file
        raise BerkasDitolak([Galat("Buku kerja tidak dapat dibaca: berkas rusak.")]) from e


@dataclass
class IsiSheet:
    """A sheet read in one pass: ``sel[r][c]`` the values (0-based, every row as wide as
    the widest), ``rumus`` the (r, c) of formula cells, ``gabungan`` the merged ranges
    as (min_col, min_row, max_col, max_row), 1-based."""

    sel: list[list[Any]]
    rumus: set[tuple[int, int]]
    gabungan: list[tuple[int, int, int, int]]


def isi_sheet(ws) -> IsiSheet:
    """The values, formula cells and merged ranges of a sheet of a workbook opened with
    ``hanya_baca`` (openpyxl's own sheet parser, over the sheet's XML once, without a
    cell object per cell; the stored size of the sheet is not trusted)."""
    wb = ws.parent
    sel: list[list[Any]] = []
    rumus: set[tuple[int, int]] = set()
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=wb.data_only,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for idx, cells in parser.parse():
            while len(sel) < idx - 1:
                sel.append([])
            row: list[Any] = []
            for c in cells:
                k = c["column"] - 1
                if k >= len(row):
                    row.extend([None] * (k + 1 - len(row)))
                row[k] = c["value"]
                if c["data_type"] == "f":
                    rumus.add((idx - 1, k))
            sel.append(row)
        gabungan = [range_boundaries(m.ref) for m in getattr(parser.merged_cells, "mergeCell", ())]
    lebar = max((len(r) for r in sel), default=0)
    for r in sel:
        r.extend([None] * (lebar - len(r)))
    return IsiSheet(sel, rumus, gabungan)
