"""Row sources of a year's performance data as held (``kinerja.paket.types``): the
sheets of the year's workbook (``laporan.xlsx.buku_tahun``). The figures as entered,
not computed: the computed capaian are ``kinerja.tables.tabel_capaian_indikator``."""

from __future__ import annotations

from kinerja.engine.angka import Nilai
from kinerja.engine.realisasi import Rasio
from kinerja.models import POLARITAS_CHOICES, TIPE_CHOICES
from kinerja.paket import types as t
from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.rows import Cell, Column, Kind, Row, Table

TINGKAT = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub kegiatan",
}
_POLARITAS = dict(POLARITAS_CHOICES)
_TIPE = dict(TIPE_CHOICES)
_TINGKAT_PEMBANDING = {
    "kabupaten": "Kabupaten",
    "provinsi": "Provinsi",
    "nasional": "Nasional",
    "lainnya": "Lainnya",
}


def sel_nilai(v: Nilai | Rasio | None) -> Cell:
    """A value as entered: its number (with its label, "BB (73,75)", when it has one);
    a ratio as its two parts."""
    if v is None:
        return Cell(None)
    if isinstance(v, Rasio):
        p = v.persen()
        return Cell(p, kind=Kind.PERSEN) if p is not None else Cell(None)
    return Cell(v.angka, label=v.label)


def _angka(header: str) -> Column:
    return Column(header, Kind.ANGKA, max_decimals=None)


def tabel_indikator_renstra(paket: t.Paket, tahun: int) -> Table:
    """Every indicator of the Renstra and the program tree, with its register and the
    year's Renstra target."""
    return Table(
        title="Indikator Renstra",
        columns=[
            Column("Kode"),
            Column("Tingkat"),
            Column("Induk"),
            Column("Indikator"),
            Column("Satuan"),
            Column("IKU"),
            Column("Polaritas"),
            Column("Tipe penghitungan"),
            _angka(f"Target {tahun}"),
            _angka("Target akhir Renstra"),
            Column("Formulasi"),
            Column("Definisi operasional"),
            Column("Alasan pemilihan"),
            Column("Sumber data"),
            Column("Penanggung jawab"),
        ],
        rows=[
            Row(
                [
                    i.kode,
                    TINGKAT.get(i.tingkat, i.tingkat),
                    i.induk,
                    i.nama,
                    i.satuan,
                    "Ya" if i.iku else "Tidak",
                    _POLARITAS.get(i.polaritas.value, i.polaritas.value),
                    _TIPE.get(i.tipe_penghitungan.value, i.tipe_penghitungan.value),
                    sel_nilai(i.target_tahunan.get(tahun)),
                    sel_nilai(i.target_akhir),
                    i.formulasi,
                    i.definisi_operasional,
                    i.alasan_pemilihan,
                    i.sumber_data,
                    i.penanggung_jawab,
                ]
            )
            for i in paket.semua_indikator()
        ],
    )


def _nama(paket: t.Paket) -> dict[str, t.Indikator]:
    return {i.kode: i for i in paket.semua_indikator()}


def tabel_pk(paket: t.Paket, th: t.Tahun) -> Table:
    """The targets of every version of the year's Perjanjian Kinerja."""
    nama = _nama(paket)
    rows = []
    for pk in th.perjanjian_kinerja:
        for kode, nilai in pk.target.items():
            ind = nama.get(kode)
            rows.append(
                Row(
                    [
                        pk.versi,
                        pk.tanggal,
                        kode,
                        ind.nama if ind else "",
                        ind.satuan if ind else "",
                        sel_nilai(nilai),
                    ]
                )
            )
        for kode, jumlah in pk.anggaran_program.items():
            rows.append(Row([pk.versi, pk.tanggal, kode, "Anggaran program", "Rp", Cell(jumlah)]))
    return Table(
        title=f"Perjanjian Kinerja {th.tahun}",
        columns=[
            Column("Versi"),
            Column("Tanggal", Kind.TANGGAL),
            Column("Kode"),
            Column("Indikator / uraian"),
            Column("Satuan"),
            _angka("Target"),
        ],
        rows=rows,
    )


def _tabel_triwulan(
    judul: str, paket: t.Paket, nilai: dict[str, list], catatan: dict | None = None
) -> Table:
    nama = _nama(paket)
    kolom = [Column("Kode"), Column("Indikator"), Column("Satuan")]
    kolom += [_angka(f"TW {r}") for r in ROMAWI]
    if catatan is not None:
        kolom += [Column(f"Catatan TW {r}") for r in ROMAWI]
    rows = []
    for kode, tw in nilai.items():
        ind = nama.get(kode)
        values = [kode, ind.nama if ind else "", ind.satuan if ind else ""]
        values += [sel_nilai(v) for v in tw]
        if catatan is not None:
            values += list(catatan.get(kode) or [None] * 4)
        rows.append(Row(values))
    return Table(title=judul, columns=kolom, rows=rows)


def tabel_rencana_aksi(paket: t.Paket, th: t.Tahun) -> Table:
    return _tabel_triwulan(f"Rencana Aksi {th.tahun}", paket, th.rencana_aksi)


def tabel_realisasi(paket: t.Paket, th: t.Tahun) -> Table:
    return _tabel_triwulan(f"Realisasi {th.tahun}", paket, th.realisasi, th.catatan_realisasi)


def tabel_pembanding(paket: t.Paket, th: t.Tahun) -> Table:
    nama = _nama(paket)
    return Table(
        title=f"Nilai pembanding {th.tahun}",
        columns=[
            Column("Kode"),
            Column("Indikator"),
            Column("Tingkat"),
            Column("Keterangan"),
            _angka("Nilai"),
            Column("Sumber"),
        ],
        rows=[
            Row(
                [
                    kode,
                    nama[kode].nama if kode in nama else "",
                    _TINGKAT_PEMBANDING.get(p.tingkat, p.tingkat),
                    p.label,
                    sel_nilai(p.nilai),
                    p.sumber,
                ]
            )
            for kode, daftar in th.pembanding.items()
            for p in daftar
        ],
    )


def tabel_skm_paket(th: t.Tahun) -> Table:
    """The survey results: the NRR of each unsur (U1 … U9)."""
    unsur = sorted({u for s in th.skm for u in s.unsur}, key=lambda u: (len(u), u))
    return Table(
        title=f"Survei Kepuasan Masyarakat {th.tahun}",
        columns=[
            Column("Periode"),
            Column("Indikator"),
            Column("Responden", Kind.ANGKA, decimals=0),
            *[Column(f"NRR {u}", Kind.ANGKA, max_decimals=None) for u in unsur],
        ],
        rows=[
            Row([s.periode, s.indikator, s.responden, *[s.unsur.get(u) for u in unsur]])
            for s in th.skm
        ],
    )
