from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.simpan import paket_simpan
from kinerja.paket.parser import UKURAN_MAKS, InvalidPaket, baca_paket, muat_json


class Command(BaseCommand):
    help = (
        "Impor satu paket data (format lkjip-paket, lihat docs/paket.md). Semua atau tidak "
        "sama sekali: bila ada kesalahan, tidak ada data yang disimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", nargs="+", help="berkas JSON paket data")

    def handle(self, *args, **options):
        for nama in options["berkas"]:
            self.impor(Path(nama))

    def impor(self, berkas: Path) -> None:
        try:
            with berkas.open("rb") as f:
                # Never more than the limit (plus one byte, to know it is over) in memory.
                teks = f.read(UKURAN_MAKS + 1)
        except OSError as e:
            raise CommandError(f"{berkas}: berkas tidak dapat dibaca ({e.strerror})") from e
        try:
            paket = baca_paket(muat_json(teks))
            pd = paket_simpan(paket=paket)
        except InvalidPaket as e:
            for error in e.errors:
                self.stderr.write(f"{berkas}: {error.path}: {error.pesan}")
            raise CommandError(
                f"{berkas}: impor dibatalkan, {len(e.errors)} kesalahan; tidak ada data yang disimpan."
            ) from e
        tahun = ", ".join(str(t.tahun) for t in paket.tahun) or "-"
        self.stdout.write(
            self.style.SUCCESS(
                f"{berkas}: {pd.nama} ({pd.kode}) diimpor: {len(paket.semua_indikator())} indikator, "
                f"{len(paket.program)} program, tahun {tahun}."
            )
        )
