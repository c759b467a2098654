"""Every table of a screen downloads as xlsx from its page (kinerja/unduh_tabel.py):
the same row source, typed cells, the page's own access check."""

from __future__ import annotations

import io
import re
from html import unescape

import openpyxl
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# A page of every template that shows a row source ({% tabel %}).
HALAMAN = [
    "/",
    "/pd/33.16.05/2024/",
    "/pd/33.16.05/2024/hitung/",
    "/pd/33.16.05/2024/anggaran/",
    "/pd/33.16.05/2024/pk/",
    "/pd/33.16.05/2024/pk-berjenjang/",
    "/pd/33.16.05/2024/pejabat/",
    "/pd/33.16.05/2024/skm/",
    "/pd/33.16.05/2024/pembanding/",
    "/pd/33.16.05/2024/lkjip/sumber-daya/",
    "/pd/33.16.05/renstra/",
    "/pd/33.16.05/program/",
    "/pd/33.16.05/riwayat/",
    "/pemda/33.16/perangkat-daerah/",
    "/pemda/33.16/pengguna/",
    "/pemda/33.16/tenggat/",
    "/pemda/33.16/pembanding/",
    "/evaluasi/33.16/",
]
# Pages whose tables may be empty in the demo (no link then).
BOLEH_KOSONG = {
    "/",
    "/pd/33.16.05/2024/pembanding/",
    "/pd/33.16.05/riwayat/",
    "/pd/33.16.05/2024/pk-berjenjang/",
    "/pemda/33.16/pembanding/",
    "/pd/33.16.05/2024/lkjip/sumber-daya/",
}


def _tautan(html: str) -> list[tuple[str, str]]:
    return [
        (unescape(href), label)
        for href, label in re.findall(
            r'<a href="([^"]*[?&]xlsx=\d+[^"]*)" download>Unduh Excel'
            r'<span class="sr-only">: tabel ([^<]*)</span></a>',
            html,
        )
    ]


@pytest.fixture
def klien(admin_pemda) -> Client:
    c = Client()
    c.force_login(admin_pemda)
    return c


@pytest.mark.parametrize("url", HALAMAN)
def test_each_table_of_the_page_downloads_as_its_own_sheet(klien, url):
    r = klien.get(url)
    assert r.status_code == 200, url
    tautan = _tautan(r.content.decode())
    if url not in BOLEH_KOSONG:
        assert tautan, f"{url}: tidak ada tabel yang dapat diunduh"
    for href, judul in tautan:
        x = klien.get(href)
        assert x.status_code == 200, href
        assert x["Content-Type"].startswith("application/vnd.openxmlformats"), href
        ws = openpyxl.load_workbook(io.BytesIO(x.content)).active
        assert ws["A1"].value == unescape(judul)
        assert ws["A2"].value and "Diunduh" in "".join(
            str(ws.cell(i, 1).value) for i in range(2, 5)
        )


def test_the_dashboard_capaian_are_numbers_in_the_sheet(klien):
    html = klien.get("/pd/33.16.05/2024/").content.decode()
    href, _ = _tautan(html)[0]
    ws = openpyxl.load_workbook(io.BytesIO(klien.get(href).content)).active
    persen = [c for row in ws.iter_rows() for c in row if c.number_format.endswith("%")]
    assert persen and all(c.data_type == "n" for c in persen)


def test_the_download_keeps_the_pages_access_check(admin_pemda, operator_b):
    pemilik = Client()
    pemilik.force_login(admin_pemda)
    href, _ = _tautan(pemilik.get("/pd/33.16.05/2024/").content.decode())[0]
    lain = Client()
    lain.force_login(operator_b)
    r = lain.get(href)
    assert r.status_code == 404
    assert not r["Content-Type"].startswith("application/vnd")
    anonim = Client().get(href)
    assert anonim.status_code == 302 and "/masuk/" in anonim["Location"]


def test_a_table_that_is_not_on_the_page_is_404(klien):
    assert klien.get("/pd/33.16.05/2024/?xlsx=999").status_code == 404
    assert klien.get("/pd/33.16.05/2024/?xlsx=satu").status_code == 404
