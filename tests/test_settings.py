"""The one settings module: environment driven, safe by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _check(**env: str) -> subprocess.CompletedProcess:
    bersih = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**bersih, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    hasil = _check(DEBUG="False")
    assert hasil.returncode != 0
    assert "SECRET_KEY wajib diisi" in hasil.stderr


def test_starts_with_a_secret_key():
    assert _check(DEBUG="False", SECRET_KEY="x" * 60).returncode == 0


def test_sqlite_is_the_default_and_postgres_comes_from_database_url():
    kode = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lkjip.settings'; "
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    )
    bersih = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    sqlite = subprocess.run(
        [sys.executable, "-c", kode],
        cwd=ROOT,
        env={**bersih, "DEBUG": "True"},
        capture_output=True,
        text=True,
    )
    assert sqlite.stdout.strip() == "django.db.backends.sqlite3"
    pg = subprocess.run(
        [sys.executable, "-c", kode],
        cwd=ROOT,
        env={**bersih, "DEBUG": "True", "DATABASE_URL": "postgres://u@127.0.0.1:5432/x"},
        capture_output=True,
        text=True,
    )
    assert pg.stdout.strip() == "django.db.backends.postgresql"


def test_language_and_time_zone():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"


def test_media_go_to_s3_when_a_bucket_is_named():
    kode = (
        "import django, os, json; os.environ['DJANGO_SETTINGS_MODULE']='lkjip.settings'; "
        "django.setup(); from django.core.files.storage import storages; d = storages['default']; "
        "print(json.dumps([type(d).__name__, getattr(d, 'bucket_name', None), "
        "getattr(d, 'endpoint_url', None), getattr(d, 'file_overwrite', None)]))"
    )
    bersih = {k: v for k, v in os.environ.items() if not k.startswith("LKJIP_S3_")}

    def _jalankan(**env: str) -> str:
        hasil = subprocess.run(
            [sys.executable, "-c", kode],
            cwd=ROOT,
            env={**bersih, "DEBUG": "True", **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert hasil.returncode == 0, hasil.stderr
        return hasil.stdout.strip()

    assert _jalankan() == '["FileSystemStorage", null, null, null]'
    assert (
        _jalankan(LKJIP_S3_BUCKET="lkjip-media", LKJIP_S3_ENDPOINT="https://s3.example.go.id")
        == '["S3Storage", "lkjip-media", "https://s3.example.go.id", false]'
    )


def test_the_suite_runs_on_the_redis_cache_when_ci_asks(request):
    """`.ci/run` sets LKJIP_UJI_REDIS_URL for its PostgreSQL pass: the cache is Redis."""
    from django.core.cache import cache

    from tests.conftest import REDIS_SUITE

    if not REDIS_SUITE:
        pytest.skip("LKJIP_UJI_REDIS_URL tidak diisi: cache memori proses")
    request.getfixturevalue("_cache_redis")
    assert type(cache._cache).__name__ == "RedisCacheClient"
    cache.set("uji-redis", 1)
    import redis

    assert redis.Redis.from_url(cache._cache._servers[0]).keys("*uji-redis")
