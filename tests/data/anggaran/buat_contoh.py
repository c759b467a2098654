"""Writes the sample budget files of tests/data/anggaran/ (made here, fictional amounts,
over the demo Randublatung tree): three layouts a kecamatan receives.

    .venv/bin/python tests/data/anggaran/buat_contoh.py

- ``sipd-dpa-perubahan.xlsx``: a DPA perubahan as SIPD prints it: title rows, a blank
  spacer, a two-row header with merged cells (Jumlah: Sebelum / Setelah Perubahan /
  Bertambah (Berkurang)), codes behind the unit prefix with a 4-digit last group, account
  (jenis belanja) rows, sub-total rows without a code;
- ``keuangan-realisasi-tw2.xlsx``: a realisation report of a pemda's finance application:
  codes without dots, amounts as Indonesian text ("Rp 1.234.567,89"), a percentage
  column;
- ``pagu-sederhana.xlsx``: a hand-made sheet "Kode | Uraian | Pagu".
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DI_SINI = Path(__file__).resolve().parent
UNIT = "7.01.0.00.0.00.05.0000"

# (kode, uraian, sebelum, setelah)
DPA = [
    (
        "7.01.01",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        3_100_000_000,
        3_300_000_000,
    ),
    (
        "7.01.01.2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        3_000_000,
        3_400_000,
    ),
    ("7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 2_000_000, 2_300_000),
    ("7.01.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", 1_000_000, 1_100_000),
    (
        "7.01.02",
        "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
        50_000_000,
        52_500_000,
    ),
    (
        "7.01.02.2.01",
        "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        20_000_000,
        21_000_000,
    ),
    (
        "7.01.02.2.01.0001",
        "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan",
        12_000_000,
        12_500_000,
    ),
]
BELANJA = [
    ("5.1", "BELANJA OPERASI", 3_000_000_000, 3_200_000_000),
    ("5.1.02", "Belanja Barang dan Jasa", 900_000_000, 950_000_000),
    ("5.2", "BELANJA MODAL", 150_000_000, 152_500_000),
]


def sipd_dpa_perubahan(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DPPA SKPD"
    ws["A1"] = "DOKUMEN PELAKSANAAN PERUBAHAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH"
    ws["A2"] = "PEMERINTAH KABUPATEN BLORA — KECAMATAN RANDUBLATUNG"
    ws["A3"] = "TAHUN ANGGARAN 2024"
    ws["A1"].font = Font(bold=True)
    # Row 4 blank; rows 5-6 the header, merged.
    ws["A5"], ws["B5"], ws["C5"] = "Kode Rekening", "Uraian", "Jumlah (Rp)"
    ws["C6"], ws["D6"], ws["E6"] = "Sebelum Perubahan", "Setelah Perubahan", "Bertambah (Berkurang)"
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    ws.merge_cells("C5:E5")
    for c in ws[5] + ws[6]:
        c.alignment = Alignment(horizontal="center", wrap_text=True)
    r = 7
    for kode, uraian, sebelum, setelah in DPA:
        ws.cell(r, 1, f"{UNIT} {kode}")
        ws.cell(r, 2, uraian)
        ws.cell(r, 3, sebelum)
        ws.cell(r, 4, setelah)
        ws.cell(r, 5, setelah - sebelum)
        r += 1
    r += 1  # a blank spacer row
    for kode, uraian, sebelum, setelah in BELANJA:
        ws.cell(r, 1, kode)
        ws.cell(r, 2, uraian)
        ws.cell(r, 3, sebelum)
        ws.cell(r, 4, setelah)
        ws.cell(r, 5, setelah - sebelum)
        r += 1
    ws.cell(r, 2, "JUMLAH BELANJA")
    ws.cell(r, 3, 3_150_000_000)
    ws.cell(r, 4, 3_352_500_000)
    wb.save(path)


def keuangan_realisasi(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "LRA TW II"
    ws["A1"] = "LAPORAN REALISASI ANGGARAN S.D. TRIWULAN II TAHUN 2024"
    ws.append([])
    ws.append(
        [
            "Kode",
            "Nama Program/Kegiatan/Sub Kegiatan",
            "Anggaran",
            "Realisasi s.d. Triwulan II",
            "%",
        ]
    )
    for kode, nama, anggaran, realisasi in [
        (
            "70101",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",
            "Rp 3.300.000.000",
            "Rp 1.520.000.000,50",
        ),
        ("7010120101", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "2.300.000", "1.150.000"),
        ("701012010007", "Evaluasi Kinerja Perangkat Daerah", "1.100.000", "0"),
    ]:
        ws.append([kode, nama, anggaran, realisasi, "46,06"])
    wb.save(path)


def pagu_sederhana(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Pagu"
    ws.append(["Kode", "Uraian", "Pagu"])
    ws.append(["7.01.03", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN", 2_878_810_000])
    ws.append(["7.01.03.2.02.02", "Pembangunan Sarana dan Prasarana Kelurahan", 1_250_000_000])
    wb.save(path)


if __name__ == "__main__":
    sipd_dpa_perubahan(DI_SINI / "sipd-dpa-perubahan.xlsx")
    keuangan_realisasi(DI_SINI / "keuangan-realisasi-tw2.xlsx")
    pagu_sederhana(DI_SINI / "pagu-sederhana.xlsx")
