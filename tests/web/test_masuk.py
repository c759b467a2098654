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


# --- the client's address -------------------------------------------------------------


def _permintaan(remote: str, xff: str | None = None):
    from django.test import RequestFactory

    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().post("/masuk/", **extra)


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(settings):
    from kinerja.masuk import alamat_klien

    settings.LKJIP_PROXY_TEPERCAYA = ["10.0.0.5"]
    assert alamat_klien(_permintaan("203.0.113.9", "1.2.3.4")) == "203.0.113.9"
    assert alamat_klien(_permintaan("10.0.0.5", "198.51.100.7")) == "198.51.100.7"


def test_the_nearest_untrusted_address_is_the_client(settings):
    from kinerja.masuk import alamat_klien

    settings.LKJIP_PROXY_TEPERCAYA = ["10.0.0.0/24"]
    # The client wrote a fake first entry; the proxies appended what they saw.
    r = _permintaan("10.0.0.5", "6.6.6.6, 198.51.100.7, 10.0.0.9")
    assert alamat_klien(r) == "198.51.100.7"
    assert alamat_klien(_permintaan("10.0.0.5", "bukan-alamat, 10.0.0.9")) == "10.0.0.9"
    assert alamat_klien(_permintaan("10.0.0.5")) == "10.0.0.5"


def test_without_trusted_proxies_forwarded_for_is_never_believed(settings):
    from kinerja.masuk import alamat_klien

    settings.LKJIP_PROXY_TEPERCAYA = []
    assert alamat_klien(_permintaan("127.0.0.1", "198.51.100.7")) == "127.0.0.1"


def test_behind_a_proxy_one_users_typos_do_not_lock_out_the_office(
    client, settings, operator_a, kepala_a
):
    settings.LKJIP_PROXY_TEPERCAYA = ["10.0.0.5"]
    for _ in range(6):
        client.post(
            "/masuk/",
            {"username": "operator_a", "password": "salah"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR="192.168.1.20",
        )
    r = client.post(
        "/masuk/",
        {"username": "kepala_a", "password": "sandi-uji-123"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="192.168.1.21",
    )
    assert r.status_code == 302


# --- a known user cannot be locked out by a stranger ----------------------------------


def test_a_stranger_only_delays_a_user_name_and_the_delay_ends(client, operator_a, monkeypatch):
    import kinerja.masuk as masuk

    jam = [1_000_000.0]
    monkeypatch.setattr(masuk.time, "time", lambda: jam[0])
    for i in range(5):
        client.post(
            "/masuk/",
            {"username": "operator_a", "password": "salah"},
            REMOTE_ADDR=f"203.0.113.{i}",
        )
    r = client.post(
        "/masuk/", {"username": "operator_a", "password": "sandi-uji-123"}, REMOTE_ADDR="10.1.1.1"
    )
    assert r.status_code == 200
    assert "Tunggu 2 detik" in r.content.decode()
    jam[0] += masuk.tunda_nama(5)
    r = client.post(
        "/masuk/", {"username": "operator_a", "password": "sandi-uji-123"}, REMOTE_ADDR="10.1.1.1"
    )
    assert r.status_code == 302


def test_the_owners_own_browser_is_not_delayed(client, operator_a, monkeypatch):
    import kinerja.masuk as masuk

    monkeypatch.setattr(masuk.time, "time", lambda: 2_000_000.0)
    masuk_ok = {"username": "operator_a", "password": "sandi-uji-123"}
    assert client.post("/masuk/", masuk_ok).status_code == 302
    assert masuk.KUKI_PERANGKAT in client.cookies
    client.post("/keluar/")
    from django.test import Client

    orang_lain = Client()
    for i in range(12):
        orang_lain.post(
            "/masuk/",
            {"username": "operator_a", "password": "salah"},
            REMOTE_ADDR=f"198.51.100.{i}",
        )
    baru = Client()
    r = baru.post("/masuk/", masuk_ok, REMOTE_ADDR="10.9.9.9")
    assert "Tunggu" in r.content.decode()
    assert client.post("/masuk/", masuk_ok, REMOTE_ADDR="10.9.9.9").status_code == 302


def test_a_forged_device_cookie_does_not_help(client, operator_a):
    from kinerja.masuk import KUKI_PERANGKAT

    client.cookies[KUKI_PERANGKAT] = "operator_a"
    for _ in range(5):
        client.post("/masuk/", {"username": "operator_a", "password": "salah"})
    r = client.post("/masuk/", {"username": "operator_a", "password": "sandi-uji-123"})
    assert "Terlalu banyak percobaan" in r.content.decode()


def test_the_delay_doubles_and_is_capped():
    from kinerja.masuk import BATAS_GAGAL, TUNDA_MAKS_DETIK, tunda_nama

    assert tunda_nama(BATAS_GAGAL - 1) == 0
    assert [tunda_nama(BATAS_GAGAL + i) for i in range(4)] == [2, 4, 8, 16]
    assert tunda_nama(1000) == TUNDA_MAKS_DETIK == 60
