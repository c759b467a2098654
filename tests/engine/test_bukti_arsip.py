"""An XLSX evidence file is refused when it inflates beyond the limits (kinerja.bukti)."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from kinerja.bukti import (
    ISI_ARSIP_MAKS,
    PESAN_RUSAK,
    BuktiTidakSah,
    periksa_arsip,
    periksa_bukti,
)

MAKS = 10 * 1024 * 1024
KEPALA = {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}


def bom_xlsx(mb: int = 200) -> bytes:
    """A workbook whose one sheet is ``mb`` MB of the same byte: a few hundred KB zipped."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for nama, isi in KEPALA.items():
            z.writestr(nama, isi)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            nol = b"\0" * (1024 * 1024)
            for _ in range(mb):
                f.write(nol)
    return buf.getvalue()


@pytest.fixture(scope="module")
def bom() -> bytes:
    return bom_xlsx()


def _xlsx(lembar: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for nama, isi in KEPALA.items():
            z.writestr(nama, isi)
        z.writestr("xl/worksheets/sheet1.xml", lembar)
    return buf.getvalue()


def test_the_zip_bomb_is_small_and_refused(bom):
    assert len(bom) < 1024 * 1024  # a few hundred KB, under the upload limit
    with pytest.raises(BuktiTidakSah) as e:
        periksa_bukti(io.BytesIO(bom), ukuran=len(bom), ukuran_maks=MAKS)
    assert str(e.value) == (
        "Berkas XLSX ini mengembang menjadi 100 MB atau lebih ketika dibuka (batas 100 MB); "
        "simpan ulang berkas dari Excel atau bagi menjadi beberapa berkas."
    )


def test_a_bomb_under_the_total_is_refused_by_its_ratio():
    bom = bom_xlsx(20)
    assert 20 * 1024 * 1024 < ISI_ARSIP_MAKS
    with pytest.raises(BuktiTidakSah, match="lebih dari 500 kali ukuran terkompresinya"):
        periksa_bukti(io.BytesIO(bom), ukuran=len(bom), ukuran_maks=MAKS)


def _bohong(isi: bytes, nama: str, ukuran: int) -> bytes:
    """The archive with the uncompressed size of entry ``nama`` declared as ``ukuran``."""
    data = bytearray(isi)
    kunci = nama.encode()
    # Local header: the uncompressed size at offset 22; central directory: at 24.
    for tanda, posisi in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = data.find(tanda)
        while i != -1:
            panjang_nama = struct.unpack_from("<H", data, i + (26 if posisi == 22 else 28))[0]
            awal_nama = i + (30 if posisi == 22 else 46)
            if bytes(data[awal_nama : awal_nama + panjang_nama]) == kunci:
                struct.pack_into("<I", data, i + posisi, ukuran)
            i = data.find(tanda, i + 4)
    return bytes(data)


def test_a_size_declared_smaller_than_the_content_is_caught_by_inflating():
    lembar = b"<row/>" * (3 * 1024 * 1024)  # 18 MB of XML, declared as 1 KB
    isi = _bohong(_xlsx(lembar), "xl/worksheets/sheet1.xml", 1024)
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        assert sum(i.file_size for i in z.infolist()) < 2048
    with pytest.raises(BuktiTidakSah) as e:
        periksa_arsip(io.BytesIO(isi))
    assert str(e.value) == PESAN_RUSAK


def test_the_limit_counts_what_was_really_inflated():
    isi = _xlsx("".join(f"<c>{i * 7919 % 100_003}</c>" for i in range(300_000)).encode())
    periksa_arsip(io.BytesIO(isi))
    with pytest.raises(BuktiTidakSah, match="mengembang menjadi 2 MB"):
        periksa_arsip(io.BytesIO(isi), isi_maks=2 * 1024 * 1024)


def test_too_many_entries_are_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for nama, isi in KEPALA.items():
            z.writestr(nama, isi)
        for i in range(30):
            z.writestr(f"xl/media/{i}.xml", "")
    with pytest.raises(BuktiTidakSah, match="lebih dari 20 bagian"):
        periksa_arsip(io.BytesIO(buf.getvalue()), entri_maks=20)


def test_a_real_workbook_passes_and_the_file_is_left_at_its_start():
    from openpyxl import Workbook

    wb = Workbook()
    for r in range(1, 2001):
        wb.active.append([r, "Kecamatan Randublatung", r * 1.5])
    buf = io.BytesIO()
    wb.save(buf)
    berkas = io.BytesIO(buf.getvalue())
    assert periksa_bukti(berkas, ukuran=len(buf.getvalue()), ukuran_maks=MAKS) == "xlsx"
    assert berkas.tell() == 0
