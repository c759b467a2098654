"""Load on the production stack: the login page against the pages of a big perangkat daerah.

Run from the repository root::

    .venv/bin/python bench/beban.py [--detik 30] [--klien 10] [--indikator 150] [--tahun 5]

It creates a throw-away PostgreSQL database (as ``bench/kabupaten.py`` does, with its
generator: one perangkat daerah of ``--indikator`` indicators, ``--tahun`` years and
``--sub`` sub kegiatan), starts the stack as in production (``DEBUG`` off, gunicorn with
2 workers and WhiteNoise, a Celery worker, Redis database ``--redis-db`` as cache and
broker) on 127.0.0.1, logs ``--klien`` users in (one each, through the login form with
its CSRF token) and then, phase by phase, lets the clients ask for one page as fast as
they can for ``--detik`` seconds each:

- ``masuk``: the login form (a GET without a session: logged-in users are redirected),
- ``dasbor``: the dashboard of the last year (``/pd/<kode>/<tahun>/``),
- ``entri``: the realisasi entry page of its second quarter.

It prints, one per line, ``p50_<phase>_ms``, ``p95_<phase>_ms``, ``rps_<phase>`` and
``galat_<phase>`` (answers other than 200, and failed connections) for each phase, and
``rasio_p95``: the larger of the two pages' p95 over the login page's p95 (target
<= 20). Everything started is stopped and the database dropped, also on error or
Ctrl+C. It asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.kabupaten import _db, _server, _siapkan_django, paket_pd  # noqa: E402

KODE_PD = "98.01.01"
TAHUN_TERAKHIR = 2024
SANDI = "beban-bench-sandi"


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Klien:
    """One browser: its own cookies, requests as behind the TLS proxy (X-Forwarded-Proto)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.kuki: dict[str, str] = {}

    def minta(self, metode: str, jalur: str, data: dict | None = None, *, kuki: bool = True):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        asal = f"127.0.0.1:{self.port}"
        kepala = {
            "Host": asal,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{asal}",
            "Referer": f"https://{asal}{jalur}",
        }
        if kuki and self.kuki:
            kepala["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.kuki.items())
        badan = None
        if data is not None:
            badan = urllib.parse.urlencode(data)
            kepala["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            c.request(metode, jalur, body=badan, headers=kepala)
            r = c.getresponse()
            isi = r.read()
        finally:
            c.close()
        if kuki:
            for h in r.headers.get_all("Set-Cookie") or []:
                nama, _, sisa = h.partition("=")
                self.kuki[nama.strip()] = sisa.split(";", 1)[0]
        return r.status, r.getheader("Location"), isi

    def masuk(self, nama: str) -> None:
        status, _, isi = self.minta("GET", "/masuk/")
        if status != 200:
            raise SystemExit(f"halaman masuk: HTTP {status}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', isi).group(1).decode()
        data = {"username": nama, "password": SANDI, "csrfmiddlewaretoken": token}
        status, lokasi, _ = self.minta("POST", "/masuk/", data)
        if status != 302 or "/masuk/" in (lokasi or ""):
            raise SystemExit(f"masuk sebagai {nama}: HTTP {status} ke {lokasi}")


def _fase(klien: list[Klien], jalur: str, detik: float, *, kuki: bool) -> dict:
    """Every client asks for ``jalur`` in a loop for ``detik`` seconds; latencies in ms."""
    waktu: list[float] = []
    galat = [0]
    kunci = threading.Lock()
    selesai = time.monotonic() + detik

    def jalan(k: Klien) -> None:
        milik, salah = [], 0
        while time.monotonic() < selesai:
            mulai = time.perf_counter()
            try:
                status, _, _ = k.minta("GET", jalur, kuki=kuki)
            except OSError:
                status = 0
            milik.append((time.perf_counter() - mulai) * 1000)
            if status != 200:
                salah += 1
        with kunci:
            waktu.extend(milik)
            galat[0] += salah

    mulai = time.monotonic()
    benang = [threading.Thread(target=jalan, args=(k,)) for k in klien]
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    lama = time.monotonic() - mulai
    waktu.sort()
    p95 = waktu[min(len(waktu) - 1, int(len(waktu) * 0.95))] if waktu else float("nan")
    return {
        "p50": statistics.median(waktu) if waktu else float("nan"),
        "p95": p95,
        "rps": len(waktu) / lama,
        "galat": galat[0],
    }


def _tunggu(port: int, proses: list[subprocess.Popen], batas: float = 120) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        for p in proses:
            if p.poll() is not None:
                raise SystemExit(f"{p.args[1]} berhenti sebelum siap (kode {p.returncode})")
        try:
            status, _, _ = Klien(port).minta("GET", "/masuk/", kuki=False)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn tidak menjawab dalam 120 detik")


def _hentikan(proses: list[subprocess.Popen]) -> None:
    for p in proses:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in proses:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def _siapkan_data(a, tmp: Path) -> None:
    """Migrate, import the generated perangkat daerah, add the users, collect static files."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    from interchange.simpan import paket_simpan

    call_command("migrate", verbosity=0)
    tahun = list(range(TAHUN_TERAKHIR - a.tahun + 1, TAHUN_TERAKHIR + 1))
    paket_simpan(paket=paket_pd(KODE_PD, a.indikator, tahun, a.sub))
    User = get_user_model()
    for i in range(a.klien):
        User.objects.create_superuser(f"beban{i + 1}", password=SANDI)
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--detik", type=float, default=30)
    p.add_argument("--klien", type=int, default=10)
    p.add_argument("--indikator", type=int, default=150)
    p.add_argument("--tahun", type=int, default=5)
    p.add_argument("--sub", type=int, default=300)
    p.add_argument("--redis-db", type=int, default=11)
    p.add_argument("--port", type=int, default=0)
    a = p.parse_args()

    import redis

    # A SIGTERM stops the run like Ctrl+C does: the finally blocks below clean up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = _server()
    nama = f"lkjip_beban_{uuid.uuid4().hex[:8]}"
    url_db = urllib.parse.urlunparse(urllib.parse.urlparse(server)._replace(path=f"/{nama}"))
    url_redis = f"redis://127.0.0.1:6379/{a.redis_db}"
    redis.Redis.from_url(url_redis).flushdb()
    port = a.port or _port_bebas()
    proses: list[subprocess.Popen] = []
    _db(server, nama, buat=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            env = {
                **os.environ,
                "DEBUG": "False",
                "SECRET_KEY": "beban-bench-only-" + uuid.uuid4().hex,
                "DATABASE_URL": url_db,
                "REDIS_URL": url_redis,
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "False",
                "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
                "STATIC_ROOT": str(tmp / "static"),
                "MEDIA_ROOT": str(tmp / "media"),
                "CACHE_KEY_PREFIX": f"beban{uuid.uuid4().hex[:6]}",
            }
            os.environ.update(env)
            _siapkan_django(url_db, tmp)
            os.environ["ALLOWED_HOSTS"] = env["ALLOWED_HOSTS"]
            _siapkan_data(a, tmp)
            bin_ = Path(sys.executable).parent
            log = open(tmp / "stack.log", "wb")  # noqa: SIM115
            for perintah in (
                [str(bin_ / "gunicorn"), "lkjip.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", "2", "--timeout", "120"],
                [str(bin_ / "celery"), "-A", "lkjip", "worker", "-Q", "lkjip,bagian",
                 "--concurrency", "1", "-n", f"beban{port}@%h", "--loglevel", "WARNING"],
            ):  # fmt: skip
                proses.append(
                    subprocess.Popen(
                        perintah,
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=log,
                        start_new_session=True,
                    )  # fmt: skip
                )
            try:
                _tunggu(port, proses)
                klien = [Klien(port) for _ in range(a.klien)]
                for i, k in enumerate(klien):
                    k.masuk(f"beban{i + 1}")
                halaman = {
                    "masuk": ("/masuk/", False),
                    "dasbor": (f"/pd/{KODE_PD}/{TAHUN_TERAKHIR}/", True),
                    "entri": (f"/pd/{KODE_PD}/{TAHUN_TERAKHIR}/realisasi/2/", True),
                }
                hasil = {}
                for fase, (jalur, kuki) in halaman.items():
                    # Warm: each worker's first request loads templates and code.
                    for k in klien[:4]:
                        k.minta("GET", jalur, kuki=kuki)
                    h = hasil[fase] = _fase(klien, jalur, a.detik, kuki=kuki)
                    print(f"p50_{fase}_ms={h['p50']:.0f}")
                    print(f"p95_{fase}_ms={h['p95']:.0f}")
                    print(f"rps_{fase}={h['rps']:.1f}")
                    print(f"galat_{fase}={h['galat']}", flush=True)
                terbesar = max(hasil["dasbor"]["p95"], hasil["entri"]["p95"])
                print(f"rasio_p95={terbesar / hasil['masuk']['p95']:.1f}")
                print(f"klien={a.klien}")
                print(f"detik_per_fase={a.detik:g}")
            except BaseException:
                log.flush()
                print((tmp / "stack.log").read_text(errors="replace")[-3000:], file=sys.stderr)
                raise
            finally:
                _hentikan(proses)
                log.close()
    finally:
        from django.db import connections

        connections.close_all()
        _db(server, nama, buat=False)
        redis.Redis.from_url(url_redis).flushdb()


if __name__ == "__main__":
    main()
