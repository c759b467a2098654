"""The semantic data of the document: identity, signers, narrative sections, the
analyses of BAB III and the :class:`Dokumen` itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.engine.hitung import Hasil, HasilIndikator
from kinerja.engine.perbandingan import Peringkat
from kinerja.engine.temuan import Temuan
from kinerja.paket.types import Paket
from kinerja.penandatangan import jabatan_cetak, jabatan_kalimat
from laporan.dokumen.blocks import Bab, Blok, EntriIsi, Gambar, Tabel, TandaTangan


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
    # The text is drafted from the data (laporan.dokumen.draf): nobody has written or
    # accepted it yet. The document prints it as it prints a written text.
    draf: bool = False

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
    # SUMBER_DITETAPKAN (the year is signed) or SUMBER_TRIWULAN (approved quarters only).
    sumber: str = ""


# Where another perangkat daerah's figure comes from; a draft never counts.
SUMBER_DITETAPKAN = "ditetapkan"
SUMBER_TRIWULAN = "data triwulan disetujui, belum ditetapkan"


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
    pd_lain: list[BandingPD]  # the other perangkat daerah counted (signed or approved data)
    # This perangkat daerah's capaian among those of pd_lain that have one (None: none has).
    peringkat_pd: Peringkat | None
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
    # The data package the document was assembled from (embedded in the archival PDF).
    paket: Paket | None = None
