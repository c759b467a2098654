"""Forms of the quarterly realisasi: one row of the grid, the review of a quarter,
its reopening and an evidence file.

A row's form computes the row's capaian with the engine while it cleans
(``kinerja.services.realisasi.hitung_baris``), so the live preview, the form
check and the submission check agree.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms

from kinerja.engine.angka import Nilai
from kinerja.engine.realisasi import Rasio
from kinerja.forms.fields import NilaiField
from kinerja.services.realisasi import (
    BarisGrid,
    BarisRealisasi,
    GridTriwulan,
    HasilBaris,
    hitung_baris,
    romawi,
)

__all__ = [
    "BarisForm",
    "BukaKembaliForm",
    "BuktiForm",
    "KembalikanForm",
    "NilaiBarisForm",
    "TinjauForm",
    "awal_baris",
    "form_grid",
]

PESAN_TIDAK_NEGATIF = "Nilai ini tidak boleh negatif."
PESAN_ANGKA_SAJA = "Isi dengan angka saja, tanpa huruf."
PESAN_RASIO_LENGKAP = "Isi pembilang dan penyebut keduanya, atau kosongkan keduanya."
PESAN_PENYEBUT_NOL = "Penyebut harus lebih dari 0."


class NilaiBarisForm(forms.Form):
    """The value of one indicator in one quarter: a number/graded value, or a ratio."""

    nilai = NilaiField(required=False, label="Realisasi")
    pembilang = NilaiField(required=False, label="Pembilang")
    penyebut = NilaiField(required=False, label="Penyebut")

    def __init__(self, *args, baris: BarisGrid, grid: GridTriwulan, **kwargs):
        self.baris, self.grid = baris, grid
        self.hasil: HasilBaris | None = None
        super().__init__(*args, **kwargs)

    def _bagian_rasio(self, nama: str) -> Decimal | None:
        nilai = self.cleaned_data[nama]
        if nilai is None:
            return None
        if nilai.label is not None:
            raise forms.ValidationError(PESAN_ANGKA_SAJA, code="angka")
        if nilai.angka < 0:
            raise forms.ValidationError(PESAN_TIDAK_NEGATIF, code="negatif")
        return nilai.angka

    def clean_pembilang(self) -> Decimal | None:
        return self._bagian_rasio("pembilang")

    def clean_penyebut(self) -> Decimal | None:
        return self._bagian_rasio("penyebut")

    def nilai_triwulan(self) -> Decimal | Rasio | None:
        """The value as the engine takes it."""
        d = self.cleaned_data
        if self.baris.rasio:
            if d.get("pembilang") is None:
                return None
            return Rasio(d["pembilang"], d["penyebut"])
        return d["nilai"].angka if d.get("nilai") else None

    def clean(self):
        d = super().clean()
        if self.errors:
            return d
        if self.baris.rasio:
            ada = [d.get("pembilang") is not None, d.get("penyebut") is not None]
            if any(ada) and not all(ada):
                self.add_error("penyebut" if ada[0] else "pembilang", PESAN_RASIO_LENGKAP)
                return d
            if all(ada) and d["penyebut"] == 0:
                self.add_error("penyebut", PESAN_PENYEBUT_NOL)
                return d
            d["nilai"] = None
        else:
            d["pembilang"] = d["penyebut"] = None
        self.hasil = hitung_baris(
            self.baris, self.grid.aturan, self.grid.triwulan, self.nilai_triwulan()
        )
        if self.hasil.error:
            self.add_error("pembilang" if self.baris.rasio else "nilai", self.hasil.error)
        return d


class BarisForm(NilaiBarisForm):
    """One row of the grid: the value, its note and the version it was loaded with."""

    catatan = forms.CharField(
        required=False, max_length=2000, label="Catatan", widget=forms.Textarea(attrs={"rows": 2})
    )
    versi = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kode = self.baris.indikator.kode
        tw = romawi(self.grid.triwulan)
        for nama, label, kolom in (
            ("nilai", f"Realisasi {kode} triwulan {tw}", "realisasi"),
            ("pembilang", f"Pembilang realisasi {kode} triwulan {tw}", "realisasi"),
            ("penyebut", f"Penyebut realisasi {kode} triwulan {tw}", "realisasi"),
            ("catatan", f"Catatan {kode} triwulan {tw}", "catatan"),
        ):
            self.fields[nama].widget.attrs.update(
                {
                    "aria-label": label,
                    "data-kolom": kolom,
                    "data-nama": nama,
                    "autocomplete": "off",
                    "spellcheck": "false" if kolom == "realisasi" else "true",
                }
            )

    def clean_catatan(self) -> str:
        return self.cleaned_data["catatan"].strip()

    def clean(self):
        d = super().clean()
        hasil = self.hasil
        if hasil and hasil.perlu_catatan and not d.get("catatan") and self.has_changed():
            self.add_error("catatan", hasil.pesan_catatan(self.grid.aturan))
        return d

    def baris_realisasi(self) -> BarisRealisasi:
        d = self.cleaned_data
        return BarisRealisasi(
            indikator_id=self.baris.indikator.pk,
            nilai=d.get("nilai"),
            pembilang=d.get("pembilang"),
            penyebut=d.get("penyebut"),
            catatan=d.get("catatan") or "",
            versi=d.get("versi") or 0,
        )


def awal_baris(baris: BarisGrid) -> dict:
    """The initial values of a row's form: what is stored, and the version it has."""
    r = baris.realisasi
    if r is None:
        return {"versi": 0}
    return {
        "nilai": Nilai(r.nilai, r.label or None) if r.nilai is not None else None,
        "pembilang": r.pembilang.normalize() if r.pembilang is not None else None,
        "penyebut": r.penyebut.normalize() if r.penyebut is not None else None,
        "catatan": r.catatan,
        "versi": r.versi,
    }


