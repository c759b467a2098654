from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kinerja.models import PerangkatDaerah
from kinerja.paket.serializer import dumps, tulis_paket
from laporan.selectors_paket import paket_muat


class Command(BaseCommand):
    help = "Ekspor seluruh data satu perangkat daerah sebagai paket data (JSON, docs/paket.md)."

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="kode perangkat daerah")
        parser.add_argument("--keluar", help="tulis ke berkas ini (bawaan: layar)")
        parser.add_argument(
            "--tahun",
            type=int,
            help="ekspor Renstra yang mencakup tahun ini beserta tahun-tahunnya (bawaan: terbaru)",
        )

    def handle(self, *args, **options):
        pd = PerangkatDaerah.objects.filter(kode=options["pd"]).first()
        if pd is None:
            raise CommandError(f"perangkat daerah dengan kode {options['pd']!r} tidak ditemukan")
        teks = dumps(tulis_paket(paket_muat(pd, options.get("tahun"), aturan_hari_ini=True))) + "\n"
        if options["keluar"]:
            with open(options["keluar"], "w", encoding="utf-8") as f:
                f.write(teks)
            self.stdout.write(self.style.SUCCESS(f"paket {pd.nama} ditulis ke {options['keluar']}"))
        else:
            self.stdout.write(teks, ending="")
