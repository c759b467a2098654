"""Row sources (:mod:`lib.rows`) of the budget tables the screens show.

Each function returns a ``lib.rows.Table`` of typed values; the screens render it
with ``{% tabel %}`` (kinerja/templatetags/tabel.py) and the xlsx export will
write the same table. See docs/tabel.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.rows import Cell, Column, Kind, Row, Table


def _rp(header: str) -> Column:
    """An amount printed with "Rp" (the header does not carry it)."""
    return Column(header, Kind.RUPIAH, symbol=True)


def tabel_realisasi_anggaran(anggaran: Sequence[dict[str, Any]]) -> Table:
    """Pagu, realisasi and penyerapan of every node of the budget tree and the total,
    indented by depth (the page "Perhitungan")."""
    return Table(
        title="Realisasi anggaran",
        columns=[
            Column("Kode"),
            Column("Uraian", indent=True),
            Column("Pagu (Rp)", Kind.RUPIAH),
            Column("Realisasi (Rp)", Kind.RUPIAH),
            Column("Penyerapan", Kind.PERSEN),
        ],
        rows=[
            Row(
                [a["kode"] or "", a["nama"], a["pagu"], a["realisasi"], a["penyerapan"]],
                a["tingkat"],
                level=a["kedalaman"],
            )
            for a in anggaran
        ],
    )


def tabel_efisiensi(efisiensi: Sequence[dict[str, Any]]) -> Table:
    """Capaian against penyerapan per tujuan/sasaran: the efficiency and its category; a
    budget the report states per sasaran (no program budget linked) is marked so."""
    return Table(
        title="Efisiensi penggunaan anggaran",
        columns=[
            Column("Kode"),
            Column("Tujuan / sasaran"),
            Column("Capaian", Kind.PERSEN),
            Column("Pagu (Rp)", Kind.RUPIAH),
            Column("Realisasi (Rp)", Kind.RUPIAH),
            Column("Penyerapan", Kind.PERSEN),
            Column("Nilai", Kind.ANGKA, decimals=2),
            Column("Kategori"),
        ],
        rows=[
            Row(
                [
                    e["kode"],
                    e["uraian"],
                    e["capaian"],
                    Cell(e["pagu"], note="dinyatakan per sasaran", note_css="sumber")
                    if e.get("anggaran_dinyatakan")
                    else e["pagu"],
                    e["realisasi"],
                    e["penyerapan"],
                    e["nilai"],
                    e["kategori"],
                ]
            )
            for e in efisiensi
        ],
    )


def tabel_anggaran_program(anggaran: Sequence[dict[str, Any]]) -> Table:
    """Pagu, realisasi and penyerapan per program and the total (the dashboard)."""
    return Table(
        title="Anggaran per program",
        columns=[
            Column("Kode", css="kode"),
            Column("Program"),
            _rp("Pagu"),
            _rp("Realisasi"),
            Column("Penyerapan", Kind.PERSEN),
        ],
        rows=[
            Row(
                [
                    "" if a["tingkat"] == "total" else a["kode"],
                    a["nama"],
                    a["pagu"],
                    a["realisasi"],
                    a["penyerapan"],
                ],
                a["tingkat"],
            )
            for a in anggaran
            if a["tingkat"] in ("program", "total")
        ],
        css="data dasbor",
    )


def tabel_versi_dpa(versi: Sequence[dict[str, Any]], *, rw: bool) -> Table:
    """The DPA versions of the year: date, total pagu, the one in force, a link to each."""
    tautan = "Lihat dan ubah pagu" if rw else "Lihat pagu"
    return Table(
        title="Versi DPA",
        columns=[
            Column("Versi"),
            Column("Tanggal", Kind.TANGGAL),
            _rp("Jumlah pagu"),
            Column("Keterangan"),
            Column(""),
        ],
        rows=[
            Row(
                [
                    f"DPA {v['label']}",
                    v["tanggal"],
                    v["total"],
                    Cell("", badge="berlaku" if v["berlaku"] else None),
                    Cell(tautan, url=v["url"]),
                ]
            )
            for v in versi
        ],
        css="data anggaran",
    )


def tabel_pohon_anggaran(pohon: Sequence[dict[str, Any]], berlaku: str | None) -> Table:
    """Pagu, realisasi and penyerapan of the budget tree, a realisasi above its pagu
    marked (``pohon``: the rows of ``hitung``'s anggaran with ``melebihi``)."""
    return Table(
        title="Pagu, realisasi dan penyerapan" + (f" (DPA {berlaku})" if berlaku else ""),
        columns=[
            Column("Kode", css="kode"),
            Column("Program / kegiatan / sub kegiatan", css="uraian"),
            _rp("Pagu"),
            _rp("Realisasi"),
            Column("Penyerapan", Kind.PERSEN),
        ],
        rows=[
            Row(
                [
                    "" if a["tingkat"] == "total" else a["kode"],
                    _uraian(a["nama"], a["melebihi"]),
                    a["pagu"],
                    a["realisasi"],
                    a["penyerapan"],
                ],
                a["tingkat"],
                css="melebihi" if a["melebihi"] else "",
            )
            for a in pohon
        ],
        css="data anggaran",
    )


def _uraian(nama: str, melebihi: bool) -> Cell:
    if not melebihi:
        return Cell(nama)
    return Cell(nama, note="Realisasi melebihi pagu", note_css="peringatan")


def tabel_jenis_belanja(jb: dict[str, Any]) -> Table:
    """Pagu per jenis belanja in each DPA version side by side (with the change between
    the first and the last when there was a change), realisasi and penyerapan
    (``jb``: ``anggaran.selectors.jenis_belanja_berdampingan`` with labelled columns)."""
    ubah = bool(jb.get("ada_perubahan"))
    columns = [Column("Kode rekening", css="kode"), Column("Jenis belanja", css="uraian")]
    columns += [_rp(k) for k in jb["kolom"]]
    if ubah:
        columns.append(_rp("Bertambah / berkurang"))
    columns += [_rp("Realisasi"), Column("Penyerapan", Kind.PERSEN)]
    rows = []
    for b in jb["baris"]:
        nilai = [b["kode"], b["nama"], *b["pagu"]]
        if ubah:
            nilai.append(b["selisih"])
        nilai += [b["realisasi"], b["penyerapan"]]
        program = b["kedalaman"] == 0
        rows.append(Row(nilai, "program" if program else "", css=f"kedalaman-{b['kedalaman']}"))
    jumlah = ["", "Jumlah", *jb["total"]]
    if ubah:
        jumlah.append(jb["selisih_total"])
    jumlah += [Cell(""), Cell("")]
    return Table(
        title="Pagu per jenis belanja",
        columns=columns,
        rows=rows,
        footer=[Row(jumlah)],
        css="data anggaran",
    )


def tabel_realisasi_triwulan(triwulan: dict[str, Any], penyerapan_tw: Sequence[Any]) -> Table:
    """Realisasi of every sub kegiatan per quarter (and for the year without quarters),
    under its program and kegiatan, with the totals and the cumulative penyerapan
    (``triwulan``: ``anggaran.selectors.tabel_realisasi_triwulan``)."""
    columns = [Column("Kode", css="kode"), Column("Uraian", css="uraian")]
    columns += [_rp(f"Triwulan {r}") for r in ROMAWI]
    columns += [_rp("Setahun tanpa rincian"), _rp("Pagu"), Column("Penyerapan", Kind.PERSEN)]
    footer = [
        Row(["", "Jumlah sub kegiatan", *triwulan["total_tw"], triwulan["total_tahunan"], "", ""]),
        Row(
            [
                "",
                "Penyerapan kumulatif (seluruh anggaran)",
                *(Cell(p.penyerapan, kind=Kind.PERSEN) for p in penyerapan_tw),
                "",
                "",
                "",
            ]
        ),
    ]
    return Table(
        title="Realisasi anggaran sub kegiatan per triwulan",
        columns=columns,
        rows=[_baris_triwulan(b) for b in triwulan["baris"]],
        footer=footer,
        css="data anggaran",
    )


def _kosong(v: Any) -> Cell:
    return Cell(v, css="kosong" if v is None else "")


def _baris_triwulan(b: dict[str, Any]) -> Row:
    if b["jenis"] != "sub_kegiatan":
        return Row([b["kode"], Cell(b["nama"], colspan=8)], b["jenis"])
    return Row(
        [
            b["kode"],
            _uraian(b["nama"], b["melebihi"]),
            *(_kosong(v) for v in b["tw"]),
            _kosong(b["tahunan"]),
            b["pagu"],
            b["penyerapan"],
        ],
        "sub_kegiatan",
        css="melebihi" if b["melebihi"] else "",
    )


def tabel_anggaran_sasaran(baris: Sequence[dict[str, Any]]) -> Table:
    """Pagu, realisasi and penyerapan the report states per sasaran (``baris``: kode,
    uraian, pagu, realisasi, penyerapan)."""
    return Table(
        title="Anggaran per sasaran",
        columns=[
            Column("Kode"),
            Column("Sasaran"),
            Column("Pagu (Rp)", Kind.RUPIAH),
            Column("Realisasi (Rp)", Kind.RUPIAH),
            Column("Penyerapan", Kind.PERSEN),
        ],
        rows=[
            Row([b["kode"], b["uraian"], b["pagu"], b["realisasi"], b["penyerapan"]]) for b in baris
        ],
        css="data anggaran",
    )
