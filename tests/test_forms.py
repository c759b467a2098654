from decimal import Decimal

import pytest
from django import forms

from kinerja.engine.angka import Nilai
from kinerja.forms import NilaiField, UangField


class F(forms.Form):
    nilai = NilaiField(required=False)
    uang = UangField(required=False)


@pytest.mark.parametrize(
    "teks, hasil",
    [
        ("98,5", Nilai(Decimal("98.5"))),
        ("1.234,5", Nilai(Decimal("1234.5"))),
        ("63,25 (B-)", Nilai(Decimal("63.25"), "63,25 (B-)")),
    ],
)
def test_nilai_field_reads_indonesian_input(teks, hasil):
    f = F({"nilai": teks, "uang": ""})
    assert f.is_valid(), f.errors
    assert f.cleaned_data["nilai"] == hasil


def test_uang_field_reads_rupiah_and_refuses_negative():
    f = F({"nilai": "", "uang": "Rp 3.312.000.900"})
    assert f.is_valid() and f.cleaned_data["uang"] == Decimal("3312000900")
    f = F({"nilai": "", "uang": "-5"})
    assert not f.is_valid() and "negatif" in f.errors["uang"][0]


def test_errors_are_indonesian_and_length_is_checked_on_the_text():
    f = F({"nilai": "WBK", "uang": "x" * 50})
    assert not f.is_valid()
    assert "tidak memuat angka" in f.errors["nilai"][0]
    assert "terlalu panjang" in f.errors["uang"][0]
