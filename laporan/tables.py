"""Row sources (:mod:`lib.rows`) of the laporan screens' read-only tables: the BAB I
tables of staff and facilities as saved, and their availability and efficiency.

Each function returns a ``lib.rows.Table`` of typed values; the screens render it
with ``{% tabel %}`` (kinerja/templatetags/tabel.py) and the xlsx export will
write the same table. See docs/tabel.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kinerja.engine.sumber_daya import Ketersediaan
from lib.rows import Align, Cell, Column, Kind, Part, Row, Table

# Counts as the form holds them (no thousands separator).
_JUMLAH = {"align": Align.RIGHT}


def tabel_sdm(baris: Sequence[dict[str, Any]]) -> Table:
    """The staff table as saved (``laporan.selectors.baris_tabel(lkjip, "sdm")``)."""
    return Table(
        title="Tabel SDM menurut kelompok (eselon, golongan, pendidikan)",
        columns=[
            Column("No", css="no"),
            Column("Kelompok"),
            Column("Uraian"),
            Column("PNS", **_JUMLAH),
            Column("Non-PNS", **_JUMLAH),
            Column("Kebutuhan (ABK)", **_JUMLAH),
        ],
        rows=[
            Row([str(i), r["kelompok"], r["uraian"], r["pns"], r["non_pns"], r["kebutuhan"]])
            for i, r in enumerate(baris, 1)
        ],
    )


def tabel_sarpras(baris: Sequence[dict[str, Any]]) -> Table:
    """The facilities table as saved (``laporan.selectors.baris_tabel(lkjip, "sarpras")``)."""
    return Table(
        title="Tabel sarana dan prasarana",
        columns=[
            Column("No", css="no"),
            Column("Uraian"),
            Column("Jumlah", **_JUMLAH),
            Column("Satuan"),
            Column("Kondisi"),
            Column("Kebutuhan (standar)", **_JUMLAH),
        ],
        rows=[
            Row(
                [
                    str(i),
                    r["uraian"],
                    r["jumlah"],
                    r["satuan"],
                    r["kondisi"],
                    r["kebutuhan"],
                ]
            )
            for i, r in enumerate(baris, 1)
        ],
    )


def tabel_efisiensi_sdm(
    baris: Sequence[Any], total: Ketersediaan, efisiensi: Decimal | None
) -> Table:
    """Availability of staff against their need (ABK) per row and in total, and the
    efficiency (``baris``: ``laporan.views.sumber_daya.BarisSDM``)."""
    return Table(
        title="Efisiensi SDM",
        columns=[
            Column("Kelompok"),
            Column("Uraian"),
            Column("Kebutuhan (ABK)", Kind.ANGKA, decimals=0),
            Column("Tersedia (PNS + non-PNS)", Kind.ANGKA, decimals=0),
            Column("% ketersediaan", Kind.PERSEN),
            Column("Efisiensi (100 − % ketersediaan)", Kind.ANGKA, decimals=2),
        ],
        rows=[
            Row(
                [
                    b.kelompok,
                    b.uraian,
                    b.ketersediaan.kebutuhan if b.ketersediaan.persen is not None else None,
                    b.pns + b.non_pns,
                    b.ketersediaan.persen,
                    b.efisiensi,
                ]
            )
            for b in baris
        ],
        footer=[
            Row(
                [
                    Cell("Jumlah (baris yang kebutuhannya diisi)", colspan=2, row_header=True),
                    total.kebutuhan,
                    total.tersedia,
                    total.persen,
                    efisiensi,
                ]
            )
        ],
    )


def tabel_efisiensi_sarpras(total: Ketersediaan, efisiensi: Decimal | None) -> Table:
    """Availability of the facilities against the standard need, and the efficiency."""
    return Table(
        title="Efisiensi sarana prasarana",
        columns=[
            Column("Kebutuhan (standar)", Kind.ANGKA, decimals=0),
            Column("Tersedia", Kind.ANGKA, decimals=0),
            Column("% ketersediaan", Kind.PERSEN),
            Column("Efisiensi (capaian IKU − % ketersediaan)", Kind.ANGKA, decimals=2),
        ],
        rows=[Row([total.kebutuhan, total.tersedia, total.persen, efisiensi])],
    )


def tabel_evaluasi(daftar: Sequence[dict[str, Any]]) -> Table:
    """The evaluator's list (``evaluasi-daftar``): each perangkat daerah of the pemda, a
    row group of its LKjIP per year with the status, the signed version, the PDFs and
    the evidence. ``daftar`` as the view builds it: ``{"pd", "tahun": [...]}``."""
    rows: list[Row] = []
    for x in daftar:
        rows.extend(_baris_evaluasi(x["pd"], x["tahun"]))
    return Table(
        title="LKjIP perangkat daerah",
        columns=[
            Column("Perangkat daerah", row_header=True),
            Column("Tahun"),
            Column("Status"),
            Column("Versi ditetapkan"),
            Column("PDF"),
            Column("Bukti dukung", Kind.ANGKA, align=Align.LEFT),
        ],
        rows=rows,
        css="data evaluasi",
        empty="Pemda ini belum memiliki perangkat daerah.",
        empty_css="kosong",
    )


def _baris_evaluasi(pd: Any, tahun: Sequence[dict[str, Any]]) -> list[Row]:
    nama = (Part(pd.nama), Part(pd.kode, tag="small"))
    if not tahun:
        kepala = Cell(pd.nama, parts=nama, css="nama-pd")
        kosong = Cell(None, label="Belum ada data LKjIP.", colspan=5, css="kosong")
        return [Row([kepala, kosong], group=pd.kode)]
    kepala = Cell(pd.nama, parts=nama, css="nama-pd", rowspan=len(tahun), scope="rowgroup")
    return [
        Row(
            ([kepala] if i == 0 else []) + _sel_evaluasi(th),
            css=f"status-{th['status']}",
            group=pd.kode,
        )
        for i, th in enumerate(tahun)
    ]


def _sel_evaluasi(th: dict[str, Any]) -> list[Cell]:
    s = th["snapshot"]
    status = [Part(th["label"], tag="span", css=f"lencana-status status-{th['status']}")]
    if th["terlambat"]:
        terlambat = Part("terlambat", tag="span", css="lencana-terlambat")
        status.append(Part(f"Triwulan {', '.join(th['terlambat'])} ", "small", parts=(terlambat,)))
    if s:
        lagi = f" · {th['jumlah_versi']} versi" if th["jumlah_versi"] > 1 else ""
        versi = (
            Part(f"Versi {s.versi}, {th['waktu']}"),
            Part(s.nama_penandatangan + lagi, "small"),
        )
        pdf = (
            Part(f"Unduh PDF versi {s.versi}", url=th["url_pdf"]),
            Part(" · "),
            Part("Verifikasi", url=th["url_verifikasi"]),
        )
    else:
        versi = (Part("belum ditetapkan", "span", "kosong"),)
        pdf = (Part("Draf PDF", url=th["url_draf"]),)
    bukti = th["bukti"]
    return [
        Cell(th["tahun"], url=th["url_editor"]),
        Cell(th["label"], parts=tuple(status)),
        Cell(s.versi if s else None, parts=versi),
        Cell("".join(p.text for p in pdf), parts=pdf),
        Cell(
            bukti,
            parts=(Part(f"Unduh {bukti} berkas (zip)", url=th["url_bukti"]),)
            if bukti
            else (Part("belum ada", "span", "kosong"),),
        ),
    ]
