"""Layout of the printed LKjIP, checked from the PDF itself (laporan.periksa_tata_letak
over ``pdftotext -bbox-layout``): no overlapping words, no hyphenated header word,
no number broken over two lines, no total row alone on a page; wide tables on
landscape pages with their running header and page number; every table and figure
in the daftar.

Each demo PDF and the PDF of the synthetic perangkat daerah of 150 indicators with
8 years of history (tests/laporan/sintetis.py, about 600 pages: the slow one) are
printed once per module, in parallel as the application prints.
"""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path

import pikepdf
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from interchange.demo import muat_narasi_demo
from interchange.simpan import paket_simpan
from kinerja.models import PerangkatDaerah
from laporan import cetak as modul_cetak
from laporan.cetak import cetak_dokumen, cetak_single_process
from laporan.cetak_bagian import render_pdf
from laporan.dokumen import susun_dokumen
from laporan.dokumen.tables import (
    BIASA,
    KECIL,
    LEBAR_HALAMAN_MM,
    MINI,
    Huruf,
    blok_tabel,
    kebutuhan_mm,
)
from laporan.pdf import render_html
from laporan.periksa_tata_letak import baca, periksa
from lib.rows import Column, Heading, Kind, Row, Table
from tests.laporan.sintetis import buat_pd_tata_letak, paket_sintetis

ROOT = Path(__file__).resolve().parents[2]
AKAR = str(ROOT)
PAKET = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
DEMO = {"33.16.05": "randublatung", "33.16.15": "bogorejo", "35.17.12": "kesamben"}


