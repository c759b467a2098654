"""BAB II Perencanaan Kinerja: Renstra, yearly targets, IKU, PK (see ``pk``) and budget."""

from __future__ import annotations

from django.utils.html import escape, format_html

from kinerja.engine.angka import Nilai
from kinerja.paket import types as t
from kinerja.services.renstra import kalimat_versi_renstra
from laporan.dokumen.bab2_anggaran import anggaran_bab2
from laporan.dokumen.blocks import Bab, Daftar, Paragraf, paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import LABEL_TIPE
from laporan.dokumen.pk import perjanjian_kinerja
from lib import rows
from lib.rows import Cell, Column, Heading, Kind, Row


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


def tabel_renstra(k: Context) -> rows.Table:
    """Tujuan, sasaran, strategi and arah kebijakan of the Renstra (a tujuan spans its sasaran)."""
    baris = []
    for tj in k.paket.renstra.tujuan:
        sasaran = tj.sasaran or [t.Sasaran(kode="", uraian="-")]
        for j, s in enumerate(sasaran):
            nilai = [Cell(tj.uraian, rowspan=len(sasaran))] if j == 0 else []
            nilai.append(s.uraian)
            nilai.append("\n".join(f"• {x}" for x in s.strategi) or None)
            nilai.append("\n".join(f"• {x}" for x in s.arah_kebijakan) or None)
            baris.append(Row(nilai))
    r = k.paket.renstra
    return rows.Table(
        title=f"Tujuan, Sasaran, Strategi dan Arah Kebijakan Renstra {r.mulai}–{r.selesai}",
        columns=[
            Column("Tujuan", width=22),
            Column("Sasaran", width=22),
            Column("Strategi", width=28, multiline=True),
            Column("Arah Kebijakan", width=28, multiline=True),
        ],
        rows=baris,
        small=True,
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


def _nilai(n: Nilai | None) -> Cell | None:
    return Cell(n.angka, label=n.label) if n is not None else None


def tabel_target_tahunan(k: Context) -> rows.Table | None:
    """The targets of the tujuan/sasaran indicators in every year of the Renstra."""
    daftar = indikator_renstra(k)
    if not daftar:
        return None
    r = k.paket.renstra
    tahun = sorted({y for _, _, i in daftar for y in i.target_tahunan if r.mulai <= y <= r.selesai})
    lebar_tahun = max(6, min(9, 40 // max(len(tahun), 1)))
    sisa = 100 - 5 - lebar_tahun * len(tahun) - 9 - 10
    kolom = [
        Column("No", Kind.NOMOR, 5),
        Column("Tujuan/Sasaran", width=sisa // 2 + sisa % 2),
        Column("Indikator", width=sisa // 2),
        Column("Satuan", width=9),
        *(Column(str(y), Kind.ANGKA, lebar_tahun) for y in tahun),
        Column("Akhir Renstra", Kind.ANGKA, 10),
    ]
    kepala = None
    if tahun:
        kepala = [
            [
                Heading("No", rowspan=2),
                Heading("Tujuan/Sasaran", rowspan=2),
                Heading("Indikator", rowspan=2),
                Heading("Satuan", rowspan=2),
                Heading("Target Tahun ke-", colspan=len(tahun)),
                Heading("Akhir Renstra", rowspan=2),
            ],
            [Heading(str(y)) for y in tahun],
        ]
    baris = [
        Row(
            [
                n,
                f"{tingkat.capitalize()}: {uraian}",
                i.nama,
                i.satuan,
                *(_nilai(i.target_tahunan.get(y)) for y in tahun),
                _nilai(i.target_akhir),
            ]
        )
        for n, (tingkat, uraian, i) in enumerate(daftar, 1)
    ]
    return rows.Table(
        title=f"Target Kinerja Tujuan dan Sasaran per Tahun Renstra {r.mulai}–{r.selesai}",
        columns=kolom,
        rows=baris,
        header=kepala,
        small=True,
    )


def tabel_iku(k: Context) -> rows.Table:
    """The Indikator Kinerja Utama with their reasons, formula, definition and data source."""
    daftar = [x for x in indikator_renstra(k) if x[2].iku] or indikator_renstra(k)
    baris = []
    for n, (tingkat, uraian, i) in enumerate(daftar, 1):
        tipe = i.tipe_penghitungan.value
        lain = [
            f"Tipe penghitungan: {LABEL_TIPE.get(tipe, tipe)}",
            f"Polaritas: {i.polaritas.value}",
        ]
        if i.sumber_data:
            lain.append(f"Sumber data: {i.sumber_data}")
        if i.penanggung_jawab:
            lain.append(f"Penanggung jawab: {i.penanggung_jawab}")
        baris.append(
            Row(
                [
                    n,
                    Cell(f"{i.nama} ({i.satuan})\n{tingkat.capitalize()}: {uraian}"),
                    i.alasan_pemilihan or None,
                    i.formulasi or None,
                    i.definisi_operasional or None,
                    "\n".join(lain),
                ]
            )
        )
    return rows.Table(
        title=f"Indikator Kinerja Utama {k.pd}",
        columns=[
            Column("No", Kind.NOMOR, 5),
            Column("Indikator Kinerja (Satuan)", width=19, multiline=True),
            Column("Alasan Pemilihan", width=17),
            Column("Formulasi Pengukuran", width=20),
            Column("Definisi Operasional", width=20),
            Column("Tipe Penghitungan dan Sumber Data", width=19, multiline=True),
        ],
        rows=baris,
        small=True,
    )
