"""Print the LKjIP on every core: the document is cut into parts that WeasyPrint lays
out in parallel worker processes, and the part PDFs are joined into one.

Why it is correct. The document's parts start on a new page anyway (every
chapter, the lampiran, the cover part and the daftar), so laying a part out
alone gives the same pages as laying out the whole. What crosses parts is
printed apart and laid over or under the parts' pages, and none of it changes
how many pages a part has:

- the running header and the arabic page number of the body: the parts are
  printed without them. One page with only the header is laid over every page
  of the body, and one document of numbered, otherwise empty pages (the same
  for every document; printed once per process, when the workers start) gives
  each page its number (same @page rules: same place, same font);
- the page numbers of the daftar isi / tabel / gambar: the daftar is printed
  without them (its number column has a fixed width, so its pages do not
  depend on them), with a mark where each goes. Once every part is printed,
  the numbers are written on pages of their own, at those marks, and laid
  over the daftar's pages; so are the daftar's own roman page numbers, which
  follow the cover part's pages;
- the stamp or draft mark, the same on every page: printed once and laid under
  every page (``pisah_lapisan``).

So every part prints at once, and only a few milliseconds of numbers wait for
all of them. The part PDFs are joined with pikepdf: pages, bookmarks
(outline), named destinations (the links of the table of contents) and
document information. A part printed before with the same HTML is reused
(``LKJIP_PDF_SIMPAN_BAGIAN``): a sign-off after a draft print prints only the
cover part and the stamp. ``LKJIP_PDF_PROSES`` (settings) is the number of
worker processes; below 2 everything prints in the calling process.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import multiprocessing
import os
import re
import threading
import warnings
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO

from laporan.cetak_bagian import Cetakan, cetak, cetak_pekerja, hangatkan, mulai_pekerja

__all__ = [
    "Potongan",
    "HasilCetak",
    "potong",
    "html_sampul",
    "html_daftar",
    "html_nomor_daftar",
    "html_isi",
    "html_nomor",
    "html_kepala",
    "angka_romawi",
    "gabung_pdf",
    "Tindihan",
    "cetak_dokumen",
    "cetak_satu_proses",
    "pisah_lapisan",
    "jumlah_proses",
    "hentikan_pekerja",
    "siapkan_pekerja",
    "nyalakan_pekerja",
]

log = logging.getLogger(__name__)

PENANDA_LAPISAN = "<!--lapisan-->"
PENANDA_LAPISAN_AKHIR = "<!--/lapisan-->"
PENANDA_AWAL = "<!--awal-->"
PENANDA_DAFTAR = "<!--daftar-->"
PENANDA_ISI = '<!--isi--><div class="isi">'
PENANDA_POTONG = "<!--potong-->"
PENANDA_AKHIR = "</div><!--akhir-->"

# A row of the daftar isi/tabel/gambar: the class of the row ("t1" is bold), its
# page-number cell and the anchor whose page it shows
# (templates/laporan/dokumen/dokumen.html).
_SEL_BARIS = re.compile(
    r'<tr(?: class="(t\d)")?>(?:(?!</tr>).)*?'
    r'(<td class="toc-hal"><a href="#([^"]+)"(?: class="romawi")?></a></td>)',
    re.S,
)
_ID = re.compile(r'\bid="([^"]+)"')
_JUDUL = re.compile(r"<h([1-6])[\s>]")
_AWAL_SAMPUL = '<section class="sampul" id="sampul">'
_BUKA_AWAL = '<div class="awal">'
_KUNCI_CACHE = "lkjip:cetak:petunjuk:"
_KUNCI_BAGIAN = "lkjip:cetak:bagian:2:"
# Parts of the body smaller than this (characters of HTML) are joined to their neighbour.
BATAS_GABUNG = 12_000
# Without a remembered page count, the body is guessed at one page per this many
# characters of HTML (the demo documents have 3,200 to 3,600), for the page
# numbers printed before the chapters are laid out.
HURUF_PER_HALAMAN = 2_500
# Prints without content kept in this process (see ``_cetak_sekali``).
_SIMPAN_SEKALI = 16
# Page numbers printed when the workers start (see ``nyalakan_pekerja``).
NOMOR_AWAL = 100
# The stylesheet of the printed document, relative to the application directory.
CSS_DOKUMEN = "static/css/dokumen.css"


class PotongGagal(ValueError):
    """The HTML does not have the markers of the document template."""


@dataclass(frozen=True)
class Potongan:
    """The document cut at its page breaks."""

    kepala: str  # <head> … <body>: repeated in every part
    sampul: str  # cover, kata pengantar, ikhtisar
    daftar: str  # daftar isi, tabel and gambar
    isi: tuple[tuple[str, str], ...]  # (id of its first section, HTML) per part
    ekor: str  # "</body></html>"

    @property
    def anak(self) -> list[bool]:
        """Per part of the body: whether its first heading is below level 1."""
        return [(m := _JUDUL.search(h)) is not None and m.group(1) != "1" for _, h in self.isi]

    @property
    def nomor_daftar(self) -> list[str]:
        """The anchors whose page numbers the daftar prints, one per row, in order."""
        return [a for _, _, a in _SEL_BARIS.findall(self.daftar)]


@dataclass
class HasilCetak:
    pdf: bytes
    halaman: int
    # How it was printed, for the benchmark and the tests.
    cara: str  # "satu proses" or "paralel"
    putaran: int = 1  # 2 when a print had to wait for the chapters (see _cetak_paralel)
    dicetak_ulang: list[str] = field(default_factory=list)  # printed after the chapters
    dari_simpanan: list[str] = field(default_factory=list)  # parts reused, not printed


def pisah_lapisan(html: str) -> tuple[str, str | None]:
    """Take what is the same on every page out of the document: the stamp (QR code,
    kode isi) of a signed LKjIP or the draft line and DRAF mark of a draft.

    Returns the document without it and a one-page document that holds only it,
    at the place it has on every page (the footer, the mark behind the text).
    That page is printed once and laid under every page of the document by
    ``gabung_pdf`` — one drawing shared by all pages instead of a footer laid
    out and a mark drawn again on each of them. Without markers: ``(html, None)``.
    """
    if html.count(PENANDA_LAPISAN) != 1 or html.count(PENANDA_LAPISAN_AKHIR) != 1:
        return html, None
    i = html.index(PENANDA_LAPISAN)
    j = html.index(PENANDA_LAPISAN_AKHIR)
    blok = html[i + len(PENANDA_LAPISAN) : j]
    tanpa = html[:i] + html[j + len(PENANDA_LAPISAN_AKHIR) :]
    if i > j or not blok.strip() or "</head>" not in html[:i]:
        return html, None
    gaya = "<style>@page { @top-right { content: none; } @bottom-right { content: none; } }</style>"
    lapisan = html[:i].replace("</head>", gaya + "</head>", 1) + blok + "</body></html>"
    return tanpa, lapisan


def potong(html: str) -> Potongan:
    """Cut the HTML of ``laporan.pdf.render_html`` (not the preview) into its parts."""
    if any(html.count(m) != 1 for m in (PENANDA_AWAL, PENANDA_DAFTAR, PENANDA_ISI)):
        raise PotongGagal("penanda bagian dokumen tidak ditemukan")
    i_awal = html.index(PENANDA_AWAL)
    i_daftar = html.index(PENANDA_DAFTAR)
    i_isi = html.index(PENANDA_ISI)
    i_akhir = html.rfind(PENANDA_AKHIR)
    if not (i_awal < i_daftar < i_isi < i_akhir):
        raise PotongGagal("urutan penanda bagian dokumen salah")
    kepala = html[:i_awal]
    sampul = html[i_awal + len(PENANDA_AWAL) : i_daftar]
    daftar = html[i_daftar + len(PENANDA_DAFTAR) : i_isi]
    isi = html[i_isi + len(PENANDA_ISI) : i_akhir]
    ekor = html[i_akhir + len(PENANDA_AKHIR) :]
    bagian: list[tuple[str, str]] = []
    sebelum, *potongan_isi = isi.split(PENANDA_POTONG)
    if sebelum.strip():
        raise PotongGagal("isi dokumen di luar bagian")
    for potongan in potongan_isi:
        cocok = _ID.search(potongan)
        if cocok is None:
            raise PotongGagal("bagian dokumen tanpa id")
        if bagian and len(bagian[-1][1]) + len(potongan) <= BATAS_GABUNG:
            # Small neighbours print together: each print has a fixed cost
            # (stylesheet, fonts, PDF) of about as much as 2 KB of HTML.
            ident, sebelumnya = bagian[-1]
            bagian[-1] = (ident, sebelumnya + PENANDA_POTONG + potongan)
        else:
            bagian.append((cocok.group(1), potongan))
    # The front matter's <div class="awal"> opens in the cover part and closes
    # after the daftar: each part gets its half and closes or opens the rest.
    if (
        not bagian
        or _AWAL_SAMPUL not in sampul
        or sampul.count(_BUKA_AWAL) != 1
        or not daftar.rstrip().endswith("</div>")
        or "</head>" not in kepala
    ):
        raise PotongGagal("bagian dokumen tidak lengkap")
    return Potongan(kepala=kepala, sampul=sampul, daftar=daftar, isi=tuple(bagian), ekor=ekor)


def _dengan_gaya(p: Potongan, gaya: str) -> str:
    return p.kepala.replace("</head>", f"<style>{gaya}</style></head>", 1)


# Margin boxes that a part does not print: the stamp is in the layer, and the
# running header and the arabic page number of the body are laid over its pages.
_TANPA_STEMPEL = "@page { @bottom-left { content: none; } }"
_TANPA_TEPI_ISI = "@page isi { @top-right { content: none; } @bottom-right { content: none; } }"


def html_isi(p: Potongan, indeks: int) -> str:
    """Part ``indeks`` of the body alone, without header and page number (see
    ``html_kepala`` and ``html_nomor``)."""
    kepala = _dengan_gaya(p, _TANPA_STEMPEL + _TANPA_TEPI_ISI)
    return f'{kepala}<div class="isi">{p.isi[indeks][1]}</div>{p.ekor}'


def html_kepala(p: Potongan) -> str:
    """One page of the body's page group that shows only the running header."""
    kepala = _dengan_gaya(p, _TANPA_STEMPEL + "@page isi { @bottom-right { content: none; } }")
    return f'{kepala}<div class="isi"><div></div></div>{p.ekor}'


