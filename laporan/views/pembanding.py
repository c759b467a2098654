"""The admin pemda names, for each perangkat daerah of its pemda, the perangkat daerah it
is compared with in its LKjIP (the neighbouring kecamatan): a list and a form.

Only the admin pemda of that pemda (or a superuser): other users of the pemda get 403,
users of another pemda 404 (``kinerja.access``). Writes go through
``laporan.services.pembanding`` (bounded, audited).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from kinerja.access import get_manageable_pemda_for_user
from kinerja.forms.errors import add_service_errors
from kinerja.models import Pemda, PerangkatDaerah
from laporan.models import PembandingPD
from laporan.services.pembanding import (
    MAKS_PEMBANDING,
    pembanding_pd_simpan,
    versi_pembanding,
)
from laporan.tables import tabel_pembanding_pd

NAV = "pemda-pembanding"


class PembandingForm(forms.Form):
    pembanding = forms.ModelMultipleChoiceField(
        label="Perangkat daerah pembanding",
        queryset=PerangkatDaerah.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Paling banyak {MAKS_PEMBANDING} perangkat daerah.",
    )
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pd: PerangkatDaerah, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        qs = PerangkatDaerah.objects.filter(pemda_id=pd.pemda_id).exclude(pk=pd.pk)
        self.fields["pembanding"].queryset = qs.order_by("kode")
        self.fields["pembanding"].label_from_instance = lambda x: f"{x.kode} {x.nama}"


def _ctx(pemda: Pemda) -> dict:
    return {"page": NAV, "pemda": pemda, "nav_pemda": NAV}


@require_safe
def daftar(request: HttpRequest, kode: str) -> HttpResponse:
    """Every perangkat daerah of the pemda with the perangkat daerah it is compared with."""
    pemda = get_manageable_pemda_for_user(request.user, kode)
    pds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("kode"))
    dinamai: dict[int, list[PerangkatDaerah]] = {pd.pk: [] for pd in pds}
    for x in (
        PembandingPD.objects.filter(perangkat_daerah__pemda=pemda)
        .select_related("pembanding")
        .order_by("pembanding__kode")
    ):
        dinamai[x.perangkat_daerah_id].append(x.pembanding)
    ctx = _ctx(pemda)
    ctx["tabel"] = tabel_pembanding_pd(
        [(pd, dinamai[pd.pk]) for pd in pds],
        url_ubah=lambda pd: reverse("pemda-pembanding-ubah", args=[pemda.kode, pd.pk]),
    )
    ctx["maks"] = MAKS_PEMBANDING
    return render(request, "laporan/pembanding.html", ctx)


@require_http_methods(["GET", "POST"])
def ubah(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """Choose the perangkat daerah ``pk`` is compared with."""
    pemda = get_manageable_pemda_for_user(request.user, kode)
    pd = get_object_or_404(PerangkatDaerah, pk=pk, pemda=pemda)
    if request.method == "POST":
        form = PembandingForm(request.POST, pd=pd)
        if form.is_valid():
            try:
                berubah = pembanding_pd_simpan(
                    perangkat_daerah=pd,
                    pembanding=form.cleaned_data["pembanding"],
                    pengguna=request.user,
                    versi=form.cleaned_data["versi"],
                )
            except ValidationError as e:
                if getattr(e, "code", None) == "usang":
                    # Saving once more knowingly replaces the other change.
                    data = request.POST.copy()
                    data["versi"] = versi_pembanding(pd)
                    form = PembandingForm(data, pd=pd)
                    form.is_valid()
                add_service_errors(form, e)
            else:
                if berubah:
                    messages.success(request, f"Pembanding {pd.nama} disimpan.")
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("pemda-pembanding", kode=pemda.kode)
    else:
        form = PembandingForm(
            pd=pd,
            initial={
                "pembanding": [x.pembanding_id for x in pd.pembanding_pd.all()],
                "versi": versi_pembanding(pd),
            },
        )
    ctx = _ctx(pemda)
    ctx.update({"pd": pd, "form": form})
    return render(request, "laporan/pembanding_ubah.html", ctx)
