from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.angka import (
    Nilai,
    NilaiTidakValid,
    bulatkan,
    jumlah_desimal,
    parse_angka,
    parse_nilai,
    validasi_nip,
)
from lib.format import (
    format_angka,
    format_angka_alami,
    format_nip,
    format_persen,
    format_rupiah,
    format_tanggal,
    terbilang,
)

D = Decimal


# --------------------------------------------------------------------------- parse_angka


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("1.234.567,89", D("1234567.89")),
        ("98,35", D("98.35")),
        ("98,35%", D("98.35")),
        ("100 %", D("100")),
        ("Rp 3.312.000.900", D("3312000900")),
        ("Rp. 6.778.100.000,-", D("6778100000")),
        ("Rp. 2.130.000.000,-", D("2130000000")),
        ("Rp3.312.000.900", D("3312000900")),
        ("Rp 1.000,50", D("1000.50")),
        ("-5,83", D("-5.83")),
        ("\u22125,83", D("-5.83")),
        ("75.35", D("75.35")),
        ("75", D("75")),
        ("75.350", D("75350")),
        ("1.000", D("1000")),
        ("0,5", D("0.5")),
        ("  88,21  ", D("88.21")),
        ("-Rp 5.000", D("-5000")),
    ],
)
def test_parse_angka(teks: str, hasil: Decimal) -> None:
    assert parse_angka(teks) == hasil


def test_parse_angka_keeps_written_decimals() -> None:
    assert jumlah_desimal(parse_angka("98,50")) == 2


@pytest.mark.parametrize(
    "teks",
    ["", "abc", "1,2,3", "12.34,5", "1.2.3", ",5", "5,", "76,728,000", "--5", "Rp", "WBK", "1 000"],
)
def test_parse_angka_invalid(teks: str) -> None:
    with pytest.raises(NilaiTidakValid, match="bukan angka yang sah"):
        parse_angka(teks)


# --------------------------------------------------------------------------- parse_nilai


def test_parse_nilai_numbers() -> None:
    assert parse_nilai(5) == Nilai(D(5))
    assert parse_nilai(D("75.35")) == Nilai(D("75.35"), None)
    assert parse_nilai("75,35") == Nilai(D("75.35"), None)
    assert parse_nilai(" 1.234,5 ") == Nilai(D("1234.5"), None)
    assert parse_nilai("-5,83") == Nilai(D("-5.83"), None)


@pytest.mark.parametrize(
    ("teks", "angka"),
    [
        ("63,25 (B-)", D("63.25")),
        ("BB (73,75)", D("73.75")),
        ("7 paket", D("7")),
        ("12 paket", D("12")),
        ("100%", D("100")),
        ("3,44 NI", D("3.44")),
        ("51 (C-)", D("51")),
        ("Rp 3.312.000.900", D("3312000900")),
        ("(-5,83) poin", D("-5.83")),
        ("B- 63,25", D("63.25")),
    ],
)
def test_parse_nilai_labelled(teks: str, angka: Decimal) -> None:
    n = parse_nilai(f"  {teks} ")
    assert n.angka == angka
    assert n.label == teks


def test_parse_nilai_no_number() -> None:
    with pytest.raises(NilaiTidakValid, match='nilai bertingkat "WBK" tidak memuat angka'):
        parse_nilai("WBK")
    with pytest.raises(NilaiTidakValid, match="tidak memuat angka"):
        parse_nilai("")
    with pytest.raises(NilaiTidakValid, match="tidak memuat angka"):
        parse_nilai("B-")


def test_parse_nilai_two_numbers() -> None:
    with pytest.raises(NilaiTidakValid, match="lebih dari satu angka"):
        parse_nilai("60 – 70")
    with pytest.raises(NilaiTidakValid, match="lebih dari satu angka"):
        parse_nilai("60 - 70")


def test_parse_nilai_rejects_bool_and_float() -> None:
    with pytest.raises(NilaiTidakValid):
        parse_nilai(True)  # type: ignore[arg-type]
    with pytest.raises(NilaiTidakValid, match="Decimal"):
        parse_nilai(75.35)  # type: ignore[arg-type]
    with pytest.raises(NilaiTidakValid):
        parse_nilai(D("NaN"))


