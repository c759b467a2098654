"""Workbook import and export on PostgreSQL against openpyxl's own reading and writing of
the same file: how much the validation, the preview and the save cost on top.

Run from the repository root::

    .venv/bin/python bench/impor.py [--baris 10000] [--indikator 10000] [--pd-indikator 150]
                                    [--ulang 3]

It creates a throw-away database (as ``bench/kabupaten.py``: the PostgreSQL server of
``DATABASE_URL`` when it points at PostgreSQL, else postgres://postgres@127.0.0.1:5432),
migrates it and generates (with ``bench/kabupaten.py``'s ``paket_pd``):

- a perangkat daerah of ``--pd-indikator`` indicators and a program tree big enough
  for a SIPD-like realisasi report of ``--baris`` rows (program, kegiatan and sub
  kegiatan rows, and the rekening detail rows under each sub kegiatan), one year;
- a perangkat daerah whose Renstra holds ``--indikator`` indicators (an open revision:
  the Renstra is in use).

Then it measures wall time, the median of ``--ulang`` runs (each import run with
another file changing every row, so each run does the same work):

- ``impor_anggaran_detik``: the realisasi workbook imported into triwulan II as the
  screen and ``impor_xlsx`` do (``buka_lembar``, ``kenali_kolom``, ``baca_anggaran``,
  ``Tujuan.baris``, ``Tujuan.pratinjau``, ``Tujuan.simpan``); every sub kegiatan's
  amount changes. ``baca_anggaran_detik``: openpyxl opening the same file read-only
  and iterating all its cells' values; ``rasio_impor_anggaran`` the first over it;
- ``impor_indikator_detik``: the register workbook of the big Renstra (downloaded with
  ``buku_register``, every row's formulasi and a yearly target changed) read
  (``baca_register``) and saved (``register_simpan``, which checks every row itself,
  all or nothing), as the confirm step does (the screen's ``langkah=simpan`` request
  and the background import job ``interchange.pelari.register``; ``impor_xlsx`` does
  not take the register workbook); ``baca_indikator_detik`` and
  ``rasio_impor_indikator`` as above. The preview is another request, before the
  confirm: ``pratinjau_indikator_detik`` is its time (the file read again and
  ``register_periksa``), not counted in the ratio;
- ``rasio_impor``: the larger of the two ratios;
- ``ekspor_detik``: the year's workbook of the first perangkat daerah
  (``laporan.xlsx.buku_tahun``, as ``ekspor_xlsx``), from the database to bytes;
  ``ekspor_dasar_detik``: openpyxl in write-only mode writing the same cell values
  (same sheets, same rows, no styles) to bytes; ``rasio_ekspor`` the first over it.

It prints ``name=value`` lines, one per line, asserts nothing, and drops the database.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import io
import statistics
import sys
import tempfile
import time
import urllib.parse
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kabupaten  # noqa: E402  (the database, Django and the generated perangkat daerah)

TAHUN = 2024
PD_ANGGARAN = "98.01.01"
PD_REGISTER = "98.01.02"


def _baca_dasar(data: bytes) -> float:
    """openpyxl alone: open read-only and touch every cell's value."""
    from openpyxl import load_workbook

    mulai = time.perf_counter()
    wb = load_workbook(io.BytesIO(data), read_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for _v in row:
                n += 1
    wb.close()
    return time.perf_counter() - mulai


def _sub_per_baris(baris: int) -> int:
    """The number of sub kegiatan ``paket_pd`` is asked for, so that the report has
    about ``baris`` rows with 8 rekening detail rows under each sub kegiatan."""
    return max(15, baris // 10)


def buku_realisasi(paket, baris: int, putaran: int = 0) -> bytes:
    """A SIPD-like realisasi report of the package's program tree: title rows, a header,
    program / kegiatan / sub kegiatan rows and rekening rows under each sub kegiatan,
    exactly ``baris`` data rows (the rekening rows spread over the sub kegiatan); each
    ``putaran`` (run) gives every sub kegiatan another amount."""
    from openpyxl import Workbook

    pohon = []
    for p in paket.program:
        pohon.append(("p", p.kode, p.nama))
        for k in p.kegiatan:
            pohon.append(("k", k.kode, k.nama))
            for s in k.sub_kegiatan:
                pohon.append(("s", s.kode, s.nama))
    n_sub = sum(1 for x in pohon if x[0] == "s")
    sisa = max(0, baris - len(pohon))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Realisasi")
    ws.append(["LAPORAN REALISASI ANGGARAN"])
    ws.append([f"Tahun Anggaran {TAHUN} s.d. Triwulan II"])
    ws.append([])
    ws.append(["Kode Rekening", "Uraian", "Anggaran", "Realisasi", "%", "Sisa"])
    i_sub = 0
    for jenis, kode, nama in pohon:
        pagu = Decimal(10_000_000)
        real = Decimal(3_000_000 + (i_sub % 97) * 1000 + putaran * 10_000)
        real = real if jenis == "s" else Decimal(0)
        ws.append([kode, nama, pagu, real, float(real / pagu * 100), pagu - real])
        if jenis != "s":
            continue
        detail = sisa // n_sub + (1 if i_sub < sisa % n_sub else 0)
        for d in range(detail):
            rek = f"5.1.02.01.01.{d + 1:04d}"
            ws.append([rek, f"Belanja rincian {d + 1}", Decimal(1_000_000), Decimal(300_000),
                       30.0, Decimal(700_000)])  # fmt: skip
        i_sub += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def impor_anggaran(pd, data: bytes, pengguna) -> int:
    """The realisasi workbook into triwulan II, as the import screen does it."""
    from anggaran.impor_xlsx import BerkasDitolak, baca_anggaran, buka_lembar, kenali_kolom
    from anggaran.services.impor import Tujuan

    tujuan = Tujuan.untuk_realisasi(pd, TAHUN, 2)
    daftar = buka_lembar(data)
    lembar, pemetaan = next(
        (lb, p) for lb in daftar if (p := kenali_kolom(lb, tujuan.jenis, tujuan.versi))
    )
    dibaca, galat = baca_anggaran(lembar, pemetaan, tujuan.pohon().pohon, jenis_belanja=False)
    if galat:
        raise BerkasDitolak(galat)
    baris, masalah = tujuan.baris(dibaca, False)
    if masalah:
        raise SystemExit(masalah[:3])
    tujuan.pratinjau(baris)
    return tujuan.simpan(baris, pengguna)


def buku_register_diubah(renstra, putaran: int = 0) -> bytes:
    """The register workbook of ``renstra`` as downloaded now, every row's formulasi and
    the target of the Renstra's second year changed (otherwise in each ``putaran``)."""
    from openpyxl import load_workbook

    from kinerja.services.register_xlsx import BARIS_KEPALA, SHEET, buku_register

    wb = load_workbook(io.BytesIO(buku_register(renstra)))
    ws = wb[SHEET]
    judul = {c.value: c.column for c in ws[BARIS_KEPALA]}
    k_formulasi, k_target = judul["Formulasi"], judul[f"Target {renstra.mulai + 1}"]
    for r in range(BARIS_KEPALA + 1, ws.max_row + 1):
        ws.cell(r, k_formulasi).value = f"Layanan tepat waktu {putaran}.{r} ÷ jumlah layanan"
        ws.cell(r, k_target).value = 85 + (r + putaran) % 10
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pratinjau_register(renstra, data: bytes, pengguna) -> None:
    """The register workbook read and checked, as the import screen's preview does it."""
    from kinerja.services.register_xlsx import baca_register, register_periksa

    tolak = register_periksa(baca_register(data, renstra), pengguna)
    if tolak:
        raise SystemExit(tolak[:3])


def impor_register(renstra, data: bytes, pengguna) -> int:
    """The register workbook read and saved, as the import's confirm step does it."""
    from kinerja.services.register_xlsx import baca_register, register_simpan

    return register_simpan(baca_register(data, renstra), pengguna)


def tulis_dasar(data: bytes) -> float:
    """openpyxl's write-only mode writing the cell values of the workbook ``data`` (the
    same sheets and rows, hidden ones included, no styles); the seconds it takes."""
    from openpyxl import Workbook, load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    lembar = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb]
    wb.close()
    mulai = time.perf_counter()
    out = Workbook(write_only=True)
    for judul, rows in lembar:
        ws = out.create_sheet(judul)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    out.save(buf)
    return time.perf_counter() - mulai


def jalankan(a) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from interchange.simpan import paket_simpan
    from kinerja.models import Renstra
    from kinerja.services.renstra import revisi_buka
    from laporan.xlsx import buku_tahun

    call_command("migrate", verbosity=0)
    pengguna = get_user_model().objects.create_superuser("bench", password="x")

    paket_a = kabupaten.paket_pd(PD_ANGGARAN, a.pd_indikator, [TAHUN], _sub_per_baris(a.baris))
    pd_a = paket_simpan(paket=paket_a)
    paket_r = kabupaten.paket_pd(PD_REGISTER, a.indikator, [TAHUN], 15)
    # Only the Renstra and the PK matter here (the PK puts the Renstra in use).
    paket_r = dataclasses.replace(
        paket_r,
        tahun=[dataclasses.replace(th, rencana_aksi={}, realisasi={}) for th in paket_r.tahun],
    )
    pd_r = paket_simpan(paket=paket_r)
    renstra = Renstra.objects.get(perangkat_daerah=pd_r)
    revisi_buka(
        renstra=renstra, pengguna=pengguna, tanggal=datetime.date(TAHUN, 6, 1), alasan="bench"
    )

    # The realisasi anggaran workbook: each run another file, every amount changed.
    impor, dasar = [], []
    for putaran in range(a.ulang):
        data = buku_realisasi(paket_a, a.baris, putaran)
        dasar.append(_baca_dasar(data))
        mulai = time.perf_counter()
        impor_anggaran(pd_a, data, pengguna)
        impor.append(time.perf_counter() - mulai)
    rasio_a = _cetak("anggaran", impor, dasar)

    # The indicator register workbook: each run downloaded again, every row changed.
    impor, dasar, pratinjau = [], [], []
    for putaran in range(a.ulang):
        data = buku_register_diubah(renstra, putaran)
        dasar.append(_baca_dasar(data))
        mulai = time.perf_counter()
        pratinjau_register(renstra, data, pengguna)
        pratinjau.append(time.perf_counter() - mulai)
        mulai = time.perf_counter()
        impor_register(renstra, data, pengguna)
        impor.append(time.perf_counter() - mulai)
    rasio_i = _cetak("indikator", impor, dasar)
    print(f"pratinjau_indikator_detik={statistics.median(pratinjau):.2f}")
    print(f"rasio_impor={max(rasio_a, rasio_i):.2f}")

    # The whole-year workbook.
    buku_tahun(pd_a, TAHUN, timezone.localtime())  # warm: imports, templates of labels
    ekspor, dasar = [], []
    for _ in range(a.ulang):
        mulai = time.perf_counter()
        data = buku_tahun(pd_a, TAHUN, timezone.localtime())
        ekspor.append(time.perf_counter() - mulai)
        dasar.append(tulis_dasar(data))
    e, d = statistics.median(ekspor), statistics.median(dasar)
    print(f"ekspor_detik={e:.2f}")
    print(f"ekspor_dasar_detik={d:.2f}")
    print(f"rasio_ekspor={e / d:.2f}")


def _cetak(nama: str, impor: list[float], dasar: list[float]) -> float:
    i, d = statistics.median(impor), statistics.median(dasar)
    print(f"impor_{nama}_detik={i:.2f}")
    print(f"baca_{nama}_detik={d:.2f}")
    print(f"rasio_impor_{nama}={i / d:.2f}")
    return i / d


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--baris", type=int, default=10_000)
    p.add_argument("--indikator", type=int, default=10_000)
    p.add_argument("--pd-indikator", type=int, default=150)
    p.add_argument("--ulang", type=int, default=3)
    a = p.parse_args()

    server = kabupaten._server()
    nama = f"lkjip_bench_{uuid.uuid4().hex[:8]}"
    kabupaten._db(server, nama, buat=True)
    url = urllib.parse.urlunparse(urllib.parse.urlparse(server)._replace(path=f"/{nama}"))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            kabupaten._siapkan_django(url, Path(tmp))
            jalankan(a)
    finally:
        from django.db import connections

        connections.close_all()
        kabupaten._db(server, nama, buat=False)


if __name__ == "__main__":
    main()
