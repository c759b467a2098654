"""Time the LKjIP PDF of every demo kecamatan: WeasyPrint and, for the same HTML, Chromium.

Run from the repository root::

    .venv/bin/python bench/pdf.py [--ulang N] [--tanpa-chromium]
    .venv/bin/python bench/pdf.py --besar [--ulang N]
    .venv/bin/python bench/pdf.py --kabupaten [--pd 30] [--indikator 15]

``--besar``: the synthetic perangkat daerah of ``tests/laporan/sintetis.py`` (150
indicators, 8 years of history; over 600 pages) printed through the job queue's
workers as the application prints it: a Celery worker started here (``-Q bagian
--concurrency 2``, prefork, on a Redis database of its own, ``BENCH_REDIS_URL``)
lays out the parts, this process joins them as the job does. It prints the best
of N prints (after one that warms the workers up), Chromium's time on the same
HTML, ``rasio_chromium`` (ours over Chromium's) and ``rss_mb_maks``: the largest
peak resident memory (VmHWM) of the worker's printing processes.

``--kabupaten``: a generated kabupaten of ``--pd`` perangkat daerah (``bench/kabupaten.py``'s
generator, ``--indikator`` indicators each, one year) on a throw-away PostgreSQL database,
printed as one bulk job (``laporan.cetak_kabupaten``) by real Celery workers started here as
the Procfile runs them (``-Q lkjip --concurrency 2`` takes one task per perangkat daerah,
``-Q bagian --concurrency 2`` lays out the parts; Redis database ``BENCH_REDIS_URL``; no part
reused). After one print that warms the workers up, it times the whole job (zip included),
then each perangkat daerah's draft printed alone through the same queue, one after the
other, and prints ``detik_per_pd`` (the whole job over the number of perangkat daerah),
``rasio_paralel`` (the whole job over the sum of the single prints) and ``pekerja`` (the
worker processes of both queues).

It creates a throw-away SQLite database in a temporary directory, loads the
demo packages (``impor_paket fixtures/*.json``) and their narratives
(``fixtures/narasi/``), then for each kecamatan prints the pages and seconds
of: assembling the document (``susun_dokumen``), rendering the HTML, and
printing it with WeasyPrint

- in one process (``cetak_single_process``, as ``html_to_pdf`` but with the
  archival data: best of N runs, its CPU seconds, and the first, cold run of
  the process),
- in parallel parts on the worker processes (``laporan.cetak``, as the
  application prints, every part of the document laid out afresh): the first
  print of the document, and the best of N next ones, and the sign-off print
  that follows a draft print (*tetapkan*: the chapters of the draft are
  reused, the cover part and the stamp are printed). What holds no content of
  its own is kept by the process as the application keeps it: the page numbers
  of the body (printed when the workers start), the running header, and the
  page numbers of the daftar, which wait for the chapters only when they
  changed (2 in the *putaran* column),

and the wall-clock seconds of ``chromium --headless --print-to-pdf`` on the
same HTML file (one process per run, start-up included, as a batch job would
run it). It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
DEMO = [
    ("33.16.05", "randublatung"),
    ("33.16.15", "bogorejo"),
    ("35.17.12", "kesamben"),
]


def _siapkan_django(tmp: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _halaman_pdf(path: Path) -> int | None:
    try:
        keluar = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    for baris in keluar.splitlines():
        if baris.startswith("Pages:"):
            return int(baris.split()[1])
    return None


def _chromium(html: Path, pdf: Path) -> tuple[float, int | None] | None:
    if not Path(CHROMIUM).exists():
        return None
    mulai = time.perf_counter()
    hasil = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    detik = time.perf_counter() - mulai
    if hasil.returncode != 0 or not pdf.exists():
        return None
    return detik, _halaman_pdf(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=3, help="runs of WeasyPrint per kecamatan")
    parser.add_argument("--tanpa-chromium", action="store_true", help="skip Chromium")
    parser.add_argument(
        "--besar", action="store_true", help="a 150-indicator PD through the queue's workers"
    )
    parser.add_argument(
        "--satu-proses", action="store_true", help="with --besar: also print in one process"
    )
    parser.add_argument(
        "--kabupaten", action="store_true", help="every PD of a generated kabupaten, one job"
    )
    parser.add_argument("--pd", type=int, default=30, help="with --kabupaten: perangkat daerah")
    parser.add_argument("--indikator", type=int, default=15, help="with --kabupaten: per PD")
    args = parser.parse_args()
    if args.besar:
        besar(args)
        return
    if args.kabupaten:
        kabupaten(args)
        return

    tmp = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        _siapkan_django(tmp)
        from io import StringIO

        from django.conf import settings
        from django.core.management import call_command

        from interchange.demo import muat_narasi_demo
        from kinerja.models import PerangkatDaerah
        from laporan.cetak import (
            cetak_dokumen,
            cetak_single_process,
            stop_workers,
            warm_up_workers,
        )
        from laporan.dokumen import susun_dokumen
        from laporan.pdf import Stempel, arsip_dokumen, kode_isi, render_html

        call_command("migrate", verbosity=0)
        paket = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
        call_command("impor_paket", *paket, stdout=StringIO())
        # The HTML links "static/css/dokumen.css" relative to its own location.
        (tmp / "static").symlink_to(ROOT / "static", target_is_directory=True)

        mulai = time.perf_counter()
        pekerja = warm_up_workers()
        siap = time.perf_counter() - mulai
        print(f"LKjIP PDF, {os.cpu_count()} CPU, WeasyPrint terbaik dari {args.ulang} kali")
        print(f"Proses pekerja cetak paralel: {pekerja} (dinyalakan dalam {siap:.2f} s)")
        print(
            f"{'kecamatan':<14} {'susun':>6} {'html':>6} | {'hlm':>4} {'1 proses':>9} "
            f"{'CPU':>6} {'pertama':>8} | {'pertama':>8} {'paralel':>8} {'putaran':>7} "
            f"{'tetapkan':>9} | "
            f"{'hlm':>4} {'Chromium':>9}"
        )
        angka: list[str] = []  # the figures again, one name=value a line, after the table
        for kode, slug in DEMO:
            pd = PerangkatDaerah.objects.get(kode=kode)
            narasi = ROOT / "fixtures" / "narasi" / f"{slug}-2024.json"
            if narasi.exists():
                muat_narasi_demo(pd, 2024, narasi)
            t0 = time.perf_counter()
            dokumen = susun_dokumen(pd, 2024)
            t1 = time.perf_counter()
            html = render_html(dokumen)
            t2 = time.perf_counter()
            # Every print carries the archival data, as the application prints.
            arsip = arsip_dokumen(dokumen)
            waktu, cpu = [], []
            halaman = 0
            for _ in range(max(args.ulang, 1)):
                mulai, mulai_cpu = time.perf_counter(), time.process_time()
                hasil, _ = cetak_single_process(html, str(ROOT), arsip=arsip)
                pdf, halaman = hasil.pdf, hasil.halaman
                waktu.append(time.perf_counter() - mulai)
                cpu.append(time.process_time() - mulai_cpu)
            # The application's print, every part afresh: the first print of the
            # document, then the next ones.
            kunci = f"{kode}:2024"
            settings.LKJIP_PDF_SIMPAN_BAGIAN = 0
            mulai = time.perf_counter()
            cetak_dokumen(html, str(ROOT), kunci=kunci, arsip=arsip)
            pertama_paralel = time.perf_counter() - mulai
            paralel, rounds = [], []
            for _ in range(max(args.ulang, 1)):
                mulai = time.perf_counter()
                hasil = cetak_dokumen(html, str(ROOT), kunci=kunci, arsip=arsip)
                paralel.append(time.perf_counter() - mulai)
                rounds.append(hasil.rounds if hasil.mode == "paralel" else 0)
            # Sign-off after a draft print: the chapters printed for the draft are
            # reused, only the cover and the stamp are printed.
            settings.LKJIP_PDF_SIMPAN_BAGIAN = 3600
            cetak_dokumen(html, str(ROOT), kunci=kunci, arsip=arsip)
            kode_dok = kode_isi(dokumen)
            dicap = render_html(
                dokumen,
                stempel=Stempel(kode_dok, f"https://contoh.go.id/verifikasi/{kode_dok}/", 1, "-"),
            )
            mulai = time.perf_counter()
            cetak_dokumen(dicap, str(ROOT), kunci=kunci, arsip=arsip)
            tetapkan = time.perf_counter() - mulai
            kolom_paralel = (
                f"{pertama_paralel:>7.2f}s {min(paralel):>7.2f}s {max(rounds):>7} {tetapkan:>8.2f}s"
                if pekerja
                else f"{'-':>8} {'-':>8} {'-':>7} {'-':>9}"
            )
            (tmp / f"{slug}-weasyprint.pdf").write_bytes(pdf)
            berkas_html = tmp / f"{slug}.html"
            berkas_html.write_text(html, encoding="utf-8")
            chrome = (
                None
                if args.tanpa_chromium
                else _chromium(berkas_html, tmp / f"{slug}-chromium.pdf")
            )
            kolom_chrome = (
                f"{chrome[1] or '?':>4} {chrome[0]:>8.2f}s" if chrome else f"{'-':>4} {'-':>9}"
            )
            print(
                f"{slug:<14} {t1 - t0:>5.2f}s {t2 - t1:>5.2f}s | {halaman:>4} "
                f"{min(waktu):>8.2f}s {min(cpu):>5.2f}s {waktu[0]:>7.2f}s | {kolom_paralel} | "
                f"{kolom_chrome}",
                flush=True,
            )
            angka += [
                f"{slug}_halaman={halaman}",
                f"{slug}_susun_detik={t1 - t0:.2f}",
                f"{slug}_satu_proses_detik={min(waktu):.2f}",
            ]
            if pekerja:
                angka += [
                    f"{slug}_paralel_pertama_detik={pertama_paralel:.2f}",
                    f"{slug}_paralel_detik={min(paralel):.2f}",
                    f"{slug}_tetapkan_detik={tetapkan:.2f}",
                ]
            if chrome:
                angka.append(f"{slug}_chromium_detik={chrome[0]:.2f}")
                if pekerja:
                    angka.append(f"{slug}_rasio_chromium={min(paralel) / chrome[0]:.2f}")
        stop_workers()
        print()
        print("\n".join(angka))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------- --besar

REDIS_BESAR = os.getenv("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")


def _anak(pid: int) -> list[int]:
    """The child processes of ``pid`` (from /proc)."""
    hasil = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                hasil.append(int(d.name))
    return hasil


def _vmhwm_mb(pid: int) -> float:
    """Peak resident memory of ``pid`` in MB (VmHWM of /proc/<pid>/status)."""
    try:
        for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
            if baris.startswith("VmHWM:"):
                return int(baris.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _pekerja_celery(tmp: Path) -> subprocess.Popen:
    """A Celery worker of the ``bagian`` queue, as the Procfile runs it, on its own db."""
    env = dict(os.environ, CELERY_BROKER_URL=REDIS_BESAR, REDIS_URL="")
    return subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "celery"),
            "-A",
            "lkjip",
            "worker",
            "-Q",
            "bagian",
            "--concurrency",
            "2",
            "--pool",
            "prefork",
            "-l",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(tmp / "celery.log", "w"),  # noqa: SIM115 (closed with the process)
        stderr=subprocess.STDOUT,
    )


def besar(args) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-pdf-besar-"))
    os.environ["CELERY_BROKER_URL"] = REDIS_BESAR
    os.environ["REDIS_URL"] = ""
    pekerja = None
    try:
        _siapkan_django(tmp)
        import redis
        from django.conf import settings
        from django.core.management import call_command

        from laporan.cetak import cetak_dokumen, cetak_single_process
        from laporan.dokumen import susun_dokumen
        from laporan.jobs import CeleryPool, antrean_aktif
        from laporan.pdf import arsip_dokumen, document_key, render_html
        from tests.laporan.sintetis import RIWAYAT, TAHUN, buat_pd_tata_letak

        redis.Redis.from_url(REDIS_BESAR).flushdb()
        assert antrean_aktif(), "CELERY_BROKER_URL tidak terbaca"
        settings.LKJIP_PDF_SIMPAN_BAGIAN = 0  # every part laid out afresh
        call_command("migrate", verbosity=0)
        (tmp / "static").symlink_to(ROOT / "static", target_is_directory=True)
        pekerja = _pekerja_celery(tmp)
        pd = buat_pd_tata_letak(150)
        t0 = time.perf_counter()
        dokumen = susun_dokumen(pd, TAHUN)
        html = render_html(dokumen)
        t1 = time.perf_counter()
        arsip = arsip_dokumen(dokumen)
        kunci = document_key(pd, TAHUN)
        # The first print warms the worker's processes up and remembers the page count.
        mulai = time.perf_counter()
        hasil = cetak_dokumen(html, str(ROOT), kunci=kunci, arsip=arsip, pool=CeleryPool())
        pertama = time.perf_counter() - mulai
        assert hasil.mode == "paralel", hasil.mode
        waktu = []
        for _ in range(max(args.ulang, 1)):
            mulai = time.perf_counter()
            hasil = cetak_dokumen(html, str(ROOT), kunci=kunci, arsip=arsip, pool=CeleryPool())
            waktu.append(time.perf_counter() - mulai)
        anak = _anak(pekerja.pid)
        rss = max([_vmhwm_mb(p) for p in anak] or [0.0])
        berkas_html = tmp / "besar.html"
        berkas_html.write_text(html, encoding="utf-8")
        (tmp / "besar.pdf").write_bytes(hasil.pdf)
        from laporan.cetak import split, split_layer

        bagian = len(split(split_layer(html)[0]).body)
        print(
            f"PD sintetis: 150 indikator, riwayat {len(RIWAYAT)} tahun, {len(html) // 1024} KB "
            f"HTML, {bagian} bagian isi, {hasil.halaman} halaman; pekerja Celery -Q bagian "
            f"--concurrency 2 ({len(anak)} proses cetak)",
            flush=True,
        )
        chrome = None if args.tanpa_chromium else _chromium(berkas_html, tmp / "besar-chrome.pdf")
        angka = [
            f"besar_halaman={hasil.halaman}",
            f"besar_html_detik={t1 - t0:.2f}",
            f"besar_antrean_pertama_detik={pertama:.2f}",
            f"besar_antrean_detik={min(waktu):.2f}",
        ]
        if args.satu_proses:
            mulai = time.perf_counter()
            cetak_single_process(html, str(ROOT), arsip=arsip)
            angka.append(f"besar_satu_proses_detik={time.perf_counter() - mulai:.2f}")
        if chrome:
            angka += [
                f"besar_chromium_halaman={chrome[1]}",
                f"besar_chromium_detik={chrome[0]:.2f}",
                f"rasio_chromium={min(waktu) / chrome[0]:.2f}",
            ]
        angka.append(f"rss_mb_maks={rss:.0f}")
        print("\n".join(angka))
    finally:
        if pekerja is not None:
            pekerja.terminate()
            try:
                pekerja.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pekerja.kill()
        shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------- --kabupaten


def _pekerja_antrean(antrean: str, n: int, log: Path) -> subprocess.Popen:
    """A Celery worker of ``antrean`` with ``n`` processes, as the Procfile runs it."""
    return subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "celery"), "-A", "lkjip", "worker", "-Q", antrean,
            "--concurrency", str(n), "--pool", "prefork", "-n", f"{antrean}@bench",
            "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=open(log, "w"),  # noqa: SIM115 (closed with the process)
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def _tunggu(ambil, selesai, batas: float = 3600) -> None:
    akhir = time.monotonic() + batas
    while not selesai(ambil()):
        if time.monotonic() > akhir:
            raise SystemExit("pekerjaan tidak selesai; lihat log pekerja")
        time.sleep(0.2)


def kabupaten(args) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import kabupaten as kab  # bench/kabupaten.py: the database and the generator

    server = kab._server()
    nama = f"lkjip_bench_{os.getpid()}"
    kab._db(server, nama, buat=True)
    url = server.rsplit("/", 1)[0] + f"/{nama}"
    tmp = Path(tempfile.mkdtemp(prefix="bench-pdf-kab-"))
    os.environ.update(
        CELERY_BROKER_URL=REDIS_BESAR, REDIS_URL="", LKJIP_PDF_SIMPAN_BAGIAN="0", DEBUG="False"
    )
    pekerja: list[subprocess.Popen] = []
    try:
        kab._siapkan_django(url, tmp)
        _kabupaten(args, kab, tmp, pekerja)
    finally:
        for p in pekerja:
            p.terminate()
        for p in pekerja:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
        from django.db import connections

        connections.close_all()
        kab._db(server, nama, buat=False)
        shutil.rmtree(tmp, ignore_errors=True)


def _kabupaten(args, kab, tmp: Path, pekerja: list) -> None:
    import redis
    from django.core.cache import cache
    from django.core.management import call_command

    from interchange.simpan import paket_simpan
    from kinerja.models import Pemda, PerangkatDaerah
    from laporan.cetak_kabupaten import cetak_kabupaten_minta
    from laporan.jobs import antrean_aktif
    from laporan.models import CetakJob, CetakKabupaten
    from laporan.tasks import cetak_draf

    redis.Redis.from_url(REDIS_BESAR).flushdb()
    assert antrean_aktif(), "CELERY_BROKER_URL tidak terbaca"
    call_command("migrate", verbosity=0)
    for i in range(args.pd):
        paket_simpan(paket=kab.paket_pd(f"98.01.{i + 1:02d}", args.indikator, [2024], 30))
    pemda = Pemda.objects.get(kode="98.01")
    daftar = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("kode"))
    pekerja += [
        _pekerja_antrean("lkjip", 2, tmp / "cetak.log"),
        _pekerja_antrean("bagian", 2, tmp / "bagian.log"),
    ]
    proses = 4

    def satu(pd) -> float:
        """One draft printed alone through the queue, as "Unduh draf" asks for it."""
        job = CetakJob.objects.create(
            id=uuid.uuid4(), perangkat_daerah=pd, tahun=2024, kode_isi="bench"
        )
        mulai = time.perf_counter()
        cetak_draf.delay(str(job.pk))
        _tunggu(
            lambda: CetakJob.objects.get(pk=job.pk).status,
            lambda s: s in (CetakJob.Status.SELESAI, CetakJob.Status.GAGAL),
        )
        assert CetakJob.objects.get(pk=job.pk).status == CetakJob.Status.SELESAI
        return time.perf_counter() - mulai

    satu(daftar[0])  # warms the workers up
    CetakJob.objects.all().delete()
    cache.clear()
    mulai = time.perf_counter()
    job = cetak_kabupaten_minta(pemda, 2024, None)
    _tunggu(
        lambda: CetakKabupaten.objects.get(pk=job.pk).status,
        lambda s: s in (CetakKabupaten.Status.SELESAI, CetakKabupaten.Status.GAGAL),
    )
    semua = time.perf_counter() - mulai
    gagal = job.daftar_pd.exclude(status="selesai").count()
    halaman = sum(job.daftar_pd.values_list("halaman", flat=True))
    CetakJob.objects.all().delete()
    tunggal = [satu(pd) for pd in daftar]
    print(
        f"Kabupaten bangkitan: {len(daftar)} perangkat daerah, {args.indikator} indikator, "
        f"{halaman} halaman semuanya, {gagal} gagal; pekerja Celery -Q lkjip --concurrency 2 "
        f"dan -Q bagian --concurrency 2",
        flush=True,
    )
    print(f"kabupaten_detik={semua:.1f}")
    print(f"jumlah_cetak_tunggal_detik={sum(tunggal):.1f}")
    print(f"detik_per_pd={semua / len(daftar):.2f}")
    print(f"rasio_paralel={semua / sum(tunggal):.2f}")
    print(f"pekerja={proses}")


if __name__ == "__main__":
    main()
