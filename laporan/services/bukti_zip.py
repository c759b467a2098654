"""The evidence files of a year as one zip, streamed while it is written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils import timezone

from kinerja.models import BuktiDukung


@dataclass
class _Pipe:
    """A write-only file that hands out what was written so far (for a streamed zip)."""

    chunks: list[bytes] = field(default_factory=list)
    position: int = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def nama_di_zip(bukti: list[BuktiDukung]) -> list[str]:
    """ "<kode indikator>_TW<n>_<nama asli>", made unique with " (2)", " (3)"…"""
    terpakai: set[str] = set()
    hasil = []
    for b in bukti:
        asli = b.nama_asli.replace("/", "_").replace("\\", "_") or f"bukti.{b.jenis}"
        nama = f"{b.realisasi.indikator.kode}_TW{b.realisasi.triwulan}_{asli}"
        batang, titik, ekstensi = nama.rpartition(".")
        if not titik:
            batang, ekstensi = nama, ""
        n, calon = 1, nama
        while calon.lower() in terpakai:
            n += 1
            calon = f"{batang} ({n}){titik}{ekstensi}"
        terpakai.add(calon.lower())
        hasil.append(calon)
    return hasil


def zip_bukti(bukti: list[BuktiDukung], *, chunk_size: int = 256 * 1024) -> Iterator[bytes]:
    """Stream a zip of the evidence files; files missing from storage are listed in a note."""
    import zipfile

    pipe = _Pipe()
    hilang: list[str] = []
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_STORED) as arsip:
        for b, nama in zip(bukti, nama_di_zip(bukti), strict=True):
            try:
                berkas = b.berkas.open("rb")
            except (FileNotFoundError, OSError, ValueError):
                hilang.append(nama)
                continue
            waktu = timezone.localtime(b.waktu)
            info = zipfile.ZipInfo(nama, date_time=waktu.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED
            info.file_size = b.ukuran
            with berkas, arsip.open(info, mode="w", force_zip64=b.ukuran > 2**31) as keluar:
                while chunk := berkas.read(chunk_size):
                    keluar.write(chunk)
                    yield pipe.take()
            yield pipe.take()
        if hilang:
            arsip.writestr(
                "BERKAS_TIDAK_DITEMUKAN.txt",
                "Berkas berikut tercatat tetapi tidak ditemukan di penyimpanan:\n"
                + "\n".join(hilang)
                + "\n",
            )
        if not bukti:
            arsip.writestr("TIDAK_ADA_BUKTI.txt", "Belum ada bukti dukung yang diunggah.\n")
    yield pipe.take()
