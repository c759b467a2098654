"""Print the LKjIP on every core: the document is cut into parts that WeasyPrint lays
out in parallel worker processes, and the part PDFs are joined into one.

Why it is correct. The document's parts start on a new page anyway (every
chapter, the lampiran, the front matter), so laying a part out alone gives the
same pages as laying out the whole. Only two things cross parts, and neither
changes how many pages a part has:

- the arabic page numbers in the footer: the parts are printed without them,
  and one small document of as many numbered, otherwise empty pages as the
  body has is laid over the body's pages (same @page rules: same place, same
  font);
- the page numbers in the daftar isi / tabel / gambar: the front matter is
  printed with the numbers of the last print of the document (the *petunjuk*,
  in Django's cache); when a heading moved, or on the first print, the front
  matter is printed again once the chapters are known (its number column has a
  fixed width, so its own pages do not move).

So a print is one parallel round, or two when the front matter or the page
count was not known; a stale petunjuk costs time, never a wrong number. The
stamp or draft mark, the same on every page, is printed once and laid under
every page (``pisah_lapisan``), and the part PDFs are joined with pikepdf:
pages, bookmarks (outline), named destinations (the links of the table of
contents) and document information. A part printed before with the same HTML
is reused (``LKJIP_PDF_SIMPAN_BAGIAN``): a sign-off after a draft print prints
only the cover and the stamp. ``LKJIP_PDF_PROSES`` (settings) is the number of
worker processes; below 2 everything prints in the calling process.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import re
import threading
import warnings
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO

from laporan.cetak_bagian import Cetakan, cetak, hangatkan, mulai_pekerja

__all__ = [
    "Potongan",
    "HasilCetak",
    "potong",
    "html_awal",
    "html_isi",
    "html_nomor",
    "gabung_pdf",
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
PENANDA_ISI = '<!--isi--><div class="isi">'
PENANDA_POTONG = "<!--potong-->"
PENANDA_AKHIR = "</div><!--akhir-->"

# The page-number cell of a daftar isi/tabel/gambar row whose number comes from
# the arabic-numbered part (templates/laporan/dokumen/dokumen.html).
_SEL_NOMOR = re.compile(r'<td class="toc-hal"><a href="#([^"]+)"></a></td>')
_ID = re.compile(r'\bid="([^"]+)"')
_JUDUL = re.compile(r"<h([1-6])[\s>]")
_AWAL_SAMPUL = '<section class="sampul" id="sampul">'
_KUNCI_CACHE = "lkjip:cetak:petunjuk:"
_KUNCI_BAGIAN = "lkjip:cetak:bagian:"
# Parts of the body smaller than this (characters of HTML) are joined to their neighbour.
BATAS_GABUNG = 12_000


class PotongGagal(ValueError):
    """The HTML does not have the markers of the document template."""


@dataclass(frozen=True)
class Potongan:
    """The document cut at its page breaks."""

    kepala: str  # <head> … <body>: repeated in every part
    awal: str  # cover, kata pengantar, ikhtisar, daftar isi/tabel/gambar
    isi: tuple[tuple[str, str], ...]  # (id of its first section, HTML) per part
    ekor: str  # "</body></html>"

    @property
    def anak(self) -> list[bool]:
        """Per part of the body: whether its first heading is below level 1."""
        return [(m := _JUDUL.search(h)) is not None and m.group(1) != "1" for _, h in self.isi]

    @property
    def nomor_diminta(self) -> list[str]:
        """Anchors whose arabic page number the front matter prints, in order."""
        return _SEL_NOMOR.findall(self.awal)


@dataclass
class HasilCetak:
    pdf: bytes
    halaman: int
    # How it was printed, for the benchmark and the tests.
    cara: str  # "satu proses" or "paralel"
    putaran: int = 1  # parallel rounds (2 when the front matter or page count was unknown)
    dicetak_ulang: list[str] = field(default_factory=list)  # printed in the second round
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
    if html.count(PENANDA_AWAL) != 1 or html.count(PENANDA_ISI) != 1:
        raise PotongGagal("penanda bagian dokumen tidak ditemukan")
    i_awal = html.index(PENANDA_AWAL)
    i_isi = html.index(PENANDA_ISI)
    i_akhir = html.rfind(PENANDA_AKHIR)
    if not (i_awal < i_isi < i_akhir):
        raise PotongGagal("urutan penanda bagian dokumen salah")
    kepala = html[:i_awal]
    awal = html[i_awal + len(PENANDA_AWAL) : i_isi]
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
    if not bagian or _AWAL_SAMPUL not in awal or "</head>" not in kepala:
        raise PotongGagal("bagian dokumen tidak lengkap")
    return Potongan(kepala=kepala, awal=awal, isi=tuple(bagian), ekor=ekor)


def html_isi(p: Potongan, indeks: int) -> str:
    """Part ``indeks`` of the body alone, without page numbers (see ``html_nomor``)."""
    gaya = "<style>@page isi { @bottom-right { content: none; } }</style></head>"
    kepala = p.kepala.replace("</head>", gaya, 1)
    return f'{kepala}<div class="isi">{p.isi[indeks][1]}</div>{p.ekor}'


def html_nomor(p: Potongan, halaman: int) -> str:
    """``halaman`` empty pages of the body's page group that show only their number."""
    gaya = (
        "<style>@page { @top-right { content: none; } @bottom-left { content: none; } }"
        "@page isi { @top-right { content: none; } }</style></head>"
    )
    kepala = p.kepala.replace("</head>", gaya, 1)
    kosong = '<div style="break-before: page"></div>' * (halaman - 1)
    return f'{kepala}<div class="isi"><div></div>{kosong}</div>{p.ekor}'


