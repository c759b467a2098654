from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.engine.angka import NilaiTidakValid, bulatkan
from kinerja.engine.ikm import (
    UNSUR_SKM,
    HasilIkm,
    grade_ipp,
    ikm_bobot_0111,
    ikm_dari_unsur,
    ikpp,
    ipp_dari_skala_100,
)

D = Decimal

S0_NRR = {
    f"U{i}": D(v)
    for i, v in enumerate(
        ["3.40", "3.33", "3.33", "4.00", "3.40", "3.36", "3.47", "3.33", "3.93"], start=1
    )
}


def test_unsur_list() -> None:
    assert [k for k, _ in UNSUR_SKM] == [f"U{i}" for i in range(1, 10)]
    assert UNSUR_SKM[7] == ("U8", "Sarana dan Prasarana")
    assert UNSUR_SKM[8] == ("U9", "Penanganan Pengaduan, Saran dan Masukan")


def test_s0_ikm() -> None:
    hasil = ikm_dari_unsur(S0_NRR)
    assert isinstance(hasil, HasilIkm)
    assert hasil.ni == D("31.55") / 9
    assert bulatkan(hasil.ni, 4) == D("3.5056")
    assert str(hasil.ni).startswith("3.5055")
    assert bulatkan(hasil.nik) == D("87.64")
    assert (hasil.mutu, hasil.kinerja) == ("B", "Baik")


def test_s0_weight_0111_differs() -> None:
    salah = ikm_bobot_0111(S0_NRR)
    assert bulatkan(salah) == D("87.55")
    assert bulatkan(ikm_dari_unsur(S0_NRR).nik) - bulatkan(salah) == D("0.09")


def test_all_fours_and_ones() -> None:
    semua_4 = ikm_dari_unsur({k: D(4) for k, _ in UNSUR_SKM})
    assert (semua_4.ni, semua_4.nik, semua_4.mutu) == (D(4), D(100), "A")
    semua_1 = ikm_dari_unsur({k: D(1) for k, _ in UNSUR_SKM})
    assert (semua_1.nik, semua_1.mutu, semua_1.kinerja) == (D(25), "D", "Tidak Baik")


def test_mutu_boundary_uses_nik_rounded_to_2dp() -> None:
    def semua(v: str) -> dict[str, Decimal]:
        return {k: D(v) for k, _ in UNSUR_SKM}

    assert bulatkan(ikm_dari_unsur(semua("3.5324")).nik, 4) == D("88.3100")
    assert ikm_dari_unsur(semua("3.5324")).mutu == "A"
    # NIK exactly 88,305 rounds half-up to 88,31 → A (banker's rounding would give B)
    assert ikm_dari_unsur(semua("3.5322")).nik == D("88.305")
    assert ikm_dari_unsur(semua("3.5322")).mutu == "A"
    assert ikm_dari_unsur(semua("3.53219")).mutu == "B"  # NIK 88,30475 → 88,30
    # NI 3,0644 → NIK 76,61 → B
    assert ikm_dari_unsur(semua("3.0644")).mutu == "B"
    assert ikm_dari_unsur(semua("3.064")).mutu == "C"


def test_invalid_unsur() -> None:
    kurang = dict(S0_NRR)
    del kurang["U9"]
    with pytest.raises(NilaiTidakValid, match="U9 \\(Penanganan Pengaduan"):
        ikm_dari_unsur(kurang)
    lebih = dict(S0_NRR, U10=D(3))
    with pytest.raises(NilaiTidakValid, match="U10"):
        ikm_dari_unsur(lebih)
    salah = dict(S0_NRR, U3=D("4.5"))
    with pytest.raises(NilaiTidakValid, match="U3 \\(Waktu Penyelesaian\\).*antara 1 dan 4"):
        ikm_dari_unsur(salah)
    with pytest.raises(NilaiTidakValid, match="U4"):
        ikm_dari_unsur(dict(S0_NRR, U4=D("0.9")))
    with pytest.raises(NilaiTidakValid, match="U2"):
        ikm_dari_unsur(dict(S0_NRR, U2=3.5))  # type: ignore[arg-type]


def test_ikpp() -> None:
    assert ikpp(ikm_ni=D("3.50"), ipp=D("3.53")) == D("7.905")
    assert bulatkan(ikpp(ikm_ni=D("3.50"), ipp=D("3.53"))) == D("7.91")
    assert ikpp(ikm_ni=D(4), ipp=D(5)) == D(10)
    with pytest.raises(NilaiTidakValid, match="Nilai Interval"):
        ikpp(ikm_ni=D("87.64"), ipp=D("3.53"))
    with pytest.raises(NilaiTidakValid, match="0–5"):
        ikpp(ikm_ni=D("3.5"), ipp=D("63.25"))


def test_ipp() -> None:
    assert ipp_dari_skala_100(D("63.25")) == D("3.1625")
    assert grade_ipp(ipp_dari_skala_100(D("63.25"))).label == "B-"
    assert grade_ipp(ipp_dari_skala_100(D(61))).label == "B-"
    assert grade_ipp(ipp_dari_skala_100(D(51))).label == "C"  # not C- as S4 prints
    band = grade_ipp(D("3.28"))
    assert (band.label, band.keterangan) == ("B-", "Baik (Dengan Catatan)")
    assert grade_ipp(D("2.97")).keterangan == "Cukup"
    assert grade_ipp(D("4.6")).keterangan == "Pelayanan Prima"
    with pytest.raises(NilaiTidakValid, match="dibagi 20"):
        grade_ipp(D("63.25"))