def html_nomor(halaman: int, akar: str) -> str:
    """``halaman`` empty pages of the body's page group that show only their page
    number. It is the same for every document (the number's place and font come
    from the stylesheet), and page ``k`` is the same whatever the count, so one
    print serves every document of at most ``halaman`` pages. The stylesheet's
    time of change is written in, so that a changed stylesheet is a new print."""
    try:
        versi = os.stat(os.path.join(akar, CSS_DOKUMEN)).st_mtime_ns
    except OSError:
        versi = 0
    kosong = '<div style="break-before: page"></div>' * (halaman - 1)
    return (
        f'<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f'<link rel="stylesheet" href="{CSS_DOKUMEN}"><!-- {versi} -->\n'
        "<style>@page { @top-right { content: none; } @bottom-left { content: none; } }</style>"
        f'</head>\n<body class="cetak"><div class="isi"><div></div>{kosong}</div></body></html>'
    )


def html_sampul(p: Potongan) -> str:
    """The cover, kata pengantar and ikhtisar: the front matter before the daftar."""
    return f"{_dengan_gaya(p, _TANPA_STEMPEL)}{p.sampul}</div>{p.ekor}"


def html_daftar(p: Potongan) -> str:
    """The daftar isi/tabel/gambar alone, without any page number: neither in its
    number column nor in its footer (``html_nomor_daftar`` lays them over it).
    So it does not wait for the other parts.

    Each number cell holds a block ``toc-hal-K`` (K: its order in the daftar)
    whose box tells where its number goes, and a link with an invisible
    stand-in for the number, so that the link keeps an area to click. Its links
    to headings of other parts point at empty anchors placed out of the flow on
    its first page, so that WeasyPrint keeps them; the join replaces those
    destinations by the real ones. ``toc-asal`` marks the corner of the page
    area."""
    urut = itertools.count()

    def sel(cocok: re.Match) -> str:
        tanda = (
            f'<td class="toc-hal"><div id="toc-hal-{next(urut)}"><a href="#{cocok.group(3)}" '
            'class="tetap"><span style="visibility: hidden">000</span></a></div></td>'
        )
        return cocok.group(0).replace(cocok.group(2), tanda)

    daftar = _SEL_BARIS.sub(sel, p.daftar)
    di_sini = set(_ID.findall(p.daftar))
    luar = [a for a in dict.fromkeys(re.findall(r'href="#([^"]+)"', p.daftar)) if a not in di_sini]
    jangkar = "".join(f'<span id="{a}"></span>' for a in luar)
    gaya = f"{_TANPA_STEMPEL}@page awal {{ @bottom-right {{ content: none; }} }}"
    # The corner mark goes into the first section: before it, it would be content
    # that the section's page break sends to a page of its own.
    buka = re.match(r"\s*<section [^>]*>", daftar)
    if buka is None:
        raise PotongGagal("daftar tidak diawali bagian")
    return (
        f"{_dengan_gaya(p, gaya)}{_BUKA_AWAL}"
        f'<div style="position:absolute;top:0;left:0;width:0;height:0;overflow:hidden">'
        f'{jangkar}</div>{buka.group(0)}<div id="toc-asal"></div>{daftar[buka.end() :]}{p.ekor}'
    )


