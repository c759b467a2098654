"""``manage.py periksa_pdf FILE.pdf``: recompute an archival LKjIP PDF from the data it carries.

See ``laporan.periksa_pdf``: the figures recomputed from the embedded package
are compared with the embedded figures and with the printed text; with
``--server`` (default: the setting ``LKJIP_URL_PUBLIK`` when there is one) the
public verification endpoint says whether the file is a signed snapshot.

Exit status: 0 the PDF agrees, 1 it does not, 2 it cannot be checked (no
package, not a PDF, pdftotext missing). The server's answer is reported and
never changes the status: a draft is not registered, and a server out of
reach does not make a report wrong.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from laporan.periksa_pdf import (
    HasilPeriksa,
    HasilServer,
    PeriksaError,
    Selisih,
    SelisihCetak,
    periksa_pdf,
    periksa_server,
)

SESUAI, TIDAK_SESUAI, TIDAK_DAPAT = 0, 1, 2


def _teks(nilai) -> str:
    return "(kosong)" if nilai is None else str(nilai)


def _baris(s: Selisih) -> str:
    tempat = f"{s.bagian} {s.kode}" if s.kode else s.bagian
    return f"  {tempat} — {s.apa}: tercetak {_teks(s.tercetak)}, dihitung ulang {_teks(s.dihitung)}"


def _baris_cetak(s: SelisihCetak) -> str:
    siapa = f"indikator {s.kode} ({s.nama})" if s.kode else s.nama
    halaman = f", halaman {s.halaman}" if s.halaman else ""
    if not s.tercetak:
        tercetak = "tempat itu tidak ditemukan"
    elif s.tercetak.startswith("persentase yang tercetak"):
        tercetak = s.tercetak
    else:
        tercetak = f"tertulis: {s.tercetak}"
    return (
        f"  {siapa} — {s.apa}: dihitung ulang {s.diharapkan}, tidak tercetak di {s.tempat}"
        f"{halaman} ({tercetak})"
    )


def _json_selisih(s: Selisih) -> dict:
    return {
        "bagian": s.bagian,
        "kode": s.kode,
        "apa": s.apa,
        "tersemat": s.tercetak,
        "dihitung": s.dihitung,
    }


def _json_cetak(s: SelisihCetak) -> dict:
    return {
        "kode": s.kode,
        "nama": s.nama,
        "apa": s.apa,
        "tempat": s.tempat,
        "halaman": s.halaman,
        "dihitung": s.diharapkan,
        "tercetak": s.tercetak,
    }


class Command(BaseCommand):
    help = (
        "Periksa PDF LKjIP: hitung ulang semua angka dari paket data yang tersemat di dalamnya "
        "(dengan aturan yang tersimpan di paket), bandingkan dengan angka tersemat dan dengan "
        "teks yang tercetak, dan (dengan --server) tanyakan ke server apakah berkas ini "
        "dokumen yang ditetapkan. Status keluar: 0 sesuai, 1 tidak sesuai, 2 tidak dapat "
        "diperiksa."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas PDF LKjIP")
        parser.add_argument(
            "--server",
            default=None,
            help="alamat aplikasi LKjIP untuk memeriksa SHA-256 berkas, misalnya "
            "https://lkjip.example.go.id (bawaan: pengaturan LKJIP_URL_PUBLIK bila ada)",
        )
        parser.add_argument(
            "--json", action="store_true", help="keluaran JSON untuk diproses mesin"
        )

    def handle(self, *args, **options):
        path = Path(options["berkas"])
        server = options["server"] or getattr(settings, "LKJIP_URL_PUBLIK", "") or ""
        try:
            isi = path.read_bytes()
        except OSError as e:
            galat = f"berkas {path} tidak dapat dibaca: {e.strerror}"
            if options["json"]:
                self._json(path, None, None, galat, None, TIDAK_DAPAT)
            raise CommandError(galat, returncode=TIDAK_DAPAT) from e
        sha = hashlib.sha256(isi).hexdigest()
        hasil, galat = None, None
        try:
            hasil = periksa_pdf(isi)
        except PeriksaError as e:
            galat = str(e)
        try:
            di_server = periksa_server(server, sha) if server else None
        except PeriksaError as e:  # the --server address itself
            raise CommandError(str(e), returncode=TIDAK_DAPAT) from e
        kode = TIDAK_DAPAT if hasil is None else SESUAI if hasil.sesuai else TIDAK_SESUAI
        if options["json"]:
            self._json(path, sha, hasil, galat, di_server, kode)
        else:
            self._laporan(path, sha, hasil, galat, di_server)
        if kode == TIDAK_DAPAT:
            raise CommandError(galat, returncode=kode)
        if kode == TIDAK_SESUAI:
            jumlah = len(hasil.selisih) + len(hasil.cetak)
            raise CommandError(
                f"{jumlah} angka pada PDF tidak sesuai dengan paket datanya", returncode=kode
            )

    def _laporan(self, path, sha, hasil: HasilPeriksa | None, galat, di_server) -> None:
        tulis = self.stdout.write
        tulis(f"Berkas: {path}")
        tulis(f"SHA-256: {sha}")
        if di_server is not None:
            tulis(f"Server ({di_server.alamat}): {di_server.pesan}")
        if hasil is None:
            tulis(f"TIDAK DAPAT DIPERIKSA: {galat}")
            return
        tulis(f"Perangkat daerah: {hasil.perangkat_daerah}, tahun {hasil.tahun}")
        tulis(f"{hasil.jumlah} nilai dihitung ulang dari paket tersemat dengan aturan di dalamnya.")
        if hasil.jumlah_cetak is not None:
            tulis(f"{hasil.jumlah_cetak} angka utama dicari pada teks yang tercetak.")
        if hasil.sesuai:
            tulis("SESUAI: angka tersemat dan teks yang tercetak sama dengan hasil hitung ulang.")
            return
        if hasil.selisih:
            tulis(f"TIDAK SESUAI: {len(hasil.selisih)} nilai tersemat berbeda:")
            for s in hasil.selisih:
                tulis(_baris(s))
        if hasil.cetak:
            tulis(f"TIDAK SESUAI: {len(hasil.cetak)} angka tidak tercetak sebagaimana mestinya:")
            for s in hasil.cetak:
                tulis(_baris_cetak(s))

    def _json(self, path, sha, hasil, galat, di_server: HasilServer | None, kode: int) -> None:
        keluaran = {
            "berkas": str(path),
            "sha256": sha,
            "kode_keluar": kode,
            "hasil": ["sesuai", "tidak-sesuai", "tidak-dapat-diperiksa"][kode],
            "galat": galat,
            "server": None
            if di_server is None
            else {
                "alamat": di_server.alamat,
                "keadaan": di_server.keadaan,
                "pesan": di_server.pesan,
                "data": di_server.data,
            },
        }
        if hasil is not None:
            keluaran |= {
                "perangkat_daerah": hasil.perangkat_daerah,
                "tahun": hasil.tahun,
                "jumlah_nilai": hasil.jumlah,
                "jumlah_angka_tercetak": hasil.jumlah_cetak,
                "selisih_tersemat": [_json_selisih(s) for s in hasil.selisih],
                "selisih_tercetak": [_json_cetak(s) for s in hasil.cetak],
            }
        self.stdout.write(json.dumps(keluaran, ensure_ascii=False, indent=2, default=str))
