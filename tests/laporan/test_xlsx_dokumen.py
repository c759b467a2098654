"""The LKjIP's tables as one workbook (laporan.xlsx): a sheet per table of the document,
the same figures as its row sources, typed cells."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client

from laporan.dokumen import susun_dokumen
from laporan.xlsx import tabel_dokumen
from lib.rows import Cell, Kind

pytestmark = pytest.mark.django_db
URL = "/pd/33.16.05/2024/lkjip/tabel.xlsx"


def _nilai(v):
    return v.value if isinstance(v, Cell) else v


def test_every_table_of_the_document_is_a_sheet_with_its_typed_values(operator_a, demo):
    c = Client()
    c.force_login(operator_a)
    r = c.get(URL)
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="tabel-lkjip-33.16.05-2024.xlsx"' in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))

    daftar = tabel_dokumen(susun_dokumen(demo["a"], 2024))
    assert len(daftar) >= 10
    assert len(wb.sheetnames) == len(daftar)
    # Numbered tables are named by their number, in the document's order.
    bernomor = [t.label for t in daftar if t.nomor]
    assert len(bernomor) >= 10
    assert [n for n in wb.sheetnames if n in bernomor] == bernomor
    # The capaian table: its sheet holds each row source value as a number.
    t = next(t for t in daftar if any(c.kind == Kind.PERSEN for c in t.sumber.columns))
    ws = wb[t.label or t.judul]
    assert ws["A1"].value == f"{t.label} {t.judul}".strip()
    assert ws["A2"].value.startswith("Kecamatan Randublatung")
    assert ws["A3"].value == "LKjIP tahun 2024 (draf)"
    kolom = next(i for i, c in enumerate(t.sumber.columns) if c.kind == Kind.PERSEN)
    harap = [
        _nilai(row.values[kolom])
        for row in t.sumber.rows
        if len(row.values) == len(t.sumber.columns)
        and isinstance(_nilai(row.values[kolom]), Decimal)
    ]
    assert harap
    angka = [
        c.value
        for baris in ws.iter_rows(min_col=kolom + 1, max_col=kolom + 1)
        for c in baris
        if c.data_type == "n" and c.value is not None
    ]
    for h in harap:
        assert any(abs(Decimal(str(a)) - h / 100) < Decimal("1e-12") for a in angka), h


def test_the_workbook_is_refused_to_another_kecamatan(operator_b):
    c = Client()
    c.force_login(operator_b)
    assert c.get(URL).status_code == 404


def test_the_editor_offers_the_workbook(operator_a):
    c = Client()
    c.force_login(operator_a)
    assert f'href="{URL}"' in c.get("/pd/33.16.05/2024/lkjip/").content.decode()
