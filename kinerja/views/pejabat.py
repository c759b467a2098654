"""The officials of a year: of a perangkat daerah (its operator or the admin pemda keep
them; kepala and evaluator read) and of the pemda (its admin pemda keeps them).

Writes go through kinerja.services.pejabat.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.access import (
    boleh_kelola_pemda,
    boleh_ubah_data,
    get_manageable_pemda_for_user,
    get_perangkat_daerah_for_user,
)
from kinerja.forms.errors import add_service_errors
from kinerja.models import Pejabat, PerangkatDaerah, StatusPejabat, validate_nip
from kinerja.penandatangan import jabatan_kepala_daerah
from kinerja.services.kunci import tahun_terkunci
from kinerja.services.pejabat import (
    KOLOM,
    pejabat_hapus,
    pejabat_salin_tahun,
    pejabat_simpan,
    pejabat_tahun,
    versi_pejabat,
)
from kinerja.tables import tabel_pejabat
from lib.rows import Table

PESAN_BUKAN_PENGELOLA = (
    "Pejabat perangkat daerah diisi oleh operator perangkat daerah atau admin pemda."
)


class PejabatForm(forms.Form):
    jabatan = forms.CharField(label="Jabatan", max_length=200)
    status = forms.ChoiceField(
        label="Status", choices=StatusPejabat.choices, initial=StatusPejabat.DEFINITIF
    )
    kepala = forms.BooleanField(label="Kepala", required=False)
    gelar_depan = forms.CharField(label="Gelar depan", max_length=50, required=False)
    nama = forms.CharField(label="Nama (tanpa gelar)", max_length=200)
    gelar_belakang = forms.CharField(label="Gelar belakang", max_length=100, required=False)
    pangkat = forms.CharField(label="Pangkat", max_length=100, required=False)
    golongan = forms.CharField(label="Golongan", max_length=20, required=False)
    nip = forms.CharField(
        label="NIP",
        max_length=25,
        required=False,
        validators=[validate_nip],
        help_text="18 angka; spasi boleh, mis. 19680314 199403 1 007.",
    )
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=999, initial=0)
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, label_kepala: str = "Kepala", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepala"].label = label_kepala


def _awal(p: Pejabat) -> dict:
    return {
        **{k: getattr(p, k) for k in KOLOM},
        "versi": versi_pejabat(p),
    }


def _tabel(ctx: dict, url_ubah) -> Table:
    """The page's list of officials; "Ubah" links while the year may change."""
    boleh = ctx["boleh_ubah"] and not ctx["terkunci"]
    return tabel_pejabat(ctx["daftar"], tahun=ctx["tahun"], url_ubah=url_ubah if boleh else None)


# --------------------------------------------------------------------------- perangkat daerah


def _pd(request: HttpRequest, kode: str, *, tulis: bool) -> tuple[PerangkatDaerah, bool]:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    boleh = boleh_ubah_data(request.user, pd) or boleh_kelola_pemda(request.user, pd.pemda)
    if tulis and not boleh:
        raise PermissionDenied(PESAN_BUKAN_PENGELOLA)
    return pd, boleh


def _pejabat_pd(pd: PerangkatDaerah, tahun: int, pk: int) -> Pejabat:
    p = Pejabat.objects.filter(pk=pk, perangkat_daerah=pd, tahun=tahun).first()
    if p is None:
        raise Http404("Pejabat tidak ditemukan.")
    return p


def _ctx_pd(pd: PerangkatDaerah, tahun: int, boleh: bool) -> dict:
    return {
        "page": "pejabat-pd",
        "nav_perencanaan": "pejabat-pd",
        "pd": pd,
        "tahun": tahun,
        "boleh_ubah": boleh,
        "terkunci": tahun_terkunci(pd, tahun),
        "label_kepala": "Kepala perangkat daerah (penanda tangan PK dan LKjIP)",
    }


