"""BAB I Pendahuluan: the narrative sections, the staff and facilities tables."""

from __future__ import annotations

from laporan.dokumen.blocks import Bab
from laporan.dokumen.context import Context
from laporan.dokumen.pohon import blok_pohon_kinerja
from lib import rows
from lib.rows import Cell, Column, Kind, Row


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
    blok_pohon_kinerja(k, b)
    sub("landasan_hukum")
    # An empty sistematika prints its draft: the standard outline of BAB I–IV.
    sub("sistematika")
    return bab


def tabel_sdm(k: Context) -> list[rows.Table]:
    """The staff of the perangkat daerah, one table per grouping (rank, education, …)."""
    per_kelompok: dict[str, list] = {}
    for row in k.data.sdm:
        per_kelompok.setdefault(row.kelompok, []).append(row)
    hasil = []
    for kelompok, daftar in per_kelompok.items():
        baris = [
            Row([i, r.uraian, r.pns, r.non_pns, r.pns + r.non_pns]) for i, r in enumerate(daftar, 1)
        ]
        pns = sum(r.pns for r in daftar)
        non = sum(r.non_pns for r in daftar)
        baris.append(Row([Cell("Jumlah", colspan=2, kind=Kind.TEKS), pns, non, pns + non], "total"))
        hasil.append(
            rows.Table(
                title=f"Pegawai {k.pd} menurut {kelompok} (keadaan Desember {k.tahun})",
                columns=[
                    Column("No", Kind.NOMOR, 7),
                    Column(kelompok, width=51),
                    Column("PNS", Kind.ANGKA, 14, decimals=0),
                    Column("Non-PNS", Kind.ANGKA, 14, decimals=0),
                    Column("Jumlah", Kind.ANGKA, 14, decimals=0),
                ],
                rows=baris,
            )
        )
    return hasil


def tabel_sarpras(k: Context) -> rows.Table | None:
    """The facilities of the perangkat daerah; None when none are recorded."""
    if not k.data.sarpras:
        return None
    return rows.Table(
        title=f"Sarana dan Prasarana {k.pd}",
        columns=[
            Column("No", Kind.NOMOR, 7),
            Column("Uraian", width=48),
            Column("Jumlah", Kind.ANGKA, 12, decimals=0),
            Column("Satuan", width=13),
            Column("Kondisi", width=20),
        ],
        rows=[
            Row([i, r.uraian, r.jumlah, r.satuan or None, r.kondisi or None])
            for i, r in enumerate(k.data.sarpras, 1)
        ],
    )
