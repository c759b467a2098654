"""Forms of the budget screens: one amount of rupiah per row, plus the amounts it was loaded with."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms

from kinerja.forms import UangField


class JumlahUangField(UangField):
    """UangField with the input attributes of the budget grids."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"class": "uang", "inputmode": "decimal", "autocomplete": "off"}),
        )
        super().__init__(*args, **kwargs)


class JumlahDimuatField(forms.CharField):
    """A hidden amount in plain notation ("2315000.00", empty = none): what the form was loaded with."""

    widget = forms.HiddenInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        teks = super().to_python(value).strip()
        if not teks:
            return None
        if len(teks) > 40:
            raise forms.ValidationError(
                "Formulir tidak lengkap atau rusak; muat ulang halaman lalu isi kembali.",
                code="dimuat",
            )
        try:
            jumlah = Decimal(teks)
        except InvalidOperation:
            raise forms.ValidationError(
                "Formulir tidak lengkap atau rusak; muat ulang halaman lalu isi kembali.",
                code="dimuat",
            ) from None
        if not jumlah.is_finite():
            raise forms.ValidationError(
                "Formulir tidak lengkap atau rusak; muat ulang halaman lalu isi kembali.",
                code="dimuat",
            )
        return jumlah

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return str(value)
        return "" if value is None else value


@dataclass
class Isian:
    """One editable amount: its field name, label, current amount and the hidden loaded amounts."""

    kunci: str
    label: str
    jumlah: Decimal | None
    dimuat: dict[str, Decimal | None] = field(default_factory=dict)
    petunjuk: str = ""


def nama_dimuat(awalan: str, kunci: str) -> str:
    return f"{awalan}-{kunci}"


class FormJumlah(forms.Form):
    """A list of amounts (pagu or realisasi anggaran), each with the amounts it was loaded with.

    For every ``Isian`` the form has the visible field ``kunci`` and, for each
    entry of ``Isian.dimuat``, a hidden field "<awalan>-<kunci>".
    """

    def __init__(self, *args, isian: list[Isian], **kwargs):
        super().__init__(*args, **kwargs)
        self.isian = isian
        for i in isian:
            self.fields[i.kunci] = JumlahUangField(required=False, label=i.label, initial=i.jumlah)
            if i.petunjuk:
                self.fields[i.kunci].widget.attrs["placeholder"] = i.petunjuk
            for awalan, nilai in i.dimuat.items():
                self.fields[nama_dimuat(awalan, i.kunci)] = JumlahDimuatField(initial=nilai)

    def dimuat(self, awalan: str, kunci: str) -> Decimal | None:
        return self.cleaned_data.get(nama_dimuat(awalan, kunci))

    def perbarui_dimuat(self, awalan: str, kunci: str, nilai: Decimal | None) -> None:
        """After a refused save: carry the amount stored now, so a deliberate resave passes."""
        if not self.is_bound:
            return
        if not getattr(self.data, "_mutable", True):
            self.data = self.data.copy()
        self.data[nama_dimuat(awalan, kunci)] = "" if nilai is None else str(nilai)
