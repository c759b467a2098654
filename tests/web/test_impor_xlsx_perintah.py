"""``manage.py impor_xlsx``: the quarterly workbook and the finance system's files from
the command line, with --pratinjau writing nothing and a refusal exiting non-zero."""

from __future__ import annotations

import datetime
import io
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from anggaran.models import Pagu
from kinerja.models import Indikator, LogPerubahan, Realisasi, Renstra, TargetTahunan
from kinerja.services.realisasi import grid_triwulan
from kinerja.services.realisasi_xlsx import BARIS_KEPALA, buku_triwulan
from kinerja.services.register_xlsx import BARIS_KEPALA as BARIS_KEPALA_REGISTER
from kinerja.services.register_xlsx import SHEET as SHEET_REGISTER
from kinerja.services.register_xlsx import buku_register
from kinerja.services.renstra import revisi_buka

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


# ------------------------------------------------------------ the indicator register


def _buku_register(tmp_path, renstra, ubah) -> Path:
    """The register workbook of ``renstra`` as the Renstra page gives it, with ``ubah``
    applied to its sheet."""
    wb = openpyxl.load_workbook(io.BytesIO(buku_register(renstra)))
    ubah(wb[SHEET_REGISTER])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    return path


def _sel_register(ws, kode: str, judul: str):
    kolom = next(c.column for c in ws[BARIS_KEPALA_REGISTER] if c.value == judul)
    baris = next(
        r[0].row for r in ws.iter_rows(min_row=BARIS_KEPALA_REGISTER + 1) if r[0].value == kode
    )
    return ws.cell(baris, kolom)


@pytest.fixture
def renstra(demo) -> Renstra:
    return Renstra.objects.filter(perangkat_daerah=demo["a"]).order_by("mulai").first()


def test_a_register_workbook_previewed_then_saved_with_the_audit_trail(
    renstra, operator_a, tmp_path
):
    revisi_buka(
        renstra=renstra, pengguna=operator_a, tanggal=datetime.date(2024, 6, 1), alasan="uji"
    )
    formulasi = "Layanan sesuai SOP ÷ jumlah layanan × 100"

    def ubah(ws):
        _sel_register(ws, "IKS-1", "Formulasi").value = formulasi
        _sel_register(ws, "IKS-1", f"Target {renstra.selesai}").value = 97.5

    ind = Indikator.objects.get(renstra=renstra, kode="IKS-1")
    lama = ind.formulasi
    path = _buku_register(tmp_path, renstra, ubah)
    out, _ = _jalankan(path, "--pratinjau")
    assert f"register indikator Renstra {renstra.mulai}–{renstra.selesai}" in out
    assert "1 indikator akan diubah" in out and f"Formulasi: {lama} → {formulasi}" in out
    assert f"Target {renstra.selesai}: 98 → 97,5" in out
    ind.refresh_from_db()
    assert ind.formulasi == lama
    assert not LogPerubahan.objects.filter(aksi="indikator.ubah", objek_id=ind.pk).exists()

    out, _ = _jalankan(path, "--pengguna", operator_a.username)
    assert "Register indikator diimpor: 1 indikator diubah." in out
    ind.refresh_from_db()
    assert ind.formulasi == formulasi
    assert TargetTahunan.objects.get(indikator=ind, tahun=renstra.selesai).nilai == 97.5
    log = LogPerubahan.objects.get(aksi="indikator.ubah", objek_id=ind.pk)
    assert log.pengguna == operator_a


def test_a_register_refused_by_the_save_exits_non_zero_and_writes_nothing(renstra, tmp_path):
    # A target of a Renstra in use changes only within an open revision (as on the page).
    def ubah(ws):
        _sel_register(ws, "IKS-1", f"Target {renstra.selesai}").value = 97.5

    path = _buku_register(tmp_path, renstra, ubah)
    sebelum = LogPerubahan.objects.count()
    for args in (["--pratinjau"], []):
        err = StringIO()
        with pytest.raises(CommandError, match="tidak ada yang disimpan"):
            call_command("impor_xlsx", str(path), *args, stdout=StringIO(), stderr=err)
        assert "(IKS-1)" in err.getvalue() and "revisi Renstra" in err.getvalue()
    assert LogPerubahan.objects.count() == sebelum
    assert not TargetTahunan.objects.filter(
        indikator__renstra=renstra, indikator__kode="IKS-1", nilai=97.5
    ).exists()


def test_a_bad_register_cell_is_named(renstra, tmp_path):
    tempat = {}

    def ubah(ws):
        sel = _sel_register(ws, "IKS-1", f"Target {renstra.selesai}")
        sel.value = "sembilan puluh"
        tempat["sel"] = sel

    path = _buku_register(tmp_path, renstra, ubah)
    err = StringIO()
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("impor_xlsx", str(path), "--pratinjau", stdout=StringIO(), stderr=err)
    sel = tempat["sel"]
    assert (
        f"lembar “{SHEET_REGISTER}”, baris {sel.row}, kolom {sel.column_letter}" in err.getvalue()
    )


def test_a_register_of_a_renstra_unknown_here_is_refused(renstra, tmp_path):
    path = _buku_register(tmp_path, renstra, lambda ws: None)
    Renstra.objects.filter(pk=renstra.pk).delete()
    with pytest.raises(CommandError, match="Renstra register indikator ini tidak ditemukan"):
        _jalankan(path, "--pratinjau")
