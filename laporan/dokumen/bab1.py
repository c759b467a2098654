"""BAB I Pendahuluan: the narrative sections, the staff and facilities tables."""

from __future__ import annotations

from django.utils.html import escape

from kinerja.engine.angka import (
    format_angka,
)
from laporan.dokumen.blocks import Bab, Baris, Daftar, Sel, Tabel, kepala_tabel, paragraf
from laporan.dokumen.context import Context


def bab1(k: Context) -> Bab:
    bab = k.bab_baru("I", "PENDAHULUAN")
    b = bab.blok
    n = 0

    def sub(kunci: str) -> None:
        nonlocal n
        n += 1
        k.judul(b, 2, f"1.{n}", k.narasi[kunci].judul)
        k.sisip_narasi(b, kunci)

    sub("latar_belakang")
    sub("struktur_organisasi")
    daftar_sdm = tabel_sdm(k)
    if daftar_sdm or not k.narasi["sdm"].kosong:
        sub("sdm")
        for tb in daftar_sdm:
            k.tabel(b, "1", tb)
    sarpras = tabel_sarpras(k)
    if sarpras or not k.narasi["sarana_prasarana"].kosong:
        sub("sarana_prasarana")
        if sarpras:
            k.tabel(b, "1", sarpras)
    sub("aspek_strategis")
    sub("landasan_hukum")
    n += 1
    k.judul(b, 2, f"1.{n}", k.narasi["sistematika"].judul)
    if k.narasi["sistematika"].kosong:
        b.append(
            paragraf(
                "Laporan Kinerja Instansi Pemerintah {} Tahun {} disusun menurut "
                "Peraturan Menteri PANRB Nomor 53 Tahun 2014 dengan sistematika sebagai berikut:",
                k.pd,
                k.tahun,
            )
        )
        b.append(
            Daftar(
                [
                    escape(x)
                    for x in (
                        "BAB I Pendahuluan: gambaran umum organisasi, aspek strategis dan "
                        "permasalahan utama yang dihadapi.",
                        f"BAB II Perencanaan Kinerja: Rencana Strategis, Indikator Kinerja Utama, "
                        f"Perjanjian Kinerja dan anggaran tahun {k.tahun}.",
                        "BAB III Akuntabilitas Kinerja: capaian kinerja organisasi untuk setiap "
                        "tujuan dan sasaran beserta analisisnya, realisasi anggaran dan efisiensi.",
                        "BAB IV Penutup: kesimpulan, rekomendasi dan tindak lanjut.",
                        "Lampiran: Perjanjian Kinerja dan daftar bukti dukung.",
                    )
                ],
                berurut=False,
            )
        )
    else:
        k.sisip_narasi(b, "sistematika")
    return bab


def tabel_sdm(k: Context) -> list[Tabel]:
    per_kelompok: dict[str, list] = {}
    for row in k.data.sdm:
        per_kelompok.setdefault(row.kelompok, []).append(row)
    hasil = []
    for kelompok, rows in per_kelompok.items():
        baris = [
            Baris(
                [
                    Sel(str(i), "tengah"),
                    Sel(r.uraian),
                    Sel(format_angka(r.pns, 0), "angka"),
                    Sel(format_angka(r.non_pns, 0), "angka"),
                    Sel(format_angka(r.pns + r.non_pns, 0), "angka"),
                ]
            )
            for i, r in enumerate(rows, 1)
        ]
        pns = sum(r.pns for r in rows)
        non = sum(r.non_pns for r in rows)
        baris.append(
            Baris(
                [
                    Sel("Jumlah", colspan=2),
                    Sel(format_angka(pns, 0), "angka"),
                    Sel(format_angka(non, 0), "angka"),
                    Sel(format_angka(pns + non, 0), "angka"),
                ],
                "total",
            )
        )
        hasil.append(
            Tabel(
                judul=f"Pegawai {k.pd} menurut {kelompok} (keadaan Desember {k.tahun})",
                kepala=kepala_tabel("No", kelompok, "PNS", "Non-PNS", "Jumlah"),
                baris=baris,
                lebar=[7, 51, 14, 14, 14],
            )
        )
    return hasil


def tabel_sarpras(k: Context) -> Tabel | None:
    if not k.data.sarpras:
        return None
    return Tabel(
        judul=f"Sarana dan Prasarana {k.pd}",
        kepala=kepala_tabel("No", "Uraian", "Jumlah", "Satuan", "Kondisi"),
        baris=[
            Baris(
                [
                    Sel(str(i), "tengah"),
                    Sel(r.uraian),
                    Sel(format_angka(r.jumlah, 0), "angka"),
                    Sel(r.satuan or "-"),
                    Sel(r.kondisi or "-"),
                ]
            )
            for i, r in enumerate(k.data.sarpras, 1)
        ],
        lebar=[7, 48, 12, 13, 20],
    )
