"""Form fields that read Indonesian input: "1.234.567,89", "98,5", "63,25 (B-)", "40/45".

Each field checks the length of what was typed, whether the number fits its
database column, and reports problems as whole Indonesian sentences.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from django import forms
from django.core.validators import MaxLengthValidator, MinLengthValidator

from kinerja.engine.angka import Nilai, NilaiTidakValid, parse_angka, parse_nilai, parse_target
from kinerja.engine.realisasi import Rasio
from lib.format import format_angka_alami

# Capacity of the columns (kinerja.models.NILAI and UANG): digits before and after the comma.
NILAI_DIGIT_BULAT, NILAI_DIGIT_DESIMAL = 14, 6
UANG_DIGIT_BULAT, UANG_DIGIT_DESIMAL = 16, 2
_KATA = {2: "dua", 6: "enam"}


def kalimat(teks: str) -> str:
    """An engine message (a clause) as a sentence: capital first letter, final full stop."""
    teks = teks.strip()
    if not teks:
        return teks
    teks = teks[0].upper() + teks[1:]
    return teks if teks.endswith((".", "?", "!")) else teks + "."


def muat_di_kolom(
    angka: Decimal, *, digit_bulat: int, digit_desimal: int, apa: str = "Angka"
) -> Decimal:
    """Refuse a number its column cannot store, instead of failing in the database.

    The size is checked first, on the exponent alone: quantizing a number of 28 digits
    or more would overflow the default decimal context (InvalidOperation, an HTTP 500).
    """
    if not angka.is_finite():
        raise forms.ValidationError(f"{apa} tidak sah.", code="nilai")
    if angka and angka.adjusted() >= digit_bulat:
        raise forms.ValidationError(
            f"{apa} terlalu besar: paling banyak {digit_bulat} angka sebelum koma.",
            code="terlalu_besar",
        )
    # Below 10 ** digit_bulat the quantized number has at most digit_bulat + digit_desimal
    # digits (one more when rounding carries); the context holds them whatever the default.
    with localcontext() as ctx:
        ctx.prec = digit_bulat + digit_desimal + 2
        bulat = angka.quantize(Decimal(1).scaleb(-digit_desimal))
    if angka != bulat:
        contoh = ", misalnya 5.842.020,50" if digit_desimal == 2 else ""
        raise forms.ValidationError(
            f"{apa} paling banyak {_KATA.get(digit_desimal, digit_desimal)} angka di belakang koma{contoh}.",
            code="desimal",
        )
    return angka


# A number typed longer than its field is still a number: it is answered with the number's
# own message ("terlalu besar", or too many decimals), not with "too long". Text up to this
# length is parsed for that; beyond it only its length is reported.
_PANJANG_DIBACA = 2000
# Scientific notation ("1e999", "2,5E+3") is not how amounts are written here; it is
# refused with the number's own message when too big, else with how to write it.
_EKSPONEN = re.compile(r"[-+]?[0-9]+(?:[.,][0-9]+)?[eE][-+]?[0-9]{1,12}")
PESAN_EKSPONEN = "Tuliskan angka tanpa notasi eksponen (e), misalnya 1.500.000 atau 0,25."
_MIRIP_ANGKA = re.compile(r"[-+\u2212]?\s*(?:rp\.?\s*)?[0-9][0-9.,]*(?:%|,-)?", re.IGNORECASE)


class _TeksDiurai(forms.CharField):
    """A CharField whose cleaned value is not text: the length is checked on the typed text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # CharField's length validators would run on the parsed value.
        self.validators = [
            v for v in self.validators if not isinstance(v, MaxLengthValidator | MinLengthValidator)
        ]

    # The column the parsed number is stored in: digits before and after the comma, and
    # what the number is called in messages. None for a field that is not a number.
    kolom: tuple[int, int, str] | None = None

    def teks(self, value) -> str:
        teks = super().to_python(value).strip()
        if self.max_length is not None and len(teks) > self.max_length:
            if len(teks) <= _PANJANG_DIBACA:
                for bagian in self.angka_di_teks(teks):
                    self.muat(bagian)
                self.tolak_eksponen(teks)
            raise forms.ValidationError(
                f"Isian terlalu panjang (paling banyak {self.max_length} karakter).",
                code="max_length",
            )
        return teks

    def angka_di_teks(self, teks: str) -> list[str]:
        """The parts of the text that are each one typed number."""
        return [teks]

    def tolak_eksponen(self, teks: str) -> None:
        """Refuse a number typed in scientific notation (see _EKSPONEN)."""
        for bagian in self.angka_di_teks(teks):
            bagian = bagian.strip()
            if self.kolom is None or not _EKSPONEN.fullmatch(bagian):
                continue
            digit_bulat, digit_desimal, apa = self.kolom
            angka = Decimal(bagian.replace(",", "."))
            if angka and angka.adjusted() >= digit_bulat:
                muat_di_kolom(angka, digit_bulat=digit_bulat, digit_desimal=digit_desimal, apa=apa)
            raise forms.ValidationError(PESAN_EKSPONEN, code="eksponen")

    def muat(self, teks: str) -> None:
        """Raise the number's own error ("terlalu besar") when the text is a number too big."""
        if self.kolom is None or not _MIRIP_ANGKA.fullmatch(teks.strip()):
            return
        try:
            angka = parse_angka(teks.strip())
        except NilaiTidakValid:
            return
        digit_bulat, digit_desimal, apa = self.kolom
        muat_di_kolom(angka, digit_bulat=digit_bulat, digit_desimal=digit_desimal, apa=apa)


