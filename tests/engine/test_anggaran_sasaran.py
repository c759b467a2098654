"""Budget stated per sasaran and the pre-2021 account codes, in the pure computation (no DB)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.engine.hitung import (
    NAMA_JENIS_BELANJA,
    NAMA_JENIS_BELANJA_LAMA,
    hitung,
    klasifikasi_lama,
    nama_jenis_belanja,
    pesan_kode_rekening,
)
from kinerja.paket.parser import baca_paket
from tests.anggaran_lama import data_2020, data_demo

# Randublatung 2024: S1 is supported by 7.01.02–7.01.06, S2 by 7.01.01 (DPA perubahan).
PAGU_S1, REALISASI_S1 = Decimal(3466099100), Decimal(3452287601)
PAGU_S2, REALISASI_S2 = Decimal(3312000900), Decimal(3212997594)


def _tanpa_dpa(data: dict) -> dict:
    tahun = data["tahun"][0]
    tahun["dpa"] = []
    tahun["realisasi_anggaran"] = {}
    tahun["angka_dilaporkan"] = []
    return data


def _efisiensi(hasil) -> dict[str, dict]:
    return {e["kode"]: e for e in hasil.efisiensi}


def _temuan(hasil) -> list:
    return [t for t in hasil.temuan if t.jenis == "anggaran_sasaran_tidak_sesuai"]


def test_a_year_without_program_budget_uses_the_budget_stated_per_sasaran():
    data = _tanpa_dpa(data_demo())
    data["tahun"][0]["anggaran_sasaran"] = {
        "S1": {"pagu": 200_000_000, "realisasi": 150_000_000},
        "S2": {"pagu": 100_000_000},
    }
    hasil = hitung(baca_paket(data), 2024)
    ef = _efisiensi(hasil)
    assert (ef["S1"]["pagu"], ef["S1"]["realisasi"]) == (200_000_000, 150_000_000)
    assert ef["S1"]["penyerapan"] == Decimal(75)
    assert ef["S1"]["anggaran_dinyatakan"] is True
    assert (ef["S2"]["pagu"], ef["S2"]["realisasi"]) == (100_000_000, None)
    # The tujuan and the overall row sum the stated amounts of their sasaran.
    assert ef["T1"]["pagu"] == 200_000_000 and ef["T1"]["anggaran_dinyatakan"]
    assert ef["total"]["pagu"] == 300_000_000 and ef["total"]["realisasi"] == 150_000_000
    # No DPA: nothing to compare with.
    assert _temuan(hasil) == []


def test_program_budget_wins_over_the_stated_one():
    data = data_demo()
    data["tahun"][0]["anggaran_sasaran"] = {
        "S1": {"pagu": int(PAGU_S1), "realisasi": int(REALISASI_S1)},
        "S2": {"pagu": int(PAGU_S2), "realisasi": int(REALISASI_S2)},
    }
    hasil = hitung(baca_paket(data), 2024)
    ef = _efisiensi(hasil)
    assert ef["S1"]["pagu"] == PAGU_S1 and ef["S1"]["anggaran_dinyatakan"] is False
    # Stated amounts that agree with the DPA raise nothing.
    assert _temuan(hasil) == []


def test_stated_budget_that_differs_from_the_dpa_is_a_finding_with_both_amounts():
    data = data_demo()
    data["tahun"][0]["anggaran_sasaran"] = {
        "S1": {"pagu": int(PAGU_S1) + 1_000_000, "realisasi": int(REALISASI_S1)},
        "S2": {"pagu": int(PAGU_S2)},
    }
    temuan = _temuan(hitung(baca_paket(data), 2024))
    per_kode = {t.kode: t for t in temuan}
    assert set(per_kode) == {"S1", "total-pagu", "total-realisasi"}
    s1 = per_kode["S1"].pesan
    assert "pagu sasaran S1" in s1
    assert "Rp 3.467.099.100" in s1 and "Rp 3.466.099.100" in s1
    assert "7.01.02, 7.01.03" in s1 and "DPA perubahan" in s1
    total = per_kode["total-pagu"].pesan
    assert "Rp 6.779.100.000" in total and "Rp 6.778.100.000" in total
    assert "selisih Rp 1.000.000" in total
    # Realisasi was stated for S1 only: its sum is compared with the whole realisasi.
    assert "Rp 3.452.287.601" in per_kode["total-realisasi"].pesan


def test_account_classification_follows_the_year():
    assert klasifikasi_lama(2020) and not klasifikasi_lama(2021)
    assert nama_jenis_belanja(2020) is NAMA_JENIS_BELANJA_LAMA
    assert nama_jenis_belanja(2024) is NAMA_JENIS_BELANJA
    assert NAMA_JENIS_BELANJA_LAMA["5.1"] == "Belanja Tidak Langsung"
    assert NAMA_JENIS_BELANJA_LAMA["5.2"] == "Belanja Langsung"


@pytest.mark.parametrize(
    ("kode", "tahun", "sah"),
    [
        ("5.2.2", 2020, True),
        ("5.2.3.01", 2019, True),
        ("5.1", 2020, True),
        ("5.1.02", 2020, False),
        ("5.2.2", 2021, False),
        ("5.1.02", 2024, True),
        ("5", 2024, True),
    ],
)
def test_account_code_against_the_year(kode, tahun, sah):
    pesan = pesan_kode_rekening(kode, tahun)
    assert (pesan is None) is sah
    if not sah:
        assert kode in pesan and str(tahun) in pesan and "Permendagri" in pesan


def test_a_2020_year_prints_belanja_langsung_and_checks_its_subtotals():
    data = data_2020()
    hasil = hitung(baca_paket(data), 2020)
    nama = {(j["versi"], j["kode"]): j["nama"] for j in hasil.jenis_belanja}
    assert nama[("perubahan", "5.1")] == "Belanja Tidak Langsung"
    assert nama[("perubahan", "5.2")] == "Belanja Langsung"
    assert nama[("perubahan", "5.2.2")] == "Belanja Barang dan Jasa"
    assert not [t for t in hasil.temuan if t.jenis == "jumlah_tidak_sesuai" and t.kode == "5.2"]
    # Belanja Langsung no longer the sum of its sub-rows: the same subtotal check as now.
    data["tahun"][0]["dpa"][-1]["jenis_belanja"]["5.2.2"] += 5_000_000
    hasil = hitung(baca_paket(data), 2020)
    selisih = [t for t in hasil.temuan if t.jenis == "jumlah_tidak_sesuai" and t.kode == "5.2"]
    assert len(selisih) == 1
    assert "Rp 60.000.000" in selisih[0].pesan and "Rp 65.000.000" in selisih[0].pesan
