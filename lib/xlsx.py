"""A row source (:class:`lib.rows.Table`) as an xlsx sheet: the third renderer of the
same table, beside the screen's HTML and the document's.

Pure module (openpyxl, no Django, no app import). Values keep their type: numbers,
amounts and percentages are numeric cells with a display format, dates are dates;
only a label printed instead of a value ("WTP", "Baik") is text, and a missing value
is an empty cell. Number formats are written as the file format spells them ("#,##0.00"); Excel
shows them with the reader's separators, so an Indonesian Excel shows "1.234,56".
Text that a spreadsheet would take for a formula ("=…", "+…", "-…", "@…") is stored
as text with Excel's quote prefix, never as a formula.

Above the table: its title and the caller's heading lines (the perangkat daerah, the
year, the time of printing), which also go to the printed page's header. The header
rows (spans merged) stay frozen while scrolling; columns are as wide as their text.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import weakref
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lib.decimals import jumlah_desimal
from lib.format import BATAS_PERSEN, MAKS_DESIMAL_PUTUSAN, desimal_putusan
from lib.rows import (
    Align,
    Cell,
    Column,
    Kind,
    Row,
    Table,
    cell_align,
    cell_kind,
    format_value,
    place_cells,
)

__all__ = ["buku_xlsx", "nama_sheet", "tulis_sheet"]

_GARIS = Side(style="thin", color="808080")
_BINGKAI = Border(left=_GARIS, right=_GARIS, top=_GARIS, bottom=_GARIS)
_KEPALA_ISI = PatternFill("solid", fgColor="E8EEF4")
_TEBAL = Font(bold=True)
# Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection").
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")
_LEBAR_MIN, _LEBAR_MAKS = 6, 60
_NAMA_SHEET_TERLARANG = re.compile(r"[\[\]:*?/\\]")
_ALIGN = {Align.LEFT: "left", Align.RIGHT: "right", Align.CENTER: "center"}


def nama_sheet(judul: str, dipakai: Iterable[str] = ()) -> str:
    """A sheet name Excel accepts (31 characters, none of ``[]:*?/\\``), unique among
    ``dipakai`` (case-insensitive, as Excel compares them)."""
    dasar = _NAMA_SHEET_TERLARANG.sub(" ", judul).strip().strip("'") or "Sheet"
    dasar = re.sub(r"\s+", " ", dasar)[:31].rstrip()
    sudah = {x.lower() for x in dipakai}
    nama, n = dasar, 2
    while nama.lower() in sudah:
        akhiran = f" ({n})"
        nama = dasar[: 31 - len(akhiran)].rstrip() + akhiran
        n += 1
    return nama


def buku_xlsx(
    tabel: Sequence[Table],
    *,
    kepala: Sequence[str] = (),
    nama: Sequence[str] | None = None,
    tersembunyi: Sequence[tuple[str, Sequence[str]]] = (),
) -> bytes:
    """A workbook of one sheet per table (named ``nama`` or the tables' titles), and
    ``tersembunyi`` sheets (name, lines) hidden from the reader (``veryHidden``: not
    even listed by Excel's "Unhide"), one text cell per line in column A."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "LKjIP"
    if tabel:
        wb.properties.title = tabel[0].title
    for i, t in enumerate(tabel):
        ws = wb.create_sheet(nama_sheet(nama[i] if nama else t.title, wb.sheetnames))
        tulis_sheet(ws, t, kepala=kepala)
    if not tabel:
        wb.create_sheet("Kosong")
    for judul, baris in tersembunyi:
        ws = wb.create_sheet(judul)
        for i, teks in enumerate(baris, start=1):
            _isi(ws.cell(i, 1), teks)
        ws.sheet_state = "veryHidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def tulis_sheet(ws: Worksheet, table: Table, *, kepala: Sequence[str] = ()) -> None:
    """Write ``table`` into the empty sheet ``ws``."""
    lebar: dict[int, int] = {}
    baris = 1
    _isi(ws.cell(baris, 1), table.title).font = Font(bold=True, size=12)
    for teks in kepala:
        baris += 1
        _isi(ws.cell(baris, 1), teks)
    baris += 2
    awal_kepala = baris
    baris = _tulis_kepala(ws, table, baris, lebar)
    ws.freeze_panes = ws.cell(baris, 1)
    ws.print_title_rows = f"{awal_kepala}:{baris - 1}"
    indeks = {id(col): i + 1 for i, col in enumerate(table.columns)}
    for row, placed in place_cells(table, table.rows + table.footer):
        _tulis_baris(ws, row, placed, baris, lebar, indeks)
        baris += 1
    if not table.rows and table.empty:
        _isi(ws.cell(baris, 1), table.empty)
        baris += 1
    if table.note:
        _isi(ws.cell(baris + 1, 1), table.note).alignment = Alignment(wrap_text=False)
    for kolom, n in lebar.items():
        ws.column_dimensions[get_column_letter(kolom)].width = max(
            _LEBAR_MIN, min(_LEBAR_MAKS, n + 2)
        )
    ws.oddHeader.center.text = _kepala_halaman([table.title, *kepala])
    ws.oddFooter.right.text = "Halaman &P dari &N"
    ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _kepala_halaman(baris: Sequence[str]) -> str:
    # "&" starts a code in a page header; doubled it is printed.
    return "\n".join(b.replace("&", "&&") for b in baris if b)


def _tulis_kepala(ws: Worksheet, table: Table, baris: int, lebar: dict[int, int]) -> int:
    covered: dict[int, int] = {}
    for heads in table.header_rows():
        kolom = 1
        for h in heads:
            while covered.get(kolom, 0) > 0:
                kolom += 1
            c = _isi(ws.cell(baris, kolom), h.text)
            c.font, c.fill, c.border = _TEBAL, _KEPALA_ISI, _BINGKAI
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if h.colspan > 1 or h.rowspan > 1:
                ws.merge_cells(
                    start_row=baris,
                    start_column=kolom,
                    end_row=baris + h.rowspan - 1,
                    end_column=kolom + h.colspan - 1,
                )
                for r in range(baris, baris + h.rowspan):
                    for k in range(kolom, kolom + h.colspan):
                        ws.cell(r, k).border = _BINGKAI
            if h.colspan == 1:
                # A long header wraps: it asks for the width of its longest word only.
                _lebar(lebar, kolom, max((len(w) for w in h.text.split()), default=0))
            if h.rowspan > 1:
                for k in range(kolom, kolom + h.colspan):
                    covered[k] = h.rowspan
            kolom += h.colspan
        for k in list(covered):
            covered[k] -= 1
        baris += 1
    if table.number_columns:
        for i in range(len(table.columns)):
            c = ws.cell(baris, i + 1, f"({i + 1})")
            c.border, c.alignment = _BINGKAI, Alignment(horizontal="center")
        baris += 1
    return baris


def _tulis_baris(
    ws: Worksheet,
    row: Row,
    placed: list[tuple[Cell, Column]],
    baris: int,
    lebar: dict[int, int],
    indeks: dict[int, int],
) -> None:
    for cell, column in placed:
        kolom = indeks[id(column)]
        c = ws.cell(baris, kolom)
        kind = cell_kind(cell, column)
        nilai, fmt = nilai_xlsx(cell.value, kind, column, cell.label)
        _isi(c, nilai)
        tebal = cell.bold if cell.bold is not None else column.bold or row.kind == "total"
        tebal = bool(tebal or (row.kind and row.kind != "total" and column.indent))
        gaya = (
            fmt,
            tebal,
            _ALIGN[cell_align(cell, column)],
            bool(column.multiline or (isinstance(nilai, str) and len(nilai) > _LEBAR_MAKS)),
            row.level if column.indent else 0,
            c.quotePrefix,
        )
        _gaya(c, gaya)
        if cell.colspan > 1 or cell.rowspan > 1:
            ws.merge_cells(
                start_row=baris,
                start_column=kolom,
                end_row=baris + cell.rowspan - 1,
                end_column=kolom + cell.colspan - 1,
            )
        if cell.colspan == 1:
            teks = format_value(cell.value, kind, column, cell.label)
            panjang = max((len(x) for x in teks.splitlines()), default=0)
            _lebar(lebar, kolom, panjang + (2 * row.level if column.indent else 0))


# Per workbook: a body cell's style combination → the style indices openpyxl gave it.
_GAYA: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _gaya(c, gaya: tuple) -> None:
    """Style a body cell: number format, bold, alignment (horizontal, wrap, indent), border.
    Setting a style object makes openpyxl look it up among the workbook's styles by its
    hash (costly); a combination met before in the workbook is copied from there."""
    simpanan = _GAYA.setdefault(c.parent.parent, {})
    ada = simpanan.get(gaya)
    if ada is not None:
        c._style = copy.copy(ada)
        return
    fmt, tebal, horizontal, wrap, indent, _kutip = gaya
    if fmt:
        c.number_format = fmt
    if tebal:
        c.font = _TEBAL
    c.border = _BINGKAI
    c.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=wrap, indent=indent)
    simpanan[gaya] = copy.copy(c._style)


def _lebar(lebar: dict[int, int], kolom: int, n: int) -> None:
    lebar[kolom] = max(lebar.get(kolom, 0), n)


def _isi(c, nilai):
    """Put ``nilai`` in the cell ``c``; text stays text even when it looks like a formula."""
    c.value = nilai
    if isinstance(nilai, str):
        c.data_type = "s"
        if nilai.startswith(_AWAL_RUMUS):
            c.quotePrefix = True
    return c


def _pola_angka(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal > 0 else "")


def nilai_xlsx(value: Any, kind: Kind, column: Column, label: str | None = None):
    """The value a cell holds and its number format (None: text or general).

    Percentages are stored as fractions (87,5% → 0.875) with a percent format, so that
    a formula over them works; they show the decimals the document prints (more near a
    predicate boundary). Amounts show "Rp"; dates are dates with Indonesian month names."""
    if label:
        return label, None
    if value is None:
        # An empty cell, not the document's "-": a sum or a filter over the column works.
        return None, None
    if isinstance(value, str):
        return value, None
    if kind == Kind.NOMOR and isinstance(value, int):
        return value, "0"
    if kind == Kind.ANGKA:
        d = Decimal(value)
        if column.decimals is not None:
            n = column.decimals
        else:
            n = jumlah_desimal(d.normalize())
            if column.max_decimals is not None:
                n = min(n, column.max_decimals)
        return d, _pola_angka(n)
    if kind == Kind.PERSEN:
        d = Decimal(value)
        n = desimal_putusan(d, (*BATAS_PERSEN, *column.batas))
        return d / 100, _pola_angka(MAKS_DESIMAL_PUTUSAN if n is None else n) + "%"
    if kind == Kind.RUPIAH:
        d = Decimal(value)
        pola = _pola_angka(0 if d == d.to_integral_value() else 2)
        return d, f'"Rp "{pola};"-Rp "{pola}'
    if kind == Kind.WAKTU and isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None), '[$-421]d mmmm yyyy "pukul" hh"."mm'
    if kind == Kind.TANGGAL and isinstance(value, datetime.date):
        return value, "[$-421]d mmmm yyyy"
    if kind == Kind.UKURAN and isinstance(value, int):
        return value, '#,##0 "bita"'
    if isinstance(value, bool):
        return ("Ya" if value else "Tidak"), None
    if isinstance(value, int | Decimal | float):
        return value, None
    return format_value(value, kind, column), None