def test_nilai_tampil() -> None:
    assert Nilai(D("63.25"), "63,25 (B-)").tampil() == "63,25 (B-)"
    assert Nilai(D("1234.5")).tampil() == "1.234,50"
    assert Nilai(D("88")).tampil(0) == "88"


# --------------------------------------------------------------------------- rounding


def test_bulatkan_half_up() -> None:
    assert bulatkan(D("0.125")) == D("0.13")
    assert bulatkan(D("0.135")) == D("0.14")
    assert bulatkan(D("-0.125")) == D("-0.13")
    assert bulatkan(D("101.7341"), 2) == D("101.73")
    assert bulatkan(D("87.5"), 0) == D("88")
    assert bulatkan(D("98.33564"), 4) == D("98.3356")


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_bulatkan_property_half_up(n: int) -> None:
    # n/1000 with last digit 5 always rounds away from zero
    x = D(n * 10 + 5).scaleb(-3)
    hasil = bulatkan(x, 2)
    assert abs(hasil) > abs(x)
    assert abs(hasil - x) == D("0.005")


def test_bulatkan_beyond_default_precision_and_odd_places() -> None:
    # More digits than Python's default 28: the rounding still has the precision it needs.
    besar = D("123456789012345678901234567890.125")
    assert bulatkan(besar, 2) == D("123456789012345678901234567890.13")
    assert str(bulatkan(besar, 2)) == "123456789012345678901234567890.13"
    assert bulatkan(D("1234.5"), -2) == D("1.2E+3")
    assert str(bulatkan(D("2.5"), 15)) == "2.500000000000000"
    assert str(bulatkan(7, 0)) == "7"
    with pytest.raises(ValueError):
        bulatkan(D("Infinity"), 2)


def test_jumlah_desimal() -> None:
    assert jumlah_desimal(D("98.50")) == 2
    assert jumlah_desimal(D("88")) == 0
    assert jumlah_desimal(D("1E+2")) == 0
    assert jumlah_desimal(D("3.5324")) == 4


# --------------------------------------------------------------------------- formatting


def test_format_angka() -> None:
    assert format_angka(D("1234567.891")) == "1.234.567,89"
    assert format_angka(D("100.465")) == "100,47"
    assert format_angka(D("-5.83")) == "-5,83"
    assert format_angka(D("-0.001")) == "0,00"
    assert format_angka(D("6778100000"), 0) == "6.778.100.000"
    assert format_angka(D("999.995")) == "1.000,00"
    assert format_angka(7) == "7,00"
    assert format_angka(None) == "-"
    assert format_angka(D("98.33564"), 4) == "98,3356"


def test_format_angka_alami() -> None:
    assert format_angka_alami(D("80")) == "80"
    assert format_angka_alami(D("88.310")) == "88,31"
    assert format_angka_alami(D("1E+2")) == "100"
    assert format_angka_alami(None) == "-"


def test_format_persen() -> None:
    assert format_persen(D("102.3333")) == "102,33%"
    assert format_persen(D("98.3356"), 4) == "98,3356%"
    assert format_persen(None) == "-"


def test_format_rupiah() -> None:
    assert format_rupiah(D("3312000900")) == "Rp 3.312.000.900"
    assert format_rupiah(D("1000.5")) == "Rp 1.000,50"
    assert format_rupiah(D("1000.001")) == "Rp 1.000"
    assert format_rupiah(D("-5000")) == "-Rp 5.000"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(None) == "-"


def test_format_tanggal() -> None:
    assert format_tanggal(datetime.date(2025, 4, 14)) == "14 April 2025"
    assert format_tanggal(datetime.date(2025, 1, 9)) == "9 Januari 2025"
    assert format_tanggal(datetime.date(2024, 8, 16)) == "16 Agustus 2024"
    assert format_tanggal(datetime.date(2024, 12, 1)) == "1 Desember 2024"
    assert format_tanggal(None) == "-"


def test_format_nip() -> None:
    assert format_nip("196706211992031004") == "19670621 199203 1 004"
    assert format_nip("19800801 200501 1 015") == "19800801 200501 1 015"
    assert format_nip("19671212 198806 1") == "19671212 198806 1"
    assert format_nip(None) == "-"
    assert format_nip("") == "-"


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_format_parse_roundtrip(x: Decimal) -> None:
    assert parse_angka(format_angka(x)) == x
    assert parse_angka(format_persen(x)) == x


