"""The one path from a row source (:mod:`lib.rows`) to a table block of the document.

Every table of the document is a function returning a ``lib.rows.Table`` of typed
values; :func:`blok_tabel` formats each value by its column's type with
``lib.rows.format_cell`` (the formatting the screens share) and gives the :class:`Tabel` block
that templates/laporan/dokumen/tabel.html renders (HTML preview and PDF).
"""

from __future__ import annotations

from laporan.dokumen.blocks import Baris, Sel, Tabel, baris_nomor_kolom
from lib.rows import Align, Cell, Column, Row, Table, cell_align, format_cell, place_cells

# The stylesheet's classes (static/css/dokumen.css).
KELAS_RATA = {Align.LEFT: "", Align.RIGHT: "angka", Align.CENTER: "tengah"}


def _kelas(cell: Cell, column: Column, row: Row) -> str:
    kelas = [KELAS_RATA[cell_align(cell, column)]]
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
    return Sel(
        format_cell(cell, column),
        _kelas(cell, column, row),
        colspan=cell.colspan,
        rowspan=cell.rowspan,
    )


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
