from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.models import PerangkatDaerah
from laporan.services.tahun import tahun_buka


class Command(BaseCommand):
    help = (
        "Buka satu tahun sebuah perangkat daerah: draf Perjanjian Kinerja murni dari target "
        "Renstra, usulan target triwulan Rencana Aksi, DPA murni dan LKjIP tahun itu. "
        "Menjalankannya lagi tidak mengubah apa pun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="kode perangkat daerah")
        parser.add_argument("--tahun", required=True, type=int, help="tahun yang dibuka")
        parser.add_argument(
            "--salin-pagu",
            action="store_true",
            help="salin pagu DPA tahun sebelumnya sebagai draf (tanpa ini pagu dibiarkan kosong)",
        )

    def handle(self, *args, **options):
        pd = PerangkatDaerah.objects.filter(kode=options["pd"]).first()
        if pd is None:
            raise CommandError(f"perangkat daerah dengan kode {options['pd']!r} tidak ditemukan")
        try:
            hasil = tahun_buka(
                pd=pd, tahun=options["tahun"], pengguna=None, salin_pagu=options["salin_pagu"]
            )
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        for x in hasil.langkah:
            tanda = "dibuat" if x.dibuat else "tidak diubah"
            self.stdout.write(f"- {tanda}: {x.uraian}")
        for c in hasil.catatan:
            self.stdout.write(f"Catatan: {c}")
        self.stdout.write(f"{pd.nama}: {hasil.ringkasan()}")
