"""Print the LKjIP on every core: the document is cut into parts that WeasyPrint lays
out in parallel worker processes, and the part PDFs are joined into one.

Why it is correct. The document's parts start on a new page anyway (every
chapter, the lampiran, the cover part and the daftar; inside a large chapter,
where a landscape table starts or ends: ``_cut_section``), so laying a part out
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
  every page (``split_layer``).

So every part prints at once, and only a few milliseconds of numbers wait for
all of them. The part PDFs are joined with pikepdf: pages, bookmarks
(outline), named destinations (the links of the table of contents) and
document information, then finished as an archival PDF (``laporan.cetak_arsip``).
A part printed before with the same HTML is reused (``LKJIP_PDF_SIMPAN_BAGIAN``):
a sign-off after a draft print prints only the cover part and the stamp. ``LKJIP_PDF_PROSES`` (settings) is the number of
worker processes; below 2 everything prints in the calling process.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing
import os
import re
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from laporan.cetak_arsip import Arsip
from laporan.cetak_bagian import Rendered, render_pdf, render_pdf_in_worker, start_worker, warm_up
from laporan.cetak_gabung import Overlay, merge_pdfs
from lib.format import romawi

__all__ = [
    "Parts",
    "PrintResult",
    "split",
    "html_sampul",
    "html_daftar",
    "html_daftar_page_numbers",
    "html_body_part",
    "html_page_numbers",
    "html_running_header",
    "roman_numeral",
    "merge_pdfs",
    "Overlay",
    "cetak_dokumen",
    "cetak_single_process",
    "split_layer",
    "worker_count",
    "stop_workers",
    "warm_up_workers",
    "start_workers",
]

log = logging.getLogger(__name__)

MARKER_LAYER = "<!--lapisan-->"
MARKER_LAYER_END = "<!--/lapisan-->"
MARKER_FRONT = "<!--awal-->"
MARKER_DAFTAR = "<!--daftar-->"
MARKER_BODY = '<!--isi--><div class="isi">'
MARKER_SPLIT = "<!--potong-->"
MARKER_END = "</div><!--akhir-->"

# A row of the daftar isi/tabel/gambar: the class of the row ("t1" is bold), its
# page-number cell and the anchor whose page it shows
# (templates/laporan/dokumen/dokumen.html).
_DAFTAR_ROW = re.compile(
    r'<tr(?: class="(t\d)")?>(?:(?!</tr>).)*?'
    r'(<td class="toc-hal"><a href="#([^"]+)"(?: class="romawi")?></a></td>)',
    re.S,
)
_ID = re.compile(r'\bid="([^"]+)"')
_HEADING = re.compile(r"<h([1-6])[\s>]")
_COVER_START = '<section class="sampul" id="sampul">'
_FRONT_OPEN = '<div class="awal">'
_HINT_CACHE_KEY = "lkjip:cetak:petunjuk:"
_PART_CACHE_KEY = "lkjip:cetak:bagian:3:"
# Parts of the body smaller than this (characters of HTML) are joined to their neighbour.
MERGE_BELOW = 12_000
# A section of the body longer than twice this (characters of HTML) is cut further,
# into pieces of at least this size, where its pages break anyway (``_cut_section``).
CUT_SIZE = 60_000
_LANSKAP_OPEN = '<div class="lanskap">'
_LANSKAP_CLOSE = "<!--/lanskap-->"  # after the </div> of a landscape table (tabel.html)
_SECTION_OPEN = re.compile(r'\s*<section class="([^"]+)" id="[^"]+">')
_NON_SPACE = re.compile(r"\S")
_LANSKAP_OPEN_RE = re.compile(re.escape(_LANSKAP_OPEN))
_LANSKAP_CLOSE_RE = re.compile(re.escape(_LANSKAP_CLOSE))
# Without a remembered page count, the body is guessed at one page per this many
# characters of HTML (the demo documents have 3,200 to 3,600), for the page
# numbers printed before the chapters are laid out.
CHARS_PER_PAGE = 2_500
# Prints without content kept in this process (see ``_cetak_once``).
_ONCE_KEPT = 16
# Page numbers printed when the workers start (see ``start_workers``).
PAGE_NUMBERS_AT_START = 100
# The stylesheet of the printed document, relative to the application directory.
CSS_DOKUMEN = "static/css/dokumen.css"


class SplitError(ValueError):
    """The HTML does not have the markers of the document template."""


@dataclass(frozen=True)
class Parts:
    """The document cut at its page breaks."""

    head: str  # <head> … <body>: repeated in every part
    sampul: str  # cover, kata pengantar, ikhtisar
    daftar: str  # daftar isi, tabel and gambar
    body: tuple[tuple[str, str], ...]  # (id of its first section, HTML) per part
    tail: str  # "</body></html>"

    @property
    def nested(self) -> list[bool]:
        """Per part of the body: whether its first heading is below level 1."""
        return [(m := _HEADING.search(h)) is not None and m.group(1) != "1" for _, h in self.body]

    @property
    def levels(self) -> list[list[int]]:
        """Per part of the body: the levels of its headings (its bookmarks), in order."""
        return [heading_levels(h) for _, h in self.body]

    @property
    def daftar_anchors(self) -> list[str]:
        """The anchors whose page numbers the daftar prints, one per row, in order."""
        return [a for _, _, a in _DAFTAR_ROW.findall(self.daftar)]


@dataclass
class PrintResult:
    pdf: bytes
    halaman: int
    # How it was printed, for the benchmark and the tests.
    mode: str  # "satu proses" or "paralel"
    rounds: int = 1  # 2 when a print had to wait for the chapters (see _cetak_paralel)
    reprinted: list[str] = field(default_factory=list)  # printed after the chapters
    reused: list[str] = field(default_factory=list)  # parts reused, not printed


def split_layer(html: str) -> tuple[str, str | None]:
    """Take what is the same on every page out of the document: the stamp (QR code,
    kode isi) of a signed LKjIP or the draft line and DRAF mark of a draft.

    Returns the document without it and a one-page document that holds only it,
    at the place it has on every page (the footer, the mark behind the text).
    That page is printed once and laid under every page of the document by
    ``merge_pdfs`` — one drawing shared by all pages instead of a footer laid
    out and a mark drawn again on each of them. Without markers: ``(html, None)``.
    """
    if html.count(MARKER_LAYER) != 1 or html.count(MARKER_LAYER_END) != 1:
        return html, None
    i = html.index(MARKER_LAYER)
    j = html.index(MARKER_LAYER_END)
    blok = html[i + len(MARKER_LAYER) : j]
    without_layer = html[:i] + html[j + len(MARKER_LAYER_END) :]
    if i > j or not blok.strip() or "</head>" not in html[:i]:
        return html, None
    css = "<style>@page { @top-right { content: none; } @bottom-right { content: none; } }</style>"
    layer = html[:i].replace("</head>", css + "</head>", 1) + blok + "</body></html>"
    return without_layer, layer


def split(html: str) -> Parts:
    """Cut the HTML of ``laporan.pdf.render_html`` (not the preview) into its parts."""
    if any(html.count(m) != 1 for m in (MARKER_FRONT, MARKER_DAFTAR, MARKER_BODY)):
        raise SplitError("penanda bagian dokumen tidak ditemukan")
    i_awal = html.index(MARKER_FRONT)
    i_daftar = html.index(MARKER_DAFTAR)
    i_isi = html.index(MARKER_BODY)
    i_akhir = html.rfind(MARKER_END)
    if not (i_awal < i_daftar < i_isi < i_akhir):
        raise SplitError("urutan penanda bagian dokumen salah")
    head = html[:i_awal]
    sampul = html[i_awal + len(MARKER_FRONT) : i_daftar]
    daftar = html[i_daftar + len(MARKER_DAFTAR) : i_isi]
    body = html[i_isi + len(MARKER_BODY) : i_akhir]
    tail = html[i_akhir + len(MARKER_END) :]
    parts: list[tuple[str, str]] = []
    sebelum, *body_chunks = body.split(MARKER_SPLIT)
    if sebelum.strip():
        raise SplitError("isi dokumen di luar bagian")
    for chunk in (piece for c in body_chunks for piece in _cut_section(c)):
        cocok = _ID.search(chunk)
        if cocok is None:
            raise SplitError("bagian dokumen tanpa id")
        if parts and len(parts[-1][1]) + len(chunk) <= MERGE_BELOW:
            # Small neighbours print together: each print has a fixed cost
            # (stylesheet, fonts, PDF) of about as much as 2 KB of HTML.
            ident, sebelumnya = parts[-1]
            parts[-1] = (ident, sebelumnya + MARKER_SPLIT + chunk)
        else:
            parts.append((cocok.group(1), chunk))
    # The front matter's <div class="awal"> opens in the cover part and closes
    # after the daftar: each part gets its half and closes or opens the rest.
    if (
        not parts
        or _COVER_START not in sampul
        or sampul.count(_FRONT_OPEN) != 1
        or not daftar.rstrip().endswith("</div>")
        or "</head>" not in head
    ):
        raise SplitError("bagian dokumen tidak lengkap")
    return Parts(head=head, sampul=sampul, daftar=daftar, body=tuple(parts), tail=tail)


def _cut_section(chunk: str) -> list[str]:
    """A section of the body (BAB III of a large perangkat daerah: most of the
    document) cut into pieces of at least ``CUT_SIZE`` where its pages break anyway:
    where a landscape table starts after portrait content or ends before it (a
    change of named page, ``page: lanskap``, is a forced page break). A piece laid
    out alone gives the pages it has in the whole document: it starts a page, as
    it does there. The first piece closes the section, the next ones open it
    again (without its id): each page's content sits in the section, as in the
    whole document, so the tags of a page are the same. Smaller sections, and
    chunks that are not one section, are left whole."""
    buka = _SECTION_OPEN.match(chunk)
    if len(chunk) < 2 * CUT_SIZE or buka is None or chunk.count("<section") != 1:
        return [chunk]
    akhir = chunk.rfind("</section>")
    awal = buka.end()
    titik = []
    for m in _LANSKAP_OPEN_RE.finditer(chunk, awal, akhir):
        before = chunk[max(awal, m.start() - 40) : m.start()].rstrip()
        if not before.endswith(_LANSKAP_CLOSE):
            titik.append(m.start())
    for m in _LANSKAP_CLOSE_RE.finditer(chunk, awal, akhir):
        if not chunk[m.end() : m.end() + 40].lstrip().startswith(_LANSKAP_OPEN):
            titik.append(m.end())
    potong = []
    mulai = awal
    for t in sorted(titik):
        if (
            t - mulai >= CUT_SIZE
            and akhir - t >= CUT_SIZE // 2
            and _NON_SPACE.search(chunk, mulai, t)
            and _NON_SPACE.search(chunk, t, akhir)
        ):
            potong.append(t)
            mulai = t
    if not potong:
        return [chunk]
    lagi = f'<section class="{buka.group(1)}">'
    batas = [0, *potong, len(chunk)]
    pieces = [chunk[a:b] for a, b in itertools.pairwise(batas)]
    return [
        (lagi if k else "") + piece + ("</section>" if k < len(pieces) - 1 else "")
        for k, piece in enumerate(pieces)
    ]


def heading_levels(html: str) -> list[int]:
    """The levels of the headings of ``html`` in order: those of its bookmarks."""
    return [int(m.group(1)) for m in _HEADING.finditer(html)]


def _with_style(p: Parts, css: str) -> str:
    return p.head.replace("</head>", f"<style>{css}</style></head>", 1)


# Margin boxes that a part does not print: the stamp is in the layer, and the
# running header and the arabic page number of the body are laid over its pages.
_NO_STAMP = "@page { @bottom-left { content: none; } }"
_NO_BODY_MARGINS = "@page isi, lanskap {@top-right {content: none} @bottom-right {content: none}}"


def html_body_part(p: Parts, indeks: int) -> str:
    """Part ``indeks`` of the body alone, without header and page number (see
    ``html_running_header`` and ``html_page_numbers``)."""
    head = _with_style(p, _NO_STAMP + _NO_BODY_MARGINS)
    return f'{head}<div class="isi">{p.body[indeks][1]}</div>{p.tail}'


def html_running_header(p: Parts) -> str:
    """One page of the body's page group that shows only the running header."""
    head = _with_style(p, _NO_STAMP + "@page isi { @bottom-right { content: none; } }")
    return f'{head}<div class="isi"><div></div></div>{p.tail}'


