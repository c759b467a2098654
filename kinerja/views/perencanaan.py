"""Planning screens: Renstra, indikator, program tree, Perjanjian Kinerja, Rencana Aksi.

Every view checks access on its first line (kinerja.access), reads through
kinerja.selectors.perencanaan, builds its form from kinerja.forms.perencanaan and
writes through kinerja.services.perencanaan. Pages read with a fixed number of
queries, whatever the number of indicators.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja.access import (
    PESAN_HANYA_BACA,
    boleh_ubah_renstra,
    get_editable_perangkat_daerah_for_user,
    get_perangkat_daerah_for_user,
)
from kinerja.engine.pohon import (
    daftar_tingkat,
    kotak_muat,
    pohon_kinerja,
    tabel_pohon_kinerja,
)
from kinerja.forms.asal import segarkan_asal
from kinerja.forms.errors import add_service_errors
from kinerja.forms.perencanaan import (
    IndikatorForm,
    PerubahanBaruForm,
    PKForm,
    RencanaAksiForm,
    form_indikator,
    form_pk,
)
from kinerja.models import Indikator, PerangkatDaerah, PerjanjianKinerja, Renstra
from kinerja.penandatangan import penandatanganan
from kinerja.selectors import perencanaan as baca
from kinerja.selectors.paket import paket_kinerja
from kinerja.selectors.tahun import tahun_dibuka, tahun_terkunci_dari
from kinerja.services.perencanaan import indikator as indikator_services
from kinerja.services.perencanaan.periode import renstra_tahun
from kinerja.services.perencanaan.pk import (
    kunci_anggaran_pk,
    kunci_target_pk,
    perjanjian_kinerja_buat_perubahan,
    perjanjian_kinerja_ubah,
    versi_berikutnya,
)
from kinerja.services.perencanaan.rencana_aksi import kunci_rencana_aksi, rencana_aksi_simpan
from kinerja.services.renstra import (
    renstra_dipakai,
    revisi_terbuka,
    ringkasan_versi,
    versi_renstra_pk,
)
from kinerja.tables import (
    tabel_anggaran_pk,
    tabel_anggaran_pk_berjenjang,
    tabel_beda_anggaran_pk,
    tabel_beda_target_pk,
    tabel_log_indikator,
    tabel_program,
    tabel_riwayat_capaian,
    tabel_sasaran_pk_berjenjang,
    tabel_target_pk,
    tabel_target_pk_indikator,
    tabel_target_renstra_indikator,
)
from kinerja.views.common import perencanaan_context, tahun_aktif
from kinerja.views.tahun import halaman_tahun_belum_dibuka
from lib.format import ROMAWI_TRIWULAN
from lib.pohon_svg import pohon_svg, tata_letak

# --------------------------------------------------------------------------- shared


def _renstra_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra covering ``tahun``; 404 when the perangkat daerah holds nothing for that year."""
    renstra = renstra_tahun(pd, tahun)
    if renstra is None and not tahun_dibuka(pd, tahun):
        raise Http404(f"Tidak ada data tahun {tahun}.")
    return renstra


def _terkunci(pd: PerangkatDaerah, tahun: int) -> bool:
    return bool(tahun_terkunci_dari(pd, [tahun]))


# --------------------------------------------------------------------------- Renstra


