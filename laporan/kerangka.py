"""The outline of the LKjIP document (PermenPANRB 53/2014, DOMAIN §1.1).

One list that the document templates, the narrative editor and the readiness
check all read: the key of every narrative section, its default title, the
chapter it belongs to, whether it must be written before sign-off, and whether a text
drafted from the data (``laporan.dokumen.draf``) stands in while it is empty.
Generated parts (tables, figures, sentences from the data) are not listed
here; they come from ``laporan.dokumen``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bagian:
    kunci: str
    judul: str
    bab: str  # "awal", "I", "II", "III", "IV", "lampiran"
    wajib: bool
    petunjuk: str  # what to write, shown in the editor
    # A draft written from the data (laporan.dokumen.draf) is printed while the section is
    # empty: a required section with a draft does not block sign-off, the readiness check
    # lists it as "draf otomatis, belum diperiksa" until the operator saves a text.
    draf: bool = True


BAGIAN: tuple[Bagian, ...] = (
    Bagian(
        "kata_pengantar",
        "Kata Pengantar",
        "awal",
        True,
        "Pengantar singkat dari camat: maksud laporan dan ucapan terima kasih.",
    ),
    Bagian(
        "ikhtisar_eksekutif",
        "Ikhtisar Eksekutif",
        "awal",
        True,
        "Ringkasan capaian utama dalam satu halaman: capaian IKU, target yang tercapai, "
        "penyerapan anggaran, efisiensi dan kesenjangan utama.",
    ),
    Bagian(
        "latar_belakang",
        "Latar Belakang",
        "I",
        True,
        "Dasar penyusunan laporan dan gambaran umum perangkat daerah.",
    ),
    Bagian(
        "struktur_organisasi",
        "Struktur Organisasi, Tugas dan Fungsi",
        "I",
        True,
        "Kedudukan, susunan organisasi, tugas pokok dan fungsi.",
    ),
    Bagian(
        "sdm",
        "Sumber Daya Manusia",
        "I",
        False,
        "Uraian pegawai; tabel menurut eselon/golongan diisi pada data SDM.",
        draf=False,
    ),
    Bagian(
        "sarana_prasarana",
        "Sarana dan Prasarana",
        "I",
        False,
        "Uraian sarana prasarana; tabel diisi pada data sarana prasarana.",
        draf=False,
    ),
    Bagian(
        "aspek_strategis",
        "Aspek Strategis dan Permasalahan Utama",
        "I",
        True,
        "Isu strategis dan permasalahan utama (strategic issues) yang dihadapi.",
    ),
    Bagian(
        "landasan_hukum",
        "Landasan Hukum",
        "I",
        True,
        "Peraturan yang mendasari penyusunan LKjIP, satu per baris.",
    ),
    Bagian(
        "sistematika",
        "Sistematika Penulisan",
        "I",
        False,
        "Draf berisi sistematika baku BAB I–IV; ubah bila perlu.",
    ),
    Bagian(
        "perencanaan_kinerja",
        "Perencanaan Kinerja",
        "II",
        False,
        "Pengantar BAB II; Renstra, IKU, PK dan anggaran disusun otomatis dari data.",
    ),
    Bagian(
        "capaian_kinerja",
        "Capaian Kinerja Organisasi",
        "III",
        False,
        "Pengantar 3.1; tabel capaian dan perbandingan disusun otomatis.",
    ),
    Bagian(
        "realisasi_anggaran",
        "Realisasi Anggaran",
        "III",
        False,
        "Pengantar 3.2; tabel realisasi dan efisiensi disusun otomatis.",
        draf=False,
    ),
    Bagian(
        "kesimpulan",
        "Kesimpulan",
        "IV",
        True,
        "Simpulan umum atas capaian kinerja; tabel ringkasan disusun otomatis.",
    ),
    Bagian(
        "rekomendasi",
        "Rekomendasi dan Langkah ke Depan",
        "IV",
        True,
        "Langkah yang akan dilakukan untuk meningkatkan kinerja.",
    ),
    Bagian(
        "tindak_lanjut",
        "Tindak Lanjut Hasil Evaluasi",
        "IV",
        False,
        "Tindak lanjut rekomendasi evaluasi AKIP tahun sebelumnya.",
        draf=False,
    ),
)

PER_KUNCI = {b.kunci: b for b in BAGIAN}

# Analysis of one indicator in BAB III (causes, solutions, supporting programs):
# key "analisis:<kode indikator>"; required when the target was missed and no
# realisasi note explains it.
AWALAN_ANALISIS = "analisis:"


def kunci_analisis(kode_indikator: str) -> str:
    return f"{AWALAN_ANALISIS}{kode_indikator}"


def judul_bagian(kunci: str) -> str:
    if kunci.startswith(AWALAN_ANALISIS):
        return f"Analisis indikator {kunci[len(AWALAN_ANALISIS) :]}"
    return PER_KUNCI[kunci].judul


def status_bagian(b: Bagian, teks: str) -> str:
    """ "terisi" (written), "draf" (empty, a drafted text stands in) or "kosong" (empty)."""
    if (teks or "").strip():
        return "terisi"
    return "draf" if b.draf else "kosong"