def html_page_numbers(halaman: int, root: str) -> str:
    """``halaman`` empty pages of the body's page group that show only their page
    number. It is the same for every document (the number's place and font come
    from the stylesheet), and page ``k`` is the same whatever the count, so one
    print serves every document of at most ``halaman`` pages. The stylesheet's
    time of change is written in, so that a changed stylesheet is a new print."""
    try:
        versi = os.stat(os.path.join(root, CSS_DOKUMEN)).st_mtime_ns
    except OSError:
        versi = 0
    kosong = '<div style="break-before: page"></div>' * (halaman - 1)
    return (
        f'<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f'<link rel="stylesheet" href="{CSS_DOKUMEN}"><!-- {versi} -->\n'
        "<style>@page { @top-right { content: none; } @bottom-left { content: none; } }</style>"
        f'</head>\n<body class="cetak"><div class="isi"><div></div>{kosong}</div></body></html>'
    )


def html_sampul(p: Parts) -> str:
    """The cover, kata pengantar and ikhtisar: the front matter before the daftar."""
    return f"{_with_style(p, _NO_STAMP)}{p.sampul}</div>{p.tail}"


def html_daftar(p: Parts) -> str:
    """The daftar isi/tabel/gambar alone, without any page number: neither in its
    number column nor in its footer (``html_daftar_page_numbers`` lays them over it).
    So it does not wait for the other parts.

    Each number cell holds a block ``toc-hal-K`` (K: its order in the daftar)
    whose box tells where its number goes, and a link with an invisible
    stand-in for the number, so that the link keeps an area to click. Its links
    to headings of other parts point at empty anchors placed out of the flow on
    its first page, so that WeasyPrint keeps them; the join replaces those
    destinations by the real ones. ``toc-asal`` marks the corner of the page
    area."""
    index = itertools.count()

    def sel(cocok: re.Match) -> str:
        tanda = (
            f'<td class="toc-hal"><div id="toc-hal-{next(index)}"><a href="#{cocok.group(3)}" '
            'class="tetap"><span style="visibility: hidden">000</span></a></div></td>'
        )
        return cocok.group(0).replace(cocok.group(2), tanda)

    daftar = _DAFTAR_ROW.sub(sel, p.daftar)
    di_sini = set(_ID.findall(p.daftar))
    luar = [a for a in dict.fromkeys(re.findall(r'href="#([^"]+)"', p.daftar)) if a not in di_sini]
    anchors = "".join(f'<span id="{a}"></span>' for a in luar)
    css = f"{_NO_STAMP}@page awal {{ @bottom-right {{ content: none; }} }}"
    # The corner mark goes into the first section: before it, it would be content
    # that the section's page break sends to a page of its own.
    buka = re.match(r"\s*<section [^>]*>", daftar)
    if buka is None:
        raise SplitError("daftar tidak diawali bagian")
    return (
        f"{_with_style(p, css)}{_FRONT_OPEN}"
        f'<div style="position:absolute;top:0;left:0;width:0;height:0;overflow:hidden">'
        f'{anchors}</div>{buka.group(0)}<div id="toc-asal"></div>{daftar[buka.end() :]}{p.tail}'
    )


