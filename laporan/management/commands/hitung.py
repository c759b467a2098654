"""``manage.py hitung``: the computation of a whole year (performance, budget, findings).

It reads everything the year holds, the budget included, so it sits in laporan,
above the apps whose data it reads.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kinerja.engine.hitung import HitungError, hitung
from kinerja.models import PerangkatDaerah
from kinerja.paket.serializer import dumps
from laporan.selectors_paket import paket_muat
from lib.text_table import sebagai_teks


class Command(BaseCommand):
    help = (
        "Hitung capaian, predikat, penyerapan, efisiensi dan temuan satu perangkat daerah "
        "untuk satu tahun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="kode perangkat daerah")
        parser.add_argument("--tahun", required=True, type=int, help="tahun yang dihitung")
        parser.add_argument(
            "--format",
            choices=["json", "teks"],
            default="teks",
            help="json: angka tanpa pembulatan; teks: tabel yang mudah dibaca",
        )

    def handle(self, *args, **options):
        pd = PerangkatDaerah.objects.filter(kode=options["pd"]).first()
        if pd is None:
            raise CommandError(f"perangkat daerah dengan kode {options['pd']!r} tidak ditemukan")
        try:
            hasil = hitung(paket_muat(pd, options["tahun"]), options["tahun"])
        except HitungError as e:
            raise CommandError(str(e)) from e
        if options["format"] == "json":
            self.stdout.write(dumps(hasil.sebagai_dict()))
        else:
            self.stdout.write(sebagai_teks(hasil, pd.nama), ending="")
