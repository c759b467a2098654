"""``{% tabel table %}``: a row source (:mod:`lib.rows`) as an HTML table of a screen.

The screens' one renderer: each value is formatted by its column's type with
``lib.rows.format_cell`` (the formatting the document shares), aligned by the
screen's classes (``angka`` right, ``tengah`` centred), with ``th scope`` on
every header cell and the table's title as its accessible name. The escaping is
Django's autoescape: templates/_tabel.html's, and for the body rows (hundreds on the
budget and calculation pages, too many for a template each) ``BarisIsi.html``, which
writes each value as ``{{ value }}`` would.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from kinerja.unduh_tabel import catat_tabel, url_unduh
from lib.rows import (
    Align,
    Cell,
    Column,
    Heading,
    Kind,
    Part,
    Row,
    Table,
    cell_align,
    cell_kind,
    format_cell,
    place_cells,
)

register = template.Library()

# The screens' alignment classes (static/css/lkjip.css).
KELAS_RATA = {Align.LEFT: "", Align.RIGHT: "angka", Align.CENTER: "tengah"}
WARNA_PREDIKAT = "#777"  # a predicate without a colour of its own


@dataclass(frozen=True)
class SelKepala:
    text: str
    css: str
    scope: str
    colspan: int
    rowspan: int
    title: str


@dataclass(frozen=True)
class SelIsi:
    """One body cell, formatted: everything the template writes, nothing to compute."""

    tag: str  # "td", or "th" in a column that names its row
    scope: str
    text: str
    css: str
    colspan: int
    rowspan: int
    url: str | None
    note: str | None
    note_css: str
    badge: str | None
    color: str | None  # set: the text is a coloured predicate label
    indent: int | None  # set: the text is indented by this depth of a tree of codes
    time: str | None  # set: the text is a <time> of this ISO moment
    title: str | None
    text_css: str
    changes: tuple[tuple[str, str, str], ...]  # set: "old → new" lines instead of the text
    detail: str | None
    detail_css: str
    parts: tuple[Part, ...]  # set: drawn instead of the text
    cell_title: str


@dataclass(frozen=True)
class BarisIsi:
    css: str
    cells: list[SelIsi]

    @property
    def html(self) -> SafeString:
        """The row as ``<tr>`` (with a line break before and after it)."""
        out = ["\n<tr"]
        if self.css:
            out.append(f' class="{_v(self.css)}"')
        out.append(">")
        for c in self.cells:
            _sel_html(c, out)
        out.append("</tr>\n")
        return mark_safe("".join(out))


def _v(value) -> str:
    """``value`` as a template's ``{{ value }}`` writes it: localized, escaped."""
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _sel_html(c: SelIsi, out: list[str]) -> None:
    tag = _v(c.tag)
    out.append(f"<{tag}")
    if c.scope:
        out.append(f' scope="{_v(c.scope)}"')
    if c.css:
        out.append(f' class="{_v(c.css)}"')
    if c.colspan > 1:
        out.append(f' colspan="{_v(c.colspan)}"')
    if c.rowspan > 1:
        out.append(f' rowspan="{_v(c.rowspan)}"')
    if c.indent is not None:
        out.append(f' style="padding-left: {_v(c.indent)}.2em"')
    if c.cell_title:
        out.append(f' title="{_v(c.cell_title)}"')
    out.append(">")
    if c.parts:
        _bagian_html(c.parts, out)
    elif c.changes or c.detail:
        _perubahan_html(c, out)
    else:
        _teks_html(c, out)
    out.append(f"</{tag}>")


def _perubahan_html(c: SelIsi, out: list[str]) -> None:
    for apa, lama, baru in c.changes:
        out.append("<div>")
        if apa:
            out.append(f'<span class="apa">{_v(apa)}:</span> ')
        out.append(
            f'<span class="lama">{_v(lama)}</span> <span aria-label="menjadi">→</span> '
            f'<span class="baru">{_v(baru)}</span></div>'
        )
    if c.detail:
        kelas = f' class="{_v(c.detail_css)}"' if c.detail_css else ""
        out.append(f"<div{kelas}>{_v(c.detail)}</div>")


def _teks_html(c: SelIsi, out: list[str]) -> None:
    if c.url:
        judul = f' title="{_v(c.title)}"' if c.title else ""
        out.append(f'<a href="{_v(c.url)}"{judul}>')
    if c.color:
        out.append(f'<span class="predikat pil" style="--warna: {_v(c.color)}">{_v(c.text)}</span>')
    elif c.time:
        out.append(f'<time datetime="{_v(c.time)}">{_v(c.text)}</time>')
    elif c.text_css or c.title and not c.url:
        kelas = f' class="{_v(c.text_css)}"' if c.text_css else ""
        judul = f' title="{_v(c.title)}"' if c.title else ""
        out.append(f"<span{kelas}{judul}>{_v(c.text)}</span>")
    else:
        out.append(_v(c.text))
    if c.url:
        out.append("</a>")
    if c.badge:
        if c.text:
            out.append(" ")
        out.append(f'<span class="lencana">{_v(c.badge)}</span>')
    if c.note:
        kelas = f' class="{_v(c.note_css)}"' if c.note_css else ""
        out.append(f"<br><small{kelas}>{_v(c.note)}</small>")