def html_daftar_page_numbers(p: Parts, daftar: Rendered, angka: list[str], start: int) -> str:
    """The page numbers of the daftar printed by ``html_daftar``, on as many pages:
    ``angka[K]`` in the box of ``toc-hal-K`` (same font, same line), and the
    daftar's own roman page numbers in its footer, counting from ``start``."""
    x0, y0 = daftar.boxes["toc-asal"][:2]
    tebal = [kelas == "t1" for kelas, _, _ in _DAFTAR_ROW.findall(p.daftar)]
    halaman: list[list[str]] = [[] for _ in range(daftar.halaman)]
    for k, teks in enumerate(angka):
        x1, y1, x2, y2 = daftar.boxes[f"toc-hal-{k}"]
        halaman[daftar.anchors[f"toc-hal-{k}"]].append(
            f'<div class="toc-nomor{" t1" if tebal[k] else ""}" style="left:{x1 - x0:.4f}px;'
            f'top:{y1 - y0:.4f}px;width:{x2 - x1:.4f}px;height:{y2 - y1:.4f}px">{teks}</div>'
        )
    css = (
        f"{_NO_STAMP}@page :first {{ counter-reset: page {start}; }}"
        ".toc-nomor { position: absolute; text-align: right; white-space: nowrap; }"
        ".toc-nomor.t1 { font-weight: bold; }"
    )
    body = "".join(
        f'<div style="position:relative;height:0{";break-before:page" if i else ""}">'
        f"{''.join(h)}</div>"
        for i, h in enumerate(halaman)
    )
    return f"{_with_style(p, css)}{_FRONT_OPEN}{body}</div>{p.tail}"