def form_grid(grid: GridTriwulan, data=None) -> dict[int, BarisForm]:
    """One form per row. A row whose hidden version is missing from ``data`` was not
    submitted (a partial or truncated post) and stays unbound: it is neither
    validated nor saved, so it can never be cleared by accident."""
    hasil = {}
    for b in grid.baris:
        prefix = f"r{b.indikator.pk}"
        dikirim = data is not None and f"{prefix}-versi" in data
        hasil[b.indikator.pk] = BarisForm(
            data if dikirim else None, baris=b, grid=grid, prefix=prefix, initial=awal_baris(b)
        )
    return hasil


class TinjauForm(forms.Form):
    komentar = forms.CharField(
        required=False,
        max_length=4000,
        label="Komentar untuk operator",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Set by the confirmation step: approve although the quarter lacks something.
    konfirmasi = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_komentar(self) -> str:
        return self.cleaned_data["komentar"].strip()


class KembalikanForm(TinjauForm):
    def clean_komentar(self) -> str:
        komentar = super().clean_komentar()
        if not komentar:
            raise forms.ValidationError(
                "Komentar wajib diisi saat mengembalikan: tuliskan apa yang harus diperbaiki "
                "operator.",
                code="wajib",
            )
        return komentar


class BukaKembaliForm(forms.Form):
    alasan = forms.CharField(
        max_length=4000,
        label="Alasan pembukaan kembali",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Alasan wajib diisi: tuliskan apa yang perlu dikoreksi operator.",
            "max_length": "Alasan paling panjang %(limit_value)d karakter.",
        },
    )

    def clean_alasan(self) -> str:
        alasan = self.cleaned_data["alasan"].strip()
        if not alasan:
            raise forms.ValidationError(self.fields["alasan"].error_messages["required"])
        return alasan


class BuktiForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas bukti dukung",
        error_messages={
            "required": "Pilih berkas bukti dukung terlebih dahulu.",
            "empty": "Berkas kosong; pilih berkas yang berisi bukti dukung.",
            "invalid": "Kirim berkas bukti dukung lewat formulir unggah.",
        },
    )
