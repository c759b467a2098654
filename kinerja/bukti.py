"""Evidence files (bukti dukung): which kind a file is, judged by its content.

Pure module: no Django imports. The name a user gives a file and the MIME type a
browser sends are never trusted; only the first bytes (and, for XLSX, the list
of entries of the zip archive) decide.

An XLSX is a zip archive, which can inflate to far more than its own size (a
204 KB file inflating to 200 MB was once accepted). ``periksa_bukti`` refuses an
archive whose entries inflate beyond ``ISI_ARSIP_MAKS`` in all, or an entry
beyond ``RASIO_ARSIP_MAKS`` times its compressed size, or more than
``ENTRI_ARSIP_MAKS`` entries. The sizes an archive declares can lie, so the
entries are also inflated, in chunks, counting, and never beyond the limit.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from typing import BinaryIO

from kinerja.engine.angka import bulatkan
from lib.format import format_angka_alami

__all__ = [
    "BuktiTidakSah",
    "JENIS_SAH",
    "TIPE_KONTEN",
    "UKURAN_MAKS_BAWAAN",
    "ISI_ARSIP_MAKS",
    "jenis_dari_isi",
    "periksa_arsip",
    "periksa_bukti",
    "format_ukuran",
    "nama_aman",
]

UKURAN_MAKS_BAWAAN = 10 * 1024 * 1024
# An XLSX of 10 MB (the upload limit) holds at most a few tens of MB of XML.
ISI_ARSIP_MAKS = 100 * 1024 * 1024
# Spreadsheet XML compresses 5 to 100 times; deflate at most about 1000 times (a bomb). On
# entries that inflate beyond RASIO_DARI only (small entries have large ratios harmlessly).
RASIO_ARSIP_MAKS = 500
RASIO_DARI = 1024 * 1024
ENTRI_ARSIP_MAKS = 10_000
_CHUNK_SIZE = 1024 * 1024

PESAN_JENIS = "Berkas harus PDF, JPG, PNG atau XLSX; isi berkas ini bukan salah satunya."
PESAN_UKURAN = "Ukuran berkas melebihi {maks}."
PESAN_KOSONG = "Berkas kosong; pilih berkas yang berisi bukti dukung."
PESAN_ARSIP = (
    "Berkas XLSX ini mengembang menjadi {isi} atau lebih ketika dibuka (batas {maks}); "
    "simpan ulang berkas dari Excel atau bagi menjadi beberapa berkas."
)
PESAN_RASIO = (
    "Berkas XLSX ini tidak wajar: isinya mengembang lebih dari {rasio} kali ukuran "
    "terkompresinya; simpan ulang berkas dari Excel."
)
PESAN_ENTRI = "Berkas XLSX ini memuat lebih dari {maks} bagian; simpan ulang berkas dari Excel."
PESAN_RUSAK = "Berkas XLSX ini rusak dan tidak dapat dibuka; simpan ulang berkas dari Excel."

JENIS_SAH = ("pdf", "jpg", "png", "xlsx")
TIPE_KONTEN = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

_PDF = b"%PDF-"
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"
_ZIP = b"PK\x03\x04"
_ENTRI_XLSX = {"[Content_Types].xml", "xl/workbook.xml"}


class BuktiTidakSah(ValueError):
    """An evidence file is refused (message in Bahasa Indonesia)."""


def _xlsx(berkas: BinaryIO) -> bool:
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as arsip:
            nama = set(arsip.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return _ENTRI_XLSX <= nama


def jenis_dari_isi(berkas: BinaryIO) -> str | None:
    """ "pdf", "jpg", "png" or "xlsx" from the content of a seekable binary file; None otherwise.

    The position of ``berkas`` is restored to the start.
    """
    berkas.seek(0)
    kepala = berkas.read(8)
    try:
        if kepala.startswith(_PDF):
            return "pdf"
        if kepala.startswith(_JPEG):
            return "jpg"
        if kepala.startswith(_PNG):
            return "png"
        if kepala.startswith(_ZIP) and _xlsx(berkas):
            return "xlsx"
        return None
    finally:
        berkas.seek(0)


def format_ukuran(bita: int) -> str:
    """A size for people: "850 bita", "12,5 KB", "10 MB" (1 KB = 1024 bita)."""
    for satuan, pembagi in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if bita >= pembagi:
            # One decimal tells files apart; "10,0" is shown as "10".
            nilai = bulatkan(Decimal(bita) / Decimal(pembagi), 1).normalize()
            return f"{format_angka_alami(nilai)} {satuan}"
    return f"{bita} bita"


def periksa_arsip(
    berkas: BinaryIO,
    *,
    isi_maks: int = ISI_ARSIP_MAKS,
    rasio_maks: int = RASIO_ARSIP_MAKS,
    entri_maks: int = ENTRI_ARSIP_MAKS,
) -> None:
    """Refuse a zip archive (XLSX) that inflates beyond the limits; ``BuktiTidakSah``.

    First on the sizes the archive declares, then by inflating every entry in chunks
    and counting (a declared size can lie; zipfile stops an entry at its declared size
    and fails its CRC check). At most ``isi_maks`` bytes are ever inflated.
    """
    maks = format_ukuran(isi_maks)
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as arsip:
            daftar = arsip.infolist()
            if len(daftar) > entri_maks:
                raise BuktiTidakSah(PESAN_ENTRI.format(maks=format_angka_alami(entri_maks)))
            if sum(i.file_size for i in daftar) > isi_maks:
                raise BuktiTidakSah(PESAN_ARSIP.format(isi=maks, maks=maks))
            for info in daftar:
                if info.file_size > RASIO_DARI and info.file_size > rasio_maks * max(
                    info.compress_size, 1
                ):
                    raise BuktiTidakSah(PESAN_RASIO.format(rasio=rasio_maks))
            total = 0
            for info in daftar:
                entri = 0
                with arsip.open(info) as isi:
                    while chunk := isi.read(_CHUNK_SIZE):
                        entri += len(chunk)
                        total += len(chunk)
                        if total > isi_maks:
                            raise BuktiTidakSah(PESAN_ARSIP.format(isi=maks, maks=maks))
                        if entri > RASIO_DARI and entri > rasio_maks * max(info.compress_size, 1):
                            raise BuktiTidakSah(PESAN_RASIO.format(rasio=rasio_maks))
    except BuktiTidakSah:
        raise
    # NotImplementedError: a compression method zipfile does not know.
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise BuktiTidakSah(PESAN_RUSAK) from e
    finally:
        berkas.seek(0)


def periksa_bukti(
    berkas: BinaryIO, *, ukuran: int, ukuran_maks: int, isi_arsip_maks: int = ISI_ARSIP_MAKS
) -> str:
    """The kind of an uploaded evidence file, or ``BuktiTidakSah`` with the reason.

    ``ukuran`` is the size reported by the upload handler; it is checked before the
    content is read so that an oversized file is refused without reading it. An XLSX
    is also checked for what it inflates to (``periksa_arsip``).
    """
    if ukuran > ukuran_maks:
        raise BuktiTidakSah(PESAN_UKURAN.format(maks=format_ukuran(ukuran_maks)))
    if ukuran == 0:
        raise BuktiTidakSah(PESAN_KOSONG)
    jenis = jenis_dari_isi(berkas)
    if jenis is None:
        raise BuktiTidakSah(PESAN_JENIS)
    if jenis == "xlsx":
        periksa_arsip(berkas, isi_maks=isi_arsip_maks)
    return jenis


def nama_aman(nama: str, jenis: str) -> str:
    """The user's file name for showing and for the download header: no folder, no control
    characters, at most 200 characters, ending in the extension of the type found."""
    dasar = nama.replace("\\", "/").rsplit("/", 1)[-1]
    dasar = "".join(c for c in dasar if c.isprintable()).strip().strip(".") or "bukti"
    batang, titik, ekstensi = dasar.rpartition(".")
    sama = {jenis, "jpeg"} if jenis == "jpg" else {jenis}
    if titik and batang and ekstensi.lower() in sama:
        dasar = batang
    return f"{dasar[:190]}.{jenis}"
