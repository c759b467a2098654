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

Written with openpyxl's write-only workbook: a sheet's cells are collected first (its
column widths precede the rows in the file, and a merged span reaches into later
rows), each as the XML openpyxl writes for such a cell (:func:`_xml_sel`), then handed
to openpyxl's writer in one piece; styles are openpyxl's, one per combination.
"""

from __future__ import annotations

import datetime
import io
import re
import weakref
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import NUMERIC_TYPES, safe_string
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.functions import fromstring

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
    wb = Workbook(write_only=True)
    wb.properties.creator = "LKjIP"
    if tabel:
        wb.properties.title = tabel[0].title
    for i, t in enumerate(tabel):
        ws = wb.create_sheet(nama_sheet(nama[i] if nama else t.title, wb.sheetnames))
        tulis_sheet(ws, t, kepala=kepala)
    if not tabel:
        _Lembar(wb.create_sheet("Kosong")).tutup()
    for judul, baris in tersembunyi:
        ws = wb.create_sheet(judul)
        lembar = _Lembar(ws)
        for i, teks in enumerate(baris, start=1):
            lembar.isi(i, 1, teks)
        ws.sheet_state = "veryHidden"
        lembar.tutup()
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def tulis_sheet(ws: WriteOnlyWorksheet, table: Table, *, kepala: Sequence[str] = ()) -> None:
    """Write ``table`` into the empty sheet ``ws`` of a write-only workbook
    (``Workbook(write_only=True)``); nothing more can be written into it."""
    lembar = _Lembar(ws)
    lebar: dict[int, int] = {}
    baris = 1
    lembar.isi(1, 1, table.title, ("judul",), _gaya_judul)
    for teks in kepala:
        baris += 1
        lembar.isi(baris, 1, teks)
    baris += 2
    awal_kepala = baris
    baris = _tulis_kepala(lembar, table, baris, lebar)
    lembar.sentuh(baris, 1)
    ws.freeze_panes = f"A{baris}"
    ws.print_title_rows = f"{awal_kepala}:{baris - 1}"
    indeks = {id(col): i + 1 for i, col in enumerate(table.columns)}
    panjang: dict = {}
    polos = [_KolomPolos(i + 1, col) for i, col in enumerate(table.columns)]
    for row, placed in place_cells(table, table.rows + table.footer, plain=True):
        if placed is None:
            _tulis_baris_polos(lembar, row, polos, baris, lebar, panjang)
        else:
            _tulis_baris(lembar, row, placed, baris, lebar, indeks, panjang)
        baris += 1
    if not table.rows and table.empty:
        lembar.isi(baris, 1, table.empty)
        baris += 1
    if table.note:
        lembar.isi(baris + 1, 1, table.note, ("catatan",), _gaya_catatan)
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
    lembar.tutup()


def _kepala_halaman(baris: Sequence[str]) -> str:
    # "&" starts a code in a page header; doubled it is printed.
    return "\n".join(b.replace("&", "&&") for b in baris if b)


def _gaya_judul(c, _kunci: tuple) -> None:
    c.font = Font(bold=True, size=12)


def _gaya_catatan(c, _kunci: tuple) -> None:
    c.alignment = Alignment(wrap_text=False)


def _gaya_judul_kolom(c, _kunci: tuple) -> None:
    c.font, c.fill, c.border = _TEBAL, _KEPALA_ISI, _BINGKAI
    c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _gaya_bingkai(c, _kunci: tuple) -> None:
    c.border = _BINGKAI


def _gaya_nomor_kolom(c, _kunci: tuple) -> None:
    c.border, c.alignment = _BINGKAI, Alignment(horizontal="center")


def _tulis_kepala(lembar: _Lembar, table: Table, baris: int, lebar: dict[int, int]) -> int:
    covered: dict[int, int] = {}
    for heads in table.header_rows():
        kolom = 1
        for h in heads:
            while covered.get(kolom, 0) > 0:
                kolom += 1
            lembar.isi(baris, kolom, h.text, ("kepala",), _gaya_judul_kolom)
            if h.colspan > 1 or h.rowspan > 1:
                # Every cell of a merged heading is framed, not only its edges.
                lembar.gabung(baris, kolom, h.rowspan, h.colspan, ("bingkai",), _gaya_bingkai)
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
            lembar.isi(baris, i + 1, f"({i + 1})", ("nomor kolom",), _gaya_nomor_kolom)
        baris += 1
    return baris


class _KolomPolos:
    """What a column gives every plain value in it: its place, type, alignment, bold."""

    __slots__ = ("kolom", "column", "kind", "align", "bold", "indent", "multiline")

    def __init__(self, kolom: int, column: Column):
        self.kolom, self.column, self.kind = kolom, column, column.kind
        self.align = _ALIGN[column.alignment]
        self.bold, self.indent, self.multiline = column.bold, column.indent, column.multiline


def _tulis_baris_polos(
    lembar: _Lembar,
    row: Row,
    kolom: list[_KolomPolos],
    baris: int,
    lebar: dict[int, int],
    panjang: dict,
) -> None:
    """:func:`_tulis_baris` of a row of plain values (what :class:`Cell` defaults give)."""
    total = row.kind == "total"
    kelompok = bool(row.kind) and not total
    for value, k in zip(row.values, kolom, strict=False):
        nilai, fmt = nilai_xlsx(value, k.kind, k.column)
        indent = row.level if k.indent else 0
        gaya = (
            fmt,
            bool(k.bold or total or (kelompok and k.indent)),
            k.align,
            bool(k.multiline or (isinstance(nilai, str) and len(nilai) > _LEBAR_MAKS)),
            indent,
        )
        lembar.isi(baris, k.kolom, nilai, gaya, _gaya_isi)
        n = _panjang_polos(value, k, panjang) + 2 * indent
        if n > lebar.get(k.kolom, 0):
            lebar[k.kolom] = n


def _panjang_polos(value, k: _KolomPolos, panjang: dict) -> int:
    if value is None:
        return 1
    if isinstance(value, str):
        return max(map(len, value.splitlines()), default=0)
    if k.kind in _KIND_ANGKA:
        kunci = (k.kind, id(k.column), type(value), value)
        n = panjang.get(kunci)
        if n is None:
            n = panjang[kunci] = len(format_value(value, k.kind, k.column))
        return n
    return max(map(len, format_value(value, k.kind, k.column).splitlines()), default=0)


def _tulis_baris(
    lembar: _Lembar,
    row: Row,
    placed: list[tuple[Cell, Column]],
    baris: int,
    lebar: dict[int, int],
    indeks: dict[int, int],
    panjang: dict,
) -> None:
    total = row.kind == "total"
    kelompok = bool(row.kind) and not total
    for cell, column in placed:
        kolom = indeks[id(column)]
        kind = cell_kind(cell, column)
        nilai, fmt = nilai_xlsx(cell.value, kind, column, cell.label)
        tebal = cell.bold if cell.bold is not None else column.bold or total
        tebal = bool(tebal or (kelompok and column.indent))
        indent = row.level if column.indent else 0
        gaya = (
            fmt,
            tebal,
            _ALIGN[cell_align(cell, column)],
            bool(column.multiline or (isinstance(nilai, str) and len(nilai) > _LEBAR_MAKS)),
            indent,
        )
        lembar.isi(baris, kolom, nilai, gaya, _gaya_isi)
        if cell.colspan > 1 or cell.rowspan > 1:
            # The edges of a merged cell framed as openpyxl's merge frames them.
            lembar.gabung(baris, kolom, cell.rowspan, cell.colspan)
        if cell.colspan == 1:
            n = _panjang_teks(cell, kind, column, panjang) + 2 * indent
            if n > lebar.get(kolom, 0):
                lebar[kolom] = n


# Numbers printed alike for equal values (the width of their text is remembered).
_KIND_ANGKA = frozenset({Kind.ANGKA, Kind.PERSEN, Kind.RUPIAH})


def _panjang_teks(cell: Cell, kind: Kind, column: Column, panjang: dict) -> int:
    """The length of the longest line of the cell's printed text (``format_value``)."""
    if cell.label:
        teks = cell.label
    elif cell.value is None:
        teks = "-"
    elif isinstance(cell.value, str):
        teks = cell.value
    elif kind in _KIND_ANGKA:
        kunci = (kind, id(column), type(cell.value), cell.value)
        n = panjang.get(kunci)
        if n is None:
            n = panjang[kunci] = len(format_value(cell.value, kind, column))
        return n
    else:
        teks = format_value(cell.value, kind, column)
    return max(map(len, teks.splitlines()), default=0)


