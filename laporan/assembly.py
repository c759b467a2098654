"""The LKjIP document of one year as plain data, assembled from the stored data.

``susun_dokumen(pd, tahun)`` reads everything once (``paket_muat`` plus a few
queries for the narrative, the BAB I tables, the evidence list and the
automatic benchmark against the other perangkat daerah of the pemda — a fixed
number of queries, whatever the number of indicators), computes every figure
with ``kinerja.engine.hitung`` and returns a :class:`Dokumen`: the identity, the
narrative sections, and the chapters as lists of blocks (headings, paragraphs,
lists, numbered tables and figures, signature blocks) that one set of
templates renders to the HTML preview and to the PDF (``laporan.pdf``).

Numbers are formatted here, the Indonesian way, from the unrounded values of
``hitung``; tables and figures are numbered per chapter ("Tabel 3.2") in
document order, and the generated sentences refer to them by number.

Narrative text (``Narasi.teks``) is plain text: a blank line separates
paragraphs; a run of lines starting with "- ", "• " or "* " is a bulleted
list, and a run of lines starting with "1. ", "a. " or "1) " a numbered list.
The section ``landasan_hukum`` is always a numbered list, one regulation per
line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from anggaran.selectors import jenis_belanja_berdampingan, kunci_kode
from kinerja import models as km
from kinerja import penandatangan
from kinerja.engine.angka import Nilai, jumlah_desimal
from kinerja.engine.capaian import Polaritas, RumusNegatif, hitung_capaian
from kinerja.engine.efisiensi import RUMUS_EFISIENSI, MetodeEfisiensi
from kinerja.engine.hitung import Hasil, HasilIndikator, HitungGagal, hitung, pohon_program
from kinerja.engine.ikm import UNSUR_SKM
from kinerja.engine.penyerapan import gulung, jumlah
from kinerja.engine.perbandingan import kalimat_perubahan
from kinerja.engine.predikat import Band, Skala, klasifikasi
from kinerja.engine.realisasi import Rasio, TipePenghitungan, nilai_tahunan
from kinerja.engine.temuan import Temuan
from kinerja.paket import types as t
from kinerja.penandatangan import jabatan_cetak, jabatan_kalimat
from kinerja.services.renstra import kalimat_versi_renstra
from laporan import kerangka
from laporan.models import LKjIP, Narasi
from laporan.selectors_paket import paket_muat
from laporan.services.tetap import TemuanDijelaskan, kelompok_temuan, penjelasan_tahun
from lib.format import (
    format_angka,
    format_angka_alami,
    format_nip,
    format_persen,
    format_rupiah,
    format_tanggal,
    terbilang,
)
from lib.grafik import WARNA_GARIS, Seri, grafik_batang

__all__ = [
    "Sel",
    "Baris",
    "Tabel",
    "Gambar",
    "Paragraf",
    "Daftar",
    "Judul",
    "Kosong",
    "TandaTangan",
    "TandaTanganGanda",
    "Kop",
    "Pihak",
    "Bab",
    "EntriIsi",
    "PejabatDok",
    "Identitas",
    "BagianNarasi",
    "BagianKosong",
    "TahunKinerja",
    "NilaiBanding",
    "BandingPD",
    "ProgramPendukung",
    "AnalisisIndikator",
    "AnalisisSasaran",
    "Dokumen",
    "susun_dokumen",
    "blok_narasi",
]


# --------------------------------------------------------------------------- blocks


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


# --------------------------------------------------------------------------- semantic data


@dataclass(frozen=True)
class PejabatDok:
    nama: str  # with titles: "Drs. Sutrisno Wibowo, M.Si"
    jabatan: str
    pangkat: str = ""
    golongan: str = ""
    nip: str = ""  # formatted "19680314 199403 1 007", "" when unknown
    status: str = ""  # "plt"/"plh" for an acting official

    @property
    def jabatan_cetak(self) -> str:
        """The jabatan line of a signature block: "Plt. CAMAT RANDUBLATUNG"."""
        return jabatan_cetak(self.jabatan, self.status)

    @property
    def jabatan_kalimat(self) -> str:
        """The jabatan within a sentence: "Plt. Camat Randublatung"."""
        return jabatan_kalimat(self.jabatan, self.status)

    @property
    def pangkat_golongan(self) -> str:
        if self.pangkat and self.golongan:
            return f"{self.pangkat} ({self.golongan})"
        return self.pangkat or self.golongan


@dataclass(frozen=True)
class Identitas:
    pemda_kode: str
    pemda_nama: str
    provinsi: str
    ibu_kota: str
    pd_kode: str
    pd_nama: str
    pd_jenis: str
    alamat: str
    telepon: str
    email: str
    situs: str
    tahun: int
    renstra_mulai: int
    renstra_selesai: int
    kepala: PejabatDok | None
    kepala_daerah: PejabatDok | None
    tempat: str
    tanggal: Any  # datetime.date | None
    tanggal_teks: str  # "14 April 2025", or a blank to fill in by hand

    @property
    def tempat_tanggal(self) -> str:
        return f"{self.tempat}, {self.tanggal_teks}"


@dataclass
class BagianNarasi:
    """A narrative section of the outline with its text (maybe empty)."""

    kunci: str
    judul: str
    teks: str
    wajib: bool
    blok: list[Blok]

    @property
    def kosong(self) -> bool:
        return not self.teks.strip()


@dataclass(frozen=True)
class BagianKosong:
    kunci: str
    judul: str


@dataclass(frozen=True)
class TahunKinerja:
    tahun: int
    target: Decimal | None
    target_label: str | None
    realisasi: Decimal | None
    realisasi_label: str | None
    capaian: Decimal | None


@dataclass(frozen=True)
class NilaiBanding:
    tingkat: str  # kabupaten / provinsi / nasional / lainnya
    label: str
    nilai: Decimal
    nilai_label: str | None
    sumber: str


@dataclass(frozen=True)
class BandingPD:
    """The same indicator in another perangkat daerah of the pemda (automatic benchmark)."""

    pd_kode: str
    pd_nama: str
    indikator_kode: str
    indikator_nama: str
    target: Decimal | None
    target_label: str | None
    realisasi: Decimal | None
    realisasi_label: str | None
    capaian: Decimal | None
    predikat: str | None


@dataclass
class ProgramPendukung:
    kode: str
    nama: str
    indikator: list[HasilIndikator]
    pagu: Decimal | None
    realisasi: Decimal | None
    penyerapan: Decimal | None


@dataclass
class AnalisisIndikator:
    """The analyses of DOMAIN §1.2 for one tujuan/sasaran indicator."""

    hasil: HasilIndikator
    riwayat: list[TahunKinerja]
    kalimat_capaian: str
    kalimat_riwayat: list[str]
    kalimat_kemajuan: str
    pembanding: list[NilaiBanding]
    pd_lain: list[BandingPD]
    penyebab: list[str]  # realisasi notes, "Triwulan II: …"
    narasi: BagianNarasi
    wajib_analisis: bool  # target missed and no realisasi note explains it


@dataclass
class AnalisisSasaran:
    kode: str
    tingkat: str  # "tujuan" | "sasaran"
    uraian: str
    indikator: list[AnalisisIndikator]
    efisiensi: dict[str, Any] | None
    program: list[ProgramPendukung]


@dataclass(frozen=True)
class BuktiBaris:
    indikator_kode: str
    indikator_nama: str
    triwulan: int
    nama: str
    jenis: str
    ukuran: int
    waktu: Any


@dataclass
class Dokumen:
    tahun: int
    identitas: Identitas
    status: str  # LKjIP status: draf / diajukan / ditetapkan
    narasi: dict[str, BagianNarasi]
    kosong: list[BagianKosong]
    kata_pengantar: BagianNarasi
    ikhtisar: BagianNarasi | None
    bab: list[Bab]
    lampiran: list[Bab]
    daftar_isi: list[EntriIsi]
    daftar_tabel: list[Tabel]
    daftar_gambar: list[Gambar]
    analisis: list[AnalisisSasaran]
    bukti: list[BuktiBaris]
    hasil: Hasil
    temuan: list[Temuan]
    penutup: TandaTangan | None
    judul: str  # "Laporan Kinerja Instansi Pemerintah Kecamatan X Tahun 2024"


# --------------------------------------------------------------------------- formatting


def _tampil(x: Decimal | None, label: str | None = None) -> str:
    """A target or realisasi as printed: its label, or the number with the decimals it needs
    (at most two)."""
    if label:
        return label
    if x is None:
        return "-"
    x = Decimal(x)
    if jumlah_desimal(x.normalize()) > 2:
        return format_angka(x, 2)
    return format_angka_alami(x)


def _sel_nilai(n: Nilai | None) -> Sel:
    return Sel(_tampil(n.angka, n.label) if n is not None else "-", "angka")


def _persen(x: Decimal | None) -> str:
    return format_persen(x) if x is not None else "-"


def _uang(x: Decimal | None) -> str:
    return format_angka(x, 0) if x is not None else "-"


def _rp(x: Decimal | None) -> str:
    return format_rupiah(x) if x is not None else "-"


def _nilai_satuan(x: Decimal | None, label: str | None, satuan: str) -> str:
    teks = _tampil(x, label)
    if label or x is None:
        return teks
    s = satuan.strip()
    if s in ("%", "persen", "persentase"):
        return f"{teks}%"
    if s.lower() in ("indeks", "nilai", "skor", ""):
        return teks
    return f"{teks} {s}"


LABEL_TIPE = {
    TipePenghitungan.JUMLAH.value: "jumlah empat triwulan",
    TipePenghitungan.KUMULATIF.value: "kumulatif (nilai s.d. triwulan terakhir)",
    TipePenghitungan.RASIO.value: "rasio (Σ pembilang ÷ Σ penyebut × 100)",
    TipePenghitungan.RATA_RATA.value: "rata-rata triwulan",
    TipePenghitungan.NILAI_AKHIR.value: "nilai akhir tahun",
}

LABEL_TINGKAT_BANDING = {
    "kabupaten": "Kabupaten/Kota",
    "provinsi": "Provinsi",
    "nasional": "Nasional",
    "lainnya": "Lainnya",
}

NAMA_TRIWULAN = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")


def _sumber_target(sumber: str | None) -> str:
    if not sumber:
        return "-"
    if sumber == "renstra":
        return "Renstra"
    if sumber.startswith("pk-"):
        versi = sumber[3:]
        return f"PK {_label_versi(versi)}"
    return sumber


def _label_versi(versi: str) -> str:
    if versi == "murni":
        return "murni"
    if versi == "perubahan":
        return "perubahan"
    if versi.startswith("perubahan-"):
        return f"perubahan ke-{versi.split('-', 1)[1]}"
    return versi


def _label_versi_dpa(versi: str) -> str:
    return (
        "Sebelum Perubahan" if versi == "murni" else f"Setelah {_label_versi(versi).capitalize()}"
    )


def dasar_perhitungan(i: HasilIndikator) -> str:
    """The rule that produced a capaian, so that an evaluator can recompute it."""
    bagian = []
    if i.rumus:
        bagian.append(i.rumus)
    bagian.append(f"polaritas {i.polaritas}")
    bagian.append(LABEL_TIPE.get(i.tipe_penghitungan, i.tipe_penghitungan))
    bagian.append(f"target {_sumber_target(i.sumber_target)}")
    teks = "; ".join(bagian)
    if i.catatan:
        teks = f"{teks} ({i.catatan})"
    return teks


def _rentang(b: Band) -> str:
    """ "> 100", "≥ 85 s.d. ≤ 100", "< 50"."""
    bawah = (
        None
        if b.bawah is None
        else f"{'≥' if b.bawah_inklusif else '>'} {format_angka_alami(b.bawah)}"
    )
    atas = (
        None
        if b.atas is None
        else f"{'≤' if b.atas_inklusif else '<'} {format_angka_alami(b.atas)}"
    )
    if bawah and atas:
        return f"{bawah} s.d. {atas}"
    return bawah or atas or "semua nilai"


def _sumber_skala(sumber: str) -> str:
    """The source of a preset scale without the developers' cross-references ("DOMAIN §4.2, …")."""
    teks = re.sub(r";?\s*DOMAIN §[^;)]*", "", sumber)
    teks = re.sub(r"\(\s*\)", "", teks)
    return re.sub(r"\s+", " ", teks).strip().rstrip(";")


def _judul_kapital(teks: str) -> str:
    return teks.upper()


# --------------------------------------------------------------------------- narrative text

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
    for potong in re.split(r"\n\s*\n", teks):
        paragraf: list[str] = []
        daftar: list[str] = []
        berurut = False
        for b in (x for x in potong.split("\n") if x.strip()):
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


def _p(teks: str, *args: Any, kelas: str = "") -> Paragraf:
    """A generated paragraph; ``teks`` is a format string whose ``{}`` args are escaped."""
    if args:
        return Paragraf(format_html(teks, *args), kelas=kelas)
    return Paragraf(escape(teks), kelas=kelas)


def _tebal(teks: str) -> SafeString:
    return format_html("<strong>{}</strong>", teks)


# --------------------------------------------------------------------------- numbering


