"""Login throttling holds across processes when the cache is Redis (REDIS_URL).

Each step runs in its own Python process, as gunicorn's workers would. The tests
need the Redis server that CI and scripts/test.sh start on 127.0.0.1:6379; they
use database 15 and a key prefix of their own. Without a Redis server they are
skipped on a developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import redis_uji as redis_url_uji

ROOT = Path(__file__).resolve().parents[2]
REDIS_UJI = os.getenv("REDIS_URL_UJI", "redis://127.0.0.1:6379/15")

_KODE = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "lkjip.settings"
django.setup()
from kinerja import masuk
aksi, n = sys.argv[1], int(sys.argv[2])
if aksi == "gagal":
    for _ in range(n):
        masuk.catat_gagal("pengguna-uji", "198.51.100.1")
else:
    print(masuk.periksa("pengguna-uji", "198.51.100.1") or "boleh")
"""


@pytest.fixture
def redis_uji():
    return redis_url_uji(REDIS_UJI)


def _proses(env: dict, *argv: str) -> str:
    bersih = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    hasil = subprocess.run(
        [sys.executable, "-c", _KODE, *argv],
        cwd=ROOT,
        env={**bersih, "DEBUG": "True", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr
    return hasil.stdout.strip()


def test_failures_counted_in_two_processes_add_up(redis_uji):
    env = {"REDIS_URL": redis_uji, "CACHE_KEY_PREFIX": f"uji-{uuid.uuid4().hex}"}
    _proses(env, "gagal", "3")
    assert _proses(env, "periksa", "0") == "boleh"
    _proses(env, "gagal", "2")
    assert "Terlalu banyak percobaan" in _proses(env, "periksa", "0")


def test_without_redis_each_process_counts_alone():
    """The reason for REDIS_URL: the memory cache forgets between processes."""
    _proses({}, "gagal", "5")
    assert _proses({}, "periksa", "0") == "boleh"


def test_redis_url_selects_the_redis_cache():
    kode = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='lkjip.settings'; "
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    bersih = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    for env, diharapkan in (
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "django.core.cache.backends.redis.RedisCache"),
    ):
        hasil = subprocess.run(
            [sys.executable, "-c", kode],
            cwd=ROOT,
            env={**bersih, "DEBUG": "True", **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert hasil.stdout.strip() == diharapkan, hasil.stderr


@pytest.mark.parametrize("redis_url", ["", "redis://127.0.0.1:6379/0"])
def test_check_deploy_warns_without_redis(redis_url):
    bersih = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL")
    }
    hasil = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={**bersih, "DEBUG": "False", "SECRET_KEY": "x" * 60, "REDIS_URL": redis_url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    keluaran = hasil.stdout + hasil.stderr
    assert ("lkjip.W001" in keluaran) == (not redis_url), keluaran