def _gaya_isi(c, gaya: tuple) -> None:
    """A body cell's style: number format, bold, alignment (horizontal, wrap, indent),
    border."""
    fmt, tebal, horizontal, wrap, indent = gaya
    if fmt:
        c.number_format = fmt
    if tebal:
        c.font = _TEBAL
    c.border = _BINGKAI
    c.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=wrap, indent=indent)


def _lebar(lebar: dict[int, int], kolom: int, n: int) -> None:
    lebar[kolom] = max(lebar.get(kolom, 0), n)


# Per workbook: a cell style (a key naming what is set on the cell, and whether the
# text has Excel's quote prefix) → the ` s="…"` attribute of its cells ("" unstyled).
_GAYA: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Lembar:
    """The cells of a sheet of a write-only workbook, each kept as the XML openpyxl
    writes for it, until :meth:`tutup` hands them to the sheet's writer."""

    def __init__(self, ws: WriteOnlyWorksheet):
        self.ws = ws
        self.gaya = _GAYA.setdefault(ws.parent, {})
        self.baris: dict[int, dict[int, str]] = {}
        self.maks_baris = self.maks_kolom = 1
        self.huruf = ["", "A"]
        self.epoch = ws.parent.epoch

    def sentuh(self, r: int, k: int) -> None:
        """Count (r, k) in the sheet's size though it holds nothing (as openpyxl counts,
        and writes the row of, a cell it was asked for)."""
        self.maks_baris = max(self.maks_baris, r)
        self.maks_kolom = max(self.maks_kolom, k)
        self.baris.setdefault(r, {})

    def _ref(self, r: int, k: int) -> str:
        while len(self.huruf) <= k:
            self.huruf.append(get_column_letter(len(self.huruf)))
        return f"{self.huruf[k]}{r}"

    def _id_gaya(self, kunci, atur, kutip: bool) -> str:
        s = self.gaya.get((kunci, kutip))
        if s is None:
            c = WriteOnlyCell(self.ws)
            if atur is not None:
                atur(c, kunci)
            if kutip:
                c.quotePrefix = True
            s = f' s="{c.style_id}"' if c.has_style else ""
            self.gaya[(kunci, kutip)] = s
        return s

    def isi(self, r: int, k: int, nilai, kunci: tuple = (), atur=None) -> None:
        """Put ``nilai`` in (r, k) with the style ``atur`` sets (``kunci`` names it);
        text stays text even when it looks like a formula (Excel's quote prefix)."""
        kutip = isinstance(nilai, str) and nilai.startswith(_AWAL_RUMUS)
        s = self._id_gaya(kunci, atur, kutip) if (kunci or kutip) else ""
        if r > self.maks_baris:
            self.maks_baris = r
        if k > self.maks_kolom:
            self.maks_kolom = k
        xml = _xml_sel(self._ref(r, k), s, nilai, self.epoch)
        sel = self.baris.setdefault(r, {})  # openpyxl writes the row even if empty
        if xml:
            sel[k] = xml

    def gabung(self, r: int, k: int, rowspan: int, colspan: int, kunci=None, atur=None) -> None:
        """Merge the span whose top left cell (r, k) is written. Its other cells: framed
        with ``atur`` when given, else framed on the span's edges as openpyxl's
        ``merge_cells`` frames them after a framed top left cell."""
        r2, k2 = r + rowspan - 1, k + colspan - 1
        self.ws.merged_cells.add(CellRange(min_col=k, min_row=r, max_col=k2, max_row=r2))
        for rr in range(r, r2 + 1):
            for kk in range(k, k2 + 1):
                if rr == r and kk == k:
                    continue
                if kunci is None:
                    tepi = ("tepi", rr == r, kk == k, kk == k2, rr == r2)
                    self.isi(rr, kk, None, tepi, _gaya_tepi)
                else:
                    self.isi(rr, kk, None, kunci, atur)

    def tutup(self) -> None:
        """Hand the rows to the sheet's writer: what precedes the rows in the file (the
        column widths, the frozen panes, the page properties) must be set by now."""
        teks = "".join(
            f'<row r="{r}">{"".join(sel[k] for k in sorted(sel))}</row>'
            if sel
            else f'<row r="{r}"/>'
            for r, sel in sorted(self.baris.items())
        )
        ukuran = f"A1:{self._ref(self.maks_baris, self.maks_kolom)}"
        penulis = _Penulis(self.ws, f"<sheetData>{teks}</sheetData>", ukuran)
        self.ws._writer = penulis
        penulis.write_top()


