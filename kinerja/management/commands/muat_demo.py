from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from kinerja.models import Pemda, Peran, PerangkatDaerah

# Usernames of the demo cast, by role. Every password is the --sandi value.
PENGGUNA_DEMO = [
    ("operator", Peran.Jenis.OPERATOR, "33.16.05"),
    ("kepala", Peran.Jenis.KEPALA, "33.16.05"),
    ("evaluator", Peran.Jenis.EVALUATOR, "33.16"),
    ("adminpemda", Peran.Jenis.ADMIN_PEMDA, "33.16"),
    ("operator.bogorejo", Peran.Jenis.OPERATOR, "33.16.15"),
    ("kepala.bogorejo", Peran.Jenis.KEPALA, "33.16.15"),
    ("operator.kesamben", Peran.Jenis.OPERATOR, "35.17.12"),
    ("kepala.kesamben", Peran.Jenis.KEPALA, "35.17.12"),
    ("evaluator.jombang", Peran.Jenis.EVALUATOR, "35.17"),
    ("adminpemda.jombang", Peran.Jenis.ADMIN_PEMDA, "35.17"),
]


class Command(BaseCommand):
    help = (
        "Muat data demo: paket tiga kecamatan dari fixtures/ dan satu pengguna demo untuk "
        "setiap peran (kata sandi dicetak). Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sandi", default="lkjip-demo", help="kata sandi semua pengguna demo")
        parser.add_argument(
            "--tanpa-superuser", action="store_true", help="jangan buat akun superuser 'admin'"
        )

    @transaction.atomic
    def handle(self, *args, **options):
        berkas = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
        call_command("impor_paket", *map(str, berkas), stdout=self.stdout, stderr=self.stderr)
        User = get_user_model()
        sandi = options["sandi"]
        baris = []
        for username, jenis, kode in PENGGUNA_DEMO:
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(sandi)
            user.save()
            if jenis in (Peran.Jenis.OPERATOR, Peran.Jenis.KEPALA):
                pd = PerangkatDaerah.objects.get(kode=kode)
                lingkup = {"pemda": pd.pemda, "perangkat_daerah": pd}
                nama_lingkup = pd.nama
            else:
                pemda = Pemda.objects.get(kode=kode)
                lingkup = {"pemda": pemda, "perangkat_daerah": None}
                nama_lingkup = pemda.nama
            Peran.objects.update_or_create(pengguna=user, defaults={"jenis": jenis, **lingkup})
            baris.append((username, Peran.Jenis(jenis).label, nama_lingkup))
        if not options["tanpa_superuser"]:
            admin, _ = User.objects.get_or_create(username="admin")
            admin.is_staff = admin.is_superuser = True
            admin.set_password(sandi)
            admin.save()
            baris.append(("admin", "Superuser (admin Django)", "seluruh data"))
        lebar = max(len(b[0]) for b in baris)
        lebar_peran = max(len(b[1]) for b in baris)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Pengguna demo (kata sandi semua: {sandi})"))
        for username, peran, lingkup in baris:
            self.stdout.write(f"  {username.ljust(lebar)}  {peran.ljust(lebar_peran)}  {lingkup}")
