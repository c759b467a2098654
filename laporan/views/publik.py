"""Public verification of a signed LKjIP (no login): what was signed, and does a file match it.

The uploaded file is never stored: a dedicated upload handler hashes the bytes
as they arrive and keeps nothing but the SHA-256 and the size.
"""

from __future__ import annotations

import hashlib
import re

from django.contrib.auth.decorators import login_not_required
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from kinerja.audit import format_waktu
from kinerja.bukti import format_ukuran
from laporan.forms import KodeForm, UnggahForm
from laporan.models import SnapshotLHE, SnapshotLKjIP
from laporan.selectors import status_snapshot

BATAS_UNGGAH = 50 * 1024 * 1024
# Room for the multipart envelope and the CSRF field around the file itself.
BATAS_PERMINTAAN = BATAS_UNGGAH + 64 * 1024

PESAN_COCOK = "Berkas COCOK dengan dokumen yang ditetapkan"
PESAN_TIDAK_COCOK = "Berkas TIDAK COCOK: isi berkas berbeda dari yang ditetapkan"
PESAN_TERLALU_BESAR = "Berkas lebih besar dari {batas}; LKjIP yang ditetapkan tidak sebesar itu."
PESAN_BUKAN_DITETAPKAN = "Bukan dokumen yang ditetapkan: SHA-256 ini tidak terdaftar."
PESAN_SHA_TIDAK_SAH = "SHA-256 tidak sah: harus 64 angka heksadesimal."
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


class HashedUploadedFile(UploadedFile):
    """What is left of an uploaded file: its name, size and SHA-256, no content."""

    def __init__(self, name: str, size: int, sha256: str, content_type: str | None):
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.sha256 = sha256

    def __bool__(self) -> bool:
        return True


class SHA256UploadHandler(FileUploadHandler):
    """Hash each uploaded file chunk by chunk; nothing is written to memory or disk."""

    def __init__(self, request=None, batas: int = BATAS_UNGGAH):
        super().__init__(request)
        self.batas = batas
        self.terlalu_besar = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self._hash = hashlib.sha256()
        self._ukuran = 0

    def receive_data_chunk(self, raw_data: bytes, start: int):
        self._ukuran += len(raw_data)
        if self._ukuran > self.batas:
            self.terlalu_besar = True
            raise StopUpload(connection_reset=False)
        self._hash.update(raw_data)
        return None

    def file_complete(self, file_size: int):
        return HashedUploadedFile(
            self.file_name, self._ukuran, self._hash.hexdigest(), self.content_type
        )


def _cari(kode_isi: str) -> SnapshotLKjIP | None:
    return (
        SnapshotLKjIP.objects.select_related("lkjip__perangkat_daerah__pemda", "ditetapkan_oleh")
        .filter(kode_isi=kode_isi.lower())
        .first()
    )


def _tidak_dikenal(request: HttpRequest, kode_isi: str) -> HttpResponse:
    return render(
        request,
        "laporan/verifikasi_tidak_dikenal.html",
        {"page": "verifikasi", "kode_isi": kode_isi[:64], "form": KodeForm()},
        status=404,
    )


@login_not_required
@require_safe
def verifikasi_cari(request: HttpRequest) -> HttpResponse:
    form = KodeForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("verifikasi", kode_isi=form.cleaned_data["kode"])
    return render(request, "laporan/verifikasi_cari.html", {"page": "verifikasi", "form": form})


@login_not_required
@csrf_exempt  # checked below, after the upload handler is set (Django's documented order)
@require_http_methods(["GET", "HEAD", "POST"])
def verifikasi(request: HttpRequest, kode_isi: str) -> HttpResponse:
    snapshot = _cari(kode_isi)
    lhe = None if snapshot is not None else _cari_lhe(kode_isi)
    if snapshot is None and lhe is None:
        return _tidak_dikenal(request, kode_isi)
    if lhe is not None:
        snapshot = lhe
    if request.method == "POST":
        try:
            panjang = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            panjang = 0
        if panjang > BATAS_PERMINTAAN:
            return _halaman(request, snapshot, error=_pesan_besar(), status=413)
        request.upload_handlers = [SHA256UploadHandler(request)]
    return _verifikasi(request, snapshot)


def _cari_lhe(kode_isi: str) -> SnapshotLHE | None:
    """The stored LHE of a final evaluation with this content code: the verification page
    recognises it like a signed LKjIP."""
    return (
        SnapshotLHE.objects.select_related("perangkat_daerah__pemda")
        .filter(kode_isi=kode_isi.lower())
        .first()
    )


def _halaman_lhe(request: HttpRequest, s: SnapshotLHE, **lain) -> HttpResponse:
    status = lain.pop("status", 200)
    ctx = {
        "page": "verifikasi",
        "s": s,
        "pd": s.perangkat_daerah,
        "pemda": s.perangkat_daerah.pemda,
        "waktu": format_waktu(s.dibuat_pada),
        "ukuran": format_ukuran(s.ukuran),
        "batas": format_ukuran(BATAS_UNGGAH),
        "form": lain.get("form") or UnggahForm(),
        "hasil": lain.get("hasil"),
        "galat": lain.get("error"),
    }
    return render(request, "laporan/verifikasi_lhe.html", ctx, status=status)


def _pesan_besar() -> str:
    return PESAN_TERLALU_BESAR.format(batas=format_ukuran(BATAS_UNGGAH))