def html_nomor_daftar(p: Potongan, daftar: Cetakan, angka: list[str], mulai: int) -> str:
    """The page numbers of the daftar printed by ``html_daftar``, on as many pages:
    ``angka[K]`` in the box of ``toc-hal-K`` (same font, same line), and the
    daftar's own roman page numbers in its footer, counting from ``mulai``."""
    x0, y0 = daftar.letak["toc-asal"][:2]
    tebal = [kelas == "t1" for kelas, _, _ in _SEL_BARIS.findall(p.daftar)]
    halaman: list[list[str]] = [[] for _ in range(daftar.halaman)]
    for k, teks in enumerate(angka):
        x1, y1, x2, y2 = daftar.letak[f"toc-hal-{k}"]
        halaman[daftar.jangkar[f"toc-hal-{k}"]].append(
            f'<div class="toc-nomor{" t1" if tebal[k] else ""}" style="left:{x1 - x0:.4f}px;'
            f'top:{y1 - y0:.4f}px;width:{x2 - x1:.4f}px;height:{y2 - y1:.4f}px">{teks}</div>'
        )
    gaya = (
        f"{_TANPA_STEMPEL}@page :first {{ counter-reset: page {mulai}; }}"
        ".toc-nomor { position: absolute; text-align: right; white-space: nowrap; }"
        ".toc-nomor.t1 { font-weight: bold; }"
    )
    isi = "".join(
        f'<div style="position:relative;height:0{";break-before:page" if i else ""}">'
        f"{''.join(h)}</div>"
        for i, h in enumerate(halaman)
    )
    return f"{_dengan_gaya(p, gaya)}{_BUKA_AWAL}{isi}</div>{p.ekor}"


