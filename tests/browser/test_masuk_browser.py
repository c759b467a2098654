from __future__ import annotations

import pytest

from tests.browser.conftest import masuk


@pytest.mark.django_db(transaction=True)
def test_login_and_results_in_chromium(live_server, halaman, demo, evaluator, simpan_gambar):
    halaman.goto(f"{live_server.url}/pd/33.16.05/2024/hitung/")
    assert "/masuk/" in halaman.url
    simpan_gambar(halaman, "masuk")
    masuk(halaman, live_server, "evaluator")
    assert "Kecamatan Bogorejo" in halaman.content()
    assert "Kecamatan Kesamben" not in halaman.content()
    halaman.goto(f"{live_server.url}/pd/33.16.05/2024/hitung/")
    assert "98,34%" in halaman.content()
    simpan_gambar(halaman, "hitung-randublatung", penuh=True)
