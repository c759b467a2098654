"""The Renstra over the years: a new period, revisions, and each earlier version read-only.

Writes go through kinerja.services.renstra; the operator of the perangkat daerah
and its admin pemda may write (kinerja.access.boleh_ubah_renstra).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja.access import (
    get_editable_perangkat_daerah_for_user,
    get_perangkat_daerah_for_user,
    get_renstra_editable_perangkat_daerah_for_user,
)
from kinerja.audit import nama_pengguna
from kinerja.forms.errors import add_service_errors
from kinerja.forms.perencanaan import TanggalIsian, TujuanForm
from kinerja.models import (
    POLARITAS_CHOICES,
    TIPE_CHOICES,
    Indikator,
    PerangkatDaerah,
    Program,
    Renstra,
    RevisiRenstra,
    Tujuan,
)
from kinerja.services import renstra as renstra_services
from kinerja.services.renstra import (
    indikator_tambah,
    isi_versi,
    nama_versi,
    renstra_buat,
    renstra_dipakai,
    revisi_buka,
    revisi_terbuka,
    revisi_tutup,
    versi_kini,
)
from kinerja.services.tujuan import tujuan_sasaran_rpjmd_ubah
from kinerja.tables import tabel_indikator_renstra_versi
from kinerja.views.common import perencanaan_context, tahun_aktif


class RenstraBaruForm(forms.Form):
    mulai = forms.IntegerField(label="Tahun mulai", min_value=2000, max_value=2100)
    selesai = forms.IntegerField(label="Tahun selesai", min_value=2000, max_value=2100)
    visi = forms.CharField(label="Visi", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    misi = forms.CharField(
        label="Misi (satu misi per baris)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    salin = forms.BooleanField(
        label="Salin tujuan, sasaran, program dan indikator dari Renstra sebelumnya (tanpa target)",
        required=False,
    )

    def clean_misi(self) -> list[str]:
        teks = self.cleaned_data.get("misi", "").replace("\r\n", "\n")
        return [baris.strip() for baris in teks.split("\n") if baris.strip()]


class RevisiForm(forms.Form):
    tanggal = TanggalIsian(label="Tanggal revisi")
    alasan = forms.CharField(
        label="Alasan revisi",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan alasan revisi."},
    )
    lanjut = forms.CharField(widget=forms.HiddenInput, required=False)


def _renstra_pd(pd: PerangkatDaerah, mulai: int) -> Renstra:
    return get_object_or_404(Renstra, perangkat_daerah=pd, mulai=mulai)


def _tahun_menu(request: HttpRequest, pd: PerangkatDaerah, r: Renstra) -> int:
    """The year the menu links point to: the active year when the Renstra covers it."""
    tahun = tahun_aktif(request, pd)
    return tahun if r.mulai <= tahun <= r.selesai else r.mulai


# --------------------------------------------------------------------------- a new period


@require_http_methods(["GET", "POST"])
def renstra_baru(request: HttpRequest, kode: str) -> HttpResponse:
    pd = get_renstra_editable_perangkat_daerah_for_user(request.user, kode)
    sebelumnya = Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai").first()
    if request.method == "POST":
        form = RenstraBaruForm(request.POST)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                baru = renstra_buat(
                    perangkat_daerah=pd,
                    pengguna=request.user,
                    mulai=cd["mulai"],
                    selesai=cd["selesai"],
                    visi=cd["visi"],
                    misi=cd["misi"],
                    salin_dari=sebelumnya if cd["salin"] else None,
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                pesan = f"Renstra {baru.mulai}–{baru.selesai} dibuat"
                if cd["salin"] and sebelumnya is not None:
                    pesan += (
                        f" dengan struktur Renstra {sebelumnya.mulai}–{sebelumnya.selesai}; "
                        "sekarang isi target setiap indikator"
                    )
                messages.success(request, pesan + ".")
                url = reverse("perencanaan-renstra", kwargs={"kode": pd.kode})
                return redirect(f"{url}?tahun={baru.mulai}")
    else:
        awal: dict[str, Any] = {"salin": sebelumnya is not None}
        if sebelumnya is not None:
            awal.update(
                mulai=sebelumnya.selesai + 1,
                selesai=sebelumnya.selesai + 5,  # a Renstra runs five years
                visi=sebelumnya.visi,
                misi="\n".join(sebelumnya.misi),
            )
        form = RenstraBaruForm(initial=awal)
    ctx = perencanaan_context(pd, "perencanaan-renstra", tahun_aktif(request, pd), True)
    ctx.update({"form": form, "sebelumnya": sebelumnya})
    return render(request, "kinerja/perencanaan/renstra_baru.html", ctx)


# --------------------------------------------------------------------------- revisions


def _lanjut_aman(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


@require_http_methods(["GET", "POST"])
def revisi_baru(request: HttpRequest, kode: str, mulai: int) -> HttpResponse:
    pd = get_renstra_editable_perangkat_daerah_for_user(request.user, kode)
    r = _renstra_pd(pd, mulai)
    terbuka = revisi_terbuka(r)
    if request.method == "POST":
        form = RevisiForm(request.POST)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                revisi = revisi_buka(
                    renstra=r, pengguna=request.user, tanggal=cd["tanggal"], alasan=cd["alasan"]
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(
                    request,
                    f"{nama_versi(r, revisi)} dibuka. Perubahan target dan indikator sekarang "
                    "dicatat sebagai bagian revisi ini; selesaikan revisi bila semua perubahan "
                    "sudah dimasukkan.",
                )
                lanjut = _lanjut_aman(request, cd["lanjut"])
                if lanjut:
                    return redirect(lanjut)
                url = reverse("perencanaan-renstra", kwargs={"kode": pd.kode})
                return redirect(f"{url}?tahun={r.mulai}")
    else:
        form = RevisiForm(initial={"lanjut": _lanjut_aman(request, request.GET.get("lanjut", ""))})
    ctx = perencanaan_context(pd, "perencanaan-renstra", _tahun_menu(request, pd, r), True)
    ctx.update(
        {
            "renstra": r,
            "form": form,
            "terbuka": terbuka,
            "nomor_baru": versi_kini(r) + 1,
        }
    )
    return render(request, "kinerja/perencanaan/renstra_revisi.html", ctx)


@require_POST
def revisi_selesai(request: HttpRequest, kode: str, mulai: int, nomor: int) -> HttpResponse:
    pd = get_renstra_editable_perangkat_daerah_for_user(request.user, kode)
    r = _renstra_pd(pd, mulai)
    revisi = get_object_or_404(RevisiRenstra, renstra=r, nomor=nomor)
    try:
        revisi_tutup(revisi=revisi, pengguna=request.user)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(request, f"{nama_versi(r, revisi)} diselesaikan.")
    url = reverse("perencanaan-renstra", kwargs={"kode": pd.kode})
    return redirect(f"{url}?tahun={r.mulai}")


@require_safe
def renstra_versi(request: HttpRequest, kode: str, mulai: int, nomor: int) -> HttpResponse:
    """One version of a Renstra, read-only: its indicators and yearly targets."""
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    r = _renstra_pd(pd, mulai)
    kini = versi_kini(r)
    revisi = RevisiRenstra.objects.filter(renstra=r, nomor=nomor).select_related("dibuat_oleh")
    revisi = revisi.first()
    if revisi is None and nomor != 0:
        raise Http404("Versi Renstra tidak ditemukan.")
    # The latest version is what the Renstra says now; earlier ones are their frozen copies.
    isi = isi_versi(r) if nomor == kini else revisi.isi
    tahun_list = list(range(isi.get("mulai", r.mulai), isi.get("selesai", r.selesai) + 1))
    baris = [
        {
            "ind": ind,
            "target": [ind["target"].get(str(t)) or "-" for t in tahun_list],
            "akhir": ind.get("target_akhir") or "-",
        }
        for ind in isi.get("indikator", [])
    ]
    ctx = perencanaan_context(pd, "perencanaan-renstra", _tahun_menu(request, pd, r), False)
    ctx.update(
        {
            "renstra": r,
            "revisi": revisi,
            "nama": nama_versi(r, revisi),
            "kini": nomor == kini,
            "nomor_kini": kini,
            "oleh": nama_pengguna(revisi.dibuat_oleh) if revisi and revisi.nomor else "",
            "tahun_list": tahun_list,
            "baris": baris,
            "tabel": tabel_indikator_renstra_versi(baris, tahun_list),
        }
    )
    return render(request, "kinerja/perencanaan/renstra_versi.html", ctx)


# --------------------------------------------------------------------------- adding, removing


class IndikatorBaruForm(forms.Form):
    induk = forms.ChoiceField(label="Tujuan, sasaran atau program")
    kode = forms.CharField(label="Kode indikator", max_length=60)
    nama = forms.CharField(label="Nama indikator", widget=forms.Textarea(attrs={"rows": 2}))
    satuan = forms.CharField(label="Satuan", max_length=50)
    polaritas = forms.ChoiceField(label="Polaritas", choices=POLARITAS_CHOICES)
    tipe_penghitungan = forms.ChoiceField(label="Tipe penghitungan", choices=TIPE_CHOICES)
    iku = forms.BooleanField(label="Indikator Kinerja Utama (IKU)", required=False)

    def __init__(self, *args, pilihan: dict[str, Any], **kwargs):
        super().__init__(*args, **kwargs)
        self.pilihan = pilihan
        self.fields["induk"].choices = [
            (kunci, f"{judul} {obj.kode} {getattr(obj, 'uraian', None) or obj.nama}"[:150])
            for kunci, (judul, obj) in pilihan.items()
        ]


def _pilihan_induk(r: Renstra) -> dict[str, tuple[str, Any]]:
    pilihan: dict[str, tuple[str, Any]] = {}
    for t in Tujuan.objects.filter(renstra=r).prefetch_related("sasaran").order_by("urutan"):
        pilihan[f"tujuan-{t.pk}"] = ("Tujuan", t)
        for s in t.sasaran.all():
            pilihan[f"sasaran-{s.pk}"] = ("Sasaran", s)
    for p in Program.objects.filter(renstra=r).order_by("urutan", "kode"):
        pilihan[f"program-{p.pk}"] = ("Program", p)
    return pilihan


@require_http_methods(["GET", "POST"])
def indikator_baru(request: HttpRequest, kode: str, mulai: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    r = _renstra_pd(pd, mulai)
    pilihan = _pilihan_induk(r)
    if request.method == "POST":
        form = IndikatorBaruForm(request.POST, pilihan=pilihan)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                ind = indikator_tambah(
                    renstra=r,
                    pengguna=request.user,
                    induk=pilihan[cd["induk"]][1],
                    kode=cd["kode"],
                    nama=cd["nama"],
                    satuan=cd["satuan"],
                    polaritas=cd["polaritas"],
                    tipe_penghitungan=cd["tipe_penghitungan"],
                    iku=cd["iku"],
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(
                    request, f"Indikator {ind.kode} ditambahkan; sekarang isi targetnya."
                )
                return redirect("perencanaan-indikator-ubah", kode=pd.kode, pk=ind.pk)
    else:
        form = IndikatorBaruForm(initial={"induk": request.GET.get("induk", "")}, pilihan=pilihan)
    ctx = perencanaan_context(pd, "perencanaan-renstra", _tahun_menu(request, pd, r), True)
    ctx.update(
        {
            "renstra": r,
            "form": form,
            "revisi_terbuka": revisi_terbuka(r),
            "renstra_dipakai": renstra_dipakai(r),
        }
    )
    return render(request, "kinerja/perencanaan/indikator_baru.html", ctx)


@require_POST
def indikator_hapus(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    ind = get_object_or_404(
        Indikator.objects.select_related("renstra"), pk=pk, renstra__perangkat_daerah=pd
    )
    try:
        renstra_services.indikator_hapus(indikator=ind, pengguna=request.user)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
        return redirect("perencanaan-indikator", kode=pd.kode, pk=ind.pk)
    messages.success(request, f"Indikator {ind.kode} dihapus dari Renstra.")
    url = reverse("perencanaan-renstra", kwargs={"kode": pd.kode})
    return redirect(f"{url}?tahun={ind.renstra.mulai}")


@require_http_methods(["GET", "POST"])
def tujuan_ubah(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """The sasaran RPJMD a tujuan supports (the top of the pohon kinerja)."""
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    tujuan = get_object_or_404(
        Tujuan.objects.select_related("renstra"), pk=pk, renstra__perangkat_daerah=pd
    )
    r = tujuan.renstra
    if request.method == "POST":
        form = TujuanForm(request.POST)
        if form.is_valid():
            try:
                berubah = tujuan_sasaran_rpjmd_ubah(
                    tujuan=tujuan,
                    pengguna=request.user,
                    sasaran_rpjmd=form.cleaned_data["sasaran_rpjmd"],
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                if berubah:
                    messages.success(request, "Sasaran RPJMD yang didukung tersimpan.")
                return redirect(
                    reverse("perencanaan-renstra", kwargs={"kode": pd.kode}) + f"?tahun={r.mulai}"
                )
    else:
        form = TujuanForm(initial={"sasaran_rpjmd": tujuan.sasaran_rpjmd})
    ctx = perencanaan_context(pd, "perencanaan-renstra", _tahun_menu(request, pd, r), True)
    ctx.update(
        {
            "renstra": r,
            "tujuan": tujuan,
            "form": form,
            "revisi_terbuka": revisi_terbuka(r),
            "renstra_dipakai": renstra_dipakai(r),
        }
    )
    return render(request, "kinerja/perencanaan/tujuan_ubah.html", ctx)
