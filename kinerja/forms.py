"""Form fields that read Indonesian input: "1.234.567,89", "98,5", "63,25 (B-)"."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from kinerja.engine.angka import (
    Nilai,
    NilaiTidakValid,
    format_angka_alami,
    parse_angka,
    parse_nilai,
)


class NilaiField(forms.CharField):
    """A measured value: a number (decimal comma accepted) or a graded value such as "63,25 (B-)".

    Cleans to ``kinerja.engine.angka.Nilai`` (or None when empty and not required).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        teks = super().to_python(value).strip()
        if not teks:
            return None
        try:
            return parse_nilai(teks)
        except NilaiTidakValid as e:
            raise forms.ValidationError(str(e), code="nilai") from e

    def prepare_value(self, value):
        if isinstance(value, Nilai):
            return value.label or format_angka_alami(value.angka)
        if isinstance(value, Decimal):
            return format_angka_alami(value)
        return value


class UangField(forms.CharField):
    """An amount of rupiah: "3.312.000.900", "Rp 3.312.000.900", "5.842.020,50". Never negative."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        teks = super().to_python(value).strip()
        if not teks:
            return None
        try:
            jumlah = parse_angka(teks)
        except NilaiTidakValid as e:
            raise forms.ValidationError(str(e), code="uang") from e
        if jumlah < 0:
            raise forms.ValidationError("Jumlah uang tidak boleh negatif.", code="negatif")
        return jumlah

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return format_angka_alami(value)
        return value
