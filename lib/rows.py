"""Row sources: a table as typed data, formatted only where it is shown.

Pure module (no Django, no app import). A row source is a function that returns
a :class:`Table`: its title, its columns (header text, the type of the values,
alignment, width) and its rows of *typed* values (``Decimal``, ``int``,
``datetime.date``, ``str``; ``None`` for a missing value). pretix's exporters
are the model: the function knows the data, not the output. A renderer turns
the same table into an HTML table of the document (``laporan.dokumen.tables``,
with the Indonesian number and date formats) or, next, into an xlsx sheet.

Only what the LKjIP document needs is modelled: multi-row headers with spans
(:attr:`Table.header`), cells that span columns or rows (:class:`Cell`), total
and group rows (:attr:`Row.kind`) and a tree depth (:attr:`Row.level`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from lib.decimals import jumlah_desimal
from lib.format import (
    BATAS_PERSEN,
    format_angka,
    format_angka_alami,
    format_persen_putusan,
    format_rupiah,
    format_tanggal,
    format_ukuran,
    format_waktu,
)

__all__ = [
    "Align",
    "Cell",
    "Column",
    "Heading",
    "Kind",
    "Part",
    "Row",
    "Table",
    "cell_align",
    "cell_kind",
    "format_cell",
    "format_value",
    "place_cells",
]


class Kind(StrEnum):
    """The type of the values of a column (what a renderer formats them as)."""

    TEKS = "teks"  # str, printed as it is
    NOMOR = "nomor"  # the row number 1, 2, 3, …
    ANGKA = "angka"  # a number: `decimals` fixed, or the decimals it needs (at most two)
    PERSEN = (
        "persen"  # a percentage (Decimal 87.5 → "87,50%"; 99.997 → "99,997%", never onto 0/100)
    )
    RUPIAH = "rupiah"  # an amount in rupiah, printed without the "Rp" the header carries
    TANGGAL = "tanggal"  # a datetime.date
    WAKTU = "waktu"  # a datetime in local time ("14 April 2025 pukul 10.32")
    PREDIKAT = "predikat"  # the predicate of a capaian ("Sangat Baik"), text
    UKURAN = "ukuran"  # a file size in bytes


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


DEFAULT_ALIGN = {
    Kind.TEKS: Align.LEFT,
    Kind.NOMOR: Align.CENTER,
    Kind.ANGKA: Align.RIGHT,
    Kind.PERSEN: Align.RIGHT,
    Kind.RUPIAH: Align.RIGHT,
    Kind.TANGGAL: Align.LEFT,
    Kind.WAKTU: Align.LEFT,
    Kind.PREDIKAT: Align.CENTER,
    Kind.UKURAN: Align.RIGHT,
}


@dataclass(frozen=True)
class Column:
    """One column: header text, value type, alignment (from the type unless given),
    width in percent of the table, and how its values are emphasised."""

    header: str
    kind: Kind = Kind.TEKS
    width: int | None = None
    align: Align | None = None
    decimals: int | None = None  # ANGKA: fixed decimals; None: the decimals the value needs
    bold: bool = False
    multiline: bool = False  # the value holds line breaks to keep
    formula: bool = False  # the value is a formula / rule, printed small
    indent: bool = False  # indent by the row's level (a tree of codes)
    max_decimals: int | None = 2  # ANGKA without `decimals`: at most these (None: all it has)
    symbol: bool = False  # RUPIAH: print "Rp" (a screen whose header does not carry it)
    row_header: bool = False  # the column names its row (a screen's <th scope="row">)
    css: str = ""  # the screen's extra classes of the column's cells ("kode", "uraian")
    title: str = ""  # a screen's tooltip of the header (the name of an abbreviated header)
    # PERSEN: boundaries a verdict is decided at (a predicate scale), besides 0 and 100;
    # a value is printed with the decimals that keep it on its side of each
    # (lib.format.format_persen_putusan).
    batas: tuple = ()

    @property
    def alignment(self) -> Align:
        return self.align or DEFAULT_ALIGN[self.kind]


@dataclass(frozen=True)
class Part:
    """A piece of a screen cell drawn in several parts (a label and a small line, two
    links): its text, as a link (``url``), an element (``tag``: "span", "small") with a
    class, or plain text; ``parts`` follow the text inside the element."""

    text: str
    tag: str = ""
    css: str = ""
    url: str | None = None
    parts: tuple[Part, ...] = ()
    title: str = ""  # a tooltip of the element (the whole value of an abbreviated text)


@dataclass(frozen=True)
class Cell:
    """A value with what differs from its column: a label printed instead of the number
    ("WTP", "Baik"), a span, or another type/alignment (the "Jumlah" of a total row)."""

    value: Any
    label: str | None = None
    colspan: int = 1
    rowspan: int = 1
    kind: Kind | None = None
    align: Align | None = None
    bold: bool | None = None
    formula: bool | None = None
    # What only a screen shows (an xlsx or the document ignores them):
    url: str | None = None  # the value links there
    note: str | None = None  # a small line under the value
    note_css: str = ""  # the class of that line ("sumber", "peringatan")
    badge: str | None = None  # a badge after the value ("IKU")
    color: str | None = None  # PREDIKAT: the predicate's colour (a coloured label)
    css: str = ""  # extra classes of the cell
    row_header: bool | None = None  # names its row (<th scope="row">), unlike its column
    time: str | None = None  # the value is a moment: its ISO form (a <time datetime>)
    title: str | None = None  # a tooltip: of the link, else of the text
    text_css: str = ""  # the class of the text itself ("aksi": a label, not the cell)
    changes: tuple[tuple[str, str, str], ...] = ()  # (what, old, new): shown instead of the text
    detail: str | None = None  # a line after the changes
    detail_css: str = ""  # the class of that line ("lain")
    parts: tuple[Part, ...] = ()  # the screen draws these instead of the text
    scope: str = ""  # a row header's scope when not the one its span gives ("rowgroup")
    cell_title: str = ""  # a tooltip of the whole cell (the full code of a shortened one)


@dataclass(frozen=True)
class Heading:
    """A header cell of a multi-row header."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    title: str = ""
    css: str = ""  # a screen's classes of a heading of a multi-row header ("angka")


