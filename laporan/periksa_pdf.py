"""Check an archival LKjIP PDF against itself (``manage.py periksa_pdf``).

The PDF carries its data package (``paket.json``) and the figures it printed
(``hitung.json``; ``laporan.cetak_arsip``). The package is read with
``kinerja.paket.parser`` and the year computed again with
``kinerja.engine.hitung``, with the rules the package carries; every figure
of the result is compared with the embedded one, and the key figures with the
text printed on the pages (``laporan.periksa_teks``). ``periksa_server`` asks
the public verification endpoint whether the file is a signed snapshot.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from kinerja.engine.hitung import HitungError, hitung
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import dumps
from laporan.cetak_arsip import HITUNG, PAKET, lampiran
from laporan.periksa_teks import PeriksaError, SelisihCetak, periksa_teks

__all__ = [
    "Selisih",
    "SelisihCetak",
    "HasilPeriksa",
    "HasilServer",
    "PeriksaError",
    "periksa_pdf",
    "periksa_server",
    "bandingkan",
]


@dataclass(frozen=True)
class Selisih:
    """A figure that differs: where (section and kode), what, printed and recomputed."""

    bagian: str  # "indikator", "anggaran", "ringkasan", ...
    kode: str  # kode of the indikator or budget row; "" for a section without rows
    apa: str  # the field, e.g. "capaian" or "triwulan[2].realisasi"
    tercetak: Any
    dihitung: Any


@dataclass(frozen=True)
class HasilPeriksa:
    sha256: str
    perangkat_daerah: str
    tahun: int
    jumlah: int  # values compared with the embedded figures
    selisih: list[Selisih]
    # The key figures looked for in the printed text (None: text not checked).
    jumlah_cetak: int | None = None
    cetak: list[SelisihCetak] = field(default_factory=list)

    @property
    def sesuai(self) -> bool:
        return not self.selisih and not self.cetak


def periksa_pdf(isi: bytes, *, teks: bool = True) -> HasilPeriksa:
    """Recompute the figures of the PDF ``isi`` from its embedded package and compare
    them with the embedded figures and (``teks``) with the printed pages."""
    sha = hashlib.sha256(isi).hexdigest()
    try:
        berkas = lampiran(isi)
    except Exception as e:  # pikepdf: not a PDF, damaged, encrypted
        raise PeriksaError(f"berkas tidak dapat dibaca sebagai PDF: {e}") from e
    hilang = [n for n in (PAKET, HITUNG) if n not in berkas]
    if hilang:
        raise PeriksaError(
            "PDF ini tidak memuat berkas tersemat "
            + " dan ".join(hilang)
            + "; tidak dapat diperiksa"
        )
    try:
        tercetak = muat_json(berkas[HITUNG])
        paket = baca_paket(muat_json(berkas[PAKET]))
        tahun = int(tercetak["tahun"])
        hasil = hitung(paket, tahun)
        # Written and read back as the embedded figures were: the same number types.
        dihitung = muat_json(dumps(hasil.sebagai_dict()))
    except InvalidPaket as e:
        pesan = "; ".join(str(x) for x in e.errors[:5])
        raise PeriksaError(f"paket tersemat tidak sah: {pesan}") from e
    except (HitungError, KeyError, TypeError, ValueError) as e:
        raise PeriksaError(f"angka tersemat tidak dapat dihitung ulang: {e}") from e
    a, b = _rata(tercetak), _rata(dihitung)
    jumlah_cetak, cetak = periksa_teks(isi, paket, hasil) if teks else (None, [])
    return HasilPeriksa(
        sha256=sha,
        perangkat_daerah=str(tercetak.get("perangkat_daerah", "")),
        tahun=tahun,
        jumlah=len(a.keys() | b.keys()),
        selisih=bandingkan(a, b) + _temuan_berbeda(tercetak, dihitung),
        jumlah_cetak=jumlah_cetak,
        cetak=cetak,
    )


def _temuan_berbeda(tercetak: dict, dihitung: dict) -> list[Selisih]:
    """The findings of one side that the other lacks (several may share a kode, so
    they are compared whole, not by kode)."""

    def semua(hasil: dict) -> list[tuple[str, str, str]]:
        return [
            (str(x.get("kode", "")), str(x.get("jenis", "")), str(x.get("pesan", "")))
            for x in hasil.get("temuan") or []
            if isinstance(x, dict)
        ]

    a, b = semua(tercetak), semua(dihitung)
    hanya_a = [x for x in a if x not in b]
    hanya_b = [x for x in b if x not in a]
    return [Selisih("temuan", k, j, p, None) for k, j, p in hanya_a] + [
        Selisih("temuan", k, j, None, p) for k, j, p in hanya_b
    ]


def bandingkan(tercetak: dict[tuple, Any], dihitung: dict[tuple, Any]) -> list[Selisih]:
    """The values that differ between two flattened results (see ``_rata``)."""
    hasil = []
    for kunci in sorted(tercetak.keys() | dihitung.keys(), key=str):
        a, b = tercetak.get(kunci), dihitung.get(kunci)
        if a != b:
            bagian, kode, apa = kunci
            hasil.append(Selisih(bagian, kode, apa, a, b))
    return hasil


def _rata(hasil: dict) -> dict[tuple[str, str, str], Any]:
    """Every value of a ``hitung`` result as (section, kode of its row, field path)."""
    keluar: dict[tuple[str, str, str], Any] = {}
    for bagian, isi in hasil.items():
        if bagian == "temuan":  # compared whole (``_temuan_berbeda``)
            continue
        if isinstance(isi, list):
            for nomor, baris in enumerate(isi):
                kode = _kode_baris(baris, nomor)
                for apa, nilai in _daun(baris, ""):
                    keluar[(bagian, kode, apa)] = nilai
        else:
            for apa, nilai in _daun(isi, ""):
                keluar[(bagian, "", apa)] = nilai
    return keluar


def _kode_baris(baris: Any, nomor: int) -> str:
    if isinstance(baris, dict) and isinstance(baris.get("kode"), str):
        return baris["kode"]
    return f"#{nomor + 1}"


def _daun(nilai: Any, jalur: str):
    """(path, value) of every scalar inside ``nilai``."""
    if isinstance(nilai, dict):
        for k, v in nilai.items():
            yield from _daun(v, f"{jalur}.{k}" if jalur else str(k))
    elif isinstance(nilai, list):
        for i, v in enumerate(nilai):
            yield from _daun(v, f"{jalur}[{i}]")
    else:
        yield jalur, nilai


# --------------------------------------------------------------------------- the server

BATAS_WAKTU_SERVER = 10  # seconds
BATAS_JAWABAN = 64 * 1024  # bytes of the server's answer read at most


@dataclass(frozen=True)
class HasilServer:
    """What the public verification endpoint says about a file's SHA-256."""

    keadaan: str  # "terdaftar", "tidak-terdaftar" or "tidak-terhubung"
    pesan: str  # in Indonesian, for the user
    alamat: str  # the URL asked
    data: dict = field(default_factory=dict)  # the endpoint's answer

    @property
    def terdaftar(self) -> bool:
        return self.keadaan == "terdaftar"