class NilaiField(_TeksDiurai):
    """A measured value: a number (decimal comma accepted) or a graded value such as "63,25 (B-)".

    Cleans to ``kinerja.engine.angka.Nilai`` (or None when empty and not required).
    """

    kolom = (NILAI_DIGIT_BULAT, NILAI_DIGIT_DESIMAL, "Angka")
    # A target (Renstra year, PK) may also be a range "60 – 70" (TargetField).
    rentang = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        teks = self.teks(value)
        if not teks:
            return None
        self.tolak_eksponen(teks)
        try:
            nilai = (parse_target if self.rentang else parse_nilai)(teks)
        except NilaiTidakValid as e:
            raise forms.ValidationError(kalimat(str(e)), code="nilai") from e
        for angka in (nilai.angka, nilai.atas):
            if angka is not None:
                muat_di_kolom(
                    angka, digit_bulat=NILAI_DIGIT_BULAT, digit_desimal=NILAI_DIGIT_DESIMAL
                )
        return nilai

    def prepare_value(self, value):
        if isinstance(value, Nilai):
            return value.label or format_angka_alami(value.angka)
        if isinstance(value, Decimal):
            return format_angka_alami(value)
        return value


class TargetField(NilaiField):
    """A target: a measured value, or a range such as "60 – 70" ("60-70", "60 s.d. 70")."""

    rentang = True


class UangField(_TeksDiurai):
    """An amount of rupiah: "3.312.000.900", "Rp 3.312.000.900", "5.842.020,50". Never negative."""

    kolom = (UANG_DIGIT_BULAT, UANG_DIGIT_DESIMAL, "Jumlah uang")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        teks = self.teks(value)
        if not teks:
            return None
        self.tolak_eksponen(teks)
        try:
            jumlah = parse_angka(teks)
        except NilaiTidakValid as e:
            raise forms.ValidationError(kalimat(str(e)), code="uang") from e
        if jumlah < 0:
            raise forms.ValidationError("Jumlah uang tidak boleh negatif.", code="negatif")
        return muat_di_kolom(
            jumlah,
            digit_bulat=UANG_DIGIT_BULAT,
            digit_desimal=UANG_DIGIT_DESIMAL,
            apa="Jumlah uang",
        )

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return format_angka_alami(value)
        return value


class RasioField(_TeksDiurai):
    """A quarter of a ratio indicator typed as "pembilang/penyebut", e.g. "40/45"."""

    kolom = (NILAI_DIGIT_BULAT, NILAI_DIGIT_DESIMAL, "Angka")

    def angka_di_teks(self, teks: str) -> list[str]:
        return teks.split("/")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 60)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        teks = self.teks(value)
        if not teks:
            return None
        self.tolak_eksponen(teks)
        pembilang, garis, penyebut = teks.partition("/")
        if not garis:
            raise forms.ValidationError(
                "Tuliskan pembilang/penyebut, misalnya 40/45.", code="rasio"
            )
        try:
            p, q = parse_angka(pembilang.strip()), parse_angka(penyebut.strip())
        except NilaiTidakValid as e:
            raise forms.ValidationError(kalimat(str(e)), code="rasio") from e
        if p < 0 or q < 0:
            raise forms.ValidationError(
                "Pembilang dan penyebut tidak boleh negatif.", code="negatif"
            )
        if q == 0:
            raise forms.ValidationError("Penyebut tidak boleh nol.", code="nol")
        for x in (p, q):
            muat_di_kolom(x, digit_bulat=NILAI_DIGIT_BULAT, digit_desimal=NILAI_DIGIT_DESIMAL)
        return Rasio(p, q)

    def prepare_value(self, value):
        if isinstance(value, Rasio):
            return f"{format_angka_alami(value.pembilang)}/{format_angka_alami(value.penyebut)}"
        return value
