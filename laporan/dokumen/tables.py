"""The one path from a row source (:mod:`lib.rows`) to a table block of the document.

Every table of the document is a function returning a ``lib.rows.Table`` of typed
values; :func:`blok_tabel` formats each value by its column's type with the
Indonesian formats of ``kinerja.engine.angka`` and gives the :class:`Tabel` block
that templates/laporan/dokumen/tabel.html renders (HTML preview and PDF).
"""

from __future__ import annotations

from typing import Any

from laporan.dokumen.blocks import Baris, Sel, Tabel, baris_nomor_kolom
from laporan.dokumen.formatting import tampil, ukuran_berkas
from lib.format import format_angka, format_persen, format_tanggal
from lib.rows import DEFAULT_ALIGN, Align, Cell, Column, Kind, Row, Table, place_cells

# The stylesheet's classes (static/css/dokumen.css).
KELAS_RATA = {Align.LEFT: "", Align.RIGHT: "angka", Align.CENTER: "tengah"}


def teks_nilai(value: Any, kind: Kind, column: Column, label: str | None = None) -> str:
    """A value as the document prints it: its label, "-" when missing, text as it is."""
    if label:
        return label
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if kind == Kind.ANGKA:
        return (
            format_angka(value, column.decimals) if column.decimals is not None else tampil(value)
        )
    if kind == Kind.PERSEN:
        return format_persen(value)
    if kind == Kind.RUPIAH:
        return format_angka(value, 0)
    if kind == Kind.TANGGAL:
        return format_tanggal(value)
    if kind == Kind.UKURAN:
        return ukuran_berkas(value)
    return str(value)


def _kelas(cell: Cell, column: Column, row: Row) -> str:
    if cell.kind is not None:
        align = cell.align or DEFAULT_ALIGN[cell.kind]
    else:
        align = cell.align or column.alignment
    kelas = [KELAS_RATA[align]]
    if column.indent:
        kelas.append(f"indent-{row.level}")
    if cell.bold if cell.bold is not None else column.bold:
        kelas.append("tebal")
    if column.multiline:
        kelas.append("baris")
    if cell.formula if cell.formula is not None else column.formula:
        kelas.append("rumus")
    return " ".join(k for k in kelas if k)


def _sel(cell: Cell, column: Column, row: Row) -> Sel:
    teks = teks_nilai(cell.value, cell.kind or column.kind, column, cell.label)
    return Sel(teks, _kelas(cell, column, row), colspan=cell.colspan, rowspan=cell.rowspan)


def blok_tabel(table: Table) -> Tabel:
    """The table block of a row source (not numbered yet: ``Context.tabel`` numbers it)."""
    kepala = [
        [Sel(h.text, colspan=h.colspan, rowspan=h.rowspan) for h in baris]
        for baris in table.header_rows()
    ]
    if table.number_columns:
        kepala.append(baris_nomor_kolom(len(table.columns)))
    baris = [
        Baris([_sel(cell, column, row) for cell, column in placed], row.kind)
        for row, placed in place_cells(table)
    ]
    return Tabel(
        judul=table.title,
        kepala=kepala,
        baris=baris,
        lebar=[c.width or 0 for c in table.columns],
        catatan=table.note,
        kelas="kecil" if table.small else "",
    )
