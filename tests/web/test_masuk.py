from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_bersih():
    cache.clear()
    yield
    cache.clear()


def test_login_works_and_lands_on_beranda(client, operator_a):
    r = client.post("/masuk/", {"username": "operator_a", "password": "sandi-uji-123"})
    assert r.status_code == 302 and r["Location"] == "/"


def test_repeated_failures_are_throttled_even_with_the_right_password(client, operator_a):
    for _ in range(5):
        r = client.post("/masuk/", {"username": "operator_a", "password": "salah"})
        assert r.status_code == 200
    r = client.post("/masuk/", {"username": "operator_a", "password": "sandi-uji-123"})
    assert r.status_code == 200
    assert "Terlalu banyak percobaan masuk yang gagal" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttling_is_per_username_and_address(client, operator_a, kepala_a):
    for _ in range(5):
        client.post(
            "/masuk/", {"username": "operator_a", "password": "salah"}, REMOTE_ADDR="10.0.0.1"
        )
    r = client.post(
        "/masuk/", {"username": "kepala_a", "password": "sandi-uji-123"}, REMOTE_ADDR="10.0.0.2"
    )
    assert r.status_code == 302


def test_passwords_are_hashed(operator_a):
    assert operator_a.password.startswith(("md5$", "pbkdf2_sha256$", "argon2", "bcrypt"))
    assert "sandi-uji-123" not in operator_a.password


def test_logout_needs_post(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/keluar/").status_code == 405
    assert client.post("/keluar/").status_code == 302