@require_safe
def renstra(request: HttpRequest, kode: str) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    daftar = list(Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai"))
    tahun = tahun_aktif(request, pd)
    r = baca.pilih_renstra(daftar, tahun)
    ctx = perencanaan_context(pd, "perencanaan-renstra", tahun, boleh_ubah)
    ctx.update({"renstra": r, "daftar_renstra": daftar})
    if r is not None:
        ctx.update(baca.tujuan_renstra(r, list(range(r.mulai, r.selesai + 1))))
        ctx.update(ringkasan_versi(r))
        ctx.update(_pohon(pd, r, tahun))
    ctx["boleh_ubah_renstra"] = boleh_ubah_renstra(request.user, pd)
    return render(request, "kinerja/perencanaan/renstra.html", ctx)


# Height of the drawing on the screen (units of lib.pohon_svg): beyond it, less detail
# (the table under the drawing has every indicator).
TINGGI_POHON_LAYAR = 1400


def _pohon(pd: PerangkatDaerah, r: Renstra, tahun: int) -> dict:
    """The pohon kinerja of the year (in the Renstra shown) as SVG and as a table."""
    th = tahun if r.mulai <= tahun <= r.selesai else r.mulai
    pohon = pohon_kinerja(paket_kinerja(pd, th, hanya_tahun=True), th)
    if not pohon.renstra:
        return {}
    judul = f"Pohon Kinerja {pd.nama} Tahun {th}"

    def cukup(kotak: list) -> bool:
        return tata_letak([("", kotak)], daftar_tingkat()).tinggi <= TINGGI_POHON_LAYAR

    bagian = [("", kotak_muat(pohon.renstra, cukup)[0])]
    if pohon.pk and pohon.pk[0].anak:
        bagian.append(("Cascading Perjanjian Kinerja", kotak_muat(pohon.pk, cukup)[0]))
    svg = pohon_svg(
        bagian,
        daftar_tingkat(),
        judul=judul,
        uraian="Rincian setiap tingkat beserta indikator dan targetnya ada pada tabel di bawah.",
    )
    return {
        "pohon_tahun": th,
        "pohon_judul": judul,
        # Built by lib.pohon_svg, which escapes every text.
        "pohon_svg": mark_safe(svg),  # noqa: S308
        "tabel_pohon": tabel_pohon_kinerja(pohon, judul),
    }


# --------------------------------------------------------------------------- indikator


def _get_indikator(pd: PerangkatDaerah, pk: int) -> Indikator:
    return get_object_or_404(baca.indikator_pd(pd), pk=pk)


@require_safe
def indikator(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    ind = _get_indikator(pd, pk)
    r = ind.renstra
    tahun_list = list(range(r.mulai, r.selesai + 1))
    tingkat, induk = baca.induk_indikator(ind)
    riwayat = baca.riwayat_indikator(ind, pd.pemda)
    target_pk = baca.target_pk_indikator(ind)
    log = baca.log_indikator(pd, ind)
    baris = baca.baris_indikator(ind, tahun_list)
    ctx = perencanaan_context(pd, "perencanaan-indikator", tahun_aktif(request, pd), boleh_ubah)
    ctx.update(_tabel_indikator(pd, baris, tahun_list, target_pk, riwayat, log))
    ctx.update(
        {
            "ind": ind,
            "renstra": r,
            "tingkat": tingkat,
            "induk": induk,
            "baris": baris,
            "tahun_list": tahun_list,
            "aturan": baca.aturan_indikator(ind, pd.pemda),
            "riwayat": riwayat,
            "target_pk": target_pk,
            "log": log,
        }
    )
    return render(request, "kinerja/perencanaan/indikator.html", ctx)


def _simpan_indikator(request: HttpRequest, ind: Indikator, form: IndikatorForm) -> bool:
    """Save the indicator and its yearly targets; True when something changed."""
    cd = form.cleaned_data
    asal = cd["asal"]
    data = {n: cd[n] for n in IndikatorForm.base_fields if n != "asal"}
    target = {
        t: cd[f"target-{t}"] for t in form.tahun_list if not form.fields[f"target-{t}"].disabled
    }
    with transaction.atomic():
        berubah = indikator_services.indikator_ubah(
            indikator=ind, pengguna=request.user, data=data, asal=asal
        )
        tahun_berubah = indikator_services.target_tahunan_simpan(
            indikator=ind,
            pengguna=request.user,
            target=target,
            asal={t: asal[f"target-{t}"] for t in target if f"target-{t}" in asal},
        )
    return bool(berubah or tahun_berubah)


def _form_indikator_segar(request: HttpRequest, ind: Indikator, e: ValidationError):
    """After a refused save: the same input, carrying the values stored now, with the errors."""
    ind.refresh_from_db()
    segar = form_indikator(ind)
    form = segarkan_asal(
        IndikatorForm,
        request.POST,
        json.loads(segar.initial["asal"]),
        initial=segar.initial,
        tahun_list=segar.tahun_list,
        terkunci={t for t in segar.tahun_list if segar.fields[f"target-{t}"].disabled},
    )
    add_service_errors(form, e, {str(t): f"target-{t}" for t in form.tahun_list})
    return form


@require_http_methods(["GET", "POST"])
def indikator_ubah(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    ind = _get_indikator(pd, pk)
    ind.renstra.perangkat_daerah = pd
    form = form_indikator(ind, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            berubah = _simpan_indikator(request, ind, form)
        except ValidationError as e:
            form = _form_indikator_segar(request, ind, e)
        else:
            if berubah:
                messages.success(request, f"Perubahan indikator {ind.kode} disimpan.")
            else:
                messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
            return redirect("perencanaan-indikator", kode=pd.kode, pk=ind.pk)
    ctx = perencanaan_context(pd, "perencanaan-indikator", tahun_aktif(request, pd), True)
    ctx.update(
        {
            "ind": ind,
            "form": form,
            "renstra": ind.renstra,
            "revisi_terbuka": revisi_terbuka(ind.renstra),
            "renstra_dipakai": renstra_dipakai(ind.renstra),
        }
    )
    return render(request, "kinerja/perencanaan/indikator_ubah.html", ctx)


# --------------------------------------------------------------------------- program tree


@require_safe
def program(request: HttpRequest, kode: str) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    daftar = list(Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai"))
    tahun = tahun_aktif(request, pd)
    r = baca.pilih_renstra(daftar, tahun)
    ctx = perencanaan_context(pd, "perencanaan-program", tahun, boleh_ubah)
    ctx.update({"renstra": r, "daftar_renstra": daftar})
    if r is not None:
        pohon = baca.pohon_renstra(r, list(range(r.mulai, r.selesai + 1)))

        def url(ind) -> str:
            return f"{reverse('perencanaan-indikator', args=[pd.kode, ind.pk])}?tahun={tahun}"

        ctx.update({"pohon": pohon, "tabel": tabel_program(pohon, url)})
    return render(request, "kinerja/perencanaan/program.html", ctx)


# --------------------------------------------------------------------------- Perjanjian Kinerja


@require_safe
def perjanjian_kinerja(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    try:
        _renstra_tahun(pd, tahun)
    except Http404:
        # The year after the Renstra period: the page says how to open it.
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Perjanjian Kinerja")
    daftar = baca.daftar_pk(pd, tahun)
    dipilih = None
    if daftar:
        diminta = request.GET.get("versi")
        dipilih = next((p for p in daftar if p.versi == diminta), daftar[-1])
    murni = next((p for p in daftar if p.versi == "murni"), None)
    perubahan = daftar[-1] if daftar and daftar[-1].urutan_versi > 0 else None
    isi = baca.isi_pk(dipilih) if dipilih else None
    beda = baca.beda_pk(murni, perubahan) if murni and perubahan else None
    ctx = perencanaan_context(pd, "perencanaan-pk", tahun, boleh_ubah)
    ctx.update(_tabel_pk(pd, tahun, isi, beda))
    ctx.update(
        {
            "daftar": [
                {"versi": p.versi, "nama": baca.nama_versi(p.versi), "dipilih": p is dipilih}
                for p in daftar
            ],
            "pk": isi,
            "ttd": (
                penandatanganan(pd=pd, tahun=tahun, dokumen="pk", pk=dipilih) if dipilih else None
            ),
            "beda": beda,
            "terakhir": daftar[-1].versi if daftar else "",
            "versi_baru": (
                baca.nama_versi(versi_berikutnya(daftar[-1].urutan_versi)) if daftar else ""
            ),
            "terkunci": _terkunci(pd, tahun),
            "versi_renstra": versi_renstra_pk(dipilih) if dipilih else "",
        }
    )
    return render(request, "kinerja/perencanaan/pk.html", ctx)


def _tabel_indikator(pd, baris, tahun_list, target_pk, riwayat, log) -> dict:
    """The row sources of an indicator's page."""

    def url_pk(t) -> str:
        return f"{reverse('perencanaan-pk', args=[pd.kode, t['tahun']])}?versi={t['versi']}"

    return {
        "tabel_target_renstra": tabel_target_renstra_indikator(baris, tahun_list),
        "tabel_target_pk": tabel_target_pk_indikator(target_pk, url_pk),
        "tabel_riwayat_capaian": tabel_riwayat_capaian(riwayat),
        "tabel_log": tabel_log_indikator(log),
    }


def _tabel_pk(pd: PerangkatDaerah, tahun: int, isi: dict | None, beda: dict | None) -> dict:
    """The row sources of the PK page: the version's targets and budgets, the comparison."""
    tabel = {}
    if isi:
        tabel["tabel_target"] = tabel_target_pk(
            isi,
            lambda ind: f"{reverse('perencanaan-indikator', args=[pd.kode, ind.pk])}?tahun={tahun}",
        )
        tabel["tabel_anggaran"] = tabel_anggaran_pk(isi)
    if beda:
        tabel["tabel_beda_target"] = tabel_beda_target_pk(beda)
        tabel["tabel_beda_anggaran"] = tabel_beda_anggaran_pk(beda)
    return tabel


@require_safe
def pk_berjenjang(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    renstra_obj = _renstra_tahun(pd, tahun)
    isi = baca.isi_pk_berjenjang(pd, tahun, renstra_obj)
    for b in isi:
        b["tabel_sasaran"] = tabel_sasaran_pk_berjenjang(b["sasaran"], b["obj"].jabatan)
        b["tabel_anggaran"] = tabel_anggaran_pk_berjenjang(b["anggaran"], b["obj"].jabatan)
    ctx = perencanaan_context(pd, "perencanaan-pk-berjenjang", tahun, boleh_ubah)
    ctx.update({"daftar": isi, "terkunci": _terkunci(pd, tahun)})
    return render(request, "kinerja/perencanaan/pk_berjenjang.html", ctx)


def _daftar_pk_satu(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    return next(p for p in baca.daftar_pk(pk.perangkat_daerah, pk.tahun) if p.pk == pk.pk)


def _form_pk_segar(request: HttpRequest, pk: PerjanjianKinerja, renstra_obj, e: ValidationError):
    """After a refused save: the same input, carrying the values stored now, with the errors."""
    segar = form_pk(_daftar_pk_satu(pk), renstra_obj)
    form = segarkan_asal(
        PKForm,
        request.POST,
        json.loads(segar.initial["asal"]),
        initial=segar.initial,
        indikator=segar.indikator,
        program=segar.program,
    )
    add_service_errors(form, e)
    return form


@require_http_methods(["GET", "POST"])
def pk_ubah(request: HttpRequest, kode: str, tahun: int, versi: str) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    renstra_obj = _renstra_tahun(pd, tahun)
    pk = next((p for p in baca.daftar_pk(pd, tahun) if p.versi == versi), None)
    if pk is None:
        raise Http404("Versi Perjanjian Kinerja tidak ditemukan.")
    form = form_pk(pk, renstra_obj, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            jumlah = perjanjian_kinerja_ubah(
                pk=pk,
                pengguna=request.user,
                target={i.pk: cd[kunci_target_pk(i.pk)] for i in form.indikator},
                anggaran={p.pk: cd[kunci_anggaran_pk(p.pk)] for p in form.program},
                tanggal=cd["tanggal"],
                tempat=cd["tempat"],
                asal=cd["asal"],
            )
        except ValidationError as e:
            form = _form_pk_segar(request, pk, renstra_obj, e)
        else:
            if jumlah:
                messages.success(
                    request,
                    f"Perjanjian Kinerja {baca.nama_versi(pk.versi).lower()} {tahun} disimpan "
                    f"({jumlah} perubahan).",
                )
            else:
                messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
            url = reverse("perencanaan-pk", kwargs={"kode": pd.kode, "tahun": tahun})
            return redirect(f"{url}?versi={pk.versi}")
    ctx = perencanaan_context(pd, "perencanaan-pk", tahun, True)
    ctx.update(
        {
            "pk": pk,
            "nama_versi": baca.nama_versi(pk.versi),
            "form": form,
            "terkunci": _terkunci(pd, tahun),
        }
    )
    return render(request, "kinerja/perencanaan/pk_ubah.html", ctx)


@require_POST
def pk_perubahan_baru(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    _renstra_tahun(pd, tahun)
    form = PerubahanBaruForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Versi asal Perjanjian Kinerja tidak terbaca; muat ulang halaman.")
        return redirect("perencanaan-pk", kode=pd.kode, tahun=tahun)
    try:
        baru = perjanjian_kinerja_buat_perubahan(
            perangkat_daerah=pd,
            tahun=tahun,
            pengguna=request.user,
            dari_versi=form.cleaned_data["dari_versi"],
        )
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
        return redirect("perencanaan-pk", kode=pd.kode, tahun=tahun)
    messages.success(
        request,
        f"Perjanjian Kinerja {baca.nama_versi(baru.versi).lower()} {tahun} dibuat sebagai salinan "
        "versi sebelumnya; sekarang ubah target dan anggarannya.",
    )
    return redirect("perencanaan-pk-ubah", kode=pd.kode, tahun=tahun, versi=baru.versi)


# --------------------------------------------------------------------------- Rencana Aksi


def _form_rencana_aksi(
    indikator: list[Indikator], tahun: int, terkunci: set[int], data=None
) -> RencanaAksiForm:
    """The Rencana Aksi form loaded with what is stored; with ``data``, the same input
    again carrying the values stored now (after a refused save)."""
    asal = baca.rencana_aksi_tersimpan(indikator, tahun)
    initial = dict(asal, asal=json.dumps(asal))
    if data is not None:
        return segarkan_asal(
            RencanaAksiForm, data, asal, initial=initial, indikator=indikator, terkunci=terkunci
        )
    return RencanaAksiForm(initial=initial, indikator=indikator, terkunci=terkunci)


def _simpan_rencana_aksi(request, pd, tahun, indikator, terkunci, form) -> RencanaAksiForm | int:
    """Save the quarterly targets: the number of changed cells, or the form with the errors."""
    cd = form.cleaned_data
    nilai = {
        (i.pk, tw): cd[kunci_rencana_aksi(i.pk, tw)]
        for i in indikator
        for tw in (1, 2, 3, 4)
        if tw not in terkunci
    }
    try:
        return rencana_aksi_simpan(
            perangkat_daerah=pd,
            tahun=tahun,
            pengguna=request.user,
            nilai=nilai,
            asal=cd["asal"],
        )
    except ValidationError as e:
        form = _form_rencana_aksi(indikator, tahun, terkunci, request.POST)
        add_service_errors(form, e)
        return form


def _baris_rencana_aksi(target, form: RencanaAksiForm) -> list[dict]:
    baris = []
    for t in target:
        ind = t.indikator
        sel = [form.initial.get(kunci_rencana_aksi(ind.pk, tw), "") for tw in (1, 2, 3, 4)]
        baris.append(
            {
                "ind": ind,
                "target": baca.tampil(t.nilai, t.label),
                "tipe": ind.get_tipe_penghitungan_display(),
                "keterangan_tipe": baca.KETERANGAN_TIPE.get(ind.tipe_penghitungan, ""),
                "isian": form.sel(ind),
                "sel": [s or "-" for s in sel],
                "kosong": baca.triwulan_belum_diisi(ind.tipe_penghitungan, sel),
                "catatan": baca.periksa_baris_ra(ind, sel, t),
            }
        )
    return baris


@require_http_methods(["GET", "POST"])
def rencana_aksi(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    if request.method == "POST" and not boleh_ubah:
        raise PermissionDenied(PESAN_HANYA_BACA)
    _renstra_tahun(pd, tahun)
    pk = baca.pk_terakhir(pd, tahun)
    target = baca.target_pk_urut(pk)
    indikator = [t.indikator for t in target]
    tahun_kunci = _terkunci(pd, tahun)
    tw_kunci = baca.triwulan_terkunci(pd, tahun)
    terkunci = {1, 2, 3, 4} if tahun_kunci else set(tw_kunci)

    form = _form_rencana_aksi(indikator, tahun, terkunci)
    if request.method == "POST":
        form = RencanaAksiForm(
            request.POST, initial=form.initial, indikator=indikator, terkunci=terkunci
        )
        if form.is_valid():
            hasil = _simpan_rencana_aksi(request, pd, tahun, indikator, terkunci, form)
            if isinstance(hasil, RencanaAksiForm):
                form = hasil
            else:
                if hasil:
                    messages.success(
                        request, f"Rencana Aksi {tahun} disimpan ({hasil} sel berubah)."
                    )
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("perencanaan-rencana-aksi", kode=pd.kode, tahun=tahun)

    baris = _baris_rencana_aksi(target, form)
    ctx = perencanaan_context(pd, "perencanaan-rencana-aksi", tahun, boleh_ubah)
    ctx.update(
        {
            "pk": pk,
            "nama_versi": baca.nama_versi(pk.versi) if pk else "",
            "form": form,
            "baris": baris,
            "tahun_terkunci": tahun_kunci,
            "triwulan_terkunci": [
                f"TW {ROMAWI_TRIWULAN[q - 1]} ({s})" for q, s in sorted(tw_kunci.items())
            ],
            "kolom_tw": [(q, f"TW {ROMAWI_TRIWULAN[q - 1]}", q in terkunci) for q in (1, 2, 3, 4)],
            "jumlah_belum_lengkap": sum(1 for b in baris if b["kosong"]),
        }
    )
    return render(request, "kinerja/perencanaan/rencana_aksi.html", ctx)
