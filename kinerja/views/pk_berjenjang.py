"""Creating and editing the cascaded PKs (sekretaris, kasubag, kasi) of a year.

The operator of the perangkat daerah writes; everybody else who sees it reads the
list page (kinerja.views.perencanaan.pk_berjenjang). Writes go through
kinerja.services.pk_berjenjang.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.access import get_editable_perangkat_daerah_for_user
from kinerja.engine.angka import Nilai
from kinerja.forms import TargetField, UangField
from kinerja.forms.errors import add_service_errors
from kinerja.models import Indikator, Pejabat, PerangkatDaerah, PKBerjenjang, TargetTahunan
from kinerja.services import pk_berjenjang as pk_berjenjang_services
from kinerja.services.kunci import tahun_terkunci
from kinerja.services.perencanaan.common import teks_nilai
from kinerja.services.pk_berjenjang import (
    IsianSasaran,
    kode_anggaran_sah,
    pk_berjenjang_buat,
    versi_pk_berjenjang,
)

BARIS_KOSONG = 3


def _pilihan_pejabat(pd: PerangkatDaerah, tahun: int) -> list[tuple[str, str]]:
    daftar = Pejabat.objects.filter(perangkat_daerah=pd, tahun=tahun, kepala=False).order_by(
        "urutan", "pk"
    )
    return [("", "— pilih pejabat —")] + [
        (str(p.pk), f"{p.jabatan_lengkap} — {p.nama_lengkap}") for p in daftar
    ]


def _pejabat_terpilih(pd: PerangkatDaerah, tahun: int, pk: str) -> Pejabat | None:
    if not pk:
        return None
    return Pejabat.objects.filter(pk=pk, perangkat_daerah=pd, tahun=tahun).first()


class PKBerjenjangForm(forms.Form):
    pejabat = forms.ChoiceField(
        label="Pejabat penanda tangan (pihak pertama)",
        required=False,
        help_text="Dari daftar pejabat tahun ini.",
    )
    jabatan = forms.CharField(
        label="Jabatan",
        max_length=200,
        required=False,
        help_text="Kosongkan untuk memakai jabatan pejabat, mis. Sekretaris Kecamatan.",
    )
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pd: PerangkatDaerah, tahun: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.pd, self.tahun = pd, tahun
        self.fields["pejabat"].choices = _pilihan_pejabat(pd, tahun)

    def clean(self):
        data = super().clean()
        p = _pejabat_terpilih(self.pd, self.tahun, data.get("pejabat") or "")
        data["pejabat_obj"] = p
        if not data.get("jabatan"):
            if p is None:
                raise ValidationError("Pilih pejabat atau tulis jabatannya.")
            data["jabatan"] = p.jabatan
        return data


class SasaranForm(forms.Form):
    uraian = forms.CharField(
        label="Sasaran", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    indikator_pd = forms.ChoiceField(label="Indikator perangkat daerah", required=False)
    indikator = forms.CharField(
        label="Indikator kinerja", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target = TargetField(label="Target", required=False)

    def __init__(self, *args, indikator: dict[str, tuple[str, Nilai | None]], **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator_pd = indikator
        self.fields["indikator_pd"].choices = [("", "— ditulis sendiri —")] + [
            (k, f"{k} {nama}") for k, (nama, _) in indikator.items()
        ]

    def clean(self):
        data = super().clean()
        dipilih = data.get("indikator_pd")
        if dipilih in self.indikator_pd:
            nama, target = self.indikator_pd[dipilih]
            if not data.get("indikator"):
                data["indikator"] = nama
            if data.get("target") is None:
                data["target"] = target
        kosong = not any(data.get(k) for k in ("uraian", "indikator", "target", "indikator_pd"))
        data["kosong"] = kosong
        if not kosong:
            if not data.get("uraian"):
                self.add_error("uraian", "Tulis sasarannya.")
            if not data.get("indikator"):
                self.add_error(
                    "indikator", "Tulis indikatornya atau pilih indikator perangkat daerah."
                )
        return data


class AnggaranForm(forms.Form):
    kode = forms.ChoiceField(label="Program / kegiatan / sub kegiatan", required=False)
    jumlah = UangField(label="Anggaran (Rp)", required=False)

    def __init__(self, *args, kode: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode"].choices = [("", "—")] + [(k, f"{k} {n}") for k, n in kode.items()]

    def clean(self):
        data = super().clean()
        data["kosong"] = not data.get("kode") and data.get("jumlah") is None
        if not data["kosong"]:
            if not data.get("kode"):
                self.add_error("kode", "Pilih kodenya.")
            if data.get("jumlah") is None:
                self.add_error("jumlah", "Tulis anggarannya.")
        return data


SasaranFormSet = forms.formset_factory(SasaranForm, extra=BARIS_KOSONG)
AnggaranFormSet = forms.formset_factory(AnggaranForm, extra=BARIS_KOSONG)


def _indikator_pd(pd: PerangkatDaerah, tahun: int) -> dict[str, tuple[str, Nilai | None]]:
    """The perangkat daerah's indicators of the Renstra of the year, with their target."""
    daftar = list(
        Indikator.objects.filter(
            renstra__perangkat_daerah=pd, renstra__mulai__lte=tahun, renstra__selesai__gte=tahun
        ).order_by("urutan", "kode")
    )
    target = {
        t.indikator_id: t.sebagai_nilai()
        for t in TargetTahunan.objects.filter(indikator__in=daftar, tahun=tahun)
    }
    return {i.kode: (i.nama, target.get(i.pk)) for i in daftar}


