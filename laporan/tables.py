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
from lib.rows import Align, Cell, Column, Kind, Row, Table

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
