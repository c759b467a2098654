"""Time the LKjIP PDF of every demo kecamatan: WeasyPrint and, for the same HTML, Chromium.

Run from the repository root::

    .venv/bin/python bench/pdf.py [--ulang N] [--tanpa-chromium]

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
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
