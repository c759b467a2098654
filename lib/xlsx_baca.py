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

from openpyxl import load_workbook
from openpyxl.workbook import Workbook

__all__ = ["BerkasDitolak", "Galat", "buka_buku"]

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


def buka_buku(data: bytes, ukuran_maks: int) -> Workbook:
    """The workbook of ``data`` (formulas kept as formulas, to be refused where values
    are expected); :class:`BerkasDitolak` for what is none."""
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
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception as e:  # openpyxl raises many kinds on a broken file
        raise BerkasDitolak([Galat("Buku kerja tidak dapat dibaca: berkas rusak.")]) from e
