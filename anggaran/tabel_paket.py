"""Row sources of a year's budget as held (``kinerja.paket.types``): the DPA and the
realisasi anggaran sheets of the year's workbook (``laporan.xlsx.buku_tahun``)."""

from __future__ import annotations

from decimal import Decimal

from kinerja.paket import types as t
from kinerja.tabel_paket import ROMAWI, TINGKAT
from lib.rows import Column, Kind, Row, Table


def _rp(header: str) -> Column:
    return Column(header, Kind.RUPIAH, symbol=True)


def tabel_dpa(paket: t.Paket, th: t.Tahun) -> Table:
    """The pagu of every node of the program tree in every DPA version of the year."""
    nama = paket.nama_node_anggaran()
    return Table(
        title=f"DPA {th.tahun}",
        columns=[
            Column("Versi"),
            Column("Tanggal", Kind.TANGGAL),
            Column("Kode"),
            Column("Tingkat"),
            Column("Uraian"),
            _rp("Pagu"),
        ],
        rows=[
            Row(
                [
                    d.versi,
                    d.tanggal,
                    kode,
                    TINGKAT.get(nama.get(kode, ("", ""))[1], ""),
                    nama.get(kode, ("", ""))[0],
                    pagu,
                ]
            )
            for d in th.dpa
            for kode, pagu in d.pagu.items()
        ],
    )


def tabel_realisasi_anggaran_paket(paket: t.Paket, th: t.Tahun) -> Table:
    """The spending of every node: within each quarter, or one annual amount."""
    nama = paket.nama_node_anggaran()
    rows = []
    for kode, nilai in th.realisasi_anggaran.items():
        tw: list[Decimal | None] = list(nilai) if isinstance(nilai, list) else [None] * 4
        tahunan = None if isinstance(nilai, list) else nilai
        rows.append(
            Row(
                [
                    kode,
                    TINGKAT.get(nama.get(kode, ("", ""))[1], ""),
                    nama.get(kode, ("", ""))[0],
                    *tw,
                    tahunan,
                ]
            )
        )
    return Table(
        title=f"Realisasi anggaran {th.tahun}",
        columns=[
            Column("Kode"),
            Column("Tingkat"),
            Column("Uraian"),
            *[_rp(f"TW {r}") for r in ROMAWI],
            _rp("Tahunan (tanpa rincian triwulan)"),
        ],
        rows=rows,
    )


def tabel_anggaran_sasaran_paket(paket: t.Paket, th: t.Tahun) -> Table:
    """The pagu and realisasi a report states per sasaran, as held (matching no program),
    in the Renstra's order of sasaran."""
    nama = {s.kode: s.uraian for tj in paket.renstra.tujuan for s in tj.sasaran}
    urutan = {kode: i for i, kode in enumerate(nama)}
    kode_urut = sorted(th.anggaran_sasaran, key=lambda k: (urutan.get(k, len(urutan)), k))
    return Table(
        title=f"Anggaran per sasaran {th.tahun}",
        columns=[
            Column("Kode sasaran"),
            Column("Sasaran"),
            Column("Tahun", Kind.NOMOR),
            _rp("Pagu"),
            _rp("Realisasi"),
        ],
        rows=[
            Row(
                [
                    kode,
                    nama.get(kode, ""),
                    th.tahun,
                    th.anggaran_sasaran[kode].pagu,
                    th.anggaran_sasaran[kode].realisasi,
                ]
            )
            for kode in kode_urut
        ],
    )