# ----------------------------------------------------------------------- workers

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def worker_count() -> int:
    from django.conf import settings

    return int(getattr(settings, "LKJIP_PDF_PROSES", 0) or 0)


def _worker_pool(n: int, root: str) -> ProcessPoolExecutor:
    """The worker pool, started on first use: a fork server that has loaded only
    WeasyPrint and ``laporan.cetak_bagian`` (nothing of Django: no database
    connection is shared), and ``n`` workers warmed up with a tiny document, which
    leave when this process is gone (``cetak_bagian.start_worker``)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["laporan.cetak_bagian"])
            _pool = ProcessPoolExecutor(
                max_workers=n,
                mp_context=context,
                initializer=start_worker,
                initargs=(root, os.getpid()),
            )
        return _pool


def start_workers() -> list[Future]:
    """Start the worker pool in the background, without waiting: called when the
    LKjIP page of a year opens, so that its first PDF does not wait for the
    workers to start (about a second), nor for the page numbers (``html_page_numbers``).
    Nothing happens when they run already. Returns the warm-up tasks for a
    caller that wants to wait."""
    n = worker_count()
    if n < 2:
        return []
    with _pool_lock:
        if _pool is not None:
            return []
    try:
        root = _app_root()
        pool = _worker_pool(n, root)
        # Each worker runs its initializer before its first task; n small tasks reach all.
        task = [pool.submit(warm_up, root) for _ in range(n)]
        # The page numbers, the same for every document, while nobody waits for them.
        return [*task, _page_numbers(PAGE_NUMBERS_AT_START, pool, root, [])[1]]
    except Exception:  # printing starts them again, or prints in one process
        log.exception("Proses pekerja cetak tidak dapat dinyalakan.")
        return []


def warm_up_workers() -> int:
    """Start the worker pool now and wait until every worker is warm; returns the
    number of workers (0 when printing is configured to stay in one process)."""
    for task in start_workers():
        task.result()
    n = worker_count()
    return n if n >= 2 else 0


def _app_root() -> str:
    from django.conf import settings

    return str(settings.BASE_DIR)


def stop_workers() -> None:
    """Stop the worker pool (it starts again on the next parallel print)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None
    with _once_lock:
        for kunci, task in list(_once.items()):
            if not _usable(task):
                del _once[kunci]


