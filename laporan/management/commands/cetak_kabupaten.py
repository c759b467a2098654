"""Print the LKjIP of every perangkat daerah of a pemda into a folder (``laporan.cetak_kabupaten``).

With a broker the job goes to the queue's workers and this command follows it; without
one it prints here, one perangkat daerah after the other. A progress bar on a terminal,
one line per perangkat daerah otherwise; a summary at the end; exit status 1 when a
perangkat daerah failed (the others are written all the same)."""

from __future__ import annotations

import time
import zipfile
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.models import Pemda
from laporan.cetak_kabupaten import (
    NAMA_DAFTAR,
    TidakAdaPD,
    cetak_kabupaten_buat,
    cetak_kabupaten_kirim,
    jalankan_di_tempat,
)
from laporan.jobs import antrean_aktif
from laporan.models import CetakKabupaten, CetakKabupatenPD
from lib.format import format_angka

# Seconds between two looks at a job on the queue.
JEDA_DETIK = 1.0
LEBAR_BATANG = 30
# Seconds the command waits for a job on the queue before it gives up waiting.
BATAS_DETIK = 6 * 3600


class Kemajuan:
    """A progress bar redrawn in place on a terminal; plain lines when not a terminal."""

    def __init__(self, out, jumlah: int) -> None:
        self.out, self.jumlah = out, jumlah
        self.tty = bool(getattr(out, "isatty", lambda: False)())
        self.selesai = 0
        self.dilaporkan: set[int] = set()

    def pd(self, item: CetakKabupatenPD) -> None:
        """``item`` is done: count it (once) and show it."""
        if item.pk in self.dilaporkan:
            return
        self.dilaporkan.add(item.pk)
        self.selesai += 1
        pd = item.perangkat_daerah
        if item.status == CetakKabupatenPD.Status.SELESAI:
            hasil = f"{item.halaman} halaman"
        else:
            hasil = f"GAGAL: {item.pesan_galat}"
        if self.tty:
            isi = LEBAR_BATANG * self.selesai // max(self.jumlah, 1)
            batang = "#" * isi + "-" * (LEBAR_BATANG - isi)
            teks = f"[{batang}] {self.selesai}/{self.jumlah} {pd.nama}: {hasil}"
            self.out.write(f"\r\033[K{teks[:120]}", ending="")
            self.out.flush()
        else:
            self.out.write(f"{self.selesai}/{self.jumlah} {pd.kode} {pd.nama}: {hasil}")

    def tutup(self) -> None:
        if self.tty:
            self.out.write("")


class Command(BaseCommand):
    help = (
        "Cetak LKjIP setiap perangkat daerah satu pemda untuk satu tahun ke satu folder: PDF yang "
        "ditetapkan bila tahunnya sudah ditetapkan, selain itu draf; dengan daftar isi "
        f"{NAMA_DAFTAR}. Keluar dengan status 1 bila ada perangkat daerah yang gagal."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pemda", required=True, help="kode pemda")
        parser.add_argument("--tahun", required=True, type=int, help="tahun LKjIP")
        parser.add_argument("--keluar", required=True, help="folder tempat PDF ditulis")
        parser.add_argument(
            "--batas-detik",
            type=int,
            default=BATAS_DETIK,
            help="berhenti menunggu antrean setelah sekian detik (bawaan: %(default)s)",
        )

    def handle(self, *args, **options):
        keluar = Path(options["keluar"])
        if not keluar.parent.is_dir():
            raise CommandError(f"direktori {keluar.parent} tidak ada")
        keluar.mkdir(exist_ok=True)
        pemda = Pemda.objects.filter(kode=options["pemda"]).first()
        if pemda is None:
            raise CommandError(f"pemda dengan kode {options['pemda']!r} tidak ditemukan")
        try:
            job = cetak_kabupaten_buat(pemda, options["tahun"], None)
        except TidakAdaPD as e:
            raise CommandError(str(e)) from e
        mulai = time.perf_counter()
        kemajuan = Kemajuan(self.stdout, job.daftar_pd.count())
        if antrean_aktif():
            cetak_kabupaten_kirim(job)
            job = self._ikuti(job, kemajuan, options["batas_detik"])
        else:
            job = jalankan_di_tempat(job, setelah=kemajuan.pd)
        kemajuan.tutup()
        self._ringkasan(job, keluar, time.perf_counter() - mulai)

    def _ikuti(self, job: CetakKabupaten, kemajuan: Kemajuan, batas: int) -> CetakKabupaten:
        """Follow a job on the queue until its zip is written (or failed), at most ``batas``
        seconds: a queue without workers does not keep the command waiting for ever."""
        selesai = [CetakKabupatenPD.Status.SELESAI, CetakKabupatenPD.Status.GAGAL]
        akhir = time.monotonic() + batas
        while True:
            for item in job.daftar_pd.filter(status__in=selesai).select_related("perangkat_daerah"):
                kemajuan.pd(item)
            job.refresh_from_db()
            if job.status in (CetakKabupaten.Status.SELESAI, CetakKabupaten.Status.GAGAL):
                return job
            if time.monotonic() > akhir:
                kemajuan.tutup()
                raise CommandError(
                    f"pekerjaan {job.pk} belum selesai setelah {batas} detik; apakah pekerja "
                    "antrean (celery -A lkjip worker) berjalan?"
                )
            time.sleep(JEDA_DETIK)

    def _ringkasan(self, job: CetakKabupaten, keluar: Path, detik: float) -> None:
        if job.status != CetakKabupaten.Status.SELESAI:
            raise CommandError(f"arsip tidak dapat dibuat: {job.pesan_galat}")
        with job.berkas.open("rb") as f, zipfile.ZipFile(f) as arsip:
            arsip.extractall(keluar)
            jumlah_berkas = len(arsip.namelist()) - 1
        daftar = list(job.daftar_pd.select_related("perangkat_daerah").order_by("urutan"))
        gagal = [i for i in daftar if i.status != CetakKabupatenPD.Status.SELESAI]
        self.stdout.write(
            f"LKjIP tahun {job.tahun} {job.pemda.nama}: {len(daftar)} perangkat daerah, "
            f"{len(daftar) - len(gagal)} berhasil, {len(gagal)} gagal; {jumlah_berkas} PDF dan "
            f"{NAMA_DAFTAR} ditulis ke {keluar} ({_detik(detik)} detik)"
        )
        if gagal:
            for i in gagal:
                self.stderr.write(
                    f"gagal: {i.perangkat_daerah.kode} {i.perangkat_daerah.nama}: {i.pesan_galat}"
                )
            raise CommandError(f"{len(gagal)} perangkat daerah gagal dicetak", returncode=1)


def _detik(detik: float) -> str:
    return format_angka(Decimal(f"{detik:.1f}"), 1)
