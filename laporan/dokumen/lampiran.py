"""The lampiran: PK documents (``lampiran_pk``), evidence list, every consistency finding."""

from __future__ import annotations

from django.utils.html import format_html

from kinerja.paket import types as t
from laporan.dokumen.blocks import Bab, paragraf
from laporan.dokumen.catatan import TemuanCetak, draf, semua_catatan
from laporan.dokumen.context import Context
from laporan.dokumen.data import BuktiBaris
from laporan.dokumen.formatting import label_versi
from laporan.dokumen.lampiran_pk import lampiran_pk, lampiran_pk_berjenjang
from laporan.dokumen.tables import blok_tabel
from lib import rows
from lib.rows import Align, Column, Kind, Row


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
    catatan = semua_catatan(k)
    if catatan:
        n += 1
        hasil.append(lampiran_catatan_konsistensi(k, n, catatan))
    return hasil


def lampiran_catatan_konsistensi(k: Context, n: int, catatan: list[TemuanCetak]) -> Bab:
    """Every consistency finding of the year, explained or not, with the table it is
    printed under and the operator's explanation ("Belum dijelaskan" in a draft)."""
    bab = k.bab_lampiran(n, f"Lampiran {n}. Catatan Konsistensi Data Tahun {k.tahun}")
    belum = sum(1 for x in catatan if not x.penjelasan)
    if belum:
        ringkas = format_html(
            "{} di antaranya <strong>belum dijelaskan</strong> perangkat daerah; laporan ini "
            "belum dapat ditetapkan sebelum setiap temuan diperbaiki datanya atau dijelaskan",
            belum,
        )
    else:
        ringkas = "seluruhnya telah dijelaskan perangkat daerah karena datanya memang demikian"
    bab.blok.append(
        paragraf(
            "Pemeriksaan konsistensi data kinerja dan anggaran tahun {} menemukan {} hal; {}. "
            "Setiap temuan juga dicantumkan di bawah tabel yang memuatnya dengan tanda yang "
            "sama (nomor pada kolom No).",
            k.tahun,
            len(catatan),
            ringkas,
        )
    )
    bab.blok.append(blok_tabel(tabel_catatan_konsistensi(catatan, draf=draf(k))))
    return bab


def tabel_catatan_konsistensi(catatan: list[TemuanCetak], *, draf: bool = True) -> rows.Table:
    """Every finding with where it is printed and the operator's explanation."""
    return rows.Table(
        title="Catatan Konsistensi Data",
        columns=[
            Column("No", width=6, align=Align.CENTER),
            Column("Temuan", width=46),
            Column("Penjelasan", width=34),
            Column("Dicantumkan pada", width=14),
        ],
        rows=[
            Row(
                [
                    x.tanda,
                    x.teks,
                    x.penjelasan or "Belum dijelaskan",
                    ", ".join(x.tempat) or "Lampiran ini",
                ],
                "belum-dijelaskan" if draf and not x.penjelasan else "",
            )
            for x in catatan
        ],
        small=True,
    )


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
    b.append(blok_tabel(tabel_bukti(bukti)))
    return bab


def tabel_bukti(bukti: list[BuktiBaris]) -> rows.Table:
    """The evidence files of the year's realisasi."""
    return rows.Table(
        title="Daftar Bukti Dukung",
        columns=[
            Column("No", Kind.NOMOR, 5),
            Column("Indikator", width=28),
            Column("Triwulan", width=9, align=Align.CENTER),
            Column("Nama Berkas", width=25),
            Column("Jenis", width=10),
            Column("Ukuran", Kind.UKURAN, 10),
            Column("Diunggah", Kind.TANGGAL, 13),
        ],
        rows=[
            Row(
                [
                    i,
                    f"{x.indikator_kode} {x.indikator_nama}",
                    ("I", "II", "III", "IV")[x.triwulan - 1],
                    x.nama,
                    x.jenis,
                    x.ukuran,
                    x.waktu.date() if x.waktu else None,
                ]
            )
            for i, x in enumerate(bukti, 1)
        ],
        small=True,
    )