# ----------------------------------------------------------------------- printing


def _layer_overlay(pdf: bytes) -> Overlay:
    """The stamp or draft mark (``split_layer``): under every page."""
    return Overlay(pdf, shared=True, under=True)


def cetak_single_process(
    html: str, root: str, *, arsip: Arsip | None = None
) -> tuple[PrintResult, Rendered]:
    """Print the whole document in this process (its layer laid under every page);
    also returns the print without the layer, with its anchors."""
    without_layer, layer = split_layer(html)
    c = render_pdf(without_layer, root, tags=True)
    pdf = c.pdf
    depan = _front_pages(without_layer, c)
    if layer is not None or arsip is not None or depan is not None:
        overlays = () if layer is None else (_layer_overlay(render_pdf(layer, root).pdf),)
        pdf = merge_pdfs([c.pdf], overlays=overlays, arsip=arsip, depan=depan)
    return PrintResult(pdf=pdf, halaman=c.halaman, mode="satu proses"), c


def _front_pages(html: str, c: Rendered) -> int | None:
    """Pages before the body (BAB I) of a whole print; None: not the LKjIP document."""
    try:
        return c.anchors.get(split(html).body[0][0])
    except SplitError:
        return None


def cetak_dokumen(
    html: str,
    root: str,
    *,
    kunci: str | None = None,
    arsip: Arsip | None = None,
    pool=None,
) -> PrintResult:
    """Print the document HTML to one PDF, in parallel when it can (see the module).

    ``kunci`` names the document (perangkat daerah and year) for the petunjuk: the
    page count of its body at the last print, for its page numbers.
    With fewer than two worker processes configured, or when the HTML cannot be
    cut, the document prints in this process. ``arsip``: what the archival PDF
    carries (``laporan.cetak_arsip``). ``pool``: an executor to print the parts with
    instead of this process's worker pool (the queue's workers: ``laporan.jobs``).
    """
    from django.core.cache import cache

    n = worker_count() if pool is None else 2
    without_layer, layer = split_layer(html)
    try:
        p = split(without_layer)
    except SplitError:
        p = None
    if n >= 2 and p is not None:
        hint_key = _HINT_CACHE_KEY + (kunci or _fingerprint(html))
        try:
            hasil, hint = _cetak_parallel(
                p, layer, cache.get(hint_key) or {}, pool or _worker_pool(n, root), root, arsip
            )
        except Exception:  # a broken worker must not cost the user the PDF
            log.exception("Cetak paralel gagal; dicetak dalam satu proses.")
            if pool is None:
                stop_workers()
        else:
            cache.set(hint_key, hint, None)
            return hasil
    return cetak_single_process(html, root, arsip=arsip)[0]