class _Penomor:
    """Numbers tables and figures per chapter in document order and collects the lists."""

    def __init__(self) -> None:
        self.tabel: list[Tabel] = []
        self.gambar: list[Gambar] = []
        self._hitung: dict[tuple[str, str], int] = defaultdict(int)

    def nomor_tabel(self, bab: str, tabel: Tabel) -> Tabel:
        self._hitung[("tabel", bab)] += 1
        tabel.nomor = f"{bab}.{self._hitung[('tabel', bab)]}"
        self.tabel.append(tabel)
        return tabel

    def nomor_gambar(self, bab: str, gambar: Gambar) -> Gambar:
        self._hitung[("gambar", bab)] += 1
        gambar.nomor = f"{bab}.{self._hitung[('gambar', bab)]}"
        self.gambar.append(gambar)
        return gambar


def _kepala(*kolom: str | Sel) -> list[list[Sel]]:
    return [[k if isinstance(k, Sel) else Sel(k) for k in kolom]]


def _nomor_kolom(n: int) -> list[Sel]:
    """The row of column numbers "(1) (2) …" that PK tables print under the header."""
    return [Sel(f"({i})", "nomor-kolom") for i in range(1, n + 1)]


# --------------------------------------------------------------------------- loading


@dataclass
class _Muatan:
    paket: t.Paket
    th: t.Tahun
    hasil: Hasil
    lkjip: LKjIP | None
    narasi: dict[str, Narasi]
    sdm: list
    sarpras: list
    bukti: list[BuktiBaris]
    pd_lain: dict[str, list[BandingPD]]
    # The signers of the year (kinerja.penandatangan): the kepala, the kepala daerah and
    # the officials of the cascaded PKs by jabatan.
    kepala: PejabatDok | None = None
    kepala_daerah: PejabatDok | None = None
    pejabat_pkb: dict[str, PejabatDok] = field(default_factory=dict)
    # Finding key → the operator's explanation (laporan.services.tetap).
    penjelasan: dict[str, str] = field(default_factory=dict)
    # Earlier years held in the application (lived in it, not imported as history):
    # year → indicator code → its annual result, for the comparison with earlier years.
    hasil_lalu: dict[int, dict[str, HasilIndikator]] = field(default_factory=dict)


def _muat(pd: km.PerangkatDaerah, tahun: int) -> _Muatan:
    if not km.Renstra.objects.filter(perangkat_daerah=pd).exists():
        raise HitungGagal(f"{pd.nama} belum memiliki Renstra; LKjIP belum dapat disusun")
    paket = paket_muat(pd, tahun)
    hasil = hitung(paket, tahun)  # raises HitungGagal when the year has no data
    th = paket.cari_tahun(tahun)
    assert th is not None
    lkjip = LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).first()
    narasi: dict[str, Narasi] = {}
    sdm: list = []
    sarpras: list = []
    if lkjip is not None:
        narasi = {n.bagian: n for n in Narasi.objects.filter(lkjip=lkjip)}
        sdm = list(lkjip.data_sdm.order_by("urutan", "id"))
        sarpras = list(lkjip.sarana_prasarana.order_by("urutan", "id"))
    bukti = [
        BuktiBaris(
            indikator_kode=b.realisasi.indikator.kode,
            indikator_nama=b.realisasi.indikator.nama,
            triwulan=b.realisasi.triwulan,
            nama=b.nama_asli,
            jenis=b.get_jenis_display(),
            ukuran=b.ukuran,
            waktu=b.waktu,
        )
        for b in km.BuktiDukung.objects.filter(
            realisasi__indikator__renstra__perangkat_daerah=pd, realisasi__tahun=tahun
        )
        .select_related("realisasi__indikator")
        .order_by("realisasi__indikator__urutan", "realisasi__triwulan", "waktu", "id")
    ]
    sendiri = [
        i
        for tj in paket.renstra.tujuan
        for i in [*tj.indikator, *(x for s in tj.sasaran for x in s.indikator)]
    ]
    pd_lain = _banding_pd_lain(pd, tahun, sendiri, paket.pemda.aturan)
    # One query for every signer; without officials kept for the year, the
    # paket's own kepala stand in (see _identitas).
    pejabat = penandatangan.pejabat_tahun(pd, tahun)
    kepala, _ = penandatangan.kepala_dari(pejabat, pd.pk)
    daerah, _ = penandatangan.kepala_dari(pejabat, None)
    pejabat_pkb = {
        b.jabatan: _pejabat_db(p)
        for b in th.pk_berjenjang
        if (p := penandatangan.pejabat_jabatan(pd, tahun, b.jabatan, pejabat)) is not None
    }
    return _Muatan(
        paket,
        th,
        hasil,
        lkjip,
        narasi,
        sdm,
        sarpras,
        bukti,
        pd_lain,
        kepala=_pejabat_db(kepala),
        kepala_daerah=_pejabat_db(daerah, jabatan=penandatangan.jabatan_kepala_daerah(paket.pemda)),
        pejabat_pkb=pejabat_pkb,
        penjelasan={k: p.teks for k, p in penjelasan_tahun(pd, tahun).items()},
        hasil_lalu=_hasil_lalu(paket, tahun),
    )


def _hasil_lalu(paket: t.Paket, tahun: int) -> dict[int, dict[str, HasilIndikator]]:
    """The annual results of the years before ``tahun`` held in the paket (pure)."""
    hasil: dict[int, dict[str, HasilIndikator]] = {}
    for th in paket.tahun:
        if th.tahun < tahun:
            try:
                hasil[th.tahun] = hitung(paket, th.tahun).indikator_per_kode()
            except HitungGagal:
                continue
    return hasil


def _normal(nama: str) -> str:
    return re.sub(r"\s+", " ", nama).strip().casefold()


def _banding_pd_lain(
    pd: km.PerangkatDaerah, tahun: int, sendiri: list[t.Indikator], aturan: t.Aturan
) -> dict[str, list[BandingPD]]:
    """The same tujuan/sasaran indicators (same name, or same code at the same level) in
    the other perangkat daerah of the pemda, with their realisasi of ``tahun`` computed by
    the pemda's rules. Four queries, whatever the number of perangkat daerah."""
    if not sendiri:
        return {}
    per_nama = {_normal(i.nama): i.kode for i in sendiri}
    per_kode = {(i.kode, i.tingkat): i.kode for i in sendiri}
    kandidat = list(
        km.Indikator.objects.filter(renstra__perangkat_daerah__pemda_id=pd.pemda_id)
        .exclude(renstra__perangkat_daerah_id=pd.pk)
        .filter(Q(tujuan__isnull=False) | Q(sasaran__isnull=False) | Q(program__isnull=False))
        .select_related("renstra__perangkat_daerah")
        .order_by("renstra__perangkat_daerah__kode", "urutan")
    )
    terbaru: dict[int, int] = {}
    for row in kandidat:
        pid = row.renstra.perangkat_daerah_id
        terbaru[pid] = max(terbaru.get(pid, 0), row.renstra.mulai)
    cocok: dict[int, tuple[km.Indikator, str]] = {}
    for row in kandidat:
        if row.renstra.mulai != terbaru[row.renstra.perangkat_daerah_id]:
            continue
        milik = per_nama.get(_normal(row.nama)) or per_kode.get((row.kode, row.tingkat))
        if milik is not None:
            cocok[row.id] = (row, milik)
    if not cocok:
        return {}
    ids = list(cocok)
    tw: dict[int, list] = defaultdict(lambda: [None] * 4)
    for r in km.Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun):
        if r.pembilang is not None and r.penyebut is not None:
            tw[r.indikator_id][r.triwulan - 1] = Rasio(r.pembilang, r.penyebut)
        elif r.nilai is not None:
            tw[r.indikator_id][r.triwulan - 1] = (r.nilai, r.label or None)
    target: dict[int, tuple[int, Decimal, str]] = {}
    for x in km.TargetPK.objects.filter(
        indikator_id__in=ids, perjanjian_kinerja__tahun=tahun
    ).select_related("perjanjian_kinerja"):
        urutan = x.perjanjian_kinerja.urutan_versi
        if x.indikator_id not in target or target[x.indikator_id][0] < urutan:
            target[x.indikator_id] = (urutan, x.nilai, x.label)
    for x in km.TargetTahunan.objects.filter(indikator_id__in=ids, tahun=tahun):
        target.setdefault(x.indikator_id, (-1, x.nilai, x.label))
    hasil: dict[str, list[BandingPD]] = defaultdict(list)
    for iid, (row, milik) in cocok.items():
        nilai_tw = tw.get(iid)
        realisasi = label_r = None
        if nilai_tw is not None:
            angka = [v[0] if isinstance(v, tuple) else v for v in nilai_tw]
            realisasi = nilai_tahunan(angka, TipePenghitungan(row.tipe_penghitungan))
            label_r = next(
                (v[1] for v in reversed(nilai_tw) if isinstance(v, tuple) and v[1]), None
            )
        tgt = target.get(iid)
        capaian = predikat = None
        if tgt is not None and realisasi is not None:
            c = hitung_capaian(
                target=_d(tgt[1]),
                realisasi=_d(realisasi),
                polaritas=Polaritas(row.polaritas),
                rumus_negatif=RumusNegatif(row.rumus_negatif or aturan.rumus_negatif),
                batas_atas=_batas(row.batas_atas_capaian, aturan.batas_atas_capaian),
                batas_bawah=_batas(row.batas_bawah_capaian, aturan.batas_bawah_capaian),
            )
            capaian = c.mentah if c.mentah is not None else c.skor
            band = klasifikasi(aturan.skala, c.skor)
            predikat = band.label if band else None
        pdl = row.renstra.perangkat_daerah
        hasil[milik].append(
            BandingPD(
                pd_kode=pdl.kode,
                pd_nama=pdl.nama,
                indikator_kode=row.kode,
                indikator_nama=row.nama,
                target=_d(tgt[1]) if tgt else None,
                target_label=(tgt[2] or None) if tgt else None,
                realisasi=_d(realisasi) if realisasi is not None else None,
                realisasi_label=label_r,
                capaian=capaian,
                predikat=predikat,
            )
        )
    return dict(hasil)


def _d(x: Decimal | None) -> Decimal | None:
    """Drop the column scale of a stored decimal (75.350000 → 75.35)."""
    if x is None:
        return None
    x = Decimal(x)
    return x.normalize() if x != x.to_integral_value() else Decimal(int(x))


def _batas(sendiri: int | None, pemda: Decimal | None) -> Decimal | None:
    return Decimal(sendiri) if sendiri is not None else pemda


# --------------------------------------------------------------------------- assembly


def _pejabat(p: t.Pejabat | None) -> PejabatDok | None:
    if p is None:
        return None
    return PejabatDok(
        nama=p.nama_lengkap,
        jabatan=p.jabatan,
        pangkat=p.pangkat or "",
        golongan=p.golongan or "",
        nip=format_nip(p.nip) if p.nip else "",
        status=p.status or "",
    )


def _pejabat_db(p: km.Pejabat | None, *, jabatan: str = "") -> PejabatDok | None:
    """An official of the year (kinerja.penandatangan) as the document shows it."""
    if p is None:
        return None
    return PejabatDok(
        nama=p.nama_lengkap,
        jabatan=jabatan or p.jabatan,
        pangkat=p.pangkat,
        golongan=p.golongan,
        nip=format_nip(p.nip) if p.nip else "",
        status=p.status if p.status != km.StatusPejabat.DEFINITIF else "",
    )


def _identitas(m: _Muatan, tahun: int) -> Identitas:
    paket = m.paket
    pemda, pd = paket.pemda, paket.perangkat_daerah
    tempat = (m.lkjip.tempat if m.lkjip else "") or pemda.ibu_kota or ""
    tanggal = m.lkjip.tanggal if m.lkjip else None
    return Identitas(
        pemda_kode=pemda.kode,
        pemda_nama=pemda.nama,
        provinsi=pemda.provinsi or "",
        ibu_kota=pemda.ibu_kota or "",
        pd_kode=pd.kode,
        pd_nama=pd.nama,
        pd_jenis=pd.jenis,
        alamat=pd.alamat or "",
        telepon=pd.telepon or "",
        email=pd.email or "",
        situs=pd.situs or "",
        tahun=tahun,
        renstra_mulai=paket.renstra.mulai,
        renstra_selesai=paket.renstra.selesai,
        kepala=m.kepala or _pejabat(pd.kepala),
        kepala_daerah=m.kepala_daerah or _pejabat(pemda.kepala),
        tempat=tempat or "……………",
        tanggal=tanggal,
        tanggal_teks=format_tanggal(tanggal) if tanggal else f"…………………… {tahun + 1}",
    )


def _ttd_kepala(ident: Identitas, *, pengantar: str = "") -> TandaTangan:
    k = ident.kepala
    return TandaTangan(
        tempat_tanggal=ident.tempat_tanggal,
        jabatan=k.jabatan_cetak if k else _judul_kapital(f"Kepala {ident.pd_nama}"),
        nama=k.nama if k else "……………………………",
        pangkat=k.pangkat if k else "",
        nip=f"NIP. {k.nip}" if k and k.nip else "",
        pengantar=pengantar,
    )


def _narasi(m: _Muatan) -> dict[str, BagianNarasi]:
    hasil = {}
    for b in kerangka.BAGIAN:
        n = m.narasi.get(b.kunci)
        teks = n.teks if n else ""
        judul = (n.judul.strip() if n and n.judul else "") or b.judul
        blok = blok_narasi(teks, selalu_daftar=b.kunci == "landasan_hukum")
        if not blok and b.wajib:
            blok = [Kosong(b.kunci, judul)]
        hasil[b.kunci] = BagianNarasi(b.kunci, judul, teks, b.wajib, blok)
    return hasil


