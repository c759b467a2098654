"""BAB III Akuntabilitas Kinerja: the scale, the summary of capaian, one section per
tujuan/sasaran (``bab3_indikator``), program indicators and the budget (``bab3_anggaran``).
"""

from __future__ import annotations

from django.utils.html import format_html

from kinerja.engine.angka import (
    format_angka_alami,
)
from kinerja.engine.capaian import RumusNegatif
from kinerja.engine.predikat import Skala
from kinerja.paket import types as t
from laporan.dokumen.analisis import susun_analisis
from laporan.dokumen.bab3_anggaran import realisasi_anggaran
from laporan.dokumen.bab3_indikator import blok_analisis_indikator, blok_efisiensi
from laporan.dokumen.blocks import Bab, Baris, Sel, Tabel, kepala_tabel, paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.data import AnalisisSasaran
from laporan.dokumen.formatting import dasar_perhitungan, persen, rentang, sumber_skala, tampil


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


def tabel_skala(k: Context, aturan: t.Aturan) -> Tabel:
    skala: Skala = aturan.skala
    baris = [
        Baris(
            [
                Sel(str(n), "tengah"),
                Sel(rentang(band), "tengah"),
                Sel(band.label),
                Sel(band.keterangan or "-"),
            ]
        )
        for n, band in enumerate(skala.band, 1)
    ]
    return Tabel(
        judul="Skala Nilai Capaian Kinerja dan Predikat",
        kepala=kepala_tabel("No", "Capaian Kinerja (%)", "Predikat", "Keterangan"),
        baris=baris,
        lebar=[7, 30, 30, 33],
        catatan=f"Sumber: {sumber_skala(skala.sumber)}" if skala.sumber else "",
    )


def tabel_ringkasan(k: Context, analisis: list[AnalisisSasaran], judul: str) -> Tabel:
    baris = []
    n = 0
    for a in analisis:
        for ai in a.indikator:
            n += 1
            h = ai.hasil
            baris.append(
                Baris(
                    [
                        Sel(str(n), "tengah"),
                        Sel(f"{a.tingkat.capitalize()}: {a.uraian}"),
                        Sel(h.nama),
                        Sel(tampil(h.target, h.target_label), "angka"),
                        Sel(tampil(h.realisasi, h.realisasi_label), "angka"),
                        Sel(
                            persen(h.capaian if h.capaian is not None else h.capaian_skor),
                            "angka tebal",
                        ),
                        Sel(h.predikat or "-", "tengah"),
                        Sel(dasar_perhitungan(h), "rumus"),
                    ]
                )
            )
    return Tabel(
        judul=f"{judul} Tahun {k.tahun}",
        kepala=kepala_tabel(
            "No",
            "Tujuan/Sasaran",
            "Indikator Kinerja",
            "Target",
            "Realisasi",
            "Capaian",
            "Predikat",
            "Dasar Perhitungan",
        ),
        baris=baris,
        lebar=[5, 19, 19, 8, 10, 9, 10, 20],
        kelas="kecil",
    )


def indikator_program(k: Context, b: list) -> None:
    induk = k.uraian_induk()
    for tingkat, judul in (
        ("program", "Program"),
        ("kegiatan", "Kegiatan"),
        ("sub_kegiatan", "Sub Kegiatan"),
    ):
        daftar = [i for i in k.hasil.indikator if i.tingkat == tingkat]
        if not daftar:
            continue
        baris = []
        for n, i in enumerate(daftar, 1):
            nama_induk = induk.get(i.induk, ("", i.induk))[1]
            baris.append(
                Baris(
                    [
                        Sel(str(n), "tengah"),
                        Sel(i.induk),
                        Sel(nama_induk),
                        Sel(i.nama),
                        Sel(tampil(i.target, i.target_label), "angka"),
                        Sel(tampil(i.realisasi, i.realisasi_label), "angka"),
                        Sel(
                            persen(i.capaian if i.capaian is not None else i.capaian_skor),
                            "angka",
                        ),
                        Sel(i.predikat or "-", "tengah"),
                    ]
                )
            )
        terukur = [i for i in daftar if i.tercapai is not None]
        tercapai = [i for i in terukur if i.tercapai]
        tb = Tabel(
            judul=f"Capaian Indikator Kinerja {judul} Tahun {k.tahun}",
            kepala=kepala_tabel(
                "No", "Kode", judul, "Indikator", "Target", "Realisasi", "Capaian", "Predikat"
            ),
            baris=baris,
            lebar=[5, 15, 20, 24, 8, 8, 9, 11],
            kelas="kecil",
        )
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
