"""Forms of the LKjIP screens: narrative sections, BAB I tables, workflow comments, verification."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import forms

BATAS_TEKS_NARASI = 100_000
BATAS_BILANGAN = 2_147_483_647
POLA_KODE = re.compile(r"[0-9a-f]{64}")

PESAN_URAIAN_WAJIB = "Isi uraian baris ini, atau kosongkan seluruh barisnya."
PESAN_KODE = (
    "Kode verifikasi terdiri atas 64 karakter angka 0–9 dan huruf a–f, seperti yang tercetak "
    "di kaki setiap halaman LKjIP."
)


class NarasiForm(forms.Form):
    """One narrative section: an optional title override, the text, the version loaded."""

    judul = forms.CharField(
        required=False,
        max_length=200,
        label="Judul (kosongkan untuk judul baku)",
        error_messages={"max_length": "Judul paling panjang %(limit_value)d karakter."},
    )
    teks = forms.CharField(
        required=False,
        strip=False,
        max_length=BATAS_TEKS_NARASI,
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Teks",
        error_messages={
            "max_length": "Teks paling panjang %(limit_value)d karakter; bagilah menjadi "
            "beberapa bagian."
        },
    )
    versi = forms.IntegerField(
        min_value=0,
        max_value=BATAS_BILANGAN,
        widget=forms.HiddenInput,
        error_messages={
            "required": "Versi narasi tidak terkirim; muat ulang halaman lalu simpan lagi.",
            "invalid": "Versi narasi tidak sah; muat ulang halaman lalu simpan lagi.",
        },
    )


class _BarisForm(forms.Form):
    """A row of a BAB I table; a row left completely empty is dropped."""

    wajib = ("uraian",)

    def kosong(self) -> bool:
        d = getattr(self, "cleaned_data", {}) or {}
        return not any(v not in (None, "", 0) for v in d.values())

    def clean(self):
        d = super().clean()
        if self.errors or self.kosong():
            return d
        for nama in self.wajib:
            if not d.get(nama):
                self.add_error(nama, PESAN_URAIAN_WAJIB)
        return d


def _bilangan(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=0,
        max_value=BATAS_BILANGAN,
        label=label,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        error_messages={
            "invalid": f"{label} diisi dengan bilangan bulat.",
            "min_value": f"{label} tidak boleh negatif.",
            "max_value": f"{label} terlalu besar.",
        },
    )


def _teks(label: str, panjang: int) -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=panjang,
        label=label,
        error_messages={"max_length": f"{label} paling panjang %(limit_value)d karakter."},
    )


class BarisSDMForm(_BarisForm):
    kelompok = _teks("Kelompok", 50)
    uraian = _teks("Uraian", 200)
    pns = _bilangan("PNS")
    non_pns = _bilangan("Non-PNS")
    kebutuhan = _bilangan("Kebutuhan (ABK)")

    def baris(self) -> dict:
        d = self.cleaned_data
        return {
            "kelompok": d["kelompok"],
            "uraian": d["uraian"],
            "pns": d["pns"] or 0,
            "non_pns": d["non_pns"] or 0,
            "kebutuhan": d["kebutuhan"],
        }


class BarisSarprasForm(_BarisForm):
    uraian = _teks("Uraian", 200)
    jumlah = _bilangan("Jumlah")
    satuan = _teks("Satuan", 50)
    kondisi = _teks("Kondisi", 100)
    kebutuhan = _bilangan("Kebutuhan (standar)")

    def baris(self) -> dict:
        d = self.cleaned_data
        return {
            "uraian": d["uraian"],
            "jumlah": d["jumlah"] or 0,
            "satuan": d["satuan"],
            "kondisi": d["kondisi"],
            "kebutuhan": d["kebutuhan"],
        }


SDMFormSet = forms.formset_factory(BarisSDMForm, extra=3, max_num=200, absolute_max=200)
SarprasFormSet = forms.formset_factory(BarisSarprasForm, extra=3, max_num=200, absolute_max=200)


class VersiTabelForm(forms.Form):
    versi = forms.CharField(max_length=64, widget=forms.HiddenInput, required=False)


class PenandatangananForm(forms.Form):
    tempat = _teks("Tempat", 100)
    tanggal = forms.DateField(
        required=False,
        label="Tanggal",
        widget=forms.DateInput(
            format="%d-%m-%Y", attrs={"placeholder": "14-04-2025", "inputmode": "numeric"}
        ),
        input_formats=["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"],
        error_messages={
            "invalid": "Tanggal tidak sah; tulis tanggal-bulan-tahun seperti 14-04-2025."
        },
    )


class KomentarForm(forms.Form):
    komentar = forms.CharField(
        max_length=4000,
        label="Komentar untuk operator",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Komentar wajib diisi saat mengembalikan: tuliskan apa yang harus "
            "diperbaiki operator.",
            "max_length": "Komentar paling panjang %(limit_value)d karakter.",
        },
    )


class PenjelasanTemuanForm(forms.Form):
    """The operator's explanation of a consistency finding (empty removes it)."""

    kunci = forms.CharField(
        max_length=300,
        widget=forms.HiddenInput,
        error_messages={"required": "Temuan tidak dikenal; muat ulang halaman."},
    )
    teks = forms.CharField(
        required=False,
        max_length=4000,
        label="Penjelasan",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Penjelasan paling panjang %(limit_value)d karakter."},
    )


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        max_length=4000,
        label="Alasan pembukaan kembali",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Alasan wajib diisi: mengapa LKjIP yang sudah ditetapkan dibuka kembali.",
            "max_length": "Alasan paling panjang %(limit_value)d karakter.",
        },
    )
    # The approved quarters to reopen with the LKjIP, for a correction of realisasi.
    triwulan = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        label="Buka juga triwulan yang sudah disetujui (untuk koreksi realisasi)",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Triwulan %(value)s tidak berstatus disetujui."},
    )

    # Default: the reopened year keeps the rules it was signed with.
    hitung_ulang = forms.BooleanField(
        required=False, label="Hitung ulang tahun ini dengan aturan pemda yang berlaku sekarang"
    )

    def __init__(self, *args, triwulan_disetujui: Iterable[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["triwulan"].choices = [
            (q, f"Triwulan {('I', 'II', 'III', 'IV')[q - 1]}") for q in sorted(triwulan_disetujui)
        ]


class KodeForm(forms.Form):
    """The code printed on every page, or the verification address it comes from."""

    kode = forms.CharField(
        max_length=500,
        label="Kode verifikasi",
        error_messages={"required": "Tempelkan kode verifikasi yang tercetak pada LKjIP."},
    )

    def clean_kode(self) -> str:
        teks = "".join(self.cleaned_data["kode"].split()).lower()
        cocok = POLA_KODE.search(teks)
        if not cocok or len(teks) < 64:
            raise forms.ValidationError(PESAN_KODE, code="kode")
        return cocok.group(0)


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas PDF yang akan diperiksa",
        error_messages={
            "required": "Pilih berkas PDF yang akan diperiksa.",
            "empty": "Berkas kosong; pilih berkas PDF LKjIP.",
            "invalid": "Kirim berkas lewat formulir unggah.",
        },
    )


class CetakKabupatenForm(forms.Form):
    """The year whose LKjIP of every perangkat daerah is printed as one zip."""

    tahun = forms.TypedChoiceField(
        label="Tahun",
        coerce=int,
        error_messages={
            "required": "Pilih tahun LKjIP yang dicetak.",
            "invalid_choice": "Pilih salah satu tahun yang tersedia.",
        },
    )

    def __init__(self, *args, tahun: Iterable[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(t, str(t)) for t in tahun]
