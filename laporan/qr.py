"""QR codes of the verification link printed on signed LKjIP pages (no PIL).

``qr_svg`` gives inline SVG (for web pages, built with the qrcode package's SVG
path image factory). ``qr_png`` gives a 1-bit PNG written here from the
qrcode matrix with ``zlib``: the PDF embeds a raster image once and refers to
it from every page, while WeasyPrint re-parses and redraws an SVG path on
every page (about 20 ms per page for a QR code — most of the cost of a
stamped PDF).
"""

from __future__ import annotations

import base64
import re
import struct
import zlib

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.svg import SvgPathImage

__all__ = ["qr_svg", "qr_png", "qr_png_data_uri"]

_UKURAN = re.compile(r'width="[^"]*" height="[^"]*"')


def _qr(teks: str, **kwargs) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=1, **kwargs)
    qr.add_data(teks)
    qr.make(fit=True)
    return qr


def qr_svg(teks: str, *, ukuran_mm: int = 17) -> str:
    """An ``<svg>`` of the QR code of ``teks``, ``ukuran_mm`` millimetres square."""
    svg = _qr(teks, image_factory=SvgPathImage).make_image().to_string(encoding="unicode")
    svg = svg[svg.index("<svg") :]
    return _UKURAN.sub(
        f'width="{ukuran_mm}mm" height="{ukuran_mm}mm" role="img" '
        'aria-label="Kode QR tautan verifikasi"',
        svg,
        count=1,
    )


def _png_chunk(jenis: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + jenis
        + data
        + struct.pack(">I", zlib.crc32(jenis + data) & 0xFFFFFFFF)
    )


def qr_png(teks: str, *, skala: int = 4) -> bytes:
    """The QR code of ``teks`` as a 1-bit greyscale PNG, ``skala`` pixels per module."""
    matriks = _qr(teks).get_matrix()
    sisi = len(matriks) * skala
    baris_png = bytearray()
    for baris in matriks:
        piksel = [0 if gelap else 1 for gelap in baris for _ in range(skala)]
        piksel += [1] * (-len(piksel) % 8)
        data = bytes(int("".join(map(str, piksel[i : i + 8])), 2) for i in range(0, len(piksel), 8))
        baris_png += (b"\x00" + data) * skala
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", sisi, sisi, 1, 0, 0, 0, 0))
        + _png_chunk(b"IDAT", zlib.compress(bytes(baris_png), 9))
        + _png_chunk(b"IEND", b"")
    )


def qr_png_data_uri(teks: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(teks)).decode("ascii")
