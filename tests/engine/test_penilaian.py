"""``nilai_indikator``: the one rule turning an indicator, its pemda's rules, target and
realisasi into capaian, score, predicate and the rule in words."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.angka import NilaiTidakValid
from kinerja.engine.capaian import Polaritas, RumusNegatif, hitung_capaian
from kinerja.engine.penilaian import kemajuan_indikator, nilai_indikator
from kinerja.engine.predikat import PRESET, Skala, klasifikasi

D = Decimal


@dataclass(frozen=True)
class Ind:
    polaritas: Polaritas | str = Polaritas.POSITIF
    rumus_negatif: RumusNegatif | str | None = None
    batas_atas_capaian: Decimal | int | None = None
    batas_bawah_capaian: Decimal | int | None = None


@dataclass(frozen=True)
class Aturan:
    skala: Skala = PRESET["permendagri-86-2017"]
    rumus_negatif: RumusNegatif = RumusNegatif.DUA_T_KURANG_R
    batas_atas_capaian: Decimal | None = None
    batas_bawah_capaian: Decimal | None = None
    ambang_tercapai: Decimal = D(100)


_angka = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)
_batas_atas = st.sampled_from([None, D(100), D(110), D(120), D(125)])
_batas_atas_int = st.sampled_from([None, 100, 110, 120, 125])
_batas_bawah = st.sampled_from([None, D(0)])
_batas_bawah_int = st.sampled_from([None, 0])
_rumus = st.sampled_from(list(RumusNegatif))
_indikator = st.builds(
    Ind,
    polaritas=st.sampled_from(list(Polaritas)),
    rumus_negatif=st.one_of(st.none(), st.just(""), _rumus),
    batas_atas_capaian=_batas_atas_int,
    batas_bawah_capaian=_batas_bawah_int,
)
_aturan = st.builds(
    Aturan,
    skala=st.sampled_from([PRESET[n] for n in ("permendagri-86-2017", "blora", "jombang")]),
    rumus_negatif=_rumus,
    batas_atas_capaian=_batas_atas,
    batas_bawah_capaian=_batas_bawah,
    ambang_tercapai=st.sampled_from([D(100), D(80), D("75.5")]),
)


@given(ind=_indikator, aturan=_aturan, target=_angka, realisasi=_angka)
def test_agrees_with_hitung_capaian_and_klasifikasi(
    ind: Ind, aturan: Aturan, target: Decimal, realisasi: Decimal
) -> None:
    """The indicator's own formula and caps win over the pemda's; the band is the score's."""
    atas = (
        ind.batas_atas_capaian if ind.batas_atas_capaian is not None else aturan.batas_atas_capaian
    )
    bawah = (
        ind.batas_bawah_capaian
        if ind.batas_bawah_capaian is not None
        else aturan.batas_bawah_capaian
    )
    try:
        diharapkan = hitung_capaian(
            target=target,
            realisasi=realisasi,
            polaritas=ind.polaritas,
            rumus_negatif=ind.rumus_negatif or aturan.rumus_negatif,
            batas_atas=None if atas is None else D(atas),
            batas_bawah=None if bawah is None else D(bawah),
        )
    except NilaiTidakValid:
        with pytest.raises(NilaiTidakValid):
            nilai_indikator(ind, aturan, target=target, realisasi=realisasi)
        return
    p = nilai_indikator(ind, aturan, target=target, realisasi=realisasi)
    assert p.capaian == diharapkan
    assert p.band == klasifikasi(aturan.skala, diharapkan.skor)
    assert p.skor == diharapkan.skor
    assert p.mentah == diharapkan.mentah
    assert p.tampil == (diharapkan.mentah if diharapkan.mentah is not None else diharapkan.skor)
    assert p.predikat == (p.band.label if p.band else None)
    assert p.warna == (p.band.warna if p.band else None)
    if diharapkan.skor is None:
        assert p.tercapai is None
    else:
        assert p.tercapai == (diharapkan.skor >= aturan.ambang_tercapai)


