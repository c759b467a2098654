"""Does the printed text of an LKjIP PDF show the figures recomputed from its package?

``periksa_teks`` extracts the text of the pages with poppler's ``pdftotext
-layout`` and looks for the key figures where the document prints them,
formatted by the document's own functions (``laporan.dokumen.formatting``,
``lib.rows.format_value``):

- every tujuan/sasaran indicator: its capaian and realisasi in its row of the
  summary tables of BAB III and BAB IV (``bab3.tabel_ringkasan``; the rows are
  numbered in the order of the Renstra, the order of ``hitung``), and its
  capaian in its own section of BAB III (from the heading "Indikator: <nama>"
  to the next heading);
- every program, kegiatan and sub kegiatan indicator: capaian and realisasi in
  its row of its level's table (``bab3.tabel_indikator_program``; row number and
  kode of the program, kegiatan or sub kegiatan);
- the average capaian of the IKU (its sentence in BAB III) and the total pagu,
  realisasi and penyerapan (the "Jumlah" row of the realisasi anggaran table).

Only the body is read (from the first page with an arabic label, BAB I): the
lists of the front matter repeat the table titles. Lines are compared with
their whitespace normalised, so a wrapped title or heading is still found; a
table row runs from the line of its number to the next row or to a line at the
margin (cells are top-aligned, so the figures of a row are on its first line
even when its texts wrap).
"""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO

from kinerja.engine.hitung import Hasil, HasilIndikator
from kinerja.paket import types as t
from laporan.dokumen.formatting import capaian_tampil, kode_cetak, persen
from lib.rows import Column, Kind, format_value

__all__ = ["PeriksaError", "SelisihCetak", "periksa_teks", "teks_halaman"]

BATAS_WAKTU = 120  # seconds for pdftotext on one document

# The titles of the tables looked for (laporan/dokumen/bab3.py, bab4.py, bab3_anggaran.py).
JUDUL_RINGKASAN = (
    "Capaian Indikator Tujuan dan Sasaran Tahun {tahun}",
    "Hasil Pengukuran Pencapaian Tujuan dan Sasaran Tahun {tahun}",
)
JUDUL_PROGRAM = {
    "program": "Capaian Indikator Kinerja Program Tahun {tahun}",
    "kegiatan": "Capaian Indikator Kinerja Kegiatan Tahun {tahun}",
    "sub_kegiatan": "Capaian Indikator Kinerja Sub Kegiatan Tahun {tahun}",
}
JUDUL_ANGGARAN = "Realisasi Anggaran {pd} Tahun {tahun}"

# A caption, a numbered heading ("3.1.2 Sasaran: ...", not "3.312.000 dan ..."), an
# indicator's heading, a chapter.
_KEPALA_TABEL = re.compile(r"^\s*Tabel \d+(?:\.\d+)+ \S")
_JUDUL = re.compile(r"^(?:\d+\.\d+(?:\.\d+)? [A-Z]|Indikator: |\s*BAB [IVX]+\s*$|\s*LAMPIRAN\s*$)")
_NOMOR_BARIS = re.compile(r"^ {0,6}(\d+) {2,}(\S+)")
_JUMLAH = re.compile(r"^\s*Jumlah(?: \*[\d,]+\))? {2,}\S")  # a consistency mark may follow
_PERSEN = re.compile(r"-?\d[\d.]*,\d+%")
_RATA = re.compile(r"Rata-rata capaian (\d+) IKU adalah (\S+?)\.?(?=\s|$)")

_ANGKA = Column("", Kind.ANGKA)
_RUPIAH = Column("", Kind.RUPIAH)


class PeriksaError(Exception):
    """The PDF cannot be checked (message in Indonesian)."""


@dataclass(frozen=True)
class SelisihCetak:
    """A figure that the printed text does not show where the document prints it."""

    kode: str  # kode of the indicator; "" for a summary figure
    nama: str  # name of the indicator or of the summary figure
    apa: str  # "capaian", "realisasi", "pagu total", ...
    tempat: str  # where it was expected: the table and row, or the section
    halaman: str  # the page label(s) of that place, "" when not found
    diharapkan: str  # the recomputed figure as the document formats it
    tercetak: str  # what that place prints (its text), "" when the place is missing