def _get_pkb(pd: PerangkatDaerah, tahun: int, pk: int) -> PKBerjenjang:
    pkb = (
        PKBerjenjang.objects.filter(pk=pk, perangkat_daerah=pd, tahun=tahun)
        .select_related("pejabat")
        .first()
    )
    if pkb is None:
        raise Http404("PK berjenjang tidak ditemukan.")
    return pkb


def _url_daftar(pd: PerangkatDaerah, tahun: int, pkb: PKBerjenjang | None = None) -> str:
    url = reverse("perencanaan-pk-berjenjang", kwargs={"kode": pd.kode, "tahun": tahun})
    return f"{url}#pkb-{pkb.pk}" if pkb else url


def _ctx(pd: PerangkatDaerah, tahun: int) -> dict:
    return {
        "page": "perencanaan-pk-berjenjang",
        "nav_perencanaan": "perencanaan-pk-berjenjang",
        "pd": pd,
        "tahun": tahun,
        "boleh_ubah": True,
        "terkunci": tahun_terkunci(pd, tahun),
    }


@require_http_methods(["GET", "POST"])
def pk_berjenjang_baru(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    form = PKBerjenjangForm(request.POST if request.method == "POST" else None, pd=pd, tahun=tahun)
    if request.method == "POST" and form.is_valid():
        try:
            pkb = pk_berjenjang_buat(
                pd=pd,
                tahun=tahun,
                jabatan=form.cleaned_data["jabatan"],
                pejabat=form.cleaned_data["pejabat_obj"],
                pengguna=request.user,
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request, f"PK berjenjang {pkb.jabatan} {tahun} dibuat; isi sasaran dan anggarannya."
            )
            return redirect("pk-berjenjang-ubah", kode=pd.kode, tahun=tahun, pk=pkb.pk)
    ctx = _ctx(pd, tahun)
    ctx.update({"form": form, "kembali": _url_daftar(pd, tahun)})
    return render(request, "kinerja/perencanaan/pk_berjenjang_baru.html", ctx)


def _awal(pkb: PKBerjenjang) -> tuple[dict, list[dict], list[dict]]:
    utama = {
        "pejabat": str(pkb.pejabat_id or ""),
        "jabatan": pkb.jabatan,
        "versi": versi_pk_berjenjang(pkb),
    }
    sasaran = [
        {
            "uraian": s.uraian,
            "indikator": s.indikator,
            "target": teks_nilai(s.target, s.target_label),
        }
        for s in pkb.sasaran.order_by("urutan", "pk")
    ]
    anggaran = [{"kode": k, "jumlah": Decimal(str(v))} for k, v in sorted(pkb.anggaran.items())]
    return utama, sasaran, anggaran


@require_http_methods(["GET", "POST"])
def pk_berjenjang_ubah(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    pkb = _get_pkb(pd, tahun, pk)
    indikator = _indikator_pd(pd, tahun)
    kode_sah = kode_anggaran_sah(pd, tahun)
    if request.method == "POST":
        form = PKBerjenjangForm(request.POST, pd=pd, tahun=tahun)
        fs_sasaran = SasaranFormSet(
            request.POST, prefix="sasaran", form_kwargs={"indikator": indikator}
        )
        fs_anggaran = AnggaranFormSet(
            request.POST, prefix="anggaran", form_kwargs={"kode": kode_sah}
        )
        if form.is_valid() and fs_sasaran.is_valid() and fs_anggaran.is_valid():
            sasaran = [
                IsianSasaran(
                    f.cleaned_data["uraian"].strip(),
                    f.cleaned_data["indikator"].strip(),
                    f.cleaned_data["target"],
                )
                for f in fs_sasaran
                if f.cleaned_data and not f.cleaned_data["kosong"]
            ]
            anggaran = [
                (f.cleaned_data["kode"], f.cleaned_data["jumlah"])
                for f in fs_anggaran
                if f.cleaned_data and not f.cleaned_data["kosong"]
            ]
            try:
                berubah = pk_berjenjang_services.pk_berjenjang_ubah(
                    pkb=pkb,
                    pengguna=request.user,
                    jabatan=form.cleaned_data["jabatan"],
                    pejabat=form.cleaned_data["pejabat_obj"],
                    sasaran=sasaran,
                    anggaran=anggaran,
                    versi_asal=form.cleaned_data["versi"],
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                if berubah:
                    messages.success(request, f"PK berjenjang {pkb.jabatan} {tahun} disimpan.")
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect(_url_daftar(pd, tahun, pkb))
    else:
        utama, sasaran, anggaran = _awal(pkb)
        form = PKBerjenjangForm(initial=utama, pd=pd, tahun=tahun)
        fs_sasaran = SasaranFormSet(
            initial=sasaran, prefix="sasaran", form_kwargs={"indikator": indikator}
        )
        fs_anggaran = AnggaranFormSet(
            initial=anggaran, prefix="anggaran", form_kwargs={"kode": kode_sah}
        )
    ctx = _ctx(pd, tahun)
    ctx.update(
        {
            "pkb": pkb,
            "form": form,
            "fs_sasaran": fs_sasaran,
            "fs_anggaran": fs_anggaran,
            "kembali": _url_daftar(pd, tahun, pkb),
        }
    )
    return render(request, "kinerja/perencanaan/pk_berjenjang_ubah.html", ctx)


@require_POST
def pk_berjenjang_hapus(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    pkb = _get_pkb(pd, tahun, pk)
    try:
        pk_berjenjang_services.pk_berjenjang_hapus(pkb=pkb, pengguna=request.user)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(request, f"PK berjenjang {pkb.jabatan} {tahun} dihapus.")
    return redirect(_url_daftar(pd, tahun))
