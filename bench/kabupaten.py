"""A generated kabupaten on PostgreSQL: import time, and the server time and query count
of the pages of one big perangkat daerah against one small one.

Run from the repository root::

    .venv/bin/python bench/kabupaten.py [--pd 30] [--indikator 150] [--tahun 5] [--sub 300]

It creates a throw-away database on the PostgreSQL server of ``DATABASE_URL`` when
that points at PostgreSQL, else on the local one (postgres://postgres@127.0.0.1:5432),
migrates it, generates a kabupaten of ``--pd`` perangkat daerah, each with
``--indikator`` sasaran indicators in its PK, ``--tahun`` years (Rencana Aksi and
realisasi of every quarter) and ``--sub`` sub kegiatan with their pagu and quarterly
realisasi, imports it with ``paket_simpan`` (``impor_detik``: all of them), adds a
small perangkat daerah (15 indicators, one year), then asks for each page of the
last year, five times, as a logged-in superuser through Django's test client (the
server's time: middleware, views, templates; no network):

- ``dasbor``: the dashboard of the year (``/pd/<kode>/<tahun>/``),
- ``entri``: the realisasi entry page of the second quarter,
- ``anggaran``: the budget summary of the year,
- ``evaluator``: the Inspektorat's list of the pemda's perangkat daerah,

and prints, one per line, ``<page>_ms`` (median) and ``<page>_kueri`` for the big
perangkat daerah, the same with ``_kecil`` for the small one, and ``<page>_rasio``
(big over small, same run).

Then the kabupaten dashboard of the year (``/evaluasi/<pemda>/<tahun>/kabupaten/``,
every perangkat daerah of the generated pemda, ``--pd`` + 1) against that of a small
pemda of two small perangkat daerah generated beside it: ``kabupaten_ms`` and
``kabupaten_kueri``, ``kabupaten_kecil_ms`` and ``kabupaten_kecil_kueri`` (the query
count must not depend on the number of perangkat daerah), ``kabupaten_dingin_ms`` (the
first request after the cache is emptied, when every perangkat daerah's figures are
computed), and the same ``_ms``/``_kueri`` of its ranking (``kabupaten_peringkat``) and
year-over-year (``kabupaten_banding``) pages. The database is dropped at the end. It
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.parse
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
URL_BAWAAN = "postgres://postgres@127.0.0.1:5432/postgres"


def _server() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else URL_BAWAAN


def _db(url: str, nama: str, buat: bool) -> None:
    import psycopg2

    u = urllib.parse.urlparse(url)
    conn = psycopg2.connect(
        host=u.hostname, port=u.port or 5432, user=u.username, password=u.password,
        dbname="postgres",
    )  # fmt: skip
    conn.autocommit = True
    with conn.cursor() as c:
        if buat:
            c.execute(f'CREATE DATABASE "{nama}"')
        else:
            c.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
    conn.close()


def _siapkan_django(url: str, tmp: Path) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ["CONN_MAX_AGE"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DEBUG", "False")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def paket_pd(
    kode: str,
    n_ind: int,
    tahun: list[int],
    n_sub: int,
    pemda: tuple[str, str] = ("98.01", "Kabupaten Bangkitan"),
):
    """The data package of one generated perangkat daerah (``kinerja.paket.types``)."""
    from kinerja.engine.angka import Nilai
    from kinerja.engine.capaian import Polaritas
    from kinerja.engine.realisasi import TipePenghitungan
    from kinerja.paket import types as t
    from tests.sintetis import aturan_blora  # the generated pemdas' rules, as the tests'

    D = Decimal
    sasaran, target_pk, rencana, realisasi = [], {}, {}, {}
    for n in range(n_ind):
        kode_ind = f"IKS-{n + 1}"
        jumlah = n % 2 == 1
        sasaran.append(
            t.Sasaran(
                kode=f"S{n + 1}",
                uraian=f"Sasaran {n + 1} perangkat daerah {kode}",
                indikator=[
                    t.Indikator(
                        kode=kode_ind,
                        nama=f"Persentase layanan {n + 1} yang diselesaikan tepat waktu",
                        satuan="%",
                        polaritas=Polaritas.POSITIF,
                        tipe_penghitungan=(
                            TipePenghitungan.JUMLAH if jumlah else TipePenghitungan.NILAI_AKHIR
                        ),
                        iku=n < 10,
                        target_tahunan={th: Nilai(D(80 + th % 5)) for th in tahun},
                        target_akhir=Nilai(D(90)),
                    )
                ],
            )
        )
        target_pk[kode_ind] = Nilai(D(80))
        if jumlah:
            rencana[kode_ind] = [Nilai(D(20))] * 4
            realisasi[kode_ind] = [Nilai(D(19 + (n + q) % 3)) for q in range(4)]
        else:
            rencana[kode_ind] = [None, None, None, Nilai(D(80))]
            realisasi[kode_ind] = [None, None, None, Nilai(D(78 + n % 5))]
    program, pagu, real = [], {}, {}
    per_program = max(1, n_sub // 15)
    for p in range((n_sub + per_program - 1) // per_program):
        kode_p = f"7.01.{p + 1:02d}"
        kegiatan = []
        for k in range(0, per_program, 5):
            keg = t.Kegiatan(kode=f"{kode_p}.2.{k // 5 + 1:02d}", nama=f"Kegiatan {p + 1}.{k}")
            for s in range(min(5, per_program - k)):
                sub = t.SubKegiatan(kode=f"{keg.kode}.{s + 1:02d}", nama=f"Sub kegiatan {s + 1}")
                keg.sub_kegiatan.append(sub)
                pagu[sub.kode] = D(10_000_000 + 1000 * s)
                real[sub.kode] = [D(2_000_000), D(2_500_000), D(2_400_000), D(2_600_000)]
            kegiatan.append(keg)
        program.append(
            t.Program(
                kode=kode_p,
                nama=f"Program {p + 1}",
                sasaran=[f"S{p % n_ind + 1}"],
                kegiatan=kegiatan,
            )
        )
    aturan = aturan_blora()
    return t.Paket(
        pemda=t.Pemda(kode=pemda[0], nama=pemda[1], aturan=aturan),
        perangkat_daerah=t.PerangkatDaerah(kode=kode, nama=f"Kecamatan Bangkitan {kode[-2:]}"),
        renstra=t.Renstra(
            mulai=min(tahun),
            selesai=max(max(tahun), min(tahun) + 4),
            tujuan=[t.Tujuan(kode="T1", uraian="Tujuan perangkat daerah", sasaran=sasaran)],
        ),
        program=program,
        tahun=[
            t.Tahun(
                tahun=th,
                perjanjian_kinerja=[t.PerjanjianKinerja(versi="murni", target=target_pk)],
                rencana_aksi=rencana,
                realisasi=realisasi,
                dpa=[t.DPA(versi="murni", pagu=pagu)],
                realisasi_anggaran=real,
            )
            for th in tahun
        ],
    )


def _ukur(client, url: str, ulang: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    waktu, kueri = [], 0
    client.get(url)  # warm: templates, session
    for _ in range(ulang):
        with CaptureQueriesContext(connection) as q:
            mulai = time.perf_counter()
            r = client.get(url)
            waktu.append((time.perf_counter() - mulai) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url}: HTTP {r.status_code}")
        kueri = len(q)
    return statistics.median(waktu), kueri


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pd", type=int, default=30)
    p.add_argument("--indikator", type=int, default=150)
    p.add_argument("--tahun", type=int, default=5)
    p.add_argument("--sub", type=int, default=300)
    p.add_argument("--ulang", type=int, default=5)
    a = p.parse_args()

    server = _server()
    nama = f"lkjip_bench_{uuid.uuid4().hex[:8]}"
    _db(server, nama, buat=True)
    url = urllib.parse.urlunparse(urllib.parse.urlparse(server)._replace(path=f"/{nama}"))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            _siapkan_django(url, Path(tmp))
            jalankan(a)
    finally:
        from django.db import connections

        connections.close_all()
        _db(server, nama, buat=False)


def jalankan(a) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from interchange.simpan import paket_simpan

    call_command("migrate", verbosity=0)
    terakhir = 2024
    tahun = list(range(terakhir - a.tahun + 1, terakhir + 1))
    mulai = time.perf_counter()
    for i in range(a.pd):
        paket_simpan(paket=paket_pd(f"98.01.{i + 1:02d}", a.indikator, tahun, a.sub))
    print(f"impor_detik={time.perf_counter() - mulai:.1f}")
    print(f"impor_pd={a.pd}")
    paket_simpan(paket=paket_pd("98.01.99", 15, [terakhir], 30))

    admin = get_user_model().objects.create_superuser("bench", password="x")
    client = Client()
    client.force_login(admin)
    halaman = {
        "dasbor": "/pd/{kode}/{tahun}/",
        "entri": "/pd/{kode}/{tahun}/realisasi/2/",
        "anggaran": "/pd/{kode}/{tahun}/anggaran/",
        "evaluator": "/evaluasi/98.01/",
    }
    for nama, pola in halaman.items():
        besar = _ukur(client, pola.format(kode="98.01.01", tahun=terakhir), a.ulang)
        kecil = _ukur(client, pola.format(kode="98.01.99", tahun=terakhir), a.ulang)
        print(f"{nama}_ms={besar[0]:.0f}")
        print(f"{nama}_kueri={besar[1]}")
        print(f"{nama}_kecil_ms={kecil[0]:.0f}")
        print(f"{nama}_kecil_kueri={kecil[1]}")
        print(f"{nama}_rasio={besar[0] / kecil[0]:.2f}")
    ukur_kabupaten(client, terakhir, a.ulang)


def ukur_kabupaten(client, tahun: int, ulang: int) -> None:
    """The kabupaten dashboard of the generated pemda against a pemda of two small ones."""
    from django.core.cache import cache

    from interchange.simpan import paket_simpan

    kecil = ("98.02", "Kabupaten Kecil")
    for i in (1, 2):
        paket_simpan(paket=paket_pd(f"98.02.{i:02d}", 15, [tahun], 30, pemda=kecil))
    dasbor = f"/evaluasi/98.01/{tahun}/kabupaten/"
    cache.clear()
    mulai = time.perf_counter()
    if client.get(dasbor).status_code != 200:
        raise SystemExit(f"{dasbor}: gagal")
    print(f"kabupaten_dingin_ms={(time.perf_counter() - mulai) * 1000:.0f}")
    for nama, akhir in (("kabupaten", ""), ("kabupaten_peringkat", "peringkat/"),
                        ("kabupaten_banding", "banding/")):  # fmt: skip
        besar = _ukur(client, f"/evaluasi/98.01/{tahun}/kabupaten/{akhir}", ulang)
        print(f"{nama}_ms={besar[0]:.0f}")
        print(f"{nama}_kueri={besar[1]}")
        if nama == "kabupaten":
            k = _ukur(client, f"/evaluasi/98.02/{tahun}/kabupaten/", ulang)
            print(f"kabupaten_kecil_ms={k[0]:.0f}")
            print(f"kabupaten_kecil_kueri={k[1]}")


if __name__ == "__main__":
    main()
