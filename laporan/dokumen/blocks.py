"""The blocks a chapter is made of (headings, paragraphs, lists, tables, figures,
signature blocks, letterheads) and the helpers that build the common ones.

One set of templates (templates/laporan/dokumen/blok.html and tabel.html) renders them
to the HTML preview and to the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Sel:
    """A table cell: text as printed, a CSS class ("angka" right-aligned, "tebal", …)."""

    teks: str
    kelas: str = ""
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Baris:
    sel: list[Sel]
    kelas: str = ""  # "program", "kegiatan", "total", "kelompok"


@dataclass
class Tabel:
    """A table; ``nomor`` "3.2" when it is numbered (listed in the daftar tabel).

    ``lebar`` are the column widths in percent (fixed table layout: faster to
    lay out and the same on every page); ``kepala`` the header rows, repeated on
    every page the table runs over.
    """

    judul: str
    kepala: list[list[Sel]]
    baris: list[Baris]
    lebar: list[int]
    nomor: str | None = None
    catatan: str = ""
    kelas: str = ""
    jenis: str = "tabel"
    # The row source the table was printed from (lib.rows.Table): its typed values
    # for the xlsx of the document (laporan.xlsx).
    sumber: Any = field(default=None, compare=False, repr=False)

    @property
    def anchor(self) -> str:
        return f"tabel-{(self.nomor or '').replace('.', '-')}"

    @property
    def label(self) -> str:
        return f"Tabel {self.nomor}" if self.nomor else ""


@dataclass
class Gambar:
    judul: str
    svg: SafeString
    nomor: str = ""
    catatan: str = ""
    jenis: str = "gambar"

    @property
    def anchor(self) -> str:
        return f"gambar-{self.nomor.replace('.', '-')}"

    @property
    def label(self) -> str:
        return f"Gambar {self.nomor}"


@dataclass
class Paragraf:
    isi: SafeString
    kelas: str = ""
    jenis: str = "paragraf"


@dataclass
class Daftar:
    butir: list[SafeString]
    berurut: bool = True
    jenis: str = "daftar"


@dataclass
class Judul:
    """A heading: tingkat 2 "1.1 …", 3 "3.1.1 …", 4 an unnumbered sub-heading."""

    tingkat: int
    nomor: str
    teks: str
    anchor: str
    jenis: str = "judul"


@dataclass
class Kosong:
    """A required narrative section that is still empty (printed as a marked gap)."""

    kunci: str
    judul: str
    jenis: str = "kosong"


@dataclass
class TandaTangan:
    tempat_tanggal: str
    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""
    pengantar: str = ""  # "Pihak Pertama,"
    jenis: str = "ttd"


@dataclass
class TandaTanganGanda:
    kiri: TandaTangan
    kanan: TandaTangan
    tempat_tanggal: str = ""
    jenis: str = "ttd_ganda"


@dataclass
class Kop:
    """Letterhead of the perangkat daerah (PK documents)."""

    pemda: str
    pd: str
    alamat: str
    kontak: str
    jenis: str = "kop"


@dataclass
class Pihak:
    """ "Nama : … / Jabatan : … / selanjutnya disebut pihak pertama"."""

    nama: str
    jabatan: str
    keterangan: str
    jenis: str = "pihak"


@dataclass(frozen=True)
class ButirCatatan:
    """One consistency finding under a table: its mark ("*1)"), what is inconsistent and
    the operator's explanation ("" while unexplained)."""

    tanda: str
    teks: str
    penjelasan: str = ""
    petunjuk: bool = False  # a pointer to notes elsewhere, not a finding of its own


@dataclass
class CatatanKonsistensi:
    """A bordered small note under a table: the consistency findings of what it shows."""

    butir: list[ButirCatatan]
    judul: str = "Catatan konsistensi data"
    draf: bool = True  # an unexplained finding is marked "belum dijelaskan"
    jenis: str = "catatan"


Blok = (
    Paragraf
    | Daftar
    | Tabel
    | Gambar
    | Judul
    | Kosong
    | TandaTangan
    | TandaTanganGanda
    | Kop
    | Pihak
    | CatatanKonsistensi
)


@dataclass
class Bab:
    """A chapter (BAB I–IV) or a lampiran: its heading and blocks."""

    nomor: str  # "I" … "IV"; "" for a lampiran
    judul: str
    anchor: str
    blok: list[Blok] = field(default_factory=list)
    kelas: str = ""


@dataclass(frozen=True)
class EntriIsi:
    teks: str
    anchor: str
    tingkat: int  # 1 chapter, 2 section, 3 sub-section
    romawi: bool = False  # front matter: lower-roman page number


def baris_nomor_kolom(n: int) -> list[Sel]:
    """The row of column numbers "(1) (2) …" that PK tables print under the header."""
    return [Sel(f"({i})", "nomor-kolom") for i in range(1, n + 1)]


def paragraf(teks: str, *args: Any, kelas: str = "") -> Paragraf:
    """A generated paragraph; ``teks`` is a format string whose ``{}`` args are escaped."""
    if args:
        return Paragraf(format_html(teks, *args), kelas=kelas)
    return Paragraf(escape(teks), kelas=kelas)


def tebal(teks: str) -> SafeString:
    return format_html("<strong>{}</strong>", teks)
