"""lib.text_table: the ``hitung`` command's readable tables (no database)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from lib.text_table import sebagai_teks

D = Decimal


def _hasil(**kw):
    indikator = SimpleNamespace(
        kode="IKU-1",
        nama="Persentase layanan administrasi kependudukan yang selesai tepat waktu",
        target=D("90"),
        target_label=None,
        sumber_target="pk-murni",
        realisasi=D("88.5"),
        realisasi_label=None,
        capaian=D("98.3333"),
        capaian_skor=D("98.3333"),
        predikat="Sangat Tinggi",
    )
    data = {
        "tahun": 2024,
        "indikator": [indikator],
        "anggaran": [
            {
                "kode": "total",
                "nama": "Jumlah",
                "kedalaman": 0,
                "pagu": D("1500000"),
                "realisasi": D("1200000"),
                "penyerapan": D(80),
            }
        ],
        "efisiensi": [],
        "aturan": {"metode_efisiensi": "selisih"},
        "ringkasan": {
            "rata_rata_capaian_iku": D("98.3333"),
            "pagu_total": D("1500000"),
            "realisasi_total": D("1200000"),
            "penyerapan_total": D(80),
        },
        "temuan": [],
    }
    data.update(kw)
    return SimpleNamespace(**data)


def test_tables_are_indonesian_rounded_and_aligned() -> None:
    teks = sebagai_teks(_hasil(), "Kecamatan Contoh")
    baris = teks.splitlines()
    assert baris[0] == "Hasil perhitungan Kecamatan Contoh tahun 2024"
    assert "Persentase layanan administrasi kependudukan ya…" in teks  # cut at 48 characters
    assert "98,33%" in teks and "88,50" in teks and "90" in teks
    assert "1.500.000" in teks and "Rp 1.200.000" in teks
    assert "  Rata-rata capaian IKU : 98,33%" in baris
    assert teks.endswith("Temuan: tidak ada\n")
    kepala = next(b for b in baris if b.startswith("Kode ") and "Indikator" in b)
    garis = baris[baris.index(kepala) + 1]
    assert len(kepala) == len(garis)


def test_findings_are_numbered() -> None:
    temuan = [SimpleNamespace(jenis="target_kosong", lokasi="indikator X", pesan="tidak ada")]
    teks = sebagai_teks(_hasil(temuan=temuan), "PD")
    assert "Temuan (1)\n  1. [target_kosong] indikator X: tidak ada\n" in teks
