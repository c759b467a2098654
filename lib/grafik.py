"""Server-rendered SVG charts for the screens and for the LKjIP PDF.

Pure module: no Django, no ORM. Inputs are plain lists of labels and
``Decimal`` values (None = no value); the output is one ``<svg>`` string that
is valid XML (WeasyPrint renders it in the PDF, browsers inline it in HTML).
Numbers are printed the Indonesian way ("1.234,5", "97,01%") and every chart
carries a ``<title>``, a ``<desc>`` listing its data and an ``aria-label``, so
that a screen reader gets the figures the picture shows. Coordinates are
computed with ``Decimal`` and printed with two decimals: the same input always
gives the same bytes.

Only presentation attributes are used (no CSS, no scripts, no external
references): that is the part of SVG every renderer agrees on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape, quoteattr

from lib.decimals import jumlah_desimal
from lib.format import format_angka

__all__ = [
    "Seri",
    "sumbu_nilai",
    "format_nilai",
    "grafik_batang",
    "grafik_garis",
    "LEBAR",
    "TINGGI",
]

LEBAR = 560
TINGGI = 280
# Plot area inside the viewBox: room for the legend above, tick labels on the
# left and category labels below.
KIRI = Decimal(64)
KANAN = Decimal(LEBAR - 16)
ATAS = Decimal(44)
BAWAH = Decimal(TINGGI - 44)

WARNA_BATANG = "#1f4e79"
WARNA_GARIS = "#d73027"
WARNA_SUMBU = "#4a5868"
WARNA_KISI = "#d7dde4"
HURUF = "DejaVu Sans, Arial, sans-serif"

NOL = Decimal(0)
_LANGKAH_BAGUS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


@dataclass(frozen=True)
class Seri:
    """One data series: a name for the legend, one value per category, a colour."""

    nama: str
    nilai: Sequence[Decimal | None]
    warna: str = WARNA_BATANG


def _langkah(rentang: Decimal, jumlah_garis: int) -> Decimal:
    """A "nice" step (1, 2, 2,5 or 5 × 10^k) giving at most ``jumlah_garis`` intervals."""
    kasar = rentang / jumlah_garis
    besaran = Decimal(1).scaleb(kasar.adjusted())
    for kali in _LANGKAH_BAGUS:
        if besaran * kali >= kasar:
            return (besaran * kali).normalize()
    return (besaran * 10).normalize()  # pragma: no cover - 10 always fits


def sumbu_nilai(
    nilai: Sequence[Decimal | None],
    *,
    jumlah_garis: int = 5,
    paling_tidak: Decimal | None = None,
) -> tuple[Decimal, Decimal, list[Decimal]]:
    """(bottom, top, ticks) of a value axis that starts at zero and covers every value.

    ``paling_tidak`` makes the top reach at least that value (100 for a percentage).
    With no values the axis is 0–1 (or 0–``paling_tidak``).
    """
    ada = [v for v in nilai if v is not None]
    if paling_tidak is not None:
        ada.append(paling_tidak)
    rendah = min([NOL, *ada])
    tinggi = max([NOL, *ada])
    if rendah == tinggi:
        tinggi = rendah + 1
    langkah = _langkah(tinggi - rendah, jumlah_garis)
    bawah = (rendah / langkah).to_integral_value(rounding=ROUND_FLOOR) * langkah
    atas = (tinggi / langkah).to_integral_value(rounding=ROUND_CEILING) * langkah
    garis = []
    x = bawah
    while x <= atas:
        garis.append(_rapi(x))
        x += langkah
    return _rapi(bawah), _rapi(atas), garis


def _rapi(x: Decimal) -> Decimal:
    """Plain notation: 2E+1 → 20, 1.0 → 1, 0.50 → 0.5."""
    if x == x.to_integral_value():
        return x.quantize(Decimal(1))
    return x.normalize()


def format_nilai(nilai: Decimal | None, satuan: str = "", desimal: int | None = None) -> str:
    """Indonesian number for a label: as many decimals as needed, at most two ("75,35", "88")."""
    if nilai is None:
        return "-"
    if desimal is None:
        desimal = min(2, jumlah_desimal(nilai.normalize()))
    teks = format_angka(nilai, max(desimal, 0))
    if satuan == "%":
        return f"{teks}%"
    return f"{teks} {satuan}" if satuan else teks


def _k(x: Decimal) -> str:
    """A coordinate: two decimals, always the same text for the same number."""
    return str(x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _ident(awalan: str, *bagian: object) -> str:
    isi = "\x1f".join(repr(b) for b in bagian).encode()
    return f"{awalan}-{hashlib.sha1(isi, usedforsecurity=False).hexdigest()[:10]}"


class _Kanvas:
    """Collects the SVG elements of one chart and maps values to y coordinates."""

    def __init__(self, judul: str, ident: str, bawah: Decimal, atas: Decimal):
        self.judul = judul
        self.ident = ident
        self.bawah = bawah
        self.atas = atas
        self.unsur: list[str] = []

    def y(self, nilai: Decimal) -> Decimal:
        return BAWAH - (nilai - self.bawah) / (self.atas - self.bawah) * (BAWAH - ATAS)

    def teks(self, x: Decimal, y: Decimal, isi: str, **atribut: str) -> None:
        atribut = {k.replace("_", "-"): v for k, v in atribut.items()}
        atribut.setdefault("font-size", "12")
        atribut.setdefault("fill", WARNA_SUMBU)
        attrs = "".join(f" {k}={quoteattr(v)}" for k, v in atribut.items())
        baris = isi.split("\n")
        if len(baris) == 1:
            self.unsur.append(f'<text x="{_k(x)}" y="{_k(y)}"{attrs}>{escape(isi)}</text>')
            return
        tspan = "".join(
            f'<tspan x="{_k(x)}" dy="{"0" if i == 0 else "1.2em"}">{escape(b)}</tspan>'
            for i, b in enumerate(baris)
        )
        self.unsur.append(f'<text x="{_k(x)}" y="{_k(y)}"{attrs}>{tspan}</text>')

    def sumbu(self, garis: list[Decimal], satuan: str) -> None:
        desimal = max(jumlah_desimal(g.normalize()) for g in garis) if garis else 0
        desimal = max(desimal, 0)
        self.unsur.append('<g class="sumbu-y">')
        for g in garis:
            y = self.y(g)
            self.unsur.append(
                f'<line x1="{_k(KIRI)}" y1="{_k(y)}" x2="{_k(KANAN)}" y2="{_k(y)}" '
                f'stroke="{WARNA_KISI}" stroke-width="1"/>'
            )
            self.teks(
                KIRI - 6,
                y + 4,
                format_nilai(g, satuan if satuan == "%" else "", desimal),
                text_anchor="end",
                **{"class": "label-sumbu"},
            )
        self.unsur.append("</g>")
        nol = self.y(max(self.bawah, min(NOL, self.atas)))
        self.unsur.append(
            f'<line class="garis-nol" x1="{_k(KIRI)}" y1="{_k(nol)}" x2="{_k(KANAN)}" '
            f'y2="{_k(nol)}" stroke="{WARNA_SUMBU}" stroke-width="1"/>'
        )
        self.unsur.append(
            f'<line x1="{_k(KIRI)}" y1="{_k(ATAS)}" x2="{_k(KIRI)}" y2="{_k(BAWAH)}" '
            f'stroke="{WARNA_SUMBU}" stroke-width="1"/>'
        )

    def label_kategori(self, label: Sequence[str]) -> None:
        slot = (KANAN - KIRI) / max(len(label), 1)
        self.unsur.append('<g class="sumbu-x">')
        for i, teks in enumerate(label):
            x = KIRI + slot * i + slot / 2
            self.teks(
                x,
                BAWAH + 18,
                teks,
                text_anchor="middle",
                font_size="13",
                **{"class": "label-kategori"},
            )
        self.unsur.append("</g>")

    def legenda(self, entri: list[tuple[str, str, str]]) -> None:
        """(name, colour, "batang" | "garis") per entry, in one row above the plot."""
        x = KIRI
        self.unsur.append('<g class="legenda">')
        for nama, warna, jenis in entri:
            if jenis == "batang":
                self.unsur.append(
                    f'<rect x="{_k(x)}" y="10" width="12" height="12" fill="{escape(warna)}"/>'
                )
            else:
                putus = ' stroke-dasharray="5 3"' if jenis == "garis-putus" else ""
                self.unsur.append(
                    f'<line x1="{_k(x)}" y1="16" x2="{_k(x + 14)}" y2="16" '
                    f'stroke="{escape(warna)}" stroke-width="2"{putus}/>'
                )
            self.teks(x + 18, Decimal(21), nama, font_size="13", fill="#1d2733")
            # Legend names are short; an estimate of their width is enough.
            x += Decimal(18 + 8 * len(nama) + 20)
        self.unsur.append("</g>")

    def svg(self, uraian: str) -> str:
        i = self.ident
        kepala = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img" '
            f'width="{LEBAR}" height="{TINGGI}" viewBox="0 0 {LEBAR} {TINGGI}" '
            f"font-family={quoteattr(HURUF)} aria-label={quoteattr(self.judul)} "
            f'aria-describedby="{i}-uraian">'
            f'<title id="{i}-judul">{escape(self.judul)}</title>'
            f'<desc id="{i}-uraian">{escape(uraian)}</desc>'
        )
        return kepala + "".join(self.unsur) + "</svg>"


def _uraian(label: Sequence[str], seri: Sequence[Seri], satuan: str) -> str:
    bagian = []
    for s in seri:
        isi = "; ".join(
            f"{lb.replace(chr(10), ' ')}: "
            f"{'tidak ada data' if v is None else format_nilai(v, satuan)}"
            for lb, v in zip(label, s.nilai, strict=True)
        )
        bagian.append(f"{s.nama}: {isi}.")
    return " ".join(bagian)


def _periksa(label: Sequence[str], seri: Sequence[Seri]) -> None:
    for s in seri:
        if len(s.nilai) != len(label):
            raise ValueError(
                f"seri {s.nama!r} berisi {len(s.nilai)} nilai untuk {len(label)} kategori"
            )


def _polyline(titik: list[tuple[Decimal, Decimal] | None], warna: str, putus: bool) -> list[str]:
    """One polyline per run of consecutive points (a missing value breaks the line)."""
    hasil, run = [], []
    for t in [*titik, None]:
        if t is not None:
            run.append(t)
            continue
        if len(run) > 1:
            pts = " ".join(f"{_k(x)},{_k(y)}" for x, y in run)
            garis_putus = ' stroke-dasharray="5 3"' if putus else ""
            hasil.append(
                f'<polyline points="{pts}" fill="none" stroke="{escape(warna)}" '
                f'stroke-width="2"{garis_putus}/>'
            )
        run = []
    return hasil


def grafik_batang(
    *,
    judul: str,
    label: Sequence[str],
    batang: Seri,
    garis: Seri | None = None,
    satuan: str = "",
    paling_tidak: Decimal | None = None,
    ident: str | None = None,
) -> str:
    """A bar per category (``batang``), optionally with a dashed line (``garis``, e.g. the target).

    Each bar is ``<rect class="batang" data-nilai="…">`` whose height is
    proportional to its value (measured from zero); each point of the line is a
    ``<circle class="titik-garis">``. Values are printed above the bars.
    """
    seri = [batang] + ([garis] if garis else [])
    _periksa(label, seri)
    semua = [v for s in seri for v in s.nilai]
    bawah, atas, garis_sumbu = sumbu_nilai(semua, paling_tidak=paling_tidak)
    kanvas = _Kanvas(judul, ident or _ident("grafik", judul, list(label), semua), bawah, atas)
    legenda = [(batang.nama, batang.warna, "batang")]
    if garis:
        legenda.append((garis.nama, garis.warna, "garis-putus"))
    kanvas.legenda(legenda)
    kanvas.sumbu(garis_sumbu, satuan)

    n = max(len(label), 1)
    slot = (KANAN - KIRI) / n
    lebar = min(slot * Decimal("0.6"), Decimal(56))
    nol = kanvas.y(max(bawah, min(NOL, atas)))
    target = list(garis.nilai) if garis else [None] * len(label)
    kanvas.unsur.append('<g class="seri-batang">')
    for i, v in enumerate(batang.nilai):
        if v is None:
            continue
        x = KIRI + slot * i + (slot - lebar) / 2
        y = kanvas.y(v)
        puncak, dasar = (y, nol) if v >= 0 else (nol, y)
        # The value goes above the bar, or above the target point when that is higher.
        atas_label = puncak if target[i] is None else min(puncak, kanvas.y(target[i]))
        kanvas.unsur.append(
            f'<rect class="batang" data-nilai="{v.normalize():f}" x="{_k(x)}" y="{_k(puncak)}" '
            f'width="{_k(lebar)}" height="{_k(dasar - puncak)}" fill="{escape(batang.warna)}">'
            f"<title>{escape(label[i].replace(chr(10), ' '))}: "
            f"{escape(format_nilai(v, satuan))}</title></rect>"
        )
        kanvas.teks(
            x + lebar / 2,
            (atas_label - 7) if v >= 0 else (dasar + 14),
            format_nilai(v, satuan),
            text_anchor="middle",
            font_size="13",
            fill="#1d2733",
            **{"class": "label-nilai"},
        )
    kanvas.unsur.append("</g>")
    if garis:
        titik = [
            None if v is None else (KIRI + slot * i + slot / 2, kanvas.y(v))
            for i, v in enumerate(garis.nilai)
        ]
        kanvas.unsur.append('<g class="seri-garis">')
        kanvas.unsur.extend(_polyline(titik, garis.warna, putus=True))
        for t, v in zip(titik, garis.nilai, strict=True):
            if t is None:
                continue
            kanvas.unsur.append(
                f'<circle class="titik-garis" data-nilai="{v.normalize():f}" cx="{_k(t[0])}" '
                f'cy="{_k(t[1])}" r="3.5" fill="{escape(garis.warna)}">'
                f"<title>{escape(garis.nama)}: {escape(format_nilai(v, satuan))}</title></circle>"
            )
        kanvas.unsur.append("</g>")
    kanvas.label_kategori(label)
    return kanvas.svg(_uraian(label, seri, satuan))


def grafik_garis(
    *,
    judul: str,
    label: Sequence[str],
    seri: Sequence[Seri],
    satuan: str = "",
    paling_tidak: Decimal | None = None,
    ident: str | None = None,
) -> str:
    """One line per series with a marked, labelled point per category.

    Each point is ``<circle class="titik" data-nilai="…">`` at a height
    proportional to its value; a missing value (None) breaks the line.
    """
    _periksa(label, seri)
    semua = [v for s in seri for v in s.nilai]
    bawah, atas, garis_sumbu = sumbu_nilai(semua, paling_tidak=paling_tidak)
    kanvas = _Kanvas(judul, ident or _ident("grafik", judul, list(label), semua), bawah, atas)
    kanvas.legenda([(s.nama, s.warna, "garis") for s in seri])
    kanvas.sumbu(garis_sumbu, satuan)
    slot = (KANAN - KIRI) / max(len(label), 1)
    for s in seri:
        titik = [
            None if v is None else (KIRI + slot * i + slot / 2, kanvas.y(v))
            for i, v in enumerate(s.nilai)
        ]
        kanvas.unsur.append('<g class="seri-garis">')
        kanvas.unsur.extend(_polyline(titik, s.warna, putus=False))
        for i, (t, v) in enumerate(zip(titik, s.nilai, strict=True)):
            if t is None:
                continue
            kanvas.unsur.append(
                f'<circle class="titik" data-nilai="{v.normalize():f}" cx="{_k(t[0])}" '
                f'cy="{_k(t[1])}" r="4" fill="{escape(s.warna)}">'
                f"<title>{escape(label[i].replace(chr(10), ' '))}: "
                f"{escape(format_nilai(v, satuan))}</title></circle>"
            )
            kanvas.teks(
                t[0],
                t[1] - 9,
                format_nilai(v, satuan),
                text_anchor="middle",
                font_size="13",
                fill="#1d2733",
                **{"class": "label-nilai"},
            )
        kanvas.unsur.append("</g>")
    kanvas.label_kategori(label)
    return kanvas.svg(_uraian(label, seri, satuan))