def alamat_server(server: str, sha256: str) -> str:
    """The JSON verification URL of ``sha256`` on ``server`` (scheme and host, perhaps a
    path prefix); PeriksaError for anything but an http(s) URL."""
    u = urllib.parse.urlsplit(server.strip())
    if u.scheme not in ("http", "https") or not u.netloc:
        raise PeriksaError(
            f"alamat server {server!r} tidak sah; tulis lengkap, misalnya https://lkjip.example.go.id"
        )
    return f"{u.scheme}://{u.netloc}{u.path.rstrip('/')}/verifikasi/{sha256}.json"


def _alasan(e: Exception) -> str:
    """Why a request failed, in Indonesian (the OS's own message is English)."""
    import socket
    import ssl

    sebab = getattr(e, "reason", None)
    sebab = sebab if isinstance(sebab, BaseException) else e
    if isinstance(sebab, TimeoutError | socket.timeout):
        return "waktu tunggu habis"
    if isinstance(sebab, socket.gaierror):
        return "nama server tidak dikenal"
    if isinstance(sebab, ConnectionRefusedError):
        return "sambungan ditolak"
    if isinstance(sebab, ssl.SSLError | ssl.CertificateError):
        return "sertifikat TLS server tidak dapat diterima"
    if isinstance(sebab, ValueError):
        return "jawaban server tidak dapat dibaca"
    return "galat jaringan"


def periksa_server(
    server: str, sha256: str, *, batas_waktu: float = BATAS_WAKTU_SERVER
) -> HasilServer:
    """Ask ``server`` whether ``sha256`` is the SHA-256 of a signed snapshot. A server
    that cannot be reached or answers nonsense is said so, never raised."""
    alamat = alamat_server(server, sha256)
    minta = urllib.request.Request(
        alamat, headers={"Accept": "application/json", "User-Agent": "LKjIP periksa_pdf"}
    )
    try:
        with urllib.request.urlopen(minta, timeout=batas_waktu) as jawab:  # noqa: S310 (http(s) only)
            data = json.loads(jawab.read(BATAS_JAWABAN))
    except urllib.error.HTTPError as e:
        if e.code != 404:
            return HasilServer(
                "tidak-terhubung", f"server tidak dapat dihubungi (HTTP {e.code})", alamat
            )
        try:
            data = json.loads(e.read(BATAS_JAWABAN))
        except ValueError:
            data = {}
    except (urllib.error.URLError, OSError, ValueError) as e:
        return HasilServer(
            "tidak-terhubung", f"server tidak dapat dihubungi ({_alasan(e)})", alamat
        )
    if not isinstance(data, dict) or "terdaftar" not in data:
        return HasilServer(
            "tidak-terhubung",
            "server tidak dapat dihubungi (jawaban bukan verifikasi LKjIP)",
            alamat,
        )
    if data["terdaftar"] is not True:
        return HasilServer(
            "tidak-terdaftar",
            "bukan dokumen yang ditetapkan: SHA-256 berkas ini tidak terdaftar di server",
            alamat,
            data,
        )
    berlaku = "masih berlaku" if data.get("berlaku") else "tidak berlaku lagi"
    return HasilServer(
        "terdaftar",
        f"terdaftar di server: LKjIP {data.get('perangkat_daerah', '')} tahun "
        f"{data.get('tahun', '')} versi {data.get('versi', '')}, {berlaku}",
        alamat,
        data,
    )