def test_indicator_overrides_win_over_the_pemda() -> None:
    aturan = Aturan(
        rumus_negatif=RumusNegatif.DUA_T_KURANG_R,
        batas_atas_capaian=D(100),
        batas_bawah_capaian=D(0),
    )
    ind = Ind(
        polaritas=Polaritas.NEGATIF,
        rumus_negatif=RumusNegatif.T_BAGI_R,
        batas_atas_capaian=120,
        batas_bawah_capaian=None,
    )
    p = nilai_indikator(ind, aturan, target=D(10), realisasi=D(8))
    assert p.mentah == D(125)  # T/R, not (2T − R)/T = 120
    assert p.skor == D(120)  # the indicator's cap, not the pemda's 100
    assert p.aturan == (
        "capaian = T/R × 100 (dibatasi maks. 120); batas atas 120%; batas bawah 0%; "
        "predikat menurut skala permendagri-86-2017"
    )


def test_pemda_rules_apply_when_the_indicator_has_none() -> None:
    aturan = Aturan(rumus_negatif=RumusNegatif.T_BAGI_R, batas_atas_capaian=D(110))
    ind = Ind(polaritas=Polaritas.NEGATIF, rumus_negatif="")
    p = nilai_indikator(ind, aturan, target=D(10), realisasi=D(8))
    assert p.mentah == D(125)
    assert p.skor == D(110)
    assert p.predikat == "Sangat Tinggi"
    assert p.warna == PRESET["permendagri-86-2017"].band[0].warna


def test_rule_text_names_formula_caps_and_scale() -> None:
    p = nilai_indikator(Ind(), Aturan(skala=PRESET["blora"]), target=D("75"), realisasi=D("60"))
    assert p.aturan == "capaian = R/T × 100; predikat menurut skala blora"
    p = nilai_indikator(
        Ind(batas_bawah_capaian=0, batas_atas_capaian=D("112.5")),
        Aturan(),
        target=D(100),
        realisasi=D(50),
    )
    assert p.aturan == (
        "capaian = R/T × 100; batas atas 112,5%; batas bawah 0%; "
        "predikat menurut skala permendagri-86-2017"
    )


def test_tercapai_uses_the_pemda_threshold() -> None:
    ind = Ind()
    assert nilai_indikator(ind, Aturan(), target=D(100), realisasi=D(99)).tercapai is False
    assert nilai_indikator(ind, Aturan(), target=D(100), realisasi=D(100)).tercapai is True
    ambang_80 = Aturan(ambang_tercapai=D(80))
    assert nilai_indikator(ind, ambang_80, target=D(100), realisasi=D(80)).tercapai is True
    assert nilai_indikator(ind, ambang_80, target=D(100), realisasi=D("79.99")).tercapai is False


def test_invalid_values_raise_as_hitung_capaian_does() -> None:
    # T/R with R < 0 has no meaning.
    ind = Ind(polaritas=Polaritas.NEGATIF, rumus_negatif=RumusNegatif.T_BAGI_R)
    with pytest.raises(NilaiTidakValid):
        nilai_indikator(ind, Aturan(), target=D(10), realisasi=D(-1))


def test_no_band_gives_no_predicate() -> None:
    # Jombang's scale has no band between 80 and 90.
    p = nilai_indikator(Ind(), Aturan(skala=PRESET["jombang"]), target=D(100), realisasi=D(85))
    assert p.band is None and p.predikat is None and p.warna is None
    assert p.skor == D(85)


def test_kemajuan_uses_the_indicator_formula_over_the_pemda() -> None:
    ind = Ind(
        polaritas=Polaritas.NEGATIF, rumus_negatif=RumusNegatif.T_BAGI_R, batas_atas_capaian=100
    )
    aturan = Aturan(rumus_negatif=RumusNegatif.DUA_T_KURANG_R)
    assert kemajuan_indikator(ind, aturan, realisasi=D(8), target_akhir=D(10)) == D(125)
    ind_pemda = Ind(polaritas=Polaritas.NEGATIF)
    assert kemajuan_indikator(ind_pemda, aturan, realisasi=D(8), target_akhir=D(10)) == D(120)
    assert kemajuan_indikator(ind, aturan, realisasi=None, target_akhir=D(10)) is None
