"""lib.rows: a table as a row source; cells find their column through spans."""

from __future__ import annotations

from lib.rows import Align, Cell, Column, Heading, Kind, Row, Table, place_cells


def _kolom(table: Table) -> list[list[str]]:
    return [[c.header for _, c in placed] for _, placed in place_cells(table)]


def test_a_plain_row_fills_the_columns_in_order():
    t = Table("T", [Column("A"), Column("B", Kind.ANGKA)], [Row(["x", 1])])
    assert _kolom(t) == [["A", "B"]]


def test_a_rowspan_covers_its_column_in_the_rows_below():
    kolom = [Column("Program"), Column("Indikator"), Column("Pagu", Kind.RUPIAH)]
    t = Table(
        "T",
        kolom,
        [
            Row([Cell("P1", rowspan=3), "i1", Cell(100, rowspan=3)]),
            Row(["i2"]),
            Row(["i3"]),
            Row(["P2", "i4", 200]),
        ],
    )
    assert _kolom(t) == [
        ["Program", "Indikator", "Pagu"],
        ["Indikator"],
        ["Indikator"],
        ["Program", "Indikator", "Pagu"],
    ]


def test_a_colspan_moves_the_next_value_past_the_spanned_columns():
    t = Table(
        "T",
        [Column("No", Kind.NOMOR), Column("Uraian"), Column("Jumlah", Kind.ANGKA)],
        [Row([Cell("Jumlah", colspan=2), 5], "total")],
    )
    assert _kolom(t) == [["No", "Jumlah"]]


def test_the_header_is_the_columns_unless_given():
    t = Table("T", [Column("A"), Column("B")])
    assert t.header_rows() == [[Heading("A"), Heading("B")]]
    kepala = [[Heading("Grup", colspan=2)], [Heading("A"), Heading("B")]]
    assert Table("T", [Column("A"), Column("B")], header=kepala).header_rows() == kepala


def test_alignment_follows_the_type_unless_given():
    assert Column("x", Kind.PERSEN).alignment == Align.RIGHT
    assert Column("x", Kind.NOMOR).alignment == Align.CENTER
    assert Column("x").alignment == Align.LEFT
    assert Column("x", Kind.TEKS, align=Align.CENTER).alignment == Align.CENTER
