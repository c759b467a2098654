"""The lampiran: PK documents (``lampiran_pk``), evidence list, consistency notes."""

from __future__ import annotations

from kinerja.engine.angka import (
    format_tanggal,
)
from kinerja.paket import types as t
from kinerja.services.tetap import TemuanDijelaskan, kelompok_temuan
from laporan.dokumen.blocks import Bab, Baris, Sel, Tabel, kepala_tabel, paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import label_versi, ukuran_berkas
from laporan.dokumen.lampiran_pk import lampiran_pk, lampiran_pk_berjenjang


def lampiran(k: Context) -> list[Bab]:
    hasil = []
    th = k.th
    versi = sorted(th.perjanjian_kinerja, key=lambda x: t.urutan_versi(x.versi))
    semua = {i.kode: i for i in k.paket.semua_indikator()}
    induk = k.uraian_induk()
    n = 0
    for pk in versi:
        n += 1
        judul = f"Lampiran {n}. Perjanjian Kinerja Tahun {k.tahun}" + (
            f" (PK {label_versi(pk.versi)})" if len(versi) > 1 else ""
        )
        hasil.append(lampiran_pk(k, n, judul, pk, semua, induk))
    for b in th.pk_berjenjang:
        n += 1
        hasil.append(lampiran_pk_berjenjang(k, n, b))
    n += 1
    hasil.append(lampiran_bukti(k, n))
    catatan = [
        g
        for g in kelompok_temuan(k.data.hasil.temuan, {})
        if k.data.penjelasan.get(g.kunci, "").strip()
    ]
    if catatan:
        n += 1
        hasil.append(lampiran_catatan_konsistensi(k, n, catatan))
    return hasil


def lampiran_catatan_konsistensi(k: Context, n: int, catatan: list[TemuanDijelaskan]) -> Bab:
    """The consistency findings the data keep, each with the operator's explanation."""
    bab = k.bab_lampiran(n, f"Lampiran {n}. Catatan Konsistensi Data Tahun {k.tahun}")
    bab.blok.append(
        paragraf(
            "Pemeriksaan konsistensi data kinerja dan anggaran tahun {} menemukan {} hal yang "
            "tidak diubah karena datanya memang demikian; penjelasan perangkat daerah atas "
            "setiap temuan adalah sebagai berikut:",
            k.tahun,
            len(catatan),
        )
    )
    bab.blok.append(
        Tabel(
            judul="Catatan Konsistensi Data",
            kepala=kepala_tabel("No", "Temuan", "Penjelasan"),
            baris=[
                Baris(
                    [
                        Sel(str(i), "tengah"),
                        Sel(f"{g.lokasi}: " + "; ".join(g.pesan)),
                        Sel(k.data.penjelasan[g.kunci].strip()),
                    ]
                )
                for i, g in enumerate(catatan, 1)
            ],
            lebar=[5, 55, 40],
            kelas="kecil",
        )
    )
    return bab


def lampiran_bukti(k: Context, n: int) -> Bab:
    bab = k.bab_lampiran(n, f"Lampiran {n}. Daftar Bukti Dukung Realisasi Tahun {k.tahun}")
    b = bab.blok
    bukti = k.data.bukti
    if not bukti:
        b.append(
            paragraf("Belum ada berkas bukti dukung realisasi tahun {} yang diunggah.", k.tahun)
        )
        return bab
    b.append(
        paragraf(
            "{} berkas bukti dukung realisasi kinerja tahun {} tersimpan dalam aplikasi dan dapat "
            "diunduh oleh evaluator:",
            len(bukti),
            k.tahun,
        )
    )
    b.append(
        Tabel(
            judul="Daftar Bukti Dukung",
            kepala=kepala_tabel(
                "No", "Indikator", "Triwulan", "Nama Berkas", "Jenis", "Ukuran", "Diunggah"
            ),
            baris=[
                Baris(
                    [
                        Sel(str(i), "tengah"),
                        Sel(f"{x.indikator_kode} {x.indikator_nama}"),
                        Sel(("I", "II", "III", "IV")[x.triwulan - 1], "tengah"),
                        Sel(x.nama),
                        Sel(x.jenis),
                        Sel(ukuran_berkas(x.ukuran), "angka"),
                        Sel(format_tanggal(x.waktu.date()) if x.waktu else "-"),
                    ]
                )
                for i, x in enumerate(bukti, 1)
            ],
            lebar=[5, 28, 9, 25, 10, 10, 13],
            kelas="kecil",
        )
    )
    return bab