@dataclass
class Row:
    """A row of values (plain values or :class:`Cell`); ``kind`` "" for a data row,
    "total" for a total, or a group name ("program", "kegiatan", …); ``level`` the
    depth in a tree of codes (for indented columns)."""

    values: list[Any]
    kind: str = ""
    level: int = 0
    css: str = ""  # a screen's extra classes of the row ("melebihi")
    group: str | None = None  # a screen's row group: consecutive rows of a group, one <tbody>


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    header: list[list[Heading]] | None = None  # None: one row of the columns' headers
    number_columns: bool = False  # a row "(1) (2) …" under the header
    note: str = ""
    small: bool = False  # a dense table, printed in a smaller type
    # The document's page: True landscape, False portrait, None as its columns need
    # (laporan.dokumen.tables.tata_letak).
    landscape: bool | None = None
    footer: list[Row] = field(default_factory=list)  # a screen's totals under the body
    css: str = ""  # a screen's classes of the table ("data dasbor")
    empty: str = ""  # a screen's text when there are no rows
    empty_css: str = ""  # the class of that text's cell

    def header_rows(self) -> list[list[Heading]]:
        if self.header is not None:
            return self.header
        return [[Heading(c.header, title=c.title) for c in self.columns]]


def place_cells(
    table: Table, rows: list[Row] | None = None, *, plain: bool = False
) -> Iterator[tuple[Row, list[tuple[Cell, Column]] | None]]:
    """Each row (of ``rows``, else of the body) with its cells, each cell with the
    column it starts in.

    Cells spanning rows above take their columns: the next value of a row goes to the
    first column not covered by them (the HTML table model). With ``plain``, a row of
    plain values (no :class:`Cell`) under no span comes with None instead: its values
    are in its columns' order, and a renderer may skip making a cell per value."""
    covered: dict[int, int] = {}  # column index → rows still covered by a rowspan
    n_columns = len(table.columns)
    for row in table.rows if rows is None else rows:
        if (
            plain
            and not covered
            and len(row.values) <= n_columns
            and not any(isinstance(v, Cell) for v in row.values)
        ):
            yield row, None
            continue
        placed = []
        col = 0
        for value in row.values:
            while covered.get(col, 0) > 0:
                col += 1
            cell = value if isinstance(value, Cell) else _sel_polos(value)
            placed.append((cell, table.columns[col]))
            if cell.rowspan > 1:
                for c in range(col, col + cell.colspan):
                    covered[c] = cell.rowspan
            col += cell.colspan
        for c in list(covered):
            covered[c] -= 1
            if covered[c] <= 0:
                del covered[c]
        yield row, placed


# A plain value's cell: the defaults copied into a new instance, without the frozen
# dataclass's field-by-field __init__ (some thirty fields, for every cell rendered).
_POLOS = Cell(None)


def _sel_polos(value: Any) -> Cell:
    """``Cell(value)``, made faster."""
    cell = object.__new__(Cell)
    vars(cell).update(vars(_POLOS))
    vars(cell)["value"] = value
    return cell


def format_value(value: Any, kind: Kind, column: Column, label: str | None = None) -> str:
    """A value as LKjIP prints it (screen, document, PDF): its label, "-" when missing,
    text as it is, numbers, amounts, percentages and dates in the Indonesian formats."""
    if label:
        return label
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if kind == Kind.ANGKA:
        return _format_angka(value, column)
    if kind == Kind.PERSEN:
        return format_persen_putusan(value, (*BATAS_PERSEN, *column.batas))
    if kind == Kind.RUPIAH:
        return format_rupiah(value) if column.symbol else format_angka(value, 0)
    if kind == Kind.TANGGAL:
        return format_tanggal(value)
    if kind == Kind.WAKTU:
        return format_waktu(value)
    if kind == Kind.UKURAN:
        return format_ukuran(value)
    return str(value)


def _format_angka(value: Any, column: Column) -> str:
    if column.decimals is not None:
        return format_angka(value, column.decimals)
    d = Decimal(value)
    if column.max_decimals is not None and jumlah_desimal(d.normalize()) > column.max_decimals:
        return format_angka(d, column.max_decimals)
    return format_angka_alami(d)


def cell_kind(cell: Cell, column: Column) -> Kind:
    return cell.kind or column.kind


def cell_align(cell: Cell, column: Column) -> Align:
    """The alignment of a cell: its own, else its own type's, else its column's."""
    if cell.kind is not None:
        return cell.align or DEFAULT_ALIGN[cell.kind]
    return cell.align or column.alignment


def format_cell(cell: Cell, column: Column) -> str:
    """The text of a placed cell (see :func:`place_cells`)."""
    return format_value(cell.value, cell_kind(cell, column), column, cell.label)
