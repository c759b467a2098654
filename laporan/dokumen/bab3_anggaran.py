"""BAB III section 3.2: realisasi anggaran, efficiency and jenis belanja tables."""

from __future__ import annotations

from django.utils.html import format_html

from anggaran.selectors import kunci_kode
from kinerja.engine.efisiensi import RUMUS_EFISIENSI
from laporan.dokumen.blocks import paragraf
from laporan.dokumen.catatan import (
    TemuanCetak,
    baris_dengan_catatan,
    blok_catatan,
    catatan_untuk,
)
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import (
    batas_capaian,
    efisiensi_tampil,
    kode_cetak,
    persen,
    rupiah,
    terbilang_rupiah,
)
from lib import rows
from lib.rows import Align, Cell, Column, Kind, Row


def realisasi_anggaran(k: Context, b: list) -> None:
    """Section 3.2 after its narrative: realisasi, efficiency, jenis belanja."""
    r = k.hasil.ringkasan
    catatan = catatan_untuk(k, "realisasi_anggaran", urutan=[a["kode"] for a in k.hasil.anggaran])
    tb = tabel_realisasi_anggaran(k, catatan)
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
    _catatan(k, b, catatan, [a["kode"] for a in k.hasil.anggaran])
    metode = k.paket.pemda.aturan.metode_efisiensi
    catatan = catatan_untuk(k, "efisiensi", urutan=[e["kode"] for e in k.hasil.efisiensi])
    tb = tabel_efisiensi(k, catatan)
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
    _catatan(k, b, catatan, [e["kode"] for e in k.hasil.efisiensi])
    tb = tabel_realisasi_jenis_belanja(k)
    if tb is not None:
        b.append(
            paragraf("Realisasi anggaran menurut jenis belanja disajikan pada {}.", k.ke(tb, "3"))
        )
        k.tabel(b, "3", tb)
        berlaku = k.th.dpa_berlaku()
        catatan = [
            t
            for t in catatan_untuk(k, "jenis_belanja")
            if berlaku
            and (t.kode == berlaku.versi or t.lokasi.endswith(f"DPA {berlaku.versi} {t.kode}"))
        ]
        _catatan(k, b, catatan, [])


def _catatan(k: Context, b: list, catatan: list[TemuanCetak], kode_baris: list[str]) -> None:
    """The note under the table just added (the findings not told under a row of it)."""
    blok = blok_catatan(k, catatan, di_baris=kode_baris)
    if blok is not None:
        b.append(blok)


def tabel_realisasi_anggaran(k: Context, catatan: list[TemuanCetak] = ()) -> rows.Table:
    """Pagu, realisasi and penyerapan of every program, kegiatan and sub kegiatan; a row
    a consistency finding (``catatan``) concerns is marked and followed by its note."""
    r = k.hasil.ringkasan
    kelompok = {"program": "program", "kegiatan": "kegiatan"}
    baris = [
        Row(
            [kode_cetak(a["kode"]), a["nama"], a["pagu"], a["realisasi"], a["penyerapan"]],
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
    kode = [a["kode"] for a in k.hasil.anggaran if a["tingkat"] != "total"] + ["total"]
    baris = baris_dengan_catatan(k, baris, kode, list(catatan), 1)
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


def tabel_efisiensi(k: Context, catatan: list[TemuanCetak] = ()) -> rows.Table:
    """Capaian against penyerapan per tujuan/sasaran: the efficiency and its category,
    each figure printed with the digits that keep it on its side of the category's
    boundary; a row a consistency finding concerns is marked and followed by its note."""
    aturan = k.paket.pemda.aturan
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
                    else Cell(nilai, label=efisiensi_tampil(nilai, e["metode"])),
                    e["kategori"],
                ],
                "total" if total else "",
            )
        )
    baris = baris_dengan_catatan(k, baris, [e["kode"] for e in k.hasil.efisiensi], list(catatan), 0)
    return rows.Table(
        note=catatan_anggaran_dinyatakan(k),
        title=f"Efisiensi Penggunaan Anggaran Tahun {k.tahun}",
        columns=[
            Column("Tujuan/Sasaran", width=28),
            Column("Capaian Kinerja", Kind.PERSEN, 10, batas=batas_capaian(aturan)),
            Column("Pagu (Rp)", Kind.RUPIAH, 15),
            Column("Realisasi (Rp)", Kind.RUPIAH, 15),
            Column("Penyerapan", Kind.PERSEN, 10),
            Column("Efisiensi", Kind.ANGKA, 10, decimals=2),
            Column("Kategori", width=12, align=Align.CENTER),
        ],
        rows=baris,
        small=True,
    )


def catatan_anggaran_dinyatakan(k: Context) -> str:
    """The efficiency table's note on rows whose budget is the one the report states per
    sasaran (no program budget linked to them in the year); "" when there are none."""
    dinyatakan = [e for e in k.hasil.efisiensi if e.get("anggaran_dinyatakan")]
    if not dinyatakan:
        return ""
    nama = [
        "seluruh anggaran" if e["tingkat"] == "total" else f"{e['tingkat']} “{e['uraian']}”"
        for e in dinyatakan
    ]
    daftar = nama[0] if len(nama) == 1 else f"{', '.join(nama[:-1])} dan {nama[-1]}"
    return (
        f"Catatan: pagu dan realisasi {daftar} adalah anggaran yang dinyatakan per sasaran "
        f"dalam laporan, karena tahun {k.tahun} tidak memiliki anggaran program yang "
        "terkait dengan sasaran tersebut."
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
