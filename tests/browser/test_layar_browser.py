"""Scripts of the other screens in real Chromium: the live check of the predicate
scale (admin pemda) and Enter moving down the rencana aksi and anggaran grids."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from kinerja.models import BandPredikat, Indikator, Pemda, RencanaAksi
from tests.browser.a11y import periksa_halaman

KODE = "33.16.05"


def _fokus(page) -> str:
    return page.evaluate("() => document.activeElement.name || ''")


@pytest.mark.django_db(transaction=True)
def test_skala_diperiksa_langsung_sebelum_disimpan(
    live_server, buka_sesi, simpan_gambar, admin_pemda
):
    page = buka_sesi("admin_pemda")
    page.goto(f"{live_server.url}/pemda/33.16/aturan/")
    hasil = page.locator("#hasil-periksa")
    expect(hasil).to_contain_text("Skala sah")
    expect(page.locator("#editor-band")).to_be_hidden()

    # Copy the Blora preset into the editor: five bands, still valid.
    with page.expect_response(lambda r: "/aturan/periksa/" in r.url):
        page.get_by_role("button", name="Sunting skala ini sebagai skala sendiri").click()
    expect(page.locator("#editor-band")).to_be_visible()
    expect(page.locator("[name=skala_preset]")).to_have_value("")
    baris = page.locator("#editor-band tbody tr.baris-band")
    expect(baris).to_have_count(5)
    expect(baris.nth(1).locator("[name=band_label]")).to_have_value("Baik")
    expect(hasil).to_have_class(re.compile(r"\bsah\b"))

    # "Baik" from 90 instead of 85: the values from 85 to 90 are in no band.
    bawah = baris.nth(1).locator("[name=band_bawah]")
    expect(bawah).to_have_value("85")
    bawah.click()
    page.keyboard.press("Control+a")
    with page.expect_response(lambda r: "/aturan/periksa/" in r.url):
        page.keyboard.type("90")
    expect(hasil).to_have_class(re.compile(r"\btidak-sah\b"))
    expect(hasil).to_contain_text("Skala belum sah:")
    expect(hasil).to_contain_text("tidak masuk predikat mana pun (celah)")
    assert re.search(r"85.*90", hasil.inner_text()), hasil.inner_text()
    simpan_gambar(page, "pemda-aturan-celah", penuh=True)
    periksa_halaman(page)
    # Only checked, nothing saved yet.
    blora = Pemda.objects.get(kode="33.16")
    assert blora.skala_preset == "blora" and not BandPredikat.objects.filter(pemda=blora).exists()

    # Saving anyway is refused by the server with the same reason.
    page.get_by_role("button", name="Simpan aturan").click()
    expect(page.locator("#hasil-periksa")).to_contain_text("tidak masuk predikat mana pun (celah)")
    blora.refresh_from_db()
    assert blora.skala_preset == "blora"

    # Closing the gap makes it valid again, and it is saved.
    bawah = page.locator("#editor-band tbody tr.baris-band").nth(1).locator("[name=band_bawah]")
    expect(bawah).to_have_value("90")
    bawah.click()
    page.keyboard.press("Control+a")
    with page.expect_response(lambda r: "/aturan/periksa/" in r.url):
        page.keyboard.type("85")
    expect(hasil).to_contain_text("Skala sah: tidak ada celah dan tidak ada tumpang-tindih.")
    page.get_by_role("button", name="Simpan aturan").click()
    expect(page.locator("ul.pesan li")).to_have_text("Aturan Kabupaten Blora disimpan.")
    periksa_halaman(page)
    blora.refresh_from_db()
    assert blora.skala_preset == ""
    assert list(
        BandPredikat.objects.filter(pemda=blora).order_by("urutan").values_list("label", flat=True)
    ) == ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]


@pytest.mark.django_db(transaction=True)
def test_enter_turun_ke_baris_berikut_di_grid(live_server, buka_sesi, demo, operator_a):
    page = buka_sesi("operator_a")

    # Rencana aksi: Enter goes to the cell below (same triwulan), never submits.
    url = f"{live_server.url}/pd/{KODE}/2024/rencana-aksi/"
    page.goto(url)
    baris = page.locator("table[data-grid] tbody tr")
    expect(baris).to_have_count(2)
    tw2_atas = baris.nth(0).locator("td.sel input").nth(1)
    tw2_bawah = baris.nth(1).locator("td.sel input").nth(1)
    tw3_atas = baris.nth(0).locator("td.sel input").nth(2)
    tw2_atas.click()
    page.keyboard.type("85,5")
    page.keyboard.press("Enter")
    assert _fokus(page) == tw2_bawah.get_attribute("name")
    page.keyboard.type("70,25")
    # From the last row, Enter continues at the top of the next triwulan.
    page.keyboard.press("Enter")
    assert _fokus(page) == tw3_atas.get_attribute("name")
    assert page.url == url
    expect(tw2_atas).to_have_value("85,5")
    expect(tw2_bawah).to_have_value("70,25")
    # Ctrl+Enter saves.
    page.keyboard.press("Control+Enter")
    expect(page.locator("ul.pesan li")).to_contain_text("disimpan")
    periksa_halaman(page)
    ikt1 = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKT-1")
    ikt2 = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKT-2")
    assert RencanaAksi.objects.get(indikator=ikt1, tahun=2024, triwulan=2).nilai == Decimal("85.5")
    assert RencanaAksi.objects.get(indikator=ikt2, tahun=2024, triwulan=2).nilai == Decimal("70.25")

    # Anggaran: Enter goes to the next amount; s.d. and penyerapan follow the typing.
    page.goto(f"{live_server.url}/pd/{KODE}/2024/anggaran/realisasi/1/")
    sub_kegiatan = page.locator("#form-realisasi-anggaran tbody tr:has(input.uang)")
    tr = sub_kegiatan.nth(0)
    pertama = tr.locator("input.uang")
    kedua = sub_kegiatan.nth(1).locator("input.uang")
    penyerapan = tr.locator("[data-penyerapan]")
    semula = penyerapan.inner_text()
    pertama.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("1.000.000")
    # First quarter: nothing before it, so s.d. TW I is the amount typed.
    expect(tr.locator("[data-sd]")).to_have_text("Rp 1.000.000")
    expect(penyerapan).not_to_have_text(semula)
    expect(penyerapan).to_have_text(re.compile(r"^\d{1,3},\d\d%$"))
    page.keyboard.press("Enter")
    assert _fokus(page) == kedua.get_attribute("name")
    assert page.url.endswith("/anggaran/realisasi/1/")
    expect(page.locator("ul.pesan li")).to_have_count(0)
    periksa_halaman(page)