@csrf_protect
def _verifikasi(request: HttpRequest, snapshot: SnapshotLKjIP | SnapshotLHE) -> HttpResponse:
    if request.method != "POST":
        return _halaman(request, snapshot)
    form = UnggahForm(request.POST, request.FILES)
    handler = request.upload_handlers[0] if request.upload_handlers else None
    if getattr(handler, "terlalu_besar", False):
        return _halaman(request, snapshot, error=_pesan_besar(), status=413)
    if not form.is_valid():
        return _halaman(request, snapshot, form=form, status=400)
    berkas = form.cleaned_data["berkas"]
    sha = getattr(berkas, "sha256", None)
    if sha is None:  # another handler read the file (never in normal use)
        h = hashlib.sha256()
        for chunk in berkas.chunks():
            h.update(chunk)
        sha = h.hexdigest()
    cocok = sha == snapshot.sha256
    lain = None
    if not cocok and isinstance(snapshot, SnapshotLKjIP):
        lain = (
            SnapshotLKjIP.objects.select_related("lkjip__perangkat_daerah")
            .filter(sha256=sha)
            .first()
        )
    hasil = {
        "cocok": cocok,
        "pesan": PESAN_COCOK if cocok else PESAN_TIDAK_COCOK,
        "nama": berkas.name,
        "ukuran": format_ukuran(berkas.size),
        "sha256": sha,
        "lain": lain,
    }
    return _halaman(request, snapshot, hasil=hasil)


def _halaman(
    request: HttpRequest,
    snapshot: SnapshotLKjIP | SnapshotLHE,
    *,
    form: UnggahForm | None = None,
    hasil: dict | None = None,
    error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    if isinstance(snapshot, SnapshotLHE):
        return _halaman_lhe(request, snapshot, form=form, hasil=hasil, error=error, status=status)
    st = status_snapshot(snapshot)
    lkjip = snapshot.lkjip
    ctx = {
        "page": "verifikasi",
        "s": snapshot,
        "st": st,
        "lkjip": lkjip,
        "pd": lkjip.perangkat_daerah,
        "pemda": lkjip.perangkat_daerah.pemda,
        "waktu": format_waktu(snapshot.ditetapkan_pada),
        "waktu_buka": format_waktu(st.dibuka_kembali.waktu) if st.dibuka_kembali else None,
        "ukuran": format_ukuran(snapshot.ukuran),
        "batas": format_ukuran(BATAS_UNGGAH),
        "form": form or UnggahForm(),
        "hasil": hasil,
        "galat": error,
    }
    return render(request, "laporan/verifikasi.html", ctx, status=status)


@login_not_required
@require_safe
def verifikasi_json(request: HttpRequest, sha256: str) -> JsonResponse:
    """Is ``sha256`` the SHA-256 of a signed snapshot? For ``manage.py periksa_pdf
    --server``: what the verification page shows, as JSON (404 when not registered)."""
    if not _SHA256.fullmatch(sha256):
        return JsonResponse({"terdaftar": False, "pesan": PESAN_SHA_TIDAK_SAH}, status=400)
    snapshot = (
        SnapshotLKjIP.objects.select_related("lkjip__perangkat_daerah__pemda")
        .filter(sha256=sha256.lower())
        .first()
    )
    if snapshot is None:
        return _verifikasi_json_lhe(request, sha256)
    st = status_snapshot(snapshot)
    lkjip = snapshot.lkjip
    pemda = lkjip.perangkat_daerah.pemda
    halaman = reverse("verifikasi", kwargs={"kode_isi": snapshot.kode_isi})
    return JsonResponse(
        {
            "terdaftar": True,
            "pesan": PESAN_COCOK,
            "perangkat_daerah": lkjip.perangkat_daerah.nama,
            "pemerintah_daerah": pemda.nama,
            "tahun": lkjip.tahun,
            "versi": snapshot.versi,
            "versi_terbaru": st.versi_terbaru,
            "berlaku": st.berlaku,
            "dibuka_kembali": st.dibuka_kembali is not None,
            "ditetapkan_pada": format_waktu(snapshot.ditetapkan_pada),
            "ditetapkan_oleh": f"{snapshot.nama_penandatangan}, {snapshot.jabatan_penandatangan}",
            "halaman": snapshot.halaman,
            "kode_isi": snapshot.kode_isi,
            "sha256": snapshot.sha256,
            "halaman_verifikasi": request.build_absolute_uri(halaman),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _verifikasi_json_lhe(request: HttpRequest, sha256: str) -> JsonResponse:
    s = (
        SnapshotLHE.objects.select_related("perangkat_daerah__pemda")
        .filter(sha256=sha256.lower())
        .first()
    )
    if s is None:
        return JsonResponse({"terdaftar": False, "pesan": PESAN_BUKAN_DITETAPKAN}, status=404)
    halaman = reverse("verifikasi", kwargs={"kode_isi": s.kode_isi})
    return JsonResponse(
        {
            "terdaftar": True,
            "jenis": "LHE",
            "pesan": PESAN_COCOK,
            "perangkat_daerah": s.perangkat_daerah.nama,
            "pemerintah_daerah": s.perangkat_daerah.pemda.nama,
            "tahun": s.tahun,
            "nilai": str(s.nilai),
            "predikat": s.predikat,
            "dicetak_pada": format_waktu(s.dibuat_pada),
            "halaman": s.halaman,
            "kode_isi": s.kode_isi,
            "sha256": s.sha256,
            "halaman_verifikasi": request.build_absolute_uri(halaman),
        },
        json_dumps_params={"ensure_ascii": False},
    )