def _cetak_parallel(
    p: Parts,
    layer: str | None,
    hint: dict,
    pool: ProcessPoolExecutor,
    root: str,
    arsip: Arsip | None = None,
) -> tuple[PrintResult, dict]:
    """Every part goes to the workers at once, largest first: the cover part, the
    daftar (without its numbers), the chapters, then the layer and the header.
    The page numbers of the daftar need them all: they are printed last, on
    pages of their own laid over the daftar's (a few milliseconds). The page
    numbers of the body come printed already, for as many pages as the last
    print had (``hint``), or a guess; when the body has more pages, they are
    printed again."""
    keep_seconds = part_cache_seconds()
    ident = [i for i, _ in p.body]
    reused: list[str] = []
    task = {"sampul": html_sampul(p), "daftar": html_daftar(p)}
    task.update({i: html_body_part(p, k) for k, i in enumerate(ident)})
    if layer is not None:
        task["lapisan"] = layer
    submitted = _submit_parts(task, pool, root, keep_seconds, reused)
    head = _cetak_once(html_running_header(p), pool, root, "kepala", reused)
    numbered_pages, page_numbers = _page_numbers(
        hint.get("halaman_isi") or _guess_body_pages(p), pool, root, reused
    )
    hasil = _collect_parts(submitted, task, keep_seconds)

    count = [hasil[i].halaman for i in ident]
    halaman_isi = sum(count)
    reprinted = []
    if numbered_pages < halaman_isi:
        reprinted.append("nomor")
        numbered_pages, page_numbers = _page_numbers(halaman_isi, pool, root, reused)
    start = hasil["sampul"].halaman + 1
    angka = _daftar_numbers(p, hasil, ident, count, start)
    html_angka = html_daftar_page_numbers(
        p, hasil["daftar"], [angka.get(a, "") for a in p.daftar_anchors], start
    )
    daftar_numbers = _cetak_once(html_angka, pool, root, "nomor-daftar", reused)
    if "nomor-daftar" not in reused:
        reprinted.append("nomor-daftar")

    urutan = ["sampul", "daftar", *ident]
    depan = hasil["sampul"].halaman + hasil["daftar"].halaman
    overlays = [
        Overlay(head.result().pdf, depan, halaman_isi, shared=True, anchor="top-right"),
        Overlay(page_numbers.result().pdf, depan, halaman_isi, anchor="bottom-right"),
        Overlay(daftar_numbers.result().pdf, hasil["sampul"].halaman),
    ]
    if layer is not None:
        overlays.insert(0, _layer_overlay(hasil["lapisan"].pdf))
    parts = [hasil[k].pdf for k in urutan]
    nested = [False, False, *p.nested]
    levels = [heading_levels(task[k]) for k in urutan]
    pdf = merge_pdfs(
        parts, nested, tuple(overlays), placeholders=1, arsip=arsip, depan=depan, levels=levels
    )
    return (
        PrintResult(
            pdf=pdf,
            halaman=depan + halaman_isi,
            mode="paralel",
            rounds=2 if reprinted else 1,
            reprinted=sorted(reprinted),
            reused=sorted(set(reused)),
        ),
        {"halaman_isi": halaman_isi},
    )


def _submit_parts(
    task: dict[str, str],
    pool: ProcessPoolExecutor,
    root: str,
    keep_seconds: int,
    reused: list[str],
) -> dict[str, Future | Rendered]:
    """Send the prints to the workers, largest first (the pool takes work in
    submission order); a part printed before with the same HTML is reused (its name
    is added to ``reused``)."""
    from django.core.cache import cache

    hasil: dict[str, Future | Rendered] = {}
    kunci_simpan = {_PART_CACHE_KEY + _fingerprint(h): k for k, h in task.items()}
    if keep_seconds:
        for kunci, c in cache.get_many(list(kunci_simpan)).items():
            hasil[kunci_simpan[kunci]] = c
            reused.append(kunci_simpan[kunci])
    for k in sorted(task, key=lambda k: len(task[k]), reverse=True):
        if k not in hasil:
            # Tagged (structure tree) but the layer, laid under every page.
            hasil[k] = pool.submit(render_pdf_in_worker, task[k], root, k != "lapisan")
    return hasil


