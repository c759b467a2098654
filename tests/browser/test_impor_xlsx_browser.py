"""Workbooks in real Chromium: the operator downloads the quarterly workbook, fills it
(openpyxl stands in for Excel), uploads it, reads the preview and confirms; a DPA in
SIPD's layout imports with its preview. The import pages pass the accessibility
checks."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from anggaran.models import Pagu
from kinerja.models import Realisasi
from kinerja.services.realisasi import grid_triwulan
from kinerja.services.realisasi_xlsx import BARIS_KEPALA
from tests.browser.a11y import periksa_halaman

KODE = "33.16.05"
DATA = Path(__file__).resolve().parents[1] / "data" / "anggaran"


def test_quarterly_workbook_download_fill_upload_preview_confirm(
    buka_sesi, live_server, operator_a, demo, tmp_path
):
    page = buka_sesi("operator_a")
    page.goto(f"{live_server.url}/pd/{KODE}/2024/realisasi/2/impor/")
    periksa_halaman(page)
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="buku kerja realisasi triwulan II").click()
    berkas = tmp_path / "tw2.xlsx"
    unduhan.value.save_as(berkas)

    grid = grid_triwulan(demo["a"], 2024, 2)
    b = next(x for x in grid.baris if not x.rasio and x.realisasi_tw[1] is None)
    wb = openpyxl.load_workbook(berkas)
    ws = wb["Realisasi TW II"]
    kolom = next(c.column for c in ws[BARIS_KEPALA] if c.value == "Realisasi TW II")
    baris = next(
        r[0].row for r in ws.iter_rows(min_row=BARIS_KEPALA + 1) if r[1].value == b.indikator.kode
    )
    ws.cell(baris, kolom, "41,5")
    wb.save(berkas)

    page.set_input_files("#berkas-impor", str(berkas))
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    page.get_by_role("heading", name="Pratinjau: 1 indikator akan diubah").wait_for()
    assert "41,5" in page.locator("table").inner_text()
    periksa_halaman(page)
    assert not Realisasi.objects.filter(indikator=b.indikator, tahun=2024, triwulan=2).exists()
    page.get_by_role("button", name="Simpan semua perubahan").click()
    page.wait_for_url(re.compile(r"/realisasi/2/$"))
    assert "1 indikator diubah" in page.locator("ul.pesan").inner_text()
    assert Realisasi.objects.get(indikator=b.indikator, tahun=2024, triwulan=2).nilai == 41.5


def test_sipd_dpa_imports_with_its_preview(buka_sesi, live_server, operator_a, demo):
    page = buka_sesi("operator_a")
    page.goto(f"{live_server.url}/pd/{KODE}/2024/anggaran/dpa/perubahan/")
    page.get_by_role("link", name=re.compile("Impor pagu dari Excel")).click()
    periksa_halaman(page)
    page.set_input_files("#berkas-dpa", str(DATA / "sipd-dpa-perubahan.xlsx"))
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    page.get_by_role("heading", name=re.compile(r"Pratinjau: \d+ angka akan diubah")).wait_for()
    assert "Setelah Perubahan" in page.locator("main").inner_text()
    periksa_halaman(page)
    page.get_by_role("button", name="Simpan semua perubahan").click()
    page.wait_for_url(re.compile(r"/anggaran/dpa/perubahan/$"))
    assert (
        Pagu.objects.get(
            dpa__perangkat_daerah=demo["a"],
            dpa__versi="perubahan",
            sub_kegiatan__kode="7.01.01.2.01.01",
        ).jumlah
        == 2_300_000
    )
