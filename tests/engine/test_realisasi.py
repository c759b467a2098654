from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.engine.angka import NilaiTidakValid, bulatkan
from kinerja.engine.realisasi import (
    Rasio,
    TipePenghitungan,
    nilai_sd_triwulan,
    nilai_tahunan,
    triwulan_kosong,
)

D = Decimal
T = TipePenghitungan


def tw(*v: str | None) -> list[Decimal | Rasio | None]:
    return [None if x is None else D(x) for x in v]


def test_s4_kumulatif_running() -> None:
    assert nilai_tahunan(tw("29", "51", "71", "89"), T.KUMULATIF) == D(89)
    assert nilai_tahunan(tw("41", "41", "81", "122"), T.KUMULATIF) == D(122)
    assert nilai_tahunan(tw("29", "51", "71", None), T.KUMULATIF) == D(71)


def test_s4_rasio() -> None:
    # 40 realised of 45 planned over the year
    nilai = [Rasio(D(10), D(12)), Rasio(D(10), D(11)), Rasio(D(10), D(11)), Rasio(D(10), D(11))]
    hasil = nilai_tahunan(nilai, T.RASIO)
    assert hasil is not None and bulatkan(hasil) == D("88.89")


def test_rasio_is_ratio_of_sums_not_mean_of_ratios() -> None:
    nilai: list[Decimal | Rasio | None] = [Rasio(D(1), D(1)), Rasio(D(0), D(3)), None, None]
    assert nilai_tahunan(nilai, T.RASIO) == D(25)
    assert nilai_tahunan(nilai, T.RATA_RATA) == D(50)


def test_rasio_zero_denominator_and_plain_number() -> None:
    assert nilai_tahunan([Rasio(D(0), D(0)), None, None, None], T.RASIO) is None
    with pytest.raises(NilaiTidakValid, match="triwulan 2"):
        nilai_tahunan([Rasio(D(1), D(2)), D(5), None, None], T.RASIO)


def test_jumlah() -> None:
    assert nilai_tahunan(tw("1", "2", None, "4"), T.JUMLAH) == D(7)
    assert nilai_tahunan(tw("3", "3", "3", "3"), "jumlah") == D(12)


def test_rata_rata() -> None:
    hasil = nilai_tahunan(tw("86", "88", None, "89"), T.RATA_RATA)
    assert hasil == D(263) / 3


def test_nilai_akhir() -> None:
    assert nilai_tahunan(tw(None, None, None, "63.25"), T.NILAI_AKHIR) == D("63.25")
    assert nilai_tahunan(tw("80", "85", None, None), T.NILAI_AKHIR) == D(85)


@pytest.mark.parametrize("tipe", list(TipePenghitungan))
def test_all_none(tipe: TipePenghitungan) -> None:
    assert nilai_tahunan([None, None, None, None], tipe) is None


def test_rasio_element_in_other_types() -> None:
    nilai: list[Decimal | Rasio | None] = [Rasio(D(1), D(2)), Rasio(D(3), D(4)), None, None]
    assert nilai_tahunan(nilai, T.NILAI_AKHIR) == D(75)
    assert nilai_tahunan(nilai, T.RATA_RATA) == D("62.5")
    assert nilai_tahunan([Rasio(D(0), D(0)), None, None, None], T.JUMLAH) is None


def test_invalid_input() -> None:
    with pytest.raises(NilaiTidakValid, match="tepat 4"):
        nilai_tahunan(tw("1", "2", "3"), T.JUMLAH)
    with pytest.raises(NilaiTidakValid, match="tidak dikenal"):
        nilai_tahunan(tw("1", "2", "3", "4"), "median")
    with pytest.raises(NilaiTidakValid, match="triwulan"):
        nilai_sd_triwulan(tw("1", "2", "3", "4"), T.JUMLAH, 5)


def test_sd_triwulan() -> None:
    nilai = tw("29", "51", "71", "89")
    assert nilai_sd_triwulan(nilai, T.KUMULATIF, 2) == D(51)
    assert nilai_sd_triwulan(nilai, T.JUMLAH, 3) == D(151)
    assert nilai_sd_triwulan(nilai, T.RATA_RATA, 2) == D(40)
    assert nilai_sd_triwulan(nilai, T.NILAI_AKHIR, 1) == D(29)
    assert nilai_sd_triwulan(tw(None, None, None, "63.25"), T.NILAI_AKHIR, 3) is None
    rasio = [Rasio(D(10), D(12)), Rasio(D(10), D(11)), None, None]
    assert nilai_sd_triwulan(rasio, T.RASIO, 2) == D(2000) / D(23)
    for q in range(1, 5):
        assert nilai_sd_triwulan(nilai, T.JUMLAH, q) == sum(D(x) for x in (29, 51, 71, 89)[:q])
    assert nilai_sd_triwulan(nilai, T.KUMULATIF, 4) == nilai_tahunan(nilai, T.KUMULATIF)


def test_triwulan_kosong_defaults() -> None:
    assert triwulan_kosong(tw("1", None, "3", None), T.JUMLAH) == [2, 4]
    assert triwulan_kosong(tw("1", None, "3", None), T.JUMLAH, sampai_triwulan=3) == [2]
    assert triwulan_kosong(tw(None, None, None, None), T.NILAI_AKHIR) == [4]
    assert triwulan_kosong(tw(None, None, None, None), T.NILAI_AKHIR, sampai_triwulan=3) == []
    assert triwulan_kosong(tw(None, None, None, "88"), T.NILAI_AKHIR) == []
    assert triwulan_kosong(tw("1", "2", "3", "4"), T.RATA_RATA) == []
    assert triwulan_kosong([None, Rasio(D(1), D(1)), None, None], T.RASIO, sampai_triwulan=2) == [1]


def test_triwulan_kosong_expected() -> None:
    harap = [False, True, False, True]
    assert triwulan_kosong(tw(None, None, None, None), T.JUMLAH, diharapkan=harap) == [2, 4]
    assert triwulan_kosong(tw(None, "5", None, None), T.NILAI_AKHIR, diharapkan=harap) == [4]
    assert triwulan_kosong(
        tw(None, None, None, None), T.JUMLAH, diharapkan=harap, sampai_triwulan=3
    ) == [2]
    with pytest.raises(NilaiTidakValid):
        triwulan_kosong(tw(None, None, None, None), T.JUMLAH, diharapkan=[True])
