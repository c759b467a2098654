"""The reminder pass by hand or from cron (the Celery beat task runs the same)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from kinerja.models import Pemda
from kinerja.services.pengingat import kirim_pengingat


class Command(BaseCommand):
    help = (
        "Kirim pengingat tenggat (laporan triwulan, LKjIP) yang jatuh pada hari ini melalui "
        "surel, sekali untuk setiap tenggat, orang dan jenis pengingat. Menjalankannya lagi "
        "pada hari yang sama tidak mengirim ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pemda", help="kode pemda (tanpa ini: semua pemda)")
        parser.add_argument(
            "--tanggal",
            type=datetime.date.fromisoformat,
            help="jalankan seolah-olah hari ini tanggal ini (YYYY-MM-DD), untuk susulan",
        )

    def handle(self, *args, **options):
        pemda = None
        if options["pemda"]:
            pemda = list(Pemda.objects.filter(kode=options["pemda"]))
            if not pemda:
                raise CommandError(f"pemda dengan kode {options['pemda']!r} tidak ditemukan")
        ringkasan = kirim_pengingat(pada=options["tanggal"], pemda=pemda)
        self.stdout.write(ringkasan.teks())
        if ringkasan.gagal:
            raise CommandError(f"{ringkasan.gagal} surel pengingat gagal dikirim")