def _gaya_tepi(c, kunci: tuple) -> None:
    _, atas, kiri, kanan, bawah = kunci
    # openpyxl's MergedCellRange.format: each edge's side added in this order.
    for nama, ya in (("top", atas), ("left", kiri), ("right", kanan), ("bottom", bawah)):
        if ya:
            c.border += Border(**{nama: _GARIS})


class _Penulis(WorksheetWriter):
    """openpyxl's writer of a write-only sheet, its rows given as finished XML and its
    size (openpyxl does not know it for such a sheet)."""

    def __init__(self, ws: WriteOnlyWorksheet, sheet_data: str, ukuran: str):
        super().__init__(ws)
        self._sheet_data = sheet_data
        self._ukuran = ukuran

    def write_dimensions(self):
        self.xf.send(SheetDimension(self._ukuran).to_tree())

    def write_rows(self):
        # An empty element stands in for the rows, which :meth:`close` puts in as
        # they are: parsing them into elements only to write them again is slower.
        xf = self.xf.send(True)
        xf.write(fromstring(_SHEET_DATA_KOSONG))
        self.xf.send(None)

    def close(self):
        if not self.xf:
            return
        super().close()
        self.xf = None
        with open(self.out, "rb") as f:
            xml = f.read()
        awal = xml.index(_SHEET_DATA_KOSONG.encode())
        with open(self.out, "wb") as f:
            f.write(xml[:awal])
            f.write(self._sheet_data.encode())
            f.write(xml[awal + len(_SHEET_DATA_KOSONG) :])


