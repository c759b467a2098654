"""The LKE screens' read-only tables as row sources (``lib.rows``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lib.rows import Cell, Column, Kind, Part, Row, Table


def tabel_template(template: Any, baris: Sequence[dict[str, Any]]) -> Table:
    """A worksheet version: components, sub-components and criteria with their weights
    and scales; ``baris`` as the view builds them (``tingkat`` 0, 1, 2; ``url`` the edit
    page for the admin pemda)."""
    rows = []
    for b in baris:
        uraian = Cell(b["uraian"], url=b.get("url"))
        rows.append(
            Row(
                [b["kode"], uraian, b.get("skala", ""), b["bobot"]],
                kind=("komponen", "sub", "")[b["tingkat"]],
                level=b["tingkat"],
            )
        )
    return Table(
        title=f"{template.nama} versi {template.versi}",
        columns=[
            Column("Kode", css="kode"),
            Column("Uraian", indent=True),
            Column("Skala jawaban"),
            Column("Bobot", Kind.ANGKA),
        ],
        rows=rows,
        css="data lke",
        empty="Versi ini belum memiliki komponen.",
        empty_css="kosong",
    )


def tabel_versi(daftar: Sequence[dict[str, Any]]) -> Table:
    """The pemda's worksheet versions."""
    rows = [
        Row(
            [
                Cell(v["versi"], url=v["url"], label=f"Versi {v['versi']}"),
                v["nama"],
                v["dari"],
                v["dipakai"],
                v["masalah"],
            ]
        )
        for v in daftar
    ]
    return Table(
        title="Versi template LKE",
        columns=[
            Column("Versi", row_header=True),
            Column("Nama"),
            Column("Disalin dari"),
            Column("Dipakai evaluasi", Kind.ANGKA, align=None),
            Column("Pemeriksaan"),
        ],
        rows=rows,
        css="data",
        empty="Pemda ini belum memiliki template LKE.",
        empty_css="kosong",
    )


def tabel_evaluasi_lke(daftar: Sequence[dict[str, Any]]) -> Table:
    """The evaluations of a pemda: perangkat daerah, year, status, scores."""
    rows = [
        Row(
            [
                Cell(e["pd"], parts=(Part(e["pd"], url=e["url"]), Part(e["kode"], tag="small"))),
                e["tahun"],
                e["status"],
                e["versi"],
                e["nilai_mandiri"],
                e["nilai"],
                e["predikat"],
            ]
        )
        for e in daftar
    ]
    return Table(
        title="Evaluasi AKIP perangkat daerah",
        columns=[
            Column("Perangkat daerah", row_header=True),
            Column("Tahun"),
            Column("Status"),
            Column("Versi LKE"),
            Column("Nilai mandiri", Kind.ANGKA, decimals=2),
            Column("Nilai evaluator", Kind.ANGKA, decimals=2),
            Column("Predikat"),
        ],
        rows=rows,
        css="data",
        empty="Belum ada evaluasi.",
        empty_css="kosong",
    )


def tabel_nilai(hasil_mandiri: Any, hasil_evaluator: Any, nama: dict[str, str]) -> Table:
    """The score per component: bobot, self-assessment, evaluator (computed)."""
    rows = []
    for m, e in zip(hasil_mandiri.komponen, hasil_evaluator.komponen, strict=True):
        rows.append(Row([m.kode, nama.get(m.kode, ""), m.bobot, m.nilai, e.nilai, e.persen]))
    total = [
        Cell("Nilai", colspan=2, bold=True),
        sum((k.bobot for k in hasil_mandiri.komponen), 0),
        hasil_mandiri.nilai,
        hasil_evaluator.nilai,
        # The weights add up to 100: the score is its own percentage.
        hasil_evaluator.nilai,
    ]
    return Table(
        title="Nilai per komponen",
        columns=[
            Column("No"),
            Column("Komponen"),
            Column("Bobot", Kind.ANGKA),
            Column("Penilaian mandiri", Kind.ANGKA, decimals=2),
            Column("Evaluator", Kind.ANGKA, decimals=2),
            Column("% capaian (bobot)", Kind.ANGKA, decimals=2),
        ],
        rows=rows,
        footer=[Row(total, kind="total")],
        css="data",
    )


def tabel_lhe(hasil: Any, nama: dict[str, str]) -> Table:
    """The LHE's scores: each component and its sub-components (``nama`` by their kode)
    with their weights, the evaluator's score and its percentage of the weight."""
    rows = []
    for k in hasil.komponen:
        rows.append(
            Row([k.kode, nama.get(k.kode, ""), k.bobot, k.nilai, k.persen], kind="komponen")
        )
        for s in k.sub:
            persen = s.nilai / s.bobot * 100 if s.bobot else None
            rows.append(Row([s.kode, nama.get(s.kode, ""), s.bobot, s.nilai, persen], level=1))
    total = [Cell("Nilai akhir", colspan=2, bold=True), 100, hasil.nilai, hasil.nilai]
    return Table(
        title="Nilai per komponen dan subkomponen",
        columns=[
            Column("No", css="kode"),
            Column("Komponen / subkomponen", indent=True),
            Column("Bobot", Kind.ANGKA),
            Column("Nilai", Kind.ANGKA, decimals=2),
            Column("% capaian (bobot)", Kind.ANGKA, decimals=2),
        ],
        rows=rows,
        footer=[Row(total, kind="total")],
        css="data lke",
    )
