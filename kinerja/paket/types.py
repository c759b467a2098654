"""Plain data of one perangkat daerah, independent of JSON and of the ORM.

The parser builds these from a paket file, the database layer builds them
from the stored rows, the exporter writes them back to JSON and the
calculation (``kinerja.engine.hitung``) reads them. Keeping one shape for all four
is what makes "import, export, compute" provably the same data.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import AcuanRentang, Polaritas, RumusNegatif
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.predikat import Skala
from kinerja.engine.realisasi import Rasio, TipePenghitungan

# A quarterly value: a measured value, a numerator/denominator pair (tipe
# "rasio"), or nothing reported.
NilaiTW = Nilai | Rasio | None

TINGKAT_INDIKATOR = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")

_VERSI_RE = re.compile(r"^(murni|perubahan(?:-([0-9]+))?)$")


def urutan_versi(versi: str) -> int:
    """Order of a document version: murni 0, perubahan 1, perubahan-2 2, ..."""
    m = _VERSI_RE.match(versi)
    if not m:
        raise ValueError(f"versi {versi!r} tidak dikenal")
    if m.group(1) == "murni":
        return 0
    return int(m.group(2) or 1)


@dataclass
class Pejabat:
    nama: str
    jabatan: str
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    pangkat: str | None = None
    golongan: str | None = None
    nip: str | None = None
    # "plt" or "plh" for an acting official; None for a definitive one.
    status: str | None = None

    @property
    def jabatan_lengkap(self) -> str:
        """ "Plt. Camat Randublatung" """
        awalan = {"plt": "Plt.", "plh": "Plh."}.get(self.status or "")
        return f"{awalan} {self.jabatan}" if awalan else self.jabatan

    @property
    def nama_lengkap(self) -> str:
        nama = self.nama
        if self.gelar_depan:
            nama = f"{self.gelar_depan} {nama}"
        if self.gelar_belakang:
            nama = f"{nama}, {self.gelar_belakang}"
        return nama


@dataclass
class Aturan:
    skala: Skala
    # The preset name when the scale is a preset, None for a custom band list.
    skala_preset: str | None
    rumus_negatif: RumusNegatif
    batas_atas_capaian: Decimal | None
    batas_bawah_capaian: Decimal | None
    metode_efisiensi: MetodeEfisiensi
    ambang_tercapai: Decimal = Decimal(100)
    # Which bound of a target stated as a range ("60 – 70") capaian is computed against.
    acuan_rentang: AcuanRentang = AcuanRentang.BAWAH


@dataclass
class Pemda:
    kode: str
    nama: str
    aturan: Aturan
    provinsi: str | None = None
    ibu_kota: str | None = None
    kepala: Pejabat | None = None
    # "kabupaten" or "kota"; None: as its name says ("Kota …" is a kota).
    jenis: str | None = None


@dataclass
class PerangkatDaerah:
    kode: str
    nama: str
    jenis: str = "kecamatan"
    alamat: str | None = None
    telepon: str | None = None
    email: str | None = None
    situs: str | None = None
    kepala: Pejabat | None = None
    pejabat: list[Pejabat] = field(default_factory=list)


@dataclass
class RiwayatTahun:
    target: Nilai | None = None
    realisasi: Nilai | None = None
    # The capaian (%) as an earlier report printed it: kept and printed as it is, never
    # recomputed; the only figure of a year a report gives as capaian alone. With a
    # target and a realisasi too it is checked against the computed one.
    capaian: Decimal | None = None


@dataclass
class Indikator:
    kode: str
    nama: str
    satuan: str
    polaritas: Polaritas
    tipe_penghitungan: TipePenghitungan
    # Filled by the container: which level the indicator belongs to and the
    # code of that tujuan/sasaran/program/kegiatan/sub kegiatan.
    tingkat: str = ""
    induk: str = ""
    iku: bool = False
    target_tahunan: dict[int, Nilai] = field(default_factory=dict)
    target_akhir: Nilai | None = None
    riwayat: dict[int, RiwayatTahun] = field(default_factory=dict)
    formulasi: str | None = None
    definisi_operasional: str | None = None
    alasan_pemilihan: str | None = None
    sumber_data: str | None = None
    penanggung_jawab: str | None = None
    # Per-indicator overrides of the pemda's rules; None = the pemda's rule.
    rumus_negatif: RumusNegatif | None = None
    batas_atas_capaian: Decimal | None = None
    batas_bawah_capaian: Decimal | None = None

    @property
    def persentase(self) -> bool:
        return self.satuan.strip().lower() in ("%", "persen", "persentase")


@dataclass
class Sasaran:
    kode: str
    uraian: str
    indikator: list[Indikator] = field(default_factory=list)
    strategi: list[str] = field(default_factory=list)
    arah_kebijakan: list[str] = field(default_factory=list)


@dataclass
class Tujuan:
    kode: str
    uraian: str
    indikator: list[Indikator] = field(default_factory=list)
    sasaran: list[Sasaran] = field(default_factory=list)
    # The RPJMD sasaran this tujuan supports (top of the pohon kinerja); optional.
    sasaran_rpjmd: str | None = None


@dataclass
class RevisiRenstra:
    """A version of the Renstra (0 = as first set) with the frozen copy of what it said:
    ``isi`` = {"mulai", "selesai", "indikator": [{"kode", "nama", "satuan", "iku", "induk":
    {"tingkat", "kode", "uraian"}, "target": {"2025": "98"}, "target_akhir"}]}."""

    nomor: int
    tanggal: datetime.date | None = None
    alasan: str | None = None
    selesai: bool = True
    isi: dict = field(default_factory=dict)


@dataclass
class Renstra:
    mulai: int
    selesai: int
    tujuan: list[Tujuan] = field(default_factory=list)
    visi: str | None = None
    misi: list[str] = field(default_factory=list)
    revisi: list[RevisiRenstra] = field(default_factory=list)


# A program, kegiatan or sub kegiatan an earlier report gave without its Kepmendagri code
# gets a code made up from its place: "X.01" (the first program without a code),
# "7.01.01.X01" (the first kegiatan without a code of program 7.01.01), "X.01.01" (of
# program X.01). It holds an "X", which no Kepmendagri code does, so it never clashes.
KODE_BUATAN_PROGRAM = "X.{n:02d}"


def kode_buatan_anak(induk: str, n: int) -> str:
    """The made-up code of the ``n``-th child without a code (1-based) of ``induk``."""
    if "X" in induk:
        return f"{induk}.{n:02d}"
    return f"{induk}.X{n:02d}"


def kode_disusun_aplikasi(kode: str) -> bool:
    """Whether ``kode`` is a code made up by the application (see KODE_BUATAN_PROGRAM)."""
    return "X" in kode


@dataclass
class SubKegiatan:
    kode: str
    nama: str
    indikator: list[Indikator] = field(default_factory=list)
    # The code was made up by the application: the report gave none.
    kode_buatan: bool = False


@dataclass
class Kegiatan:
    kode: str
    nama: str
    indikator: list[Indikator] = field(default_factory=list)
    sub_kegiatan: list[SubKegiatan] = field(default_factory=list)
    kode_buatan: bool = False


@dataclass
class Program:
    kode: str
    nama: str
    sasaran: list[str] = field(default_factory=list)
    indikator: list[Indikator] = field(default_factory=list)
    kegiatan: list[Kegiatan] = field(default_factory=list)
    kode_buatan: bool = False


@dataclass
class PerjanjianKinerja:
    versi: str
    target: dict[str, Nilai] = field(default_factory=dict)
    anggaran_program: dict[str, Decimal] = field(default_factory=dict)
    tanggal: datetime.date | None = None
    tempat: str | None = None
    sumber_dana: str | None = None
    pihak_pertama: Pejabat | None = None
    pihak_kedua: Pejabat | None = None
    # The Renstra version the PK was made from; None when the Renstra was never revised.
    revisi_renstra: int | None = None


@dataclass
class SasaranPKBerjenjang:
    uraian: str
    indikator: str
    target: Nilai | None = None


@dataclass
class PKBerjenjang:
    jabatan: str
    versi: str
    pejabat: Pejabat | None = None
    sasaran: list[SasaranPKBerjenjang] = field(default_factory=list)
    anggaran: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class DPA:
    versi: str
    pagu: dict[str, Decimal] = field(default_factory=dict)
    jenis_belanja: dict[str, Decimal] = field(default_factory=dict)
    tanggal: datetime.date | None = None


@dataclass
class AnggaranSasaran:
    """Pagu and realisasi a report states for one Renstra sasaran, matching no program."""

    pagu: Decimal | None = None
    realisasi: Decimal | None = None


@dataclass
class Pembanding:
    tingkat: str
    nilai: Nilai
    label: str | None = None
    sumber: str | None = None


@dataclass
class SKM:
    unsur: dict[str, Decimal]
    indikator: str | None = None
    periode: str | None = None
    responden: int | None = None


# Reported figures that are words, not numbers: the predicate as printed ("Sangat Baik").
JENIS_DILAPORKAN_TEKS = frozenset({"predikat"})


@dataclass
class AngkaDilaporkan:
    jenis: str
    kode: str
    # As printed: Decimal("98.50") keeps the two decimals it was printed with; the text
    # as printed for a jenis of JENIS_DILAPORKAN_TEKS.
    nilai: Decimal | str
    sumber: str | None = None
    tahun_banding: int | None = None


@dataclass
class Laporan:
    tempat: str | None = None
    tanggal: datetime.date | None = None


@dataclass
class Tahun:
    tahun: int
    perjanjian_kinerja: list[PerjanjianKinerja] = field(default_factory=list)
    pk_berjenjang: list[PKBerjenjang] = field(default_factory=list)
    rencana_aksi: dict[str, list[NilaiTW]] = field(default_factory=dict)
    realisasi: dict[str, list[NilaiTW]] = field(default_factory=dict)
    catatan_realisasi: dict[str, list[str | None]] = field(default_factory=dict)
    dpa: list[DPA] = field(default_factory=list)
    # An annual amount, or four quarterly amounts (spending within each quarter).
    realisasi_anggaran: dict[str, Decimal | list[Decimal | None]] = field(default_factory=dict)
    realisasi_jenis_belanja: dict[str, Decimal] = field(default_factory=dict)
    # Sasaran code → the budget the report states for it (not derived from programs).
    anggaran_sasaran: dict[str, AnggaranSasaran] = field(default_factory=dict)
    pembanding: dict[str, list[Pembanding]] = field(default_factory=dict)
    skm: list[SKM] = field(default_factory=list)
    laporan: Laporan | None = None
    angka_dilaporkan: list[AngkaDilaporkan] = field(default_factory=list)

    def pk_berlaku(self) -> PerjanjianKinerja | None:
        """The PK version in force: the latest one."""
        if not self.perjanjian_kinerja:
            return None
        return max(self.perjanjian_kinerja, key=lambda pk: urutan_versi(pk.versi))

    def dpa_berlaku(self) -> DPA | None:
        if not self.dpa:
            return None
        return max(self.dpa, key=lambda d: urutan_versi(d.versi))


@dataclass
class Paket:
    pemda: Pemda
    perangkat_daerah: PerangkatDaerah
    renstra: Renstra
    program: list[Program] = field(default_factory=list)
    tahun: list[Tahun] = field(default_factory=list)
    keterangan: str | None = None

    def semua_indikator(self) -> list[Indikator]:
        """Every indicator in document order: Renstra first, then the program tree."""
        hasil: list[Indikator] = []
        for tujuan in self.renstra.tujuan:
            hasil.extend(tujuan.indikator)
            for sasaran in tujuan.sasaran:
                hasil.extend(sasaran.indikator)
        for program in self.program:
            hasil.extend(program.indikator)
            for kegiatan in program.kegiatan:
                hasil.extend(kegiatan.indikator)
                for sub in kegiatan.sub_kegiatan:
                    hasil.extend(sub.indikator)
        return hasil

    def nama_node_anggaran(self) -> dict[str, tuple[str, str]]:
        """Code → (name, level) of every node of the program tree."""
        hasil: dict[str, tuple[str, str]] = {}
        for program in self.program:
            hasil[program.kode] = (program.nama, "program")
            for kegiatan in program.kegiatan:
                hasil[kegiatan.kode] = (kegiatan.nama, "kegiatan")
                for sub in kegiatan.sub_kegiatan:
                    hasil[sub.kode] = (sub.nama, "sub_kegiatan")
        return hasil

    def kode_buatan(self) -> set[str]:
        """The codes of the program tree made up by the application (printed blank)."""
        hasil: set[str] = set()
        for program in self.program:
            if program.kode_buatan:
                hasil.add(program.kode)
            for kegiatan in program.kegiatan:
                if kegiatan.kode_buatan:
                    hasil.add(kegiatan.kode)
                hasil.update(s.kode for s in kegiatan.sub_kegiatan if s.kode_buatan)
        return hasil

    def cari_tahun(self, tahun: int) -> Tahun | None:
        return next((t for t in self.tahun if t.tahun == tahun), None)
