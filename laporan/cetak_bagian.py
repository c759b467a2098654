"""Print one HTML document (the whole LKjIP or one part of it) with WeasyPrint.

This module imports nothing of Django: it runs both in the web process (the
single-process path of ``laporan.pdf.html_to_pdf``) and in the worker processes
of ``laporan.cetak``, which are started by a fork server that loads only this
module and WeasyPrint. Everything a worker needs comes in the call: the HTML
and the application directory, the only place files may be read from.
"""

from __future__ import annotations

import gc
import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Rendered",
    "render_pdf",
    "render_pdf_in_worker",
    "url_fetcher",
    "warm_up",
    "start_worker",
]


@dataclass(frozen=True)
class Rendered:
    """A printed document: the PDF, its page count and where its anchors landed."""

    pdf: bytes
    halaman: int
    # HTML id → 0-based index of the page it is on (first occurrence).
    anchors: dict[str, int]
    # HTML id → its box on that page (x1, y1, x2, y2), CSS pixels from the
    # page's top left corner.
    boxes: dict[str, tuple[float, float, float, float]]


def url_fetcher(root: str | Path):
    """A WeasyPrint URL fetcher that reads only files under ``root`` and ``data:`` URLs."""
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    root = Path(root).resolve()

    class _AppFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith("file:"):
                raise ValueError(f"sumber luar tidak diizinkan dalam dokumen: {url}")
            path = Path(url2pathname(url.split("?", 1)[0].removeprefix("file:")))
            if not path.resolve().is_relative_to(root):
                raise ValueError(f"berkas di luar direktori aplikasi tidak diizinkan: {url}")
            return super().fetch(url, headers)

    return _AppFileFetcher(allowed_protocols={"file", "data"})


def render_pdf(
    html: str, root: str | Path, *, collect: bool = True, tags: bool = False
) -> Rendered:
    """Render ``html`` to PDF; relative URLs resolve against the directory ``root``.

    The cyclic garbage collector is paused while WeasyPrint lays out the pages:
    the layout allocates hundreds of thousands of objects and the collector's
    repeated passes over them cost about a third of the time. With ``collect``
    it runs once at the end instead, over the document's own objects only
    (older objects are frozen out of it); a worker leaves that to its idle time
    (``render_pdf_in_worker``).
    """
    from weasyprint import HTML

    root = Path(root).resolve()
    aktif = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        html, stylesheets, font_config = _cached_stylesheets(html, root)
        dokumen = HTML(
            string=html, base_url=root.as_uri() + "/", url_fetcher=url_fetcher(root)
        ).render(stylesheets=stylesheets, font_config=font_config)
        anchors: dict[str, int] = {}
        boxes: dict[str, tuple[float, float, float, float]] = {}
        for nomor, halaman in enumerate(dokumen.pages):
            for nama, kotak in halaman.anchors.items():
                if nama not in anchors:
                    anchors[nama] = nomor
                    boxes[nama] = tuple(kotak)
        # Tagged: a structure tree (headings, paragraphs, tables, links) for screen
        # readers and reflow; the parts' trees are joined by cetak.merge_pdfs.
        pdf = dokumen.write_pdf(pdf_tags=tags)
        hasil = Rendered(pdf=pdf, halaman=len(dokumen.pages), anchors=anchors, boxes=boxes)
        del dokumen
        if collect:
            gc.collect()
    finally:
        gc.unfreeze()
        if aktif:
            gc.enable()
    return hasil


_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([\w./-]+\.css)">')
# Per thread: a web process may print in several threads at once, and Pango's
# font map (in the font configuration) is not made for sharing between threads.
_local = threading.local()


def _cached_stylesheets(html: str, root: Path) -> tuple[str, list, object]:
    """The stylesheets that ``html`` links from ``root``, parsed once per thread.

    Parsing and checking the stylesheet costs a print about 20 ms, as much as
    laying out a page; the parsed sheet (and the font configuration it was
    made with) serves every later print. The links are taken out of the HTML
    and the sheets given to WeasyPrint, which ranks them as the user's
    stylesheets: below the document's own ``<style>`` and ``style``
    attributes, which the document template only uses to override them.
    Returns the HTML, the sheets and the font configuration."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
        _local.stylesheets = {}
    parsed: dict[tuple[Path, int], CSS] = _local.stylesheets
    stylesheets = []
    for href in _STYLESHEET_LINK.findall(html):
        path = (root / href).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            continue  # left in the HTML: WeasyPrint reports it as it would
        kunci = (path, path.stat().st_mtime_ns)
        if kunci not in parsed:
            parsed[kunci] = CSS(
                filename=str(path), url_fetcher=url_fetcher(root), font_config=_local.font_config
            )
        stylesheets.append(parsed[kunci])
        html = html.replace(f'<link rel="stylesheet" href="{href}">', "", 1)
    return html, stylesheets, _local.font_config


# Seconds a worker waits without work before it collects the garbage of its prints.
COLLECT_DELAY = 0.3
_collect_timer: threading.Timer | None = None
_collect_lock = threading.Lock()


def render_pdf_in_worker(html: str, root: str, tags: bool = False) -> Rendered:
    """``render_pdf`` in a worker process: the garbage of the print (a tenth of its time
    for a chapter) is collected once the worker has been idle for
    ``COLLECT_DELAY`` seconds, not while the parts of a document wait for it."""
    global _collect_timer
    with _collect_lock:
        if _collect_timer is not None:
            _collect_timer.cancel()
            _collect_timer = None
    try:
        return render_pdf(html, root, collect=False, tags=tags)
    finally:
        with _collect_lock:
            _collect_timer = threading.Timer(COLLECT_DELAY, gc.collect)
            _collect_timer.daemon = True
            _collect_timer.start()


def warm_up(root: str) -> None:
    """Start-up of a worker process: load WeasyPrint, the fonts and the stylesheet once,
    so that the first part it prints costs what the others cost."""
    css = Path(root) / "static" / "css" / "dokumen.css"
    tautan = '<link rel="stylesheet" href="static/css/dokumen.css">' if css.is_file() else ""
    render_pdf(
        f"<html><head>{tautan}</head><body class='cetak'><p>a <b>b</b></p>"
        "<table class='tabel'><tr><td>1</td></tr></table></body></html>",
        root,
    )


def start_worker(root: str, parent: int) -> None:
    """Initializer of a worker process: warm up (``warm_up``), and leave when the
    process that started the pool (``parent``, the web process) is gone.

    A worker of ``ProcessPoolExecutor`` holds both ends of its task queue, so it
    never sees its parent die; after a crash or a ``kill`` of the web process it
    would wait forever (with the fork server, which lives as long as its
    children). A daemon thread checks every two seconds that the parent lives.
    """
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    warm_up(root)


def _watch_parent(parent: int, interval: float = 2.0) -> None:
    while True:
        time.sleep(interval)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # alive, under another user
            pass
