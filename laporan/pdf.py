"""The LKjIP document as HTML (preview) and PDF (WeasyPrint), from ``laporan.assembly``.

One set of templates (``templates/laporan/dokumen/``) renders both the preview
shown in the application and the PDF; the print stylesheet
``static/css/dokumen.css`` is read from disk, fonts come from the system
(DejaVu, Debian ``fonts-dejavu-core``), and nothing is fetched over the
network. ``kode_isi`` is the SHA-256 of the unstamped HTML: the same data give
the same code, and the code printed on every page of a signed snapshot
identifies its content.
"""

from __future__ import annotations

import gc
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from kinerja.models import PerangkatDaerah
from laporan.assembly import Dokumen, susun_dokumen
from laporan.qr import qr_png_data_uri, qr_svg

__all__ = [
    "Stempel",
    "HasilPDF",
    "render_html",
    "kode_isi",
    "html_ke_pdf",
    "buat_pdf",
    "PDFGagal",
]

TEMPLATE = "laporan/dokumen/dokumen.html"
CSS_RELATIF = "css/dokumen.css"


@dataclass(frozen=True)
class Stempel:
    """Printed on every page of a signed snapshot."""

    kode_isi: str  # SHA-256 hex of the document content (see kode_isi)
    url_verifikasi: str  # absolute URL of the public verification page (in the QR code)
    versi: int
    keterangan: str  # e.g. "Ditetapkan 14 April 2025 oleh Drs. X, Camat Randublatung"


@dataclass(frozen=True)
class HasilPDF:
    pdf: bytes
    halaman: int
    kode_isi: str


class PDFGagal(Exception):
    """The PDF could not be produced (message in Indonesian)."""


def _static_dir() -> Path:
    return Path(settings.BASE_DIR) / "static"


def _logo(kode_pemda: str) -> str | None:
    """Path (relative to the static directory) of the pemda's logo, when one is installed
    as ``static/img/logo/<kode pemda>.svg`` or ``.png``."""
    for ext in ("svg", "png"):
        relatif = f"img/logo/{kode_pemda}.{ext}"
        if (_static_dir() / relatif).is_file():
            return relatif
    return None


def render_html(
    dokumen: Dokumen, *, stempel: Stempel | None = None, pratinjau: bool = False
) -> str:
    """The document as one HTML page.

    ``pratinjau=True``: a web page for the application (stylesheet and images from
    STATIC_URL, a bar with a link back to the LKjIP page of the year). Otherwise
    the page for ``html_ke_pdf`` (stylesheet and images as paths relative to
    BASE_DIR). ``stempel=None`` prints "DRAF" on every page.
    """
    ident = dokumen.identitas
    logo = _logo(ident.pemda_kode)
    konteks = {
        "dokumen": dokumen,
        "ident": ident,
        "stempel": stempel,
        "qr": "" if not stempel else qr_svg(stempel.url_verifikasi) if pratinjau else "",
        "qr_png": qr_png_data_uri(stempel.url_verifikasi) if stempel and not pratinjau else "",
        "pratinjau": pratinjau,
        "logo": logo,
        "css": CSS_RELATIF,
        "kembali": f"/pd/{ident.pd_kode}/{dokumen.tahun}/lkjip/",
        # Printed by CSS (@page content), inside <style>: no quotes, backslashes or tags.
        "kepala_halaman": re.sub(r'["\\<>\n]', "", f"LKjIP {ident.pd_nama} Tahun {dokumen.tahun}"),
    }
    return render_to_string(TEMPLATE, konteks)


def kode_isi(dokumen: Dokumen) -> str:
    """SHA-256 (hex) of ``render_html(dokumen)`` without stamp: deterministic, no timestamps."""
    return hashlib.sha256(render_html(dokumen).encode("utf-8")).hexdigest()


def _pengambil():
    """A WeasyPrint URL fetcher that reads only files of the application (no HTTP)."""
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    akar = Path(settings.BASE_DIR).resolve()

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


def html_ke_pdf(html: str) -> tuple[bytes, int]:
    """Render ``html`` (from ``render_html(..., pratinjau=False)``) to PDF: (bytes, pages).

    Relative URLs resolve against BASE_DIR on disk; only files of the application
    and ``data:`` URLs are read. The cyclic garbage collector is paused while
    WeasyPrint lays out the pages: the layout allocates hundreds of thousands of
    objects and the collector's repeated passes over them cost about a third of
    the time; it runs once at the end instead, over the new objects only.
    """
    from weasyprint import HTML

    base = Path(settings.BASE_DIR).resolve().as_uri() + "/"
    aktif = gc.isenabled()
    gc.disable()
    # Objects that existed before are set aside, so that the one collection at
    # the end walks only the document's own (cyclic) boxes.
    gc.freeze()
    try:
        dokumen = HTML(string=html, base_url=base, url_fetcher=_pengambil()).render()
        pdf = dokumen.write_pdf()
        halaman = len(dokumen.pages)
        del dokumen
        gc.collect()
    finally:
        gc.unfreeze()
        if aktif:
            gc.enable()
    return pdf, halaman


def buat_pdf(pd: PerangkatDaerah, tahun: int, *, stempel: Stempel | None = None) -> HasilPDF:
    """Assemble, render and print the LKjIP of ``pd`` for ``tahun``."""
    dokumen = susun_dokumen(pd, tahun)
    isi = kode_isi(dokumen)
    if stempel is not None and stempel.kode_isi != isi:
        raise PDFGagal(
            "kode isi pada stempel tidak sama dengan isi dokumen saat ini; "
            "data telah berubah sejak kode isi dihitung"
        )
    html = render_html(dokumen, stempel=stempel)
    pdf, halaman = html_ke_pdf(html)
    return HasilPDF(pdf=pdf, halaman=halaman, kode_isi=isi)
