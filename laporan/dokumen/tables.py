"""The one path from a row source (:mod:`lib.rows`) to a table block of the document.

Every table of the document is a function returning a ``lib.rows.Table`` of typed
values; :func:`blok_tabel` formats each value by its column's type with
``lib.rows.format_cell`` (the formatting the screens share) and gives the :class:`Tabel` block
that templates/laporan/dokumen/tabel.html renders (HTML preview and PDF).

It also lays the table out (:func:`tata_letak`): a header word is never hyphenated
and a number never wraps (static/css/dokumen.css), so every column must be as wide
as its widest header word and its widest number. When the widths the row source
asks for leave a column narrower than that, the widths are shared out again; when
the page is too narrow even so, the table is printed in the smaller type, then on
a landscape page (the class ``lanskap``), last in the smallest type (``mini``).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from laporan.dokumen.blocks import Baris, Sel, Tabel, baris_nomor_kolom
from lib.rows import Align, Cell, Column, Row, Table, cell_align, format_cell, place_cells

# The stylesheet's classes (static/css/dokumen.css).
KELAS_RATA = {Align.LEFT: "", Align.RIGHT: "angka", Align.CENTER: "tengah"}

# Page geometry of static/css/dokumen.css: A4, 25 mm left and 18 mm right margin.
LEBAR_HALAMAN_MM = {False: 210 - 25 - 18, True: 297 - 25 - 18}  # landscape: True


@dataclass(frozen=True)
class Huruf:
    """A type of table.tabel (static/css/dokumen.css): its class, sizes (pt) of the
    cells, of td.rumus and th.nomor-kolom, and a cell's horizontal padding and
    borders (mm)."""

    kelas: str
    pt: float
    pt_rumus: float
    tepi_mm: float


BIASA = Huruf("", 8.5, 7.0, 2 * 1.3 + 0.18)
KECIL = Huruf("kecil", 7.5, 7.0, 2 * 1.3 + 0.18)
# The last resort of a landscape page: smaller type, narrower padding.
MINI = Huruf("kecil mini", 6.5, 6.0, 2 * 0.7 + 0.18)
# The extra left padding of an indented cell (indent-N).
INDENT_MM = {0: 0.0, 1: 2.2, 2: 4.7, 3: 7.2}
# Measured widths are widened by this much (rounding in WeasyPrint; its kerning
# only narrows a word).
CADANGAN = 1.01
# A body word longer than this may break inside its cell (a long code or address):
# it does not widen its column.
KATA_TERPANJANG = 24
PT_MM = 25.4 / 72
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
# Em widths where the font file cannot be read (DejaVu Sans averages).
EM_RATA = {False: 0.62, True: 0.70}


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
    letak = tata_letak(table, kepala, baris)
    return Tabel(
        judul=table.title,
        kepala=kepala,
        baris=baris,
        lebar=letak.lebar,
        catatan=table.note,
        kelas=letak.kelas,
        sumber=table,
    )


# ----------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Letak:
    lebar: list  # column widths in percent (int as asked, float when shared out again)
    huruf: Huruf
    lanskap: bool  # a landscape page
    rapat: bool = False  # wider than any page: numbers may wrap (never overlap)

    @property
    def kelas(self) -> str:
        kelas = [self.huruf.kelas, "lanskap" if self.lanskap else "", "rapat" if self.rapat else ""]
        return " ".join(k for k in kelas if k)


@functools.cache
def _lebar_huruf(tebal: bool) -> dict[int, float]:
    """Advance widths in em of DejaVu Sans (Bold), the document's font, by code point."""
    nama = "DejaVuSans-Bold.ttf" if tebal else "DejaVuSans.ttf"
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(os.path.join(FONT_DIR, nama), lazy=True)
    except (ImportError, OSError):
        return {}
    em = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    return {cp: hmtx[g][0] / em for cp, g in font.getBestCmap().items()}


def lebar_teks_mm(teks: str, pt: float, tebal: bool = False) -> float:
    """The width of ``teks`` on one line in the document's font, in millimetres."""
    lebar = _lebar_huruf(tebal)
    rata = EM_RATA[tebal]
    return sum(lebar.get(ord(c), rata) for c in teks) * pt * PT_MM * CADANGAN


def _perlu_kepala(sel: Sel, h: Huruf) -> float:
    if sel.kelas == "nomor-kolom":
        return lebar_teks_mm(sel.teks, h.pt_rumus) + h.tepi_mm
    kata = sel.teks.split() or [""]
    return max(lebar_teks_mm(k, h.pt, tebal=True) for k in kata) + h.tepi_mm


def _perlu_sel(sel: Sel, h: Huruf, tebal_baris: bool) -> tuple[float, float]:
    """What a body cell needs: (hard, soft). Hard: a number, on one line (it never
    wraps); soft: its longest word (a word of text may break, and does, when the page
    is too narrow for every word)."""
    kelas = sel.kelas.split()
    pt = h.pt_rumus if "rumus" in kelas else h.pt
    tebal = tebal_baris or "tebal" in kelas
    indent = next((INDENT_MM.get(int(k[7:]), 0.0) for k in kelas if k.startswith("indent-")), 0)
    if "angka" in kelas:  # white-space: nowrap
        return lebar_teks_mm(sel.teks, pt, tebal) + h.tepi_mm + indent, 0.0
    kata = [k for k in sel.teks.split() if len(k) <= KATA_TERPANJANG] or [""]
    return 0.0, max(lebar_teks_mm(k, pt, tebal) for k in kata) + h.tepi_mm + indent


