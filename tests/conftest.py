"""A tiny named cast: two kecamatan of one pemda (A, B), one of another pemda, a user per role."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import hypothesis
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from kinerja.models import Pemda, Peran, PerangkatDaerah

ROOT = Path(__file__).resolve().parents[1]

# Speed is measured by bench/, not by timed tests: a property test on a loaded CI
# machine (two processes on two cores) must not fail for taking longer than 200 ms.
hypothesis.settings.register_profile("lkjip", deadline=None)
hypothesis.settings.load_profile("lkjip")


def redis_uji(url: str) -> str:
    """``url`` of the Redis server the test needs (scripts/test.sh and CI start one):
    skipped without it on a developer's machine, failed in CI (CI=true)."""
    import redis

    try:
        ada = bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        ada = False
    if not ada:
        if os.getenv("CI"):
            pytest.fail(f"Redis tidak dapat dihubungi di {url}")
        pytest.skip(f"Redis tidak dapat dihubungi di {url}")
    return url


# CI runs the suite a second time with Django's cache on Redis (the cache production
# uses): LKJIP_UJI_REDIS_URL names the server; each xdist worker gets a database of its
# own (8..13; 14 and 15 belong to the queue and login tests), emptied before each test.
REDIS_SUITE = os.getenv("LKJIP_UJI_REDIS_URL", "").rstrip("/")


def _db_pekerja() -> int:
    pekerja = os.getenv("PYTEST_XDIST_WORKER", "gw0")
    return 8 + int(pekerja.removeprefix("gw") or 0) % 6


@pytest.fixture(autouse=True)
def _cache_redis(settings):
    if not REDIS_SUITE:
        return
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"{redis_uji(REDIS_SUITE)}/{_db_pekerja()}",
            "KEY_PREFIX": "lkjip-uji",
        }
    }
    cache.clear()


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path_factory):
    """Files written by a test (evidence, printed PDFs) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def demo(db):
    """The three demo packages: Randublatung (A) and Bogorejo (B) of Blora, Kesamben of Jombang."""
    call_command(
        "impor_paket",
        *(str(p) for p in sorted((ROOT / "fixtures").glob("*.json"))),
        stdout=StringIO(),
    )
    return {
        "a": PerangkatDaerah.objects.get(kode="33.16.05"),
        "b": PerangkatDaerah.objects.get(kode="33.16.15"),
        "lain": PerangkatDaerah.objects.get(kode="35.17.12"),
    }


def _pengguna(
    username: str, jenis: str, *, pd: PerangkatDaerah | None = None, pemda: Pemda | None = None
):
    user = get_user_model().objects.create_user(username=username, password="sandi-uji-123")
    Peran.objects.create(pengguna=user, jenis=jenis, pemda=pemda or pd.pemda, perangkat_daerah=pd)
    return user


@pytest.fixture
def operator_a(demo):
    return _pengguna("operator_a", "operator", pd=demo["a"])


@pytest.fixture
def kepala_a(demo):
    return _pengguna("kepala_a", "kepala", pd=demo["a"])


@pytest.fixture
def operator_b(demo):
    return _pengguna("operator_b", "operator", pd=demo["b"])


@pytest.fixture
def evaluator(demo):
    return _pengguna("evaluator", "evaluator", pemda=demo["a"].pemda)


@pytest.fixture
def admin_pemda(demo):
    return _pengguna("admin_pemda", "admin_pemda", pemda=demo["a"].pemda)


@pytest.fixture
def evaluator_lain(demo):
    return _pengguna("evaluator_lain", "evaluator", pemda=demo["lain"].pemda)
