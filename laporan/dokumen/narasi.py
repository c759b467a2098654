"""Narrative text (``Narasi.teks``) to blocks.

Plain text: a blank line separates paragraphs; a run of lines starting with "- ",
"• " or "* " is a bulleted list, and a run of lines starting with "1. ", "a. " or
"1) " a numbered list. The section ``landasan_hukum`` is always a numbered list,
one regulation per line.
"""

from __future__ import annotations

import re

from django.utils.html import escape

from laporan import kerangka
from laporan.dokumen.blocks import Blok, Daftar, Kosong, Paragraf
from laporan.dokumen.data import BagianNarasi
from laporan.dokumen.draf import Bahan, draf_bagian
from laporan.dokumen.loader import DataTahun

_BUTIR = re.compile(r"^\s*(?:[-•*]\s+)(.*)$")


_NOMOR = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-zA-Z][.)])\s+(.*)$")


def blok_narasi(teks: str, *, selalu_daftar: bool = False) -> list[Blok]:
    """Plain narrative text → paragraphs and lists (see the module docstring)."""
    teks = (teks or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not teks:
        return []
    if selalu_daftar:
        butir = []
        for baris in teks.split("\n"):
            baris = baris.strip()
            if not baris:
                continue
            m = _NOMOR.match(baris) or _BUTIR.match(baris)
            butir.append(escape(m.group(1) if m else baris))
        return [Daftar(butir=butir, berurut=True)]
    hasil: list[Blok] = []
    for chunk in re.split(r"\n\s*\n", teks):
        paragraf: list[str] = []
        daftar: list[str] = []
        berurut = False
        for b in (x for x in chunk.split("\n") if x.strip()):
            m = _BUTIR.match(b) or _NOMOR.match(b)
            if m:
                if paragraf:
                    hasil.append(_paragraf_teks(paragraf))
                    paragraf = []
                jenis_berurut = _BUTIR.match(b) is None
                if daftar and jenis_berurut != berurut:
                    hasil.append(Daftar([escape(x) for x in daftar], berurut))
                    daftar = []
                berurut = jenis_berurut
                daftar.append(m.group(1).strip())
            elif daftar and b.startswith((" ", "\t")):
                daftar[-1] = f"{daftar[-1]} {b.strip()}"
            else:
                if daftar:
                    hasil.append(Daftar([escape(x) for x in daftar], berurut))
                    daftar = []
                paragraf.append(b)
        if paragraf:
            hasil.append(_paragraf_teks(paragraf))
        if daftar:
            hasil.append(Daftar([escape(x) for x in daftar], berurut))
    return hasil


def _paragraf_teks(baris: list[str]) -> Paragraf:
    return Paragraf(escape(" ".join(x.strip() for x in baris)))


def bahan_draf(m: DataTahun) -> Bahan:
    """What the drafts of the document are written from (the year already loaded)."""
    return Bahan(paket=m.paket, tahun=m.th.tahun, hasil=m.hasil, sdm=m.sdm, sarpras=m.sarpras)


def bagian_narasi(m: DataTahun) -> dict[str, BagianNarasi]:
    """Every section of the outline with its text: the stored one, else the text drafted
    from the data (marked ``draf``), else empty (a required one then prints as a gap)."""
    bahan = bahan_draf(m)
    hasil = {}
    for b in kerangka.BAGIAN:
        n = m.narasi.get(b.kunci)
        teks = n.teks if n else ""
        judul = (n.judul.strip() if n and n.judul else "") or b.judul
        draf = False
        if not teks.strip() and (teks_draf := draf_bagian(bahan, b.kunci)):
            teks, draf = teks_draf, True
        blok = blok_narasi(teks, selalu_daftar=b.kunci == "landasan_hukum")
        if not blok and b.wajib:
            blok = [Kosong(b.kunci, judul)]
        hasil[b.kunci] = BagianNarasi(b.kunci, judul, teks, b.wajib, blok, draf=draf)
    return hasil
