from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.engine.angka import NilaiTidakValid, bulatkan
from kinerja.engine.capaian import (
    Capaian,
    Polaritas,
    RumusNegatif,
    capaian_skor,
    hitung_capaian,
)

D = Decimal
POS = Polaritas.POSITIF
NEG = Polaritas.NEGATIF


def _pos(t: str, r: str, **kw: Decimal | None) -> Capaian:
    return hitung_capaian(target=D(t), realisasi=D(r), polaritas=POS, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- seeds


def test_s0_capaian_against_pk_and_renstra_targets() -> None:
    assert bulatkan(_pos("75", "75.35").mentah) == D("100.47")  # type: ignore[arg-type]
    assert bulatkan(_pos("66.20", "75.35").mentah) == D("113.82")  # type: ignore[arg-type]


def test_s0_akhir_renstra_half_up() -> None:
    c = _pos("86.50", "88")
    assert c.mentah is not None
    assert bulatkan(c.mentah, 4) == D("101.7341")
    assert bulatkan(c.mentah) == D("101.73")


def test_positive_formula_and_rumus() -> None:
    c = _pos("10", "8")
    assert c == Capaian(D(80), D(80), "R/T × 100", None)


def test_s4_ipp_uncapped() -> None:
    c = _pos("51", "63.25")
    assert bulatkan(c.mentah) == D("124.02")  # type: ignore[arg-type]
    assert c.skor == c.mentah


def test_s2_cap_100() -> None:
    c = _pos("75", "75.122", batas_atas=D(100), batas_bawah=D(0))
    assert c.mentah is not None and c.mentah > 100
    assert c.skor == D(100)
    assert c.rumus == "R/T × 100 (dibatasi maks. 100)"


@pytest.mark.parametrize("cap", ["100", "110", "120", "125"])
def test_caps(cap: str) -> None:
    c = _pos("50", "100", batas_atas=D(cap))
    assert c.mentah == D(200)
    assert c.skor == D(cap)
    assert c.rumus.endswith(f"(dibatasi maks. {cap})")


def test_cap_not_applied_keeps_plain_rumus() -> None:
    c = _pos("100", "95", batas_atas=D(120))
    assert c.skor == D(95)
    assert c.rumus == "R/T × 100"


# --------------------------------------------------------------------------- negative polarity


def test_negative_2t_minus_r() -> None:
    c = hitung_capaian(target=D(10), realisasi=D(8), polaritas=NEG)
    assert c.mentah == D(120)
    assert c.rumus == "(2T − R)/T × 100"
    c = hitung_capaian(target=D(10), realisasi=D(25), polaritas=NEG)
    assert c.mentah == D(-50)
    assert c.skor == D(-50)


def test_negative_2t_minus_r_floor() -> None:
    c = hitung_capaian(target=D(10), realisasi=D(25), polaritas=NEG, batas_bawah=D(0))
    assert c.mentah == D(-50)
    assert c.skor == D(0)
    assert c.rumus == "(2T − R)/T × 100 (dibatasi min. 0)"


def test_negative_t_over_r() -> None:
    c = hitung_capaian(
        target=D(10), realisasi=D(8), polaritas=NEG, rumus_negatif=RumusNegatif.T_BAGI_R
    )
    assert c.mentah == D(125)
    assert c.rumus == "T/R × 100"
    c = hitung_capaian(target=D(10), realisasi=D(25), polaritas="negatif", rumus_negatif="t/r")
    assert c.mentah == D(40)


# --------------------------------------------------------------------------- edge cases


def test_positive_target_zero() -> None:
    c = _pos("0", "0")
    assert (c.mentah, c.skor) == (D(100), D(100))
    assert c.catatan == "target 0 dan realisasi 0 dianggap tercapai"
    c = _pos("0", "5")
    assert c.mentah is None and c.skor == D(100)
    assert (
        c.catatan == "target 0: capaian tidak dapat dihitung sebagai rasio, dianggap tercapai penuh"
    )
    c = _pos("0", "5", batas_atas=D(120))
    assert c.mentah is None and c.skor == D(120)
    c = _pos("0", "-5", batas_bawah=D(0))
    assert c.mentah is None and c.skor == D(0) and c.catatan


def test_negative_2t_target_zero() -> None:
    c = hitung_capaian(target=D(0), realisasi=D(0), polaritas=NEG)
    assert (c.mentah, c.skor) == (D(100), D(100))
    c = hitung_capaian(target=D(0), realisasi=D(3), polaritas=NEG)
    assert (c.mentah, c.skor) == (D(0), D(0))
    assert c.catatan
    c = hitung_capaian(target=D(0), realisasi=D(3), polaritas=NEG, batas_bawah=D(0))
    assert c.skor == D(0)


def test_negative_t_over_r_zero_cases() -> None:
    kw = {"polaritas": NEG, "rumus_negatif": RumusNegatif.T_BAGI_R}
    c = hitung_capaian(target=D(0), realisasi=D(0), **kw)  # type: ignore[arg-type]
    assert (c.mentah, c.skor) == (D(100), D(100))
    c = hitung_capaian(target=D(5), realisasi=D(0), **kw)  # type: ignore[arg-type]
    assert c.mentah is None and c.skor == D(100) and c.catatan
    c = hitung_capaian(target=D(5), realisasi=D(0), batas_atas=D(110), **kw)  # type: ignore[arg-type]
    assert c.mentah is None and c.skor == D(110)
    c = hitung_capaian(target=D(0), realisasi=D(2), **kw)  # type: ignore[arg-type]
    assert (c.mentah, c.skor) == (D(0), D(0))
    with pytest.raises(NilaiTidakValid, match="realisasi negatif"):
        hitung_capaian(target=D(5), realisasi=D(-1), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("polaritas", "rumus"),
    [(POS, "2t-r"), (NEG, "2t-r"), (NEG, "t/r")],
)
def test_negative_target_rejected(polaritas: Polaritas, rumus: str) -> None:
    with pytest.raises(NilaiTidakValid, match="target negatif"):
        hitung_capaian(target=D(-1), realisasi=D(5), polaritas=polaritas, rumus_negatif=rumus)


def test_invalid_config() -> None:
    with pytest.raises(NilaiTidakValid, match="polaritas"):
        hitung_capaian(target=D(1), realisasi=D(1), polaritas="naik")
    with pytest.raises(NilaiTidakValid, match="rumus"):
        hitung_capaian(target=D(1), realisasi=D(1), polaritas=NEG, rumus_negatif="r/t")
    with pytest.raises(NilaiTidakValid, match="batas bawah"):
        _pos("1", "1", batas_atas=D(0), batas_bawah=D(10))
    with pytest.raises(NilaiTidakValid):
        hitung_capaian(target=1.0, realisasi=D(1), polaritas=POS)  # type: ignore[arg-type]


def test_capaian_skor() -> None:
    assert capaian_skor(None, D(100), D(0)) is None
    assert capaian_skor(D(130), D(100), D(0)) == D(100)
    assert capaian_skor(D(-5), D(100), D(0)) == D(0)
    assert capaian_skor(D(-5), None, None) == D(-5)
    assert capaian_skor(D(50), D(100), D(0)) == D(50)


# --------------------------------------------------------------------------- properties

angka = st.decimals(
    min_value=D("0.01"), max_value=D(10**6), places=2, allow_nan=False, allow_infinity=False
)
angka_nol = st.decimals(
    min_value=D(0), max_value=D(10**6), places=2, allow_nan=False, allow_infinity=False
)
batas_atas_st = st.sampled_from([None, D(100), D(110), D(120), D(125)])
batas_bawah_st = st.sampled_from([None, D(0)])


@given(t=angka, r1=angka_nol, r2=angka_nol)
def test_positive_strictly_increasing(t: Decimal, r1: Decimal, r2: Decimal) -> None:
    assume(r1 != r2)
    lo, hi = sorted([r1, r2])
    a = hitung_capaian(target=t, realisasi=lo, polaritas=POS).mentah
    b = hitung_capaian(target=t, realisasi=hi, polaritas=POS).mentah
    assert a is not None and b is not None and a < b


@given(t=angka, r1=angka, r2=angka, rumus=st.sampled_from(list(RumusNegatif)))
def test_negative_strictly_decreasing(
    t: Decimal, r1: Decimal, r2: Decimal, rumus: RumusNegatif
) -> None:
    assume(r1 != r2)
    lo, hi = sorted([r1, r2])
    a = hitung_capaian(target=t, realisasi=lo, polaritas=NEG, rumus_negatif=rumus).mentah
    b = hitung_capaian(target=t, realisasi=hi, polaritas=NEG, rumus_negatif=rumus).mentah
    assert a is not None and b is not None and a > b


@given(
    t=angka_nol,
    r=st.decimals(
        min_value=D(-1000), max_value=D(10**6), places=2, allow_nan=False, allow_infinity=False
    ),
    pol=st.sampled_from(list(Polaritas)),
    rumus=st.sampled_from(list(RumusNegatif)),
    atas=batas_atas_st,
    bawah=batas_bawah_st,
)
def test_skor_within_bounds(
    t: Decimal,
    r: Decimal,
    pol: Polaritas,
    rumus: RumusNegatif,
    atas: Decimal | None,
    bawah: Decimal | None,
) -> None:
    if pol is Polaritas.NEGATIF and rumus is RumusNegatif.T_BAGI_R and r < 0:
        r = -r
    c = hitung_capaian(
        target=t,
        realisasi=r,
        polaritas=pol,
        rumus_negatif=rumus,
        batas_atas=atas,
        batas_bawah=bawah,
    )
    assert c.skor is not None
    if atas is not None:
        assert c.skor <= atas
    if bawah is not None:
        assert c.skor >= bawah
    if c.mentah is not None:
        assert c.skor == capaian_skor(c.mentah, atas, bawah)
