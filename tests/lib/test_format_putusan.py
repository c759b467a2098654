"""Rounding never changes a verdict: a figure printed beside a verdict is never rounded
onto (or across) a boundary it does not reach (lib.format.format_persen_putusan)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from lib.decimals import bulatkan
from lib.format import (
    BATAS_PERSEN,
    MAKS_DESIMAL_PUTUSAN,
    format_angka_putusan,
    format_persen_putusan,
)
from lib.rows import Column, Kind, format_value

D = Decimal

nilai_st = st.decimals(
    min_value=-1000, max_value=1000, places=9, allow_nan=False, allow_infinity=False
)
# Boundaries as pemdas write them (whole numbers or a few decimals) and exotic ones.
batas_st = st.lists(
    st.decimals(min_value=-200, max_value=200, places=3, allow_nan=False, allow_infinity=False),
    max_size=6,
)


def _baca(teks: str, akhiran: str = "%") -> tuple[str, Decimal]:
    """(comparison sign "", "<" or ">"; the number) of a printed figure."""
    teks = teks.removesuffix(akhiran)
    tanda = ""
    if teks[:1] in "<>":
        tanda, teks = teks[0], teks[1:].strip()
    return tanda, D(teks.replace(".", "").replace(",", "."))


def _sisi(a: Decimal, b: Decimal) -> int:
    return (a > b) - (a < b)


@given(nilai_st, batas_st)
def test_printed_value_keeps_its_side_of_every_boundary(nilai, batas):
    teks = format_persen_putusan(nilai, (*BATAS_PERSEN, *batas))
    tanda, tercetak = _baca(teks)
    for b in (*BATAS_PERSEN, *batas):
        if tanda:
            # "< 100%": the value lies just below (above) the boundary printed.
            assert _sisi(nilai, tercetak) == (-1 if tanda == "<" else 1)
            continue
        assert _sisi(tercetak, b) == _sisi(nilai, b), (nilai, b, teks)
        # never equal to a boundary it does not reach
        assert tercetak != b or nilai == b


@given(nilai_st)
def test_at_least_two_decimals_and_no_more_than_needed(nilai):
    teks = format_persen_putusan(nilai)
    tanda, tercetak = _baca(teks)
    if tanda:
        return
    desimal = len(teks.removesuffix("%").partition(",")[2])
    assert 2 <= desimal <= MAKS_DESIMAL_PUTUSAN
    if desimal > 2:
        # one decimal fewer would have put it onto (or across) 0 or 100
        kurang = bulatkan(nilai, desimal - 1)
        assert any(_sisi(kurang, b) != _sisi(nilai, b) for b in BATAS_PERSEN), teks


def test_examples_of_the_issue():
    assert format_persen_putusan(D("99.997")) == "99,997%"
    assert format_persen_putusan(D("99.9999")) == "99,9999%"
    assert format_persen_putusan(D("100")) == "100,00%"
    assert format_persen_putusan(D("102.3333")) == "102,33%"
    assert format_persen_putusan(D("100.004")) == "100,004%"
    assert format_persen_putusan(D("0.0028")) == "0,003%"
    assert format_persen_putusan(D("-0.001")) == "-0,001%"
    assert format_persen_putusan(D(0)) == "0,00%"
    assert format_persen_putusan(None) == "-"
    # a predicate boundary of the pemda (≥ 90 "Sangat Baik")
    assert format_persen_putusan(D("89.996"), (D(90),)) == "89,996%"
    assert format_persen_putusan(D("89.996")) == "90,00%"
    # a ratio beside 1
    assert format_angka_putusan(D("0.99999"), (D(1),)) == "0,99999"
    assert format_angka_putusan(D("1.02"), (D(1),)) == "1,02"
    # a difference of millionths: said, not rounded away
    assert format_persen_putusan(D("99.99999999")) == "< 100%"
    assert format_persen_putusan(D("100.00000001")) == "> 100%"


def test_percent_cells_of_row_sources():
    kolom = Column("Penyerapan", Kind.PERSEN)
    assert format_value(D("99.997"), Kind.PERSEN, kolom) == "99,997%"
    assert format_value(D("98.3356"), Kind.PERSEN, kolom) == "98,34%"
    capaian = Column("Capaian", Kind.PERSEN, batas=(D(85),))
    assert format_value(D("84.999"), Kind.PERSEN, capaian) == "84,999%"
    assert format_value(D("84.999"), Kind.PERSEN, kolom) == "85,00%"
