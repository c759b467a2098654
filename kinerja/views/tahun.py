"""The page of a year that is not open yet, in place of a 404 for a year within reach."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.models import PerangkatDaerah
from kinerja.services.perencanaan.periode import tahun_terjangkau


def halaman_tahun_belum_dibuka(
    request: HttpRequest, pd: PerangkatDaerah, tahun: int, *, judul: str
) -> HttpResponse:
    """ "Tahun 2025 belum dibuka" with the form that opens it (for whoever may), for a year
    of the Renstra period or the year after it; any other year is still a 404.

    ``judul`` names the page asked for ("Anggaran", "LKjIP", …; empty for the dashboard).
    """
    if not tahun_terjangkau(pd, tahun):
        raise Http404(f"Tidak ada data tahun {tahun}.")
    ctx = {"page": "tahun-belum-dibuka", "pd": pd, "tahun": tahun, "judul": judul}
    return render(request, "tahun_belum_dibuka.html", ctx)
