"""BAB III's quarterly table and the kegiatan/sub kegiatan levels (issue 12 §3): row
sources of hitung's figures, printed in the PDF and shown on the computation screen."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest

from kinerja.engine.hitung import hitung
from laporan.dokumen import susun_dokumen
from laporan.dokumen.bab3 import sumber_skala_pd
from laporan.dokumen.bab3_triwulan import tabel_indikator_tingkat, tabel_realisasi_triwulan
from laporan.pdf import html_to_pdf, render_html
from laporan.selectors_paket import paket_muat
from lib.rows import Cell

pytestmark = pytest.mark.django_db


def _nilai(v):
    return v.value if isinstance(v, Cell) else v


def _baris(tabel, nama: str) -> list:
    return next([_nilai(v) for v in r.values] for r in tabel.rows if nama in r.values)


def test_quarterly_row_is_hitungs_figures(demo):
    """Persentase layanan kecamatan sesuai SOP (IKS-1, kumulatif) of Randublatung 2024,
    checked by hand against `manage.py hitung --pd 33.16.05 --tahun 2024`: target 96,
    TW I–IV target 96 each and realisasi 94, 95, 96, 96; annual realisasi the last
    quarter, 96; capaian 100%."""
    paket = paket_muat(demo["a"], 2024)
    hasil = hitung(paket, 2024)
    tabel = tabel_realisasi_triwulan(hasil, paket.renstra, 2024)
    assert len(tabel.columns) == 14
    assert _baris(tabel, "Persentase layanan kecamatan sesuai SOP") == [
        2,
        "Persentase layanan kecamatan sesuai SOP",
        96,
        96,
        94,
        96,
        95,
        96,
        96,
        96,
        96,  # fmt: skip
        96,
        "kumulatif",
        Decimal(100),
    ]
    # nilai akhir: only TW IV, the annual realisasi is that value.
    ikm = _baris(tabel, "Indeks Kepuasan Masyarakat (IKM) di Kecamatan")
    assert ikm[3:11] == [None] * 6 + [86, 88] and ikm[11] == 88 and ikm[12] == "nilai akhir"
    # Group rows name the tujuan/sasaran, spanning the whole table.
    kelompok = [r for r in tabel.rows if r.kind == "kelompok"]
    assert [r.values[0].value for r in kelompok][:2] == [
        "Tujuan: Meningkatnya Kepuasan Masyarakat terhadap Pelayanan Kecamatan",
        "Sasaran: Meningkatnya Layanan Kecamatan sesuai SOP",
    ]
    assert {r.values[0].colspan for r in kelompok} == {14}


def test_kegiatan_and_sub_kegiatan_indicators_have_target_and_realisasi(demo):
    """Bogorejo keeps indicators of its kegiatan and sub kegiatan: each level's table has
    one row per indicator with hitung's target, realisasi and capaian."""
    paket = paket_muat(demo["b"], 2024)
    hasil = hitung(paket, 2024)
    for tingkat in ("kegiatan", "sub_kegiatan"):
        daftar = [i for i in hasil.indikator if i.tingkat == tingkat]
        assert daftar
        tabel = tabel_indikator_tingkat(hasil, tingkat, tingkat, {}, 2024)
        assert [(_nilai(r.values[4]), _nilai(r.values[5])) for r in tabel.rows] == [
            (i.target, i.realisasi) for i in daftar
        ]


def test_scale_source_names_no_other_kecamatan():
    """Randublatung's report does not cite Bogorejo's LKjIP as the source of its scale."""
    sumber = "Kab. Blora: LKjIP Kec. Bogorejo 2024, Tabel 3.1 Skala Nilai Capaian Kinerja"
    assert sumber_skala_pd(sumber, "Kecamatan Randublatung", "Kabupaten Blora") == (
        "Skala nilai capaian kinerja yang ditetapkan Kabupaten Blora"
    )
    assert "Bogorejo" in sumber_skala_pd(sumber, "Kecamatan Bogorejo", "Kabupaten Blora")
    asli = "Permendagri 86/2017, skala lima kriteria (LKjIP Kec. Ranuyoso 2024, Tabel 7)"
    assert sumber_skala_pd(asli, "Kecamatan Randublatung", "Kabupaten Blora") == (
        "Permendagri 86/2017, skala lima kriteria"
    )


def test_pdf_prints_the_quarters_and_cites_its_own_data(demo, tmp_path):
    dokumen = susun_dokumen(demo["a"], 2024)
    pdf, _ = html_to_pdf(render_html(dokumen))
    (tmp_path / "a.pdf").write_bytes(pdf)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "a.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Target dan Realisasi Triwulan Indikator Tujuan dan Sasaran Tahun 2024" in teks
    baris = re.search(
        r"Persentase(?: layanan)? +96 +96 +94 +96 +95 +96 +96 +96 +96 +96 +kumulatif", teks
    )
    assert baris, "baris IKS-1 per triwulan tidak tercetak"
    assert "Bogorejo" not in teks
    assert "Indikator kegiatan dan sub kegiatan belum ditetapkan" in teks


def test_computation_screen_shows_the_same_tables(client, operator_a):
    client.force_login(operator_a)
    r = client.get("/pd/33.16.05/2024/hitung/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Target dan realisasi triwulan" in html
    assert r.context["tabel_triwulan"].title.startswith("Target dan Realisasi Triwulan")
    assert "Belum ada indikator kegiatan dengan target atau realisasi tahun 2024." in html
