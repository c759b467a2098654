"""lib.xlsx: a row source as an xlsx sheet, read back with openpyxl (no database)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.read_only import EmptyCell

from lib.rows import Cell, Column, Heading, Kind, Row, Table
from lib.xlsx import buku_xlsx, nama_sheet, nilai_xlsx

KOLOM = [
    Column("No", Kind.NOMOR),
    Column("Indikator"),
    Column("Target", Kind.ANGKA),
    Column("Capaian", Kind.PERSEN, batas=(Decimal(85),)),
    Column("Pagu", Kind.RUPIAH),
    Column("Tanggal", Kind.TANGGAL),
]


def _tabel(**kw) -> Table:
    return Table(
        title="Capaian Kinerja",
        columns=KOLOM,
        header=[
            [
                Heading("No", rowspan=2),
                Heading("Indikator", rowspan=2),
                Heading("Kinerja", colspan=2),
                Heading("Anggaran", colspan=2),
            ],
            [Heading("Target"), Heading("Capaian"), Heading("Pagu"), Heading("Tanggal")],
        ],
        rows=[
            Row(
                [
                    1,
                    "Indeks Kepuasan Masyarakat",
                    Decimal("82.5"),
                    Decimal("84.996"),
                    Decimal("3312000900"),
                    datetime.date(2024, 4, 14),
                ]
            ),  # fmt: skip
            Row(
                [
                    2,
                    '=HYPERLINK("http://x")',
                    Cell(None, label="WTP"),
                    None,
                    Decimal("1000.50"),
                    None,
                ]
            ),  # fmt: skip
            Row([Cell("Jumlah", colspan=4), Decimal("3312001900.50"), None], kind="total"),
        ],
        **kw,
    )


def _baca(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_values_keep_their_type_and_show_indonesian_formats():
    wb = _baca(buku_xlsx([_tabel()], kepala=["Kecamatan Randublatung, tahun 2024"]))
    ws = wb["Capaian Kinerja"]
    assert ws["A1"].value == "Capaian Kinerja" and ws["A1"].font.bold
    assert ws["A2"].value == "Kecamatan Randublatung, tahun 2024"
    # Two header rows from row 4, merged as their spans say; the body frozen under them.
    assert ws["C4"].value == "Kinerja" and "C4:D4" in {str(r) for r in ws.merged_cells.ranges}
    assert "A4:A5" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A6"
    assert ws["A6"].value == 1 and ws["A6"].number_format == "0"
    assert ws["C6"].value == 82.5 and ws["C6"].number_format == "#,##0.0"
    # 84,996% stays below the boundary 85: a fraction with three decimals shown.
    assert abs(ws["D6"].value - 0.84996) < 1e-12 and ws["D6"].number_format == "#,##0.000%"
    assert ws["E6"].value == 3312000900 and ws["E6"].number_format.startswith('"Rp "#,##0;')
    assert ws["F6"].value == datetime.datetime(2024, 4, 14)
    assert ws["F6"].number_format == "[$-421]d mmmm yyyy"
    # A label instead of a value, a missing value, and text that looks like a formula.
    assert ws["C7"].value == "WTP" and ws["D7"].value is None
    assert ws["B7"].data_type == "s" and ws["B7"].quotePrefix
    assert ws["E7"].number_format == '"Rp "#,##0.00;"-Rp "#,##0.00'
    # The total row: its label spans four columns, bold.
    assert "A8:D8" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A8"].value == "Jumlah" and ws["A8"].font.bold and ws["E8"].font.bold
    assert "Kecamatan Randublatung" in ws.oddHeader.center.text
    assert ws.column_dimensions["B"].width >= len("Indeks Kepuasan Masyarakat")


def test_merged_cells_are_framed_as_openpyxl_merges_frame_them():
    # Read-only: the cells as written (a full load frames merged cells again itself).
    data = buku_xlsx([_tabel()], kepala=["Kecamatan Randublatung"])
    ws = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    sel = {
        (c.row, c.column): c for row in ws.iter_rows() for c in row if not isinstance(c, EmptyCell)
    }

    def tepi(r, k):
        b = sel[(r, k)].border
        return tuple(x.style for x in (b.top, b.left, b.right, b.bottom))

    # The total row's "Jumlah" spans A8:D8: its covered cells framed on the span's edges.
    assert [tepi(8, k) for k in (1, 2, 3, 4)] == [
        ("thin", "thin", "thin", "thin"),
        ("thin", None, None, "thin"),
        ("thin", None, None, "thin"),
        ("thin", None, "thin", "thin"),
    ]
    # A merged heading: every cell of it framed.
    assert {tepi(r, k) for r, k in ((5, 1), (5, 2), (4, 4), (4, 6))} == {("thin",) * 4}
    # The sheet's size is written (a reader in read-only mode trusts it).
    assert ws.calculate_dimension() == "A1:F8"


def test_text_with_markup_breaks_and_outer_spaces_comes_back_the_same():
    teks = ['  a & b <c> "d"  ', "baris\r\nkedua", "\tberawal tab", "x" * 40000]
    t = Table(title="T", columns=[Column("Uraian")], rows=[Row([x]) for x in teks])
    ws = _baca(buku_xlsx([t], tersembunyi=[("rahasia", ["-1", "=A1", "a&b"])])).active
    assert [ws.cell(r, 1).value for r in range(4, 8)] == [*teks[:3], "x" * 32767]
    wb = _baca(buku_xlsx([t], tersembunyi=[("rahasia", ["-1", "=A1", "a&b"])]))
    rahasia = wb["rahasia"]
    assert rahasia.sheet_state == "veryHidden"
    assert [c.value for c in rahasia["A"]] == ["-1", "=A1", "a&b"]
    assert [c.data_type for c in rahasia["A"]] == ["s", "s", "s"]
    assert rahasia["A1"].quotePrefix and not rahasia["A3"].quotePrefix


def test_a_row_spanning_rows_pushes_the_next_rows_values_right():
    t = Table(
        title="Program",
        columns=[Column("Sasaran"), Column("Indikator"), Column("Nilai", Kind.ANGKA)],
        rows=[
            Row([Cell("Sasaran 1", rowspan=2), "IKS-1", Decimal(1)]),
            Row(["IKS-2", Decimal(2)]),
        ],
    )
    ws = _baca(buku_xlsx([t])).active
    assert [ws.cell(3, k).value for k in (1, 2, 3)] == ["Sasaran", "Indikator", "Nilai"]
    assert [ws.cell(4, k).value for k in (1, 2, 3)] == ["Sasaran 1", "IKS-1", 1]
    assert [ws.cell(5, k).value for k in (2, 3)] == ["IKS-2", 2]
    assert "A4:A5" in {str(r) for r in ws.merged_cells.ranges}


def test_sheet_names_are_valid_and_unique():
    assert nama_sheet("Tabel 3.1: Capaian [IKU] / Sasaran?") == "Tabel 3.1 Capaian IKU Sasaran"
    assert nama_sheet("x" * 40) == "x" * 31
    assert nama_sheet("Realisasi", ["realisasi"]) == "Realisasi (2)"
    assert nama_sheet("a" * 31, ["a" * 31]) == "a" * 27 + " (2)"
    wb = _baca(buku_xlsx([_tabel(), _tabel()]))
    assert wb.sheetnames == ["Capaian Kinerja", "Capaian Kinerja (2)"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_comes_back_as_the_same_text_never_a_formula(teks):
    teks = "".join(ch for ch in teks if ch.isprintable())
    t = Table(title="T", columns=[Column("Uraian")], rows=[Row([teks])])
    ws = _baca(buku_xlsx([t])).active
    c = ws["A4"]
    assert c.data_type == "s" or not teks
    assert (c.value or "") == teks


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False),
    st.sampled_from([Kind.ANGKA, Kind.PERSEN, Kind.RUPIAH]),
)
def test_any_number_comes_back_as_a_number(d, kind):
    kolom = Column("Nilai", kind)
    nilai, fmt = nilai_xlsx(d, kind, kolom)
    t = Table(title="T", columns=[kolom], rows=[Row([d])])
    c = _baca(buku_xlsx([t])).active["A4"]
    assert c.data_type == "n" and c.number_format == fmt
    harap = d / 100 if kind == Kind.PERSEN else d
    assert abs(Decimal(str(c.value)) - harap) <= abs(harap) * Decimal("1e-14") + Decimal("1e-15")