def _pihak(
    pengantar: str, pejabat: PejabatDok | None, *, jabatan: str | None = None
) -> TandaTangan:
    """One party's signature block of a Perjanjian Kinerja (dotted name when unknown)."""
    return TandaTangan(
        tempat_tanggal="",
        pengantar=pengantar,
        jabatan=jabatan_cetak(
            jabatan if jabatan is not None else pejabat.jabatan if pejabat else "",
            pejabat.status if pejabat else "",
        ),
        nama=pejabat.nama if pejabat else "……………………",
        pangkat=pejabat.pangkat if pejabat else "",
        nip=f"NIP. {pejabat.nip}" if pejabat and pejabat.nip else "",
    )


class _Penyusun:
    """Builds the chapters in document order (so that numbering follows the pages)."""

    def __init__(self, m: _Muatan, ident: Identitas) -> None:
        self.m = m
        self.ident = ident
        self.paket = m.paket
        self.th = m.th
        self.hasil = m.hasil
        self.tahun = m.th.tahun
        self.no = _Penomor()
        self.narasi = _narasi(m)
        self.isi: list[EntriIsi] = []
        self.per_kode = m.hasil.indikator_per_kode()
        self.anggaran = m.hasil.anggaran_per_kode()
        self.efisiensi = {e["kode"]: e for e in m.hasil.efisiensi}
        self.kosong_analisis: list[BagianKosong] = []
        self.analisis: list[AnalisisSasaran] = []
        self.pd = m.paket.perangkat_daerah.nama
        self.judul_tanpa_nomor = 0

    # -- helpers
    def judul(self, blok: list, tingkat: int, nomor: str, teks: str, *, isi: bool = True) -> None:
        if nomor:
            anchor = f"bag-{nomor.replace('.', '-')}"
        else:
            # Unnumbered headings (one per indicator, say) are counted: ids are unique.
            self.judul_tanpa_nomor += 1
            anchor = f"judul-{self.judul_tanpa_nomor}"
        blok.append(Judul(tingkat, nomor, teks, anchor))
        if isi and tingkat <= 3:
            self.isi.append(EntriIsi(f"{nomor} {teks}".strip(), anchor, tingkat))

    def tabel(self, blok: list, bab: str, tabel: Tabel) -> Tabel:
        self.no.nomor_tabel(bab, tabel)
        blok.append(tabel)
        return tabel

    def gambar(self, blok: list, bab: str, gambar: Gambar) -> Gambar:
        self.no.nomor_gambar(bab, gambar)
        blok.append(gambar)
        return gambar

    def sisip_narasi(self, blok: list, kunci: str) -> None:
        blok.extend(self.narasi[kunci].blok)

    def bab_baru(self, nomor: str, judul: str) -> Bab:
        anchor = f"bab-{nomor.lower()}"
        self.isi.append(EntriIsi(f"BAB {nomor} {judul}", anchor, 1))
        return Bab(nomor=nomor, judul=judul, anchor=anchor)

    # -- BAB I
    def bab1(self) -> Bab:
        bab = self.bab_baru("I", "PENDAHULUAN")
        b = bab.blok
        n = 0

        def sub(kunci: str) -> None:
            nonlocal n
            n += 1
            self.judul(b, 2, f"1.{n}", self.narasi[kunci].judul)
            self.sisip_narasi(b, kunci)

        sub("latar_belakang")
        sub("struktur_organisasi")
        tabel_sdm = self._tabel_sdm()
        if tabel_sdm or not self.narasi["sdm"].kosong:
            sub("sdm")
            for tb in tabel_sdm:
                self.tabel(b, "1", tb)
        tabel_sarpras = self._tabel_sarpras()
        if tabel_sarpras or not self.narasi["sarana_prasarana"].kosong:
            sub("sarana_prasarana")
            if tabel_sarpras:
                self.tabel(b, "1", tabel_sarpras)
        sub("aspek_strategis")
        sub("landasan_hukum")
        n += 1
        self.judul(b, 2, f"1.{n}", self.narasi["sistematika"].judul)
        if self.narasi["sistematika"].kosong:
            b.append(
                _p(
                    "Laporan Kinerja Instansi Pemerintah {} Tahun {} disusun menurut "
                    "Peraturan Menteri PANRB Nomor 53 Tahun 2014 dengan sistematika sebagai berikut:",
                    self.pd,
                    self.tahun,
                )
            )
            b.append(
                Daftar(
                    [
                        escape(x)
                        for x in (
                            "BAB I Pendahuluan: gambaran umum organisasi, aspek strategis dan "
                            "permasalahan utama yang dihadapi.",
                            f"BAB II Perencanaan Kinerja: Rencana Strategis, Indikator Kinerja Utama, "
                            f"Perjanjian Kinerja dan anggaran tahun {self.tahun}.",
                            "BAB III Akuntabilitas Kinerja: capaian kinerja organisasi untuk setiap "
                            "tujuan dan sasaran beserta analisisnya, realisasi anggaran dan efisiensi.",
                            "BAB IV Penutup: kesimpulan, rekomendasi dan tindak lanjut.",
                            "Lampiran: Perjanjian Kinerja dan daftar bukti dukung.",
                        )
                    ],
                    berurut=False,
                )
            )
        else:
            self.sisip_narasi(b, "sistematika")
        return bab

    def _tabel_sdm(self) -> list[Tabel]:
        per_kelompok: dict[str, list] = {}
        for row in self.m.sdm:
            per_kelompok.setdefault(row.kelompok, []).append(row)
        hasil = []
        for kelompok, rows in per_kelompok.items():
            baris = [
                Baris(
                    [
                        Sel(str(i), "tengah"),
                        Sel(r.uraian),
                        Sel(format_angka(r.pns, 0), "angka"),
                        Sel(format_angka(r.non_pns, 0), "angka"),
                        Sel(format_angka(r.pns + r.non_pns, 0), "angka"),
                    ]
                )
                for i, r in enumerate(rows, 1)
            ]
            pns = sum(r.pns for r in rows)
            non = sum(r.non_pns for r in rows)
            baris.append(
                Baris(
                    [
                        Sel("Jumlah", colspan=2),
                        Sel(format_angka(pns, 0), "angka"),
                        Sel(format_angka(non, 0), "angka"),
                        Sel(format_angka(pns + non, 0), "angka"),
                    ],
                    "total",
                )
            )
            hasil.append(
                Tabel(
                    judul=f"Pegawai {self.pd} menurut {kelompok} (keadaan Desember {self.tahun})",
                    kepala=_kepala("No", kelompok, "PNS", "Non-PNS", "Jumlah"),
                    baris=baris,
                    lebar=[7, 51, 14, 14, 14],
                )
            )
        return hasil

    def _tabel_sarpras(self) -> Tabel | None:
        if not self.m.sarpras:
            return None
        return Tabel(
            judul=f"Sarana dan Prasarana {self.pd}",
            kepala=_kepala("No", "Uraian", "Jumlah", "Satuan", "Kondisi"),
            baris=[
                Baris(
                    [
                        Sel(str(i), "tengah"),
                        Sel(r.uraian),
                        Sel(format_angka(r.jumlah, 0), "angka"),
                        Sel(r.satuan or "-"),
                        Sel(r.kondisi or "-"),
                    ]
                )
                for i, r in enumerate(self.m.sarpras, 1)
            ],
            lebar=[7, 48, 12, 13, 20],
        )

    # -- BAB II
    def bab2(self) -> Bab:
        bab = self.bab_baru("II", "PERENCANAAN KINERJA")
        b = bab.blok
        r = self.paket.renstra
        self.sisip_narasi(b, "perencanaan_kinerja")
        self.judul(b, 2, "2.1", "Rencana Strategis")
        jumlah_sasaran = sum(len(tj.sasaran) for tj in r.tujuan)
        b.append(
            _p(
                "Rencana Strategis (Renstra) {} periode {}–{} memuat {} tujuan dan {} sasaran "
                "strategis yang dijabarkan dari visi dan misi kepala daerah.",
                self.pd,
                r.mulai,
                r.selesai,
                len(r.tujuan),
                jumlah_sasaran,
            )
        )
        b.append(
            _p(
                "{}",
                kalimat_versi_renstra(r, self.th),
            )
        )
        if r.visi:
            b.append(Paragraf(format_html("Visi: <strong>“{}”</strong>", r.visi)))
        if r.misi:
            b.append(_p("Misi yang berkaitan dengan tugas dan fungsi {}:", self.pd))
            b.append(Daftar([escape(x) for x in r.misi], berurut=True))
        tb = self._tabel_renstra()
        b.append(
            _p("Tujuan, sasaran, strategi dan arah kebijakan disajikan pada {}.", self._ke(tb, "2"))
        )
        self.tabel(b, "2", tb)
        tb = self._tabel_target_tahunan()
        if tb is not None:
            b.append(
                _p(
                    "Indikator tujuan dan sasaran beserta targetnya pada setiap tahun periode "
                    "Renstra disajikan pada {}.",
                    self._ke(tb, "2"),
                )
            )
            self.tabel(b, "2", tb)
        self.judul(b, 2, "2.2", "Indikator Kinerja Utama")
        tb = self._tabel_iku()
        b.append(
            _p(
                "Indikator Kinerja Utama (IKU) {} beserta alasan pemilihan, formulasi pengukuran, "
                "definisi operasional, tipe penghitungan dan sumber datanya disajikan pada {}.",
                self.pd,
                self._ke(tb, "2"),
            )
        )
        self.tabel(b, "2", tb)
        self.judul(b, 2, "2.3", "Perjanjian Kinerja")
        self._pk(b)
        self.judul(b, 2, "2.4", f"Anggaran Tahun {self.tahun}")
        self._anggaran_bab2(b)
        return bab

    def _ke(self, tabel: Tabel, bab: str) -> str:
        """The number a table about to be numbered will get ("Tabel 2.3")."""
        return f"Tabel {bab}.{self.no._hitung[('tabel', bab)] + 1}"

    def _tabel_renstra(self) -> Tabel:
        baris = []
        for tj in self.paket.renstra.tujuan:
            sasaran = tj.sasaran or [t.Sasaran(kode="", uraian="-")]
            for j, s in enumerate(sasaran):
                sel = []
                if j == 0:
                    sel.append(Sel(tj.uraian, rowspan=len(sasaran)))
                sel.append(Sel(s.uraian))
                sel.append(Sel("\n".join(f"• {x}" for x in s.strategi) or "-", "baris"))
                sel.append(Sel("\n".join(f"• {x}" for x in s.arah_kebijakan) or "-", "baris"))
                baris.append(Baris(sel))
        return Tabel(
            judul=f"Tujuan, Sasaran, Strategi dan Arah Kebijakan Renstra {self.paket.renstra.mulai}–"
            f"{self.paket.renstra.selesai}",
            kepala=_kepala("Tujuan", "Sasaran", "Strategi", "Arah Kebijakan"),
            baris=baris,
            lebar=[22, 22, 28, 28],
            kelas="kecil",
        )

    def _indikator_renstra(self) -> list[tuple[str, str, t.Indikator]]:
        hasil = []
        for tj in self.paket.renstra.tujuan:
            for i in tj.indikator:
                hasil.append(("tujuan", tj.uraian, i))
            for s in tj.sasaran:
                for i in s.indikator:
                    hasil.append(("sasaran", s.uraian, i))
        return hasil

    def _tabel_target_tahunan(self) -> Tabel | None:
        daftar = self._indikator_renstra()
        if not daftar:
            return None
        r = self.paket.renstra
        tahun = sorted(
            {y for _, _, i in daftar for y in i.target_tahunan if r.mulai <= y <= r.selesai}
        )
        lebar_tahun = max(6, min(9, 40 // max(len(tahun), 1)))
        sisa = 100 - 5 - lebar_tahun * len(tahun) - 9 - 10
        kepala = [
            [
                Sel("No", rowspan=2),
                Sel("Tujuan/Sasaran", rowspan=2),
                Sel("Indikator", rowspan=2),
                Sel("Satuan", rowspan=2),
                Sel("Target Tahun ke-", colspan=len(tahun)),
                Sel("Akhir Renstra", rowspan=2),
            ],
            [Sel(str(y)) for y in tahun],
        ]
        if not tahun:
            kepala = _kepala("No", "Tujuan/Sasaran", "Indikator", "Satuan", "Akhir Renstra")
        baris = []
        for n, (tingkat, uraian, i) in enumerate(daftar, 1):
            baris.append(
                Baris(
                    [
                        Sel(str(n), "tengah"),
                        Sel(f"{tingkat.capitalize()}: {uraian}"),
                        Sel(i.nama),
                        Sel(i.satuan),
                        *(_sel_nilai(i.target_tahunan.get(y)) for y in tahun),
                        Sel(
                            _tampil(i.target_akhir.angka, i.target_akhir.label)
                            if i.target_akhir
                            else "-",
                            "angka",
                        ),
                    ]
                )
            )
        return Tabel(
            judul=f"Target Kinerja Tujuan dan Sasaran per Tahun Renstra {r.mulai}–{r.selesai}",
            kepala=kepala,
            baris=baris,
            lebar=[5, sisa // 2 + sisa % 2, sisa // 2, 9, *([lebar_tahun] * len(tahun)), 10],
            kelas="kecil",
        )

    def _tabel_iku(self) -> Tabel:
        daftar = [x for x in self._indikator_renstra() if x[2].iku] or self._indikator_renstra()
        baris = []
        for n, (tingkat, uraian, i) in enumerate(daftar, 1):
            lain = [
                f"Tipe penghitungan: {LABEL_TIPE.get(i.tipe_penghitungan.value, i.tipe_penghitungan.value)}",
                f"Polaritas: {i.polaritas.value}",
            ]
            if i.sumber_data:
                lain.append(f"Sumber data: {i.sumber_data}")
            if i.penanggung_jawab:
                lain.append(f"Penanggung jawab: {i.penanggung_jawab}")
            baris.append(
                Baris(
                    [
                        Sel(str(n), "tengah"),
                        Sel(f"{i.nama} ({i.satuan})\n{tingkat.capitalize()}: {uraian}", "baris"),
                        Sel(i.alasan_pemilihan or "-"),
                        Sel(i.formulasi or "-"),
                        Sel(i.definisi_operasional or "-"),
                        Sel("\n".join(lain), "baris"),
                    ]
                )
            )
        return Tabel(
            judul=f"Indikator Kinerja Utama {self.pd}",
            kepala=_kepala(
                "No",
                "Indikator Kinerja (Satuan)",
                "Alasan Pemilihan",
                "Formulasi Pengukuran",
                "Definisi Operasional",
                "Tipe Penghitungan dan Sumber Data",
            ),
            baris=baris,
            lebar=[5, 19, 17, 20, 20, 19],
            kelas="kecil",
        )

    def _uraian_induk(self) -> dict[str, tuple[str, str]]:
        hasil = {}
        for tj in self.paket.renstra.tujuan:
            hasil[tj.kode] = ("tujuan", tj.uraian)
            for s in tj.sasaran:
                hasil[s.kode] = ("sasaran", s.uraian)
        for p in self.paket.program:
            hasil[p.kode] = ("program", p.nama)
            for k in p.kegiatan:
                hasil[k.kode] = ("kegiatan", k.nama)
                for s in k.sub_kegiatan:
                    hasil[s.kode] = ("sub_kegiatan", s.nama)
        return hasil

    def _pk(self, b: list) -> None:
        th = self.th
        pk = th.pk_berlaku()
        if pk is None:
            b.append(_p("Belum ada Perjanjian Kinerja tahun {} yang tercatat.", self.tahun))
            return
        semua = {i.kode: i for i in self.paket.semua_indikator()}
        induk = self._uraian_induk()
        versi_urut = sorted(th.perjanjian_kinerja, key=lambda x: t.urutan_versi(x.versi))
        murni = versi_urut[0]
        tanggal = f" tanggal {format_tanggal(pk.tanggal)}" if pk.tanggal else ""
        kalimat = format_html(
            "Perjanjian Kinerja (PK) tahun {} antara {} dan {} yang berlaku adalah PK {}{}.",
            self.tahun,
            self.ident.kepala.jabatan_kalimat if self.ident.kepala else f"kepala {self.pd}",
            self.ident.kepala_daerah.jabatan_kalimat
            if self.ident.kepala_daerah
            else "kepala daerah",
            _label_versi(pk.versi),
            tanggal,
        )
        tb_target = self._tabel_pk_target(pk, semua, induk)
        tb_program = self._tabel_pk_program(pk)
        b.append(
            Paragraf(
                format_html(
                    "{} Sasaran, indikator dan targetnya disajikan pada {}; program dan "
                    "anggarannya pada {}.",
                    kalimat,
                    self._ke(tb_target, "2"),
                    f"Tabel 2.{self.no._hitung[('tabel', '2')] + 2}",
                )
            )
        )
        self.tabel(b, "2", tb_target)
        self.tabel(b, "2", tb_program)
        if pk is not murni:
            self._beda_pk(b, murni, pk, semua)

    def _tabel_pk_target(
        self, pk: t.PerjanjianKinerja, semua, induk, *, nomor_kolom=False
    ) -> Tabel:
        baris = []
        for n, (kode, nilai) in enumerate(
            sorted(pk.target.items(), key=lambda kv: self._urutan_indikator(kv[0])), 1
        ):
            ind = semua.get(kode)
            tingkat, uraian = induk.get(ind.induk if ind else "", ("", "-"))
            baris.append(
                Baris(
                    [
                        Sel(str(n), "tengah"),
                        Sel(f"{tingkat.capitalize()}: {uraian}" if tingkat else uraian),
                        Sel(ind.nama if ind else kode),
                        Sel(
                            _nilai_satuan(nilai.angka, nilai.label, ind.satuan if ind else ""),
                            "angka",
                        ),
                    ]
                )
            )
        kepala = _kepala("No", "Tujuan/Sasaran Strategis", "Indikator Kinerja", "Target")
        if nomor_kolom:
            kepala.append(_nomor_kolom(4))
        return Tabel(
            judul=f"Perjanjian Kinerja {self.pd} Tahun {self.tahun} (PK {_label_versi(pk.versi)})",
            kepala=kepala,
            baris=baris,
            lebar=[6, 40, 38, 16],
        )

    def _urutan_indikator(self, kode: str) -> int:
        if not hasattr(self, "_urutan"):
            self._urutan = {i.kode: n for n, i in enumerate(self.paket.semua_indikator())}
        return self._urutan.get(kode, 10**6)

    def _tabel_pk_program(self, pk: t.PerjanjianKinerja, *, nomor_kolom=False) -> Tabel:
        nama = {p.kode: p.nama for p in self.paket.program}
        urut = {p.kode: n for n, p in enumerate(self.paket.program)}
        baris = []
        items = sorted(pk.anggaran_program.items(), key=lambda kv: urut.get(kv[0], 10**6))
        for n, (kode, jml) in enumerate(items, 1):
            baris.append(
                Baris(
                    [
                        Sel(str(n), "tengah"),
                        Sel(kode),
                        Sel(nama.get(kode, kode)),
                        Sel(_uang(jml), "angka"),
                        Sel(pk.sumber_dana or "-", "tengah"),
                    ]
                )
            )
        total = sum((v for v in pk.anggaran_program.values()), Decimal(0))
        baris.append(
            Baris([Sel("Jumlah", colspan=3), Sel(_uang(total), "angka"), Sel("")], "total")
        )
        kepala = _kepala("No", "Kode", "Program", "Anggaran (Rp)", "Keterangan")
        if nomor_kolom:
            kepala.append(_nomor_kolom(5))
        return Tabel(
            judul=f"Program dan Anggaran Perjanjian Kinerja Tahun {self.tahun} (PK {_label_versi(pk.versi)})",
            kepala=kepala,
            baris=baris,
            lebar=[6, 13, 48, 20, 13],
        )

    def _beda_pk(self, b: list, murni: t.PerjanjianKinerja, pk: t.PerjanjianKinerja, semua) -> None:
        baris = []
        berubah = 0
        for kode in sorted(set(murni.target) | set(pk.target), key=self._urutan_indikator):
            a, z = murni.target.get(kode), pk.target.get(kode)
            ind = semua.get(kode)
            sat = ind.satuan if ind else ""
            beda = (
                "tetap"
                if a is not None and z is not None and a.angka == z.angka
                else (
                    "ditambahkan"
                    if a is None
                    else "dihapus"
                    if z is None
                    else ("naik " if z.angka > a.angka else "turun ")
                    + format_angka_alami(abs(z.angka - a.angka))
                )
            )
            if beda != "tetap":
                berubah += 1
            baris.append(
                Baris(
                    [
                        Sel(f"Target {ind.nama if ind else kode}"),
                        Sel(_nilai_satuan(a.angka, a.label, sat) if a else "-", "angka"),
                        Sel(_nilai_satuan(z.angka, z.label, sat) if z else "-", "angka"),
                        Sel(beda, "tengah"),
                    ]
                )
            )
        nama = {p.kode: p.nama for p in self.paket.program}
        for p in self.paket.program:
            a, z = murni.anggaran_program.get(p.kode), pk.anggaran_program.get(p.kode)
            if a is None and z is None:
                continue
            selisih = None if a is None or z is None else z - a
            baris.append(
                Baris(
                    [
                        Sel(f"Anggaran {p.kode} {nama[p.kode]}"),
                        Sel(_uang(a), "angka"),
                        Sel(_uang(z), "angka"),
                        Sel(
                            "tetap"
                            if selisih == 0
                            else "-"
                            if selisih is None
                            else ("+" if selisih > 0 else "−") + _uang(abs(selisih)),
                            "angka",
                        ),
                    ]
                )
            )
        total_a = sum(murni.anggaran_program.values(), Decimal(0))
        total_z = sum(pk.anggaran_program.values(), Decimal(0))
        selisih = total_z - total_a
        baris.append(
            Baris(
                [
                    Sel("Jumlah anggaran program"),
                    Sel(_uang(total_a), "angka"),
                    Sel(_uang(total_z), "angka"),
                    Sel(
                        "tetap"
                        if selisih == 0
                        else ("+" if selisih > 0 else "−") + _uang(abs(selisih)),
                        "angka",
                    ),
                ],
                "total",
            )
        )
        tb = Tabel(
            judul=f"Perbedaan PK Murni dan PK {_label_versi(pk.versi).capitalize()} Tahun {self.tahun}",
            kepala=_kepala(
                "Uraian", "PK Murni", f"PK {_label_versi(pk.versi).capitalize()}", "Perubahan"
            ),
            baris=baris,
            lebar=[52, 16, 16, 16],
        )
        tgl = f" tanggal {format_tanggal(murni.tanggal)}" if murni.tanggal else ""
        if selisih == 0:
            kal_anggaran = "jumlah anggaran program tidak berubah"
        else:
            arah = "bertambah" if selisih > 0 else "berkurang"
            kal_anggaran = (
                f"jumlah anggaran program {arah} {format_rupiah(abs(selisih))} dari "
                f"{format_rupiah(total_a)} menjadi {format_rupiah(total_z)}"
            )
        kal_target = (
            "target indikator tidak berubah"
            if berubah == 0
            else f"{berubah} target indikator berubah"
        )
        b.append(
            _p(
                "PK {} menggantikan PK murni{} setelah perubahan anggaran: {} dan {}. "
                "Perbedaannya disajikan pada {}; kedua dokumen PK dilampirkan.",
                _label_versi(pk.versi),
                tgl,
                kal_target,
                kal_anggaran,
                self._ke(tb, "2"),
            )
        )
        self.tabel(b, "2", tb)

    def _anggaran_bab2(self, b: list) -> None:
        th = self.th
        dpa_urut = sorted(th.dpa, key=lambda d: t.urutan_versi(d.versi))
        if not dpa_urut:
            b.append(_p("Belum ada DPA tahun {} yang tercatat.", self.tahun))
            return
        berlaku = th.dpa_berlaku()
        r = self.hasil.ringkasan
        b.append(
            _p(
                "Untuk mencapai sasaran tersebut {} melaksanakan {} program, {} kegiatan dan {} "
                "sub kegiatan dengan anggaran belanja {} sebesar {}.",
                self.pd,
                r["jumlah_program"],
                r["jumlah_kegiatan"],
                r["jumlah_sub_kegiatan"],
                "setelah perubahan" if berlaku and berlaku.versi != "murni" else "murni",
                _rp(r["pagu_total"]),
            )
        )
        # Program budgets of every DPA version, side by side.
        per_versi = []
        for dpa in dpa_urut:
            simpul, _ = gulung(pohon_program(self.paket, dict(dpa.pagu), {}))
            per_versi.append({h.kode: h.pagu for h in simpul if h.kedalaman == 0})
        kolom = [_label_versi_dpa(d.versi) for d in dpa_urut]
        baris = []
        for p in self.paket.program:
            nilai = [v.get(p.kode) for v in per_versi]
            baris.append(
                Baris([Sel(p.kode), Sel(p.nama), *(Sel(_uang(x), "angka") for x in nilai)])
            )
        total = [jumlah(v.values()) for v in per_versi]
        baris.append(
            Baris([Sel("Jumlah", colspan=2), *(Sel(_uang(x), "angka") for x in total)], "total")
        )
        lebar_kolom = 18 if len(kolom) > 1 else 22
        tb = Tabel(
            judul=f"Anggaran Program {self.pd} Tahun {self.tahun}",
            kepala=_kepala("Kode", "Program", *(f"{k} (Rp)" for k in kolom)),
            baris=baris,
            lebar=[14, 86 - lebar_kolom * len(kolom), *([lebar_kolom] * len(kolom))],
        )
        self.tabel(b, "2", tb)
        jb = jenis_belanja_berdampingan(self.hasil.jenis_belanja, dpa_urut, berlaku)
        if jb["kolom"]:
            kolom_jb = [_label_versi_dpa(v) for v in jb["kolom"]]
            baris = []
            for row in jb["baris"]:
                kelas = (
                    "program"
                    if row["kedalaman"] == 0
                    else "kegiatan"
                    if row["kedalaman"] == 1
                    else ""
                )
                baris.append(
                    Baris(
                        [
                            Sel(row["kode"]),
                            Sel(row["nama"], f"indent-{min(row['kedalaman'], 3)}"),
                            *(Sel(_uang(x), "angka") for x in row["pagu"]),
                        ],
                        kelas,
                    )
                )
            ada = jb.get("ada_perubahan")
            if ada and jb.get("selisih_total") is not None:
                s = jb["selisih_total"]
                kalimat = (
                    f"Setelah perubahan, jumlah belanja {'bertambah' if s > 0 else 'berkurang'} "
                    f"{format_rupiah(abs(s))} dari {format_rupiah(jb['total'][0])} menjadi "
                    f"{format_rupiah(jb['total'][-1])}."
                    if s
                    else "Jumlah belanja tidak berubah setelah perubahan."
                )
            else:
                kalimat = ""
            tb = Tabel(
                judul=f"Anggaran {self.pd} Tahun {self.tahun} menurut Jenis Belanja",
                kepala=_kepala("Kode", "Uraian", *(f"{k} (Rp)" for k in kolom_jb)),
                baris=baris,
                lebar=[11, 89 - lebar_kolom * len(kolom_jb), *([lebar_kolom] * len(kolom_jb))],
            )
            b.append(
                _p(
                    "Rincian anggaran menurut jenis belanja sebelum dan setelah perubahan "
                    "disajikan pada {}. {}",
                    self._ke(tb, "2"),
                    kalimat,
                )
                if ada
                else _p(
                    "Rincian anggaran menurut jenis belanja disajikan pada {}.", self._ke(tb, "2")
                )
            )
            self.tabel(b, "2", tb)

    # -- BAB III
    def bab3(self) -> Bab:
        bab = self.bab_baru("III", "AKUNTABILITAS KINERJA")
        b = bab.blok
        self.judul(b, 2, "3.1", self.narasi["capaian_kinerja"].judul)
        self.sisip_narasi(b, "capaian_kinerja")
        aturan = self.paket.pemda.aturan
        tb_skala = self._tabel_skala(aturan)
        batas = []
        if aturan.batas_atas_capaian is not None:
            batas.append(
                f"capaian di atas {format_angka_alami(aturan.batas_atas_capaian)}% dihitung "
                f"{format_angka_alami(aturan.batas_atas_capaian)}%"
            )
        if aturan.batas_bawah_capaian is not None:
            batas.append(
                f"capaian di bawah {format_angka_alami(aturan.batas_bawah_capaian)}% dihitung "
                f"{format_angka_alami(aturan.batas_bawah_capaian)}%"
            )
        rumus_neg = (
            "(2T − R)/T × 100"
            if aturan.rumus_negatif == RumusNegatif.DUA_T_KURANG_R
            else "T/R × 100"
        )
        b.append(
            _p(
                "Capaian kinerja setiap indikator dihitung dari target dan realisasinya: untuk "
                "indikator berpolaritas positif (makin tinggi makin baik) capaian = R/T × 100, "
                "untuk indikator berpolaritas negatif capaian = {}. {}Predikat capaian mengikuti "
                "skala yang ditetapkan {} pada {}; indikator dinyatakan tercapai bila capaiannya "
                "paling sedikit {}%.",
                rumus_neg,
                ("Untuk penilaian, " + " dan ".join(batas) + ". ") if batas else "",
                self.ident.pemda_nama,
                self._ke(tb_skala, "3"),
                format_angka_alami(aturan.ambang_tercapai),
            )
        )
        self.tabel(b, "3", tb_skala)
        analisis = self._susun_analisis()
        self.analisis = analisis
        tb_ringkas = self._tabel_ringkasan(analisis, "Capaian Indikator Tujuan dan Sasaran")
        rata = self.hasil.ringkasan["rata_rata_capaian_iku"]
        b.append(
            _p(
                "Hasil pengukuran indikator tujuan dan sasaran tahun {} disajikan pada {}; di samping "
                "setiap capaian dicantumkan dasar perhitungannya (rumus, batas, tipe penghitungan "
                "dan sumber target) sehingga dapat dihitung ulang.{}",
                self.tahun,
                self._ke(tb_ringkas, "3"),
                format_html(
                    " Rata-rata capaian {} IKU adalah {}.",
                    self.hasil.ringkasan["jumlah_iku"],
                    _persen(rata),
                )
                if rata is not None
                else "",
            )
        )
        self.tabel(b, "3", tb_ringkas)
        n = 0
        for a in analisis:
            n += 1
            label = "Tujuan" if a.tingkat == "tujuan" else "Sasaran"
            self.judul(b, 3, f"3.1.{n}", f"{label}: {a.uraian}")
            for ai in a.indikator:
                self._analisis_indikator(b, ai)
            self._analisis_efisiensi(b, a)
        n += 1
        self.judul(b, 3, f"3.1.{n}", "Capaian Indikator Program, Kegiatan dan Sub Kegiatan")
        self._tabel_indikator_program(b)
        # 3.2
        self.judul(b, 2, "3.2", self.narasi["realisasi_anggaran"].judul)
        self.sisip_narasi(b, "realisasi_anggaran")
        self._realisasi_anggaran(b)
        return bab

    def _tabel_skala(self, aturan: t.Aturan) -> Tabel:
        skala: Skala = aturan.skala
        baris = [
            Baris(
                [
                    Sel(str(n), "tengah"),
                    Sel(_rentang(band), "tengah"),
                    Sel(band.label),
                    Sel(band.keterangan or "-"),
                ]
            )
            for n, band in enumerate(skala.band, 1)
        ]
        return Tabel(
            judul="Skala Nilai Capaian Kinerja dan Predikat",
            kepala=_kepala("No", "Capaian Kinerja (%)", "Predikat", "Keterangan"),
            baris=baris,
            lebar=[7, 30, 30, 33],
            catatan=f"Sumber: {_sumber_skala(skala.sumber)}" if skala.sumber else "",
        )

    def _susun_analisis(self) -> list[AnalisisSasaran]:
        hasil = []
        for tj in self.paket.renstra.tujuan:
            for tingkat, kode, uraian, daftar in [
                ("tujuan", tj.kode, tj.uraian, tj.indikator),
                *(("sasaran", s.kode, s.uraian, s.indikator) for s in tj.sasaran),
            ]:
                indikator = [self._analisis(i) for i in daftar if i.kode in self.per_kode]
                if not indikator:
                    continue
                ef = self.efisiensi.get(kode)
                program = []
                for pk in ef["program"] if ef else []:
                    ang = self.anggaran.get(pk)
                    p = next((x for x in self.paket.program if x.kode == pk), None)
                    if p is None:
                        continue
                    program.append(
                        ProgramPendukung(
                            kode=p.kode,
                            nama=p.nama,
                            indikator=[
                                self.per_kode[i.kode]
                                for i in p.indikator
                                if i.kode in self.per_kode
                            ],
                            pagu=ang["pagu"] if ang else None,
                            realisasi=ang["realisasi"] if ang else None,
                            penyerapan=ang["penyerapan"] if ang else None,
                        )
                    )
                hasil.append(AnalisisSasaran(kode, tingkat, uraian, indikator, ef, program))
        return hasil

    def _analisis(self, ind: t.Indikator) -> AnalisisIndikator:
        h = self.per_kode[ind.kode]
        aturan = self.paket.pemda.aturan
        riwayat = []
        for tahun in sorted(ind.riwayat):
            if tahun >= self.tahun:
                continue
            rw = ind.riwayat[tahun]
            target = rw.target or ind.target_tahunan.get(tahun)
            real = rw.realisasi
            capaian = None
            if target is not None and real is not None:
                c = hitung_capaian(
                    target=target.angka,
                    realisasi=real.angka,
                    polaritas=ind.polaritas,
                    rumus_negatif=ind.rumus_negatif or aturan.rumus_negatif,
                    batas_atas=ind.batas_atas_capaian
                    if ind.batas_atas_capaian is not None
                    else aturan.batas_atas_capaian,
                    batas_bawah=ind.batas_bawah_capaian
                    if ind.batas_bawah_capaian is not None
                    else aturan.batas_bawah_capaian,
                )
                capaian = c.mentah if c.mentah is not None else c.skor
            riwayat.append(
                TahunKinerja(
                    tahun,
                    target.angka if target else None,
                    target.label if target else None,
                    real.angka if real else None,
                    real.label if real else None,
                    capaian,
                )
            )
        # A year lived in the application (2024 for a kecamatan that imported its 2024
        # report and opened 2025) counts as an earlier year too, unless imported history
        # already holds it.
        for tahun, per_kode in self.m.hasil_lalu.items():
            lalu = per_kode.get(ind.kode)
            if tahun in ind.riwayat or lalu is None or lalu.realisasi is None:
                continue
            riwayat.append(
                TahunKinerja(
                    tahun,
                    lalu.target,
                    lalu.target_label,
                    lalu.realisasi,
                    lalu.realisasi_label,
                    lalu.capaian if lalu.capaian is not None else lalu.capaian_skor,
                )
            )
        riwayat.sort(key=lambda x: x.tahun)
        riwayat.append(
            TahunKinerja(
                self.tahun,
                h.target,
                h.target_label,
                h.realisasi,
                h.realisasi_label,
                h.capaian if h.capaian is not None else h.capaian_skor,
            )
        )
        catatan = self.th.catatan_realisasi.get(ind.kode) or [None] * 4
        penyebab = [
            f"{NAMA_TRIWULAN[q]}: {c.strip()}" for q, c in enumerate(catatan) if c and c.strip()
        ]
        kunci = kerangka.kunci_analisis(ind.kode)
        n = self.m.narasi.get(kunci)
        teks = n.teks if n else ""
        judul = (n.judul.strip() if n and n.judul else "") or f"Analisis {ind.nama}"
        wajib = h.tercapai is False and not penyebab
        blok = blok_narasi(teks)
        if wajib and not blok:
            blok = [Kosong(kunci, judul)]
            self.kosong_analisis.append(
                BagianKosong(kunci, f"Analisis penyebab: {ind.nama} ({ind.kode})")
            )
        return AnalisisIndikator(
            hasil=h,
            riwayat=riwayat,
            kalimat_capaian=self._kalimat_capaian(h),
            kalimat_riwayat=self._kalimat_riwayat(h, riwayat),
            kalimat_kemajuan=self._kalimat_kemajuan(h),
            pembanding=[
                NilaiBanding(
                    tingkat=p.tingkat,
                    label=p.label or LABEL_TINGKAT_BANDING.get(p.tingkat, p.tingkat),
                    nilai=p.nilai.angka,
                    nilai_label=p.nilai.label,
                    sumber=p.sumber or "-",
                )
                for p in self.th.pembanding.get(ind.kode, [])
            ],
            pd_lain=self.m.pd_lain.get(ind.kode, []),
            penyebab=penyebab,
            narasi=BagianNarasi(kunci, judul, teks, wajib, blok),
            wajib_analisis=wajib,
        )

    def _kalimat_capaian(self, h: HasilIndikator) -> str:
        if h.realisasi is None:
            return (
                f"Realisasi indikator {h.nama} tahun {self.tahun} belum tersedia, sehingga "
                "capaiannya belum dapat dihitung."
            )
        target = _nilai_satuan(h.target, h.target_label, h.satuan)
        real = _nilai_satuan(h.realisasi, h.realisasi_label, h.satuan)
        if h.target is None:
            return (
                f"Realisasi indikator {h.nama} tahun {self.tahun} sebesar {real}; indikator ini "
                "tidak memiliki target pada PK maupun Renstra sehingga capaiannya tidak dapat dihitung."
            )
        capaian = h.capaian if h.capaian is not None else h.capaian_skor
        kal = (
            f"Realisasi indikator {h.nama} tahun {self.tahun} sebesar {real} dari target {target} "
            f"({_sumber_target(h.sumber_target)}), sehingga capaian kinerjanya {_persen(capaian)}"
        )
        if h.capaian is not None and h.capaian_skor is not None and h.capaian != h.capaian_skor:
            kal += (
                f" (untuk penilaian dihitung {_persen(h.capaian_skor)} sesuai batas capaian pemda)"
            )
        if h.predikat:
            kal += f" dengan predikat {h.predikat}"
        kal += "."
        if h.tercapai is True:
            kal += " Target tahun ini tercapai."
        elif h.tercapai is False:
            kal += " Target tahun ini belum tercapai."
        return kal

    def _kalimat_riwayat(self, h: HasilIndikator, riwayat: list[TahunKinerja]) -> list[str]:
        hasil = []
        ada = [r for r in riwayat if r.realisasi is not None]
        for lama, baru in zip(ada, ada[1:], strict=False):
            perubahan = kalimat_perubahan(
                baru=baru.realisasi, lama=lama.realisasi, tahun_lama=lama.tahun
            )
            hasil.append(
                f"Realisasi tahun {baru.tahun} sebesar "
                f"{_nilai_satuan(baru.realisasi, baru.realisasi_label, h.satuan)} {perubahan} yang "
                f"sebesar {_nilai_satuan(lama.realisasi, lama.realisasi_label, h.satuan)}."
            )
        if not hasil:
            hasil.append(
                f"Belum ada realisasi tahun-tahun sebelumnya untuk indikator {h.nama} yang dapat "
                "dibandingkan."
            )
        return hasil

    def _kalimat_kemajuan(self, h: HasilIndikator) -> str:
        r = self.paket.renstra
        if h.target_akhir is None:
            return f"Indikator {h.nama} tidak memiliki target akhir Renstra {r.mulai}–{r.selesai}."
        akhir = _nilai_satuan(h.target_akhir, None, h.satuan)
        if h.tingkat_kemajuan is None:
            return (
                f"Target akhir Renstra {r.mulai}–{r.selesai} sebesar {akhir}; tingkat kemajuan "
                f"belum dapat dihitung karena realisasi tahun {self.tahun} belum tersedia."
            )
        sisa = r.selesai - self.tahun
        kal = (
            f"Dibandingkan target akhir Renstra tahun {r.selesai} sebesar {akhir}, realisasi tahun "
            f"{self.tahun} mencapai tingkat kemajuan {_persen(h.tingkat_kemajuan)}"
        )
        if h.tingkat_kemajuan >= 100:
            kal += ", sehingga target akhir Renstra telah terlampaui atau tercapai"
        elif sisa > 0:
            kal += f"; masih tersisa {sisa} tahun periode Renstra untuk mencapainya"
        return kal + "."

    def _analisis_indikator(self, b: list, ai: AnalisisIndikator) -> None:
        h = ai.hasil
        self.judul(b, 4, "", f"Indikator: {h.nama}", isi=False)
        # 1. target vs realisasi, 2. previous years, 3. end target — one table like S0 Tabel 3.1.
        riwayat_lalu = [r for r in ai.riwayat if r.tahun < self.tahun]
        r = self.paket.renstra
        kepala = [
            [
                *(Sel(f"Realisasi {x.tahun}", rowspan=2) for x in riwayat_lalu),
                Sel(f"Tahun {self.tahun}", colspan=4),
                Sel(f"Akhir Renstra ({r.selesai})", colspan=2),
            ],
            [
                Sel("Target"),
                Sel("Realisasi"),
                Sel("Capaian"),
                Sel("Predikat"),
                Sel("Target"),
                Sel("Tingkat Kemajuan"),
            ],
        ]
        baris = [
            Baris(
                [
                    *(Sel(_tampil(x.realisasi, x.realisasi_label), "angka") for x in riwayat_lalu),
                    Sel(_tampil(h.target, h.target_label), "angka"),
                    Sel(_tampil(h.realisasi, h.realisasi_label), "angka"),
                    Sel(
                        _persen(h.capaian if h.capaian is not None else h.capaian_skor),
                        "angka tebal",
                    ),
                    Sel(h.predikat or "-", "tengah"),
                    Sel(_tampil(h.target_akhir), "angka"),
                    Sel(_persen(h.tingkat_kemajuan), "angka"),
                ]
            ),
            Baris(
                [
                    Sel(
                        f"Dasar perhitungan: {dasar_perhitungan(h)}",
                        "rumus",
                        colspan=len(riwayat_lalu) + 6,
                    )
                ]
            ),
        ]
        n_lalu = len(riwayat_lalu)
        lebar_lalu = 10 if n_lalu else 0
        sisa = 100 - lebar_lalu * n_lalu
        lebar = [*([lebar_lalu] * n_lalu)]
        bagian = [12, 12, 12, 16, 12, 16]
        skala = sisa / sum(bagian)
        lebar += [int(x * skala) for x in bagian]
        lebar[-1] += 100 - sum(lebar)
        tb = Tabel(
            judul=f"Capaian Indikator {h.nama} Tahun {self.tahun}",
            kepala=kepala,
            baris=baris,
            lebar=lebar,
        )
        b.append(
            _p(
                "a. Perbandingan target dan realisasi kinerja tahun {} ({}).",
                self.tahun,
                self._ke(tb, "3"),
                kelas="analisis",
            )
        )
        b.append(_p("{}", ai.kalimat_capaian))
        self.tabel(b, "3", tb)
        ikm = [x for x in self.hasil.ikm if x["indikator"] == h.kode]
        for x in ikm:
            self._tabel_skm(b, h, x)
        # 2. previous years: table + chart
        b.append(_p("b. Perbandingan dengan tahun-tahun sebelumnya.", kelas="analisis"))
        for k in ai.kalimat_riwayat:
            b.append(_p("{}", k))
        if len(ai.riwayat) > 1:
            tb = Tabel(
                judul=f"Perbandingan Kinerja {h.nama} Tahun {ai.riwayat[0].tahun}–{self.tahun}",
                kepala=_kepala("Tahun", "Target", "Realisasi", "Capaian"),
                baris=[
                    Baris(
                        [
                            Sel(str(x.tahun), "tengah"),
                            Sel(_tampil(x.target, x.target_label), "angka"),
                            Sel(_tampil(x.realisasi, x.realisasi_label), "angka"),
                            Sel(_persen(x.capaian), "angka"),
                        ]
                    )
                    for x in ai.riwayat
                ],
                lebar=[16, 28, 28, 28],
            )
            self.tabel(b, "3", tb)
            ada_nilai = [x for x in ai.riwayat if x.realisasi is not None or x.target is not None]
            if len(ada_nilai) > 1:
                persen = h.satuan.strip() in ("%", "persen", "persentase")
                svg = grafik_batang(
                    judul=f"Realisasi dan target {h.nama}",
                    label=[str(x.tahun) for x in ai.riwayat],
                    batang=Seri("Realisasi", [x.realisasi for x in ai.riwayat]),
                    garis=Seri("Target", [x.target for x in ai.riwayat], WARNA_GARIS),
                    satuan="%" if persen else "",
                    paling_tidak=Decimal(100) if persen else None,
                    ident=f"grafik-{re.sub(r'[^a-zA-Z0-9]+', '-', h.kode)}",
                )
                self.gambar(
                    b,
                    "3",
                    Gambar(
                        judul=f"Realisasi dan Target {h.nama} Tahun {ai.riwayat[0].tahun}–{self.tahun}",
                        svg=mark_safe(svg),  # noqa: S308 - generated by lib.grafik, escaped there
                    ),
                )
        # 3. end target
        b.append(_p("c. Perbandingan dengan target jangka menengah (Renstra).", kelas="analisis"))
        b.append(_p("{}", ai.kalimat_kemajuan))
        # 4. benchmark
        b.append(
            _p(
                "d. Perbandingan dengan standar nasional, provinsi, kabupaten dan perangkat daerah lain.",
                kelas="analisis",
            )
        )
        self._pembanding(b, ai)
        # 5. causes and solutions
        b.append(
            _p(
                "e. Analisis penyebab keberhasilan/kegagalan dan alternatif solusi.",
                kelas="analisis",
            )
        )
        if ai.penyebab:
            b.append(_p("Catatan realisasi triwulan yang disampaikan bersama data realisasi:"))
            b.append(Daftar([escape(x) for x in ai.penyebab], berurut=False))
        b.extend(ai.narasi.blok)
        if not ai.penyebab and not ai.narasi.blok:
            b.append(
                _p(
                    "Tidak ada catatan penyebab pada realisasi triwulan indikator ini; target {}.",
                    "tercapai"
                    if h.tercapai
                    else "belum dapat dinilai"
                    if h.tercapai is None
                    else "belum tercapai",
                )
            )

    def _tabel_skm(self, b: list, h: HasilIndikator, x: dict) -> None:
        nama_unsur = dict(UNSUR_SKM)
        baris = []
        for n, (u, nrr) in enumerate(sorted(x["unsur"].items(), key=lambda kv: int(kv[0][1:])), 1):
            baris.append(
                Baris(
                    [
                        Sel(str(n), "tengah"),
                        Sel(nama_unsur.get(u, u)),
                        Sel(format_angka(nrr, 2), "angka"),
                    ]
                )
            )
        baris.append(
            Baris(
                [
                    Sel("Nilai Indeks (NI) / Nilai Interval Konversi (NIK)", colspan=2),
                    Sel(f"{format_angka(x['ni'], 4)} / {format_angka(x['nik'], 2)}", "angka"),
                ],
                "total",
            )
        )
        baris.append(
            Baris(
                [Sel("Mutu pelayanan", colspan=2), Sel(f"{x['mutu']} ({x['kinerja']})", "angka")],
                "total",
            )
        )
        tb = Tabel(
            judul=f"Nilai Unsur Survei Kepuasan Masyarakat {x['periode'] or ''} Tahun {self.tahun}".replace(
                "  ", " "
            ),
            kepala=_kepala("No", "Unsur Pelayanan", "Nilai Rata-rata"),
            baris=baris,
            lebar=[8, 67, 25],
            catatan=(
                "IKM = rata-rata tertimbang 9 unsur × 25 (PermenPANRB 14/2017)"
                + (f"; {x['responden']} responden." if x.get("responden") else ".")
            ),
        )
        b.append(
            _p(
                "IKM dihitung dari nilai 9 unsur Survei Kepuasan Masyarakat pada {}: NIK {} dengan mutu "
                "pelayanan {}.",
                self._ke(tb, "3"),
                format_angka(x["nik"], 2),
                x["mutu"],
            )
        )
        self.tabel(b, "3", tb)

    def _pembanding(self, b: list, ai: AnalisisIndikator) -> None:
        h = ai.hasil
        baris = []
        for p in ai.pembanding:
            baris.append(
                Baris(
                    [
                        Sel(p.label),
                        Sel(LABEL_TINGKAT_BANDING.get(p.tingkat, p.tingkat)),
                        Sel("-", "angka"),
                        Sel(_tampil(p.nilai, p.nilai_label), "angka"),
                        Sel("-", "angka"),
                        Sel(p.sumber),
                    ]
                )
            )
        baris.append(
            Baris(
                [
                    Sel(self.pd),
                    Sel("Perangkat daerah ini"),
                    Sel(_tampil(h.target, h.target_label), "angka"),
                    Sel(_tampil(h.realisasi, h.realisasi_label), "angka"),
                    Sel(_persen(h.capaian if h.capaian is not None else h.capaian_skor), "angka"),
                    Sel("Data LKjIP ini"),
                ],
                "sendiri",
            )
        )
        for x in ai.pd_lain:
            baris.append(
                Baris(
                    [
                        Sel(x.pd_nama),
                        Sel(f"Perangkat daerah {self.ident.pemda_nama}"),
                        Sel(_tampil(x.target, x.target_label), "angka"),
                        Sel(_tampil(x.realisasi, x.realisasi_label), "angka"),
                        Sel(_persen(x.capaian), "angka"),
                        Sel(f"Data aplikasi, indikator {x.indikator_kode}: {x.indikator_nama}"),
                    ]
                )
            )
        if not ai.pembanding and not ai.pd_lain:
            b.append(
                _p(
                    "Belum tersedia nilai indikator {} pada tingkat kabupaten, provinsi maupun "
                    "nasional, dan tidak ada perangkat daerah lain di {} dengan indikator yang sama.",
                    h.nama,
                    self.ident.pemda_nama,
                )
            )
            return
        kal = []
        if ai.pembanding:
            kal.append(
                "nilai pada tingkat "
                + ", ".join(
                    f"{p.label.lower() if p.label == LABEL_TINGKAT_BANDING.get(p.tingkat) else p.label} "
                    f"{_tampil(p.nilai, p.nilai_label)}"
                    for p in ai.pembanding
                )
            )
        if ai.pd_lain:
            dengan = [x for x in ai.pd_lain if x.realisasi is not None]
            if dengan:
                kal.append(
                    "realisasi perangkat daerah lain "
                    + ", ".join(
                        f"{x.pd_nama} {_tampil(x.realisasi, x.realisasi_label)}" for x in dengan
                    )
                )
            else:
                kal.append(
                    f"{len(ai.pd_lain)} perangkat daerah lain dengan indikator yang sama belum "
                    f"mencatat realisasi tahun {self.tahun}"
                )
        tb = Tabel(
            judul=f"Perbandingan {h.nama} dengan Nilai Pembanding Tahun {self.tahun}",
            kepala=_kepala("Pembanding", "Tingkat", "Target", "Realisasi", "Capaian", "Sumber"),
            baris=baris,
            lebar=[22, 18, 11, 11, 11, 27],
            kelas="kecil",
        )
        b.append(
            _p(
                "Realisasi {} tahun {} sebesar {} dibandingkan dengan {} ({}).",
                self.pd,
                self.tahun,
                _tampil(h.realisasi, h.realisasi_label),
                "; ".join(kal),
                self._ke(tb, "3"),
            )
        )
        self.tabel(b, "3", tb)

    def _analisis_efisiensi(self, b: list, a: AnalisisSasaran) -> None:
        label = "tujuan" if a.tingkat == "tujuan" else "sasaran"
        self.judul(b, 4, "", f"Efisiensi dan program pendukung {label} ini", isi=False)
        ef = a.efisiensi
        b.append(_p("f. Analisis efisiensi penggunaan sumber daya.", kelas="analisis"))
        if ef is None:
            b.append(_p("Efisiensi {} ini tidak dapat dihitung.", label))
        else:
            kode_program = ", ".join(ef["program"]) or "-"
            anggaran = format_html(
                "Anggaran yang mendukung {} ini berasal dari program {} dengan pagu {} dan "
                "realisasi {} (penyerapan {}).",
                label,
                kode_program,
                _rp(ef["pagu"]),
                _rp(ef["realisasi"]),
                _persen(ef["penyerapan"]),
            )
            if ef["nilai"] is None:
                hasil = format_html(
                    "Efisiensinya {} karena capaian kinerja atau penyerapan anggarannya belum "
                    "tersedia.",
                    _tebal("belum dapat dihitung"),
                )
            else:
                nilai = format_angka(ef["nilai"], 2) + (
                    "" if ef["metode"] == MetodeEfisiensi.RASIO.value else "%"
                )
                hasil = format_html(
                    "Dengan capaian kinerja {}, efisiensinya {} dengan kategori {}.",
                    _persen(ef["capaian"]),
                    nilai,
                    _tebal(ef["kategori"]),
                )
            b.append(Paragraf(format_html("{} {}", anggaran, hasil)))
            b.append(_p("{}", ef["rumus"], kelas="rumus"))
        b.append(_p("g. Program dan kegiatan yang menunjang pencapaian kinerja.", kelas="analisis"))
        if not a.program:
            b.append(_p("Tidak ada program yang dipetakan untuk mendukung {} ini.", label))
            return
        baris = []
        for p in a.program:
            ind = p.indikator or [None]
            for j, i in enumerate(ind):
                sel = []
                if j == 0:
                    sel.append(Sel(f"{p.kode} {p.nama}", rowspan=len(ind)))
                if i is None:
                    sel += [Sel("-"), Sel("-", "angka"), Sel("-", "angka"), Sel("-", "angka")]
                else:
                    sel += [
                        Sel(i.nama),
                        Sel(_tampil(i.target, i.target_label), "angka"),
                        Sel(_tampil(i.realisasi, i.realisasi_label), "angka"),
                        Sel(
                            _persen(i.capaian if i.capaian is not None else i.capaian_skor), "angka"
                        ),
                    ]
                if j == 0:
                    sel += [
                        Sel(_uang(p.pagu), "angka", rowspan=len(ind)),
                        Sel(_uang(p.realisasi), "angka", rowspan=len(ind)),
                        Sel(_persen(p.penyerapan), "angka", rowspan=len(ind)),
                    ]
                baris.append(Baris(sel))
        tb = Tabel(
            judul=f"Program Pendukung {label.capitalize()} {a.uraian}",
            kepala=[
                [
                    Sel("Program", rowspan=2),
                    Sel("Indikator Program", colspan=4),
                    Sel("Anggaran", colspan=3),
                ],
                [
                    Sel("Indikator"),
                    Sel("Target"),
                    Sel("Realisasi"),
                    Sel("Capaian"),
                    Sel("Pagu (Rp)"),
                    Sel("Realisasi (Rp)"),
                    Sel("%"),
                ],
            ],
            baris=baris,
            lebar=[19, 21, 8, 8, 9, 13, 13, 9],
            kelas="kecil",
        )
        tercapai = [i for p in a.program for i in p.indikator if i.tercapai is True]
        semua = [i for p in a.program for i in p.indikator if i.tercapai is not None]
        b.append(
            _p(
                "{} didukung oleh {} program ({}); {} dari {} indikator program yang terukur "
                "mencapai targetnya.",
                f"{label.capitalize()} ini",
                len(a.program),
                self._ke(tb, "3"),
                len(tercapai),
                len(semua),
            )
        )
        self.tabel(b, "3", tb)

    def _tabel_ringkasan(self, analisis: list[AnalisisSasaran], judul: str) -> Tabel:
        baris = []
        n = 0
        for a in analisis:
            for ai in a.indikator:
                n += 1
                h = ai.hasil
                baris.append(
                    Baris(
                        [
                            Sel(str(n), "tengah"),
                            Sel(f"{a.tingkat.capitalize()}: {a.uraian}"),
                            Sel(h.nama),
                            Sel(_tampil(h.target, h.target_label), "angka"),
                            Sel(_tampil(h.realisasi, h.realisasi_label), "angka"),
                            Sel(
                                _persen(h.capaian if h.capaian is not None else h.capaian_skor),
                                "angka tebal",
                            ),
                            Sel(h.predikat or "-", "tengah"),
                            Sel(dasar_perhitungan(h), "rumus"),
                        ]
                    )
                )
        return Tabel(
            judul=f"{judul} Tahun {self.tahun}",
            kepala=_kepala(
                "No",
                "Tujuan/Sasaran",
                "Indikator Kinerja",
                "Target",
                "Realisasi",
                "Capaian",
                "Predikat",
                "Dasar Perhitungan",
            ),
            baris=baris,
            lebar=[5, 19, 19, 8, 10, 9, 10, 20],
            kelas="kecil",
        )

    def _tabel_indikator_program(self, b: list) -> None:
        induk = self._uraian_induk()
        for tingkat, judul in (
            ("program", "Program"),
            ("kegiatan", "Kegiatan"),
            ("sub_kegiatan", "Sub Kegiatan"),
        ):
            daftar = [i for i in self.hasil.indikator if i.tingkat == tingkat]
            if not daftar:
                continue
            baris = []
            for n, i in enumerate(daftar, 1):
                nama_induk = induk.get(i.induk, ("", i.induk))[1]
                baris.append(
                    Baris(
                        [
                            Sel(str(n), "tengah"),
                            Sel(i.induk),
                            Sel(nama_induk),
                            Sel(i.nama),
                            Sel(_tampil(i.target, i.target_label), "angka"),
                            Sel(_tampil(i.realisasi, i.realisasi_label), "angka"),
                            Sel(
                                _persen(i.capaian if i.capaian is not None else i.capaian_skor),
                                "angka",
                            ),
                            Sel(i.predikat or "-", "tengah"),
                        ]
                    )
                )
            terukur = [i for i in daftar if i.tercapai is not None]
            tercapai = [i for i in terukur if i.tercapai]
            tb = Tabel(
                judul=f"Capaian Indikator Kinerja {judul} Tahun {self.tahun}",
                kepala=_kepala(
                    "No", "Kode", judul, "Indikator", "Target", "Realisasi", "Capaian", "Predikat"
                ),
                baris=baris,
                lebar=[5, 15, 20, 24, 8, 8, 9, 11],
                kelas="kecil",
            )
            b.append(
                _p(
                    "Capaian {} indikator {} disajikan pada {}: {} dari {} indikator yang sudah "
                    "memiliki realisasi mencapai targetnya.",
                    len(daftar),
                    judul.lower(),
                    self._ke(tb, "3"),
                    len(tercapai),
                    len(terukur),
                )
            )
            self.tabel(b, "3", tb)

    def _realisasi_anggaran(self, b: list) -> None:
        r = self.hasil.ringkasan
        baris = []
        for a in self.hasil.anggaran:
            if a["tingkat"] == "total":
                continue
            kelas = {"program": "program", "kegiatan": "kegiatan"}.get(a["tingkat"], "")
            baris.append(
                Baris(
                    [
                        Sel(a["kode"]),
                        Sel(a["nama"], f"indent-{a['kedalaman']}"),
                        Sel(_uang(a["pagu"]), "angka"),
                        Sel(_uang(a["realisasi"]), "angka"),
                        Sel(_persen(a["penyerapan"]), "angka"),
                    ],
                    kelas,
                )
            )
        baris.append(
            Baris(
                [
                    Sel("Jumlah", colspan=2),
                    Sel(_uang(r["pagu_total"]), "angka"),
                    Sel(_uang(r["realisasi_total"]), "angka"),
                    Sel(_persen(r["penyerapan_total"]), "angka"),
                ],
                "total",
            )
        )
        tb = Tabel(
            judul=f"Realisasi Anggaran {self.pd} Tahun {self.tahun}",
            kepala=_kepala(
                "Kode Program/ Kegiatan/ Sub Kegiatan",
                "Uraian Program/Kegiatan/Sub Kegiatan",
                "Pagu Anggaran (Rp)",
                "Realisasi (Rp)",
                "Penyerapan",
            ),
            baris=baris,
            lebar=[16, 43, 15, 14, 12],
            kelas="kecil",
        )
        dpa = self.th.dpa_berlaku()
        sisa = r["sisa_anggaran"]
        b.append(
            _p(
                "Dalam rangka pelaksanaan tugas pokok dan fungsi serta pencapaian tujuan dan sasaran "
                "strategis tahun {}, {} didukung anggaran belanja{} sebesar {} ({}) yang terealisasi "
                "sebesar {} atau {}{}. Rincian realisasi per program, kegiatan dan sub kegiatan "
                "disajikan pada {}.",
                self.tahun,
                self.pd,
                " setelah perubahan" if dpa and dpa.versi != "murni" else "",
                _rp(r["pagu_total"]),
                _terbilang_rupiah(r["pagu_total"]),
                _rp(r["realisasi_total"]),
                _persen(r["penyerapan_total"]),
                format_html(", sehingga sisa anggaran {}", _rp(sisa)) if sisa else "",
                self._ke(tb, "3"),
            )
        )
        self.tabel(b, "3", tb)
        # Efficiency table
        metode = self.paket.pemda.aturan.metode_efisiensi
        baris = []
        for e in self.hasil.efisiensi:
            kelas = "total" if e["tingkat"] == "total" else ""
            baris.append(
                Baris(
                    [
                        Sel(
                            e["uraian"]
                            if e["tingkat"] == "total"
                            else f"{e['tingkat'].capitalize()}: {e['uraian']}"
                        ),
                        Sel(_persen(e["capaian"]), "angka"),
                        Sel(_uang(e["pagu"]), "angka"),
                        Sel(_uang(e["realisasi"]), "angka"),
                        Sel(_persen(e["penyerapan"]), "angka"),
                        Sel(
                            "-"
                            if e["nilai"] is None
                            else format_angka(e["nilai"], 2)
                            + ("" if metode == MetodeEfisiensi.RASIO else "%"),
                            "angka",
                        ),
                        Sel(e["kategori"], "tengah"),
                    ],
                    kelas,
                )
            )
        tb = Tabel(
            judul=f"Efisiensi Penggunaan Anggaran Tahun {self.tahun}",
            kepala=_kepala(
                "Tujuan/Sasaran",
                "Capaian Kinerja",
                "Pagu (Rp)",
                "Realisasi (Rp)",
                "Penyerapan",
                "Efisiensi",
                "Kategori",
            ),
            baris=baris,
            lebar=[28, 10, 15, 15, 10, 10, 12],
            kelas="kecil",
        )
        b.append(
            _p(
                "Efisiensi penggunaan anggaran diukur dengan membandingkan capaian kinerja dengan "
                "penyerapan anggaran program pendukungnya, menurut metode yang ditetapkan {}. {} "
                "Hasilnya disajikan pada {}.",
                self.ident.pemda_nama,
                RUMUS_EFISIENSI[metode],
                self._ke(tb, "3"),
            )
        )
        self.tabel(b, "3", tb)
        if self.th.realisasi_jenis_belanja:
            berlaku = self.th.dpa_berlaku()
            rows = [x for x in self.hasil.jenis_belanja if berlaku and x["versi"] == berlaku.versi]
            if rows:
                tb = Tabel(
                    judul=f"Realisasi Anggaran menurut Jenis Belanja Tahun {self.tahun}",
                    kepala=_kepala(
                        "Kode", "Jenis Belanja", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan"
                    ),
                    baris=[
                        Baris(
                            [
                                Sel(x["kode"]),
                                Sel(x["nama"], f"indent-{min(x['kedalaman'], 3)}"),
                                Sel(_uang(x["pagu"]), "angka"),
                                Sel(_uang(x["realisasi"]), "angka"),
                                Sel(_persen(x["penyerapan"]), "angka"),
                            ],
                            "program" if x["kedalaman"] == 0 else "",
                        )
                        for x in sorted(rows, key=lambda x: kunci_kode(x["kode"]))
                    ],
                    lebar=[12, 44, 16, 16, 12],
                )
                b.append(
                    _p(
                        "Realisasi anggaran menurut jenis belanja disajikan pada {}.",
                        self._ke(tb, "3"),
                    )
                )
                self.tabel(b, "3", tb)

    # -- BAB IV
    def bab4(self) -> Bab:
        bab = self.bab_baru("IV", "PENUTUP")
        b = bab.blok
        self.judul(b, 2, "4.1", self.narasi["kesimpulan"].judul)
        self.sisip_narasi(b, "kesimpulan")
        semua = [ai.hasil for a in self.analisis for ai in a.indikator]
        tercapai = [h for h in semua if h.tercapai]
        terukur = [h for h in semua if h.tercapai is not None]
        rata = self.hasil.ringkasan["rata_rata_capaian_iku"]
        tb = self._tabel_ringkasan(self.analisis, "Hasil Pengukuran Pencapaian Tujuan dan Sasaran")
        b.append(
            _p(
                "Dari {} indikator tujuan dan sasaran yang terukur, {} indikator mencapai targetnya{}. "
                "Rincian capaian dan predikatnya disajikan pada {}.",
                len(terukur),
                len(tercapai),
                format_html(
                    "; rata-rata capaian Indikator Kinerja Utama adalah {}{}",
                    _persen(rata),
                    format_html(" dengan predikat {}", _tebal(band.label))
                    if (band := klasifikasi(self.paket.pemda.aturan.skala, rata)) is not None
                    else "",
                )
                if rata is not None
                else "",
                self._ke(tb, "4"),
            )
        )
        self.tabel(b, "4", tb)
        r = self.hasil.ringkasan
        b.append(
            _p(
                "Anggaran sebesar {} terealisasi {} ({}).",
                _rp(r["pagu_total"]),
                _rp(r["realisasi_total"]),
                _persen(r["penyerapan_total"]),
            )
        )
        self.judul(b, 2, "4.2", self.narasi["rekomendasi"].judul)
        self.sisip_narasi(b, "rekomendasi")
        if not self.narasi["tindak_lanjut"].kosong:
            self.judul(b, 2, "4.3", self.narasi["tindak_lanjut"].judul)
            self.sisip_narasi(b, "tindak_lanjut")
        b.append(
            _p(
                "Demikian Laporan Kinerja Instansi Pemerintah {} Tahun {} ini disusun sebagai "
                "pertanggungjawaban kinerja dan bahan perbaikan kinerja tahun berikutnya.",
                self.pd,
                self.tahun,
            )
        )
        b.append(_ttd_kepala(self.ident))
        return bab

    # -- Lampiran
    def lampiran(self) -> list[Bab]:
        hasil = []
        th = self.th
        versi = sorted(th.perjanjian_kinerja, key=lambda x: t.urutan_versi(x.versi))
        semua = {i.kode: i for i in self.paket.semua_indikator()}
        induk = self._uraian_induk()
        n = 0
        for pk in versi:
            n += 1
            judul = f"Lampiran {n}. Perjanjian Kinerja Tahun {self.tahun}" + (
                f" (PK {_label_versi(pk.versi)})" if len(versi) > 1 else ""
            )
            hasil.append(self._lampiran_pk(n, judul, pk, semua, induk))
        for b in th.pk_berjenjang:
            n += 1
            hasil.append(self._lampiran_pk_berjenjang(n, b))
        n += 1
        hasil.append(self._lampiran_bukti(n))
        catatan = [
            g
            for g in kelompok_temuan(self.m.hasil.temuan, {})
            if self.m.penjelasan.get(g.kunci, "").strip()
        ]
        if catatan:
            n += 1
            hasil.append(self._lampiran_catatan_konsistensi(n, catatan))
        return hasil

    def _lampiran_catatan_konsistensi(self, n: int, catatan: list[TemuanDijelaskan]) -> Bab:
        """The consistency findings the data keep, each with the operator's explanation."""
        bab = self._bab_lampiran(n, f"Lampiran {n}. Catatan Konsistensi Data Tahun {self.tahun}")
        bab.blok.append(
            _p(
                "Pemeriksaan konsistensi data kinerja dan anggaran tahun {} menemukan {} hal yang "
                "tidak diubah karena datanya memang demikian; penjelasan perangkat daerah atas "
                "setiap temuan adalah sebagai berikut:",
                self.tahun,
                len(catatan),
            )
        )
        bab.blok.append(
            Tabel(
                judul="Catatan Konsistensi Data",
                kepala=_kepala("No", "Temuan", "Penjelasan"),
                baris=[
                    Baris(
                        [
                            Sel(str(i), "tengah"),
                            Sel(f"{g.lokasi}: " + "; ".join(g.pesan)),
                            Sel(self.m.penjelasan[g.kunci].strip()),
                        ]
                    )
                    for i, g in enumerate(catatan, 1)
                ],
                lebar=[5, 55, 40],
                kelas="kecil",
            )
        )
        return bab

    def _bab_lampiran(self, n: int, judul: str) -> Bab:
        anchor = f"lampiran-{n}"
        self.isi.append(EntriIsi(judul, anchor, 2))
        return Bab(nomor="", judul=judul, anchor=anchor, kelas="lampiran")

    def _kop(self) -> Kop:
        i = self.ident
        kontak = " · ".join(
            x
            for x in (
                f"Telp. {i.telepon}" if i.telepon else "",
                f"Laman: {i.situs}" if i.situs else "",
                f"Surel: {i.email}" if i.email else "",
            )
            if x
        )
        return Kop(
            pemda=f"PEMERINTAH {i.pemda_nama.upper()}",
            pd=i.pd_nama.upper(),
            alamat=i.alamat,
            kontak=kontak,
        )

    def _lampiran_pk(self, n: int, judul: str, pk: t.PerjanjianKinerja, semua, induk) -> Bab:
        bab = self._bab_lampiran(n, judul)
        b = bab.blok
        ident = self.ident
        pertama = _pejabat(pk.pihak_pertama) or ident.kepala
        kedua = _pejabat(pk.pihak_kedua) or ident.kepala_daerah
        tempat = pk.tempat or ident.ibu_kota or ident.tempat
        tanggal = format_tanggal(pk.tanggal) if pk.tanggal else f"…………………… {self.tahun}"
        tempat_tanggal = f"{tempat}, {tanggal}"
        b.append(self._kop())
        b.append(Judul(4, "", f"PERJANJIAN KINERJA TAHUN {self.tahun}", f"pk-{pk.versi}-{n}"))
        if pk.versi != "murni":
            b.append(_p("(PK {})", _label_versi(pk.versi), kelas="tengah"))
        b.append(
            _p(
                "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
                "akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
            )
        )
        b.append(
            Pihak(
                nama=pertama.nama if pertama else "……………………",
                jabatan=pertama.jabatan_cetak if pertama else f"KEPALA {ident.pd_nama.upper()}",
                keterangan="selanjutnya disebut pihak pertama",
            )
        )
        b.append(
            Pihak(
                nama=kedua.nama if kedua else "……………………",
                jabatan=kedua.jabatan_cetak if kedua else "KEPALA DAERAH",
                keterangan="selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua",
            )
        )
        b.append(
            _p(
                "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai "
                "lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti "
                "yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan "
                "pencapaian target kinerja tersebut menjadi tanggung jawab kami."
            )
        )
        b.append(
            _p(
                "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
                "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
                "dalam rangka pemberian penghargaan dan sanksi."
            )
        )
        b.append(self._ttd_pk(tempat_tanggal, pertama, kedua))
        tb = self._tabel_pk_target(pk, semua, induk, nomor_kolom=True)
        tb.judul = f"Lampiran Perjanjian Kinerja Tahun {self.tahun}: Sasaran, Indikator dan Target"
        b.append(tb)
        if pk.anggaran_program:
            tb = self._tabel_pk_program(pk, nomor_kolom=True)
            tb.judul = f"Lampiran Perjanjian Kinerja Tahun {self.tahun}: Program dan Anggaran"
            b.append(tb)
        b.append(self._ttd_pk(tempat_tanggal, pertama, kedua))
        return bab

    def _ttd_pk(
        self, tempat_tanggal: str, pertama: PejabatDok | None, kedua: PejabatDok | None
    ) -> TandaTanganGanda:
        return TandaTanganGanda(
            tempat_tanggal=tempat_tanggal,
            kiri=_pihak("Pihak Kedua,", kedua),
            kanan=_pihak("Pihak Pertama,", pertama),
        )

    def _lampiran_pk_berjenjang(self, n: int, pkb: t.PKBerjenjang) -> Bab:
        pejabat = _pejabat(pkb.pejabat) or self.m.pejabat_pkb.get(pkb.jabatan)
        judul = f"Lampiran {n}. Perjanjian Kinerja {pkb.jabatan} Tahun {self.tahun}"
        bab = self._bab_lampiran(n, judul)
        b = bab.blok
        b.append(self._kop())
        b.append(Judul(4, "", f"PERJANJIAN KINERJA TAHUN {self.tahun}", f"pkb-{n}"))
        b.append(_p("{}", pkb.jabatan.upper(), kelas="tengah"))
        b.append(
            Pihak(
                nama=pejabat.nama if pejabat else "……………………",
                jabatan=jabatan_cetak(pkb.jabatan, pejabat.status if pejabat else ""),
                keterangan="selanjutnya disebut pihak pertama",
            )
        )
        kepala = self.ident.kepala
        b.append(
            Pihak(
                nama=kepala.nama if kepala else "……………………",
                jabatan=kepala.jabatan_cetak if kepala else f"KEPALA {self.pd.upper()}",
                keterangan="selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua",
            )
        )
        b.append(
            _p(
                "Pihak pertama berjanji akan mewujudkan target kinerja sesuai lampiran perjanjian ini "
                "untuk mendukung pencapaian kinerja {}.",
                self.pd,
            )
        )
        b.append(
            Tabel(
                judul="Sasaran, Indikator dan Target",
                kepala=_kepala("No", "Sasaran", "Indikator Kinerja", "Target"),
                baris=[
                    Baris(
                        [
                            Sel(str(i), "tengah"),
                            Sel(s.uraian),
                            Sel(s.indikator),
                            Sel(
                                _tampil(s.target.angka, s.target.label) if s.target else "-",
                                "angka",
                            ),
                        ]
                    )
                    for i, s in enumerate(pkb.sasaran, 1)
                ],
                lebar=[6, 40, 40, 14],
            )
        )
        if pkb.anggaran:
            node = self.paket.nama_node_anggaran()
            items = sorted(pkb.anggaran.items(), key=lambda kv: kunci_kode(kv[0]))
            b.append(
                Tabel(
                    judul="Program/Kegiatan/Sub Kegiatan dan Anggaran",
                    kepala=_kepala("Kode", "Uraian", "Anggaran (Rp)"),
                    baris=[
                        Baris(
                            [Sel(k), Sel(node.get(k, (k, ""))[0]), Sel(_uang(v), "angka")],
                            {"program": "program", "kegiatan": "kegiatan"}.get(
                                node.get(k, ("", ""))[1], ""
                            ),
                        )
                        for k, v in items
                    ],
                    lebar=[20, 58, 22],
                )
            )
        tempat_tanggal = f"{self.ident.ibu_kota or self.ident.tempat}, …………………… {self.tahun}"
        b.append(
            TandaTanganGanda(
                tempat_tanggal=tempat_tanggal,
                kiri=_pihak("Pihak Kedua,", kepala),
                kanan=_pihak("Pihak Pertama,", pejabat, jabatan=pkb.jabatan),
            )
        )
        return bab

    def _lampiran_bukti(self, n: int) -> Bab:
        bab = self._bab_lampiran(
            n, f"Lampiran {n}. Daftar Bukti Dukung Realisasi Tahun {self.tahun}"
        )
        b = bab.blok
        bukti = self.m.bukti
        if not bukti:
            b.append(
                _p("Belum ada berkas bukti dukung realisasi tahun {} yang diunggah.", self.tahun)
            )
            return bab
        b.append(
            _p(
                "{} berkas bukti dukung realisasi kinerja tahun {} tersimpan dalam aplikasi dan dapat "
                "diunduh oleh evaluator:",
                len(bukti),
                self.tahun,
            )
        )
        b.append(
            Tabel(
                judul="Daftar Bukti Dukung",
                kepala=_kepala(
                    "No", "Indikator", "Triwulan", "Nama Berkas", "Jenis", "Ukuran", "Diunggah"
                ),
                baris=[
                    Baris(
                        [
                            Sel(str(i), "tengah"),
                            Sel(f"{x.indikator_kode} {x.indikator_nama}"),
                            Sel(("I", "II", "III", "IV")[x.triwulan - 1], "tengah"),
                            Sel(x.nama),
                            Sel(x.jenis),
                            Sel(_ukuran(x.ukuran), "angka"),
                            Sel(format_tanggal(x.waktu.date()) if x.waktu else "-"),
                        ]
                    )
                    for i, x in enumerate(bukti, 1)
                ],
                lebar=[5, 28, 9, 25, 10, 10, 13],
                kelas="kecil",
            )
        )
        return bab


def _ukuran(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{format_angka(Decimal(n) / 1024 / 1024, 1)} MB"
    return f"{format_angka(Decimal(n) / 1024, 0)} KB"


def _terbilang_rupiah(x: Decimal | None) -> str:
    if x is None or x != x.to_integral_value() or x < 0:
        return "-"
    teks = terbilang(int(x))
    return f"{teks[:1].upper()}{teks[1:]} rupiah"


def susun_dokumen(pd: km.PerangkatDaerah, tahun: int) -> Dokumen:
    """The whole LKjIP of ``pd`` for ``tahun`` as plain data (see the module docstring).

    Raises ``kinerja.engine.hitung.HitungGagal`` (message in Indonesian) when the perangkat daerah
    has no Renstra or no data for the year.
    """
    m = _muat(pd, tahun)
    ident = _identitas(m, tahun)
    s = _Penyusun(m, ident)
    kata_pengantar = s.narasi["kata_pengantar"]
    ikhtisar = s.narasi["ikhtisar_eksekutif"]
    awal = [EntriIsi(kata_pengantar.judul.upper(), "kata-pengantar", 1, romawi=True)]
    if not ikhtisar.kosong:
        awal.append(EntriIsi(ikhtisar.judul.upper(), "ikhtisar", 1, romawi=True))
    awal += [
        EntriIsi("DAFTAR ISI", "daftar-isi", 1, romawi=True),
        EntriIsi("DAFTAR TABEL", "daftar-tabel", 1, romawi=True),
        EntriIsi("DAFTAR GAMBAR", "daftar-gambar", 1, romawi=True),
    ]
    bab = [s.bab1(), s.bab2(), s.bab3(), s.bab4()]
    s.isi.append(EntriIsi("LAMPIRAN", "lampiran", 1))
    lampiran = s.lampiran()
    kosong = [BagianKosong(b.kunci, b.judul) for b in s.narasi.values() if b.wajib and b.kosong]
    kosong += s.kosong_analisis
    pd_nama = m.paket.perangkat_daerah.nama
    lkjip_status = m.lkjip.status if m.lkjip else LKjIP.Status.DRAF
    return Dokumen(
        tahun=tahun,
        identitas=ident,
        status=lkjip_status,
        narasi=s.narasi,
        kosong=kosong,
        kata_pengantar=kata_pengantar,
        ikhtisar=None if ikhtisar.kosong else ikhtisar,
        bab=bab,
        lampiran=lampiran,
        daftar_isi=awal + s.isi,
        daftar_tabel=s.no.tabel,
        daftar_gambar=s.no.gambar,
        analisis=s.analisis,
        bukti=m.bukti,
        hasil=m.hasil,
        temuan=m.hasil.temuan,
        penutup=next((x for x in bab[-1].blok if isinstance(x, TandaTangan)), None),
        judul=f"Laporan Kinerja Instansi Pemerintah {pd_nama} Tahun {tahun}",
    )
