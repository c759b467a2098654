"""``manage.py impor_xlsx``: the quarterly workbook and the finance system's files from
the command line, with --pratinjau writing nothing and a refusal exiting non-zero."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from anggaran.models import Pagu
from kinerja.models import LogPerubahan, Realisasi
from kinerja.services.realisasi import grid_triwulan
from kinerja.services.realisasi_xlsx import BARIS_KEPALA, buku_triwulan

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data" / "anggaran"


def _jalankan(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("impor_xlsx", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _buku_triwulan(demo, tmp_path, nilai) -> tuple[Path, object]:
    grid = grid_triwulan(demo["a"], 2024, 2)
    b = next(x for x in grid.baris if not x.rasio and x.realisasi_tw[1] is None)
    wb = openpyxl.load_workbook(io.BytesIO(buku_triwulan(grid, timezone.localtime())))
    ws = wb["Realisasi TW II"]
    kolom = next(c.column for c in ws[BARIS_KEPALA] if c.value == "Realisasi TW II")
    baris = next(
        r[0].row for r in ws.iter_rows(min_row=BARIS_KEPALA + 1) if r[1].value == b.indikator.kode
    )
    ws.cell(baris, kolom, nilai)
    path = tmp_path / "tw2.xlsx"
    wb.save(path)
    return path, b


def test_a_quarterly_workbook_previewed_then_saved(demo, tmp_path):
    path, b = _buku_triwulan(demo, tmp_path, 12)
    out, _ = _jalankan(path, "--pratinjau")
    assert "triwulan II: 1 indikator berubah" in out and f"{b.indikator.kode}: kosong → 12" in out
    assert not Realisasi.objects.filter(indikator=b.indikator, tahun=2024, triwulan=2).exists()
    out, _ = _jalankan(path)
    assert "tersimpan: 1 indikator diubah" in out
    assert Realisasi.objects.get(indikator=b.indikator, tahun=2024, triwulan=2).nilai == 12
    assert LogPerubahan.objects.filter(aksi="realisasi.ubah", pengguna=None).exists()


def test_a_bad_cell_is_named_and_the_exit_is_non_zero(demo, tmp_path):
    path, b = _buku_triwulan(demo, tmp_path, "dua belas")
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("impor_xlsx", str(path), stdout=StringIO(), stderr=(err := StringIO()))
    assert "baris" in err.getvalue() and "kolom" in err.getvalue()
    assert not Realisasi.objects.filter(indikator=b.indikator, tahun=2024, triwulan=2).exists()


def test_a_sipd_dpa_onto_its_version(demo):
    berkas = DATA / "sipd-dpa-perubahan.xlsx"
    out, _ = _jalankan(
        berkas, "--pd", "33.16.05", "--tahun", 2024, "--dpa", "perubahan", "--pratinjau"
    )
    assert "Pagu sub kegiatan 7.01.01.2.01.01" in out and "Setelah Perubahan" in out
    sebelum = Pagu.objects.filter(
        dpa__perangkat_daerah=demo["a"],
        dpa__versi="perubahan",
        sub_kegiatan__kode="7.01.01.2.01.01",
    ).first()
    _jalankan(berkas, "--pd", "33.16.05", "--tahun", 2024, "--dpa", "perubahan")
    sesudah = Pagu.objects.get(
        dpa__perangkat_daerah=demo["a"],
        dpa__versi="perubahan",
        sub_kegiatan__kode="7.01.01.2.01.01",
    )
    assert sesudah.jumlah == 2_300_000 and (sebelum is None or sebelum.pk == sesudah.pk)


def test_a_budget_file_needs_its_target(demo):
    with pytest.raises(CommandError, match="--dpa VERSI atau --triwulan N"):
        _jalankan(DATA / "pagu-sederhana.xlsx")
    err = StringIO()
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("impor_xlsx", __file__, stdout=StringIO(), stderr=err)
    assert "bukan buku kerja Excel" in err.getvalue()
