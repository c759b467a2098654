"""BAB II Perencanaan Kinerja: Renstra, yearly targets, IKU, PK (see ``pk``) and budget."""

from __future__ import annotations

from django.utils.html import escape, format_html

from kinerja.paket import types as t
from kinerja.services.renstra import kalimat_versi_renstra
from laporan.dokumen.bab2_anggaran import anggaran_bab2
from laporan.dokumen.blocks import Bab, Baris, Daftar, Paragraf, Sel, Tabel, kepala_tabel, paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import LABEL_TIPE, sel_nilai, tampil
from laporan.dokumen.pk import perjanjian_kinerja


def bab2(k: Context) -> Bab:
    bab = k.bab_baru("II", "PERENCANAAN KINERJA")
    b = bab.blok
    r = k.paket.renstra
    k.sisip_narasi(b, "perencanaan_kinerja")
    k.judul(b, 2, "2.1", "Rencana Strategis")
    jumlah_sasaran = sum(len(tj.sasaran) for tj in r.tujuan)
    b.append(
        paragraf(
            "Rencana Strategis (Renstra) {} periode {}–{} memuat {} tujuan dan {} sasaran "
            "strategis yang dijabarkan dari visi dan misi kepala daerah.",
            k.pd,
            r.mulai,
            r.selesai,
            len(r.tujuan),
            jumlah_sasaran,
        )
    )
    b.append(
        paragraf(
            "{}",
            kalimat_versi_renstra(r, k.th),
        )
    )
    if r.visi:
        b.append(Paragraf(format_html("Visi: <strong>“{}”</strong>", r.visi)))
    if r.misi:
        b.append(paragraf("Misi yang berkaitan dengan tugas dan fungsi {}:", k.pd))
        b.append(Daftar([escape(x) for x in r.misi], berurut=True))
    tb = tabel_renstra(k)
    b.append(
        paragraf("Tujuan, sasaran, strategi dan arah kebijakan disajikan pada {}.", k.ke(tb, "2"))
    )
    k.tabel(b, "2", tb)
    tb = tabel_target_tahunan(k)
    if tb is not None:
        b.append(
            paragraf(
                "Indikator tujuan dan sasaran beserta targetnya pada setiap tahun periode "
                "Renstra disajikan pada {}.",
                k.ke(tb, "2"),
            )
        )
        k.tabel(b, "2", tb)
    k.judul(b, 2, "2.2", "Indikator Kinerja Utama")
    tb = tabel_iku(k)
    b.append(
        paragraf(
            "Indikator Kinerja Utama (IKU) {} beserta alasan pemilihan, formulasi pengukuran, "
            "definisi operasional, tipe penghitungan dan sumber datanya disajikan pada {}.",
            k.pd,
            k.ke(tb, "2"),
        )
    )
    k.tabel(b, "2", tb)
    k.judul(b, 2, "2.3", "Perjanjian Kinerja")
    perjanjian_kinerja(k, b)
    k.judul(b, 2, "2.4", f"Anggaran Tahun {k.tahun}")
    anggaran_bab2(k, b)
    return bab


def tabel_renstra(k: Context) -> Tabel:
    baris = []
    for tj in k.paket.renstra.tujuan:
        sasaran = tj.sasaran or [t.Sasaran(kode="", uraian="-")]
        for j, s in enumerate(sasaran):
            sel = []
            if j == 0:
                sel.append(Sel(tj.uraian, rowspan=len(sasaran)))
            sel.append(Sel(s.uraian))
            sel.append(Sel("\n".join(f"• {x}" for x in s.strategi) or "-", "baris"))
            sel.append(Sel("\n".join(f"• {x}" for x in s.arah_kebijakan) or "-", "baris"))
            baris.append(Baris(sel))
    return Tabel(
        judul=f"Tujuan, Sasaran, Strategi dan Arah Kebijakan Renstra {k.paket.renstra.mulai}–"
        f"{k.paket.renstra.selesai}",
        kepala=kepala_tabel("Tujuan", "Sasaran", "Strategi", "Arah Kebijakan"),
        baris=baris,
        lebar=[22, 22, 28, 28],
        kelas="kecil",
    )


