"""Admin pemda screens: the pemda's rules (predicate scale with live checking), its
perangkat daerah and its users.

Only the admin pemda of that pemda (or a superuser) gets in: other users of the
same pemda get 403, users of another pemda 404 (kinerja.access). Writes go
through kinerja.services.pemda.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja.access import get_manageable_pemda_for_user
from kinerja.audit import format_waktu
from kinerja.engine.angka import NilaiTidakValid, parse_angka
from kinerja.engine.predikat import PRESET, Band
from kinerja.forms.errors import add_service_errors
from kinerja.models import (
    ACUAN_RENTANG_CHOICES,
    BATAS_ATAS_CHOICES,
    BATAS_BAWAH_CHOICES,
    METODE_EFISIENSI_CHOICES,
    RUMUS_NEGATIF_CHOICES,
    Pemda,
    Peran,
    PerangkatDaerah,
)
from kinerja.selectors.tahun import tahun_beraturan_tetap
from kinerja.services import pemda as pemda_services
from kinerja.services.pemda import (
    PERAN_DENGAN_PD,
    PESAN_KODE_DIPAKAI,
    PESAN_PD_TIDAK_BOLEH,
    PESAN_PD_WAJIB,
    pemda_aturan_ubah,
    pengguna_buat,
    perangkat_daerah_buat,
    periksa_aturan,
    versi_aturan,
    versi_pengguna,
    versi_perangkat_daerah,
)
from kinerja.tables import tabel_pengguna, tabel_perangkat_daerah
from lib.format import format_angka_alami

LABEL_PRESET = {
    "permendagri-86-2017": "Permendagri 86/2017 — Sangat Tinggi s.d. Sangat Rendah",
    "blora": "Kabupaten Blora — Sangat Baik s.d. Sangat Kurang",
    "jombang": "Kabupaten Jombang — kategori apa adanya (ada celah 80–90)",
    "rembang": "Kabupaten Rembang — Amat Baik s.d. Kurang",
    "akip-88-2021": "PermenPANRB 88/2021 — AA s.d. D",
    "ikm-14-2017": "PermenPAN-RB 14/2017 (IKM) — A s.d. D",
    "ipp": "Indeks Pelayanan Publik — A s.d. F",
}
_WARNA = re.compile(r"^#[0-9a-fA-F]{6}$")
KOLOM_BAND = ("label", "bawah_op", "bawah", "atas_op", "atas", "warna", "keterangan")


def _ctx(pemda: Pemda, page: str) -> dict[str, Any]:
    return {"page": page, "pemda": pemda, "nav_pemda": page}


def _dengan_versi(form: forms.Form, versi: str, **kwargs) -> forms.Form:
    """The same input again carrying the current version, after a save refused as stale:
    saving once more then knowingly replaces the other change."""
    data = form.data.copy()
    data["versi"] = versi
    baru = form.__class__(data, **kwargs)
    baru.is_valid()
    return baru


# --------------------------------------------------------------------------- aturan


def uraian_band(b: Band) -> str:
    """ "75 < x ≤ 90", "x > 100", "x < 50", "semua nilai"."""
    bawah = (
        ""
        if b.bawah is None
        else f"{format_angka_alami(b.bawah)} {'≤' if b.bawah_inklusif else '<'} "
    )
    atas = (
        "" if b.atas is None else f" {'≤' if b.atas_inklusif else '<'} {format_angka_alami(b.atas)}"
    )
    if not bawah and not atas:
        return "semua nilai"
    if bawah and not atas:
        return f"x {'≥' if b.bawah_inklusif else '>'} {format_angka_alami(b.bawah)}"
    return f"{bawah}x{atas}"


def _baris_band(b: Band | Any) -> dict[str, str]:
    """A band as the texts of one editor row."""
    return {
        "label": b.label,
        "bawah_op": "ge" if b.bawah_inklusif else "gt",
        "bawah": "" if b.bawah is None else format_angka_alami(b.bawah),
        "atas_op": "le" if b.atas_inklusif else "lt",
        "atas": "" if b.atas is None else format_angka_alami(b.atas),
        "warna": b.warna or "",
        "keterangan": b.keterangan or "",
    }


class AturanForm(forms.Form):
    skala_preset = forms.ChoiceField(
        label="Skala predikat",
        required=False,
        choices=[("", "Skala sendiri (rentang nilai di bawah)")]
        + [(k, LABEL_PRESET.get(k, k)) for k in PRESET],
    )
    rumus_negatif = forms.ChoiceField(
        label="Rumus capaian polaritas negatif", choices=RUMUS_NEGATIF_CHOICES
    )
    batas_atas_capaian = forms.TypedChoiceField(
        label="Batas atas capaian yang dinilai",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Tidak dibatasi")] + [(str(v), t) for v, t in BATAS_ATAS_CHOICES],
    )
    batas_bawah_capaian = forms.TypedChoiceField(
        label="Batas bawah capaian yang dinilai",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Tidak dibatasi")] + [(str(v), t) for v, t in BATAS_BAWAH_CHOICES],
    )
    metode_efisiensi = forms.ChoiceField(
        label="Metode efisiensi anggaran", choices=METODE_EFISIENSI_CHOICES
    )
    ambang_tercapai = forms.CharField(
        label="Ambang tercapai (%)",
        max_length=20,
        help_text="Capaian di bawah ambang ini wajib diberi catatan oleh operator.",
    )
    acuan_rentang = forms.ChoiceField(
        label="Target berupa rentang dihitung terhadap",
        choices=ACUAN_RENTANG_CHOICES,
        required=False,
        help_text="Untuk target seperti “60 – 70”: capaian dihitung terhadap batas ini.",
    )
    versi = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.band: list[dict[str, Any]] = []
        self.baris_band: list[dict[str, Any]] = []
        self.galat_skala: list[str] = []
        self.peringatan: list[str] = []

    def clean_ambang_tercapai(self) -> Decimal:
        teks = self.cleaned_data["ambang_tercapai"]
        try:
            nilai = parse_angka(teks)
        except NilaiTidakValid as e:
            raise forms.ValidationError(f"{str(e).capitalize()}.") from e
        if not Decimal(0) <= nilai <= Decimal(1000):
            raise forms.ValidationError("Ambang tercapai harus di antara 0 dan 1.000.")
        if nilai.normalize().as_tuple().exponent < -6:
            raise forms.ValidationError("Paling banyak 6 angka di belakang koma.")
        return nilai

    def _baca_band(self) -> bool:
        """Read the band rows of the editor; False when a row has an error."""
        kolom = {k: self.data.getlist(f"band_{k}") for k in KOLOM_BAND}
        n = max((len(v) for v in kolom.values()), default=0)
        sah = True
        for i in range(n):
            teks = {k: (kolom[k][i] if i < len(kolom[k]) else "").strip() for k in KOLOM_BAND}
            if not (teks["label"] or teks["bawah"] or teks["atas"] or teks["keterangan"]):
                continue
            errors: list[str] = []
            if not teks["label"]:
                errors.append("Nama predikat wajib diisi.")
            elif len(teks["label"]) > 100:
                errors.append("Nama predikat paling panjang 100 karakter.")
            batas: dict[str, Decimal | None] = {}
            for k, nama in (("bawah", "Batas bawah"), ("atas", "Batas atas")):
                batas[k] = None
                if teks[k]:
                    try:
                        batas[k] = parse_angka(teks[k])
                    except NilaiTidakValid:
                        errors.append(f'{nama} "{teks[k]}" bukan angka yang sah.')
                        continue
                    if batas[k].normalize().as_tuple().exponent < -6 or abs(batas[k]) >= 10**14:
                        errors.append(f"{nama} terlalu panjang.")
            if teks["warna"] and not _WARNA.match(teks["warna"]):
                errors.append("Warna harus berbentuk #RRGGBB.")
            baris = dict(teks, galat=errors)
            self.baris_band.append(baris)
            if errors:
                sah = False
                continue
            self.band.append(
                {
                    "label": teks["label"],
                    "bawah": batas["bawah"],
                    "bawah_inklusif": teks["bawah_op"] != "gt",
                    "atas": batas["atas"],
                    "atas_inklusif": teks["atas_op"] != "lt",
                    "warna": teks["warna"],
                    "keterangan": teks["keterangan"][:200],
                }
            )
        return sah

    def clean(self):
        cd = super().clean()
        band_sah = self._baca_band()
        preset = cd.get("skala_preset", "")
        if not band_sah and not preset:
            self.galat_skala.append("Perbaiki isian rentang nilai yang ditandai.")
        elif "batas_atas_capaian" in cd and "batas_bawah_capaian" in cd:
            atas, bawah = cd["batas_atas_capaian"], cd["batas_bawah_capaian"]
            if atas is not None and bawah is not None and bawah > atas:
                self.add_error("batas_bawah_capaian", "Batas bawah melebihi batas atas.")
            else:
                self.galat_skala, self.peringatan = periksa_aturan(
                    skala_preset=preset, band=self.band, batas_bawah=bawah, batas_atas=atas
                )
        if self.galat_skala:
            self.add_error(
                None, "Skala predikat belum dapat disimpan; lihat keterangan pada bagian skala."
            )
        return cd


def _sumber(teks: str) -> str:
    """A preset's source without the internal document references ("DOMAIN §4.2, S1:L796")."""
    teks = re.sub(r"\s*\(DOMAIN[^)]*\)", "", teks)
    return re.sub(r";\s*DOMAIN[^)]*\)", ")", teks)


