"""Opening an uploaded workbook, and the problems of one, for every importer.

Pure module (openpyxl, no Django, no app import). A problem names its place (sheet,
row, column) and its reason in Indonesian; :class:`BerkasDitolak` carries the problems
of a file that is not imported. :func:`buka_buku` refuses what is no workbook: too
large, a password-protected or old ``.xls`` file (an OLE container), not a zip, or a
zip openpyxl cannot read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook import Workbook

__all__ = ["BerkasDitolak", "Galat", "baris_sheet", "buka_buku", "rentang_gabungan"]

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
    iterating rows, the merged cells through :func:`rentang_gabungan`)."""
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


_GABUNG = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def rentang_gabungan(ws) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet as (min_col, min_row, max_col, max_row), 1-based; of a
    read-only sheet too (read from the sheet's XML, where they follow the cells)."""
    if hasattr(ws, "merged_cells"):
        return [r.bounds for r in ws.merged_cells.ranges]
    with ws._get_source() as src:
        xml = src.read()
    akhir = xml.rfind(b"sheetData>")
    return [range_boundaries(m.decode()) for m in _GABUNG.findall(xml, max(akhir, 0))]


def baris_sheet(ws) -> list[tuple]:
    """Every row of a sheet as cells, all of the same width (empty cells ``None``-valued);
    of a read-only sheet the stored size is not trusted (some writers leave it wrong)."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    rows = list(ws.iter_rows())
    lebar = max((len(r) for r in rows), default=0)
    return [r if len(r) == lebar else (*r, *([_KOSONG] * (lebar - len(r)))) for r in rows]


class _SelKosong:
    value = None
    data_type = "n"


_KOSONG = _SelKosong()
