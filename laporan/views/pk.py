"""The Perjanjian Kinerja of a year as a PDF of its own (laporan.dokumen_pk)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from kinerja.access import get_perangkat_daerah_for_user
from kinerja.engine.hitung import HitungError
from laporan.dokumen_pk import pdf_pk


@require_safe
def pk_pdf(request: HttpRequest, kode: str, tahun: int, versi: str) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    try:
        pdf, nama = pdf_pk(pd, tahun, versi)
    except HitungError as e:
        raise Http404(str(e)) from e
    r = HttpResponse(pdf, content_type="application/pdf")
    r["Content-Disposition"] = f'attachment; filename="{nama}"'
    return r
