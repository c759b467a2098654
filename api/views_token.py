"""A user's API tokens: made (the token shown once), listed, revoked."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from api.models import TokenAPI
from kinerja.audit import catat_perubahan

BATAS_TOKEN = 10


class TokenForm(forms.Form):
    nama = forms.CharField(
        label="Nama token",
        max_length=100,
        help_text="Untuk apa token ini, mis. “dasbor Bappeda”.",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    baru = None
    aktif = TokenAPI.objects.filter(pengguna=request.user, dicabut__isnull=True)
    if request.method == "POST" and form.is_valid():
        if aktif.count() >= BATAS_TOKEN:
            form.add_error(
                None, f"Paling banyak {BATAS_TOKEN} token aktif; cabut yang tidak dipakai."
            )
        else:
            row, baru = TokenAPI.buat(request.user, form.cleaned_data["nama"])
            catat_perubahan(
                pengguna=request.user,
                perangkat_daerah=None,
                aksi="token_api.buat",
                objek=row,
                uraian=f"Token API “{row.nama}” dibuat",
            )
            form = TokenForm()
    return render(
        request,
        "api/token.html",
        {
            "form": form,
            "token_baru": baru,
            "daftar": TokenAPI.objects.filter(pengguna=request.user),
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require_POST
def cabut(request: HttpRequest, pk: int) -> HttpResponse:
    row = TokenAPI.objects.filter(pengguna=request.user, pk=pk).first()
    if row is None:
        raise Http404("Token tidak ditemukan.")
    if row.dicabut is None:
        row.cabut()
        catat_perubahan(
            pengguna=request.user,
            perangkat_daerah=None,
            aksi="token_api.cabut",
            objek=row,
            uraian=f"Token API “{row.nama}” dicabut",
        )
        messages.success(request, f"Token “{row.nama}” dicabut.")
    return redirect("api-token")