def _bagian_html(parts, out: list[str]) -> None:
    for p in parts:
        if p.url:
            kelas = f' class="{_v(p.css)}"' if p.css else ""
            out.append(f'<a href="{_v(p.url)}"{kelas}>{_v(p.text)}')
            if p.parts:
                _bagian_html(p.parts, out)
            out.append("</a>")
        elif p.tag:
            kelas = f' class="{_v(p.css)}"' if p.css else ""
            judul = f' title="{_v(p.title)}"' if p.title else ""
            out.append(f"<{_v(p.tag)}{kelas}{judul}>{_v(p.text)}")
            if p.parts:
                _bagian_html(p.parts, out)
            out.append(f"</{_v(p.tag)}>")
        else:
            out.append(_v(p.text))


def _kelas(*bagian: str) -> str:
    return " ".join(b for b in bagian if b)


def kepala(table: Table) -> list[list[SelKepala]]:
    """The header rows; a one-row header aligns each heading like its column."""
    baris = table.header_rows()
    satu = table.header is None
    hasil = []
    for row in baris:
        sel = []
        for i, h in enumerate(row):
            css = KELAS_RATA[table.columns[i].alignment] if satu else h.css
            sel.append(_sel_kepala(h, css))
        hasil.append(sel)
    return hasil


def _sel_kepala(h: Heading, css: str) -> SelKepala:
    scope = "colgroup" if h.colspan > 1 else "col"
    return SelKepala(h.text, css, scope, h.colspan, h.rowspan, h.title)


def sel_isi(cell: Cell, column: Column, row: Row) -> SelIsi:
    teks = format_cell(cell, column)
    predikat = cell_kind(cell, column) == Kind.PREDIKAT and cell.value is not None
    kepala_baris = cell.row_header if cell.row_header is not None else column.row_header
    return SelIsi(
        tag="th" if kepala_baris else "td",
        scope=(cell.scope or ("rowgroup" if cell.rowspan > 1 else "row")) if kepala_baris else "",
        text=teks,
        css=_kelas(KELAS_RATA[cell_align(cell, column)], column.css, cell.css),
        colspan=cell.colspan,
        rowspan=cell.rowspan,
        url=cell.url,
        note=cell.note,
        note_css=cell.note_css,
        badge=cell.badge,
        color=(cell.color or WARNA_PREDIKAT) if predikat else None,
        indent=row.level if column.indent else None,
        time=cell.time,
        title=cell.title,
        text_css=cell.text_css,
        changes=cell.changes,
        detail=cell.detail,
        detail_css=cell.detail_css,
        parts=cell.parts,
        cell_title=cell.cell_title,
    )


def isi(table: Table, rows: list[Row] | None = None) -> list[BarisIsi]:
    """The body rows (or ``rows``), each cell formatted by its column's type."""
    return [
        BarisIsi(
            _kelas(f"tingkat-{row.kind}" if row.kind else "", row.css),
            [sel_isi(cell, column, row) for cell, column in placed],
        )
        for row, placed in place_cells(table, rows)
    ]


def kelompok(table: Table, baris: list[BarisIsi]) -> list[list[BarisIsi]]:
    """The body rows in their row groups (one ``<tbody>`` each), or [] for a table
    without groups."""
    if all(row.group is None for row in table.rows):
        return []
    hasil: list[list[BarisIsi]] = []
    sebelumnya = object()
    for row, b in zip(table.rows, baris, strict=True):
        if row.group != sebelumnya:
            hasil.append([])
            sebelumnya = row.group
        hasil[-1].append(b)
    return hasil


@register.inclusion_tag("_tabel.html", takes_context=True)
def tabel(context, table: Table, labelledby: str = "", caption: bool = False, id: str = "") -> dict:
    """The table named by the heading whose id is ``labelledby`` (the page shows its
    title already), by its title as a ``<caption>`` (``caption``), else by its title
    as ``aria-label``; ``id`` the table's id. On a page with rows, a link downloads the
    same table as xlsx (``kinerja.unduh_tabel``)."""
    baris = isi(table)
    request = context.get("request")
    nomor = catat_tabel(request, table)
    return {
        "url_xlsx": url_unduh(request, nomor) if nomor is not None and table.rows else "",
        "table": table,
        "labelledby": labelledby,
        "caption": caption,
        "id": id,
        "kepala": kepala(table),
        "isi": baris,
        "kelompok": kelompok(table, baris),
        "kaki": isi(table, table.footer) if table.footer else [],
        "jumlah_kolom": len(table.columns),
    }