def _grid(rows: list[list[Sel]], n: int) -> list[tuple[int, Sel]]:
    """Every cell of ``rows`` with the first column it takes (the HTML table model)."""
    hasil = []
    covered: dict[int, int] = {}
    for row in rows:
        col = 0
        for sel in row:
            while covered.get(col, 0) > 0:
                col += 1
            hasil.append((min(col, n - 1), sel))
            if sel.rowspan > 1:
                for c in range(col, col + sel.colspan):
                    covered[c] = sel.rowspan
            col += sel.colspan
        for c in list(covered):
            covered[c] -= 1
    return hasil


BARIS_TEBAL = {"total", "program", "kegiatan", "sendiri"}


def _sebar(perlu: list[float], rentang: list[tuple[int, int, float]]) -> list[float]:
    """``perlu`` widened for the cells spanning columns ``awal``..``akhir``: evenly,
    when the columns are narrower together than the cell needs."""
    perlu = list(perlu)
    for awal, akhir, w in rentang:
        kurang = w - sum(perlu[awal:akhir])
        if kurang > 0:
            for c in range(awal, akhir):
                perlu[c] += kurang / (akhir - awal)
    return perlu


def kebutuhan_mm(
    kepala: list[list[Sel]], baris: list[Baris], n: int, h: Huruf
) -> tuple[list[float], list[float]]:
    """The narrowest width (mm) of each of the ``n`` columns in the type ``h``: hard
    (its widest header word and number) and soft (also its longest word of text of
    at most KATA_TERPANJANG letters)."""
    keras, lunak = [0.0] * n, [0.0] * n
    rentang: list[tuple[int, int, float]] = []
    rentang_lunak: list[tuple[int, int, float]] = []
    sel_sel = [(c, s, _perlu_kepala(s, h), 0.0) for c, s in _grid(kepala, n)]
    body: list[list[Sel]] = [b.sel for b in baris]
    tebal = (b.kelas in BARIS_TEBAL for b in baris for _ in b.sel)
    for (c, s), tb in zip(_grid(body, n), tebal, strict=True):
        sel_sel.append((c, s, *_perlu_sel(s, h, tb)))
    for c, s, k, lu in sel_sel:
        if s.colspan == 1:
            keras[c] = max(keras[c], k)
            lunak[c] = max(lunak[c], k, lu)
        else:
            rentang.append((c, min(n, c + s.colspan), k))
            rentang_lunak.append((c, min(n, c + s.colspan), max(k, lu)))
    return _sebar(keras, rentang), _sebar(lunak, rentang_lunak)


def _lebar_diminta(table: Table) -> list[float]:
    """The widths the row source asks for, in percent; columns without one share the rest."""
    diminta = [c.width for c in table.columns]
    sisa = max(0, 100 - sum(w for w in diminta if w))
    tanpa = diminta.count(None)
    return [float(w) if w else (sisa / tanpa if tanpa else 0.0) for w in diminta]


def _bagi_ulang(persen: list[float], perlu: list[float], total: float) -> list[float] | None:
    """Widths (mm) at least ``perlu`` each, the rest of ``total`` shared in proportion
    to the asked widths; None when ``perlu`` does not fit."""
    if sum(perlu) > total:
        return None
    lebar = [max(p * total / 100, q) for p, q in zip(persen, perlu, strict=True)]
    for _ in range(len(lebar)):
        lebih = sum(lebar) - total
        if lebih <= 1e-6:
            break
        longgar = [w - q for w, q in zip(lebar, perlu, strict=True)]
        jumlah = sum(longgar)
        lebar = [w - lebih * g / jumlah for w, g in zip(lebar, longgar, strict=True)]
    return lebar


def tata_letak(table: Table, kepala: list[list[Sel]], baris: list[Baris]) -> Letak:
    """Column widths, type and page orientation of a table: as asked when its words
    and numbers fit; else the widths shared out again, the smaller type, a landscape
    page, the smallest type (``Table.landscape``: True always, False never). Wider
    than any page, the widths follow what each column needs and numbers may wrap."""
    n = len(table.columns)
    persen = _lebar_diminta(table)
    sendiri = KECIL if table.small else BIASA
    pilihan = [(False, sendiri), (False, KECIL), (True, sendiri), (True, KECIL), (True, MINI)]
    if table.landscape is not None:
        pilihan = [(ls, h) for ls, h in pilihan if ls == table.landscape]
    pilihan = list(dict.fromkeys(pilihan))
    for lanskap, huruf in pilihan:
        total = LEBAR_HALAMAN_MM[lanskap]
        keras, lunak = kebutuhan_mm(kepala, baris, n, huruf)
        if (lanskap, huruf) == pilihan[0] and all(
            q <= p * total / 100 + 0.01 for p, q in zip(persen, keras, strict=True)
        ):
            asli = None not in [c.width for c in table.columns]
            return Letak([c.width for c in table.columns] if asli else persen, huruf, lanskap)
        lebar = _bagi_ulang(persen, lunak, total) or _bagi_ulang(persen, keras, total)
        if lebar is not None:
            return Letak([round(w * 100 / total, 2) for w in lebar], huruf, lanskap)
    lanskap, huruf = pilihan[-1]
    keras, _ = kebutuhan_mm(kepala, baris, n, huruf)
    return Letak([round(q * 100 / sum(keras), 2) for q in keras], huruf, lanskap, rapat=True)
