"""Entry screens for the SKM of each period and the comparison values of the indicators."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.access import (
    get_editable_perangkat_daerah_for_user,
    get_perangkat_daerah_for_user,
)
from kinerja.engine.angka import NilaiTidakValid
from kinerja.engine.ikm import UNSUR_SKM, ikm_dari_unsur
from kinerja.forms import NilaiField
from kinerja.models import HasilSKM, NilaiPembanding, PerangkatDaerah, Renstra
from kinerja.services.kunci import tahun_terkunci
from kinerja.services.skm import (
    TINGKAT_PEMBANDING,
    IsianPembanding,
    daftar_skm,
    hasil_skm_hapus,
    hasil_skm_simpan,
    ikm_hasil,
    indikator_tahun,
    pembanding_simpan,
    versi_pembanding,
    versi_skm,
)
from kinerja.tables import tabel_pembanding_lain, tabel_skm
from lib.format import format_angka_alami

NAMA_TINGKAT = dict(NilaiPembanding.TINGKAT_CHOICES)


def _tahun_ada(pd: PerangkatDaerah, tahun: int) -> None:
    if not Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun):
        raise Http404(f"Tidak ada Renstra yang mencakup tahun {tahun}.")


# --------------------------------------------------------------------------- SKM


class NrrField(NilaiField):
    """The NRR of an unsur: a plain number from 1 to 4, e.g. "3,47"."""

    def to_python(self, value):
        nilai = super().to_python(value)
        if nilai is None:
            return None
        if nilai.label:
            raise forms.ValidationError("Tulis NRR sebagai angka saja, misalnya 3,47.")
        if not 1 <= nilai.angka <= 4:
            raise forms.ValidationError(
                f"NRR harus antara 1 dan 4 (skala jawaban SKM), tertulis "
                f"{format_angka_alami(nilai.angka)}."
            )
        return nilai.angka


class HasilSKMForm(forms.Form):
    periode = forms.CharField(
        max_length=50,
        label="Periode",
        widget=forms.TextInput(attrs={"placeholder": "Triwulan IV 2024"}),
        error_messages={
            "required": "Isi periode survei, misalnya “Triwulan IV 2024”.",
            "max_length": "Periode paling panjang %(limit_value)d karakter.",
        },
    )
    responden = forms.IntegerField(
        min_value=1,
        max_value=1_000_000,
        label="Jumlah responden",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        error_messages={
            "required": "Isi jumlah responden.",
            "invalid": "Jumlah responden diisi dengan bilangan bulat.",
            "min_value": "Jumlah responden paling sedikit 1.",
            "max_value": "Jumlah responden terlalu besar.",
        },
    )
    versi = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    indikator = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Indikator yang diukur dengan SKM ini",
        empty_label="(tidak dikaitkan)",
        error_messages={"invalid_choice": "Pilih indikator dari daftar."},
    )

    def __init__(self, *args, pd: PerangkatDaerah, tahun: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = indikator_tahun(pd, tahun)
        self.fields["indikator"].label_from_instance = lambda i: f"{i.kode} {i.nama}"
        for kode, nama in UNSUR_SKM:
            self.fields[kode] = NrrField(
                label=f"{kode} {nama}",
                error_messages={"required": f"Isi NRR unsur {kode} ({nama})."},
            )

    def unsur(self) -> list:
        return [self[kode] for kode, _ in UNSUR_SKM]

    def nrr(self) -> dict:
        return {kode: self.cleaned_data[kode] for kode, _ in UNSUR_SKM}

    def ikm(self):
        """The IKM of what was typed, when all nine NRR are valid (shown next to a refused save)."""
        d = getattr(self, "cleaned_data", {})
        try:
            return ikm_dari_unsur({kode: d[kode] for kode, _ in UNSUR_SKM})
        except (KeyError, NilaiTidakValid):
            return None


def _awal_skm(hasil: HasilSKM) -> dict:
    awal = {
        "periode": hasil.periode,
        "responden": hasil.responden,
        "indikator": hasil.indikator_id,
        "versi": versi_skm(hasil),
    }
    for u in hasil.unsur.all():
        awal[u.unsur] = format_angka_alami(u.nrr)
    return awal


def _simpan_skm(request, pd, tahun, form: HasilSKMForm, hasil: HasilSKM | None) -> bool:
    if not form.is_valid():
        return False
    cd = form.cleaned_data
    try:
        hasil_skm_simpan(
            pd=pd,
            tahun=tahun,
            hasil=hasil,
            periode=cd["periode"],
            responden=cd["responden"],
            indikator=cd["indikator"],
            nrr=form.nrr(),
            pengguna=request.user,
            versi=cd["versi"] or None,
        )
    except ValidationError as e:
        if hasattr(e, "error_dict"):
            for kunci, daftar in e.message_dict.items():
                for pesan in daftar:
                    form.add_error(kunci if kunci in form.fields else None, pesan)
        else:
            for pesan in e.messages:
                form.add_error(None, pesan)
        return False
    messages.success(request, f"SKM periode {cd['periode'].strip()} tersimpan.")
    return True


def _konteks_skm(pd, tahun, rw) -> dict:
    baris = [(h, ikm_hasil(h)) for h in daftar_skm(pd, tahun)]
    terkunci = tahun_terkunci(pd, tahun)

    def url_ubah(h) -> str:
        return reverse("skm-ubah", kwargs={"kode": pd.kode, "tahun": tahun, "pk": h.pk})

    return {
        "page": "skm",
        "pd": pd,
        "tahun": tahun,
        "rw": rw,
        "terkunci": terkunci,
        "baris": baris,
        "unsur": UNSUR_SKM,
        "tabel": tabel_skm(baris, UNSUR_SKM, url_ubah=url_ubah if rw and not terkunci else None),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def skm_daftar(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The SKM of the year with their IKM and mutu; the operator adds a period."""
    if request.method == "POST":
        pd = get_editable_perangkat_daerah_for_user(request.user, kode)
        rw = True
    else:
        pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    _tahun_ada(pd, tahun)
    form = None
    status = 200
    if request.method == "POST":
        form = HasilSKMForm(request.POST, pd=pd, tahun=tahun)
        if _simpan_skm(request, pd, tahun, form, None):
            return redirect("skm-daftar", kode=pd.kode, tahun=tahun)
        status = 400
    ctx = _konteks_skm(pd, tahun, rw)
    if form is None and rw and not ctx["terkunci"]:
        form = HasilSKMForm(pd=pd, tahun=tahun)
    ctx["form"] = form
    return render(request, "kinerja/skm/daftar.html", ctx, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def skm_ubah(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    hasil = get_object_or_404(HasilSKM, pk=pk, perangkat_daerah=pd, tahun=tahun)
    status = 200
    if request.method == "POST":
        form = HasilSKMForm(request.POST, pd=pd, tahun=tahun)
        if _simpan_skm(request, pd, tahun, form, hasil):
            return redirect("skm-daftar", kode=pd.kode, tahun=tahun)
        status = 400
    else:
        form = HasilSKMForm(initial=_awal_skm(hasil), pd=pd, tahun=tahun)
    ctx = {
        "page": "skm",
        "pd": pd,
        "tahun": tahun,
        "hasil": hasil,
        "ikm": ikm_hasil(hasil),
        "form": form,
        "terkunci": tahun_terkunci(pd, tahun),
    }
    return render(request, "kinerja/skm/ubah.html", ctx, status=status)


@require_POST
def skm_hapus(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    hasil = get_object_or_404(HasilSKM, pk=pk, perangkat_daerah=pd, tahun=tahun)
    try:
        hasil_skm_hapus(pd=pd, hasil=hasil, pengguna=request.user)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(request, f"SKM periode {hasil.periode} dihapus.")
    return redirect("skm-daftar", kode=pd.kode, tahun=tahun)


# --------------------------------------------------------------------------- comparison values


def _kunci(indikator_id: int, tingkat: str) -> tuple[str, str]:
    return f"nilai_{indikator_id}_{tingkat}", f"sumber_{indikator_id}_{tingkat}"


class PembandingForm(forms.Form):
    """A value and a source for each indicator × kabupaten/provinsi/nasional."""

    versi = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, indikator: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        for ind in indikator:
            for tingkat in TINGKAT_PEMBANDING:
                kn, ks = _kunci(ind.pk, tingkat)
                self.fields[kn] = NilaiField(
                    required=False, label=f"{ind.kode} {NAMA_TINGKAT[tingkat]}"
                )
                self.fields[ks] = forms.CharField(
                    required=False,
                    max_length=300,
                    widget=forms.TextInput(attrs={"size": 40}),
                    label=f"Sumber {ind.kode} {NAMA_TINGKAT[tingkat]}",
                    error_messages={
                        "max_length": "Sumber paling panjang %(limit_value)d karakter."
                    },
                )

    def baris(self) -> list[tuple]:
        """(indikator, [(tingkat name, value field, source field), …]) for the template."""
        return [
            (
                ind,
                [
                    (NAMA_TINGKAT[t], self[_kunci(ind.pk, t)[0]], self[_kunci(ind.pk, t)[1]])
                    for t in TINGKAT_PEMBANDING
                ],
            )
            for ind in self.indikator
        ]

    def isian(self) -> list[IsianPembanding]:
        d = self.cleaned_data
        return [
            IsianPembanding(
                indikator_id=ind.pk,
                tingkat=t,
                nilai=d[_kunci(ind.pk, t)[0]],
                sumber=d[_kunci(ind.pk, t)[1]],
            )
            for ind in self.indikator
            for t in TINGKAT_PEMBANDING
        ]


def _awal_pembanding(indikator: list, tahun: int) -> tuple[dict, list]:
    """Initial values of the form, and the imported rows it does not edit ("lainnya" and
    second rows of a level), shown read-only."""
    awal, lain, dipakai = {}, [], set()
    for row in (
        NilaiPembanding.objects.filter(indikator__in=indikator, tahun=tahun)
        .select_related("indikator")
        .order_by("indikator__urutan", "urutan", "pk")
    ):
        kunci = (row.indikator_id, row.tingkat)
        if row.tingkat in TINGKAT_PEMBANDING and kunci not in dipakai:
            dipakai.add(kunci)
            kn, ks = _kunci(*kunci)
            awal[kn] = row.nilai_label or format_angka_alami(row.nilai)
            awal[ks] = row.sumber
        else:
            lain.append(row)
    return awal, lain


@require_http_methods(["GET", "HEAD", "POST"])
def pembanding(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    if request.method == "POST":
        pd = get_editable_perangkat_daerah_for_user(request.user, kode)
        rw = True
    else:
        pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    _tahun_ada(pd, tahun)
    indikator = list(indikator_tahun(pd, tahun))
    awal, lain = _awal_pembanding(indikator, tahun)
    terkunci = tahun_terkunci(pd, tahun)
    status = 200
    if request.method == "POST":
        form = PembandingForm(request.POST, indikator=indikator)
        if form.is_valid():
            try:
                n = pembanding_simpan(
                    pd=pd,
                    tahun=tahun,
                    isian=form.isian(),
                    pengguna=request.user,
                    versi=form.cleaned_data["versi"] or None,
                )
            except ValidationError as e:
                for pesan in e.messages:
                    form.add_error(None, pesan)
            else:
                if n:
                    messages.success(request, f"Nilai pembanding tersimpan ({n} nilai berubah).")
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("pembanding", kode=pd.kode, tahun=tahun)
        status = 400
    else:
        awal["versi"] = versi_pembanding(pd, tahun)
        form = PembandingForm(initial=awal, indikator=indikator)
    ctx = {
        "page": "pembanding",
        "pd": pd,
        "tahun": tahun,
        "rw": rw and not terkunci,
        "terkunci": terkunci,
        "form": form,
        "lain": lain,
        "tabel_lain": tabel_pembanding_lain(lain),
        "nama_tingkat": NAMA_TINGKAT,
    }
    return render(request, "kinerja/skm/pembanding.html", ctx, status=status)
