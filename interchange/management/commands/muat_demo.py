from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from evaluasi.services.template import template_bawaan_muat
from kinerja.models import Pemda, Peran, PerangkatDaerah, StatusTriwulan
from kinerja.services.kalender import libur_muat_bawaan
from kinerja.services.kunci import status_triwulan
from kinerja.services.review import triwulan_ajukan, triwulan_setujui

# Usernames of the demo cast, by role. Every password is the --sandi value.
PENGGUNA_DEMO = [
    ("operator", Peran.Jenis.OPERATOR, "33.16.05"),
    ("kepala", Peran.Jenis.KEPALA, "33.16.05"),
    ("evaluator", Peran.Jenis.EVALUATOR, "33.16"),
    ("adminpemda", Peran.Jenis.ADMIN_PEMDA, "33.16"),
    ("pengendali", Peran.Jenis.PENGENDALI_TEKNIS, "33.16"),
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
        self.muat_narasi()
        self.pembanding()
        self.kalender_dan_lke()
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
        self.riwayat_review()
        if not options["tanpa_superuser"]:
            admin, _ = User.objects.get_or_create(username="admin")
            admin.is_staff = admin.is_superuser = True
            admin.set_password(sandi)
            admin.save()
            baris.append(("admin", "Superuser (admin Django)", "seluruh data"))
        self.stdout.write("")
        for pesan in self.catatan_review:
            self.stdout.write(pesan)
        lebar = max(len(b[0]) for b in baris)
        lebar_peran = max(len(b[1]) for b in baris)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Pengguna demo (kata sandi semua: {sandi})"))
        for username, peran, lingkup in baris:
            self.stdout.write(f"  {username.ljust(lebar)}  {peran.ljust(lebar_peran)}  {lingkup}")

    def kalender_dan_lke(self) -> None:
        """Each demo pemda's days off (national holidays and cuti bersama of the demo's
        years, this year and the next) and its first LKE template (PermenPANRB 88/2021),
        as the admin pemda's screens load them."""
        tahun_ini = timezone.localdate().year
        for pemda in Pemda.objects.order_by("kode"):
            tahun = {t for t in PerangkatDaerah.objects.filter(pemda=pemda).values_list(
                "lkjip__tahun", flat=True) if t}  # fmt: skip
            for th in sorted({*tahun, *(t + 1 for t in tahun), tahun_ini, tahun_ini + 1}):
                libur_muat_bawaan(pemda=pemda, tahun=th)
            template_bawaan_muat(pemda)

    def riwayat_review(self) -> None:
        """Give the demo a review history, through the same services as the screens: TW I–III
        of each kecamatan submitted by its operator and approved by its kepala; TW IV, whose
        values the LKjIP already shows, submitted and waiting for the kepala (who can approve
        it or return it to try the workflow). No quarter with values stays a draft."""
        User = get_user_model()
        self.catatan_review = []
        for username, jenis, kode in PENGGUNA_DEMO:
            if jenis != Peran.Jenis.OPERATOR:
                continue
            pd = PerangkatDaerah.objects.get(kode=kode)
            operator = User.objects.get(username=username)
            kepala = User.objects.get(peran__jenis=Peran.Jenis.KEPALA, peran__perangkat_daerah=pd)
            tahun = max(pd.lkjip.values_list("tahun", flat=True))
            disetujui, diajukan = [], []
            for triwulan in (1, 2, 3, 4):
                status = status_triwulan(pd, tahun, triwulan).status
                if status not in (StatusTriwulan.Status.DRAF, StatusTriwulan.Status.DIKEMBALIKAN):
                    continue  # already done by an earlier run
                # A refusal here (a quarter incomplete) is a fault of the demo data: raise it.
                triwulan_ajukan(pd=pd, tahun=tahun, triwulan=triwulan, pengguna=operator)
                if triwulan == 4:
                    diajukan.append("IV")
                else:
                    triwulan_setujui(
                        pd=pd, tahun=tahun, triwulan=triwulan, pengguna=kepala, konfirmasi=True
                    )
                    disetujui.append(("I", "II", "III")[triwulan - 1])
            if disetujui or diajukan:
                bagian = []
                if disetujui:
                    bagian.append(f"triwulan {', '.join(disetujui)} diajukan dan disetujui")
                if diajukan:
                    bagian.append("triwulan IV diajukan, menunggu persetujuan kepala")
                self.catatan_review.append(f"{pd.nama} {tahun}: {'; '.join(bagian)}.")

    def pembanding(self) -> None:
        """The neighbouring kecamatan the pemda names for comparison: Randublatung and
        Bogorejo (both of Kabupaten Blora) are compared with each other."""
        from laporan.services.pembanding import pembanding_pd_simpan

        pasangan = (("33.16.05", "33.16.15"), ("33.16.15", "33.16.05"))
        for kode, kode_pembanding in pasangan:
            pd = PerangkatDaerah.objects.get(kode=kode)
            pembanding_pd_simpan(
                perangkat_daerah=pd,
                pembanding=[PerangkatDaerah.objects.get(kode=kode_pembanding)],
                pengguna=None,
            )

    def muat_narasi(self) -> None:
        """The narrative sections, SDM and sarpras tables of the demo LKjIP (fixtures/narasi/)."""
        from interchange.demo import muat_narasi_demo

        for path in sorted(Path(settings.BASE_DIR, "fixtures", "narasi").glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            pd = PerangkatDaerah.objects.get(kode=data["perangkat_daerah"])
            muat_narasi_demo(pd, data["tahun"], path)
            self.stdout.write(f"{path.name}: narasi LKjIP {pd.nama} {data['tahun']} dimuat.")
