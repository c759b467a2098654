"""laporan.dokumen.tables: a row source becomes the document's table block, each value
formatted by its column's type the Indonesian way (no database)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from laporan.dokumen.tables import blok_tabel
from lib.rows import Align, Cell, Column, Heading, Kind, Row, Table


def _sel(tabel):
    return [[(s.teks, s.kelas, s.colspan, s.rowspan) for s in b.sel] for b in tabel.baris]


def test_values_are_formatted_by_column_type():
    t = Table(
        "Uji",
        [
            Column("No", Kind.NOMOR, 5),
            Column("Nilai", Kind.ANGKA, 10),
            Column("Capaian", Kind.PERSEN, 10, bold=True),
            Column("Pagu", Kind.RUPIAH, 15),
            Column("Tanggal", Kind.TANGGAL, 15),
            Column("Ukuran", Kind.UKURAN, 10),
            Column("Predikat", Kind.PREDIKAT, 35),
        ],
        [
            Row(
                [
                    1,
                    Decimal("1234.50"),
                    Decimal("87.5"),
                    Decimal("1500000"),
                    datetime.date(2025, 4, 14),
                    2_345_678,
                    "Baik",
                ]
            ),
            Row([2, Cell(Decimal("3"), label="BB (73,75)"), None, None, None, 500, None]),
        ],
    )
    blok = blok_tabel(t)
    assert _sel(blok) == [
        [
            ("1", "tengah", 1, 1),
            ("1.234,5", "angka", 1, 1),
            ("87,50%", "angka tebal", 1, 1),
            ("1.500.000", "angka", 1, 1),
            ("14 April 2025", "", 1, 1),
            ("2,2 MB", "angka", 1, 1),
            ("Baik", "tengah", 1, 1),
        ],
        [
            ("2", "tengah", 1, 1),
            ("BB (73,75)", "angka", 1, 1),
            ("-", "angka tebal", 1, 1),
            ("-", "angka", 1, 1),
            ("-", "", 1, 1),
            ("0 KB", "angka", 1, 1),
            ("-", "tengah", 1, 1),
        ],
    ]
    # "BB (73,75)" never wraps and is wider than 10%: widths shared out again (tata_letak).
    assert blok.lebar[1] > 10 and round(sum(blok.lebar)) == 100
    assert [[s.teks for s in r] for r in blok.kepala] == [
        ["No", "Nilai", "Capaian", "Pagu", "Tanggal", "Ukuran", "Predikat"]
    ]


def test_fixed_decimals_indent_formula_and_text_in_a_number_column():
    t = Table(
        "Uji",
        [
            Column("Uraian", indent=True),
            Column("Nilai", Kind.ANGKA, decimals=2),
            Column("Rumus", formula=True),
        ],
        [
            Row(["Belanja Pegawai", Decimal("2"), "R/T × 100"], "program", level=2),
            Row(["Jumlah", "4,0000 / 88,31", "-"], "total"),
        ],
        small=True,
        note="Sumber: uji",
    )
    blok = blok_tabel(t)
    assert _sel(blok) == [
        [
            ("Belanja Pegawai", "indent-2", 1, 1),
            ("2,00", "angka", 1, 1),
            ("R/T × 100", "rumus", 1, 1),
        ],
        [("Jumlah", "indent-0", 1, 1), ("4,0000 / 88,31", "angka", 1, 1), ("-", "rumus", 1, 1)],
    ]
    assert [b.kelas for b in blok.baris] == ["program", "total"]
    assert blok.kelas == "kecil"
    assert blok.catatan == "Sumber: uji"


def test_spans_overrides_and_header_rows():
    t = Table(
        "Uji",
        [
            Column("No", Kind.NOMOR),
            Column("Program"),
            Column("Anggaran", Kind.RUPIAH),
            Column("Keterangan", align=Align.CENTER),
        ],
        [
            Row([1, "P", Decimal(10), "APBD"]),
            Row(
                [
                    Cell("Jumlah", colspan=2, kind=Kind.TEKS),
                    Decimal(10),
                    Cell("", align=Align.LEFT),
                ],
                "total",
            ),
        ],
        header=[[Heading("No", rowspan=2), Heading("Program", colspan=3)], [Heading("a")]],
        number_columns=True,
    )
    blok = blok_tabel(t)
    assert _sel(blok)[1] == [("Jumlah", "", 2, 1), ("10", "angka", 1, 1), ("", "", 1, 1)]
    assert _sel(blok)[0][3] == ("APBD", "tengah", 1, 1)
    assert [(s.teks, s.colspan, s.rowspan) for s in blok.kepala[0]] == [
        ("No", 1, 2),
        ("Program", 3, 1),
    ]
    assert [s.teks for s in blok.kepala[-1]] == ["(1)", "(2)", "(3)", "(4)"]
    assert {s.kelas for s in blok.kepala[-1]} == {"nomor-kolom"}
