"""Evidence files are judged by their content (kinerja.bukti): no database."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.bukti import (
    BuktiTidakSah,
    format_ukuran,
    jenis_dari_isi,
    nama_aman,
    periksa_bukti,
)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def _zip(*nama: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in nama:
            z.writestr(n, "<x/>")
    return buf.getvalue()


def _xlsx_openpyxl() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Realisasi"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("isi", "jenis"),
    [
        (PDF, "pdf"),
        (JPEG, "jpg"),
        (PNG, "png"),
        (_zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), "xlsx"),
    ],
)
def test_it_recognises_the_four_kinds_by_content(isi, jenis):
    assert jenis_dari_isi(io.BytesIO(isi)) == jenis


def test_a_real_workbook_is_xlsx():
    assert jenis_dari_isi(io.BytesIO(_xlsx_openpyxl())) == "xlsx"


@pytest.mark.parametrize(
    "isi",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows program named laporan.pdf
        b"<html><body>%PDF-</body></html>",  # the magic must be at the start
        b"GIF89a\x01\x00\x01\x00",
        b"PK\x03\x04 not really a zip",
        _zip("word/document.xml", "[Content_Types].xml"),  # a docx, not a workbook
        _zip("xl/workbook.xml"),  # no content types part
        b"\xff\xd8",  # too short for JPEG
        b"",
    ],
)
def test_it_refuses_anything_else(isi):
    assert jenis_dari_isi(io.BytesIO(isi)) is None


def test_it_leaves_the_file_at_its_start():
    berkas = io.BytesIO(PNG)
    berkas.seek(5)
    jenis_dari_isi(berkas)
    assert berkas.tell() == 0


def test_periksa_bukti_explains_a_wrong_kind_in_indonesian():
    with pytest.raises(BuktiTidakSah) as e:
        periksa_bukti(io.BytesIO(b"MZ\x90\x00"), ukuran=4, ukuran_maks=10 * 1024 * 1024)
    assert str(e.value) == (
        "Berkas harus PDF, JPG, PNG atau XLSX; isi berkas ini bukan salah satunya."
    )


def test_periksa_bukti_refuses_a_file_over_the_limit_before_reading_it():
    class TidakBolehDibaca(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the content of an oversized file must not be read")

    with pytest.raises(BuktiTidakSah) as e:
        periksa_bukti(
            TidakBolehDibaca(PDF), ukuran=10 * 1024 * 1024 + 1, ukuran_maks=10 * 1024 * 1024
        )
    assert str(e.value) == "Ukuran berkas melebihi 10 MB."


def test_periksa_bukti_accepts_a_file_exactly_at_the_limit():
    assert periksa_bukti(io.BytesIO(PDF), ukuran=len(PDF), ukuran_maks=len(PDF)) == "pdf"


def test_periksa_bukti_refuses_an_empty_file():
    with pytest.raises(BuktiTidakSah, match="Berkas kosong"):
        periksa_bukti(io.BytesIO(b""), ukuran=0, ukuran_maks=100)


@pytest.mark.parametrize(
    ("bita", "teks"),
    [
        (0, "0 bita"),
        (1023, "1023 bita"),
        (1024, "1 KB"),
        (12_800, "12,5 KB"),
        (10 * 1024 * 1024, "10 MB"),
        (int(2.25 * 1024 * 1024), "2,3 MB"),  # half-up, never banker's rounding
        (3 * 1024**3, "3 GB"),
    ],
)
def test_format_ukuran_is_indonesian(bita, teks):
    assert format_ukuran(bita) == teks


@pytest.mark.parametrize(
    ("nama", "jenis", "hasil"),
    [
        ("Laporan TW I.PDF", "pdf", "Laporan TW I.pdf"),
        ("C:\\Users\\op\\foto rapat.jpeg", "jpg", "foto rapat.jpg"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("gambar.png", "pdf", "gambar.png.pdf"),  # the real type wins over the name
        ("..", "png", "bukti.png"),
        ("tanpa-ekstensi", "xlsx", "tanpa-ekstensi.xlsx"),
        ("baris\nbaru.pdf", "pdf", "barisbaru.pdf"),
    ],
)
def test_nama_aman(nama, jenis, hasil):
    assert nama_aman(nama, jenis) == hasil


@given(st.text(max_size=400), st.sampled_from(["pdf", "jpg", "png", "xlsx"]))
def test_nama_aman_never_has_a_folder_or_control_character(nama, jenis):
    hasil = nama_aman(nama, jenis)
    assert "/" not in hasil and "\\" not in hasil
    assert all(c.isprintable() for c in hasil)
    assert hasil.endswith(f".{jenis}") and len(hasil) <= 200
