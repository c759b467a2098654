"""Check the layout of a printed document from the PDF itself: no two words overlap,
no word of a table is hyphenated, no total row stands alone on a page.

Pure: it reads the word boxes that poppler writes (``pdftotext -bbox-layout FILE -``,
an XHTML of pages, blocks, lines and words with their boxes in points) and knows
nothing of how the document was made. :func:`periksa` returns the findings, each
with its page (1-based) and the words concerned; none for a good layout.

- ``tumpang``: two word boxes overlap by more than ``toleransi`` points both ways
  (a number running into the next cell, a cell drawn over another), or a word that
  holds a percentage run together with the next word ("149,11%Sangat": poppler
  joins glyphs that touch into one word); ``tumpang_gambar`` when both are in a
  chart (the labels of a figure, drawn by lib/grafik, not a table);
- ``pemenggalan``: a narrow line (a table cell, not a paragraph across the page)
  ends in a word cut by hyphenation whose rest starts the next line of its block
  ("Ca‐" / "paian");
- ``angka_terpotong``: a number broken over two lines of its cell ("1.197.530.8" /
  "54,27", "149,11" / "%");
- ``total_sendiri``: a "Jumlah"/"Total" row that opens a page with nothing above it
  but lines that the previous page has too (the table's repeated header).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

__all__ = ["Halaman", "Kata", "Temuan", "baca", "periksa"]

# The page margins of static/css/dokumen.css (points): the running header above the
# top one, the page number and stamp under the bottom one.
MARGIN_ATAS = 22 * 72 / 25.4
MARGIN_BAWAH = 30 * 72 / 25.4
# A line narrower than this share of the page is a table cell's (a hyphen there is
# a hyphenated word, not a compound broken at its own hyphen in a paragraph).
BARIS_SEMPIT = 0.5
# The marks of hyphenation (WeasyPrint's hyphen U+2010, a soft hyphen): a word's own
# hyphen ("Perundang-undangan") may end a line.
TANDA_PENGGAL = ("\u2010", "\u00ad")
KATA_TOTAL = {"Jumlah", "JUMLAH", "Total", "TOTAL"}
# A chart (figure .grafik svg: 65 mm high) and the space above its caption.
TINGGI_GAMBAR = 68 * 72 / 25.4
_NOMOR = re.compile(r"\d+\.\d+")
_PERSEN_MENEMPEL = re.compile(r"\d%\w", re.UNICODE)
# An Indonesian number as printed: thousands with dots, decimals with a comma.
_ANGKA = re.compile(r"[+\u2212-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?")
_POTONGAN = re.compile(r"[+\u2212-]?[\d.,]*\d[\d.,]*")


@dataclass(frozen=True)
class Kata:
    teks: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Baris:
    kata: list[Kata]
    baris_blok: int = 1  # lines of its block (a total row's label is one short line)

    @property
    def teks(self) -> str:
        return " ".join(k.teks for k in self.kata)

    @property
    def x0(self) -> float:
        return min(k.x0 for k in self.kata)

    @property
    def x1(self) -> float:
        return max(k.x1 for k in self.kata)

    @property
    def y0(self) -> float:
        return min(k.y0 for k in self.kata)

    @property
    def y1(self) -> float:
        return max(k.y1 for k in self.kata)


@dataclass
class Halaman:
    nomor: int  # 1-based
    lebar: float
    tinggi: float
    blok: list[list[Baris]] = field(default_factory=list)

    @property
    def baris(self) -> list[Baris]:
        return [b for blok in self.blok for b in blok]

    @property
    def kata(self) -> list[Kata]:
        return [k for b in self.baris for k in b.kata]


@dataclass(frozen=True)
class Temuan:
    halaman: int
    jenis: str  # "tumpang", "tumpang_gambar", "pemenggalan", "angka_terpotong", "total_sendiri"
    teks: str

    def __str__(self) -> str:
        return f"halaman {self.halaman}: {self.jenis}: {self.teks}"


def _lokal(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kata(el: ET.Element) -> Kata:
    return Kata(
        el.text or "",
        float(el.get("xMin", 0)),
        float(el.get("yMin", 0)),
        float(el.get("xMax", 0)),
        float(el.get("yMax", 0)),
    )


def baca(xml: str) -> list[Halaman]:
    """The pages of ``pdftotext -bbox-layout`` output, with their blocks, lines and words."""
    akar = ET.fromstring(xml)
    hasil = []
    for el in akar.iter():
        if _lokal(el.tag) != "page":
            continue
        h = Halaman(len(hasil) + 1, float(el.get("width", 0)), float(el.get("height", 0)))
        for blok in el.iter():
            if _lokal(blok.tag) != "block":
                continue
            lines = []
            for line in blok:
                if _lokal(line.tag) == "line":
                    kata = [_kata(w) for w in line if _lokal(w.tag) == "word"]
                    if kata:
                        lines.append(Baris(kata))
            for b in lines:
                b.baris_blok = len(lines)
            if lines:
                h.blok.append(lines)
        hasil.append(h)
    return hasil


def _gambar(h: Halaman) -> list[tuple[float, float]]:
    """The vertical spans (points) of the figures of the page: the chart above each
    "Gambar N.N" caption (static/css/dokumen.css: 65 mm high)."""
    return [
        (b.y0 - TINGGI_GAMBAR, b.y0)
        for b in h.baris
        if len(b.kata) > 1 and b.kata[0].teks == "Gambar" and _NOMOR.fullmatch(b.kata[1].teks)
    ]


def _tumpang(h: Halaman, toleransi: float) -> list[Temuan]:
    kata = sorted(h.kata, key=lambda k: k.y0)
    gambar = _gambar(h)
    hasil = []
    aktif: list[Kata] = []
    for k in kata:
        aktif = [a for a in aktif if a.y1 - toleransi > k.y0]
        for a in aktif:
            lebar = min(a.x1, k.x1) - max(a.x0, k.x0)
            tinggi = min(a.y1, k.y1) - max(a.y0, k.y0)
            if lebar > toleransi and tinggi > toleransi:
                dalam = any(y0 <= min(a.y0, k.y0) and max(a.y1, k.y1) <= y1 for y0, y1 in gambar)
                jenis = "tumpang_gambar" if dalam else "tumpang"
                hasil.append(Temuan(h.nomor, jenis, f"{a.teks!r} dan {k.teks!r}"))
        aktif.append(k)
        if _PERSEN_MENEMPEL.search(k.teks):
            hasil.append(Temuan(h.nomor, "tumpang", f"{k.teks!r}"))
    return hasil


def _pemenggalan(h: Halaman) -> list[Temuan]:
    hasil = []
    for blok in h.blok:
        for atas, bawah in zip(blok, blok[1:], strict=False):
            akhir = atas.kata[-1].teks
            awal = bawah.kata[0].teks
            if (
                atas.x1 - atas.x0 < BARIS_SEMPIT * h.lebar
                and len(akhir) > 1
                and akhir.endswith(TANDA_PENGGAL)
                and akhir[-2].isalpha()
                and awal[:1].isalpha()
                and awal[:1].islower()
            ):
                hasil.append(Temuan(h.nomor, "pemenggalan", f"{akhir} / {awal}"))
    return hasil


def _angka_terpotong(h: Halaman) -> list[Temuan]:
    hasil = []
    for blok in h.blok:
        for atas, bawah in zip(blok, blok[1:], strict=False):
            akhir, awal = atas.kata[-1].teks, bawah.kata[0].teks
            if (
                _POTONGAN.fullmatch(akhir)
                and awal[:1] in "0123456789%,."
                and _ANGKA.fullmatch(akhir + awal)
            ):
                hasil.append(Temuan(h.nomor, "angka_terpotong", f"{akhir} / {awal}"))
    return hasil


def _isi(h: Halaman) -> list[Baris]:
    """The lines of the page area (not the running header, page number or stamp), top down."""
    return sorted(
        (b for b in h.baris if b.y0 >= MARGIN_ATAS - 1 and b.y1 <= h.tinggi - MARGIN_BAWAH + 1),
        key=lambda b: (b.y0, b.x0),
    )


def _total_sendiri(h: Halaman, sebelumnya: Halaman | None) -> list[Temuan]:
    if sebelumnya is None:
        return []
    baris = _isi(h)
    lalu = {x.teks for x in _isi(sebelumnya)}
    # The first total row: a "Jumlah" label of its own (not a header word repeated
    # from the previous page, not a sentence or a cell's text that goes on).
    total = next(
        (
            i
            for i, b in enumerate(baris)
            if b.kata[0].teks in KATA_TOTAL
            and b.teks not in lalu
            and b.baris_blok == 1
            and b.x1 - b.x0 < BARIS_SEMPIT * h.lebar
        ),
        None,
    )
    if total is None:
        return []
    b = baris[total]
    di_atas = [x for x in baris[:total] if x.y1 <= b.y0 + 1]
    if all(x.teks in lalu for x in di_atas):
        return [Temuan(h.nomor, "total_sendiri", b.teks)]
    return []


def periksa(xml: str, toleransi: float = 0.5) -> list[Temuan]:
    """Every finding of the document whose ``pdftotext -bbox-layout`` output is ``xml``."""
    hasil: list[Temuan] = []
    halaman = baca(xml)
    for i, h in enumerate(halaman):
        hasil += _tumpang(h, toleransi)
        hasil += _pemenggalan(h)
        hasil += _angka_terpotong(h)
        hasil += _total_sendiri(h, halaman[i - 1] if i else None)
    return hasil
