"""The quarterly realisasi through a workbook: download it pre-filled, upload it back,
see what would change (old → new), then save all of it or nothing
(``kinerja.services.realisasi_xlsx``)."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja.access import get_editable_perangkat_daerah_for_user, get_perangkat_daerah_for_user
from kinerja.antrean_impor import minta, perlu_antrean
from kinerja.engine.angka import Nilai
from kinerja.models import PerangkatDaerah
from kinerja.services.realisasi import (
    BarisRealisasi,
    SimpanError,
    grid_triwulan,
    realisasi_periksa_triwulan,
    realisasi_simpan_triwulan,
    romawi,
)
from kinerja.services.realisasi_xlsx import (
    UKURAN_MAKS,
    BukuDitolak,
    Galat,
    baca_buku_triwulan,
    buku_triwulan,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESI = "impor_realisasi"


def _cek(triwulan: int) -> None:
    if triwulan not in (1, 2, 3, 4):
        raise Http404("Triwulan tidak dikenal.")


def _url_grid(pd: PerangkatDaerah, tahun: int, triwulan: int) -> str:
    return reverse("realisasi-triwulan", args=[pd.kode, tahun, triwulan])


@require_safe
def unduh(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> HttpResponse:
    """The workbook of the quarter, pre-filled with what is entered now."""
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    _cek(triwulan)
    grid = grid_triwulan(pd, tahun, triwulan)
    if not grid.baris:
        raise Http404("Belum ada indikator dengan target pada tahun ini.")
    r = HttpResponse(buku_triwulan(grid, timezone.localtime()), content_type=XLSX)
    nama = f"realisasi-{pd.kode}-{tahun}-tw{triwulan}.xlsx"
    r["Content-Disposition"] = f'attachment; filename="{nama}"'
    return r


def baris_ke_sesi(baris: list[BarisRealisasi]) -> list[dict]:
    return [
        {
            "id": b.indikator_id,
            "nilai": [str(b.nilai.angka), b.nilai.label] if b.nilai else None,
            "pembilang": None if b.pembilang is None else str(b.pembilang),
            "penyebut": None if b.penyebut is None else str(b.penyebut),
            "catatan": b.catatan,
            "versi": b.versi,
        }
        for b in baris
    ]


def baris_dari_sesi(data: list[dict]) -> list[BarisRealisasi]:
    return [
        BarisRealisasi(
            indikator_id=x["id"],
            nilai=Nilai(Decimal(x["nilai"][0]), x["nilai"][1]) if x["nilai"] else None,
            pembilang=None if x["pembilang"] is None else Decimal(x["pembilang"]),
            penyebut=None if x["penyebut"] is None else Decimal(x["penyebut"]),
            catatan=x["catatan"],
            versi=x["versi"],
        )
        for x in data
    ]


def _halaman(
    request, pd, tahun, triwulan, *, galat=(), perubahan=(), token="", status=200, unggah_saja=False
):
    return render(
        request,
        "kinerja/impor_realisasi.html",
        {
            "pd": pd,
            "tahun": tahun,
            "triwulan": triwulan,
            "tw": romawi(triwulan),
            "galat": list(galat),
            "perubahan": list(perubahan),
            "token": token,
            "unggah_saja": unggah_saja,
            "url_grid": _url_grid(pd, tahun, triwulan),
            "url_unduh": reverse("realisasi-xlsx", args=[pd.kode, tahun, triwulan]),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def impor(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> HttpResponse:
    """The upload form (GET); an uploaded workbook (POST): its problems, or the preview
    of what saving it changes."""
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    _cek(triwulan)
    if request.method != "POST":
        return _halaman(request, pd, tahun, triwulan, unggah_saja=True)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        galat = [Galat("Pilih berkas Excel (.xlsx) yang akan diunggah.")]
        return _halaman(request, pd, tahun, triwulan, galat=galat, status=400)
    if berkas.size > UKURAN_MAKS:
        galat = [Galat(f"Berkas lebih dari {UKURAN_MAKS // (1024 * 1024)} MB.")]
        return _halaman(request, pd, tahun, triwulan, galat=galat, status=400)
    grid = grid_triwulan(pd, tahun, triwulan)
    try:
        baris = baca_buku_triwulan(berkas.read(), grid)
        perubahan = realisasi_periksa_triwulan(pd=pd, tahun=tahun, triwulan=triwulan, baris=baris)
    except BukuDitolak as e:
        return _halaman(request, pd, tahun, triwulan, galat=e.galat, status=400)
    except SimpanError as e:
        kode_id = {b.indikator.pk: b.indikator.kode for b in grid.baris}
        galat = [
            Galat(f"{kode_id.get(i, i)}: {p}") for i, daftar in e.per_baris.items() for p in daftar
        ]
        return _halaman(request, pd, tahun, triwulan, galat=galat, status=400)
    except ValidationError as e:
        return _halaman(
            request, pd, tahun, triwulan, galat=[Galat(m) for m in e.messages], status=400
        )
    token = secrets.token_urlsafe(16)
    request.session[SESI] = {
        "token": token,
        "pd": pd.pk,
        "tahun": tahun,
        "triwulan": triwulan,
        "baris": baris_ke_sesi(
            [b for b in baris if b.indikator_id in {p.grid.indikator.pk for p in perubahan}]
        ),
    }
    return _halaman(request, pd, tahun, triwulan, perubahan=perubahan, token=token)


@require_POST
def simpan(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> HttpResponse:
    """Save the previewed workbook: every row or none, as the screen saves."""
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    _cek(triwulan)
    data = request.session.get(SESI) or {}
    if (
        not data
        or data.get("token") != request.POST.get("token")
        or (data["pd"], data["tahun"], data["triwulan"]) != (pd.pk, tahun, triwulan)
    ):
        messages.error(request, "Pratinjau impor sudah tidak berlaku; unggah berkasnya lagi.")
        return redirect(_url_grid(pd, tahun, triwulan))
    if perlu_antrean(len(data["baris"])):
        # A large workbook: its rows that change are saved by a job on the queue.
        del request.session[SESI]
        return redirect(
            minta(
                jenis="realisasi",
                pengguna=request.user,
                pemda=pd.pemda,
                pd=pd,
                judul=f"buku kerja realisasi {tahun} triwulan {romawi(triwulan)}",
                muatan={"tahun": tahun, "triwulan": triwulan, "baris": data["baris"]},
                jumlah_baris=len(data["baris"]),
                url_kembali=_url_grid(pd, tahun, triwulan),
            )
        )
    try:
        jumlah = realisasi_simpan_triwulan(
            pd=pd,
            tahun=tahun,
            triwulan=triwulan,
            baris=baris_dari_sesi(data["baris"]),
            pengguna=request.user,
        )
    except SimpanError as e:
        galat = [Galat(p) for daftar in e.per_baris.values() for p in daftar]
        return _halaman(request, pd, tahun, triwulan, galat=galat, status=409)
    except ValidationError as e:
        return _halaman(
            request, pd, tahun, triwulan, galat=[Galat(m) for m in e.messages], status=409
        )
    del request.session[SESI]
    messages.success(
        request,
        f"Impor buku kerja triwulan {romawi(triwulan)} tersimpan: {jumlah} indikator diubah."
        if jumlah
        else "Tidak ada perubahan untuk disimpan.",
    )
    return redirect(_url_grid(pd, tahun, triwulan))
