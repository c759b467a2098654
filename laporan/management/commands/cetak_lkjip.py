from __future__ import annotations

import hashlib
import time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.engine.hitung import HitungError
from kinerja.models import PerangkatDaerah
from laporan.models import SnapshotLKjIP
from laporan.pdf import PDFError, buat_pdf
from lib.format import format_angka


class Command(BaseCommand):
    help = (
        "Cetak LKjIP satu perangkat daerah untuk satu tahun ke berkas PDF: draf dari data saat ini, "
        "atau salinan snapshot terakhir yang telah ditetapkan (--snapshot)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="kode perangkat daerah")
        parser.add_argument("--tahun", required=True, type=int, help="tahun LKjIP")
        parser.add_argument("--keluar", required=True, help="berkas PDF yang ditulis")
        parser.add_argument(
            "--snapshot",
            action="store_true",
            help="salin PDF yang ditetapkan (versi terakhir) alih-alih mencetak draf",
        )

    def handle(self, *args, **options):
        keluar = Path(options["keluar"])
        if not keluar.parent.is_dir():
            raise CommandError(f"direktori {keluar.parent} tidak ada")
        pd = PerangkatDaerah.objects.filter(kode=options["pd"]).first()
        if pd is None:
            raise CommandError(f"perangkat daerah dengan kode {options['pd']!r} tidak ditemukan")
        tahun = options["tahun"]
        mulai = time.perf_counter()
        if options["snapshot"]:
            pdf, halaman, keterangan = self._snapshot(pd, tahun)
        else:
            try:
                hasil = buat_pdf(pd, tahun)
            except (HitungError, PDFError) as e:
                raise CommandError(str(e)) from e
            pdf, halaman = hasil.pdf, hasil.halaman
            keterangan = f"draf, kode isi {hasil.kode_isi}"
        try:
            keluar.write_bytes(pdf)
        except OSError as e:
            raise CommandError(f"berkas {keluar} tidak dapat ditulis: {e.strerror}") from e
        detik = time.perf_counter() - mulai
        self.stdout.write(
            self.style.SUCCESS(
                f"LKjIP {pd.nama} tahun {tahun} ditulis ke {keluar}: {halaman} halaman, "
                f"{format_angka(Decimal(detik), 2)} detik ({keterangan})"
            )
        )

    def _snapshot(self, pd: PerangkatDaerah, tahun: int) -> tuple[bytes, int, str]:
        snapshot = (
            SnapshotLKjIP.objects.filter(lkjip__perangkat_daerah=pd, lkjip__tahun=tahun)
            .order_by("-versi")
            .first()
        )
        if snapshot is None:
            raise CommandError(
                f"belum ada LKjIP {pd.nama} tahun {tahun} yang ditetapkan; "
                "cetak draf tanpa --snapshot"
            )
        try:
            with snapshot.berkas.open("rb") as f:
                pdf = f.read()
        except OSError as e:
            raise CommandError(
                f"berkas snapshot versi {snapshot.versi} tidak dapat dibaca: {e.strerror}"
            ) from e
        if hashlib.sha256(pdf).hexdigest() != snapshot.sha256:
            raise CommandError(
                f"berkas snapshot versi {snapshot.versi} tidak sama dengan yang ditetapkan "
                "(SHA-256 berbeda); berkas mungkin rusak atau diubah"
            )
        return (
            pdf,
            snapshot.halaman,
            f"snapshot versi {snapshot.versi}, kode isi {snapshot.kode_isi}",
        )
