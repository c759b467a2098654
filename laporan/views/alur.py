"""Submission, return, sign-off and reopening of the LKjIP of a year; signed versions."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from kinerja.access import (
    boleh_kelola_pemda,
    boleh_tinjau,
    get_editable_perangkat_daerah_for_user,
    get_perangkat_daerah_for_user,
    get_reviewable_perangkat_daerah_for_user,
)
from kinerja.models import PerangkatDaerah
from kinerja.services.realisasi import romawi
from kinerja.services.review import triwulan_disetujui
from laporan.forms import AlasanForm, KomentarForm
from laporan.jobs import PENANDA_KODE, PESAN_TETAP_GAGAL, tetap_minta
from laporan.models import CetakJob, SnapshotLKjIP
from laporan.services.alur import (
    lkjip_ajukan,
    lkjip_buka_kembali,
    lkjip_kembalikan,
    nama_berkas_snapshot,
    tetapkan_periksa,
)
from laporan.services.kesiapan import BelumSiap, daftar_kata
from laporan.views.editor import get_lkjip, tampilkan_editor, url_editor

log = logging.getLogger(__name__)

PESAN_BUKAN_PEMBUKA = (
    "Hanya kepala perangkat daerah atau admin pemda yang dapat membuka kembali LKjIP yang "
    "sudah ditetapkan."
)
PESAN_PDF_GAGAL = (
    "PDF LKjIP tidak dapat dibuat, sehingga LKjIP belum ditetapkan dan tidak ada data yang "
    "berubah. Coba lagi; bila terus gagal, hubungi pengelola aplikasi."
)


def _url_kesiapan(pd: PerangkatDaerah, tahun: int) -> str:
    return reverse("lkjip-kesiapan", kwargs={"kode": pd.kode, "tahun": tahun})


def _flash_errors(request: HttpRequest, e: ValidationError) -> None:
    for pesan in e.messages:
        messages.error(request, pesan)


@require_POST
def ajukan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    lkjip = get_lkjip(pd, tahun)
    try:
        lkjip_ajukan(lkjip=lkjip, pengguna=request.user)
    except BelumSiap as e:
        messages.error(
            request,
            f"LKjIP tahun {tahun} belum dapat diajukan: {len(e.kekurangan)} hal belum lengkap "
            "(lihat daftar di bawah).",
        )
        return redirect(_url_kesiapan(pd, tahun))
    except ValidationError as e:
        _flash_errors(request, e)
        return redirect(url_editor(pd, tahun))
    messages.success(
        request,
        f"LKjIP tahun {tahun} diajukan kepada kepala; isinya tidak dapat diubah sampai "
        "dikembalikan.",
    )
    return redirect(url_editor(pd, tahun))


@require_POST
def kembalikan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd = get_reviewable_perangkat_daerah_for_user(request.user, kode)
    lkjip = get_lkjip(pd, tahun)
    form = KomentarForm(request.POST)
    if not form.is_valid():
        return tampilkan_editor(
            request,
            pd,
            lkjip,
            form_komentar=form,
            errors=["LKjIP belum dikembalikan: periksa komentar di bawah."],
            status=400,
        )
    try:
        lkjip_kembalikan(lkjip=lkjip, pengguna=request.user, komentar=form.cleaned_data["komentar"])
    except ValidationError as e:
        _flash_errors(request, e)
    else:
        messages.success(request, f"LKjIP tahun {tahun} dikembalikan kepada operator.")
    return redirect(url_editor(pd, tahun))


@require_POST
def tetapkan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The sign-off is a job of the queue (``laporan.jobs.tetap_minta``): it signs the year
    off and prints its stamped PDF in one transaction; the page follows its progress
    and offers the PDF. Without a broker it is done before this answers."""
    pd = get_reviewable_perangkat_daerah_for_user(request.user, kode)
    lkjip = get_lkjip(pd, tahun)
    try:
        tetapkan_periksa(lkjip)
    except BelumSiap as e:
        messages.error(
            request,
            f"LKjIP tahun {tahun} belum dapat ditetapkan: {len(e.kekurangan)} hal belum "
            "lengkap (lihat daftar di bawah).",
        )
        return redirect(_url_kesiapan(pd, tahun))
    except ValidationError as e:
        _flash_errors(request, e)
        return redirect(url_editor(pd, tahun))
    penanda = "0" * 64
    alamat = request.build_absolute_uri(reverse("verifikasi", kwargs={"kode_isi": penanda}))
    job = tetap_minta(lkjip, request.user, alamat.replace(penanda, PENANDA_KODE))
    if job.status == CetakJob.Status.SELESAI and job.snapshot is not None:
        messages.success(
            request,
            f"LKjIP tahun {tahun} ditetapkan sebagai versi {job.snapshot.versi} "
            f"({job.snapshot.halaman} halaman); seluruh data tahun {tahun} kini terkunci.",
        )
        return redirect(url_editor(pd, tahun))
    if job.status == CetakJob.Status.GAGAL:
        if job.pesan_galat == PESAN_TETAP_GAGAL:
            messages.error(request, PESAN_PDF_GAGAL)
        else:
            messages.error(request, job.pesan_galat)
        return redirect(url_editor(pd, tahun))
    return redirect("lkjip-cetak-status", kode=pd.kode, tahun=tahun, job=job.pk)


