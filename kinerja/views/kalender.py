"""The admin pemda keeps the calendar of working days: the days off besides the weekend."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kinerja.access import get_manageable_pemda_for_user
from kinerja.models import HariLibur
from kinerja.services.kalender import libur_hapus, libur_muat_bawaan, libur_tambah
from kinerja.services.tenggat import hari_ini
from lib.format import format_tanggal

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


class LiburForm(forms.Form):
    tanggal = forms.DateField(
        label="Tanggal",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Tanggal wajib diisi.", "invalid": "Tanggal tidak sah."},
    )
    nama = forms.CharField(
        label="Keterangan",
        max_length=200,
        error_messages={"required": "Keterangan hari libur wajib diisi."},
    )
    jenis = forms.ChoiceField(
        label="Jenis", choices=HariLibur.Jenis.choices, initial=HariLibur.Jenis.LOKAL
    )


def _tahun(request: HttpRequest) -> int:
    sekarang = hari_ini().year
    try:
        tahun = int(request.GET.get("tahun") or request.POST.get("tahun") or sekarang)
    except ValueError:
        return sekarang
    return tahun if 2000 <= tahun <= 2100 else sekarang


def _ke(pemda, tahun: int):
    return redirect(f"{reverse('pemda-kalender', kwargs={'kode': pemda.kode})}?tahun={tahun}")


def _post(
    request: HttpRequest, pemda, tahun: int, form: LiburForm, galat: list[str]
) -> HttpResponse | None:
    """Carry out one action of the calendar; None when it is refused (``galat`` says why,
    or the form's errors)."""
    aksi = request.POST.get("aksi")
    try:
        if aksi == "muat":
            n = libur_muat_bawaan(pemda=pemda, tahun=tahun, pengguna=request.user)
            messages.success(request, f"{n} hari libur nasional dan cuti bersama {tahun} dimuat.")
        elif aksi == "hapus":
            hari = libur_hapus(
                pemda=pemda, pk=int(request.POST.get("pk") or 0), pengguna=request.user
            )
            messages.success(request, f"{format_tanggal(hari.tanggal)} kembali menjadi hari kerja.")
        elif form.is_valid():
            hari = libur_tambah(pemda=pemda, pengguna=request.user, **form.cleaned_data)
            tahun = hari.tanggal.year
            messages.success(request, f"{format_tanggal(hari.tanggal)} dicatat sebagai hari libur.")
        else:
            return None
    except (ValidationError, ValueError) as e:
        galat.extend(e.messages if isinstance(e, ValidationError) else ["Permintaan tidak sah."])
        return None
    return _ke(pemda, tahun)


@require_http_methods(["GET", "HEAD", "POST"])
def kalender(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_manageable_pemda_for_user(request.user, kode)
    tahun = _tahun(request)
    status = 200
    galat: list[str] = []
    form = LiburForm(request.POST if request.POST.get("aksi") == "tambah" else None)
    if request.method == "POST":
        hasil = _post(request, pemda, tahun, form, galat)
        if hasil is not None:
            return hasil
        status = 400
    hari = HariLibur.objects.filter(pemda=pemda, tanggal__year=tahun, aktif=True).order_by(
        "tanggal"
    )
    ctx = {
        "page": "pemda-kalender",
        "nav_pemda": "pemda-kalender",
        "pemda": pemda,
        "tahun": tahun,
        "tahun_pilihan": range(hari_ini().year - 1, hari_ini().year + 3),
        "form": form,
        "galat": galat,
        "hari": [(h, format_tanggal(h.tanggal), HARI[h.tanggal.weekday()]) for h in hari],
    }
    return render(request, "kinerja/pemda/kalender.html", ctx, status=status)