def _data_preset() -> dict[str, Any]:
    return {
        k: {
            "label": LABEL_PRESET.get(k, k),
            "sumber": _sumber(s.sumber),
            "band": [dict(_baris_band(b), uraian=uraian_band(b)) for b in s.band],
        }
        for k, s in PRESET.items()
    }


@require_http_methods(["GET", "POST"])
def aturan(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    band_tersimpan = list(pemda.band_predikat.all())
    if request.method == "POST":
        form = AturanForm(request.POST)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                berubah = pemda_aturan_ubah(
                    pemda=pemda,
                    pengguna=request.user,
                    skala_preset=cd["skala_preset"],
                    band=form.band,
                    rumus_negatif=cd["rumus_negatif"],
                    batas_atas_capaian=cd["batas_atas_capaian"],
                    batas_bawah_capaian=cd["batas_bawah_capaian"],
                    metode_efisiensi=cd["metode_efisiensi"],
                    ambang_tercapai=cd["ambang_tercapai"],
                    acuan_rentang=cd["acuan_rentang"] or None,
                    versi_asal=cd["versi"],
                )
            except ValidationError as e:
                if hasattr(e, "error_dict") and "skala" in e.error_dict:
                    form.galat_skala = e.message_dict["skala"]
                    form.add_error(None, "Skala predikat belum dapat disimpan.")
                else:
                    pemda.refresh_from_db()
                    form = _dengan_versi(form, versi_aturan(pemda))
                    add_service_errors(form, e)
            else:
                if berubah:
                    messages.success(request, f"Aturan {pemda.nama} disimpan.")
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("pemda-aturan", kode=pemda.kode)
        baris_band = form.baris_band
    else:
        form = AturanForm(
            initial={
                "skala_preset": pemda.skala_preset,
                "rumus_negatif": pemda.rumus_negatif,
                "batas_atas_capaian": pemda.batas_atas_capaian,
                "batas_bawah_capaian": pemda.batas_bawah_capaian,
                "metode_efisiensi": pemda.metode_efisiensi,
                "ambang_tercapai": format_angka_alami(pemda.ambang_tercapai),
                "acuan_rentang": pemda.acuan_rentang,
                "versi": versi_aturan(pemda),
            }
        )
        baris_band = [dict(_baris_band(b), galat=[]) for b in band_tersimpan]
        form.galat_skala, form.peringatan = periksa_aturan(
            skala_preset=pemda.skala_preset,
            band=[
                {
                    "label": b.label,
                    "bawah": b.bawah,
                    "bawah_inklusif": b.bawah_inklusif,
                    "atas": b.atas,
                    "atas_inklusif": b.atas_inklusif,
                }
                for b in band_tersimpan
            ],
            batas_bawah=pemda.batas_bawah_capaian,
            batas_atas=pemda.batas_atas_capaian,
        )
    ctx = _ctx(pemda, "pemda-aturan")
    ctx.update(
        {
            "form": form,
            "baris_band": baris_band,
            "baris_kosong": range(max(0, 2 - len(baris_band)) + 1),
            "preset": _data_preset(),
            "tahun_tetap": tahun_beraturan_tetap(pemda.pk),
        }
    )
    return render(request, "kinerja/pemda/aturan.html", ctx)


@require_POST
def aturan_periksa(request: HttpRequest, kode: str) -> JsonResponse:
    """Live check of the scale being edited (static/js/skala.js); nothing is saved."""
    get_manageable_pemda_for_user(request.user, kode)
    form = AturanForm(request.POST)
    form.is_valid()
    kolom_errors = {
        k: v for k, v in form.errors.get_json_data().items() if k not in ("versi", "__all__")
    }
    return JsonResponse(
        {
            "sah": not form.galat_skala and not any(b["galat"] for b in form.baris_band),
            "galat": form.galat_skala,
            "peringatan": form.peringatan,
            "galat_band": [b["galat"] for b in form.baris_band],
            "galat_kolom": {k: [x["message"] for x in v] for k, v in kolom_errors.items()},
        }
    )


# --------------------------------------------------------------------------- perangkat daerah


class PerangkatDaerahForm(forms.Form):
    kode = forms.CharField(
        label="Kode",
        max_length=30,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z][0-9A-Za-z.\-]*$",
                "Kode hanya boleh berisi huruf, angka, titik dan tanda hubung, misalnya 33.16.05.",
            )
        ],
    )
    nama = forms.CharField(label="Nama", max_length=200)
    jenis = forms.CharField(label="Jenis", max_length=50, initial="kecamatan")
    alamat = forms.CharField(label="Alamat", max_length=300, required=False)
    telepon = forms.CharField(label="Telepon", max_length=50, required=False)
    email = forms.EmailField(label="Surel", max_length=100, required=False)
    situs = forms.CharField(label="Situs web", max_length=200, required=False)
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pd: PerangkatDaerah | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pd = pd

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"].strip()
        lain = (
            PerangkatDaerah.objects.filter(kode__iexact=kode)
            .exclude(pk=self.pd.pk if self.pd else None)
            .first()
        )
        if lain is not None:
            raise forms.ValidationError(PESAN_KODE_DIPAKAI.format(kode=kode, nama=lain.nama))
        return kode


