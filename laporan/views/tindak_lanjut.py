"""The follow-up of the LHE recommendations: the perangkat daerah's page (its operator
records each tindak lanjut, the evaluator accepts or reopens it), its evidence file, and
the evaluator's page of every perangkat daerah of a pemda. Overdue ones are flagged on
both pages."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from kinerja.access import (
    berperan,
    get_editable_perangkat_daerah_for_user,
    get_perangkat_daerah_for_user,
)
from kinerja.bukti import TIPE_KONTEN
from kinerja.models import Peran, PerangkatDaerah
from laporan.models import Rekomendasi
from laporan.rekomendasi import rekomendasi_pd, rekomendasi_pemda, tabel_tindak_lanjut
from laporan.services import rekomendasi as svc
from laporan.views.evaluasi import get_pemda_evaluasi_for_user

PESAN_BUKAN_EVALUATOR = "Tindak lanjut diterima atau dibuka kembali oleh evaluator (Inspektorat)."


def _url(pd: PerangkatDaerah, anchor: str = "") -> str:
    return reverse("tindak-lanjut", kwargs={"kode": pd.kode}) + (f"#{anchor}" if anchor else "")


def _rekomendasi(pd: PerangkatDaerah, pk: int) -> Rekomendasi:
    r = Rekomendasi.objects.filter(pk=pk, perangkat_daerah=pd).first()
    if r is None:
        raise Http404("Rekomendasi tidak ditemukan.")
    return r


def _pesan_galat(request: HttpRequest, e: ValidationError) -> None:
    for m in e.messages:
        messages.error(request, m)


def _evaluator(user, pd: PerangkatDaerah) -> bool:
    return berperan(user, pd.pemda, Peran.Jenis.EVALUATOR)


@require_safe
def tindak_lanjut(request: HttpRequest, kode: str) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    daftar = rekomendasi_pd(pd)
    hari_ini = timezone.localdate()
    ctx = {
        "pd": pd,
        "tabel": tabel_tindak_lanjut(
            daftar, hari_ini=hari_ini, url=lambda r: _url(pd, f"r-{r.pk}")
        ),
        "daftar": [
            {
                "r": r,
                "terlambat": r.terlambat(hari_ini),
                "url_berkas": reverse("tindak-lanjut-berkas", kwargs={"kode": kode, "pk": r.pk})
                if r.berkas
                else None,
            }
            for r in daftar
        ],
        "terlambat": sum(r.terlambat(hari_ini) for r in daftar),
        "ubah": boleh_ubah,
        "tinjau": _evaluator(request.user, pd),
        "status_pilihan": Rekomendasi.Status.choices,
    }
    return render(request, "laporan/tindak_lanjut.html", ctx)


def _tanggal(teks: str) -> datetime.date | None:
    teks = (teks or "").strip()
    if not teks:
        return None
    try:
        return datetime.date.fromisoformat(teks)
    except ValueError:
        raise ValidationError({"tanggal_target": "Tanggal penyelesaian tidak sah."}) from None


@require_POST
def simpan(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    r = _rekomendasi(pd, pk)
    p = request.POST
    try:
        svc.tindak_lanjut_simpan(
            rekomendasi=r,
            rencana_aksi=p.get("rencana_aksi", ""),
            keluaran=p.get("keluaran", ""),
            tanggal_target=_tanggal(p.get("tanggal_target", "")),
            penanggung_jawab=p.get("penanggung_jawab", ""),
            status=p.get("status", ""),
            berkas=request.FILES.get("berkas"),
            pengguna=request.user,
        )
    except ValidationError as ex:
        _pesan_galat(request, ex)
    else:
        messages.success(request, "Tindak lanjut disimpan.")
    return redirect(_url(pd, f"r-{r.pk}"))


def _tinjau(request: HttpRequest, kode: str, pk: int, langkah, berhasil: str) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    r = _rekomendasi(pd, pk)
    if not _evaluator(request.user, pd):
        raise PermissionDenied(PESAN_BUKAN_EVALUATOR)
    try:
        langkah(rekomendasi=r, pengguna=request.user, komentar=request.POST.get("komentar", ""))
    except ValidationError as ex:
        _pesan_galat(request, ex)
    else:
        messages.success(request, berhasil)
    return redirect(_url(pd, f"r-{r.pk}"))


@require_POST
def terima(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    return _tinjau(request, kode, pk, svc.tindak_lanjut_terima, "Tindak lanjut diterima.")


@require_POST
def buka(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    return _tinjau(request, kode, pk, svc.tindak_lanjut_buka, "Tindak lanjut dibuka kembali.")


@require_safe
def berkas(request: HttpRequest, kode: str, pk: int) -> FileResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    r = _rekomendasi(pd, pk)
    if not r.berkas:
        raise Http404("Berkas tidak ditemukan.")
    try:
        isi = r.berkas.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    return FileResponse(
        isi,
        as_attachment=True,
        filename=r.berkas_nama,
        content_type=TIPE_KONTEN.get(r.berkas_jenis, "application/octet-stream"),
    )


@require_safe
def pemda(request: HttpRequest, kode: str) -> HttpResponse:
    """The evaluator's page: every recommendation of the pemda, overdue ones flagged."""
    p = get_pemda_evaluasi_for_user(request.user, kode)
    daftar = rekomendasi_pemda(p)
    hari_ini = timezone.localdate()
    ctx = {
        "pemda": p,
        "tabel": tabel_tindak_lanjut(
            daftar,
            hari_ini=hari_ini,
            pd=True,
            url=lambda r: _url(r.perangkat_daerah, f"r-{r.pk}"),
        ),
        "terlambat": sum(r.terlambat(hari_ini) for r in daftar),
        "terbuka": sum(r.tinjauan != Rekomendasi.Tinjauan.DITERIMA for r in daftar),
    }
    return render(request, "laporan/tindak_lanjut_pemda.html", ctx)
