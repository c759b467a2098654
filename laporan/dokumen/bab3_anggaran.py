"""BAB III section 3.2: realisasi anggaran, efficiency and jenis belanja tables."""

from __future__ import annotations

from django.utils.html import format_html

from anggaran.selectors import kunci_kode
from kinerja.engine.efisiensi import RUMUS_EFISIENSI, MetodeEfisiensi
from laporan.dokumen.blocks import paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import persen, rupiah, terbilang_rupiah
from lib import rows
from lib.format import format_angka
from lib.rows import Align, Cell, Column, Kind, Row


def realisasi_anggaran(k: Context, b: list) -> None:
    """Section 3.2 after its narrative: realisasi, efficiency, jenis belanja."""
    r = k.hasil.ringkasan
    tb = tabel_realisasi_anggaran(k)
    dpa = k.th.dpa_berlaku()
    sisa = r["sisa_anggaran"]
    b.append(
        paragraf(
            "Dalam rangka pelaksanaan tugas pokok dan fungsi serta pencapaian tujuan dan sasaran "
            "strategis tahun {}, {} didukung anggaran belanja{} sebesar {} ({}) yang terealisasi "
            "sebesar {} atau {}{}. Rincian realisasi per program, kegiatan dan sub kegiatan "
            "disajikan pada {}.",
            k.tahun,
            k.pd,
            " setelah perubahan" if dpa and dpa.versi != "murni" else "",
            rupiah(r["pagu_total"]),
            terbilang_rupiah(r["pagu_total"]),
            rupiah(r["realisasi_total"]),
            persen(r["penyerapan_total"]),
            format_html(", sehingga sisa anggaran {}", rupiah(sisa)) if sisa else "",
            k.ke(tb, "3"),
        )
    )
    k.tabel(b, "3", tb)
    metode = k.paket.pemda.aturan.metode_efisiensi
    tb = tabel_efisiensi(k)
    b.append(
        paragraf(
            "Efisiensi penggunaan anggaran diukur dengan membandingkan capaian kinerja dengan "
            "penyerapan anggaran program pendukungnya, menurut metode yang ditetapkan {}. {} "
            "Hasilnya disajikan pada {}.",
            k.ident.pemda_nama,
            RUMUS_EFISIENSI[metode],
            k.ke(tb, "3"),
        )
    )
    k.tabel(b, "3", tb)
    tb = tabel_realisasi_jenis_belanja(k)
    if tb is not None:
        b.append(
            paragraf("Realisasi anggaran menurut jenis belanja disajikan pada {}.", k.ke(tb, "3"))
        )
        k.tabel(b, "3", tb)


def tabel_realisasi_anggaran(k: Context) -> rows.Table:
    """Pagu, realisasi and penyerapan of every program, kegiatan and sub kegiatan."""
    r = k.hasil.ringkasan
    kelompok = {"program": "program", "kegiatan": "kegiatan"}
    baris = [
        Row(
            [a["kode"], a["nama"], a["pagu"], a["realisasi"], a["penyerapan"]],
            kelompok.get(a["tingkat"], ""),
            level=a["kedalaman"],
        )
        for a in k.hasil.anggaran
        if a["tingkat"] != "total"
    ]
    baris.append(
        Row(
            [
                Cell("Jumlah", colspan=2),
                r["pagu_total"],
                r["realisasi_total"],
                r["penyerapan_total"],
            ],
            "total",
        )
    )
    return rows.Table(
        title=f"Realisasi Anggaran {k.pd} Tahun {k.tahun}",
        columns=[
            Column("Kode Program/ Kegiatan/ Sub Kegiatan", width=16),
            Column("Uraian Program/Kegiatan/Sub Kegiatan", width=43, indent=True),
            Column("Pagu Anggaran (Rp)", Kind.RUPIAH, 15),
            Column("Realisasi (Rp)", Kind.RUPIAH, 14),
            Column("Penyerapan", Kind.PERSEN, 12),
        ],
        rows=baris,
        small=True,
    )


def tabel_efisiensi(k: Context) -> rows.Table:
    """Capaian against penyerapan per tujuan/sasaran: the efficiency and its category."""
    rasio = k.paket.pemda.aturan.metode_efisiensi == MetodeEfisiensi.RASIO
    baris = []
    for e in k.hasil.efisiensi:
        total = e["tingkat"] == "total"
        nilai = e["nilai"]
        baris.append(
            Row(
                [
                    e["uraian"] if total else f"{e['tingkat'].capitalize()}: {e['uraian']}",
                    e["capaian"],
                    e["pagu"],
                    e["realisasi"],
                    e["penyerapan"],
                    None
                    if nilai is None
                    else Cell(nilai, label=format_angka(nilai, 2) + ("" if rasio else "%")),
                    e["kategori"],
                ],
                "total" if total else "",
            )
        )
    return rows.Table(
        title=f"Efisiensi Penggunaan Anggaran Tahun {k.tahun}",
        columns=[
            Column("Tujuan/Sasaran", width=28),
            Column("Capaian Kinerja", Kind.PERSEN, 10),
            Column("Pagu (Rp)", Kind.RUPIAH, 15),
            Column("Realisasi (Rp)", Kind.RUPIAH, 15),
            Column("Penyerapan", Kind.PERSEN, 10),
            Column("Efisiensi", Kind.ANGKA, 10, decimals=2),
            Column("Kategori", width=12, align=Align.CENTER),
        ],
        rows=baris,
        small=True,
    )


def tabel_realisasi_jenis_belanja(k: Context) -> rows.Table | None:
    """Realisasi by jenis belanja of the DPA in force; None without such realisasi."""
    if not k.th.realisasi_jenis_belanja:
        return None
    berlaku = k.th.dpa_berlaku()
    daftar = [x for x in k.hasil.jenis_belanja if berlaku and x["versi"] == berlaku.versi]
    if not daftar:
        return None
    return rows.Table(
        title=f"Realisasi Anggaran menurut Jenis Belanja Tahun {k.tahun}",
        columns=[
            Column("Kode", width=12),
            Column("Jenis Belanja", width=44, indent=True),
            Column("Pagu (Rp)", Kind.RUPIAH, 16),
            Column("Realisasi (Rp)", Kind.RUPIAH, 16),
            Column("Penyerapan", Kind.PERSEN, 12),
        ],
        rows=[
            Row(
                [x["kode"], x["nama"], x["pagu"], x["realisasi"], x["penyerapan"]],
                "program" if x["kedalaman"] == 0 else "",
                level=min(x["kedalaman"], 3),
            )
            for x in sorted(daftar, key=lambda x: kunci_kode(x["kode"]))
        ],
    )