def indikator_renstra(k: Context) -> list[tuple[str, str, t.Indikator]]:
    hasil = []
    for tj in k.paket.renstra.tujuan:
        for i in tj.indikator:
            hasil.append(("tujuan", tj.uraian, i))
        for s in tj.sasaran:
            for i in s.indikator:
                hasil.append(("sasaran", s.uraian, i))
    return hasil


def tabel_target_tahunan(k: Context) -> Tabel | None:
    daftar = indikator_renstra(k)
    if not daftar:
        return None
    r = k.paket.renstra
    tahun = sorted({y for _, _, i in daftar for y in i.target_tahunan if r.mulai <= y <= r.selesai})
    lebar_tahun = max(6, min(9, 40 // max(len(tahun), 1)))
    sisa = 100 - 5 - lebar_tahun * len(tahun) - 9 - 10
    kepala = [
        [
            Sel("No", rowspan=2),
            Sel("Tujuan/Sasaran", rowspan=2),
            Sel("Indikator", rowspan=2),
            Sel("Satuan", rowspan=2),
            Sel("Target Tahun ke-", colspan=len(tahun)),
            Sel("Akhir Renstra", rowspan=2),
        ],
        [Sel(str(y)) for y in tahun],
    ]
    if not tahun:
        kepala = kepala_tabel("No", "Tujuan/Sasaran", "Indikator", "Satuan", "Akhir Renstra")
    baris = []
    for n, (tingkat, uraian, i) in enumerate(daftar, 1):
        baris.append(
            Baris(
                [
                    Sel(str(n), "tengah"),
                    Sel(f"{tingkat.capitalize()}: {uraian}"),
                    Sel(i.nama),
                    Sel(i.satuan),
                    *(sel_nilai(i.target_tahunan.get(y)) for y in tahun),
                    Sel(
                        tampil(i.target_akhir.angka, i.target_akhir.label)
                        if i.target_akhir
                        else "-",
                        "angka",
                    ),
                ]
            )
        )
    return Tabel(
        judul=f"Target Kinerja Tujuan dan Sasaran per Tahun Renstra {r.mulai}–{r.selesai}",
        kepala=kepala,
        baris=baris,
        lebar=[5, sisa // 2 + sisa % 2, sisa // 2, 9, *([lebar_tahun] * len(tahun)), 10],
        kelas="kecil",
    )


def tabel_iku(k: Context) -> Tabel:
    daftar = [x for x in indikator_renstra(k) if x[2].iku] or indikator_renstra(k)
    baris = []
    for n, (tingkat, uraian, i) in enumerate(daftar, 1):
        lain = [
            f"Tipe penghitungan: {LABEL_TIPE.get(i.tipe_penghitungan.value, i.tipe_penghitungan.value)}",
            f"Polaritas: {i.polaritas.value}",
        ]
        if i.sumber_data:
            lain.append(f"Sumber data: {i.sumber_data}")
        if i.penanggung_jawab:
            lain.append(f"Penanggung jawab: {i.penanggung_jawab}")
        baris.append(
            Baris(
                [
                    Sel(str(n), "tengah"),
                    Sel(f"{i.nama} ({i.satuan})\n{tingkat.capitalize()}: {uraian}", "baris"),
                    Sel(i.alasan_pemilihan or "-"),
                    Sel(i.formulasi or "-"),
                    Sel(i.definisi_operasional or "-"),
                    Sel("\n".join(lain), "baris"),
                ]
            )
        )
    return Tabel(
        judul=f"Indikator Kinerja Utama {k.pd}",
        kepala=kepala_tabel(
            "No",
            "Indikator Kinerja (Satuan)",
            "Alasan Pemilihan",
            "Formulasi Pengukuran",
            "Definisi Operasional",
            "Tipe Penghitungan dan Sumber Data",
        ),
        baris=baris,
        lebar=[5, 19, 17, 20, 20, 19],
        kelas="kecil",
    )
