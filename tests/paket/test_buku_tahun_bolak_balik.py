"""The year's workbook moves a year: ``ekspor_xlsx`` of a demo kecamatan, an empty
database, ``impor_xlsx`` of the workbook, and ``hitung`` gives the same results; a
value changed in a visible sheet is refused with its cell."""

from __future__ import annotations

from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from kinerja.engine.hitung import hitung
from kinerja.models import PerangkatDaerah
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
