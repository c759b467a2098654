"""Targets stated as a range ("60 – 70"): parsing and the bound capaian is computed against."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.engine.angka import Nilai, NilaiTidakValid, parse_nilai, parse_target
from kinerja.engine.capaian import AcuanRentang, hitung_capaian, target_acuan


@pytest.mark.parametrize(
    "teks", ["60 – 70", "60-70", "60 - 70", "60 s.d. 70", "60 s/d 70", "60 S.D 70"]
)
def test_a_range_is_read_in_every_usual_spelling_and_printed_one_way(teks):
    assert parse_target(teks) == Nilai(Decimal(60), "60 – 70", Decimal(70))


def test_a_range_with_decimals_is_printed_with_indonesian_numbers():
    n = parse_target("60.5-70,25%")
    assert (n.angka, n.atas, n.label) == (Decimal("60.5"), Decimal("70.25"), "60,5 – 70,25%")
    # What is printed reads back the same.
    assert parse_target(n.label) == n


def test_a_single_value_target_stays_a_single_value():
    assert parse_target("7 nilai") == Nilai(Decimal(7), "7 nilai")
    assert parse_target(Decimal("86")) == Nilai(Decimal(86))
    assert parse_target("86").atas is None


def test_a_reversed_range_is_refused():
    with pytest.raises(NilaiTidakValid, match="batas bawah harus lebih kecil"):
        parse_target("70 – 60")


def test_a_range_is_not_a_measured_value():
    # A realisasi is one number: only targets take a range.
    with pytest.raises(NilaiTidakValid):
        parse_nilai("60 – 70")


@pytest.mark.parametrize(
    ("acuan", "target", "capaian"),
    [
        (AcuanRentang.BAWAH, Decimal(60), Decimal("125.5833")),
        (AcuanRentang.ATAS, Decimal(70), Decimal("107.6429")),
        (AcuanRentang.TENGAH, Decimal(65), Decimal("115.9231")),
    ],
)
def test_capaian_of_a_range_target_by_the_bound_the_rule_names(acuan, target, capaian):
    rentang = parse_target("60 – 70")
    assert target_acuan(rentang, acuan) == target
    hasil = hitung_capaian(
        target=target_acuan(rentang, acuan), realisasi=Decimal("75.35"), polaritas="positif"
    )
    assert hasil.mentah.quantize(Decimal("0.0001")) == capaian


def test_a_single_value_target_counts_as_itself_whatever_the_rule():
    for acuan in AcuanRentang:
        assert target_acuan(Nilai(Decimal(86)), acuan) == Decimal(86)


def test_the_default_bound_is_the_lower_one():
    assert target_acuan(parse_target("60 – 70")) == Decimal(60)
