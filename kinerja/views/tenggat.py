"""The admin pemda sets the reporting deadline of the triwulan (working days after quarter end)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kinerja.access import get_manageable_pemda_for_user
from kinerja.engine.tenggat import TENGGAT_BAWAAN
from kinerja.services.tenggat import PESAN_HARI, hari_ini, pemda_tenggat_ubah, tenggat_tahun
from kinerja.tables import tabel_tenggat


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
                    pengguna=request.user,
                )
            except ValidationError as e:
                for pesan in e.messages:
                    form.add_error(None, pesan)
            else:
                if berubah:
                    messages.success(request, f"Tenggat laporan triwulan {pemda.nama} disimpan.")
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("pemda-tenggat", kode=pemda.kode)
        status = 400
    else:
        form = TenggatForm(initial={"tenggat_hari_kerja": pemda.tenggat_hari_kerja})
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
    }
    return render(request, "kinerja/pemda/tenggat.html", ctx, status=status)
