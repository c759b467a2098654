"""The year's workbook moves a year: ``ekspor_xlsx`` of a demo kecamatan, an empty
database, ``impor_xlsx`` of the workbook, and ``hitung`` gives the same results; a
value changed in a visible sheet is refused with its cell."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from anggaran.models import AnggaranSasaran
from kinerja.engine.hitung import hitung
from kinerja.models import PerangkatDaerah, Sasaran
from laporan.selectors_paket import paket_muat

pytestmark = pytest.mark.django_db


def _hitung(kode: str, tahun: int) -> dict:
    pd = PerangkatDaerah.objects.get(kode=kode)
    return hitung(paket_muat(pd, tahun), tahun).sebagai_dict()


# ``flush`` empties the database for real (PostgreSQL refuses TRUNCATE inside the test's
# transaction), so this test runs outside one.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kode", ["33.16.05", "35.17.12"])
def test_the_year_workbook_into_an_empty_database_gives_the_same_hitung(demo, tmp_path, kode):
    sebelum = _hitung(kode, 2024)
    buku = tmp_path / "tahun.xlsx"
    call_command(
        "ekspor_xlsx", "--pd", kode, "--tahun", "2024", "--keluar", str(buku), stdout=StringIO()
    )
    call_command("flush", interactive=False, verbosity=0)
    assert not PerangkatDaerah.objects.exists()

    out = StringIO()
    call_command("impor_xlsx", str(buku), "--pratinjau", stdout=out)
    assert "baru" in out.getvalue() and not PerangkatDaerah.objects.exists()
    call_command("impor_xlsx", str(buku), stdout=(out := StringIO()))
    assert "tersimpan" in out.getvalue()
    assert _hitung(kode, 2024) == sebelum


def test_a_changed_visible_value_is_refused_naming_the_cell(demo, tmp_path):
    buku = tmp_path / "tahun.xlsx"
    call_command(
        "ekspor_xlsx",
        "--pd",
        "33.16.05",
        "--tahun",
        "2024",
        "--keluar",
        str(buku),
        stdout=StringIO(),
    )
    wb = openpyxl.load_workbook(buku)
    ws = wb["Realisasi"]
    sel = next(
        c for row in ws.iter_rows(min_row=7) for c in row if isinstance(c.value, int | float)
    )
    sel.value = sel.value + 1
    wb.save(buku)
    err = StringIO()
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("impor_xlsx", str(buku), stdout=StringIO(), stderr=err)
    assert f"lembar “Realisasi”, baris {sel.row}, kolom {sel.column_letter}" in err.getvalue()
    assert "nilai diubah" in err.getvalue()


def _ekspor(tmp_path, kode="33.16.05") -> Path:
    buku = tmp_path / "tahun.xlsx"
    call_command(
        "ekspor_xlsx", "--pd", kode, "--tahun", "2024", "--keluar", str(buku), stdout=StringIO()
    )
    return buku


def _anggaran_sasaran(pd) -> tuple[Sasaran, Sasaran]:
    s1, s2 = Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=pd).order_by("kode")[:2]
    AnggaranSasaran.objects.create(
        perangkat_daerah=pd,
        tahun=2024,
        sasaran=s1,
        pagu=Decimal(3466099100),
        realisasi=Decimal("3452287601.50"),
    )
    AnggaranSasaran.objects.create(perangkat_daerah=pd, tahun=2024, sasaran=s2, pagu=7)
    return s1, s2


def test_the_budget_per_sasaran_has_its_visible_sheet_with_numeric_cells(demo, tmp_path):
    s1, s2 = _anggaran_sasaran(demo["a"])
    wb = openpyxl.load_workbook(_ekspor(tmp_path))
    ws = wb["Anggaran per Sasaran"]
    assert ws.sheet_state == "visible"
    kepala = next(r for r in ws.iter_rows(max_row=8, values_only=True) if "Pagu" in r)
    assert list(kepala) == ["Kode sasaran", "Sasaran", "Tahun", "Pagu", "Realisasi"]
    baris = {r[0].value: r for r in ws.iter_rows() if r[0].value in (s1.kode, s2.kode)}
    kode, uraian, tahun, pagu, realisasi = baris[s1.kode]
    assert uraian.value == s1.uraian and tahun.value == 2024 and tahun.data_type == "n"
    assert pagu.data_type == "n" and Decimal(str(pagu.value)) == Decimal(3466099100)
    assert Decimal(str(realisasi.value)) == Decimal("3452287601.5")
    assert pagu.number_format.startswith('"Rp "')
    assert baris[s2.kode][4].value is None and baris[s2.kode][3].value == 7


def test_the_budget_per_sasaran_moves_with_the_workbook(demo, tmp_path):
    _anggaran_sasaran(demo["a"])
    buku = _ekspor(tmp_path)
    AnggaranSasaran.objects.all().delete()
    # The sheets are found by name: moved to another place, they are still checked.
    wb = openpyxl.load_workbook(buku)
    wb.move_sheet("Anggaran per Sasaran", offset=-6)
    wb.save(buku)
    call_command("impor_xlsx", str(buku), stdout=StringIO())
    assert {(x.sasaran.kode, x.pagu, x.realisasi) for x in AnggaranSasaran.objects.all()} == {
        ("S1", Decimal(3466099100), Decimal("3452287601.50")),
        ("S2", Decimal(7), None),
    }


def test_a_changed_budget_per_sasaran_is_refused_naming_the_cell(demo, tmp_path):
    s1, _ = _anggaran_sasaran(demo["a"])
    buku = _ekspor(tmp_path)
    wb = openpyxl.load_workbook(buku)
    ws = wb["Anggaran per Sasaran"]
    sel = next(r for r in ws.iter_rows() if r[0].value == s1.kode)[3]
    sel.value = 1
    wb.save(buku)
    AnggaranSasaran.objects.all().delete()
    err = StringIO()
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("impor_xlsx", str(buku), stdout=StringIO(), stderr=err)
    assert f"lembar “Anggaran per Sasaran”, baris {sel.row}, kolom D" in err.getvalue()
    assert "nilai diubah" in err.getvalue()
    assert not AnggaranSasaran.objects.exists()


def test_a_missing_sheet_is_refused_only_when_it_held_rows(demo, tmp_path):
    # A workbook written before the per-sasaran sheet existed (none stated): accepted.
    buku = _ekspor(tmp_path)
    wb = openpyxl.load_workbook(buku)
    del wb["Anggaran per Sasaran"]
    wb.save(buku)
    call_command("impor_xlsx", str(buku), "--pratinjau", stdout=StringIO())
    # With amounts stated, removing the sheet is refused.
    _anggaran_sasaran(demo["a"])
    buku = _ekspor(tmp_path)
    wb = openpyxl.load_workbook(buku)
    del wb["Anggaran per Sasaran"]
    wb.save(buku)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("impor_xlsx", str(buku), "--pratinjau", stdout=StringIO(), stderr=err)
    assert "lembar “Anggaran per Sasaran”" in err.getvalue() and "dihapus" in err.getvalue()
