"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LKJIP_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# Playwright's sync API keeps an event loop running in the test thread; the
# test itself still talks to the database synchronously, which is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}; jalankan scripts/install.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _halaman_baru(chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def halaman(chromium):
    page = _halaman_baru(chromium)
    yield page
    page.context.close()


@pytest.fixture
def buka_sesi(chromium, live_server):
    """A factory of fresh browser sessions (own cookies), logged in through the form
    when a username is given; every session is closed at the end of the test."""
    dibuka = []

    def buka(username: str | None = None):
        page = _halaman_baru(chromium)
        dibuka.append(page.context)
        if username:
            masuk(page, live_server, username)
        return page

    yield buka
    for context in dibuka:
        context.close()


@pytest.fixture
def simpan_gambar():
    """Save a screenshot of the page under docs/screenshots/ (not committed by CI)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def simpan(page, nama: str, *, penuh: bool = False) -> Path:
        path = SCREENSHOTS / f"{nama}.png"
        if not penuh:
            page.screenshot(path=str(path))
            return path
        # A window as tall as the page: sticky bars (the save bar of the grids, the
        # table headers) then sit where a reader expects them, not mid-page.
        semula = page.viewport_size
        tinggi = page.evaluate("() => document.documentElement.scrollHeight")
        page.set_viewport_size({"width": semula["width"], "height": min(tinggi, 16_000)})
        try:
            page.screenshot(path=str(path), full_page=True)
        finally:
            page.set_viewport_size(semula)
        return path

    return simpan


def masuk(page, live_server, username: str, password: str = "sandi-uji-123") -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
