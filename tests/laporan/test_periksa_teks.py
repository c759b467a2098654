"""Finding titles, sections and table rows in the printed text (``laporan.periksa_teks.Teks``),
without a database or a PDF: pages as ``pdftotext -layout`` writes them."""

from __future__ import annotations

import re

from laporan.periksa_teks import Teks

DEPAN = """                                DAFTAR TABEL
Tabel 3.2 Capaian Indikator Tujuan dan Sasaran Tahun 2024                           10
Tabel 3.20 Capaian Indikator Kinerja Program Tahun 2024                           21
"""

BAB3 = """3.1 Capaian Kinerja Organisasi
Rata-rata capaian 2 IKU adalah 100,70%.

                      Tabel 3.2 Capaian Indikator Tujuan dan
                               Sasaran Tahun 2024

 No      Tujuan/Sasaran          Indikator Kinerja      Target   Realisasi    Capaian     Predikat

  1    Tujuan:                  Indeks Kepuasan             86           88   102,33%      Sangat
       Meningkatnya             Masyarakat (IKM) di                                         Baik
       Kepuasan                 Kecamatan

  2    Sasaran:                 Persentase layanan          96           96   100,00%       Baik
       Meningkatnya             kecamatan sesuai
DRAF — belum ditetapkan; angka dan isi masih dapat berubah.                                  10
"""

BAB3_LANJUT = """                                         LKjIP Kecamatan Randublatung Tahun 2024
3.1.1 Tujuan: Meningkatnya Kepuasan Masyarakat terhadap Pelayanan
Kecamatan

Indikator: Indeks Kepuasan Masyarakat (IKM) di
Kecamatan
sehingga capaian kinerjanya 102,33% dengan predikat Sangat Baik.
3.312.000.900 dan realisasi Rp 3.212.997.594 (penyerapan 97,01%).

3.1.2 Sasaran: Meningkatnya Layanan Kecamatan sesuai SOP
Indikator: Persentase layanan kecamatan sesuai SOP
capaian kinerjanya 100,00%.

                      Tabel 3.20 Capaian Indikator Kinerja Program Tahun 2024
 No          Kode             Program                    Indikator             Target              Capaian
  1     7.01.01         PROGRAM PENUNJANG       Persentase tercapainya            100        100   100,00%
                        URUSAN                  program penunjang urusan
  2     7.01.02         PROGRAM                 Indeks Kepuasan                    86         88   102,33%
"""


def _teks() -> Teks:
    return Teks([DEPAN, BAB3, BAB3_LANJUT], ["i", "10", "11"])


def test_only_the_body_is_read():
    t = _teks()
    assert t.label[0] == "10"
    assert "DAFTAR TABEL" not in t.gabung
    # The caption in the body, not its entry in the list of tables.
    awal, akhir = t.tabel("Capaian Indikator Tujuan dan Sasaran Tahun 2024")
    assert "Tabel 3.2 Capaian" in t.baris[awal]


def test_a_wrapped_caption_is_found_and_its_table_ends_at_the_next_heading():
    t = _teks()
    awal, akhir = t.tabel("Capaian Indikator Tujuan dan Sasaran Tahun 2024")
    assert t.baris[akhir].startswith("3.1.1 Tujuan:")
    assert t.halaman(awal, akhir) == "10–11"
    assert t.tabel("Capaian Indikator Tujuan dan Sasaran Tahun 2025") is None


def test_a_row_runs_from_its_number_to_the_next_row_or_the_margin():
    t = _teks()
    wilayah = t.tabel("Capaian Indikator Tujuan dan Sasaran Tahun 2024")
    satu = t.baris_tabel(wilayah, 1)
    assert t.teks(*satu).startswith("1 Tujuan: Indeks Kepuasan 86 88 102,33% Sangat")
    assert t.teks(*satu).endswith("Kepuasan Kecamatan")
    dua = t.baris_tabel(wilayah, 2)
    # The foot of the page starts at the margin: the row ends before it.
    assert "DRAF" not in t.teks(*dua) and "100,00%" in t.teks(*dua)
    assert t.baris_tabel(wilayah, 3) is None


def test_a_program_row_is_found_by_number_and_kode():
    t = _teks()
    wilayah = t.tabel("Capaian Indikator Kinerja Program Tahun 2024")
    baris = t.baris_tabel(wilayah, 1, "7.01.01")
    assert "100,00%" in t.teks(*baris) and "102,33%" not in t.teks(*baris)
    assert t.baris_tabel(wilayah, 2, "7.01.01") is None
    assert "102,33%" in t.teks(*t.baris_tabel(wilayah, 2, "7.01.02"))


def test_a_wrapped_heading_is_found_across_lines():
    t = _teks()
    awal, akhir = t.cari(
        re.compile(re.escape("Indikator: Indeks Kepuasan Masyarakat (IKM) di Kecamatan"))
    )
    assert t.baris[awal].startswith("Indikator: Indeks") and t.baris[akhir] == "Kecamatan"
