"""The quarterly realisasi through a workbook (kinerja/services/realisasi_xlsx.py): the
download is pre-filled and protected, the upload is previewed (old → new), then saved
all or nothing through the screen's writer; bad workbooks are refused with the place
and the reason, and nothing is written."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client

from kinerja.models import LogPerubahan, Realisasi, StatusTriwulan
from kinerja.services.realisasi import grid_triwulan
from kinerja.services.realisasi_xlsx import BARIS_KEPALA

pytestmark = pytest.mark.django_db
DASAR = "/pd/33.16.05/2024/realisasi/2/"


@pytest.fixture
def op(operator_a) -> Client:
    c = Client()
    c.force_login(operator_a)
    return c


def _unduh(c: Client, url: str = DASAR) -> openpyxl.Workbook:
    r = c.get(url + "buku.xlsx")
    assert r.status_code == 200
    assert 'filename="realisasi-33.16.05-2024-tw2.xlsx"' in r["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(r.content))


def _simpan(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _unggah(c: Client, data: bytes, url: str = DASAR, nama: str = "tw2.xlsx"):
    f = io.BytesIO(data)
    f.name = nama
    return c.post(url + "impor/", {"berkas": f})


def _kolom(ws, judul: str) -> int:
    return next(c.column for c in ws[BARIS_KEPALA] if c.value == judul)


def _baris(ws, kode: str) -> int:
    return next(r[0].row for r in ws.iter_rows(min_row=BARIS_KEPALA + 1) if r[1].value == kode)


def _non_rasio(demo):
    grid = grid_triwulan(demo["a"], 2024, 2)
    return next(b for b in grid.baris if not b.rasio and b.realisasi_tw[1] is None)


def test_the_download_is_prefilled_protected_and_names_its_quarter(op, demo):
    wb = _unduh(op)
    ws = wb["Realisasi TW II"]
    assert ws.protection.sheet
    grid = grid_triwulan(demo["a"], 2024, 2)
    assert ws.max_row == BARIS_KEPALA + len(grid.baris)
    nilai = ws.cell(BARIS_KEPALA + 1, _kolom(ws, "Realisasi TW II"))
    kode = ws.cell(BARIS_KEPALA + 1, _kolom(ws, "Kode"))
    assert not nilai.protection.locked and kode.protection.locked
    assert wb["lkjip"].sheet_state == "veryHidden"
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(_kolom(ws, "id"))].hidden


def test_a_filled_workbook_is_previewed_then_saved_with_the_audit_trail(op, demo):
    b = _non_rasio(demo)
    wb = _unduh(op)
    ws = wb["Realisasi TW II"]
    baris = _baris(ws, b.indikator.kode)
    ws.cell(baris, _kolom(ws, "Realisasi TW II"), "1.234,5")
    ws.cell(baris, _kolom(ws, "Catatan"), "diisi dari Excel")
    r = _unggah(op, _simpan(wb))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Pratinjau: 1 indikator akan diubah" in html
    assert b.indikator.kode in html and "1.234,5" in html
    # Nothing is written by the preview.
    assert not Realisasi.objects.filter(indikator=b.indikator, tahun=2024, triwulan=2).exists()
    token = r.context["token"]
    s = op.post(DASAR + "impor/simpan/", {"token": token})
    assert s.status_code == 302 and s["Location"] == DASAR
    row = Realisasi.objects.get(indikator=b.indikator, tahun=2024, triwulan=2)
    assert row.nilai == Decimal("1234.5") and row.catatan == "diisi dari Excel"
    assert LogPerubahan.objects.filter(aksi="realisasi.ubah", objek_id=row.pk).exists()
    # The preview is used once.
    assert op.post(DASAR + "impor/simpan/", {"token": token}).status_code == 302
    assert LogPerubahan.objects.filter(aksi="realisasi.ubah").count() == 1


def test_every_bad_cell_is_named_and_nothing_is_saved(op, demo):
    b = _non_rasio(demo)
    wb = _unduh(op)
    ws = wb["Realisasi TW II"]
    baris = _baris(ws, b.indikator.kode)
    kol = _kolom(ws, "Realisasi TW II")
    ws.cell(baris, kol, "sembilan")
    ws.cell(baris + 1, kol, "=1+1")
    r = _unggah(op, _simpan(wb))
    assert r.status_code == 400
    html = r.content.decode()
    huruf = openpyxl.utils.get_column_letter(kol)
    assert f"baris {baris}" in html and f"kolom {huruf} (Realisasi TW II)" in html
    assert "tidak memuat angka" in html
    assert f"baris {baris + 1}" in html and "sel berisi rumus" in html
    assert not LogPerubahan.objects.filter(aksi="realisasi.ubah").exists()


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"bukan excel", "bukan buku kerja Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "dilindungi kata sandi"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused(op, demo, isi, pesan):
    r = _unggah(op, isi)
    assert r.status_code == 400 and pesan in r.content.decode()


def test_a_workbook_of_another_quarter_or_kecamatan_is_refused(op, operator_b, demo):
    data = _simpan(_unduh(op))
    r = _unggah(op, data, url="/pd/33.16.05/2024/realisasi/3/")
    assert r.status_code == 400
    assert "triwulan II, bukan Kecamatan Randublatung tahun 2024 triwulan III" in r.content.decode()
    b = Client()
    b.force_login(operator_b)
    r = _unggah(b, data, url="/pd/33.16.15/2024/realisasi/2/")
    assert r.status_code == 400 and "perangkat daerah 33.16.05" in r.content.decode()


def test_an_altered_identity_or_another_workbook_is_refused(op, demo):
    wb = _unduh(op)
    wb["lkjip"]["B5"] = 3
    r = _unggah(op, _simpan(wb), url="/pd/33.16.05/2024/realisasi/3/")
    assert r.status_code == 400 and "identitas buku kerja ini diubah" in r.content.decode()
    polos = openpyxl.Workbook()
    r = _unggah(op, _simpan(polos))
    assert r.status_code == 400 and "bukan unduhan realisasi triwulan" in r.content.decode()


def test_a_row_moved_onto_another_indicator_is_refused(op, demo):
    wb = _unduh(op)
    ws = wb["Realisasi TW II"]
    ws.cell(BARIS_KEPALA + 1, _kolom(ws, "Kode"), "XYZ-9")
    r = _unggah(op, _simpan(wb))
    assert r.status_code == 400 and "kode indikator diubah" in r.content.decode()


def test_an_approved_quarter_is_refused(op, demo):
    b = _non_rasio(demo)
    wb = _unduh(op)
    ws = wb["Realisasi TW II"]
    ws.cell(_baris(ws, b.indikator.kode), _kolom(ws, "Realisasi TW II"), 5)
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=2, status="disetujui"
    )
    r = _unggah(op, _simpan(wb))
    assert r.status_code == 400
    assert not Realisasi.objects.filter(indikator=b.indikator, tahun=2024, triwulan=2).exists()


def test_a_change_made_on_screen_after_the_download_is_not_overwritten(op, demo, operator_a):
    b = _non_rasio(demo)
    wb = _unduh(op)
    ws = wb["Realisasi TW II"]
    ws.cell(_baris(ws, b.indikator.kode), _kolom(ws, "Realisasi TW II"), 7)
    Realisasi.objects.create(
        indikator=b.indikator, tahun=2024, triwulan=2, nilai=3, versi=1, diubah_oleh=operator_a
    )
    r = _unggah(op, _simpan(wb))
    assert r.status_code == 400 and "sudah diubah oleh" in r.content.decode()
    assert Realisasi.objects.get(indikator=b.indikator, tahun=2024, triwulan=2).nilai == 3


def test_readers_download_but_cannot_import(kepala_a, demo):
    c = Client()
    c.force_login(kepala_a)
    assert c.get(DASAR + "buku.xlsx").status_code == 200
    assert _unggah(c, b"x").status_code == 403


def test_the_grid_links_the_workbook_and_the_import_for_its_operator(op, kepala_a, demo):
    halaman = op.get(DASAR).content.decode()
    assert f'href="{DASAR}buku.xlsx"' in halaman and f'href="{DASAR}impor/"' in halaman
    c = Client()
    c.force_login(kepala_a)
    baca = c.get(DASAR).content.decode()
    assert f'href="{DASAR}buku.xlsx"' in baca and f'href="{DASAR}impor/"' not in baca
