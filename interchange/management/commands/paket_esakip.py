"""Write the e-SAKIP Reviu pack of one PD and year to a zip file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.paket_esakip import buat_paket
from kinerja.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Tulis paket e-SAKIP Reviu (zip) satu perangkat daerah dan tahun."

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="kode perangkat daerah")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--keluar", required=True, help="berkas zip tujuan")

    def handle(self, *args, pd, tahun, keluar, **options):
        obj = PerangkatDaerah.objects.filter(kode=pd).first()
        if obj is None:
            raise CommandError(f"perangkat daerah {pd} tidak ditemukan")
        data = buat_paket(obj, tahun)
        Path(keluar).write_bytes(data)
        self.stdout.write(f"paket ditulis: {keluar} ({len(data)} bajt)")