@require_http_methods(["GET", "POST"])
def perangkat_daerah(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    if request.method == "POST":
        form = PerangkatDaerahForm(request.POST)
        if form.is_valid():
            try:
                pd = perangkat_daerah_buat(
                    pemda=pemda, pengguna=request.user, data=form.cleaned_data
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, f"{pd.nama} ({pd.kode}) ditambahkan.")
                return redirect("pemda-perangkat-daerah", kode=pemda.kode)
    else:
        form = PerangkatDaerahForm()
    daftar = (
        PerangkatDaerah.objects.filter(pemda=pemda)
        .select_related("kepala")
        .annotate(jumlah_pengguna=Count("peran"))
        .order_by("kode")
    )
    ctx = _ctx(pemda, "pemda-perangkat-daerah")
    tabel = tabel_perangkat_daerah(
        daftar, url_ubah=lambda pd: reverse("pemda-perangkat-daerah-ubah", args=[pemda.kode, pd.pk])
    )
    ctx.update({"daftar": daftar, "form": form, "tabel": tabel})
    return render(request, "kinerja/pemda/perangkat_daerah.html", ctx)


@require_http_methods(["GET", "POST"])
def perangkat_daerah_ubah(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    pd = get_object_or_404(PerangkatDaerah, pk=pk, pemda=pemda)
    if request.method == "POST":
        form = PerangkatDaerahForm(request.POST, pd=pd)
        if form.is_valid():
            try:
                berubah = pemda_services.perangkat_daerah_ubah(
                    perangkat_daerah=pd,
                    pengguna=request.user,
                    data=form.cleaned_data,
                    versi_asal=form.cleaned_data["versi"],
                )
            except ValidationError as e:
                pd.refresh_from_db()
                if not hasattr(e, "error_dict"):
                    form = _dengan_versi(form, versi_perangkat_daerah(pd), pd=pd)
                add_service_errors(form, e)
            else:
                if berubah:
                    messages.success(request, f"Data {form.cleaned_data['nama']} disimpan.")
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("pemda-perangkat-daerah", kode=pemda.kode)
    else:
        form = PerangkatDaerahForm(
            pd=pd,
            initial={
                **{k: getattr(pd, k) for k in ("kode", "nama", "jenis", "alamat", "telepon")},
                "email": pd.email,
                "situs": pd.situs,
                "versi": versi_perangkat_daerah(pd),
            },
        )
    ctx = _ctx(pemda, "pemda-perangkat-daerah")
    ctx.update({"pd": pd, "form": form})
    return render(request, "kinerja/pemda/perangkat_daerah_ubah.html", ctx)


# --------------------------------------------------------------------------- pengguna


class _PeranForm(forms.Form):
    jenis = forms.ChoiceField(label="Peran", choices=Peran.Jenis.choices)
    perangkat_daerah = forms.ModelChoiceField(
        label="Perangkat daerah",
        queryset=PerangkatDaerah.objects.none(),
        required=False,
        empty_label="— tidak terikat (evaluator, admin pemda) —",
    )

    def __init__(self, *args, pemda: Pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.filter(
            pemda=pemda
        ).order_by("kode")

    def clean(self):
        cd = super().clean()
        jenis, pd = cd.get("jenis"), cd.get("perangkat_daerah")
        if jenis in PERAN_DENGAN_PD and pd is None and "perangkat_daerah" not in self.errors:
            self.add_error("perangkat_daerah", PESAN_PD_WAJIB)
        if jenis and jenis not in PERAN_DENGAN_PD and pd is not None:
            self.add_error("perangkat_daerah", PESAN_PD_TIDAK_BOLEH)
        return cd

    def _periksa_sandi(self, user, wajib: bool) -> None:
        sandi1 = self.cleaned_data.get("sandi1") or ""
        sandi2 = self.cleaned_data.get("sandi2") or ""
        if not sandi1 and not sandi2:
            if wajib:
                self.add_error("sandi1", "Kata sandi wajib diisi.")
            return
        if sandi1 != sandi2:
            self.add_error("sandi2", "Kedua kata sandi tidak sama.")
            return
        try:
            validate_password(sandi1, user=user)
        except ValidationError as e:
            self.add_error("sandi1", e)


class PenggunaBaruForm(_PeranForm):
    username = forms.CharField(
        label="Nama pengguna", max_length=150, validators=[UnicodeUsernameValidator()]
    )
    nama = forms.CharField(label="Nama lengkap", max_length=150)
    email = forms.EmailField(label="Surel", required=False)
    sandi1 = forms.CharField(label="Kata sandi", strip=False, widget=forms.PasswordInput)
    sandi2 = forms.CharField(label="Ulangi kata sandi", strip=False, widget=forms.PasswordInput)

    field_order = ["username", "nama", "email", "jenis", "perangkat_daerah", "sandi1", "sandi2"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f"Nama pengguna {username} sudah dipakai.")
        return username

    def clean(self):
        cd = super().clean()
        calon = get_user_model()(
            username=cd.get("username", ""),
            first_name=cd.get("nama", ""),
            email=cd.get("email", ""),
        )
        self._periksa_sandi(calon, wajib=True)
        return cd


class PenggunaUbahForm(_PeranForm):
    aktif = forms.BooleanField(label="Akun aktif", required=False)
    sandi1 = forms.CharField(
        label="Kata sandi baru",
        required=False,
        strip=False,
        widget=forms.PasswordInput,
        help_text="Kosongkan bila kata sandi tidak diganti.",
    )
    sandi2 = forms.CharField(
        label="Ulangi kata sandi baru", required=False, strip=False, widget=forms.PasswordInput
    )
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cd = super().clean()
        self._periksa_sandi(self.user, wajib=False)
        return cd


@require_safe
def pengguna(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    daftar = [
        {
            "peran": p,
            "user": p.pengguna,
            "login": format_waktu(p.pengguna.last_login)
            if p.pengguna.last_login
            else "belum pernah",
        }
        for p in Peran.objects.filter(pemda=pemda)
        .select_related("pengguna", "perangkat_daerah")
        .order_by("jenis", "perangkat_daerah__kode", "pengguna__username")
    ]
    ctx = _ctx(pemda, "pemda-pengguna")
    tabel = tabel_pengguna(
        daftar, url_ubah=lambda user: reverse("pemda-pengguna-ubah", args=[pemda.kode, user.pk])
    )
    ctx.update({"daftar": daftar, "tabel": tabel})
    return render(request, "kinerja/pemda/pengguna.html", ctx)


@require_http_methods(["GET", "POST"])
def pengguna_baru(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    if request.method == "POST":
        form = PenggunaBaruForm(request.POST, pemda=pemda)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                user = pengguna_buat(
                    pemda=pemda,
                    pengguna=request.user,
                    username=cd["username"],
                    nama=cd["nama"],
                    email=cd["email"],
                    sandi=cd["sandi1"],
                    jenis=cd["jenis"],
                    perangkat_daerah=cd["perangkat_daerah"],
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                peran = user.peran
                tempat = f" di {peran.perangkat_daerah.nama}" if peran.perangkat_daerah else ""
                messages.success(
                    request,
                    f"Pengguna {user.username} dibuat dengan peran "
                    f"{peran.get_jenis_display().lower()}{tempat}.",
                )
                return redirect("pemda-pengguna", kode=pemda.kode)
    else:
        form = PenggunaBaruForm(pemda=pemda)
    ctx = _ctx(pemda, "pemda-pengguna")
    ctx.update({"form": form})
    return render(request, "kinerja/pemda/pengguna_baru.html", ctx)


@require_http_methods(["GET", "POST"])
def pengguna_ubah(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    user = get_object_or_404(
        get_user_model().objects.select_related("peran__perangkat_daerah"),
        pk=pk,
        peran__pemda=pemda,
        is_superuser=False,
    )
    if request.method == "POST":
        form = PenggunaUbahForm(request.POST, pemda=pemda, user=user)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                berubah = pemda_services.pengguna_ubah(
                    pemda=pemda,
                    pengguna=request.user,
                    user=user,
                    jenis=cd["jenis"],
                    perangkat_daerah=cd["perangkat_daerah"],
                    aktif=cd["aktif"],
                    sandi_baru=cd["sandi1"] or None,
                    versi_asal=cd["versi"],
                )
            except ValidationError as e:
                user.refresh_from_db()
                user.peran.refresh_from_db()
                if not hasattr(e, "error_dict"):
                    form = _dengan_versi(form, versi_pengguna(user), pemda=pemda, user=user)
                add_service_errors(form, e)
            else:
                if berubah:
                    messages.success(request, f"Pengguna {user.username} disimpan.")
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("pemda-pengguna", kode=pemda.kode)
    else:
        form = PenggunaUbahForm(
            pemda=pemda,
            user=user,
            initial={
                "jenis": user.peran.jenis,
                "perangkat_daerah": user.peran.perangkat_daerah_id,
                "aktif": user.is_active,
                "versi": versi_pengguna(user),
            },
        )
    ctx = _ctx(pemda, "pemda-pengguna")
    ctx.update({"form": form, "target": user, "diri_sendiri": user.pk == request.user.pk})
    return render(request, "kinerja/pemda/pengguna_ubah.html", ctx)
