"""The dashboard of a perangkat daerah and year (indicators so far, review status, budget,
charts, the LKjIP's state) and the detailed computation of the year.

Both show the whole year, its budget and its document included, so they live in
laporan, above the apps whose data they read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from anggaran.selectors import penyerapan_per_triwulan
from anggaran.tables import tabel_anggaran_program, tabel_efisiensi, tabel_realisasi_anggaran
from kinerja.access import get_perangkat_daerah_for_user
from kinerja.audit import format_waktu
from kinerja.engine.angka import Nilai, NilaiTidakValid
from kinerja.engine.capaian import AcuanRentang, target_acuan
from kinerja.engine.hitung import HasilIndikator, hitung
from kinerja.engine.penilaian import nilai_indikator
from kinerja.engine.realisasi import Rasio, nilai_sd_triwulan, nilai_tahunan, triwulan_kosong
from kinerja.models import StatusTriwulan
from kinerja.paket import types as t
from kinerja.tables import tabel_capaian_indikator, tabel_ikm, tabel_indikator_dasbor
from kinerja.views.tahun import halaman_tahun_belum_dibuka
from laporan.dokumen.bab3_triwulan import tabel_layar
from laporan.models import LKjIP
from laporan.selectors_paket import paket_muat
from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.grafik import WARNA_GARIS, Seri, grafik_batang, grafik_garis

SUMBER_TARGET = {"renstra": "Renstra"}


def _angka(v: t.NilaiTW) -> Decimal | Rasio | None:
    return v.angka if isinstance(v, Nilai) else v


def _label_sumber(sumber: str | None) -> str:
    if not sumber:
        return "-"
    if sumber.startswith("pk-"):
        versi = sumber[3:]
        return "PK " + ("murni" if versi == "murni" else versi.replace("-", " ke-"))
    return SUMBER_TARGET.get(sumber, sumber)


def _url(nama: str, *args) -> str | None:
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return None


def triwulan_terakhir(th: t.Tahun) -> int:
    """How far the year has run: the latest quarter anyone reported (0: none yet)."""
    return max(
        (i + 1 for tw in th.realisasi.values() for i, v in enumerate(tw) if v is not None),
        default=0,
    )


@dataclass
class BarisIndikator:
    kode: str
    nama: str
    satuan: str
    iku: bool
    sumber_target: str
    target: Decimal | None
    target_label: str | None
    target_sd: Decimal | None
    realisasi: Decimal | None
    realisasi_label: str | None
    capaian: Decimal | None
    predikat: str | None
    warna: str | None
    kosong: list[str]


def baris_indikator(
    hi: HasilIndikator, ind: t.Indikator, th: t.Tahun, aturan: t.Aturan, sampai: int
) -> BarisIndikator:
    """Target, realisasi and capaian of one indicator s.d. triwulan ``sampai``.

    At the end of the year (``sampai`` 4) these are ``hitung``'s annual figures.
    Before that, realisasi is the value so far by the indicator's tipe
    penghitungan and the capaian is measured against the Rencana Aksi target so
    far (the annual target when the Rencana Aksi has none for those quarters).
    """
    tw = th.realisasi.get(ind.kode)
    rencana = th.rencana_aksi.get(ind.kode)
    kosong: list[int] = []
    if sampai:
        kosong = triwulan_kosong(
            [_angka(v) for v in tw] if tw else [None] * 4,
            ind.tipe_penghitungan,
            diharapkan=[v is not None for v in rencana] if rencana else None,
            sampai_triwulan=sampai,
        )
    baris = BarisIndikator(
        kode=hi.kode,
        nama=hi.nama,
        satuan=hi.satuan,
        iku=hi.iku,
        sumber_target=_label_sumber(hi.sumber_target),
        target=hi.target,
        target_label=hi.target_label,
        target_sd=None,
        realisasi=None,
        realisasi_label=None,
        capaian=None,
        predikat=None,
        warna=None,
        kosong=[ROMAWI[q - 1] for q in kosong],
    )
    if sampai == 4 or sampai == 0:
        if sampai == 4:
            baris.realisasi = hi.realisasi
            baris.realisasi_label = hi.realisasi_label
            baris.capaian = hi.capaian if hi.capaian is not None else hi.capaian_skor
            baris.predikat, baris.warna = hi.predikat, hi.warna
        return baris
    if tw:
        try:
            baris.realisasi = nilai_sd_triwulan(
                [_angka(v) for v in tw], ind.tipe_penghitungan, sampai
            )
        except NilaiTidakValid:
            baris.realisasi = None
        terakhir = next((v for v in reversed(tw[:sampai]) if v is not None), None)
        if isinstance(terakhir, Nilai) and terakhir.label:
            baris.realisasi_label = terakhir.label
    if rencana:
        try:
            baris.target_sd = nilai_sd_triwulan(
                [_angka(v) for v in rencana], ind.tipe_penghitungan, sampai
            )
        except NilaiTidakValid:
            baris.target_sd = None
    target = baris.target_sd if baris.target_sd is not None else hi.target
    if target is None or baris.realisasi is None:
        return baris
    try:
        nilai = nilai_indikator(ind, aturan, target=target, realisasi=baris.realisasi)
    except NilaiTidakValid:
        return baris
    baris.capaian = nilai.tampil
    baris.predikat, baris.warna = nilai.predikat, nilai.warna
    return baris


def _target_tahun(
    ind: t.Indikator, th: t.Tahun | None, tahun: int, acuan: AcuanRentang = AcuanRentang.BAWAH
) -> Decimal | None:
    """The target of a year as charted: of a range target, the bound capaian counts by."""
    if th is not None:
        for pk in sorted(
            th.perjanjian_kinerja, key=lambda p: t.urutan_versi(p.versi), reverse=True
        ):
            if ind.kode in pk.target:
                return target_acuan(pk.target[ind.kode], acuan)
    if tahun in ind.target_tahunan:
        return target_acuan(ind.target_tahunan[tahun], acuan)
    rw = ind.riwayat.get(tahun)
    return rw.target.angka if rw and rw.target else None


def _realisasi_tahun(ind: t.Indikator, th: t.Tahun | None, tahun: int) -> Decimal | None:
    if th is not None and ind.kode in th.realisasi:
        try:
            return nilai_tahunan([_angka(v) for v in th.realisasi[ind.kode]], ind.tipe_penghitungan)
        except NilaiTidakValid:
            return None
    rw = ind.riwayat.get(tahun)
    return rw.realisasi.angka if rw and rw.realisasi else None


def grafik_iku(
    paket: t.Paket, ind: t.Indikator, tahun: int, realisasi_kini: Decimal | None, sampai: int
) -> str:
    """Bars of the indicator's realisasi over the years up to ``tahun``, with the target line."""
    tahun_ada = sorted(
        {y for y in ind.riwayat if y < tahun} | {x.tahun for x in paket.tahun if x.tahun < tahun}
    )
    label, realisasi, target = [], [], []
    acuan = paket.pemda.aturan.acuan_rentang
    for y in tahun_ada:
        th = paket.cari_tahun(y)
        label.append(str(y))
        realisasi.append(_realisasi_tahun(ind, th, y))
        target.append(_target_tahun(ind, th, y, acuan))
    label.append(str(tahun) if sampai in (0, 4) else f"{tahun}\n(s.d. TW {ROMAWI[sampai - 1]})")
    realisasi.append(realisasi_kini)
    target.append(_target_tahun(ind, paket.cari_tahun(tahun), tahun, acuan))
    persen = ind.satuan.strip() == "%"
    satuan = "" if persen or not ind.satuan.strip() else f" ({ind.satuan.strip()})"
    return grafik_batang(
        judul=f"Realisasi {ind.kode} {ind.nama}{satuan} per tahun",
        label=label,
        batang=Seri("Realisasi", realisasi),
        garis=Seri("Target", target, WARNA_GARIS),
        satuan="%" if persen else "",
        ident="grafik-iku-" + "".join(c if c.isalnum() else "-" for c in ind.kode),
    )


