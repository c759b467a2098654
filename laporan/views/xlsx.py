"""Workbooks (xlsx) of what the pages show, from the same row sources."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from kinerja.access import get_perangkat_daerah_for_user
from laporan.views.editor import get_lkjip

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def respons_xlsx(data: bytes, nama: str) -> HttpResponse:
    r = HttpResponse(data, content_type=XLSX)
    r["Content-Disposition"] = f'attachment; filename="{nama}"'
    return r


@require_safe
def tabel_lkjip(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """Every table of the LKjIP of the year (as the draft or signed document prints it)."""
    from laporan.dokumen import susun_dokumen
    from laporan.xlsx import buku_dokumen

    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    get_lkjip(pd, tahun)
    data = buku_dokumen(susun_dokumen(pd, tahun), timezone.localtime())
    return respons_xlsx(data, f"tabel-lkjip-{pd.kode}-{tahun}.xlsx")


@require_safe
def data_tahun(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The whole year of the perangkat daerah as one workbook (``manage.py ekspor_xlsx``)."""
    from django.http import Http404

    from kinerja.engine.hitung import HitungError
    from laporan.xlsx import buku_tahun

    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    try:
        data = buku_tahun(pd, tahun, timezone.localtime())
    except HitungError as e:
        raise Http404(f"Tidak ada data tahun {tahun} untuk perangkat daerah ini.") from e
    return respons_xlsx(data, f"data-{pd.kode}-{tahun}.xlsx")