def teks_halaman(isi: bytes) -> list[str]:
    """The text of every page of the PDF ``isi`` (``pdftotext -layout``)."""
    program = shutil.which("pdftotext")
    if program is None:
        raise PeriksaError(
            "program pdftotext (paket poppler-utils) tidak terpasang; teks yang tercetak "
            "tidak dapat diperiksa"
        )
    try:
        hasil = subprocess.run(
            [program, "-layout", "-enc", "UTF-8", "-", "-"],
            input=isi,
            capture_output=True,
            timeout=BATAS_WAKTU,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        raise PeriksaError(f"pdftotext tidak selesai membaca PDF dalam {BATAS_WAKTU} detik") from e
    if hasil.returncode != 0:
        pesan = hasil.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PeriksaError("pdftotext gagal membaca teks PDF" + (f": {pesan[-1]}" if pesan else ""))
    halaman = hasil.stdout.decode("utf-8", "replace").split("\f")
    if halaman and not halaman[-1].strip():
        halaman.pop()
    return halaman


def _label_halaman(isi: bytes) -> list[str]:
    import pikepdf

    with pikepdf.open(BytesIO(isi)) as pdf:
        return [str(pikepdf.Page(p).label or i + 1) for i, p in enumerate(pdf.pages)]


def _norm(teks: str) -> str:
    return " ".join(teks.split())


def _ada(teks: str, nilai: str) -> bool:
    """``nilai`` is a whole token (or run of tokens) of the normalised ``teks``."""
    return f" {_norm(nilai)} " in f" {teks} "


class Teks:
    """The lines of the body pages, each with its page label, and their normalised
    text in one string (blank lines left out) to find titles across line wraps."""

    def __init__(self, halaman: list[str], label: list[str]):
        awal = next((i for i, x in enumerate(label) if x.isdigit()), 0)
        self.baris: list[str] = []
        self.label: list[str] = []
        for i in range(awal, len(halaman)):
            nama = label[i] if i < len(label) else str(i + 1)
            for b in halaman[i].splitlines():
                self.baris.append(b.rstrip())
                self.label.append(nama)
        self._awal: list[int] = []  # offset of each line in ``gabung``
        potong, pos = [], 0
        for b in self.baris:
            self._awal.append(pos)
            n = _norm(b)
            if n:
                potong.append(n)
                pos += len(n) + 1
        self.gabung = " ".join(potong)

    def cari(self, pola: re.Pattern, mulai: int = 0) -> tuple[int, int] | None:
        """(first line, last line) of the first match of ``pola`` from line ``mulai``."""
        if mulai >= len(self.baris):
            return None
        m = pola.search(self.gabung, self._awal[mulai])
        if m is None:
            return None
        return self.baris_ke(m.start()), self.baris_ke(max(m.end() - 1, m.start()))

    def baris_ke(self, offset: int) -> int:
        return bisect.bisect_right(self._awal, offset) - 1

    def teks(self, awal: int, akhir: int) -> str:
        return _norm(" ".join(self.baris[awal:akhir]))

    def halaman(self, awal: int, akhir: int) -> str:
        pertama, terakhir = self.label[awal], self.label[max(awal, akhir - 1)]
        return pertama if pertama == terakhir else f"{pertama}–{terakhir}"

    def tabel(self, judul: str) -> tuple[int, int] | None:
        """The lines of the table captioned ``judul`` (any number): from its caption to
        the next caption or heading."""
        pola = re.compile(r"Tabel \d+(?:\.\d+)+ " + re.escape(_norm(judul)) + r"(?!\S)")
        ketemu = self.cari(pola)
        if ketemu is None:
            return None
        awal, akhir_judul = ketemu
        for i in range(akhir_judul + 1, len(self.baris)):
            if _KEPALA_TABEL.match(self.baris[i]) or _JUDUL.match(self.baris[i]):
                return awal, i
        return awal, len(self.baris)

    def baris_tabel(
        self, wilayah: tuple[int, int], nomor: int, kode: str | None = None
    ) -> tuple[int, int] | None:
        """The lines of row ``nomor`` (whose first text is ``kode``, or its beginning when
        a long kode wraps in its cell, when given)."""
        awal, akhir = wilayah
        for i in range(awal, akhir):
            m = _NOMOR_BARIS.match(self.baris[i])
            if m and m.group(1) == str(nomor) and (kode is None or kode.startswith(m.group(2))):
                return i, self._akhir_baris(i, akhir)
        return None

    def _akhir_baris(self, i: int, akhir: int) -> int:
        """A row ends at the next row, or at a line that starts at the margin (the
        text after the table, or the foot of the page)."""
        for j in range(i + 1, akhir):
            b = self.baris[j]
            if _NOMOR_BARIS.match(b) or (b and not b[0].isspace()):
                return j
        return akhir


@dataclass(frozen=True)
class _Harap:
    """One figure expected somewhere: who, what, and its printed form."""

    kode: str
    nama: str
    apa: str
    nilai: str


class _Pemeriksa:
    def __init__(self, teks: Teks):
        self.t = teks
        self.jumlah = 0
        self.selisih: list[SelisihCetak] = []

    def di(
        self,
        tempat: str,
        wilayah: tuple[int, int] | None,
        harap: list[_Harap],
        *,
        bagian: bool = False,
    ) -> None:
        """Each of ``harap`` must be printed in the lines ``wilayah`` (None: not found).
        What the place prints is quoted: a table row whole, a ``bagian`` (a section of
        text and tables) by its percentages."""
        teks = self.t.teks(*wilayah) if wilayah else ""
        halaman = self.t.halaman(*wilayah) if wilayah else ""
        for h in harap:
            self.jumlah += 1
            if wilayah is None or not _ada(teks, h.nilai):
                if bagian:
                    persen_ada = list(dict.fromkeys(_PERSEN.findall(teks)))
                    tercetak = "persentase yang tercetak: " + (", ".join(persen_ada[:8]) or "-")
                else:
                    tercetak = teks if len(teks) <= 160 else teks[:157] + "…"
                self.selisih.append(
                    SelisihCetak(h.kode, h.nama, h.apa, tempat, halaman, h.nilai, tercetak)
                )


def _capaian(h: HasilIndikator) -> _Harap:
    return _Harap(h.kode, h.nama, "capaian", persen(capaian_tampil(h)))


def _realisasi(h: HasilIndikator) -> _Harap:
    return _Harap(
        h.kode,
        h.nama,
        "realisasi",
        format_value(h.realisasi, Kind.ANGKA, _ANGKA, h.realisasi_label),
    )


def _indikator_renstra(p: _Pemeriksa, indikator: list[HasilIndikator], tahun: int) -> None:
    for judul in JUDUL_RINGKASAN:
        judul = judul.format(tahun=tahun)
        wilayah = p.t.tabel(judul)
        for nomor, h in enumerate(indikator, 1):
            baris = p.t.baris_tabel(wilayah, nomor) if wilayah else None
            tempat = (
                f'Tabel "{judul}", baris {nomor}'
                if wilayah
                else f'Tabel "{judul}" (tidak ditemukan)'
            )
            p.di(tempat, baris, [_capaian(h), _realisasi(h)])
    ke: dict[str, int] = {}
    for h in indikator:
        if capaian_tampil(h) is None:  # no capaian: its section says why, in words
            continue
        # Indicators of the same name have their sections in the same order.
        mulai = ke.get(h.nama, 0)
        judul = f"Indikator: {h.nama}"
        ketemu = p.t.cari(re.compile(re.escape(_norm(judul)) + r"(?!\S)"), mulai)
        bagian = None
        if ketemu is not None:
            awal, akhir_judul = ketemu
            akhir = next(
                (i for i in range(akhir_judul + 1, len(p.t.baris)) if _JUDUL.match(p.t.baris[i])),
                len(p.t.baris),
            )
            bagian = (awal, akhir)
            ke[h.nama] = akhir_judul + 1
        p.di(f'bagian "{judul}" pada BAB III', bagian, [_capaian(h)], bagian=True)


def _indikator_program(p: _Pemeriksa, indikator: list[HasilIndikator], tahun: int) -> None:
    for tingkat, judul in JUDUL_PROGRAM.items():
        daftar = [h for h in indikator if h.tingkat == tingkat]
        if not daftar:
            continue
        judul = judul.format(tahun=tahun)
        wilayah = p.t.tabel(judul)
        for nomor, h in enumerate(daftar, 1):
            # A made-up code is printed blank: the row is found by its number alone.
            kode = kode_cetak(h.induk) or None
            baris = p.t.baris_tabel(wilayah, nomor, kode) if wilayah else None
            tempat = (
                f'Tabel "{judul}", baris {nomor} ({h.induk})'
                if wilayah
                else f'Tabel "{judul}" (tidak ditemukan)'
            )
            p.di(tempat, baris, [_capaian(h), _realisasi(h)])


def _ringkasan(p: _Pemeriksa, paket: t.Paket, hasil: Hasil) -> None:
    r = hasil.ringkasan
    if r.get("rata_rata_capaian_iku") is not None:
        p.jumlah += 1
        harap = (
            f"Rata-rata capaian {r['jumlah_iku']} IKU adalah {persen(r['rata_rata_capaian_iku'])}"
        )
        m = _RATA.search(p.t.gabung)
        tercetak = f"Rata-rata capaian {m.group(1)} IKU adalah {m.group(2)}" if m else ""
        if tercetak != harap:
            i = p.t.baris_ke(m.start()) if m else None
            p.selisih.append(
                SelisihCetak(
                    "",
                    "rata-rata capaian IKU",
                    "rata-rata capaian IKU",
                    "kalimat rata-rata capaian IKU pada BAB III 3.1",
                    p.t.halaman(i, i + 1) if i is not None else "",
                    harap,
                    tercetak,
                )
            )
    judul = JUDUL_ANGGARAN.format(pd=paket.perangkat_daerah.nama, tahun=hasil.tahun)
    wilayah = p.t.tabel(judul)
    baris = None
    if wilayah:
        awal, akhir = wilayah
        i = next((i for i in range(awal, akhir) if _JUMLAH.match(p.t.baris[i])), None)
        baris = (i, i + 1) if i is not None else None
    nama = "jumlah anggaran"
    p.di(
        f'Tabel "{judul}", baris Jumlah',
        baris,
        [
            _Harap("", nama, "pagu total", format_value(r.get("pagu_total"), Kind.RUPIAH, _RUPIAH)),
            _Harap(
                "",
                nama,
                "realisasi total",
                format_value(r.get("realisasi_total"), Kind.RUPIAH, _RUPIAH),
            ),
            _Harap("", nama, "penyerapan total", persen(r.get("penyerapan_total"))),
        ],
    )


def periksa_teks(isi: bytes, paket: t.Paket, hasil: Hasil) -> tuple[int, list[SelisihCetak]]:
    """(figures looked for, those not printed where expected) in the PDF ``isi``, for the
    figures ``hasil`` recomputed from its package ``paket``."""
    try:
        label = _label_halaman(isi)
    except Exception as e:  # pikepdf: damaged or encrypted
        raise PeriksaError(f"berkas tidak dapat dibaca sebagai PDF: {e}") from e
    p = _Pemeriksa(Teks(teks_halaman(isi), label))
    renstra = [h for h in hasil.indikator if h.tingkat in ("tujuan", "sasaran")]
    _indikator_renstra(p, renstra, hasil.tahun)
    _indikator_program(p, hasil.indikator, hasil.tahun)
    _ringkasan(p, paket, hasil)
    return p.jumlah, p.selisih
