"""Every table of every screen downloads as xlsx from the page that shows it.

``{% tabel %}`` (kinerja/templatetags/tabel.py) notes each row source it renders on
the request and links it as ``?xlsx=<n>`` (the n-th table of the page, the page's
other query parameters kept). :class:`TabelXlsxMiddleware` lets the page's view run
as usual, with its access checks, and when it answered with the page, replaces the
page by the n-th table as a workbook (``lib.xlsx``): the same row source as the
HTML, typed cells. Nothing is fetched again and nothing is lost on another page.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from lib.format import format_waktu
from lib.rows import Table
from lib.xlsx import buku_xlsx

PARAM = "xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def catat_tabel(request: HttpRequest | None, table: Table) -> int | None:
    """Note ``table`` as rendered on ``request``'s page; its number on the page."""
    if request is None:
        return None
    daftar = request.__dict__.setdefault("_tabel_xlsx", [])
    daftar.append(table)
    return len(daftar) - 1


def url_unduh(request: HttpRequest, nomor: int) -> str:
    q = request.GET.copy()
    q[PARAM] = str(nomor)
    return f"{request.path}?{q.urlencode()}"


def _kepala(request: HttpRequest) -> list[str]:
    from kinerja.models import Pemda, PerangkatDaerah

    kw = request.resolver_match.kwargs if request.resolver_match else {}
    baris = []
    kode = kw.get("kode")
    if kode:
        # /pd/<kode>/… names a perangkat daerah; /pemda/<kode>/ and /evaluasi/<kode>/ a pemda.
        pd = PerangkatDaerah.objects.select_related("pemda").filter(kode=kode).first()
        pemda = None if pd is not None else Pemda.objects.filter(kode=kode).first()
        if pd is not None:
            baris.append(f"{pd.nama} — {pd.pemda.nama}")
        elif pemda is not None:
            baris.append(pemda.nama)
    if kw.get("tahun"):
        baris.append(f"Tahun {kw['tahun']}")
    baris.append(f"Diunduh {format_waktu(timezone.localtime())}")
    return baris


def nama_berkas(request: HttpRequest, table: Table) -> str:
    kw = request.resolver_match.kwargs if request.resolver_match else {}
    bagian = [table.title, kw.get("kode"), kw.get("tahun")]
    teks = "-".join(str(b) for b in bagian if b)
    return (re.sub(r"[^0-9A-Za-z.]+", "-", teks).strip("-").lower() or "tabel")[:120] + ".xlsx"


class TabelXlsxMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        diminta = request.GET.get(PARAM)
        if diminta is None or request.method not in ("GET", "HEAD"):
            return response
        daftar = request.__dict__.get("_tabel_xlsx", [])
        if response.status_code != 200 or getattr(response, "streaming", False):
            return response
        if not diminta.isdigit() or int(diminta) >= len(daftar):
            return HttpResponse(
                "Tabel yang diminta tidak ada di halaman ini.",
                status=404,
                content_type="text/plain; charset=utf-8",
            )
        table = daftar[int(diminta)]
        r = HttpResponse(buku_xlsx([table], kepala=_kepala(request)), content_type=XLSX)
        r["Content-Disposition"] = f'attachment; filename="{nama_berkas(request, table)}"'
        return r
