"""Form fields that read Indonesian input: "1.234.567,89", "98,5", "63,25 (B-)"."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxLengthValidator

from kinerja.engine.angka import (
    Nilai,
    NilaiTidakValid,
    format_angka_alami,
    parse_angka,
    parse_nilai,
)


class _TeksDiurai(forms.CharField):
    """A CharField whose cleaned value is not text: the length is checked on the typed text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # CharField's MaxLengthValidator would run on the parsed value.
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def teks(self, value) -> str:
        teks = super().to_python(value).strip()
        if self.max_length is not None and len(teks) > self.max_length:
            raise forms.ValidationError(
                f"Isian terlalu panjang (maksimal {self.max_length} karakter).", code="max_length"
            )
        return teks


class NilaiField(_TeksDiurai):
    """A measured value: a number (decimal comma accepted) or a graded value such as "63,25 (B-)".

    Cleans to ``kinerja.engine.angka.Nilai`` (or None when empty and not required).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        teks = self.teks(value)
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


class UangField(_TeksDiurai):
    """An amount of rupiah: "3.312.000.900", "Rp 3.312.000.900", "5.842.020,50". Never negative."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        teks = self.teks(value)
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
