"""The Inspektorat's view of a pemda: every perangkat daerah's LKjIP, signed PDFs, evidence zip."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from kinerja.access import PERAN_INSPEKTORAT, get_pemda_for_user, peran
from kinerja.audit import format_waktu
from kinerja.models import BuktiDukung, Pemda, Peran, PerangkatDaerah, StatusTriwulan
from kinerja.services.tenggat import tenggat_tahun
from laporan.models import LKjIP, SnapshotLKjIP
from laporan.tables import tabel_evaluasi

PESAN_BUKAN_EVALUATOR = (
    "Daftar evaluasi hanya untuk evaluator (Inspektorat) dan admin pemda; buka LKjIP perangkat "
    "daerah Anda dari beranda."
)


def get_pemda_evaluasi_for_user(user, kode: str) -> Pemda:
    """The pemda for its evaluator or admin pemda: 404 for another pemda, 403 for the
    operators and kepala of its perangkat daerah."""
    pemda, _ = get_pemda_for_user(user, kode)
    if getattr(user, "is_superuser", False):
        return pemda
    p = peran(user)
    if p is None or p.jenis not in (*PERAN_INSPEKTORAT, Peran.Jenis.ADMIN_PEMDA):
        raise PermissionDenied(PESAN_BUKAN_EVALUATOR)
    return pemda


@require_safe
def daftar(request: HttpRequest, kode: str) -> HttpResponse:
    pemda = get_pemda_evaluasi_for_user(request.user, kode)
    semua_pd = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("kode"))
    lkjip = list(
        LKjIP.objects.filter(perangkat_daerah__pemda=pemda).order_by("perangkat_daerah", "-tahun")
    )
    terbaru: dict[int, SnapshotLKjIP] = {}
    jumlah_versi: dict[int, int] = {}
    for s in SnapshotLKjIP.objects.filter(lkjip__in=lkjip).order_by("lkjip", "-versi"):
        terbaru.setdefault(s.lkjip_id, s)
        jumlah_versi[s.lkjip_id] = jumlah_versi.get(s.lkjip_id, 0) + 1
    bukti = {
        (row["realisasi__indikator__renstra__perangkat_daerah"], row["realisasi__tahun"]): row["n"]
        for row in BuktiDukung.objects.filter(
            realisasi__indikator__renstra__perangkat_daerah__pemda=pemda
        )
        .values("realisasi__indikator__renstra__perangkat_daerah", "realisasi__tahun")
        .annotate(n=Count("id"))
    }
    status_tw: dict[tuple[int, int], dict[int, str]] = {}
    for row in StatusTriwulan.objects.filter(perangkat_daerah__pemda=pemda).values(
        "perangkat_daerah_id", "tahun", "triwulan", "status"
    ):
        status_tw.setdefault((row["perangkat_daerah_id"], row["tahun"]), {})[row["triwulan"]] = row[
            "status"
        ]
    per_id = {p.pk: p for p in semua_pd}
    per_pd: dict[int, list[dict]] = {}
    for x in lkjip:
        pd = per_id[x.perangkat_daerah_id]
        s = terbaru.get(x.pk)
        kw = {"kode": pd.kode, "tahun": x.tahun}
        per_pd.setdefault(x.perangkat_daerah_id, []).append(
            {
                "tahun": x.tahun,
                "status": x.status,
                "label": x.get_status_display(),
                "snapshot": s,
                "jumlah_versi": jumlah_versi.get(x.pk, 0),
                "waktu": format_waktu(s.ditetapkan_pada) if s else None,
                "url_pdf": reverse("lkjip-snapshot", kwargs={**kw, "versi": s.versi})
                if s
                else None,
                "url_verifikasi": reverse("verifikasi", kwargs={"kode_isi": s.kode_isi})
                if s
                else None,
                "url_editor": reverse("lkjip-editor", kwargs=kw),
                "url_draf": reverse("lkjip-draf-pdf", kwargs=kw),
                "bukti": bukti.get((pd.pk, x.tahun), 0),
                "terlambat": [
                    t.romawi
                    for t in tenggat_tahun(pemda, x.tahun, status_tw.get((pd.pk, x.tahun), {}))
                    if t.terlambat
                ],
                "url_bukti": reverse(
                    "evaluasi-bukti-zip",
                    kwargs={"kode": pemda.kode, "kode_pd": pd.kode, "tahun": x.tahun},
                ),
            }
        )
    daftar = [{"pd": pd, "tahun": per_pd.get(pd.pk, [])} for pd in semua_pd]
    ctx = {
        "page": "evaluasi-daftar",
        "pemda": pemda,
        "daftar": daftar,
        "tabel": tabel_evaluasi(daftar),
        "jumlah_ditetapkan": sum(1 for x in lkjip if x.status == LKjIP.Status.DITETAPKAN),
        "jumlah_lkjip": len(lkjip),
        "unduh_ringkasan": [
            (th, reverse("evaluasi-ringkasan-xlsx", kwargs={"kode": pemda.kode, "tahun": th}))
            for th in sorted({x.tahun for x in lkjip}, reverse=True)
        ],
    }
    return render(request, "laporan/evaluasi_daftar.html", ctx)


@require_safe
def bukti_zip(request: HttpRequest, kode: str, kode_pd: str, tahun: int) -> HttpResponse:
    """The year's evidence as one zip, written by a job on the queue (``laporan.jobs``):
    at once when the same files were zipped before, else its progress page."""
    from django.http import FileResponse
    from django.shortcuts import redirect

    from laporan.jobs import bukti_minta
    from laporan.models import CetakJob
    from laporan.views.cetak import nama_berkas

    pemda = get_pemda_evaluasi_for_user(request.user, kode)
    pd = PerangkatDaerah.objects.filter(pemda=pemda, kode=kode_pd).first()
    if pd is None:
        raise Http404("Perangkat daerah tidak ditemukan di pemda ini.")
    job = bukti_minta(pd, tahun, request.user)
    if job.status == CetakJob.Status.SELESAI:
        return FileResponse(
            job.berkas.open("rb"),
            content_type="application/zip",
            as_attachment=True,
            filename=nama_berkas(job),
        )
    return redirect("lkjip-cetak-status", kode=pd.kode, tahun=tahun, job=job.pk)
