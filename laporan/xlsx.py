"""Workbooks of a perangkat daerah's year (rendered by ``lib.xlsx``):

- ``buku_dokumen``: the tables of the LKjIP, a sheet per table in the document's order,
  from the same row sources the document prints (``Tabel.sumber``);
- ``buku_tahun``: the whole year, the computed capaian and the data as held, a sheet
  per part (``manage.py ekspor_xlsx`` and the dashboard's download)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc

from laporan.dokumen.blocks import Tabel
from laporan.dokumen.data import Dokumen
from lib.format import format_waktu
from lib.rows import Column, Kind, Row, Table
from lib.xlsx import buku_xlsx


def tabel_dokumen(dok: Dokumen) -> list[Tabel]:
    """Every table of the document printed from a row source, in order."""
    return [
        b
        for bab in (*dok.bab, *dok.lampiran)
        for b in bab.blok
        if isinstance(b, Tabel) and b.sumber is not None
    ]


def kepala_dokumen(dok: Dokumen, waktu: datetime.datetime) -> list[str]:
    """The lines above every sheet: whose document, which year, when it was taken."""
    ident = dok.identitas
    status = {"ditetapkan": "ditetapkan"}.get(dok.status, "draf")
    return [
        f"{ident.pd_nama} — {ident.pemda_nama}",
        f"LKjIP tahun {dok.tahun} ({status})",
        f"Diunduh {format_waktu(waktu)}",
    ]


def buku_dokumen(dok: Dokumen, waktu: datetime.datetime) -> bytes:
    """The workbook of the document's tables; ``waktu`` in local time."""
    daftar = tabel_dokumen(dok)
    tabel = [dataclasses.replace(t.sumber, title=f"{t.label} {t.judul}".strip()) for t in daftar]
    nama = [t.label or t.judul for t in daftar]
    return buku_xlsx(tabel, kepala=kepala_dokumen(dok, waktu), nama=nama)


# ----------------------------------------------------------------------- the whole year


def tabel_temuan(temuan, penjelasan: dict) -> Table:
    """The consistency findings of the year with the operator's explanations."""
    return Table(
        title="Catatan konsistensi data",
        columns=[
            Column("No", Kind.NOMOR),
            Column("Letak"),
            Column("Temuan"),
            Column("Penjelasan"),
        ],
        rows=[
            Row(
                [
                    n,
                    x.lokasi,
                    x.pesan,
                    penjelasan[x.kunci].teks if x.kunci in penjelasan else "Belum dijelaskan",
                ]
            )
            for n, x in enumerate(temuan, start=1)
        ],
    )


def tabel_data(paket, tahun: int) -> dict[str, Table]:
    """The sheets of the data as held, from the package alone, by sheet name: Renstra
    indicators, PK, rencana aksi, realisasi, DPA, realisasi anggaran, the budget stated
    per sasaran, comparison values, SKM (the year's workbook writes them, and checks them
    by name when it is read back)."""
    from anggaran.tabel_paket import (
        tabel_anggaran_sasaran_paket,
        tabel_dpa,
        tabel_realisasi_anggaran_paket,
    )
    from kinerja.tabel_paket import (
        tabel_indikator_renstra,
        tabel_pembanding,
        tabel_pk,
        tabel_realisasi,
        tabel_rencana_aksi,
        tabel_skm_paket,
    )

    th = paket.cari_tahun(tahun)
    tabel = [
        tabel_indikator_renstra(paket, tahun),
        tabel_pk(paket, th),
        tabel_rencana_aksi(paket, th),
        tabel_realisasi(paket, th),
        tabel_dpa(paket, th),
        tabel_realisasi_anggaran_paket(paket, th),
        tabel_anggaran_sasaran_paket(paket, th),
        tabel_pembanding(paket, th),
        tabel_skm_paket(th),
    ]
    return dict(zip(NAMA_SHEET_DATA, tabel, strict=True))


