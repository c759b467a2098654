"""The LKjIP as HTML (preview) and PDF (WeasyPrint): text, table of contents, stamp, pages.

The PDFs are rendered once per module (draft and stamped, Kecamatan Randublatung
with its demo narrative) in a transaction that is rolled back; the checks read
them with pdftotext and render two pages with pdftoppm into docs/screenshots/.
"""

from __future__ import annotations

import re
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from interchange.demo import muat_narasi_demo
from kinerja.models import PerangkatDaerah
from laporan.dokumen import susun_dokumen
from laporan.models import LKjIP, Narasi
from laporan.pdf import (
    PDFError,
    Stempel,
    buat_pdf,
    html_to_pdf,
    kode_isi,
    render_html,
)
from laporan.qr import qr_png, qr_svg

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
PAKET = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
NARASI = ROOT / "fixtures" / "narasi" / "randublatung-2024.json"
URL = "https://lkjip.contoh.go.id/verifikasi/"


def _muat_randublatung() -> PerangkatDaerah:
    call_command("impor_paket", *PAKET, stdout=StringIO())
    pd = PerangkatDaerah.objects.get(kode="33.16.05")
    muat_narasi_demo(pd, 2024, NARASI)
    return pd


def _pdftotext(path: Path, *extra: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", *extra, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def cetak(django_db_setup, django_db_blocker, tmp_path_factory):
    """The draft and the stamped PDF of Kecamatan Randublatung 2024 (rendered once)."""
    tmp = tmp_path_factory.mktemp("pdf")
    with django_db_blocker.unblock(), transaction.atomic():
        # pytest-django creates the test database only when a selected test is marked
        # django_db (every user of this fixture is): never write to another database.
        nama = str(connection.settings_dict["NAME"])
        assert "test" in nama or "memory" in nama, nama
        pd = _muat_randublatung()
        dokumen = susun_dokumen(pd, 2024)
        kode = kode_isi(dokumen)
        stempel = Stempel(
            kode_isi=kode,
            url_verifikasi=f"{URL}{kode}/",
            versi=2,
            keterangan="Ditetapkan 14 April 2025 oleh Drs. Sutrisno Wibowo, M.Si, Camat Randublatung",
        )
        draf, halaman_draf = html_to_pdf(render_html(dokumen))
        dicap, halaman_dicap = html_to_pdf(render_html(dokumen, stempel=stempel))
        transaction.set_rollback(True)
    (tmp / "draf.pdf").write_bytes(draf)
    (tmp / "dicap.pdf").write_bytes(dicap)
    return {
        "dokumen": dokumen,
        "kode": kode,
        "draf": tmp / "draf.pdf",
        "dicap": tmp / "dicap.pdf",
        "halaman": (halaman_draf, halaman_dicap),
    }


# ---------------------------------------------------------------- HTML


@pytest.mark.django_db
def test_preview_is_a_web_page_of_the_same_document(demo):
    pd = demo["a"]
    muat_narasi_demo(pd, 2024, NARASI)
    dokumen = susun_dokumen(pd, 2024)
    pratinjau = render_html(dokumen, pratinjau=True)
    cetak_html = render_html(dokumen)
    assert '<a href="/pd/33.16.05/2024/lkjip/">' in pratinjau
    assert 'href="/static/css/dokumen.css"' in pratinjau
    assert 'href="static/css/dokumen.css"' in cetak_html
    assert 'class="tanda-draf"' in cetak_html and 'class="tanda-draf"' not in pratinjau
    for teks in (
        "LAPORAN KINERJA",
        "KECAMATAN RANDUBLATUNG",
        "Blora, 14 April 2025",
        "NIP. 19680314 199403 1 007",
        "6.778.100.000",
        "98,34%",
        "102,33%",
        "97,01%",
        "Sangat Baik",
        "BAB III",
        "Tabel 3.2",
        "Gambar 3.1",
        "menurun sebesar 0,24% dibandingkan tahun 2023",
        "PERJANJIAN KINERJA TAHUN 2024",
    ):
        assert teks in pratinjau, teks
        assert teks in cetak_html, teks
    # One set of templates: the body is the same but for the preview bar and the draft mark.
    assert pratinjau.count("<table") == cetak_html.count("<table")
    # A signed version shows its stamp with the QR code as SVG in the browser, as PNG in the PDF.
    stempel = Stempel(kode_isi(dokumen), f"{URL}abc/", 1, "Ditetapkan 14 April 2025")
    dicap = render_html(dokumen, stempel=stempel, pratinjau=True)
    assert 'aria-label="Kode QR tautan verifikasi"' in dicap and "DRAF" not in dicap
    assert "data:image/png;base64," in render_html(dokumen, stempel=stempel)


@pytest.mark.django_db
def test_narrative_text_is_escaped(demo):
    pd = demo["a"]
    lkjip = LKjIP.objects.get(perangkat_daerah=pd, tahun=2024)
    Narasi.objects.create(lkjip=lkjip, bagian="latar_belakang", teks="<script>alert(1)</script>")
    html = render_html(susun_dokumen(pd, 2024), pratinjau=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_kode_isi_is_deterministic_and_follows_the_content(demo):
    pd = demo["a"]
    pertama = kode_isi(susun_dokumen(pd, 2024))
    assert pertama == kode_isi(susun_dokumen(pd, 2024))
    assert re.fullmatch(r"[0-9a-f]{64}", pertama)
    lkjip = LKjIP.objects.get(perangkat_daerah=pd, tahun=2024)
    Narasi.objects.create(lkjip=lkjip, bagian="rekomendasi", teks="Satu kalimat baru.")
    assert kode_isi(susun_dokumen(pd, 2024)) != pertama
    # The stamp is not part of the content.
    dokumen = susun_dokumen(pd, 2024)
    stempel = Stempel(kode_isi(dokumen), f"{URL}x/", 1, "Ditetapkan")
    assert render_html(dokumen, stempel=stempel) != render_html(dokumen)
    assert kode_isi(dokumen) == stempel.kode_isi


@pytest.mark.django_db
def test_stamp_must_match_the_content(demo):
    salah = Stempel("0" * 64, f"{URL}0/", 1, "Ditetapkan")
    with pytest.raises(PDFError, match="kode isi pada stempel tidak sama"):
        buat_pdf(demo["a"], 2024, stempel=salah)


def test_qr_codes():
    svg = qr_svg(f"{URL}{'a' * 64}/")
    assert svg.startswith("<svg") and 'width="17mm"' in svg and "<path" in svg
    png = qr_png(f"{URL}{'a' * 64}/")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == qr_png(f"{URL}{'a' * 64}/")
    assert png != qr_png(f"{URL}{'b' * 64}/")


def test_pdf_reads_no_file_outside_the_application(tmp_path, caplog):
    rahasia = tmp_path / "rahasia.css"
    rahasia.write_text("p { color: red }")
    html = (
        f'<html><head><link rel="stylesheet" href="{rahasia.as_uri()}"></head>'
        '<body><img src="http://127.0.0.1:9/x.png"><p>x</p></body></html>'
    )
    with caplog.at_level("ERROR", logger="weasyprint"):
        pdf, halaman = html_to_pdf(html)
    assert pdf.startswith(b"%PDF") and halaman == 1
    pesan = " ".join(r.getMessage() for r in caplog.records)
    assert "berkas di luar direktori aplikasi tidak diizinkan" in pesan
    assert "sumber luar tidak diizinkan" in pesan


# ---------------------------------------------------------------- PDF


@pytest.mark.django_db
def test_pdf_text_has_the_demo_figures(cetak):
    teks = _pdftotext(cetak["draf"])
    assert cetak["halaman"][0] == teks.count("\f")
    assert 25 <= cetak["halaman"][0] <= 60
    for angka in ("6.778.100.000", "6.665.285.195", "98,34%", "102,33%", "97,01%", "100,47%"):
        assert angka in teks, angka
    for kata in ("Sangat Baik", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR", "BAB III"):
        assert kata in teks, kata
    assert "Blora, 14 April 2025" in teks
    assert "NIP. 19680314 199403 1 007" in teks
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks
    # The draft says so on every page; its watermark is drawn, not text.
    halaman = teks.split("\f")[:-1]
    assert all("DRAF — belum ditetapkan" in h for h in halaman)
    assert not re.search(r"^\s*[DRAF]\s*$", teks, re.M)


def _nomor_halaman(teks_halaman: str) -> str | None:
    """The page number printed in the footer (the last number at the end of a line)."""
    for baris in reversed(teks_halaman.rstrip().splitlines()):
        m = re.search(r"\s([ivxlc]+|\d+)\s*$", baris)
        if m:
            return m.group(1)
    return None


@pytest.mark.django_db
def test_table_of_contents_points_to_the_right_pages(cetak):
    halaman = _pdftotext(cetak["draf"]).split("\f")[:-1]
    isi = next(i for i, h in enumerate(halaman) if h.lstrip().startswith("DAFTAR ISI"))
    entri = []
    for baris in halaman[isi].splitlines():
        m = re.match(
            r"^\s*((?:BAB [IV]+|\d+\.\d+(?:\.\d+)? |Lampiran \d+\.|KATA |DAFTAR |LAMPIRAN|IKHTISAR ).*?)"
            r"\s{2,}([ivxlc]+|\d+)\s*$",
            baris,
        )
        if m:
            entri.append((m.group(1).strip(), m.group(2)))
    assert len(entri) >= 25
    dicek = 0
    for judul, nomor in entri:
        if judul.startswith("BAB "):
            cari = " ".join(judul.split()[:2])
            cocok = lambda b, c=cari: b.strip() == c  # noqa: E731
        elif judul == "LAMPIRAN":
            cocok = lambda b: b.strip() == "LAMPIRAN"  # noqa: E731
        else:
            awal = judul[:40]
            cocok = lambda b, a=awal: b.strip().startswith(a)  # noqa: E731
        # The TOC page holds every title as an entry; only its own heading counts there.
        tempat = [
            i
            for i, h in enumerate(halaman)
            if (i != isi or judul == "DAFTAR ISI") and any(cocok(b) for b in h.splitlines())
        ]
        assert tempat, judul
        assert _nomor_halaman(halaman[tempat[0]]) == nomor, (judul, nomor, tempat[0] + 1)
        dicek += 1
    assert dicek == len(entri)
    # Roman numbers for the front matter, arabic from BAB I.
    assert dict(entri)["KATA PENGANTAR"] == "ii"
    assert dict(entri)["BAB I PENDAHULUAN"] == "1"


@pytest.mark.django_db
def test_list_of_tables_points_to_the_right_pages(cetak):
    halaman = _pdftotext(cetak["draf"]).split("\f")[:-1]
    daftar = [i for i, h in enumerate(halaman) if h.lstrip().startswith("DAFTAR TABEL")][0]
    entri = re.findall(r"^\s*(Tabel \d+\.\d+) .*?\s{2,}(\d+)\s*$", halaman[daftar], re.M)
    assert len(entri) >= 10
    for tabel, nomor in entri:
        tempat = [
            i
            for i, h in enumerate(halaman)
            if i > daftar + 1 and any(b.strip().startswith(f"{tabel} ") for b in h.splitlines())
        ]
        assert tempat and _nomor_halaman(halaman[tempat[0]]) == nomor, (tabel, nomor)


@pytest.mark.django_db
def test_stamp_on_every_page(cetak):
    teks = _pdftotext(cetak["dicap"])
    halaman = teks.split("\f")[:-1]
    assert len(halaman) == cetak["halaman"][1]
    for n, h in enumerate(halaman, 1):
        assert f"Kode isi: {cetak['kode']}" in h, n
        assert "Dokumen LKjIP yang ditetapkan · versi 2" in h, n
        assert "DRAF" not in h, n
    assert "Camat Randublatung" in halaman[0]
    # One QR image for the whole document (embedded once, drawn on every page).
    gambar = subprocess.run(
        ["pdfimages", "-list", str(cetak["dicap"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(gambar) == len(halaman)
    assert len({g.split()[3] for g in gambar}) <= 2  # the same object (by number) on each page


@pytest.mark.django_db
def test_pages_as_images(cetak):
    """The table of contents of the draft and a BAB III table page of the signed version."""
    draf = _pdftotext(cetak["draf"]).split("\f")[:-1]
    isi = next(i for i, h in enumerate(draf) if h.lstrip().startswith("DAFTAR ISI")) + 1
    dicap = _pdftotext(cetak["dicap"]).split("\f")[:-1]
    tabel = (
        next(
            i
            for i, h in enumerate(dicap)
            if (_nomor_halaman(h) or "").isdigit()
            and re.search(r"^\s*Tabel 3\.2 Capaian Indikator Tujuan dan Sasaran", h, re.M)
        )
        + 1
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for pdf, nomor, nama in (
        (cetak["draf"], isi, "halaman-daftar-isi"),
        (cetak["dicap"], tabel, "halaman-bab-iii-capaian"),
    ):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(nomor), "-l", str(nomor), "-singlefile"]
            + [str(pdf), str(SCREENSHOTS / nama)],
            check=True,
        )
        data = (SCREENSHOTS / f"{nama}.png").read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000