_SHEET_DATA_KOSONG = "<sheetData/>"


def _teks_xml(teks: str) -> str:
    if "&" in teks:
        teks = teks.replace("&", "&amp;")
    if "<" in teks:
        teks = teks.replace("<", "&lt;")
    if ">" in teks:
        teks = teks.replace(">", "&gt;")
    if "\r" in teks:
        teks = teks.replace("\r", "&#13;")
    return teks


def _xml_sel(ref: str, s: str, nilai, epoch) -> str:
    """The XML openpyxl writes for a cell holding ``nilai`` (its checks, its types:
    text inline, numbers as 16 significant digits, dates as serial numbers); "" for an
    empty unstyled cell, which is not written."""
    if isinstance(nilai, str):
        nilai = nilai[:32767]
        if ILLEGAL_CHARACTERS_RE.search(nilai):
            raise IllegalCharacterError(f"{nilai} cannot be used in worksheets.")
        if not nilai:
            return f'<c r="{ref}"{s} t="inlineStr"/>'
        ruang = ' xml:space="preserve"' if nilai != nilai.strip() else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{ruang}>{_teks_xml(nilai)}</t></is></c>'
    if nilai is None:
        return f'<c r="{ref}"{s} t="n"/>' if s else ""
    if isinstance(nilai, bool):
        return f'<c r="{ref}"{s} t="b"><v>{safe_string(nilai)}</v></c>'
    if isinstance(nilai, NUMERIC_TYPES):
        return f'<c r="{ref}"{s} t="n"><v>{safe_string(nilai)}</v></c>'
    if isinstance(nilai, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        if getattr(nilai, "tzinfo", None) is not None:
            raise TypeError(
                "Excel does not support timezones in datetimes. "
                "The tzinfo in the datetime/time object must be set to None."
            )
        return f'<c r="{ref}"{s} t="n"><v>{safe_string(to_excel(nilai, epoch))}</v></c>'
    raise ValueError(f"Cannot convert {nilai!r} to Excel")


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
