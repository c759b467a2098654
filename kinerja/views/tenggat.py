"""The admin pemda sets the deadlines (triwulan reports, the LKjIP) in working days and
the reminders around them; the calendar of days off has its own screen (``kalender``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kinerja.access import get_manageable_pemda_for_user
from kinerja.engine.tenggat import TENGGAT_BAWAAN
from kinerja.services.tenggat import (
    PESAN_HARI,
    PESAN_LKJIP,
    PESAN_PENGINGAT,
    hari_ini,
    pemda_tenggat_ubah,
    tenggat_lkjip_pemda,
    tenggat_tahun,
)
from kinerja.tables import tabel_tenggat
from lib.format import format_tanggal


def _hari(label: str, pesan: str, minimum: int, maksimum: int) -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=minimum,
        max_value=maksimum,
        label=label,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": minimum, "max": maksimum}),
        error_messages={
            "invalid": "Diisi dengan bilangan bulat hari kerja.",
            "min_value": pesan,
            "max_value": pesan,
        },
    )


class TenggatForm(forms.Form):
    tenggat_hari_kerja = forms.IntegerField(
        min_value=1,
        max_value=60,
        label="Tenggat laporan triwulan (hari kerja setelah triwulan berakhir)",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 60}),
        error_messages={
            "required": PESAN_HARI,
            "invalid": "Tenggat diisi dengan bilangan bulat hari kerja.",
            "min_value": PESAN_HARI,
            "max_value": PESAN_HARI,
        },
    )
    # Empty: the regulation's default (two months after the year ends).
    tenggat_lkjip_hari_kerja = _hari(
        "Tenggat LKjIP (hari kerja setelah tahun berakhir; kosongkan untuk ketentuan bawaan)",
        PESAN_LKJIP,
        1,
        120,
    )
    # Empty: unchanged.
    pengingat_sebelum = _hari(
        "Kirim pengingat sekian hari kerja sebelum tenggat", PESAN_PENGINGAT, 0, 30
    )
    pengingat_sesudah = _hari(
        "Kirim pengingat sekian hari kerja sesudah tenggat bila belum diajukan",
        PESAN_PENGINGAT,
        0,
        30,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def tenggat(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    status = 200
    if request.method == "POST":
        form = TenggatForm(request.POST)
        if form.is_valid():
            try:
                berubah = pemda_tenggat_ubah(
                    pemda=pemda,
                    hari_kerja=form.cleaned_data["tenggat_hari_kerja"],
                    tenggat_lkjip=form.cleaned_data["tenggat_lkjip_hari_kerja"],
                    pengingat_sebelum=form.cleaned_data["pengingat_sebelum"],
                    pengingat_sesudah=form.cleaned_data["pengingat_sesudah"],
                    pengguna=request.user,
                )
            except ValidationError as e:
                for pesan in e.messages:
                    form.add_error(None, pesan)
            else:
                if berubah:
                    messages.success(
                        request, f"Tenggat laporan dan pengingat {pemda.nama} disimpan."
                    )
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("pemda-tenggat", kode=pemda.kode)
        status = 400
    else:
        form = TenggatForm(
            initial={
                "tenggat_hari_kerja": pemda.tenggat_hari_kerja,
                "tenggat_lkjip_hari_kerja": pemda.tenggat_lkjip_hari_kerja,
                "pengingat_sebelum": pemda.pengingat_sebelum,
                "pengingat_sesudah": pemda.pengingat_sesudah,
            }
        )
    tahun = hari_ini().year
    contoh = {t: tenggat_tahun(pemda, t, {}) for t in (tahun - 1, tahun)}
    ctx = {
        "page": "pemda-tenggat",
        "nav_pemda": "pemda-tenggat",
        "pemda": pemda,
        "form": form,
        "bawaan": TENGGAT_BAWAAN,
        "contoh": contoh,
        "tabel": tabel_tenggat(contoh),
        "lkjip": [(t, format_tanggal(tenggat_lkjip_pemda(pemda, t))) for t in (tahun - 1, tahun)],
    }
    return render(request, "kinerja/pemda/tenggat.html", ctx, status=status)
