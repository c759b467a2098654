"""The Perjanjian Kinerja of a year (murni or a perubahan) as a document of its own:
the statement with both signature blocks and its lampiran of targets and program
budgets, printed in the style of the LKjIP (the same blocks, templates and
stylesheet, laporan.dokumen and templates/laporan/dokumen/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404
from django.template.loader import render_to_string

from kinerja import models as km
from laporan.dokumen import Bab, Identitas
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import label_versi
from laporan.dokumen.identitas import susun_identitas
from laporan.dokumen.lampiran_pk import lampiran_pk
from laporan.dokumen.loader import load_data_tahun
from laporan.pdf import CSS_RELATIVE, _logo, html_to_pdf

TEMPLATE = "laporan/dokumen/pk.html"


@dataclass(frozen=True)
class DokumenPK:
    tahun: int
    versi: str
    identitas: Identitas
    judul: str  # "Perjanjian Kinerja Kecamatan X Tahun 2024 (PK Perubahan)"
    isi: Bab


def susun_pk(pd: km.PerangkatDaerah, tahun: int, versi: str) -> DokumenPK:
    """The PK ``versi`` of ``pd`` for ``tahun``; 404 when that version does not exist.

    Raises ``kinerja.engine.hitung.HitungError`` when the year has no data (as the LKjIP)."""
    m = load_data_tahun(pd, tahun)
    pk = next((p for p in m.th.perjanjian_kinerja if p.versi == versi), None)
    if pk is None:
        raise Http404("Versi Perjanjian Kinerja tidak ditemukan.")
    ident = susun_identitas(m, tahun)
    s = Context(m, ident)
    semua = {i.kode: i for i in m.paket.semua_indikator()}
    banyak = len(m.th.perjanjian_kinerja) > 1
    label = f" (PK {label_versi(versi)})" if banyak else ""
    judul = f"Perjanjian Kinerja {ident.pd_nama} Tahun {tahun}{label}"
    isi = lampiran_pk(s, 1, judul, pk, semua, s.uraian_induk())
    return DokumenPK(tahun=tahun, versi=versi, identitas=ident, judul=judul, isi=isi)


def render_html_pk(dokumen: DokumenPK) -> str:
    ident = dokumen.identitas
    return render_to_string(
        TEMPLATE,
        {
            "dokumen": dokumen,
            "ident": ident,
            "logo": _logo(ident.pemda_kode),
            "css": CSS_RELATIVE,
            "kepala_halaman": re.sub(r'["\\<>\n]', "", dokumen.judul),
        },
    )


def pdf_pk(pd: km.PerangkatDaerah, tahun: int, versi: str) -> tuple[bytes, str]:
    """The PDF of the PK and its file name."""
    dokumen = susun_pk(pd, tahun, versi)
    pdf, _ = html_to_pdf(render_html_pk(dokumen))
    nama = "-".join(pd.nama.split())
    return pdf, f"PK-{tahun}-{versi}-{nama}.pdf"


__all__ = ["DokumenPK", "pdf_pk", "render_html_pk", "susun_pk"]