def angka_romawi(n: int) -> str:
    """``n`` in lower-case roman numerals, as CSS ``lower-roman`` writes it."""
    hasil = []
    for nilai, huruf in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        jumlah, n = divmod(n, nilai)
        hasil.append(huruf * jumlah)
    return "".join(hasil)


@dataclass(frozen=True)
class Tindihan:
    """A PDF laid over (or under) pages of the joined document (``gabung_pdf``)."""

    pdf: bytes
    mulai: int = 0  # the first page it covers
    # Pages it covers; None: to the last page (``sama``) or as many as it has.
    jumlah: int | None = None
    # Its one page on every covered page, as one shared form XObject; otherwise
    # its page ``k`` on page ``mulai + k``.
    sama: bool = False
    bawah: bool = False  # under the page's content, not over it


def gabung_pdf(
    bagian: list[bytes],
    anak: list[bool] | None = None,
    tindihan: tuple[Tindihan, ...] = (),
    semu: int | None = None,
) -> bytes:
    """Join PDFs printed by WeasyPrint: pages in order, outlines one after another,
    named destinations and the first part's document information and catalog
    entries (language, page mode).

    ``semu``: the part whose named destinations are placeholders (see
    ``html_daftar``): another part's destination of the same name wins.

    ``anak[i]`` true: part ``i`` does not open with a level-1 heading, so its
    top bookmarks go under the last top bookmark before it, as they would in
    the whole document (the second and later lampiran under LAMPIRAN).

    ``tindihan``, in order: what is laid over or under the joined pages (the
    stamp, the running header, the page numbers; see ``Tindihan``)."""
    import pikepdf

    with contextlib.ExitStack() as terbuka:
        # The sources stay open until the result is saved: objects are copied lazily.
        sumber = [terbuka.enter_context(pikepdf.open(BytesIO(b))) for b in bagian]
        hasil = pikepdf.new()
        tujuan: dict[str, pikepdf.Object] = {}
        markah: list[pikepdf.OutlineItem] = []
        for urut, s in enumerate(sumber):
            with warnings.catch_warnings():
                # Named destinations are carried over below (add_pages_from would
                # rename the front matter's placeholders instead of replacing them).
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                hasil.pages.extend(s.pages)
            if urut == 0:
                hasil.docinfo = hasil.copy_foreign(s.docinfo)
                for kunci in ("/Lang", "/PageMode", "/ViewerPreferences", "/MarkInfo"):
                    if kunci in s.Root:
                        hasil.Root[kunci] = _salin(hasil, s, s.Root[kunci])
            names = s.Root.get("/Names")
            if names is not None and "/Dests" in names:
                for nama, nilai in pikepdf.NameTree(names.Dests).items():
                    if urut != semu or nama not in tujuan:
                        tujuan[nama] = _salin(hasil, s, nilai)
            with s.open_outline() as garis:
                baru = [_salin_markah(hasil, s, item) for item in garis.root]
            if anak and anak[urut] and markah:
                markah[-1].children.extend(baru)
            else:
                markah.extend(baru)
        if tujuan:
            pohon = pikepdf.NameTree.new(hasil)
            for nama in sorted(tujuan):
                pohon[nama] = tujuan[nama]
            hasil.Root.Names = hasil.make_indirect(pikepdf.Dictionary(Dests=pohon.obj))
        with hasil.open_outline() as garis:
            garis.root.extend(markah)
        for t in tindihan:
            s = terbuka.enter_context(pikepdf.open(BytesIO(t.pdf)))
            bersama = (
                hasil.copy_foreign(s.make_indirect(s.pages[0].as_form_xobject()))
                if t.sama
                else None
            )
            jumlah = t.jumlah
            if jumlah is None:
                jumlah = len(hasil.pages) - t.mulai if t.sama else len(s.pages)
            for k in range(jumlah):
                if bersama is None:
                    bentuk = hasil.copy_foreign(s.pages[k].as_form_xobject())
                else:
                    bentuk = bersama
                halaman = hasil.pages[t.mulai + k]
                (halaman.add_underlay if t.bawah else halaman.add_overlay)(bentuk)
        keluar = BytesIO()
        # Object streams pack the dictionaries of every part (each with its own
        # fonts and pages): a quarter smaller, for no measurable time.
        hasil.save(keluar, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return keluar.getvalue()


def _salin_markah(hasil, sumber, item):
    """A bookmark of ``sumber`` and its children, as bookmarks of ``hasil``."""
    import pikepdf

    baru = pikepdf.OutlineItem(item.title, destination=_salin(hasil, sumber, item.destination))
    baru.is_closed = item.is_closed
    baru.children.extend(_salin_markah(hasil, sumber, c) for c in item.children)
    return baru


def _salin(hasil, sumber, nilai):
    """``nilai`` of ``sumber`` as an object of ``hasil`` (page references follow the
    pages already copied)."""
    import pikepdf

    if nilai is None:
        return None
    if isinstance(nilai, pikepdf.Dictionary | pikepdf.Array):
        if not nilai.is_indirect:
            nilai = sumber.make_indirect(nilai)
        return hasil.copy_foreign(nilai)
    return nilai


# ----------------------------------------------------------------------- workers

_pelaksana: ProcessPoolExecutor | None = None
_pelaksana_kunci = threading.Lock()


def jumlah_proses() -> int:
    from django.conf import settings

    return int(getattr(settings, "LKJIP_PDF_PROSES", 0) or 0)


def _pekerja(n: int, akar: str) -> ProcessPoolExecutor:
    """The worker pool, started on first use: a fork server that has loaded only
    WeasyPrint and ``laporan.cetak_bagian`` (nothing of Django: no database
    connection is shared), and ``n`` workers warmed up with a tiny document, which
    leave when this process is gone (``cetak_bagian.mulai_pekerja``)."""
    global _pelaksana
    with _pelaksana_kunci:
        if _pelaksana is None:
            konteks = multiprocessing.get_context("forkserver")
            konteks.set_forkserver_preload(["laporan.cetak_bagian"])
            _pelaksana = ProcessPoolExecutor(
                max_workers=n,
                mp_context=konteks,
                initializer=mulai_pekerja,
                initargs=(akar, os.getpid()),
            )
        return _pelaksana


def nyalakan_pekerja() -> list[Future]:
    """Start the worker pool in the background, without waiting: called when the
    LKjIP page of a year opens, so that its first PDF does not wait for the
    workers to start (about a second), nor for the page numbers (``html_nomor``).
    Nothing happens when they run already. Returns the warm-up tasks for a
    caller that wants to wait."""
    n = jumlah_proses()
    if n < 2:
        return []
    with _pelaksana_kunci:
        if _pelaksana is not None:
            return []
    try:
        akar = _akar()
        pekerja = _pekerja(n, akar)
        # Each worker runs its initializer before its first task; n small tasks reach all.
        tugas = [pekerja.submit(hangatkan, akar) for _ in range(n)]
        # The page numbers, the same for every document, while nobody waits for them.
        return [*tugas, _nomor(NOMOR_AWAL, pekerja, akar, [])[1]]
    except Exception:  # printing starts them again, or prints in one process
        log.exception("Proses pekerja cetak tidak dapat dinyalakan.")
        return []


def siapkan_pekerja() -> int:
    """Start the worker pool now and wait until every worker is warm; returns the
    number of workers (0 when printing is configured to stay in one process)."""
    for tugas in nyalakan_pekerja():
        tugas.result()
    n = jumlah_proses()
    return n if n >= 2 else 0


def _akar() -> str:
    from django.conf import settings

    return str(settings.BASE_DIR)


def hentikan_pekerja() -> None:
    """Stop the worker pool (it starts again on the next parallel print)."""
    global _pelaksana
    with _pelaksana_kunci:
        if _pelaksana is not None:
            _pelaksana.shutdown(wait=True, cancel_futures=True)
            _pelaksana = None
    with _sekali_kunci:
        for kunci, tugas in list(_sekali.items()):
            if not _berguna(tugas):
                del _sekali[kunci]


# ----------------------------------------------------------------------- printing


def _lapisan(pdf: bytes) -> Tindihan:
    """The stamp or draft mark (``pisah_lapisan``): under every page."""
    return Tindihan(pdf, sama=True, bawah=True)


def cetak_satu_proses(html: str, akar: str) -> tuple[HasilCetak, Cetakan]:
    """Print the whole document in this process (its layer laid under every page);
    also returns the print without the layer, with its anchors."""
    tanpa, lapisan = pisah_lapisan(html)
    c = cetak(tanpa, akar)
    pdf = c.pdf
    if lapisan is not None:
        pdf = gabung_pdf([c.pdf], tindihan=(_lapisan(cetak(lapisan, akar).pdf),))
    return HasilCetak(pdf=pdf, halaman=c.halaman, cara="satu proses"), c


def cetak_dokumen(html: str, akar: str, *, kunci: str | None = None) -> HasilCetak:
    """Print the document HTML to one PDF, in parallel when it can (see the module).

    ``kunci`` names the document (perangkat daerah and year) for the petunjuk: the
    page count of its body at the last print, for its page numbers.
    With fewer than two worker processes configured, or when the HTML cannot be
    cut, the document prints in this process.
    """
    from django.core.cache import cache

    n = jumlah_proses()
    tanpa, lapisan = pisah_lapisan(html)
    try:
        p = potong(tanpa)
    except PotongGagal:
        p = None
    if n >= 2 and p is not None:
        kunci_petunjuk = _KUNCI_CACHE + (kunci or _sidik(html))
        try:
            hasil, petunjuk = _cetak_paralel(
                p, lapisan, cache.get(kunci_petunjuk) or {}, _pekerja(n, akar), akar
            )
        except Exception:  # a broken worker must not cost the user the PDF
            log.exception("Cetak paralel gagal; dicetak dalam satu proses.")
            hentikan_pekerja()
        else:
            cache.set(kunci_petunjuk, petunjuk, None)
            return hasil
    return cetak_satu_proses(html, akar)[0]


def _cetak_paralel(
    p: Potongan,
    lapisan: str | None,
    petunjuk: dict,
    pekerja: ProcessPoolExecutor,
    akar: str,
) -> tuple[HasilCetak, dict]:
    """Every part goes to the workers at once, largest first: the cover part, the
    daftar (without its numbers), the chapters, then the layer and the header.
    The page numbers of the daftar need them all: they are printed last, on
    pages of their own laid over the daftar's (a few milliseconds). The page
    numbers of the body come printed already, for as many pages as the last
    print had (``petunjuk``), or a guess; when the body has more pages, they are
    printed again."""
    from django.core.cache import cache

    simpan = simpan_bagian_detik()
    ident = [i for i, _ in p.isi]
    dari_simpanan: list[str] = []

    def kirim(tugas: dict[str, str]) -> dict[str, Future | Cetakan]:
        """Send the prints to the workers, largest first (the pool takes work in
        submission order); a part printed before with the same HTML is reused."""
        hasil: dict[str, Future | Cetakan] = {}
        kunci_simpan = {_KUNCI_BAGIAN + _sidik(h): k for k, h in tugas.items()}
        if simpan:
            for kunci, c in cache.get_many(list(kunci_simpan)).items():
                hasil[kunci_simpan[kunci]] = c
                dari_simpanan.append(kunci_simpan[kunci])
        for k in sorted(tugas, key=lambda k: len(tugas[k]), reverse=True):
            if k not in hasil:
                hasil[k] = pekerja.submit(cetak_pekerja, tugas[k], akar)
        return hasil

    def terima(kiriman: dict[str, Future | Cetakan], tugas: dict[str, str]) -> dict[str, Cetakan]:
        hasil = {k: f if isinstance(f, Cetakan) else f.result() for k, f in kiriman.items()}
        if simpan:
            baru = {
                _KUNCI_BAGIAN + _sidik(tugas[k]): c
                for k, c in hasil.items()
                if not isinstance(kiriman[k], Cetakan)
            }
            cache.set_many(baru, simpan)
        return hasil

    tugas = {"sampul": html_sampul(p), "daftar": html_daftar(p)}
    tugas.update({i: html_isi(p, k) for k, i in enumerate(ident)})
    if lapisan is not None:
        tugas["lapisan"] = lapisan
    kiriman = kirim(tugas)
    kepala = _cetak_sekali(html_kepala(p), pekerja, akar, "kepala", dari_simpanan)
    halaman_nomor, nomor_cetak = _nomor(
        petunjuk.get("halaman_isi") or _tebak_halaman(p), pekerja, akar, dari_simpanan
    )
    hasil = terima(kiriman, tugas)

    jumlah = [hasil[i].halaman for i in ident]
    halaman_isi = sum(jumlah)
    ulang = []
    if halaman_nomor < halaman_isi:
        ulang.append("nomor")
        halaman_nomor, nomor_cetak = _nomor(halaman_isi, pekerja, akar, dari_simpanan)
    # The number of every row of the daftar: arabic in the body, lower-roman in
    # the front matter (the cover part, then the daftar from ``mulai`` on).
    mulai = hasil["sampul"].halaman + 1
    angka: dict[str, str] = {}
    for a, hal in hasil["sampul"].jangkar.items():
        angka.setdefault(a, angka_romawi(hal + 1))
    di_daftar = set(_ID.findall(p.daftar))
    for a, hal in hasil["daftar"].jangkar.items():
        if a in di_daftar:
            angka.setdefault(a, angka_romawi(hal + mulai))
    for k, i in enumerate(ident):
        for a, hal in hasil[i].jangkar.items():
            angka.setdefault(a, str(hal + 1 + sum(jumlah[:k])))
    html_angka = html_nomor_daftar(
        p, hasil["daftar"], [angka.get(a, "") for a in p.nomor_daftar], mulai
    )
    nomor_daftar = _cetak_sekali(html_angka, pekerja, akar, "nomor-daftar", dari_simpanan)
    if "nomor-daftar" not in dari_simpanan:
        ulang.append("nomor-daftar")

    urutan = ["sampul", "daftar", *ident]
    depan = hasil["sampul"].halaman + hasil["daftar"].halaman
    tindihan = [
        Tindihan(kepala.result().pdf, depan, halaman_isi, sama=True),
        Tindihan(nomor_cetak.result().pdf, depan, halaman_isi),
        Tindihan(nomor_daftar.result().pdf, hasil["sampul"].halaman),
    ]
    if lapisan is not None:
        tindihan.insert(0, _lapisan(hasil["lapisan"].pdf))
    pdf = gabung_pdf(
        [hasil[k].pdf for k in urutan], [False, False, *p.anak], tuple(tindihan), semu=1
    )
    return (
        HasilCetak(
            pdf=pdf,
            halaman=depan + halaman_isi,
            cara="paralel",
            putaran=2 if ulang else 1,
            dicetak_ulang=sorted(ulang),
            dari_simpanan=sorted(set(dari_simpanan)),
        ),
        {"halaman_isi": halaman_isi},
    )


def _berguna(tugas: Future) -> bool:
    """A print that succeeded or may still succeed."""
    return not tugas.cancelled() and (not tugas.done() or tugas.exception() is None)


def _tebak_halaman(p: Potongan) -> int:
    """A guess at the page count of the body, from the length of its HTML."""
    return sum(len(h) for _, h in p.isi) // HURUF_PER_HALAMAN + 1


def _halaman_nomor(halaman_isi: int) -> int:
    """How many numbered pages to print for a body of ``halaman_isi`` pages: at
    least five more, in steps of ten."""
    return 10 * ((halaman_isi + 5) // 10 + 1)


_sekali: dict[str, Future] = {}
_sekali_kunci = threading.Lock()


def _cetak_sekali(
    html: str, pekerja: ProcessPoolExecutor, akar: str, nama: str, dari_simpanan: list[str]
) -> Future:
    """Print ``html`` once per process: for the prints that hold no content (the
    running header of a document, the page numbers), kept whatever
    ``LKJIP_PDF_SIMPAN_BAGIAN`` says, the last ``_SIMPAN_SEKALI`` of them."""
    kunci = _sidik(html)
    with _sekali_kunci:
        tugas = _sekali.pop(kunci, None)
        if tugas is not None and _berguna(tugas):
            dari_simpanan.append(nama)
        else:
            tugas = pekerja.submit(cetak_pekerja, html, akar)
        _sekali[kunci] = tugas  # the newest last
        while len(_sekali) > _SIMPAN_SEKALI:
            del _sekali[next(iter(_sekali))]
    return tugas


def _nomor(
    halaman: int, pekerja: ProcessPoolExecutor, akar: str, dari_simpanan: list[str]
) -> tuple[int, Future]:
    """Page numbers for at least ``halaman`` pages: a print of this process that has
    enough of them, or a new one. Returns its page count and the print."""
    with _sekali_kunci:
        ada = {
            n  # the counts that _halaman_nomor and NOMOR_AWAL give: multiples of ten
            for n in range(-(-halaman // 10) * 10, halaman + 200, 10)
            if (t := _sekali.get(_sidik(html_nomor(n, akar)))) is not None and _berguna(t)
        }
    n = min(ada) if ada else _halaman_nomor(halaman)
    return n, _cetak_sekali(html_nomor(n, akar), pekerja, akar, "nomor", dari_simpanan)


def _sidik(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def simpan_bagian_detik() -> int:
    """Seconds a printed part is kept for reuse (``LKJIP_PDF_SIMPAN_BAGIAN``; 0: never)."""
    from django.conf import settings

    return int(getattr(settings, "LKJIP_PDF_SIMPAN_BAGIAN", 0) or 0)
