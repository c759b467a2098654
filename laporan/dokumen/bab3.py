"""BAB III Akuntabilitas Kinerja: the scale, the summary of capaian, one section per
tujuan/sasaran (``bab3_indikator``), program indicators and the budget (``bab3_anggaran``).
"""

from __future__ import annotations

import re

from django.utils.html import format_html

from kinerja.engine.capaian import RumusNegatif
from kinerja.engine.hitung import HasilIndikator
from kinerja.engine.predikat import Skala
from kinerja.paket import types as t
from laporan.dokumen.analisis import susun_analisis
from laporan.dokumen.bab3_anggaran import realisasi_anggaran
from laporan.dokumen.bab3_indikator import blok_analisis_indikator, blok_efisiensi
from laporan.dokumen.bab3_triwulan import (
    TINGKAT_PROGRAM,
    blok_realisasi_triwulan,
    tabel_indikator_tingkat,
)
from laporan.dokumen.blocks import Bab, paragraf
from laporan.dokumen.catatan import tambah_catatan
from laporan.dokumen.context import Context
from laporan.dokumen.data import AnalisisSasaran
from laporan.dokumen.formatting import (
    batas_capaian,
    capaian_tampil,
    dasar_perhitungan,
    persen,
    rentang,
    sumber_skala,
)
from lib import rows
from lib.format import format_angka_alami
from lib.rows import Align, Cell, Column, Kind, Row


def bab3(k: Context) -> Bab:
    bab = k.bab_baru("III", "AKUNTABILITAS KINERJA")
    b = bab.blok
    k.judul(b, 2, "3.1", k.narasi["capaian_kinerja"].judul)
    k.sisip_narasi(b, "capaian_kinerja")
    aturan = k.paket.pemda.aturan
    tb_skala = tabel_skala(k, aturan)
    batas = []
    if aturan.batas_atas_capaian is not None:
        batas.append(
            f"capaian di atas {format_angka_alami(aturan.batas_atas_capaian)}% dihitung "
            f"{format_angka_alami(aturan.batas_atas_capaian)}%"
        )
    if aturan.batas_bawah_capaian is not None:
        batas.append(
            f"capaian di bawah {format_angka_alami(aturan.batas_bawah_capaian)}% dihitung "
            f"{format_angka_alami(aturan.batas_bawah_capaian)}%"
        )
    rumus_neg = (
        "(2T − R)/T × 100" if aturan.rumus_negatif == RumusNegatif.DUA_T_KURANG_R else "T/R × 100"
    )
    b.append(
        paragraf(
            "Capaian kinerja setiap indikator dihitung dari target dan realisasinya: untuk "
            "indikator berpolaritas positif (makin tinggi makin baik) capaian = R/T × 100, "
            "untuk indikator berpolaritas negatif capaian = {}. {}Predikat capaian mengikuti "
            "skala yang ditetapkan {} pada {}; indikator dinyatakan tercapai bila capaiannya "
            "paling sedikit {}%.",
            rumus_neg,
            ("Untuk penilaian, " + " dan ".join(batas) + ". ") if batas else "",
            k.ident.pemda_nama,
            k.ke(tb_skala, "3"),
            format_angka_alami(aturan.ambang_tercapai),
        )
    )
    k.tabel(b, "3", tb_skala)
    tambah_catatan(k, b, "skala")
    analisis = susun_analisis(k)
    k.analisis = analisis
    tb_ringkas = tabel_ringkasan(k, analisis, "Capaian Indikator Tujuan dan Sasaran")
    rata = k.hasil.ringkasan["rata_rata_capaian_iku"]
    b.append(
        paragraf(
            "Hasil pengukuran indikator tujuan dan sasaran tahun {} disajikan pada {}; di samping "
            "setiap capaian dicantumkan dasar perhitungannya (rumus, batas, tipe penghitungan "
            "dan sumber target) sehingga dapat dihitung ulang.{}",
            k.tahun,
            k.ke(tb_ringkas, "3"),
            format_html(
                " Rata-rata capaian {} IKU adalah {}.",
                k.hasil.ringkasan["jumlah_iku"],
                persen(rata),
            )
            if rata is not None
            else "",
        )
    )
    k.tabel(b, "3", tb_ringkas)
    tambah_catatan(k, b, "ringkasan")
    blok_realisasi_triwulan(k, b)
    n = 0
    for a in analisis:
        n += 1
        label = "Tujuan" if a.tingkat == "tujuan" else "Sasaran"
        k.judul(b, 3, f"3.1.{n}", f"{label}: {a.uraian}")
        for ai in a.indikator:
            blok_analisis_indikator(k, b, ai)
        blok_efisiensi(k, b, a)
    n += 1
    k.judul(b, 3, f"3.1.{n}", "Capaian Indikator Program, Kegiatan dan Sub Kegiatan")
    indikator_program(k, b)
    # 3.2
    k.judul(b, 2, "3.2", k.narasi["realisasi_anggaran"].judul)
    k.sisip_narasi(b, "realisasi_anggaran")
    realisasi_anggaran(k, b)
    return bab


