"""Print one HTML document (the whole LKjIP or one part of it) with WeasyPrint.

This module imports nothing of Django: it runs both in the web process (the
single-process path of ``laporan.pdf.html_ke_pdf``) and in the worker processes
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

__all__ = ["Cetakan", "cetak", "cetak_pekerja", "pengambil", "hangatkan", "mulai_pekerja"]


@dataclass(frozen=True)
class Cetakan:
    """A printed document: the PDF, its page count and where its anchors landed."""

    pdf: bytes
    halaman: int
    # HTML id → 0-based index of the page it is on (first occurrence).
    jangkar: dict[str, int]
    # HTML id → its box on that page (x1, y1, x2, y2), CSS pixels from the
    # page's top left corner.
    letak: dict[str, tuple[float, float, float, float]]


def pengambil(akar: str | Path):
    """A WeasyPrint URL fetcher that reads only files under ``akar`` and ``data:`` URLs."""
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    akar = Path(akar).resolve()

    class Pengambil(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith("file:"):
                raise ValueError(f"sumber luar tidak diizinkan dalam dokumen: {url}")
            path = Path(url2pathname(url.split("?", 1)[0].removeprefix("file:")))
            if not path.resolve().is_relative_to(akar):
                raise ValueError(f"berkas di luar direktori aplikasi tidak diizinkan: {url}")
            return super().fetch(url, headers)

    return Pengambil(allowed_protocols={"file", "data"})


def cetak(html: str, akar: str | Path, *, kumpul: bool = True) -> Cetakan:
    """Render ``html`` to PDF; relative URLs resolve against the directory ``akar``.

    The cyclic garbage collector is paused while WeasyPrint lays out the pages:
    the layout allocates hundreds of thousands of objects and the collector's
    repeated passes over them cost about a third of the time. With ``kumpul``
    it runs once at the end instead, over the document's own objects only
    (older objects are frozen out of it); a worker leaves that to its idle time
    (``cetak_pekerja``).
    """
    from weasyprint import HTML

    akar = Path(akar).resolve()
    aktif = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        html, gaya, fonta = _gaya_tersimpan(html, akar)
        dokumen = HTML(
            string=html, base_url=akar.as_uri() + "/", url_fetcher=pengambil(akar)
        ).render(stylesheets=gaya, font_config=fonta)
        jangkar: dict[str, int] = {}
        letak: dict[str, tuple[float, float, float, float]] = {}
        for nomor, halaman in enumerate(dokumen.pages):
            for nama, kotak in halaman.anchors.items():
                if nama not in jangkar:
                    jangkar[nama] = nomor
                    letak[nama] = tuple(kotak)
        pdf = dokumen.write_pdf()
        hasil = Cetakan(pdf=pdf, halaman=len(dokumen.pages), jangkar=jangkar, letak=letak)
        del dokumen
        if kumpul:
            gc.collect()
    finally:
        gc.unfreeze()
        if aktif:
            gc.enable()
    return hasil


_TAUTAN_GAYA = re.compile(r'<link rel="stylesheet" href="([\w./-]+\.css)">')
# Per thread: a web process may print in several threads at once, and Pango's
# font map (in the font configuration) is not made for sharing between threads.
_lokal = threading.local()


def _gaya_tersimpan(html: str, akar: Path) -> tuple[str, list, object]:
    """The stylesheets that ``html`` links from ``akar``, parsed once per thread.

    Parsing and checking the stylesheet costs a print about 20 ms, as much as
    laying out a page; the parsed sheet (and the font configuration it was
    made with) serves every later print. The links are taken out of the HTML
    and the sheets given to WeasyPrint, which ranks them as the user's
    stylesheets: below the document's own ``<style>`` and ``style``
    attributes, which the document template only uses to override them.
    Returns the HTML, the sheets and the font configuration."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_lokal, "fonta"):
        _lokal.fonta = FontConfiguration()
        _lokal.gaya = {}
    tersimpan: dict[tuple[Path, int], CSS] = _lokal.gaya
    gaya = []
    for href in _TAUTAN_GAYA.findall(html):
        path = (akar / href).resolve()
        if not path.is_relative_to(akar) or not path.is_file():
            continue  # left in the HTML: WeasyPrint reports it as it would
        kunci = (path, path.stat().st_mtime_ns)
        if kunci not in tersimpan:
            tersimpan[kunci] = CSS(
                filename=str(path), url_fetcher=pengambil(akar), font_config=_lokal.fonta
            )
        gaya.append(tersimpan[kunci])
        html = html.replace(f'<link rel="stylesheet" href="{href}">', "", 1)
    return html, gaya, _lokal.fonta


# Seconds a worker waits without work before it collects the garbage of its prints.
JEDA_KUMPUL = 0.3
_kumpul: threading.Timer | None = None
_kumpul_kunci = threading.Lock()


def cetak_pekerja(html: str, akar: str) -> Cetakan:
    """``cetak`` in a worker process: the garbage of the print (a tenth of its time
    for a chapter) is collected once the worker has been idle for
    ``JEDA_KUMPUL`` seconds, not while the parts of a document wait for it."""
    global _kumpul
    with _kumpul_kunci:
        if _kumpul is not None:
            _kumpul.cancel()
            _kumpul = None
    try:
        return cetak(html, akar, kumpul=False)
    finally:
        with _kumpul_kunci:
            _kumpul = threading.Timer(JEDA_KUMPUL, gc.collect)
            _kumpul.daemon = True
            _kumpul.start()


def hangatkan(akar: str) -> None:
    """Start-up of a worker process: load WeasyPrint, the fonts and the stylesheet once,
    so that the first part it prints costs what the others cost."""
    css = Path(akar) / "static" / "css" / "dokumen.css"
    tautan = '<link rel="stylesheet" href="static/css/dokumen.css">' if css.is_file() else ""
    cetak(
        f"<html><head>{tautan}</head><body class='cetak'><p>a <b>b</b></p>"
        "<table class='tabel'><tr><td>1</td></tr></table></body></html>",
        akar,
    )


def mulai_pekerja(akar: str, induk: int) -> None:
    """Initializer of a worker process: warm up (``hangatkan``), and leave when the
    process that started the pool (``induk``, the web process) is gone.

    A worker of ``ProcessPoolExecutor`` holds both ends of its task queue, so it
    never sees its parent die; after a crash or a ``kill`` of the web process it
    would wait forever (with the fork server, which lives as long as its
    children). A daemon thread checks every two seconds that the parent lives.
    """
    threading.Thread(target=_awasi_induk, args=(induk,), daemon=True).start()
    hangatkan(akar)


def _awasi_induk(induk: int, jeda: float = 2.0) -> None:
    while True:
        time.sleep(jeda)
        try:
            os.kill(induk, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # alive, under another user
            pass