def _collect_parts(
    submitted: dict[str, Future | Rendered], task: dict[str, str], keep_seconds: int
) -> dict[str, Rendered]:
    """Wait for the prints; the new ones are kept for reuse for ``keep_seconds``."""
    from django.core.cache import cache

    hasil = {k: f if isinstance(f, Rendered) else f.result() for k, f in submitted.items()}
    if keep_seconds:
        baru = {
            _PART_CACHE_KEY + _fingerprint(task[k]): c
            for k, c in hasil.items()
            if not isinstance(submitted[k], Rendered)
        }
        cache.set_many(baru, keep_seconds)
    return hasil


def roman_numeral(n: int) -> str:
    """``n`` as CSS ``lower-roman`` writes it."""
    return romawi(n).lower()


def _daftar_numbers(
    p: Parts, hasil: dict[str, Rendered], ident: list[str], count: list[int], start: int
) -> dict[str, str]:
    """The page number of every anchor the daftar may show: arabic in the body,
    lower-roman in the front matter (the cover part, then the daftar from ``start`` on)."""
    angka: dict[str, str] = {}
    for a, hal in hasil["sampul"].anchors.items():
        angka.setdefault(a, roman_numeral(hal + 1))
    di_daftar = set(_ID.findall(p.daftar))
    for a, hal in hasil["daftar"].anchors.items():
        if a in di_daftar:
            angka.setdefault(a, roman_numeral(hal + start))
    for k, i in enumerate(ident):
        for a, hal in hasil[i].anchors.items():
            angka.setdefault(a, str(hal + 1 + sum(count[:k])))
    return angka


def _usable(task: Future) -> bool:
    """A print that succeeded or may still succeed."""
    return not task.cancelled() and (not task.done() or task.exception() is None)


def _guess_body_pages(p: Parts) -> int:
    """A guess at the page count of the body, from the length of its HTML."""
    return sum(len(h) for _, h in p.body) // CHARS_PER_PAGE + 1


def _page_number_count(halaman_isi: int) -> int:
    """How many numbered pages to print for a body of ``halaman_isi`` pages: at
    least five more, in steps of ten."""
    return 10 * ((halaman_isi + 5) // 10 + 1)


_once: dict[str, Future] = {}
_once_lock = threading.Lock()


def _cetak_once(
    html: str, pool: ProcessPoolExecutor, root: str, nama: str, reused: list[str]
) -> Future:
    """Print ``html`` once per process: for the prints that hold no content (the
    running header of a document, the page numbers), kept whatever
    ``LKJIP_PDF_SIMPAN_BAGIAN`` says, the last ``_ONCE_KEPT`` of them."""
    kunci = _fingerprint(html)
    with _once_lock:
        task = _once.pop(kunci, None)
        if task is not None and _usable(task):
            reused.append(nama)
        else:
            task = pool.submit(render_pdf_in_worker, html, root)
        _once[kunci] = task  # the newest last
        while len(_once) > _ONCE_KEPT:
            del _once[next(iter(_once))]
    return task


def _page_numbers(
    halaman: int, pool: ProcessPoolExecutor, root: str, reused: list[str]
) -> tuple[int, Future]:
    """Page numbers for at least ``halaman`` pages: a print of this process that has
    enough of them, or a new one. Returns its page count and the print."""
    with _once_lock:
        ada = {
            n  # the counts that _halaman_nomor and NOMOR_AWAL give: multiples of ten
            for n in range(-(-halaman // 10) * 10, halaman + 200, 10)
            if (t := _once.get(_fingerprint(html_page_numbers(n, root)))) is not None and _usable(t)
        }
    n = min(ada) if ada else _page_number_count(halaman)
    return n, _cetak_once(html_page_numbers(n, root), pool, root, "nomor", reused)


def _fingerprint(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def part_cache_seconds() -> int:
    """Seconds a printed part is kept for reuse (``LKJIP_PDF_SIMPAN_BAGIAN``; 0: never)."""
    from django.conf import settings

    return int(getattr(settings, "LKJIP_PDF_SIMPAN_BAGIAN", 0) or 0)