def tabel_skala(k: Context, aturan: t.Aturan) -> rows.Table:
    """The pemda's scale: capaian ranges and their predicate."""
    skala: Skala = aturan.skala
    return rows.Table(
        title="Skala Nilai Capaian Kinerja dan Predikat",
        columns=[
            Column("No", Kind.NOMOR, 7),
            Column("Capaian Kinerja (%)", width=30, align=Align.CENTER),
            Column("Predikat", width=30),
            Column("Keterangan", width=33),
        ],
        rows=[
            Row([n, rentang(band), band.label, band.keterangan or None])
            for n, band in enumerate(skala.band, 1)
        ],
        note=f"Sumber: {sumber_skala_pd(skala.sumber, k.pd, k.ident.pemda_nama)}"
        if skala.sumber
        else "",
    )


_LKJIP_PD = re.compile(r"LKjIP\s+Kec(?:amatan|\.)\s+([^,;()]+?)\s+\d{4}")


def sumber_skala_pd(sumber: str, pd: str, pemda: str) -> str:
    """The source of the scale as this perangkat daerah's report may cite it. A preset
    scale records the report it was copied from ("LKjIP Kec. Bogorejo 2024, Tabel 3.1");
    another perangkat daerah's LKjIP is not the source of this one's scale, the pemda's
    rule is: such a citation is dropped, or the source becomes the pemda's rule."""
    teks = sumber_skala(sumber)

    def asing(bagian: str) -> bool:
        return any(
            m.group(1).strip().casefold() not in pd.casefold() for m in _LKJIP_PD.finditer(bagian)
        )

    teks = re.sub(r"\s*\(([^()]*)\)", lambda m: "" if asing(m.group(1)) else m.group(0), teks)
    if asing(teks):
        return f"Skala nilai capaian kinerja yang ditetapkan {pemda}"
    return teks.strip()


def tabel_ringkasan(k: Context, analisis: list[AnalisisSasaran], judul: str) -> rows.Table:
    """Target, realisasi, capaian, predicate and rule of every tujuan/sasaran indicator."""
    baris = []
    for a in analisis:
        for ai in a.indikator:
            h = ai.hasil
            baris.append(
                Row(
                    [
                        len(baris) + 1,
                        f"{a.tingkat.capitalize()}: {a.uraian}",
                        h.nama,
                        Cell(h.target, label=h.target_label),
                        Cell(h.realisasi, label=h.realisasi_label),
                        capaian_tampil(h),
                        h.predikat,
                        dasar_perhitungan(h),
                    ]
                )
            )
    return rows.Table(
        title=f"{judul} Tahun {k.tahun}",
        columns=[
            Column("No", Kind.NOMOR, 5),
            Column("Tujuan/Sasaran", width=19),
            Column("Indikator Kinerja", width=19),
            Column("Target", Kind.ANGKA, 8),
            Column("Realisasi", Kind.ANGKA, 10),
            Column("Capaian", Kind.PERSEN, 9, bold=True, batas=batas_capaian(k.paket.pemda.aturan)),
            Column("Predikat", Kind.PREDIKAT, 10),
            Column("Dasar Perhitungan", width=20, formula=True),
        ],
        rows=baris,
        small=True,
    )


def tabel_indikator_program(
    k: Context, daftar: list[HasilIndikator], judul: str, induk: dict[str, tuple[str, str]]
) -> rows.Table:
    """Capaian of the indicators of one level (program, kegiatan or sub kegiatan)."""
    tingkat = daftar[0].tingkat if daftar else ""
    return tabel_indikator_tingkat(
        k.hasil, tingkat, judul, induk, k.tahun, batas_capaian(k.paket.pemda.aturan)
    )


def indikator_program(k: Context, b: list) -> None:
    """One paragraph and table per level: program, kegiatan, sub kegiatan; a level without
    indicators is said so, not left out silently."""
    induk = k.uraian_induk()
    tanpa = []
    for tingkat, judul in TINGKAT_PROGRAM:
        daftar = [i for i in k.hasil.indikator if i.tingkat == tingkat]
        if not daftar:
            tanpa.append(judul.lower())
            continue
        terukur = [i for i in daftar if i.tercapai is not None]
        tercapai = [i for i in terukur if i.tercapai]
        tb = tabel_indikator_program(k, daftar, judul, induk)
        b.append(
            paragraf(
                "Capaian {} indikator {} disajikan pada {}: {} dari {} indikator yang sudah "
                "memiliki realisasi mencapai targetnya.",
                len(daftar),
                judul.lower(),
                k.ke(tb, "3"),
                len(tercapai),
                len(terukur),
            )
        )
        k.tabel(b, "3", tb)
        tambah_catatan(k, b, "indikator", *(i.kode for i in daftar))
    if tanpa:
        b.append(
            paragraf(
                "Indikator {} belum ditetapkan dengan target atau realisasi tahun {} dalam data "
                "kinerja {}, sehingga capaiannya tidak disajikan.",
                " dan ".join(tanpa),
                k.tahun,
                k.pd,
            )
        )
