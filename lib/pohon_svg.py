"""A tree of boxes (a pohon kinerja) drawn as SVG, top down, for the screens and the PDF.

Pure module: no Django. The input is a forest of :class:`Kotak` (a title, a few text
lines, children), grouped in parts (``bagian``) drawn one under the other; the output
is one ``<svg>`` string, valid XML, every text escaped (the texts are user input).

Layout: levels side by side in layered rows (every level in its own row, so the
cascade reads top down); the children marked ``bertumpuk`` (kegiatan, sub kegiatan)
are stacked in a column under their parent instead, indented by depth, which keeps
the drawing as wide as the number of programs rather than of sub kegiatan. Each
leaf of the side-by-side part owns one column; a parent spans its children's columns,
so boxes can never overlap. Text is wrapped by a fixed average glyph width per font
size (a conservative one for DejaVu Sans), and a box grows to hold its lines.

:func:`tata_letak` returns the geometry (tests check it), :func:`pohon_svg` draws it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

__all__ = [
    "Kotak",
    "KotakTata",
    "Baris",
    "Tata",
    "tata_letak",
    "pohon_svg",
    "bungkus",
    "lebar_teks",
]

HURUF = "DejaVu Sans, Arial, sans-serif"
UKURAN_JUDUL = 7.0
UKURAN_BUTIR = 6.2
UKURAN_BAGIAN = 8.5
# Advance of a character as a fraction of the font size, by kind (DejaVu Sans is wide;
# these err on the wide side, so a line measured to fit does fit): capitals, spaces,
# everything else; normal and bold.
GLIF = {"besar": 0.74, "spasi": 0.33, "lain": 0.62}
GLIF_TEBAL = {"besar": 0.82, "spasi": 0.36, "lain": 0.70}
TINGGI_BARIS = 1.25  # line height as a multiple of the font size

PAD = 4.0
LEBAR_KOLOM = 100.0
JARAK_X = 8.0
JARAK_Y = 16.0
JARAK_TUMPUK = 5.0
INDENT = 8.0
TEPI = 6.0

# One colour per level, in the order of the levels given (stroke, fill).
PALET = (
    ("#6a3d9a", "#efe8f5"),
    ("#1f4e79", "#e3ecf5"),
    ("#2e75b6", "#e6f0fa"),
    ("#38761d", "#e8f3e2"),
    ("#b45f06", "#fbefe1"),
    ("#a61c00", "#f9e6e2"),
    ("#4a5868", "#eceff2"),
    ("#7f6000", "#f6f0dc"),
)
WARNA_GARIS = "#7d8a97"
# The SVG is drawn 2 units per layout unit: the item text (6,2) at 12,4 (px on a screen).
SKALA_LAYAR = 2.0


@dataclass
class Kotak:
    """A node: ``judul`` (bold), ``butir`` (one line item each), its children."""

    ident: str
    tingkat: str
    judul: str
    butir: list[str] = field(default_factory=list)
    anak: list[Kotak] = field(default_factory=list)
    # Stacked in a column under its parent instead of side by side.
    bertumpuk: bool = False


@dataclass(frozen=True)
class Baris:
    teks: str
    x: float
    y: float  # baseline
    ukuran: float
    tebal: bool

    @property
    def lebar(self) -> float:
        """The width the text takes at most (by the fixed glyph widths)."""
        return lebar_teks(self.teks, self.ukuran, self.tebal)


@dataclass
class KotakTata:
    ident: str
    tingkat: str
    x: float
    y: float
    w: float
    h: float
    baris: list[Baris] = field(default_factory=list)
    induk: KotakTata | None = None
    bertumpuk: bool = False


@dataclass
class Tata:
    lebar: float
    tinggi: float
    kotak: list[KotakTata]
    teks_lain: list[Baris]  # the legend and the parts' headings
    legenda: list[tuple[float, float, str]]  # swatches: x, y, level


def lebar_teks(teks: str, ukuran: float, tebal: bool = False) -> float:
    """The width of ``teks`` at font size ``ukuran``, at most (by the fixed glyph widths)."""
    g = GLIF_TEBAL if tebal else GLIF
    em = sum(g["besar"] if c.isupper() else g["spasi"] if c == " " else g["lain"] for c in teks)
    return em * ukuran


def bungkus(teks: str, lebar: float, ukuran: float, tebal: bool = False) -> list[str]:
    """Greedy word wrap to lines at most ``lebar`` wide (a word too long is cut)."""

    def muat(s: str) -> bool:
        return lebar_teks(s, ukuran, tebal) <= lebar

    baris: list[str] = []
    kini = ""
    for kata in teks.split():
        while not muat(kata):
            n = 1
            while n < len(kata) and muat(kata[: n + 1]):
                n += 1
            if kini:
                baris.append(kini)
                kini = ""
            baris.append(kata[:n])
            kata = kata[n:]
        if not kini:
            kini = kata
        elif muat(f"{kini} {kata}"):
            kini = f"{kini} {kata}"
        else:
            baris.append(kini)
            kini = kata
    if kini or not baris:
        baris.append(kini)
    return baris


def _isi(k: Kotak, x: float, w: float) -> tuple[list[tuple[str, float, bool, float]], float]:
    """The lines of a box (text, size, bold, x) and its height."""
    dalam = w - 2 * PAD
    hasil = [(s, UKURAN_JUDUL, True, x + PAD) for s in bungkus(k.judul, dalam, UKURAN_JUDUL, True)]
    peluru = lebar_teks("• ", UKURAN_BUTIR)
    for butir in k.butir:
        # A hanging indent under the bullet.
        for n, s in enumerate(bungkus(butir, dalam - peluru, UKURAN_BUTIR)):
            if n == 0:
                hasil.append((f"• {s}", UKURAN_BUTIR, False, x + PAD))
            else:
                hasil.append((s, UKURAN_BUTIR, False, x + PAD + peluru))
    tinggi = 2 * PAD + sum(u * TINGGI_BARIS for _, u, _, _ in hasil)
    if k.butir:
        tinggi += 2.0  # a little room between the title and the items
    return hasil, tinggi


def _tempatkan(k: Kotak, x: float, y: float, w: float, induk: KotakTata | None) -> KotakTata:
    isi, h = _isi(k, x, w)
    kt = KotakTata(k.ident, k.tingkat, x, y, w, h, induk=induk, bertumpuk=k.bertumpuk)
    yb = y + PAD
    for n, (s, u, tebal, xb) in enumerate(isi):
        if n and tebal is False and isi[n - 1][2] is True:
            yb += 2.0
        yb += u * TINGGI_BARIS
        kt.baris.append(Baris(s, xb, yb - u * 0.3, u, tebal))
    return kt


class _Bagian:
    """The layout of one forest, from its own top left corner (0, 0)."""

    def __init__(self, akar: Sequence[Kotak], urutan: Sequence[str]) -> None:
        self.urutan = list(urutan)
        self.kolom: dict[int, tuple[int, int]] = {}
        n = 0
        for a in akar:
            n = self._kolom(a, n)
        self.jumlah_kolom = n
        self.kotak: list[KotakTata] = []
        self._susun(akar)

    @staticmethod
    def _sejajar(k: Kotak) -> list[Kotak]:
        return [a for a in k.anak if not a.bertumpuk]

    def _kolom(self, k: Kotak, mulai: int) -> int:
        anak = self._sejajar(k)
        c = mulai
        for a in anak:
            c = self._kolom(a, c)
        if c == mulai:
            c = mulai + 1
        self.kolom[id(k)] = (mulai, c)
        return c

    def _x(self, c: int) -> float:
        return c * (LEBAR_KOLOM + JARAK_X)

    def _tingkat(self, k: Kotak) -> int:
        return self.urutan.index(k.tingkat) if k.tingkat in self.urutan else len(self.urutan)

    def _susun(self, akar: Sequence[Kotak]) -> None:
        sejajar: list[tuple[Kotak, Kotak | None]] = []

        def kumpul(k: Kotak, induk: Kotak | None) -> None:
            sejajar.append((k, induk))
            for a in self._sejajar(k):
                kumpul(a, k)

        for a in akar:
            kumpul(a, None)
        # Rows: the levels present, in cascade order.
        tingkat = sorted({self._tingkat(k) for k, _ in sejajar})
        ukur: dict[int, KotakTata] = {}
        tinggi_baris = dict.fromkeys(tingkat, 0.0)
        for k, _ in sejajar:
            a, b = self.kolom[id(k)]
            kt = _tempatkan(k, self._x(a), 0.0, self._x(b) - self._x(a) - JARAK_X, None)
            ukur[id(k)] = kt
            tinggi_baris[self._tingkat(k)] = max(tinggi_baris[self._tingkat(k)], kt.h)
        y_baris = {}
        y = 0.0
        for t in tingkat:
            y_baris[t] = y
            y += tinggi_baris[t] + JARAK_Y
        peta: dict[int, KotakTata] = {}
        for k, induk in sejajar:
            a, b = self.kolom[id(k)]
            kt = _tempatkan(
                k,
                self._x(a),
                y_baris[self._tingkat(k)],
                ukur[id(k)].w,
                peta.get(id(induk)) if induk is not None else None,
            )
            peta[id(k)] = kt
            self.kotak.append(kt)
            self._tumpuk(k, kt)

    def _tumpuk(self, k: Kotak, kt: KotakTata) -> None:
        """Stack the stacked descendants of ``k`` under it, indented by depth."""
        y = kt.y + kt.h

        def turun(induk: Kotak, induk_tata: KotakTata, x: float, w: float) -> None:
            nonlocal y
            for a in induk.anak:
                if not a.bertumpuk:
                    continue
                y += JARAK_TUMPUK
                at = _tempatkan(a, x + INDENT, y, w - INDENT, induk_tata)
                self.kotak.append(at)
                y = at.y + at.h
                turun(a, at, x + INDENT, w - INDENT)

        turun(k, kt, kt.x, kt.w)

    @property
    def lebar(self) -> float:
        return max(self._x(self.jumlah_kolom) - JARAK_X, 0.0)

    @property
    def tinggi(self) -> float:
        return max((k.y + k.h for k in self.kotak), default=0.0)


def tata_letak(
    bagian: Sequence[tuple[str, Sequence[Kotak]]],
    tingkat: Sequence[tuple[str, str]],
) -> Tata:
    """The geometry of the parts (heading, roots) under a legend of ``tingkat`` (level,
    name) — only the levels that occur are listed, in the order given."""
    urutan = [t for t, _ in tingkat]
    susun = [(judul, _Bagian(akar, urutan)) for judul, akar in bagian]
    ada = {k.tingkat for _, s in susun for k in s.kotak}
    lebar = max([s.lebar for _, s in susun] + [LEBAR_KOLOM]) + 2 * TEPI
    # The legend: swatch and name per level, wrapped over as many rows as needed.
    teks_lain: list[Baris] = []
    legenda: list[tuple[float, float, str]] = []
    x, y = TEPI, TEPI
    for t, nama in tingkat:
        if t not in ada:
            continue
        w = 12 + lebar_teks(nama, UKURAN_BUTIR) + 10
        if x > TEPI and x + w > lebar - TEPI:
            x, y = TEPI, y + UKURAN_BUTIR * 2
        legenda.append((x, y, t))
        teks_lain.append(Baris(nama, x + 12, y + UKURAN_BUTIR * 1.05, UKURAN_BUTIR, False))
        x += w
    y += UKURAN_BUTIR * 2 + 6
    kotak: list[KotakTata] = []
    for judul, s in susun:
        if not s.kotak:
            continue
        if judul:
            y += UKURAN_BAGIAN * 1.2
            teks_lain.append(Baris(judul, TEPI, y, UKURAN_BAGIAN, True))
            y += 6
        for k in s.kotak:
            k.x += TEPI
            k.y += y
            k.baris = [Baris(b.teks, b.x + TEPI, b.y + y, b.ukuran, b.tebal) for b in k.baris]
        kotak.extend(s.kotak)
        y += s.tinggi + JARAK_Y
    lebar = max([lebar] + [b.x + b.lebar + TEPI for b in teks_lain])
    return Tata(lebar, y - JARAK_Y + TEPI, kotak, teks_lain, legenda)


def _n(x: float) -> str:
    """A coordinate, the same text for the same number."""
    return f"{x:.1f}"


def _teks(b: Baris, warna: str = "#1b2733") -> str:
    tebal = ' font-weight="bold"' if b.tebal else ""
    return (
        f'<text x="{_n(b.x)}" y="{_n(b.y)}" font-size="{_n(b.ukuran)}"{tebal} '
        f'fill="{warna}">{escape(b.teks)}</text>'
    )


def _garis(k: KotakTata, s: float) -> str:
    p = k.induk
    if p is None:
        return ""
    if k.bertumpuk:
        # Down the parent's left side, then right into the child.
        xg = p.x + INDENT * s / 2
        ym = k.y + min(k.h / 2, 10 * s)
        d = f"M{_n(xg)} {_n(p.y + p.h)}V{_n(ym)}H{_n(k.x)}"
    else:
        xp, xa = p.x + p.w / 2, k.x + k.w / 2
        ym = k.y - JARAK_Y * s / 2
        d = f"M{_n(xp)} {_n(p.y + p.h)}V{_n(ym)}H{_n(xa)}V{_n(k.y)}"
    return f'<path d="{d}" fill="none" stroke="{WARNA_GARIS}" stroke-width="{_n(0.8 * s)}"/>'


def _baris_skala(b: Baris, s: float) -> Baris:
    return Baris(b.teks, b.x * s, b.y * s, b.ukuran * s, b.tebal)


def skala_tata(tata: Tata, s: float) -> Tata:
    """``tata`` with every length and font size times ``s`` (the screen draws in px with
    real font sizes, not a shrunken viewBox)."""
    kotak = []
    peta: dict[int, KotakTata] = {}
    for k in tata.kotak:
        baru = KotakTata(
            k.ident,
            k.tingkat,
            k.x * s,
            k.y * s,
            k.w * s,
            k.h * s,
            [_baris_skala(b, s) for b in k.baris],
            peta.get(id(k.induk)) if k.induk is not None else None,
            k.bertumpuk,
        )
        peta[id(k)] = baru
        kotak.append(baru)
    return Tata(
        tata.lebar * s,
        tata.tinggi * s,
        kotak,
        [_baris_skala(b, s) for b in tata.teks_lain],
        [(x * s, y * s, t) for x, y, t in tata.legenda],
    )


def pohon_svg(
    bagian: Sequence[tuple[str, Sequence[Kotak]]],
    tingkat: Sequence[tuple[str, str]],
    *,
    judul: str,
    uraian: str = "",
    lebar_maks_mm: float | None = None,
    tinggi_maks_mm: float | None = None,
    kelas: str = "pohon",
    skala_layar: float = SKALA_LAYAR,
) -> str:
    """The SVG of the parts, drawn ``skala_layar`` times larger than the layout's units
    (the smallest text at 12 px, as every chart of the application). With
    ``lebar_maks_mm`` (a printed page) the picture gets a size in mm (1 layout unit =
    1 pt, scaled down to fit the width and ``tinggi_maks_mm``); without, its size in CSS
    pixels (a screen scrolls it)."""
    tata = tata_letak(bagian, tingkat)
    s = skala_layar
    warna = {t: PALET[n % len(PALET)] for n, (t, _) in enumerate(tingkat)}
    if lebar_maks_mm is not None:
        mm = 25.4 / 72
        skala = min(1.0, lebar_maks_mm / (tata.lebar * mm))
        if tinggi_maks_mm is not None:
            skala = min(skala, tinggi_maks_mm / (tata.tinggi * mm))
        w, h = tata.lebar * mm * skala, tata.tinggi * mm * skala
        ukuran = f'width="{w:.1f}mm" height="{h:.1f}mm" style="width:{w:.1f}mm;height:{h:.1f}mm"'
    else:
        w, h = math.ceil(tata.lebar * s), math.ceil(tata.tinggi * s)
        ukuran = f'width="{w}" height="{h}"'
    tata = skala_tata(tata, s)
    label = f"{judul}. {uraian}".strip() if uraian else judul
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class={quoteattr(kelas)} role="img" '
        f'viewBox="0 0 {_n(tata.lebar)} {_n(tata.tinggi)}" {ukuran} '
        f'font-family="{HURUF}" aria-label={quoteattr(label)}>',
        f"<title>{escape(judul)}</title>",
    ]
    if uraian:
        out.append(f"<desc>{escape(uraian)}</desc>")
    out.extend(g for k in tata.kotak if (g := _garis(k, s)))
    for k in tata.kotak:
        garis, isi = warna.get(k.tingkat, PALET[-1])
        out.append(
            f'<rect x="{_n(k.x)}" y="{_n(k.y)}" width="{_n(k.w)}" height="{_n(k.h)}" '
            f'rx="{_n(2 * s)}" fill="{isi}" stroke="{garis}" stroke-width="{_n(s)}"/>'
        )
        out.extend(_teks(b) for b in k.baris)
    for x, y, t in tata.legenda:
        garis, isi = warna.get(t, PALET[-1])
        out.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(9 * s)}" '
            f'height="{_n(UKURAN_BUTIR * 1.3 * s)}" fill="{isi}" stroke="{garis}" '
            f'stroke-width="{_n(s)}"/>'
        )
    out.extend(_teks(b) for b in tata.teks_lain)
    out.append("</svg>")
    return "\n".join(out)
