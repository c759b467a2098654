"""``manage.py periksa_pdf FILE.pdf``: recompute an archival LKjIP PDF from the data it carries.

See ``laporan.periksa_pdf``. Exits non-zero when a figure differs or when the
PDF carries no package.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan.periksa_pdf import PeriksaError, Selisih, periksa_pdf


def _teks(nilai) -> str:
    return "(kosong)" if nilai is None else str(nilai)


def _baris(s: Selisih) -> str:
    tempat = f"{s.bagian} {s.kode}" if s.kode else s.bagian
    return f"  {tempat} — {s.apa}: tercetak {_teks(s.tercetak)}, dihitung ulang {_teks(s.dihitung)}"


class Command(BaseCommand):
    help = (
        "Periksa PDF LKjIP: hitung ulang semua angka dari paket data yang tersemat di dalamnya "
        "(dengan aturan yang tersimpan di paket) dan bandingkan dengan angka yang tercetak."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas PDF LKjIP")

    def handle(self, *args, **options):
        path = Path(options["berkas"])
        try:
            isi = path.read_bytes()
        except OSError as e:
            raise CommandError(f"berkas {path} tidak dapat dibaca: {e.strerror}") from e
        try:
            hasil = periksa_pdf(isi)
        except PeriksaError as e:
            self.stdout.write(f"SHA-256: {hashlib.sha256(isi).hexdigest()}")
            raise CommandError(str(e)) from e
        self.stdout.write(f"Berkas: {path}")
        self.stdout.write(f"SHA-256: {hasil.sha256}")
        self.stdout.write(f"Perangkat daerah: {hasil.perangkat_daerah}, tahun {hasil.tahun}")
        self.stdout.write(
            f"{hasil.jumlah} nilai dihitung ulang dari paket tersemat dengan aturan di dalamnya."
        )
        if hasil.sesuai:
            self.stdout.write("SESUAI: semua angka yang tercetak sama dengan hasil hitung ulang.")
            return
        self.stdout.write(f"TIDAK SESUAI: {len(hasil.selisih)} nilai berbeda:")
        for s in hasil.selisih:
            self.stdout.write(_baris(s))
        raise CommandError(f"{len(hasil.selisih)} nilai pada PDF tidak sesuai dengan paket datanya")
