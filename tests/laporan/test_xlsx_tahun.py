"""The whole year of a perangkat daerah as one workbook: ``manage.py ekspor_xlsx`` and
the dashboard's download give the same sheets, with the figures as held."""

from __future__ import annotations

import io
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kinerja.models import Realisasi
from laporan.xlsx import NAMA_SHEET_TAHUN

pytestmark = pytest.mark.django_db


def _kolom(ws, judul: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=8):
        for c in row:
            if c.value == judul:
                return c.column
    raise AssertionError(judul)


def _baris_kode(ws, kode: str):
    return next(r for r in ws.iter_rows() if r[0].value == kode)


def test_the_command_writes_every_part_of_the_year(demo, tmp_path):
    keluar = tmp_path / "randublatung-2024.xlsx"
    out = StringIO()
    call_command(
        "ekspor_xlsx", "--pd", "33.16.05", "--tahun", "2024", "--keluar", keluar, stdout=out
    )
    wb = openpyxl.load_workbook(keluar)
    assert wb.sheetnames == [*NAMA_SHEET_TAHUN, "lkjip-paket"]
    # The data package travels hidden from the reader.
    assert wb["lkjip-paket"].sheet_state == "veryHidden"
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == NAMA_SHEET_TAHUN
    assert wb["Capaian"]["A2"].value.startswith("Kecamatan Randublatung")

    # A realisasi as held, as a number in its quarter's column.
    r = (
        Realisasi.objects.filter(
            indikator__renstra__perangkat_daerah__kode="33.16.05",
            tahun=2024,
            triwulan=2,
            nilai__isnull=False,
            label="",
        )
        .select_related("indikator")
        .first()
    )
    ws = wb["Realisasi"]
    baris = _baris_kode(ws, r.indikator.kode)
    sel = baris[_kolom(ws, "TW II") - 1]
    assert sel.data_type == "n" and Decimal(str(sel.value)) == r.nilai

    # Pagu in rupiah, as numbers; the findings with their state.
    dpa = wb["DPA"]
    pagu = [c for c in dpa.iter_cols(min_col=_kolom(dpa, "Pagu"), max_col=_kolom(dpa, "Pagu"))][0]
    angka = [c.value for c in pagu if c.data_type == "n" and c.value is not None]
    assert angka and all(v >= 0 for v in angka)
    assert pagu[-1].number_format.startswith('"Rp "')
    temuan = wb["Temuan"]
    assert temuan.max_row > 5 and _kolom(temuan, "Penjelasan")


def test_the_command_refuses_an_unknown_pd_or_year(demo, tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("ekspor_xlsx", "--pd", "99.99", "--tahun", "2024", "--keluar", tmp_path / "x")
    with pytest.raises(CommandError, match="tidak ada data tahun 1999"):
        call_command(
            "ekspor_xlsx", "--pd", "33.16.05", "--tahun", "1999", "--keluar", tmp_path / "x"
        )
    assert not (tmp_path / "x").exists()


def test_the_dashboard_offers_the_year_workbook(operator_a, operator_b):
    c = Client()
    c.force_login(operator_a)
    assert 'href="/pd/33.16.05/2024/data.xlsx"' in c.get("/pd/33.16.05/2024/").content.decode()
    r = c.get("/pd/33.16.05/2024/data.xlsx")
    assert r.status_code == 200 and "data-33.16.05-2024.xlsx" in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == NAMA_SHEET_TAHUN
    lain = Client()
    lain.force_login(operator_b)
    assert lain.get("/pd/33.16.05/2024/data.xlsx").status_code == 404


def test_the_collector_is_paused_while_the_year_workbook_is_built_then_resumed(monkeypatch):
    import gc

    import laporan.xlsx as x

    seen = []

    def gagal(*_a):
        seen.append(gc.isenabled())
        raise RuntimeError("boom")

    monkeypatch.setattr(x, "_buku_tahun", gagal)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        x.buku_tahun(None, 2024, None)
    assert seen == [False] and gc.isenabled()
