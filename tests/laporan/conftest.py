"""Fixtures of the LKjIP workflow tests: media in a temporary folder, a fast stand-in for
WeasyPrint, and Randublatung 2024 ready, submitted and signed through the screens."""

from __future__ import annotations

from unittest import mock

import pytest

from laporan.models import SnapshotLKjIP
from tests.laporan.data_alur import EDITOR, lengkapi, lkjip, pdf_palsu


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def pdf_cepat():
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        yield


@pytest.fixture
def siap(demo):
    return lengkapi(demo["a"])


@pytest.fixture
def diajukan(client, operator_a, siap):
    client.force_login(operator_a)
    assert client.post(EDITOR + "ajukan/").status_code == 302
    assert lkjip(siap.perangkat_daerah).status == "diajukan"
    client.logout()
    return siap


@pytest.fixture
def ditetapkan(client, kepala_a, diajukan):
    client.force_login(kepala_a)
    r = client.post(EDITOR + "tetapkan/")
    assert r.status_code == 302
    pesan = client.get(r["Location"]).context["messages"]
    assert lkjip(diajukan.perangkat_daerah).status == "ditetapkan", [str(m) for m in pesan]
    client.logout()
    return SnapshotLKjIP.objects.get(lkjip=diajukan)