def html_awal(p: Potongan, nomor: dict[str, int]) -> str:
    """The front matter alone, with the arabic page numbers of ``nomor`` written in.

    Its links to headings of other parts point at empty anchors placed out of
    the flow on the cover, so that WeasyPrint keeps them; the join replaces
    those destinations by the real ones.
    """

    def tulis(cocok: re.Match) -> str:
        anchor = cocok.group(1)
        return f'<td class="toc-hal"><a href="#{anchor}" class="tetap">{nomor.get(anchor, "")}</a></td>'

    awal = _SEL_NOMOR.sub(tulis, p.awal)
    di_sini = set(_ID.findall(p.awal))
    luar = [a for a in dict.fromkeys(p.nomor_diminta) if a not in di_sini]
    if luar:
        jangkar = "".join(f'<span id="{a}"></span>' for a in luar)
        awal = awal.replace(
            _AWAL_SAMPUL,
            f'{_AWAL_SAMPUL}<div style="position:absolute;top:0;left:0;width:0;'
            f'height:0;overflow:hidden">{jangkar}</div>',
            1,
        )
    return f"{p.kepala}{awal}{p.ekor}"


def gabung_pdf(
    bagian: list[bytes],
    anak: list[bool] | None = None,
    lapisan: bytes | None = None,
    nomor: tuple[bytes, int] | None = None,
) -> bytes:
    """Join PDFs printed by WeasyPrint: pages in order, outlines one after another,
    named destinations (a later part's wins over an earlier placeholder) and the
    first part's document information and catalog entries (language, page mode).

    ``anak[i]`` true: part ``i`` does not open with a level-1 heading, so its
    top bookmarks go under the last top bookmark before it, as they would in
    the whole document (the second and later lampiran under LAMPIRAN).

    ``lapisan``: a one-page PDF (see ``pisah_lapisan``) laid under every page as
    one shared form XObject. ``nomor``: (PDF, first page): page ``k`` of the PDF
    is laid over page ``first + k`` (the page numbers, see ``html_nomor``)."""
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
        if lapisan is not None:
            s = terbuka.enter_context(pikepdf.open(BytesIO(lapisan)))
            bentuk = hasil.copy_foreign(s.make_indirect(s.pages[0].as_form_xobject()))
            for halaman in hasil.pages:
                halaman.add_underlay(bentuk)
        if nomor is not None:
            s = terbuka.enter_context(pikepdf.open(BytesIO(nomor[0])))
            for k, halaman in enumerate(s.pages):
                hasil.pages[nomor[1] + k].add_overlay(hasil.copy_foreign(halaman.as_form_xobject()))
        keluar = BytesIO()
        hasil.save(keluar)
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
    workers to start (about a second). Nothing happens when they run already.
    Returns the warm-up tasks (one per worker) for a caller that wants to wait."""
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
        return [pekerja.submit(hangatkan, akar) for _ in range(n)]
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


# ----------------------------------------------------------------------- printing


def cetak_satu_proses(html: str, akar: str) -> tuple[HasilCetak, Cetakan]:
    """Print the whole document in this process (its layer laid under every page);
    also returns the print without the layer, with its anchors."""
    tanpa, lapisan = pisah_lapisan(html)
    c = cetak(tanpa, akar)
    pdf = c.pdf
    if lapisan is not None:
        pdf = gabung_pdf([c.pdf], lapisan=cetak(lapisan, akar).pdf)
    return HasilCetak(pdf=pdf, halaman=c.halaman, cara="satu proses"), c


def cetak_dokumen(html: str, akar: str, *, kunci: str | None = None) -> HasilCetak:
    """Print the document HTML to one PDF, in parallel when it can (see the module).

    ``kunci`` names the document (perangkat daerah and year) for the petunjuk.
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
    from django.core.cache import cache

    simpan = simpan_bagian_detik()
    ident = [i for i, _ in p.isi]
    nomor_tebak = {a: petunjuk.get("nomor", {}).get(a) for a in p.nomor_diminta}
    halaman_tebak = petunjuk.get("halaman_isi")
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
                hasil[k] = pekerja.submit(cetak, tugas[k], akar)
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

    tugas = {i: html_isi(p, k) for k, i in enumerate(ident)}
    if lapisan is not None:
        tugas["lapisan"] = lapisan
    if all(nomor_tebak.values()):
        tugas["awal"] = html_awal(p, nomor_tebak)
    if halaman_tebak:
        tugas["nomor"] = html_nomor(p, halaman_tebak)
    hasil = terima(kirim(tugas), tugas)

    jumlah = [hasil[i].halaman for i in ident]
    halaman_isi = sum(jumlah)
    nomor: dict[str, int] = {}
    for k, i in enumerate(ident):
        for a, hal in hasil[i].jangkar.items():
            nomor.setdefault(a, hal + 1 + sum(jumlah[:k]))
    nomor = {a: nomor[a] for a in p.nomor_diminta if a in nomor}

    ulang = {}
    if "awal" not in hasil or any(nomor_tebak.get(a) != nomor.get(a) for a in p.nomor_diminta):
        ulang["awal"] = html_awal(p, nomor)
    if halaman_tebak != halaman_isi:
        ulang["nomor"] = html_nomor(p, halaman_isi)
    if ulang:
        hasil.update(terima(kirim(ulang), ulang))
    if hasil["nomor"].halaman != halaman_isi:
        raise RuntimeError("halaman bernomor tidak sama banyak dengan halaman isi")

    urutan = ["awal", *ident]
    pdf = gabung_pdf(
        [hasil[k].pdf for k in urutan],
        [False, *p.anak],
        lapisan=hasil["lapisan"].pdf if lapisan is not None else None,
        nomor=(hasil["nomor"].pdf, hasil["awal"].halaman),
    )
    return (
        HasilCetak(
            pdf=pdf,
            halaman=sum(hasil[k].halaman for k in urutan),
            cara="paralel",
            putaran=2 if ulang else 1,
            dicetak_ulang=sorted(ulang),
            dari_simpanan=sorted(set(dari_simpanan)),
        ),
        {"halaman_isi": halaman_isi, "nomor": nomor},
    )


def _sidik(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def simpan_bagian_detik() -> int:
    """Seconds a printed part is kept for reuse (``LKJIP_PDF_SIMPAN_BAGIAN``; 0: never)."""
    from django.conf import settings

    return int(getattr(settings, "LKJIP_PDF_SIMPAN_BAGIAN", 0) or 0)
