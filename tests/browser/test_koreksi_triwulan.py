"""Correcting an approved quarter of Kecamatan Randublatung, in real Chromium.

The kepala approves triwulan I after confirming the missing evidence; the operator
adds evidence to the approved quarter and the kepala sees it marked "bukti
ditambahkan setelah disetujui"; the kepala reopens the quarter with a reason; the
operator reads the reason, corrects a value and submits again.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from kinerja.models import BuktiDukung, Indikator, LangkahReview, Realisasi, StatusTriwulan
from kinerja.services.review import triwulan_ajukan

KODE = "33.16.05"
URL_TW1 = f"/pd/{KODE}/2024/realisasi/1/"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _status() -> str:
    return StatusTriwulan.objects.get(perangkat_daerah__kode=KODE, tahun=2024, triwulan=1).status


def _pesan(page):
    return page.locator("ul.pesan li")


@pytest.mark.django_db(transaction=True)
def test_bukti_setelah_disetujui_dan_buka_kembali_triwulan(
    live_server, settings, tmp_path, buka_sesi, simpan_gambar, demo, operator_a, kepala_a
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pd = demo["a"]
    iks1 = Indikator.objects.get(renstra__perangkat_daerah=pd, kode="IKS-1").pk
    triwulan_ajukan(pd=pd, tahun=2024, triwulan=1, pengguna=operator_a)
    url = f"{live_server.url}{URL_TW1}"

    # ------------------------------------------------------------------ kepala approves
    kepala = buka_sesi("kepala_a")
    kepala.goto(url)
    kepala.locator("#id_komentar").fill("Nilai sesuai rekap.")
    kepala.get_by_role("button", name="Setujui triwulan I").click()
    konfirmasi = kepala.locator(".konfirmasi-setujui")
    expect(konfirmasi).to_contain_text("Triwulan I belum lengkap")
    expect(konfirmasi).to_contain_text("Bukti dukung belum diunggah: IKS-1")
    konfirmasi.scroll_into_view_if_needed()
    simpan_gambar(kepala, "realisasi-konfirmasi-setujui")
    konfirmasi.get_by_role("button", name="Tetap setujui triwulan I").click()
    expect(_pesan(kepala)).to_have_text("Triwulan I disetujui.")
    assert _status() == "disetujui"
    langkah = LangkahReview.objects.get(ke="disetujui")
    assert langkah.komentar == "Nilai sesuai rekap." and langkah.kekurangan

    # ------------------------------------------------------------------ operator adds evidence
    op = buka_sesi("operator_a")
    op.goto(url)
    expect(op.locator("input[data-kolom], textarea[data-kolom]")).to_have_count(0)
    sel = op.locator(f"#bukti-{iks1}")
    expect(sel.get_by_role("button", name="Hapus")).to_have_count(0)
    berkas = tmp_path / "Rekap SOP TW I.pdf"
    berkas.write_bytes(PDF)
    sel.locator("input[type=file]").set_input_files(berkas)
    sel.get_by_role("button", name="Unggah").click()
    expect(_pesan(op)).to_have_text("Bukti dukung Rekap SOP TW I.pdf tersimpan.")
    expect(op.locator(f"#bukti-{iks1} .daftar-bukti a")).to_have_text("Rekap SOP TW I.pdf")
    assert BuktiDukung.objects.get().realisasi.indikator_id == iks1
    assert _status() == "disetujui"

    kepala.reload()
    expect(kepala.locator(f"#bukti-{iks1}")).to_contain_text("bukti ditambahkan setelah disetujui")
    expect(kepala.locator(".pengumuman.disetujui")).to_contain_text(
        "1 bukti dukung ditambahkan setelah disetujui"
    )
    simpan_gambar(kepala, "realisasi-bukti-setelah-disetujui", penuh=True)

    # ------------------------------------------------------------------ kepala reopens
    alasan = "Realisasi IKS-1 TW I harus 96 sesuai rekap SOP terbaru."
    kepala.locator("#buka-kembali summary").click()
    kepala.get_by_role("button", name="Buka kembali triwulan I").click()
    # An empty reason is refused in Indonesian; nothing changes.
    expect(kepala.locator(".galat-umum")).to_contain_text("belum dibuka kembali")
    expect(kepala.locator("#buka-kembali")).to_contain_text("Alasan wajib diisi")
    assert _status() == "disetujui"
    kepala.locator("#id_alasan").fill(alasan)
    simpan_gambar(kepala, "realisasi-buka-kembali")
    kepala.get_by_role("button", name="Buka kembali triwulan I").click()
    expect(_pesan(kepala)).to_contain_text("Triwulan I dibuka kembali")
    assert _status() == "dikembalikan"

    # ------------------------------------------------------------------ operator corrects
    op.reload()
    pengumuman = op.locator(".pengumuman.dibuka-kembali")
    expect(pengumuman).to_contain_text("Triwulan I dibuka kembali oleh kepala_a")
    expect(pengumuman.locator(".komentar-kepala")).to_have_text(alasan)
    nilai = op.locator(f"[name=r{iks1}-nilai]")
    nilai.fill("96")
    op.get_by_role("button", name="Simpan realisasi triwulan I").click()
    expect(_pesan(op)).to_have_text("Realisasi triwulan I tersimpan: 1 indikator diubah.")
    assert Realisasi.objects.get(indikator_id=iks1, tahun=2024, triwulan=1).nilai == Decimal("96")
    op.get_by_role("button", name="Ajukan triwulan I kepada kepala").click()
    expect(_pesan(op)).to_contain_text("Triwulan I diajukan kepada kepala")
    assert _status() == "diajukan"

    riwayat = op.locator(".riwayat-tinjauan > li")
    expect(riwayat).to_have_count(4)
    expect(riwayat.nth(1)).to_contain_text("Disetujui meskipun belum lengkap")
    expect(riwayat.nth(2)).to_contain_text(re.compile(r"kepala_a: Disetujui → Dikembalikan"))
    expect(riwayat.nth(2)).to_contain_text(alasan)