def beranda_pd(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    paket = paket_muat(pd, tahun, hanya_tahun=True)
    th = paket.cari_tahun(tahun)
    if th is None:
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="")
    hasil = hitung(paket, tahun)
    aturan = paket.pemda.aturan
    sampai = triwulan_terakhir(th)
    semua = {i.kode: i for i in paket.semua_indikator()}

    indikator = [
        baris_indikator(hi, semua[hi.kode], th, aturan, sampai)
        for hi in hasil.indikator
        if hi.target is not None
    ]

    status = {
        s.triwulan: s for s in StatusTriwulan.objects.filter(perangkat_daerah=pd, tahun=tahun)
    }
    triwulan = []
    for q in (1, 2, 3, 4):
        s = status.get(q) or StatusTriwulan(perangkat_daerah=pd, tahun=tahun, triwulan=q)
        triwulan.append(
            {
                "romawi": ROMAWI[q - 1],
                "status": s.status,
                "label": s.get_status_display(),
                "waktu": format_waktu(s.diubah_pada) if s.pk and s.diubah_pada else None,
                "url": _url("realisasi-triwulan", pd.kode, tahun, q),
                "kosong": sum(1 for b in indikator if ROMAWI[q - 1] in b.kosong),
            }
        )
    laporan = LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).first()

    serap = penyerapan_per_triwulan(paket, tahun)
    grafik_penyerapan = grafik_garis(
        judul=f"Penyerapan anggaran kumulatif {pd.nama} tahun {tahun} per triwulan",
        label=[f"TW {r}" for r in ROMAWI],
        seri=[Seri("Penyerapan kumulatif", [p.penyerapan for p in serap])],
        satuan="%",
        paling_tidak=Decimal(100),
        ident="grafik-penyerapan",
    )
    grafik = [
        {
            "kode": b.kode,
            "nama": b.nama,
            "svg": mark_safe(  # grafik escapes every text it writes
                grafik_iku(paket, semua[b.kode], tahun, b.realisasi, sampai)
            ),
        }
        for b in indikator
        if b.iku
    ]
    ada_tahunan = any(not isinstance(v, list) for v in th.realisasi_anggaran.values())

    ctx = {
        "page": "pd-beranda",
        "pd": pd,
        "tahun": tahun,
        "rw": rw,
        "aturan": aturan,
        "sampai": sampai,
        "sampai_romawi": ROMAWI[sampai - 1] if sampai else None,
        "indikator": indikator,
        "triwulan": triwulan,
        "terkunci": bool(laporan and laporan.terkunci),
        "ringkasan": hasil.ringkasan,
        "program": [a for a in hasil.anggaran if a["tingkat"] in ("program", "total")],
        "tabel_indikator": tabel_indikator_dasbor(indikator, tahun, sampai),
        "tabel_program": tabel_anggaran_program(hasil.anggaran),
        "temuan": hasil.temuan,
        "grafik_iku": grafik,
        "grafik_penyerapan": mark_safe(grafik_penyerapan),
        "penyerapan_tw": serap,
        "ada_realisasi_tahunan": ada_tahunan,
        "url_anggaran": _url("anggaran-ringkasan", pd.kode, tahun),
        "url_hitung": _url("pd-hitung", pd.kode, tahun),
        "url_riwayat": _url("riwayat-pd", pd.kode),
    }
    return render(request, "laporan/dasbor.html", ctx)


def hitung_rinci(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The detailed computation of a year (figures, budget and findings)."""
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    paket = paket_muat(pd, tahun, hanya_tahun=True)
    if paket.cari_tahun(tahun) is None:
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Perhitungan")
    hasil = hitung(paket, tahun)
    ctx = {
        "page": "hitung",
        "pd": pd,
        "tahun": tahun,
        "rw": rw,
        "hasil": hasil,
        "aturan": paket.pemda.aturan,
        "tabel_indikator": tabel_capaian_indikator(hasil.indikator),
        "tabel_anggaran": tabel_realisasi_anggaran(hasil.anggaran),
        "tabel_efisiensi": tabel_efisiensi(hasil.efisiensi),
        "tabel_ikm": tabel_ikm(hasil.ikm),
        **tabel_layar(paket, hasil, tahun),
    }
    return render(request, "laporan/hitung.html", ctx)