def _bbox(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _teks(pdf: bytes) -> list[str]:
    teks = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return teks.split("\f")[:-1]


def _ukuran(pdf: bytes) -> list[tuple[int, int]]:
    with pikepdf.open(BytesIO(pdf)) as dok:
        return [tuple(round(float(v)) for v in h.mediabox[2:]) for h in dok.pages]


def _label(pdf: bytes) -> list[str]:
    with pikepdf.open(BytesIO(pdf)) as dok:
        return [pikepdf.Page(h).label for h in dok.pages]


# ---------------------------------------------------------------- the checker, pure


def _xml(*halaman: list[list[list[tuple]]]) -> str:
    """bbox XHTML: per page, blocks of lines of words (teks, x0, y0, x1, y1)."""
    hasil = ['<html xmlns="http://www.w3.org/1999/xhtml"><body><doc>']
    for blok_blok in halaman:
        hasil.append('<page width="595.28" height="841.89"><flow>')
        for blok in blok_blok:
            hasil.append("<block>")
            for baris in blok:
                hasil.append("<line>")
                hasil += [
                    f'<word xMin="{a}" yMin="{b}" xMax="{c}" yMax="{d}">{t}</word>'
                    for t, a, b, c, d in baris
                ]
                hasil.append("</line>")
            hasil.append("</block>")
        hasil.append("</flow></page>")
    return "".join(hasil) + "</doc></body></html>"


def sel(*baris: list[tuple]) -> list[list[tuple]]:
    """A block (a table cell) of lines of words."""
    return list(baris)


def _jenis(*halaman) -> list[str]:
    return [t.jenis for t in periksa(_xml(*halaman))]


def test_a_clean_page_has_no_finding():
    halaman = [sel([("Capaian", 100, 100, 140, 110), ("149,11%", 150, 100, 190, 110)])]
    assert _jenis(halaman) == []


def test_overlapping_words_and_a_percentage_run_into_the_next_word():
    halaman = [sel([("149,11%", 100, 100, 141, 110)]), sel([("Sangat", 139, 100, 170, 110)])]
    assert _jenis(halaman) == ["tumpang"]
    # Poppler joins glyphs that touch into one word.
    assert _jenis([sel([("149,11%Sangat", 100, 100, 170, 110)])]) == ["tumpang"]
    # Within the tolerance: no finding.
    halaman = [sel([("a", 100, 100, 120.3, 110)]), sel([("b", 120, 100, 140, 110)])]
    assert _jenis(halaman) == []


def test_a_hyphenated_word_in_a_narrow_cell():
    assert _jenis([sel([("Ca\u2010", 100, 100, 120, 110)], [("paian", 100, 111, 130, 121)])]) == [
        "pemenggalan"
    ]
    # A word's own hyphen may end a line; a full-width paragraph line is not a cell.
    cell = sel([("Perundang-", 100, 100, 150, 110)], [("undangan", 100, 111, 150, 121)])
    assert _jenis([cell]) == []
    paragraf = sel(
        [("x", 70, 100, 480, 110), ("tahun\u2010", 480, 100, 520, 110)], [("an", 70, 111, 90, 121)]
    )
    assert _jenis([paragraf]) == []


def test_a_number_broken_over_two_lines():
    potong = sel([("149,11", 100, 100, 130, 110)], [("%", 100, 111, 106, 121)])
    assert _jenis([potong]) == ["angka_terpotong"]
    potong = sel([("1.197.530.8", 100, 100, 130, 110)], [("54", 100, 111, 110, 121)])
    assert _jenis([potong]) == ["angka_terpotong"]
    # Two numbers on two lines of a cell are two numbers.
    dua = sel([("87,50", 100, 100, 130, 110)], [("90,00", 100, 111, 130, 121)])
    assert _jenis([dua]) == []


def test_a_total_row_alone_under_the_repeated_header():
    kepala = [sel([("Uraian", 100, 80, 140, 90)]), sel([("Pagu", 300, 80, 330, 90)])]
    baris = [sel([("Belanja", 100, 100, 140, 110)]), sel([("1.000", 300, 100, 330, 110)])]
    lain = [sel([("Modal", 100, 100, 140, 110)]), sel([("3.000", 300, 100, 330, 110)])]
    total = [sel([("Jumlah", 100, 100, 140, 110)]), sel([("2.000", 300, 100, 330, 110)])]
    assert _jenis(kepala + baris, kepala + total) == ["total_sendiri"]
    bawah = [sel([("Jumlah", 100, 120, 140, 130)]), sel([("4.000", 300, 120, 330, 130)])]
    assert _jenis(kepala + baris, kepala + lain + bawah) == []
    # "Jumlah" as a header word repeated from the previous page is no total row.
    kepala_jumlah = [sel([("Jumlah", 300, 80, 340, 90)])]
    assert _jenis(kepala_jumlah + baris, kepala_jumlah + lain) == []


def test_overlapping_labels_of_a_chart_are_told_apart():
    gambar = [
        sel([("1.209.876.542", 100, 300, 160, 310)]),
        sel([("1.222.222.221", 150, 300, 210, 310)]),
        sel([("Gambar", 100, 400, 140, 410), ("3.5", 145, 400, 160, 410)]),
    ]
    assert _jenis(gambar) == ["tumpang_gambar"]


# ---------------------------------------------------------------- the layout, pure


def _blok(table: Table):
    return blok_tabel(table)


def _huruf(blok) -> Huruf:
    return MINI if "mini" in blok.kelas else KECIL if "kecil" in blok.kelas else BIASA


def test_widths_as_asked_when_every_word_fits():
    t = Table("Uji", [Column("Uraian", width=70), Column("Nilai", Kind.ANGKA, 30)], [Row(["a", 1])])
    blok = _blok(t)
    assert (blok.lebar, blok.kelas) == ([70, 30], "")


def test_a_header_word_wider_than_its_column_widens_it():
    kolom = [Column("Uraian", width=92), Column("Kemajuan", Kind.PERSEN, 8)]
    blok = _blok(Table("Uji", kolom, [Row(["a", Decimal("149.11")])]))
    assert "lanskap" not in blok.kelas and blok.lebar[1] > 8
    keras, _ = kebutuhan_mm(blok.kepala, blok.baris, 2, _huruf(blok))
    assert keras[1] <= blok.lebar[1] * LEBAR_HALAMAN_MM[False] / 100 + 0.05


def _multi_tahun(n: int, **kw) -> Table:
    kolom = [Column(f"Realisasi {2010 + i}", Kind.ANGKA, 6) for i in range(n)]
    kolom += [Column("Capaian", Kind.PERSEN, 6), Column("Predikat", Kind.PREDIKAT, 6)]
    nilai = [Decimal("1234567.89")] * n + [Decimal("149.11"), "Sangat Baik"]
    return Table("Uji", kolom, [Row(nilai)], **kw)


def test_a_multi_year_table_goes_landscape_and_stays_portrait_when_told():
    assert "lanskap" in _blok(_multi_tahun(10)).kelas
    assert "lanskap" not in _blok(_multi_tahun(2)).kelas
    assert "lanskap" not in _blok(_multi_tahun(10, landscape=False)).kelas
    assert "lanskap" in _blok(_multi_tahun(2, landscape=True)).kelas


def test_wider_than_any_page_numbers_may_wrap():
    blok = _blok(_multi_tahun(30))
    assert {"lanskap", "mini", "rapat"} <= set(blok.kelas.split())
    assert round(sum(blok.lebar)) == 100


def test_a_spanning_header_and_its_columns_are_placed_like_html():
    t = Table(
        "Uji",
        [Column("A", width=50), Column("B", Kind.ANGKA, 25), Column("C", Kind.ANGKA, 25)],
        [Row(["x", 1, 2])],
        header=[
            [Heading("A", rowspan=2), Heading("Anggaran", colspan=2)],
            [Heading("B"), Heading("C")],
        ],
    )
    blok = _blok(t)
    assert blok.lebar == [50, 25, 25]


# ---------------------------------------------------------------- the stylesheet


def test_the_stylesheet_never_hyphenates_a_header_nor_wraps_a_number():
    """A header word and a number in columns too narrow for them (widths forced, as
    the layout never makes them): the header word stays whole, the number on one
    line. Fails when th gets ``hyphens: auto`` or td.angka loses ``nowrap``."""
    html = (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="static/css/dokumen.css"></head><body class="cetak">'
        '<table class="tabel"><colgroup><col style="width:8%"><col style="width:8%">'
        '<col style="width:84%"></colgroup><thead><tr><th>Kesejahteraan</th>'
        "<th>Capaian</th><th>Uraian</th></tr></thead><tbody><tr><td>x</td>"
        '<td class="angka">149,11%</td><td>Sangat Baik</td></tr></tbody></table></body></html>'
    )
    pdf = render_pdf(html, AKAR).pdf
    kata = [k.teks for h in baca(_bbox(pdf)) for k in h.kata]
    assert any(k.startswith("149,11%") for k in kata)  # on one line (running over: nowrap)
    assert "Kesejahteraan" in kata and not any(k.endswith("\u2010") for k in kata)


# ---------------------------------------------------------------- the printed documents


class _Cetak:
    """Print within one transaction, rolled back at the end, in parallel."""

    def __init__(self, django_db_blocker):
        self.blocker = django_db_blocker

    def __call__(self, siapkan) -> bytes:
        with (
            self.blocker.unblock(),
            transaction.atomic(),
            override_settings(LKJIP_PDF_PROSES=2, LKJIP_PDF_SIMPAN_BAGIAN=0),
        ):
            nama = str(connection.settings_dict["NAME"])
            assert "test" in nama or "memory" in nama, nama
            cache.clear()
            modul_cetak._once.clear()
            pd = siapkan()
            pdf = cetak_dokumen(render_html(susun_dokumen(pd, 2024)), AKAR).pdf
            transaction.set_rollback(True)
            cache.clear()
        return pdf


@pytest.fixture(scope="module", params=list(DEMO))
def demo(request, django_db_setup, django_db_blocker):
    """(kode, draft PDF) of a demo kecamatan with its narrative."""

    def siapkan():
        call_command("impor_paket", *PAKET, stdout=StringIO())
        pd = PerangkatDaerah.objects.get(kode=request.param)
        berkas = ROOT / "fixtures" / "narasi" / f"{DEMO[request.param]}-2024.json"
        muat_narasi_demo(pd, 2024, berkas)
        return pd

    return request.param, _Cetak(django_db_blocker)(siapkan)


@pytest.fixture(scope="module")
def sintetis(django_db_setup, django_db_blocker):
    """The draft PDF of the synthetic perangkat daerah (150 indicators, 8 years of
    history; about 600 pages)."""
    return _Cetak(django_db_blocker)(buat_pd_tata_letak)


def _temuan_tabel(pdf: bytes) -> list[str]:
    return [str(t) for t in periksa(_bbox(pdf)) if t.jenis != "tumpang_gambar"]


@pytest.mark.django_db
def test_demo_documents_have_no_overlap_hyphen_broken_number_or_lone_total(demo):
    _, pdf = demo
    assert [str(t) for t in periksa(_bbox(pdf))] == []
    assert set(_ukuran(pdf)) == {(595, 842)}  # no table of the demo needs a landscape page


@pytest.mark.django_db
def test_synthetic_document_has_no_overlap_hyphen_broken_number_or_lone_total(sintetis):
    # The value labels of a chart with long numbers (rupiah) overlap: lib/grafik, not
    # a table.
    assert _temuan_tabel(sintetis) == []


@pytest.mark.django_db
def test_the_synthetic_pd_prints_its_wide_tables_landscape(sintetis):
    ukuran = _ukuran(sintetis)
    lanskap = [i for i, u in enumerate(ukuran) if u == (842, 595)]
    assert len(lanskap) > 100 and set(ukuran) == {(595, 842), (842, 595)}
    halaman = _teks(sintetis)
    label = _label(sintetis)
    bab_i = label.index("1")
    # Body pages are numbered 1, 2, … across portrait and landscape pages alike:
    # the page label, the number printed at the foot and the running header.
    assert label[bab_i:] == [str(n) for n in range(1, len(label) - bab_i + 1)]
    for i in lanskap:
        baris = [b.strip() for b in halaman[i].splitlines() if b.strip()]
        assert baris[0] == "LKjIP Kecamatan Sintetis Tata Letak Tahun 2024"
        assert re.search(rf"(^|\s){label[i]}$", "\n".join(baris[-2:]), re.M), baris[-2:]


def _daftar(halaman: list[str]) -> tuple[set, set, set, set]:
    i_t = next(i for i, h in enumerate(halaman) if h.lstrip().startswith("DAFTAR TABEL"))
    i_g = next(i for i, h in enumerate(halaman) if h.lstrip().startswith("DAFTAR GAMBAR"))
    i_b = next(i for i, h in enumerate(halaman) if i > i_g and re.search(r"^\s*BAB I\s*$", h, re.M))
    daftar_t = set(re.findall(r"^Tabel (\d+\.\d+) ", "\n".join(halaman[i_t:i_g]), re.M))
    daftar_g = set(re.findall(r"^Gambar (\d+\.\d+) ", "\n".join(halaman[i_g:i_b]), re.M))
    isi = "\n".join(halaman[i_b:])
    isi_t = set(re.findall(r"^\s*Tabel (\d+\.\d+) [A-Z]", isi, re.M))
    isi_g = set(re.findall(r"^\s*Gambar (\d+\.\d+) [A-Z]", isi, re.M))
    return daftar_t, isi_t, daftar_g, isi_g


@pytest.mark.django_db
def test_every_table_and_figure_of_a_demo_is_numbered_and_in_the_daftar(demo):
    daftar_t, isi_t, daftar_g, isi_g = _daftar(_teks(demo[1]))
    assert daftar_t == isi_t and len(isi_t) > 20
    assert daftar_g == isi_g and isi_g


@pytest.mark.django_db
def test_no_daftar_entry_leaves_its_page_number_on_another_page(demo):
    """An entry that does not fit at the foot of a daftar page goes whole to the next
    one: no page number alone on a line without its entry."""
    halaman = _teks(demo[1])
    i_t = next(i for i, h in enumerate(halaman) if h.lstrip().startswith("DAFTAR TABEL"))
    i_b = next(i for i, h in enumerate(halaman) if i > i_t and re.search(r"^\s*BAB I\s*$", h, re.M))
    for h in halaman[i_t:i_b]:
        assert not re.search(r"^\s+\d+\s*$", h, re.M), h


@pytest.mark.django_db
def test_every_table_and_figure_of_the_synthetic_pd_is_in_the_daftar(sintetis):
    daftar_t, isi_t, daftar_g, isi_g = _daftar(_teks(sintetis))
    assert daftar_t == isi_t and len(isi_t) > 300
    # One chart per indicator in BAB III, and the pohon kinerja in BAB I.
    assert daftar_g == isi_g and len({g for g in isi_g if g.startswith("3.")}) == 150
    assert any(g.startswith("1.") for g in isi_g)


@pytest.mark.django_db
def test_landscape_pages_print_the_same_in_parallel_and_in_one_process(settings):
    settings.LKJIP_PDF_PROSES = 2
    settings.LKJIP_PDF_SIMPAN_BAGIAN = 0
    cache.clear()
    modul_cetak._once.clear()
    paket = paket_sintetis(6)
    paket.perangkat_daerah.kode = "99.02.06"
    html = render_html(susun_dokumen(paket_simpan(paket=paket), 2024))
    satu, _ = cetak_single_process(html, AKAR)
    paralel = cetak_dokumen(html, AKAR)
    cache.clear()
    assert paralel.mode == "paralel"
    assert (842, 595) in _ukuran(satu.pdf)
    assert _ukuran(paralel.pdf) == _ukuran(satu.pdf)
    assert _teks(paralel.pdf) == _teks(satu.pdf)
    assert _label(paralel.pdf) == _label(satu.pdf)
