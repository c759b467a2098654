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


def test_plain_rows_under_no_span_come_without_cells_when_asked():
    kolom = [Column("Program"), Column("Indikator"), Column("Pagu", Kind.RUPIAH)]
    rows = [
        Row(["P0", "i0", 50]),
        Row([Cell("P1", rowspan=3), "i1", Cell(100, rowspan=3)]),
        Row(["i2"]),
        Row(["i3"]),
        Row(["P2", "i4", 200]),
        Row(["P3", "i5", 300, "lebih"]),  # more values than columns: placed (and refused)
    ]
    t = Table("T", kolom, rows[:-1])
    hasil = [placed for _, placed in place_cells(t, plain=True)]
    # Rows under the span are placed cell by cell: they do not start in the first column.
    assert [p is None for p in hasil] == [True, False, False, False, True]
    assert [[c.header for _, c in p] for p in hasil if p] == [
        ["Program", "Indikator", "Pagu"],
        ["Indikator"],
        ["Indikator"],
    ]
    assert all(p is not None for _, p in place_cells(t))
    terlalu = Table("T", kolom, rows[-1:])
    try:
        list(place_cells(terlalu, plain=True))
    except IndexError:
        pass
    else:
        raise AssertionError("a row longer than the columns must not pass")


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


# --------------------------------------------------------------- formatting by kind


def test_values_are_formatted_by_kind_in_one_place():
    from datetime import date
    from decimal import Decimal as D

    from lib.rows import format_value

    assert format_value(D("87.5"), Kind.PERSEN, Column("x", Kind.PERSEN)) == "87,50%"
    assert format_value(D("1234567.4"), Kind.RUPIAH, Column("x", Kind.RUPIAH)) == "1.234.567"
    rp = Column("x", Kind.RUPIAH, symbol=True)
    assert format_value(D("1234567"), Kind.RUPIAH, rp) == "Rp 1.234.567"
    assert format_value(date(2025, 4, 14), Kind.TANGGAL, Column("x")) == "14 April 2025"
    assert format_value(3 * 1024 * 1024 // 2, Kind.UKURAN, Column("x")) == "1,5 MB"
    assert format_value(None, Kind.ANGKA, Column("x", Kind.ANGKA)) == "-"
    assert format_value(D("80"), Kind.ANGKA, Column("x", Kind.ANGKA), "Baik") == "Baik"
    assert format_value("teks", Kind.ANGKA, Column("x", Kind.ANGKA)) == "teks"


def test_a_number_prints_the_decimals_it_needs_up_to_its_columns_limit():
    from decimal import Decimal as D

    from lib.rows import format_value

    dua = Column("x", Kind.ANGKA)
    semua = Column("x", Kind.ANGKA, max_decimals=None)
    tetap = Column("x", Kind.ANGKA, decimals=2)
    assert format_value(D("80"), Kind.ANGKA, dua) == "80"
    assert format_value(D("88.310"), Kind.ANGKA, dua) == "88,31"
    assert format_value(D("87.33333"), Kind.ANGKA, dua) == "87,33"
    assert format_value(D("87.33333"), Kind.ANGKA, semua) == "87,33333"
    assert format_value(D("80"), Kind.ANGKA, tetap) == "80,00"
    assert format_value(1200, Kind.ANGKA, dua) == "1.200"


def test_a_footer_is_placed_like_the_body():
    t = Table(
        "T",
        [Column("a"), Column("b", Kind.ANGKA)],
        rows=[Row([Cell("x", rowspan=2), 1]), Row([2])],
        footer=[Row([Cell("Jumlah", row_header=True), 3])],
    )
    [(row, placed)] = list(place_cells(t, t.footer))
    assert row is t.footer[0]
    assert [(c.value, col.header) for c, col in placed] == [("Jumlah", "a"), (3, "b")]
