"""Opening a year in Chromium: the operator opens 2025 from the dashboard of that year."""

from __future__ import annotations

import pytest

from anggaran.models import DPA


@pytest.mark.django_db(transaction=True)
def test_operator_opens_2025_with_the_pagu_copied(live_server, buka_sesi, demo, operator_b):
    page = buka_sesi("operator_b")
    page.goto(f"{live_server.url}/pd/33.16.15/2025/")
    assert "Tahun 2025 belum dibuka" in page.content()
    page.check("input[name=salin_pagu]")
    page.click("button:has-text('Buka tahun 2025')")
    page.wait_for_url(f"{live_server.url}/pd/33.16.15/2025/pk/")
    html = page.content()
    assert "Tahun 2025 dibuka:" in html
    assert "DPA murni dengan pagu disalin dari DPA 2024 (draf)" in html
    assert "Indeks Kepuasan Masyarakat" in html

    page.goto(f"{live_server.url}/pd/33.16.15/2025/anggaran/dpa/murni/")
    assert "Pagu disalin dari DPA 2024 — periksa dan sesuaikan" in page.content()
    assert DPA.objects.get(perangkat_daerah=demo["b"], tahun=2025).pagu_disalin_dari == 2024
    # The year selector now lists 2025 and offers 2026.
    assert page.locator(".pilih-tahun a", has_text="2026 (belum dibuka)").count() == 1