# --------------------------------------------------------------------------- terbilang


@pytest.mark.parametrize(
    ("n", "kata"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (250, "dua ratus lima puluh"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2000, "dua ribu"),
        (11000, "sebelas ribu"),
        (100000, "seratus ribu"),
        (1_000_000, "satu juta"),
        (1_000_000_000, "satu miliar"),
        (2_130_000_000, "dua miliar seratus tiga puluh juta"),
        (6_778_100_000, "enam miliar tujuh ratus tujuh puluh delapan juta seratus ribu"),
        (1_000_000_000_000, "satu triliun"),
        (
            999_999_999_999_999,
            "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh "
            "sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus "
            "sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
        ),
    ],
)
def test_terbilang(n: int, kata: str) -> None:
    assert terbilang(n) == kata


def test_terbilang_invalid() -> None:
    with pytest.raises(NilaiTidakValid):
        terbilang(-1)
    with pytest.raises(NilaiTidakValid):
        terbilang(10**15)
    with pytest.raises(NilaiTidakValid):
        terbilang(True)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- NIP


def test_nip_valid_pns() -> None:
    assert validasi_nip("196706211992031004") == []
    assert validasi_nip("19670621 199203 1 004") == []
    assert validasi_nip("19800801 200501 1 015") == []


def test_nip_valid_pppk() -> None:
    # born 1985-03-15, TMT 2023, PPPK code 2, first appointment, female, no. 001
    assert validasi_nip("198503152023212001") == []


def test_nip_truncated() -> None:
    errors = validasi_nip("19671212 198806 1")
    assert errors == ["NIP harus terdiri dari 18 digit angka, tertulis 15 digit"]


def test_nip_not_digits() -> None:
    assert validasi_nip("NIP.19800801 200501 1 015") != []
    assert validasi_nip("") == ["NIP kosong"]


def test_nip_month_13() -> None:
    errors = validasi_nip("196706211992131004")
    assert len(errors) == 1
    assert "bulan TMT CPNS" in errors[0] and "13" in errors[0]


def test_nip_month_00() -> None:
    errors = validasi_nip("196706211992001004")
    assert len(errors) == 1 and "bulan TMT CPNS" in errors[0]


def test_nip_sex_3() -> None:
    errors = validasi_nip("196706211992033004")
    assert len(errors) == 1 and "jenis kelamin" in errors[0]


def test_nip_serial_000() -> None:
    errors = validasi_nip("196706211992031000")
    assert len(errors) == 1 and "nomor urut" in errors[0]


def test_nip_bad_birth_date() -> None:
    errors = validasi_nip("196702301992031004")
    assert any("tanggal lahir" in g for g in errors)
    errors = validasi_nip("193006211960031004")
    assert any("tahun lahir" in g and "1940–2010" in g for g in errors)


def test_nip_tmt_too_early() -> None:
    errors = validasi_nip("196706211980031004")
    assert len(errors) == 1 and "1984" in errors[0]


def test_nip_pppk_frequency_zero() -> None:
    errors = validasi_nip("198503152023202001")
    assert len(errors) == 1 and "frekuensi" in errors[0]


def test_nip_digit13_neither() -> None:
    errors = validasi_nip("196706211992531004")
    assert len(errors) == 1 and "PPPK" in errors[0]


@pytest.mark.parametrize("teks", ["95o", "63,2x", "a95", "3,44NI"])
def test_a_number_glued_to_letters_is_a_typo_not_a_grade(teks):
    with pytest.raises(NilaiTidakValid, match="tidak dikenali"):
        parse_nilai(teks)


@pytest.mark.parametrize(
    "teks, angka",
    [
        ("63,25 (B-)", "63.25"),
        ("BB (73,75)", "73.75"),
        ("12 paket", "12"),
        ("87,5%", "87.5"),
        ("(B-) 63,25", "63.25"),
    ],
)
def test_grades_set_apart_are_accepted(teks, angka):
    assert parse_nilai(teks) == Nilai(Decimal(angka), teks)
