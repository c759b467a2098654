"""Opening a year from the browser (operator of the perangkat daerah, admin pemda)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kinerja.access import (
    PESAN_BUKAN_PEMBUKA_TAHUN,
    boleh_buka_tahun,
    get_perangkat_daerah_for_user,
)
from laporan.services.tahun import tahun_buka


@require_POST
def buka_tahun(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    if not boleh_buka_tahun(request.user, pd):
        raise PermissionDenied(PESAN_BUKAN_PEMBUKA_TAHUN)
    try:
        hasil = tahun_buka(
            pd=pd,
            tahun=tahun,
            pengguna=request.user,
            salin_pagu=bool(request.POST.get("salin_pagu")),
        )
    except ValidationError as e:
        # Outside every Renstra period: the Renstra page is where a new one is made.
        for pesan in e.messages:
            messages.error(request, pesan)
        return redirect("perencanaan-renstra", kode=pd.kode)
    if hasil.ada_yang_dibuat:
        messages.success(request, hasil.ringkasan())
    else:
        messages.info(request, hasil.ringkasan())
    for catatan in hasil.catatan:
        messages.warning(request, catatan)
    return redirect("perencanaan-pk", kode=pd.kode, tahun=tahun)