@require_POST
def buka_kembali(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    if not (boleh_tinjau(request.user, pd) or boleh_kelola_pemda(request.user, pd.pemda)):
        raise PermissionDenied(PESAN_BUKAN_PEMBUKA)
    lkjip = get_lkjip(pd, tahun)
    form = AlasanForm(request.POST, triwulan_disetujui=triwulan_disetujui(pd, tahun))
    if not form.is_valid():
        return tampilkan_editor(
            request,
            pd,
            lkjip,
            form_alasan=form,
            errors=["LKjIP belum dibuka kembali: periksa alasan di bawah."],
            status=400,
        )
    try:
        buka = lkjip_buka_kembali(
            lkjip=lkjip,
            pengguna=request.user,
            alasan=form.cleaned_data["alasan"],
            triwulan=form.cleaned_data["triwulan"],
            hitung_ulang=form.cleaned_data["hitung_ulang"],
        )
    except ValidationError as e:
        _flash_errors(request, e)
    else:
        versi = buka.snapshot.versi if buka.snapshot else "-"
        messages.success(
            request,
            f"LKjIP tahun {tahun} dibuka kembali: data tahun {tahun} dapat diubah lagi. Versi "
            f"{versi} yang sudah ditetapkan tetap tersimpan; penetapan berikutnya menjadi versi "
            "baru. "
            + (
                f"Tahun {tahun} kini dihitung dengan aturan pemda yang berlaku sekarang."
                if form.cleaned_data["hitung_ulang"]
                else f"Tahun {tahun} tetap dihitung dengan aturan saat ditetapkan."
            )
            + (
                f" Triwulan {daftar_kata([romawi(q) for q in buka_tw])} dibuka kembali untuk "
                "dikoreksi operator."
                if (buka_tw := sorted(set(form.cleaned_data["triwulan"])))
                else ""
            ),
        )
    return redirect(url_editor(pd, tahun))


@require_safe
def snapshot(request: HttpRequest, kode: str, tahun: int, versi: int) -> FileResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    s = (
        SnapshotLKjIP.objects.select_related("lkjip__perangkat_daerah")
        .filter(lkjip__perangkat_daerah=pd, lkjip__tahun=tahun, versi=versi)
        .first()
    )
    if s is None:
        raise Http404(f"LKjIP tahun {tahun} versi {versi} tidak ditemukan.")
    try:
        berkas = s.berkas.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Berkas PDF yang ditetapkan tidak ditemukan di penyimpanan.") from None
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=nama_berkas_snapshot(s),
        content_type="application/pdf",
    )
