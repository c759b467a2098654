"""The read-only JSON API: what a kabupaten's other systems read from LKjIP.

Every answer is JSON, errors too (``{"galat": "..."}``: 401 without a valid token, 404
for what the user may not see — exactly as the pages answer, through the same access
functions). Numbers are written exactly (``kinerja.paket.serializer.dumps``); the
schema is ``/api/v1/openapi.json`` (``api/skema.py``)."""

from __future__ import annotations

import functools
import json

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from api.auth import pengguna_api
from api.skema import skema
from kinerja.access import get_perangkat_daerah_for_user, perangkat_daerah_terlihat
from kinerja.engine.hitung import HitungError
from kinerja.paket.serializer import dumps

JSON = "application/json"


def jawab(data, status: int = 200) -> HttpResponse:
    return HttpResponse(dumps(data, indent=None), content_type=JSON, status=status)


def galat(pesan: str, status: int) -> HttpResponse:
    r = jawab({"galat": pesan}, status)
    if status == 401:
        r["WWW-Authenticate"] = 'Bearer realm="lkjip"'
    return r


def api(view):
    """A read-only endpoint: its user from the token or the session; errors as JSON."""

    @login_not_required
    @require_safe
    @functools.wraps(view)
    def bungkus(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = pengguna_api(request)
        if user is None:
            return galat("Token API tidak ada, salah atau sudah dicabut.", 401)
        request.user = user
        try:
            return view(request, *args, **kwargs)
        except Http404 as e:
            return galat(str(e) or "Tidak ditemukan.", 404)
        except PermissionDenied as e:
            return galat(str(e) or "Tidak diizinkan.", 403)

    return bungkus


def _tahun(teks: str) -> int:
    if not teks.isdigit() or not 1900 <= int(teks) <= 2200:
        raise Http404("Tahun tidak dikenal.")
    return int(teks)


def _pd(request, kode: str):
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    return pd


def _hasil(request, kode: str, tahun: str):
    from kinerja.engine.hitung import hitung
    from laporan.selectors_paket import paket_muat

    pd = _pd(request, kode)
    th = _tahun(tahun)
    try:
        return pd, hitung(paket_muat(pd, th), th).sebagai_dict()
    except HitungError as e:
        raise Http404(f"Tidak ada data tahun {th} untuk perangkat daerah ini.") from e


@login_not_required
@require_safe
def openapi(request: HttpRequest) -> HttpResponse:
    return HttpResponse(json.dumps(skema(), ensure_ascii=False), content_type=JSON)


@api
def daftar_pd(request: HttpRequest) -> HttpResponse:
    return jawab(
        {
            "perangkat_daerah": [
                {
                    "kode": pd.kode,
                    "nama": pd.nama,
                    "jenis": pd.jenis,
                    "pemda": {"kode": pd.pemda.kode, "nama": pd.pemda.nama},
                }
                for pd in perangkat_daerah_terlihat(request.user).order_by("kode")
            ]
        }
    )


_INDIKATOR = (
    "kode", "nama", "tingkat", "induk", "iku", "satuan", "polaritas", "tipe_penghitungan",
    "target", "target_label", "sumber_target", "realisasi", "realisasi_label", "capaian",
    "capaian_skor", "predikat", "tercapai", "triwulan",
)  # fmt: skip


@api
def kinerja(request: HttpRequest, kode: str, tahun: str) -> HttpResponse:
    pd, h = _hasil(request, kode, tahun)
    return jawab(
        {
            "perangkat_daerah": pd.kode,
            "tahun": h["tahun"],
            "indikator": [{k: i[k] for k in _INDIKATOR} for i in h["indikator"]],
            "rata_rata_capaian_iku": h["ringkasan"].get("rata_rata_capaian_iku"),
        }
    )


@api
def anggaran(request: HttpRequest, kode: str, tahun: str) -> HttpResponse:
    pd, h = _hasil(request, kode, tahun)
    r = h["ringkasan"]
    return jawab(
        {
            "perangkat_daerah": pd.kode,
            "tahun": h["tahun"],
            "pagu_total": r.get("pagu_total"),
            "realisasi_total": r.get("realisasi_total"),
            "penyerapan_total": r.get("penyerapan_total"),
            "anggaran": [
                {
                    k: a.get(k)
                    for k in ("kode", "nama", "tingkat", "pagu", "realisasi", "penyerapan")
                }
                for a in h["anggaran"]
            ],
        }
    )


@api
def anggaran_sasaran(request: HttpRequest, kode: str, tahun: str) -> HttpResponse:
    """The pagu and realisasi a report states per sasaran, as held (matching no program)."""
    from anggaran.selectors import anggaran_sasaran_tahun
    from kinerja.engine.penyerapan import penyerapan
    from kinerja.selectors.tahun import tahun_dibuka

    pd = _pd(request, kode)
    th = _tahun(tahun)
    if not tahun_dibuka(pd, th):
        raise Http404(f"Tidak ada data tahun {th} untuk perangkat daerah ini.")
    return jawab(
        {
            "perangkat_daerah": pd.kode,
            "tahun": th,
            "anggaran_sasaran": [
                {
                    "sasaran": a.sasaran.kode,
                    "uraian": a.sasaran.uraian,
                    "tahun": a.tahun,
                    "pagu": a.pagu,
                    "realisasi": a.realisasi,
                    "penyerapan": penyerapan(a.pagu, a.realisasi),
                }
                for a in anggaran_sasaran_tahun(pd, th)
            ],
        }
    )


@api
def lkjip(request: HttpRequest, kode: str, tahun: str) -> HttpResponse:
    from laporan.models import LKjIP, SnapshotLKjIP

    pd = _pd(request, kode)
    th = _tahun(tahun)
    x = LKjIP.objects.filter(perangkat_daerah=pd, tahun=th).first()
    if x is None:
        raise Http404(f"Tidak ada LKjIP tahun {th} untuk perangkat daerah ini.")
    snapshot = SnapshotLKjIP.objects.filter(lkjip=x).order_by("-versi")
    return jawab(
        {
            "perangkat_daerah": pd.kode,
            "tahun": th,
            "status": x.status,
            "dokumen_ditetapkan": [
                {
                    "versi": s.versi,
                    "sha256": s.sha256,
                    "halaman": s.halaman,
                    "ditetapkan_pada": s.ditetapkan_pada.isoformat(),
                    "penandatangan": s.nama_penandatangan,
                }
                for s in snapshot
            ],
        }
    )


def tidak_ditemukan(request: HttpRequest, exception=None) -> HttpResponse:
    """404 of the site: JSON under /api/, the page elsewhere."""
    if request.path.startswith("/api/"):
        return galat("Tidak ditemukan.", 404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)
