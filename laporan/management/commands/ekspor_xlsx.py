"""``manage.py ekspor_xlsx``: the whole year of a perangkat daerah as one workbook."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kinerja.engine.hitung import HitungError
from kinerja.models import PerangkatDaerah
from laporan.xlsx import buku_tahun


class Command(BaseCommand):
    help = (
        "Tulis seluruh data satu tahun perangkat daerah ke satu berkas Excel (xlsx): capaian, "
        "indikator Renstra, PK, rencana aksi, realisasi, DPA, realisasi anggaran, pembanding, "
        "SKM dan temuan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="kode perangkat daerah")
        parser.add_argument("--tahun", required=True, type=int, help="tahun data")
        parser.add_argument("--keluar", required=True, help="berkas .xlsx yang ditulis")

    def handle(self, *args, **options):
        pd = PerangkatDaerah.objects.select_related("pemda").filter(kode=options["pd"]).first()
        if pd is None:
            raise CommandError(f"perangkat daerah dengan kode {options['pd']!r} tidak ditemukan")
        try:
            data = buku_tahun(pd, options["tahun"], timezone.localtime())
        except HitungError as e:
            raise CommandError(str(e)) from e
        keluar = Path(options["keluar"])
        try:
            keluar.write_bytes(data)
        except OSError as e:
            raise CommandError(f"tidak dapat menulis {keluar}: {e.strerror}") from e
        self.stdout.write(f"{keluar}: {len(data):,} bita".replace(",", "."))
