"""One quarter of Kecamatan Randublatung from typing to approval, in real Chromium.

The operator fills triwulan I of 2024 with the keyboard (decimal comma, graded
value, required note), uploads evidence and submits; the kepala returns it with
a comment; the operator corrects and resubmits; the kepala approves; after that
the operator cannot change it, the evaluator of Blora reads it, and the operator
of Bogorejo gets 404 on every URL of Randublatung.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kinerja.models import (
    BuktiDukung,
    Indikator,
    LangkahReview,
    Realisasi,
    StatusTriwulan,
)
from tests.browser.a11y import periksa_halaman
from tests.browser.conftest import masuk

KODE = "33.16.05"
URL_TW1 = f"/pd/{KODE}/2024/realisasi/1/"
URL_BERANDA_PD = f"/pd/{KODE}/2024/"

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _ind(demo, kode: str) -> int:
    return Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode=kode).pk


def _realisasi(pk: int) -> Realisasi:
    return Realisasi.objects.get(indikator_id=pk, tahun=2024, triwulan=1)


def _status() -> str:
    return StatusTriwulan.objects.get(perangkat_daerah__kode=KODE, tahun=2024, triwulan=1).status


def _fokus(page) -> str:
    """name (or type) of the focused element."""
    return page.evaluate("() => document.activeElement.name || document.activeElement.type || ''")


def _pesan(page):
    return page.locator("ul.pesan li")


def _keluar(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(re.compile(r"/masuk/"))


def _ketik_lalu_tunggu_pratinjau(page, teks: str) -> None:
    """Type into the focused field and wait for the live capaian to come back."""
    with page.expect_response(lambda r: "/pratinjau/" in r.url and r.status == 200):
        page.keyboard.type(teks)


@pytest.mark.django_db(transaction=True)
def test_satu_triwulan_dari_isian_sampai_disetujui(
    live_server,
    settings,
    tmp_path,
    buka_sesi,
    simpan_gambar,
    demo,
    operator_a,
    kepala_a,
    evaluator,
    operator_b,
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    ikt1, iks1, ikt2 = _ind(demo, "IKT-1"), _ind(demo, "IKS-1"), _ind(demo, "IKT-2")
    url = f"{live_server.url}{URL_TW1}"

    # ------------------------------------------------------------------ operator fills TW I
    op = buka_sesi()
    op.goto(f"{live_server.url}/masuk/")
    periksa_halaman(op)
    masuk(op, live_server, "operator_a")
    periksa_halaman(op)
    # The operator's home page is the page of Kecamatan Randublatung; its years below.
    expect(op.locator("h1")).to_contain_text("Kecamatan Randublatung")
    op.locator("p", has_text="Dasbor tahun").get_by_role("link", name="2024", exact=True).click()
    op.wait_for_url(f"{live_server.url}{URL_BERANDA_PD}")
    op.locator("nav.menu").get_by_role("link", name="Realisasi").click()
    op.wait_for_url(url)
    expect(op.locator("h1")).to_contain_text("Realisasi kinerja triwulan I tahun 2024")
    periksa_halaman(op)

    # The first input of the grid is IKT-1 (indeks kepuasan, no quarterly target).
    pertama = op.locator("#form-realisasi input[data-kolom=realisasi]").first
    expect(pertama).to_have_attribute("name", f"r{ikt1}-nilai")
    pertama.click()
    _ketik_lalu_tunggu_pratinjau(op, "87,5")
    expect(op.locator(f"#baris-{ikt1} .galat-pratinjau")).to_be_hidden()
    expect(op.locator(f"#baris-{ikt1} td.capaian")).to_have_text("-")

    # Tab: note of the row, evidence file, upload button, then the next indicator.
    op.keyboard.press("Tab")
    assert _fokus(op) == f"r{ikt1}-catatan"
    op.keyboard.press("Tab")
    assert _fokus(op) == "berkas"
    op.keyboard.press("Tab")
    assert op.evaluate("() => document.activeElement.textContent") == "Unggah"
    op.keyboard.press("Tab")
    assert _fokus(op) == f"r{iks1}-nilai"
    # Tab selects the stored 94, typing replaces it.
    _ketik_lalu_tunggu_pratinjau(op, "90,5")
    expect(op.locator(f"[name=r{iks1}-nilai]")).to_have_value("90,5")
    # 90,5 / 96 → 94,27% "Baik": below the "tercapai" threshold of 100%, a note is required.
    expect(op.locator(f"#baris-{iks1} td.capaian")).to_have_text("94,27%")
    expect(op.locator(f"#baris-{iks1} .predikat")).to_have_text("Baik")
    catatan = op.locator(f"[name=r{iks1}-catatan]")
    expect(catatan).to_have_class(re.compile(r"\bwajib\b"))
    expect(catatan).to_have_attribute("aria-required", "true")
    # The operator rewrites the note: once it is empty the page says it is required.
    op.keyboard.press("Tab")
    assert _fokus(op) == f"r{iks1}-catatan"
    op.keyboard.press("Control+a")
    op.keyboard.press("Delete")
    wajib = op.locator(f"#baris-{iks1} .wajib-catatan")
    expect(wajib).to_be_visible()
    expect(wajib).to_contain_text(
        "Catatan wajib diisi: capaian 94,27% berada di bawah ambang tercapai 100%."
    )
    op.keyboard.type("Dua petugas pelayanan cuti; layanan KTP tertunda.")
    expect(wajib).to_be_hidden()

    # On to IKT-2 (Nilai SAKIP): a typo gets an Indonesian message, the graded value passes.
    for _ in range(3):
        op.keyboard.press("Tab")
    assert _fokus(op) == f"r{ikt2}-nilai"
    _ketik_lalu_tunggu_pratinjau(op, "63,,25")
    error = op.locator(f"#baris-{ikt2} .galat-pratinjau")
    expect(error).to_have_text('"63,,25" bukan angka yang sah.')
    op.keyboard.press("Control+a")
    _ketik_lalu_tunggu_pratinjau(op, "63,25 (B-)")
    expect(error).to_be_hidden()
    # Enter goes down to the next indicator, not to the save button.
    op.keyboard.press("Enter")
    assert _fokus(op) == f"r{_ind(demo, 'IKS-2')}-nilai"
    assert op.url == url
    expect(op.locator(".status-isian")).to_have_text("Ada isian yang belum disimpan.")
    simpan_gambar(op, "realisasi-operator-isi", penuh=True)
    periksa_halaman(op)

    op.get_by_role("button", name="Simpan realisasi triwulan I").click()
    expect(_pesan(op)).to_have_text("Realisasi triwulan I tersimpan: 3 indikator diubah.")
    expect(op.locator("#pengumuman-hidup")).to_have_text(
        "Realisasi triwulan I tersimpan: 3 indikator diubah."
    )
    periksa_halaman(op)
    r = _realisasi(ikt1)
    assert (r.nilai, r.label) == (Decimal("87.5"), "")
    r = _realisasi(iks1)
    assert r.nilai == Decimal("90.5") and r.catatan.startswith("Dua petugas")
    assert r.diubah_oleh == operator_a
    r = _realisasi(ikt2)
    assert (r.nilai, r.label) == (Decimal("63.25"), "63,25 (B-)")
    expect(op.locator(f"[name=r{ikt2}-nilai]")).to_have_value("63,25 (B-)")
    expect(op.locator(f"#baris-{iks1} td.capaian")).to_have_text("94,27%")

    # Evidence: the content decides, not the name.
    sel = op.locator(f"#bukti-{iks1}")
    palsu = tmp_path / "bukan-pdf.pdf"
    palsu.write_text("ini hanya teks biasa")
    sel.locator("input[type=file]").set_input_files(palsu)
    sel.get_by_role("button", name="Unggah").click()
    expect(sel.locator(".galat-bukti")).to_have_text(
        "Berkas harus PDF, JPG, PNG atau XLSX; isi berkas ini bukan salah satunya."
    )
    assert not BuktiDukung.objects.exists()
    berkas = tmp_path / "laporan-sop-tw1.pdf"
    berkas.write_bytes(PDF)
    sel.locator("input[type=file]").set_input_files(berkas)
    expect(sel.locator(".nama-berkas")).to_have_text("laporan-sop-tw1.pdf")
    sel.get_by_role("button", name="Unggah").click()
    tautan = sel.locator(".daftar-bukti a")
    expect(tautan).to_have_text("laporan-sop-tw1.pdf")
    expect(op.locator(".status-isian")).to_have_text("Bukti dukung laporan-sop-tw1.pdf tersimpan.")
    bukti = BuktiDukung.objects.get()
    assert bukti.jenis == "pdf" and bukti.realisasi.indikator_id == iks1
    assert bukti.berkas.path.startswith(str(tmp_path))
    with op.expect_download() as unduhan:
        tautan.click()
    assert unduhan.value.suggested_filename == "laporan-sop-tw1.pdf"
    assert Path(unduhan.value.path()).read_bytes() == PDF
    url_unduh = f"{live_server.url}/pd/{KODE}/2024/bukti/{bukti.pk}/"

    op.get_by_role("button", name="Ajukan triwulan I kepada kepala").click()
    expect(_pesan(op)).to_contain_text("Triwulan I diajukan kepada kepala")
    assert _status() == "diajukan"
    expect(op.locator("input[data-kolom], textarea[data-kolom]")).to_have_count(0)
    expect(op.locator(".pengumuman.diajukan")).to_contain_text("menunggu persetujuan kepala")
    periksa_halaman(op)
    _keluar(op)

    # ------------------------------------------------------------------ kepala returns it
    kepala = buka_sesi("kepala_a")
    kepala.goto(url)
    expect(kepala.locator("#tinjauan .lencana-status")).to_have_text("Diajukan")
    expect(kepala.locator("input[data-kolom]")).to_have_count(0)
    periksa_halaman(kepala)
    kepala.get_by_role("button", name="Kembalikan kepada operator").click()
    expect(kepala.locator(".form-tinjau .galat")).to_have_text(
        "Komentar wajib diisi saat mengembalikan: tuliskan apa yang harus diperbaiki operator."
    )
    expect(kepala.locator(".galat-umum")).to_contain_text("Triwulan I belum ditinjau")
    simpan_gambar(kepala, "realisasi-tinjau-galat")
    # The focus is on the error summary; its item leads to the comment box.
    ringkasan = kepala.locator(".ringkasan-galat")
    expect(ringkasan).to_be_focused()
    expect(ringkasan).to_contain_text("Triwulan I belum ditinjau")
    ringkasan.get_by_role("link", name=re.compile("^Komentar untuk operator")).click()
    expect(kepala.locator("#id_komentar")).to_be_focused()
    periksa_halaman(kepala)
    assert _status() == "diajukan"
    komentar = "Realisasi IKS-1 harus sesuai rekap SOP Maret: 95%, bukan 90,5%."
    kepala.locator("#id_komentar").fill(komentar)
    kepala.get_by_role("button", name="Kembalikan kepada operator").click()
    expect(_pesan(kepala)).to_have_text("Triwulan I dikembalikan kepada operator dengan komentar.")
    assert _status() == "dikembalikan"
    assert LangkahReview.objects.filter(ke="dikembalikan").get().komentar == komentar

    # ------------------------------------------------------------------ operator corrects
    masuk(op, live_server, "operator_a")
    op.goto(url)
    pengumuman = op.locator(".pengumuman.dikembalikan")
    expect(pengumuman).to_contain_text("dikembalikan oleh kepala_a")
    expect(pengumuman.locator(".komentar-kepala")).to_have_text(komentar)
    expect(op.locator("nav.tab-triwulan a.aktif")).to_contain_text("Dikembalikan")
    simpan_gambar(op, "realisasi-kembalikan", penuh=True)
    periksa_halaman(op)
    op.locator(f"[name=r{iks1}-nilai]").click()
    op.keyboard.press("Control+a")
    _ketik_lalu_tunggu_pratinjau(op, "95")
    expect(op.locator(f"#baris-{iks1} td.capaian")).to_have_text("98,96%")
    op.get_by_role("button", name="Simpan realisasi triwulan I").click()
    expect(_pesan(op)).to_have_text("Realisasi triwulan I tersimpan: 1 indikator diubah.")
    assert _realisasi(iks1).nilai == Decimal("95")
    # A second tab stays open on the editable grid (used after the approval).
    lama = op.context.new_page()
    lama.goto(url)
    expect(lama.locator(f"[name=r{iks1}-nilai]")).to_have_value("95")
    op.get_by_role("button", name="Ajukan triwulan I kepada kepala").click()
    expect(_pesan(op)).to_contain_text("Triwulan I diajukan kepada kepala")
    assert _status() == "diajukan"

    # ------------------------------------------------------------------ kepala approves
    kepala.goto(url)
    expect(kepala.locator(f"#baris-{iks1} td.isian")).to_have_text("95")
    kepala.locator("#id_komentar").fill("Sudah sesuai rekap SOP.")
    kepala.get_by_role("button", name="Setujui triwulan I").click()
    # Only IKS-1 has evidence: the kepala is asked to confirm, naming the others.
    konfirmasi = kepala.locator(".konfirmasi-setujui")
    expect(konfirmasi).to_contain_text("Bukti dukung belum diunggah: IKT-1")
    assert _status() == "diajukan"
    konfirmasi.get_by_role("button", name="Tetap setujui triwulan I").click()
    expect(_pesan(kepala)).to_have_text("Triwulan I disetujui.")
    assert _status() == "disetujui"
    expect(kepala.locator(".pengumuman.disetujui")).to_contain_text("disetujui oleh kepala_a")
    simpan_gambar(kepala, "realisasi-disetujui", penuh=True)
    periksa_halaman(kepala)

    # ------------------------------------------------------------------ operator is locked out
    op.reload()
    expect(op.locator("input[data-kolom], textarea[data-kolom]")).to_have_count(0)
    expect(op.get_by_role("button", name=re.compile("Simpan realisasi"))).to_have_count(0)
    expect(op.get_by_role("button", name=re.compile("Ajukan"))).to_have_count(0)
    expect(op.locator(".pengumuman.disetujui")).to_contain_text(
        "Nilai dan catatan triwulan yang sudah disetujui terkunci; bukti dukung masih dapat "
        "ditambahkan."
    )
    # The stale tab still shows the form: its post is refused and nothing changes.
    lama.locator(f"[name=r{iks1}-nilai]").fill("99")
    lama.get_by_role("button", name="Simpan realisasi triwulan I").click()
    expect(lama.locator(".galat-umum")).to_contain_text("data triwulan ini tidak dapat diubah")
    expect(lama.locator(".ringkasan-galat")).to_be_focused()
    periksa_halaman(lama)
    expect(lama.locator("input[data-kolom]")).to_have_count(0)
    assert _realisasi(iks1).nilai == Decimal("95")
    assert _status() == "disetujui"

    # ------------------------------------------------------------------ evaluator reads it
    ev = buka_sesi("evaluator")
    ev.goto(url)
    expect(ev.locator(".info-hanya-baca")).to_be_visible()
    expect(ev.locator("input[data-kolom], textarea[data-kolom], #form-realisasi")).to_have_count(0)
    expect(ev.locator(f"#baris-{iks1} td.isian")).to_have_text("95")
    expect(ev.locator(f"#baris-{iks1} td.capaian")).to_have_text("98,96%")
    expect(ev.locator(f"#baris-{ikt2} td.isian")).to_have_text("63,25 (B-)")
    expect(ev.locator(f"#baris-{iks1} td.catatan")).to_contain_text("Dua petugas")
    expect(ev.locator(f"#bukti-{iks1} .daftar-bukti a")).to_have_text("laporan-sop-tw1.pdf")
    langkah = ev.locator(".riwayat-tinjauan > li")
    expect(langkah).to_have_count(4)
    expect(langkah.nth(0)).to_contain_text("operator_a: Draf → Diajukan")
    expect(langkah.nth(1)).to_contain_text("kepala_a: Diajukan → Dikembalikan")
    expect(langkah.nth(1)).to_contain_text(komentar)
    expect(langkah.nth(2)).to_contain_text("operator_a: Dikembalikan → Diajukan")
    expect(langkah.nth(3)).to_contain_text("kepala_a: Diajukan → Disetujui")
    simpan_gambar(ev, "realisasi-evaluator", penuh=True)
    periksa_halaman(ev)

    # Docs: the dashboard and the audit trail after this quarter.
    op.goto(f"{live_server.url}{URL_BERANDA_PD}")
    expect(op.locator("h1")).to_have_text("Kecamatan Randublatung — tahun 2024")
    simpan_gambar(op, "beranda-pd", penuh=True)
    periksa_halaman(op)
    op.goto(f"{live_server.url}/pd/{KODE}/riwayat/?tahun=2024")
    expect(op.locator("main")).to_contain_text("laporan-sop-tw1.pdf")
    simpan_gambar(op, "riwayat", penuh=True)
    periksa_halaman(op)

    # ------------------------------------------------------------------ another kecamatan: 404
    lain = buka_sesi("operator_b")
    for alamat in (url, f"{live_server.url}{URL_BERANDA_PD}"):
        assert lain.goto(alamat).status == 404, alamat
        expect(lain.locator("h1")).to_have_text("Halaman tidak ditemukan")
        assert "Randublatung" not in lain.content()
    assert lain.request.get(url_unduh).status == 404
    assert lain.request.get(f"{live_server.url}/pd/33.16.15/2024/").status == 200
    simpan_gambar(lain, "tidak-ditemukan")
    periksa_halaman(lain)


@pytest.mark.django_db(transaction=True)
def test_layar_utama_untuk_dokumentasi(
    live_server,
    buka_sesi,
    simpan_gambar,
    demo,
    operator_a,
    kepala_a,
    operator_b,
    evaluator,
    admin_pemda,
):
    """Full-page screenshots of the main screens for docs/screenshots/."""
    op = buka_sesi("operator_a")
    layar = [
        (
            "perencanaan-renstra",
            f"/pd/{KODE}/renstra/?tahun=2024",
            "Renstra Kecamatan Randublatung",
        ),
        ("perencanaan-pk", f"/pd/{KODE}/2024/pk/", "Perjanjian Kinerja Kecamatan Randublatung"),
        ("rencana-aksi", f"/pd/{KODE}/2024/rencana-aksi/", "Rencana Aksi 2024"),
        ("anggaran", f"/pd/{KODE}/2024/anggaran/", "Anggaran Kecamatan Randublatung"),
        ("anggaran-dpa", f"/pd/{KODE}/2024/anggaran/dpa/perubahan/", "Pagu DPA Perubahan"),
    ]
    for nama, alamat, judul in layar:
        assert op.goto(f"{live_server.url}{alamat}").status == 200, alamat
        expect(op.locator("h1")).to_contain_text(judul)
        simpan_gambar(op, nama, penuh=True)
        periksa_halaman(op)

    admin = buka_sesi("admin_pemda")
    for nama, alamat, judul in (
        ("pemda-aturan", "/pemda/33.16/aturan/", "Aturan capaian Kabupaten Blora"),
        ("pemda-pengguna", "/pemda/33.16/pengguna/", "Pengguna Kabupaten Blora"),
    ):
        assert admin.goto(f"{live_server.url}{alamat}").status == 200, alamat
        expect(admin.locator("h1")).to_contain_text(judul)
        simpan_gambar(admin, nama, penuh=True)
        periksa_halaman(admin)
