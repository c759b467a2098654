from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.engine.angka import NilaiTidakValid, bulatkan
from kinerja.engine.efisiensi import Efisiensi, MetodeEfisiensi, hitung_efisiensi

D = Decimal
M = MetodeEfisiensi


def ef(capaian: str | None, penyerapan: str | None, metode: MetodeEfisiensi | str) -> Efisiensi:
    return hitung_efisiensi(
        capaian=None if capaian is None else D(capaian),
        penyerapan=None if penyerapan is None else D(penyerapan),
        metode=metode,
    )


def test_domain_worked_comparison_s2_akip() -> None:
    s = ef("100.16", "90.20", M.SELISIH)
    assert bulatkan(s.nilai) == D("9.96")  # type: ignore[arg-type]
    assert s.kategori == "Sangat Efisien"
    r = ef("100.16", "90.20", M.RASIO)
    assert bulatkan(r.nilai) == D("1.11")  # type: ignore[arg-type]
    assert r.kategori == "Sangat Efisien"
    h = ef("100.16", "90.20", M.HEMAT_ANGGARAN)
    assert bulatkan(h.nilai) == D("9.80")  # type: ignore[arg-type]
    assert h.kategori == "Efisien"
    a = ef("100.16", "90.20", M.ATURAN_S0)
    assert a.kategori == "Efisien"
    assert a.nilai == D("9.96")


def test_seed_values() -> None:
    # S2:L1104: 97,17 − 90,79 = 6,38
    assert ef("97.17", "90.79", "selisih").nilai == D("6.38")
    # S2:L1065: −5,83 → kurang efisien
    e = ef("90", "95.83", "selisih")
    assert (e.nilai, e.kategori) == (D("-5.83"), "Kurang Efisien")
    # S4 Tabel 16
    assert ef("124", "98.90", "selisih").nilai == D("25.10")
    # S1 Tabel 3.7: (105,7 + 119,6)/2 / 94,5 = 1,19
    r = ef("112.65", "94.5", "rasio")
    assert bulatkan(r.nilai) == D("1.19") and r.kategori == "Sangat Efisien"  # type: ignore[arg-type]
    # S0 Tabel 3.8 efisiensi 1,76 = 100 − 98,24
    assert ef(None, "98.24", "hemat-anggaran").nilai == D("1.76")


def test_neutral_and_negative_categories() -> None:
    assert ef("95", "95", M.SELISIH).kategori == "Efisien"
    assert ef("95", "95", M.RASIO).kategori == "Efisien"
    assert ef("90", "95", M.RASIO).kategori == "Kurang Efisien"
    assert ef(None, "100", M.HEMAT_ANGGARAN).kategori == "Sesuai Pagu"
    assert ef(None, "100.5", M.HEMAT_ANGGARAN).kategori == "Melebihi Pagu"


def test_aturan_s0() -> None:
    assert ef("100", "100", M.ATURAN_S0).kategori == "Efisien"  # capaian ≥ 100
    assert ef("100", "120", M.ATURAN_S0).kategori == "Efisien"
    assert ef("97", "95", M.ATURAN_S0).kategori == "Efisien"
    assert ef("97", "98.5", M.ATURAN_S0).kategori == "Tidak Efisien"
    e = ef("97", "97", M.ATURAN_S0)
    assert (e.nilai, e.kategori) == (D(0), "Tidak Dapat Ditentukan")


def test_comparisons_on_unrounded_values() -> None:
    # 95,004 vs 95,001: rounded to 2 dp they are equal, unrounded they are not
    assert ef("95.004", "95.001", M.SELISIH).kategori == "Sangat Efisien"
    assert ef("95.001", "95.004", M.ATURAN_S0).kategori == "Tidak Efisien"


@pytest.mark.parametrize("metode", list(MetodeEfisiensi))
def test_missing_input(metode: MetodeEfisiensi) -> None:
    e = ef(None, None, metode)
    assert e.nilai is None
    assert e.kategori == "Tidak Dapat Dihitung"
    assert e.metode is metode
    assert e.rumus.endswith(".")


def test_missing_capaian_only_matters_where_used() -> None:
    assert ef(None, "90", M.SELISIH).kategori == "Tidak Dapat Dihitung"
    assert ef("90", None, M.RASIO).kategori == "Tidak Dapat Dihitung"
    assert ef("90", "0", M.RASIO).kategori == "Tidak Dapat Dihitung"
    assert ef(None, "90", M.HEMAT_ANGGARAN).nilai == D(10)


def test_rumus_sentences() -> None:
    assert "capaian kinerja − penyerapan anggaran" in ef("1", "1", M.SELISIH).rumus
    assert "÷" in ef("1", "1", M.RASIO).rumus
    assert (
        "100% − realisasi anggaran ÷ pagu anggaran × 100%" in ef(None, "1", M.HEMAT_ANGGARAN).rumus
    )
    assert "tidak efisien apabila" in ef("1", "1", M.ATURAN_S0).rumus


def test_invalid_method() -> None:
    with pytest.raises(NilaiTidakValid, match="tidak dikenal"):
        ef("1", "1", "pmk-249")