def tabel_tahun(pd, tahun: int, paket=None) -> list[Table]:
    """The sheets of the year of ``pd``: the computed capaian, the data as held
    (:func:`tabel_data`), then the findings; ``paket`` the year's package when the
    caller read it already (``paket_muat(pd, tahun)``). Raises ``HitungError``
    (Indonesian) when the year has no data."""
    from kinerja.engine.hitung import HitungError, hitung
    from kinerja.tables import tabel_capaian_indikator
    from laporan.selectors_paket import paket_muat
    from laporan.services.tetap import penjelasan_tahun

    if paket is None:
        paket = paket_muat(pd, tahun)
    if paket.cari_tahun(tahun) is None:
        raise HitungError(f"tidak ada data tahun {tahun}")
    hasil = hitung(paket, tahun)
    return [
        dataclasses.replace(tabel_capaian_indikator(hasil.indikator), title=f"Capaian {tahun}"),
        *tabel_data(paket, tahun).values(),
        tabel_temuan(hasil.temuan, penjelasan_tahun(pd, tahun)),
    ]


# The sheets of the data as held (:func:`tabel_data`), in the workbook's order.
NAMA_SHEET_DATA = [
    "Indikator Renstra",
    "PK",
    "Rencana Aksi",
    "Realisasi",
    "DPA",
    "Realisasi Anggaran",
    "Anggaran per Sasaran",
    "Pembanding",
    "SKM",
]
NAMA_SHEET_TAHUN = ["Capaian", *NAMA_SHEET_DATA, "Temuan"]


# The year's data package travels in a hidden sheet of the year's workbook, in pieces
# below Excel's 32,767 characters per cell, so that the workbook moves the year to
# another installation (``impor_xlsx``) as ``ekspor_paket`` does.
SHEET_PAKET = "lkjip-paket"
JENIS_PAKET = "lkjip-paket-tahun"
POTONGAN = 30000


def paket_tersembunyi(pd, tahun: int, paket=None) -> tuple[str, list[str]]:
    """The hidden sheet of the year's package (``paket``: ``paket_muat`` with
    ``aturan_hari_ini``, when the caller read it already)."""
    from kinerja.paket.serializer import dumps, tulis_paket
    from laporan.selectors_paket import paket_muat

    if paket is None:
        paket = paket_muat(pd, tahun, aturan_hari_ini=True)
    teks = dumps(tulis_paket(paket), indent=None)
    potong = [teks[i : i + POTONGAN] for i in range(0, len(teks), POTONGAN)]
    return SHEET_PAKET, [JENIS_PAKET, pd.kode, str(tahun), *potong]


@contextlib.contextmanager
def _tanpa_gc():
    """The cyclic garbage collector paused: building a workbook makes many short-lived
    objects and no cycles worth collecting on the way; its passes over them cost a
    third of the year workbook's time (bench/impor.py, ``ekspor_detik``)."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


def buku_tahun(pd, tahun: int, waktu: datetime.datetime) -> bytes:
    """The whole year of ``pd`` as one workbook; ``waktu`` in local time."""
    with _tanpa_gc():
        return _buku_tahun(pd, tahun, waktu)


def _buku_tahun(pd, tahun: int, waktu: datetime.datetime) -> bytes:
    kepala = [
        f"{pd.nama} — {pd.pemda.nama}",
        f"Tahun {tahun}",
        f"Diunduh {format_waktu(waktu)}",
    ]
    from kinerja.aturan import aturan_berlaku
    from laporan.selectors_paket import paket_muat

    # The package is read once: the export carries today's rules, the computation of the
    # year the rules in force for it (a signed year's own); nothing else differs.
    ekspor = paket_muat(pd, tahun, aturan_hari_ini=True)
    aturan = aturan_berlaku(pd, tahun, pemda=pd.pemda)
    paket = dataclasses.replace(ekspor, pemda=dataclasses.replace(ekspor.pemda, aturan=aturan))
    return buku_xlsx(
        tabel_tahun(pd, tahun, paket),
        kepala=kepala,
        nama=NAMA_SHEET_TAHUN,
        tersembunyi=[paket_tersembunyi(pd, tahun, ekspor)],
    )


def paket_dari_buku(wb) -> tuple[str, int, str] | None:
    """(kode perangkat daerah, tahun, the package's JSON text) of a year's workbook, or
    None for another workbook."""
    if SHEET_PAKET not in wb.sheetnames:
        return None
    nilai = [c.value for c in wb[SHEET_PAKET]["A"]]
    if not nilai or nilai[0] != JENIS_PAKET or len(nilai) < 4:
        return None
    return str(nilai[1]), int(nilai[2]), "".join(str(v or "") for v in nilai[3:])
