"""A DPA version from the finance system's file: upload, (pick the columns when their
header words were not recognised), preview old → new, save all or nothing."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe
from openpyxl.utils import get_column_letter

from anggaran.impor_xlsx import (
    BerkasDitolak,
    Galat,
    Lembar,
    Pemetaan,
    baca_anggaran,
    buka_lembar,
    kenali_kolom,
)
from anggaran.models import DPA
from anggaran.services.impor import Tujuan
from anggaran.views.common import label_versi
from kinerja.access import get_editable_perangkat_daerah_for_user, get_perangkat_daerah_for_user
from kinerja.antrean_impor import minta, perlu_antrean

SESI = "impor_pagu"
CONTOH_BARIS = 12


def _dpa(pd, tahun: int, versi: str) -> DPA:
    dpa = DPA.objects.filter(perangkat_daerah=pd, tahun=tahun, versi=versi).first()
    if dpa is None:
        raise Http404("Versi DPA tidak ditemukan.")
    return dpa


def _pemetaan_diminta(post, lembar: Lembar) -> Pemetaan | None:
    """The columns the user picked on the preview (0-based), when all are given."""
    try:
        kepala = int(post["baris_kepala"]) - 1
        kode, jumlah = int(post["kolom_kode"]), int(post["kolom_jumlah"])
        uraian = int(post["kolom_uraian"]) if post.get("kolom_uraian") not in (None, "") else None
    except (KeyError, ValueError):
        return None
    lebar = max((len(r) for r in lembar.sel), default=0)
    if not (0 <= kepala < len(lembar.sel)) or not all(
        0 <= k < lebar for k in (kode, jumlah, *(() if uraian is None else (uraian,)))
    ):
        return None
    return Pemetaan(baris_kepala=kepala, kode=kode, jumlah=jumlah, uraian=uraian)


def _pilihan_kolom(lembar: Lembar, kepala: int) -> list[tuple[int, str]]:
    lebar = max((len(r) for r in lembar.sel), default=0)
    return [
        (k, f"{get_column_letter(k + 1)} — {lembar.judul_kolom(kepala, k) or '(tanpa judul)'}")
        for k in range(lebar)
    ]


@require_http_methods(["GET", "HEAD", "POST"])
def impor_dpa(request: HttpRequest, kode: str, tahun: int, versi: str) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    dpa = _dpa(pd, tahun, versi)
    tujuan = Tujuan.untuk_dpa(dpa)
    ctx = {
        "url_templat": reverse("anggaran-dpa-templat", args=[pd.kode, tahun, versi]),
        "url_kembali": reverse("anggaran-dpa", args=[pd.kode, tahun, versi]),
        "kunci_sesi": f"{SESI}:dpa:{dpa.pk}",
    }
    return _impor(request, tujuan, ctx)


@require_http_methods(["GET", "HEAD", "POST"])
def impor_realisasi(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    if triwulan not in (1, 2, 3, 4):
        raise Http404("Triwulan tidak dikenal.")
    tujuan = Tujuan.untuk_realisasi(pd, tahun, triwulan)
    ctx = {
        "url_kembali": reverse("anggaran-realisasi", args=[pd.kode, tahun, triwulan]),
        "kunci_sesi": f"{SESI}:realisasi:{pd.pk}:{tahun}:{triwulan}",
    }
    return _impor(request, tujuan, ctx)


def _impor(request: HttpRequest, tujuan: Tujuan, ctx: dict) -> HttpResponse:
    ctx.update(
        pd=tujuan.pd,
        tahun=tujuan.tahun,
        tujuan=tujuan,
        url_dpa=ctx["url_kembali"],
        url_impor=request.path,
    )
    if request.method != "POST":
        return render(request, "anggaran/impor.html", ctx)
    langkah = request.POST.get("langkah", "unggah")
    sesi = request.session.get(ctx["kunci_sesi"]) or {}
    if langkah == "simpan":
        return _simpan(request, tujuan, sesi, ctx)
    if "berkas" in request.FILES:
        data = request.FILES["berkas"].read()
        if sesi.get("berkas"):
            default_storage.delete(sesi["berkas"])
        nama = default_storage.save(f"impor/{secrets.token_hex(16)}.xlsx", ContentFile(data))
        sesi = {"berkas": nama, "token": secrets.token_urlsafe(16)}
    elif not sesi or not default_storage.exists(sesi["berkas"]):
        ctx["galat"] = [Galat("Pilih berkas Excel (.xlsx) yang akan diunggah.")]
        return render(request, "anggaran/impor.html", ctx, status=400)
    else:
        with default_storage.open(sesi["berkas"], "rb") as f:
            data = f.read()
    sesi["kumulatif"] = request.POST.get("kumulatif") == "1"
    request.session[ctx["kunci_sesi"]] = sesi
    return _pratinjau(request, tujuan, sesi, data, ctx)


def _baca(request, tujuan: Tujuan, data: bytes, pemetaan_sesi: dict | None = None):
    """(sheet, mapping, rows, problems); mapping None when it must be picked."""
    daftar = buka_lembar(data)
    if pemetaan_sesi:
        lembar = next(lb for lb in daftar if lb.nama == pemetaan_sesi["sheet"])
        pemetaan = Pemetaan(**pemetaan_sesi["kolom"])
    else:
        nama = request.POST.get("sheet")
        lembar = next((lb for lb in daftar if lb.nama == nama), None)
        pemetaan = _pemetaan_diminta(request.POST, lembar) if lembar else None
        if pemetaan is None:
            for lb in daftar if lembar is None else [lembar]:
                pemetaan = kenali_kolom(lb, tujuan.jenis, tujuan.versi)
                if pemetaan is not None:
                    lembar = lb
                    break
        lembar = lembar or daftar[0]
    if pemetaan is None:
        return lembar, None, [], []
    baris, galat = baca_anggaran(
        lembar, pemetaan, tujuan.pohon().pohon, jenis_belanja=tujuan.dpa is not None
    )
    return lembar, pemetaan, baris, galat


def _pratinjau(request, tujuan: Tujuan, sesi: dict, data: bytes, ctx: dict) -> HttpResponse:
    try:
        lembar, pemetaan, dibaca, galat = _baca(request, tujuan, data)
    except BerkasDitolak as e:
        ctx["galat"] = e.galat
        return render(request, "anggaran/impor.html", ctx, status=400)
    ctx.update(lembar=lembar, kumulatif=sesi.get("kumulatif", False))
    if pemetaan is None:
        ctx.update(
            pilih_kolom=True,
            contoh=[
                (i + 1, [("" if v is None else v) for v in row])
                for i, row in enumerate(lembar.sel[:CONTOH_BARIS])
            ],
            kolom=_pilihan_kolom(lembar, 0),
        )
        return render(request, "anggaran/impor.html", ctx)
    ctx.update(
        pemetaan=pemetaan,
        judul_kode=lembar.judul_kolom(pemetaan.baris_kepala, pemetaan.kode),
        judul_jumlah=lembar.judul_kolom(pemetaan.baris_kepala, pemetaan.jumlah),
        kolom=_pilihan_kolom(lembar, pemetaan.baris_kepala),
    )
    if galat:
        ctx["galat"] = galat
        return render(request, "anggaran/impor.html", ctx, status=400)
    try:
        baris, masalah = tujuan.baris(dibaca, sesi.get("kumulatif", False))
        if masalah:
            raise ValidationError(masalah)
        perubahan = tujuan.pratinjau(baris)
    except ValidationError as e:
        ctx["galat"] = [Galat(m) for m in e.messages]
        return render(request, "anggaran/impor.html", ctx, status=400)
    sesi["pemetaan"] = {"sheet": lembar.nama, "kolom": vars(pemetaan).copy()}
    sesi["jumlah_baris"] = len(dibaca)
    request.session[ctx["kunci_sesi"]] = sesi
    ctx.update(perubahan=perubahan, token=sesi["token"], jumlah_dibaca=len(baris))
    return render(request, "anggaran/impor.html", ctx)


def _simpan(request, tujuan: Tujuan, sesi: dict, ctx: dict) -> HttpResponse:
    if (
        not sesi
        or sesi.get("token") != request.POST.get("token")
        or "pemetaan" not in sesi
        or not default_storage.exists(sesi["berkas"])
    ):
        messages.error(request, "Pratinjau impor sudah tidak berlaku; unggah berkasnya lagi.")
        return redirect(request.path)
    if perlu_antrean(sesi.get("jumlah_baris")):
        return _ke_antrean(request, tujuan, sesi, ctx)
    with default_storage.open(sesi["berkas"], "rb") as f:
        data = f.read()
    _lembar, _pemetaan, dibaca, galat = _baca(request, tujuan, data, sesi["pemetaan"])
    try:
        if galat:
            raise ValidationError([str(g) for g in galat])
        baris, masalah = tujuan.baris(dibaca, sesi.get("kumulatif", False))
        if masalah:
            raise ValidationError(masalah)
        n = tujuan.simpan(baris, request.user)
    except ValidationError as e:
        ctx["galat"] = [Galat(m) for m in e.messages]
        return render(request, "anggaran/impor.html", ctx, status=409)
    default_storage.delete(sesi["berkas"])
    del request.session[ctx["kunci_sesi"]]
    messages.success(
        request,
        f"Impor {tujuan.judul} tersimpan: {n} angka diubah."
        if n
        else "Berkas tidak mengubah angka apa pun.",
    )
    return redirect(ctx["url_kembali"])


def _ke_antrean(request, tujuan: Tujuan, sesi: dict, ctx: dict) -> HttpResponse:
    """A large file is saved by a job on the queue (``kinerja.antrean_impor``), which
    reads the stored file again with the columns of the preview."""
    del request.session[ctx["kunci_sesi"]]
    return redirect(
        minta(
            jenis="anggaran",
            pengguna=request.user,
            pemda=tujuan.pd.pemda,
            pd=tujuan.pd,
            judul=tujuan.judul,
            muatan={
                "dpa": tujuan.dpa.pk if tujuan.dpa is not None else None,
                "tahun": tujuan.tahun,
                "triwulan": tujuan.triwulan,
                "pemetaan": sesi["pemetaan"],
                "kumulatif": sesi.get("kumulatif", False),
            },
            berkas=sesi["berkas"],
            jumlah_baris=sesi["jumlah_baris"],
            url_kembali=ctx["url_kembali"],
        )
    )


@require_safe
def templat_dpa(request: HttpRequest, kode: str, tahun: int, versi: str) -> HttpResponse:
    """A workbook "Kode | Uraian | Pagu" listing the year's program tree and the standard
    accounts, with the pagu stored now: fill it and import it."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from anggaran.models import Pagu, PaguJenisBelanja
    from anggaran.selectors import pohon_node
    from kinerja.engine.hitung import nama_jenis_belanja

    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    dpa = _dpa(pd, tahun, versi)
    tersimpan = {}
    for p in Pagu.objects.filter(dpa=dpa):
        tersimpan[(p.program_id, p.kegiatan_id, p.sub_kegiatan_id)] = p.jumlah
    wb = Workbook()
    ws = wb.active
    ws.title = f"Pagu DPA {label_versi(versi)}"[:31]
    ws.append(["Kode", "Uraian", "Pagu"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for tingkat, node, _ in pohon_node(pd, tahun):
        kunci = (
            node.pk if tingkat == "program" else None,
            node.pk if tingkat == "kegiatan" else None,
            node.pk if tingkat == "sub_kegiatan" else None,
        )
        ws.append([node.kode, getattr(node, "nama", ""), tersimpan.get(kunci)])
    jenis = {j.kode: j.jumlah for j in PaguJenisBelanja.objects.filter(dpa=dpa)}
    for k, nama in nama_jenis_belanja(tahun).items():
        ws.append([k, nama, jenis.get(k)])
    for huruf, lebar in (("A", 20), ("B", 70), ("C", 20)):
        ws.column_dimensions[huruf].width = lebar
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "#,##0"
    out = io.BytesIO()
    wb.save(out)
    r = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    r["Content-Disposition"] = f'attachment; filename="templat-pagu-{pd.kode}-{tahun}-{versi}.xlsx"'
    return r
