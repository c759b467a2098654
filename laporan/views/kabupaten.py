"""The kabupaten dashboard of a pemda for its evaluator and admin pemda: every perangkat
daerah of a year (sorted, filtered, exported), the ranking of the indicators several
share, and the year against the one before. Everyone else gets 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from kinerja.models import Pemda, Tahun
from laporan import kabupaten as k
from laporan.ringkasan_pemda import buku_ringkasan_pemda, ringkasan_pemda, tabel_ringkasan_pemda
from laporan.views.evaluasi import get_pemda_evaluasi_for_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pemda(request: HttpRequest, kode: str) -> Pemda:
    try:
        return get_pemda_evaluasi_for_user(request.user, kode)
    except PermissionDenied:
        raise Http404("Dasbor kabupaten tidak ditemukan.") from None


def _tahun_pemda(pemda: Pemda) -> list[int]:
    """The years opened by any perangkat daerah of the pemda, newest first."""
    return list(
        Tahun.objects.filter(perangkat_daerah__pemda=pemda)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .distinct()
    )


def _saringan(request: HttpRequest) -> dict[str, str]:
    return {
        "urut": request.GET.get("urut", "kode"),
        "status": request.GET.get("status", ""),
        "q": request.GET.get("q", "").strip(),
    }


def _baris(pemda: Pemda, tahun: int, s: dict[str, str]):
    daftar = ringkasan_pemda(pemda, tahun, timezone.localdate())
    return daftar, k.urutkan(k.saring(daftar, s["status"], s["q"]), s["urut"])


def _menu(pemda: Pemda, tahun: int, aktif: str) -> list[dict]:
    return [
        {
            "label": label,
            "url": reverse(nama, kwargs={"kode": pemda.kode, "tahun": tahun}),
            "aktif": nama == aktif,
        }
        for label, nama in (
            ("Ringkasan perangkat daerah", "evaluasi-kabupaten"),
            ("Peringkat indikator", "evaluasi-kabupaten-peringkat"),
            (f"Dibanding tahun {tahun - 1}", "evaluasi-kabupaten-banding"),
        )
    ]


def _ctx(pemda: Pemda, tahun: int, aktif: str) -> dict:
    return {
        "page": aktif,
        "pemda": pemda,
        "tahun": tahun,
        "menu_kabupaten": _menu(pemda, tahun, aktif),
        "daftar_tahun": _tahun_pemda(pemda) or [tahun],
    }


@require_safe
def awal(request: HttpRequest, kode: str) -> HttpResponse:
    """The dashboard of the newest year any perangkat daerah of the pemda has opened."""
    pemda = _pemda(request, kode)
    tahun = _tahun_pemda(pemda)
    th = tahun[0] if tahun else timezone.localdate().year
    return redirect("evaluasi-kabupaten", kode=pemda.kode, tahun=th)


@require_safe
def dasbor(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pemda = _pemda(request, kode)
    s = _saringan(request)
    semua, daftar = _baris(pemda, tahun, s)
    tabel = tabel_ringkasan_pemda(
        daftar, tahun, url_pd=lambda kode_pd: reverse("pd-beranda", args=[kode_pd, tahun])
    )
    xlsx = reverse("evaluasi-ringkasan-xlsx", kwargs={"kode": pemda.kode, "tahun": tahun})
    ctx = _ctx(pemda, tahun, "evaluasi-kabupaten") | {
        "tabel": tabel,
        "saringan": s,
        "pilihan_urut": k.pilihan_urut(),
        "pilihan_status": k.pilihan_status(),
        "jumlah": len(daftar),
        "jumlah_semua": len(semua),
        "url_xlsx": f"{xlsx}?{urlencode(s)}",
    }
    return render(request, "laporan/kabupaten.html", ctx)


@require_safe
def ringkasan_xlsx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The dashboard's rows as a workbook, in its order and filter (the same row source)."""
    pemda = _pemda(request, kode)
    waktu = timezone.localtime()
    _, daftar = _baris(pemda, tahun, _saringan(request))
    r = HttpResponse(buku_ringkasan_pemda(daftar, pemda, tahun, waktu), content_type=XLSX)
    r["Content-Disposition"] = f'attachment; filename="ringkasan-{pemda.kode}-{tahun}.xlsx"'
    return r


@require_safe
def peringkat(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pemda = _pemda(request, kode)
    hari_ini = timezone.localdate()
    daftar = ringkasan_pemda(pemda, tahun, hari_ini)
    bersama = k.indikator_bersama(daftar)
    dipilih = request.GET.get("indikator", "")
    g = next((x for x in bersama if x.kunci == dipilih), bersama[0] if bersama else None)
    ctx = _ctx(pemda, tahun, "evaluasi-kabupaten-peringkat") | {
        "bersama": bersama,
        "dipilih": g,
    }
    if g is not None:
        baris = k.peringkat(g, ringkasan_pemda(pemda, tahun - 1, hari_ini))
        ctx["tabel"] = k.tabel_peringkat(g, baris, tahun)
        ctx["grafik"] = mark_safe(k.grafik_peringkat(g, baris, tahun))  # grafik escapes its text
    return render(request, "laporan/kabupaten_peringkat.html", ctx)


@require_safe
def banding(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pemda = _pemda(request, kode)
    hari_ini = timezone.localdate()
    pasangan = k.banding_tahun(
        ringkasan_pemda(pemda, tahun, hari_ini), ringkasan_pemda(pemda, tahun - 1, hari_ini)
    )
    ctx = _ctx(pemda, tahun, "evaluasi-kabupaten-banding") | {
        "tabel": k.tabel_banding(pasangan, tahun),
        "grafik": mark_safe(k.grafik_banding(pasangan, tahun)) if pasangan else "",
    }
    return render(request, "laporan/kabupaten_banding.html", ctx)
