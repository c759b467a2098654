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

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from kinerja.models import PerangkatDaerah
from kinerja.paket.serializer import dumps, tulis_paket
from laporan.cetak import cetak_dokumen, cetak_single_process
from laporan.cetak_arsip import Arsip
from laporan.dokumen import Dokumen, susun_dokumen
from laporan.qr import qr_png_data_uri, qr_svg

__all__ = [
    "Stempel",
    "HasilPDF",
    "render_html",
    "kode_isi",
    "html_to_pdf",
    "cetak_html",
    "arsip_dokumen",
    "document_key",
    "buat_pdf",
    "PDFError",
]

TEMPLATE = "laporan/dokumen/dokumen.html"
CSS_RELATIVE = "css/dokumen.css"


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


class PDFError(Exception):
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
    the page for ``html_to_pdf`` (stylesheet and images as paths relative to
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
        "css": CSS_RELATIVE,
        "kembali": f"/pd/{ident.pd_kode}/{dokumen.tahun}/lkjip/",
        # Printed by CSS (@page content), inside <style>: no quotes, backslashes or tags.
        "kepala_halaman": re.sub(r'["\\<>\n]', "", f"LKjIP {ident.pd_nama} Tahun {dokumen.tahun}"),
    }
    return render_to_string(TEMPLATE, konteks)


def kode_isi(dokumen: Dokumen) -> str:
    """SHA-256 (hex) of ``render_html(dokumen)`` without stamp: deterministic, no timestamps."""
    return hashlib.sha256(render_html(dokumen).encode("utf-8")).hexdigest()


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """Render ``html`` (from ``render_html(..., pratinjau=False)``) to PDF in this
    process: (bytes, pages). Relative URLs resolve against BASE_DIR on disk; only
    files of the application and ``data:`` URLs are read (``laporan.cetak_bagian``)."""
    hasil, _ = cetak_single_process(html, os.fspath(settings.BASE_DIR))
    return hasil.pdf, hasil.halaman


def cetak_html(
    html: str, *, kunci: str | None = None, arsip: Arsip | None = None, pool=None
) -> tuple[bytes, int]:
    """Render ``html`` to PDF on every configured core (``laporan.cetak``): (bytes, pages).

    ``kunci`` names the document (perangkat daerah and year) so that the page
    layout of its last print can be reused to print its parts in parallel.
    ``arsip``: the data the archival PDF carries (``arsip_dokumen``). ``pool``: the
    executor of the parts (``laporan.jobs.CeleryPool`` in a queue worker); by default
    this process's worker pool."""
    hasil = cetak_dokumen(html, os.fspath(settings.BASE_DIR), kunci=kunci, arsip=arsip, pool=pool)
    return hasil.pdf, hasil.halaman


def arsip_dokumen(dokumen: Dokumen) -> Arsip | None:
    """What the PDF of ``dokumen`` carries: its data package (``paket_muat`` of the
    perangkat daerah and year, with the rules in force for the year, written as
    ``ekspor_paket`` writes it) and its figures (as ``manage.py hitung --format
    json`` writes them): the very package and figures the document was assembled
    from."""
    if dokumen.paket is None:
        return None
    pd = dokumen.identitas.pd_nama
    return Arsip(
        judul=f"LKjIP {pd} Tahun {dokumen.tahun}",
        penulis=pd,
        paket_json=(dumps(tulis_paket(dokumen.paket)) + "\n").encode("utf-8"),
        hitung_json=(dumps(dokumen.hasil.sebagai_dict()) + "\n").encode("utf-8"),
    )


def document_key(pd: PerangkatDaerah, tahun: int) -> str:
    return f"{pd.kode}:{tahun}"


def buat_pdf(pd: PerangkatDaerah, tahun: int, *, stempel: Stempel | None = None) -> HasilPDF:
    """Assemble, render and print the LKjIP of ``pd`` for ``tahun``."""
    dokumen = susun_dokumen(pd, tahun)
    isi = kode_isi(dokumen)
    if stempel is not None and stempel.kode_isi != isi:
        raise PDFError(
            "kode isi pada stempel tidak sama dengan isi dokumen saat ini; "
            "data telah berubah sejak kode isi dihitung"
        )
    html = render_html(dokumen, stempel=stempel)
    pdf, halaman = cetak_html(html, kunci=document_key(pd, tahun), arsip=arsip_dokumen(dokumen))
    return HasilPDF(pdf=pdf, halaman=halaman, kode_isi=isi)