@require_http_methods(["GET", "POST"])
def pejabat_pd(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, boleh = _pd(request, kode, tulis=request.method == "POST")
    ctx = _ctx_pd(pd, tahun, boleh)
    form = PejabatForm(
        request.POST if request.method == "POST" else None, label_kepala=ctx["label_kepala"]
    )
    if request.method == "POST" and form.is_valid():
        try:
            p = pejabat_simpan(
                pemda=pd.pemda, pd=pd, tahun=tahun, data=form.cleaned_data, pengguna=request.user
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request, f"{p.jabatan_lengkap} tahun {tahun}: {p.nama_lengkap} ditambahkan."
            )
            return redirect("pejabat-pd", kode=pd.kode, tahun=tahun)
    daftar = list(pejabat_tahun(pemda=pd.pemda, pd=pd, tahun=tahun))
    ctx.update(
        {
            "daftar": daftar,
            "form": form,
            "judul": f"Pejabat {pd.nama} tahun {tahun}",
            "salin_dari": (
                tahun - 1
                if not daftar
                and Pejabat.objects.filter(perangkat_daerah=pd, tahun=tahun - 1).exists()
                else None
            ),
        }
    )
    ctx["tabel"] = _tabel(ctx, lambda p: reverse("pejabat-pd-ubah", args=[pd.kode, tahun, p.pk]))
    return render(request, "kinerja/pejabat/daftar.html", ctx)


@require_http_methods(["GET", "POST"])
def pejabat_pd_ubah(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd, _ = _pd(request, kode, tulis=True)
    p = _pejabat_pd(pd, tahun, pk)
    ctx = _ctx_pd(pd, tahun, True)
    if request.method == "POST":
        form = PejabatForm(request.POST, label_kepala=ctx["label_kepala"])
        if form.is_valid():
            try:
                hasil = pejabat_simpan(
                    pemda=pd.pemda,
                    pd=pd,
                    tahun=tahun,
                    data=form.cleaned_data,
                    pengguna=request.user,
                    pejabat=p,
                    versi_asal=form.cleaned_data["versi"],
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                if hasil is None:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                else:
                    messages.success(request, f"Data {hasil.nama_lengkap} disimpan.")
                return redirect("pejabat-pd", kode=pd.kode, tahun=tahun)
    else:
        form = PejabatForm(initial=_awal(p), label_kepala=ctx["label_kepala"])
    ctx.update(
        {
            "pejabat": p,
            "form": form,
            "judul": f"Ubah pejabat {pd.nama} tahun {tahun}",
            "kembali": reverse("pejabat-pd", kwargs={"kode": pd.kode, "tahun": tahun}),
            "hapus": reverse(
                "pejabat-pd-hapus", kwargs={"kode": pd.kode, "tahun": tahun, "pk": p.pk}
            ),
        }
    )
    return render(request, "kinerja/pejabat/ubah.html", ctx)


@require_POST
def pejabat_pd_hapus(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd, _ = _pd(request, kode, tulis=True)
    p = _pejabat_pd(pd, tahun, pk)
    try:
        pejabat_hapus(pejabat=p, pengguna=request.user)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(
            request, f"{p.jabatan_lengkap} {p.nama_lengkap} dihapus dari tahun {tahun}."
        )
    return redirect("pejabat-pd", kode=pd.kode, tahun=tahun)


class SalinForm(forms.Form):
    dari = forms.IntegerField(min_value=2000, max_value=2100)


@require_POST
def pejabat_pd_salin(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, _ = _pd(request, kode, tulis=True)
    form = SalinForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tahun asal pejabat tidak terbaca; muat ulang halaman.")
        return redirect("pejabat-pd", kode=pd.kode, tahun=tahun)
    dari = form.cleaned_data["dari"]
    try:
        jumlah = pejabat_salin_tahun(pd=pd, dari=dari, ke=tahun, pengguna=request.user)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        if jumlah:
            messages.success(request, f"{jumlah} pejabat tahun {dari} disalin ke tahun {tahun}.")
        else:
            messages.info(request, f"Tidak ada pejabat tahun {dari} yang perlu disalin.")
    return redirect("pejabat-pd", kode=pd.kode, tahun=tahun)


# --------------------------------------------------------------------------- pemda


def _tahun_query(request: HttpRequest) -> int:
    teks = request.GET.get("tahun", "") or request.POST.get("tahun", "")
    if teks.isdigit() and len(teks) == 4:
        return int(teks)
    return timezone.localdate().year


def _ctx_pemda(pemda, tahun: int) -> dict:
    return {
        "page": "pemda-pejabat",
        "nav_pemda": "pemda-pejabat",
        "pemda": pemda,
        "tahun": tahun,
        "boleh_ubah": True,
        "terkunci": False,
        "label_kepala": f"Kepala daerah ({jabatan_kepala_daerah(pemda)}, pihak kedua PK)",
    }


def _pejabat_pemda(pemda, pk: int) -> Pejabat:
    p = Pejabat.objects.filter(
        pk=pk, pemda=pemda, perangkat_daerah=None, tahun__isnull=False
    ).first()
    if p is None:
        raise Http404("Pejabat tidak ditemukan.")
    return p


@require_http_methods(["GET", "POST"])
def pejabat_pemda(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    tahun = _tahun_query(request)
    ctx = _ctx_pemda(pemda, tahun)
    form = PejabatForm(
        request.POST if request.method == "POST" else None, label_kepala=ctx["label_kepala"]
    )
    if request.method == "POST" and form.is_valid():
        try:
            p = pejabat_simpan(
                pemda=pemda, pd=None, tahun=tahun, data=form.cleaned_data, pengguna=request.user
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request, f"{p.jabatan_lengkap} tahun {tahun}: {p.nama_lengkap} ditambahkan."
            )
            return redirect(
                f"{reverse('pemda-pejabat', kwargs={'kode': pemda.kode})}?tahun={tahun}"
            )
    ctx.update(
        {
            "daftar": list(pejabat_tahun(pemda=pemda, pd=None, tahun=tahun)),
            "form": form,
            "judul": f"Pejabat {pemda.nama} tahun {tahun}",
        }
    )
    ctx["tabel"] = _tabel(ctx, lambda p: reverse("pemda-pejabat-ubah", args=[pemda.kode, p.pk]))
    return render(request, "kinerja/pejabat/daftar.html", ctx)


@require_http_methods(["GET", "POST"])
def pejabat_pemda_ubah(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    p = _pejabat_pemda(pemda, pk)
    ctx = _ctx_pemda(pemda, p.tahun)
    kembali = f"{reverse('pemda-pejabat', kwargs={'kode': pemda.kode})}?tahun={p.tahun}"
    if request.method == "POST":
        form = PejabatForm(request.POST, label_kepala=ctx["label_kepala"])
        if form.is_valid():
            try:
                hasil = pejabat_simpan(
                    pemda=pemda,
                    pd=None,
                    tahun=p.tahun,
                    data=form.cleaned_data,
                    pengguna=request.user,
                    pejabat=p,
                    versi_asal=form.cleaned_data["versi"],
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                if hasil is None:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                else:
                    messages.success(request, f"Data {hasil.nama_lengkap} disimpan.")
                return redirect(kembali)
    else:
        form = PejabatForm(initial=_awal(p), label_kepala=ctx["label_kepala"])
    ctx.update(
        {
            "pejabat": p,
            "form": form,
            "judul": f"Ubah pejabat {pemda.nama} tahun {p.tahun}",
            "kembali": kembali,
            "hapus": reverse("pemda-pejabat-hapus", kwargs={"kode": pemda.kode, "pk": p.pk}),
        }
    )
    return render(request, "kinerja/pejabat/ubah.html", ctx)


@require_POST
def pejabat_pemda_hapus(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    p = _pejabat_pemda(pemda, pk)
    tahun = p.tahun
    pejabat_hapus(pejabat=p, pengguna=request.user)
    messages.success(request, f"{p.jabatan_lengkap} {p.nama_lengkap} dihapus dari tahun {tahun}.")
    return redirect(f"{reverse('pemda-pejabat', kwargs={'kode': pemda.kode})}?tahun={tahun}")
