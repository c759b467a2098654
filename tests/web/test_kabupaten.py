"""The kabupaten dashboard (laporan/views/kabupaten.py) for the evaluator and the admin
pemda: every perangkat daerah of Blora with the engine's figures, sorted and filtered on
the server, the same rows in the workbook, the ranking of the indicators Randublatung and
Bogorejo share, the year against the one before; a query count that does not grow with
the number of perangkat daerah."""

from __future__ import annotations

import dataclasses
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from anggaran.models import Pagu
from interchange.simpan import paket_simpan
from kinerja.audit import catat_perubahan
from kinerja.engine.hitung import hitung
from kinerja.models import PerangkatDaerah
from laporan.selectors_paket import paket_muat

pytestmark = pytest.mark.django_db
DASBOR = "/evaluasi/33.16/2024/kabupaten/"
PERINGKAT = "/evaluasi/33.16/2024/kabupaten/peringkat/"
BANDING = "/evaluasi/33.16/2024/kabupaten/banding/"
XLSX = "/evaluasi/33.16/2024/ringkasan.xlsx"


@pytest.fixture(autouse=True)
def _cache_kosong():
    cache.clear()


def _masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _baris(html: str) -> list[str]:
    """The body rows of the dashboard's table as text, one string per row."""
    tabel = html[html.index('<table class="data kabupaten"') :]
    tabel = tabel[: tabel.index("</table>")]
    tbody = tabel[tabel.index("<tbody") :]
    hasil = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", tbody, re.S):
        teks = re.sub(r"<[^>]+>", " ", tr)
        hasil.append(" ".join(teks.split()))
    return hasil


def _tambah_pd(demo, kode: str, nama: str) -> PerangkatDaerah:
    """Another kecamatan of Blora: Bogorejo's data under a new code."""
    paket = paket_muat(demo["b"])
    pd = dataclasses.replace(paket.perangkat_daerah, kode=kode, nama=nama)
    return paket_simpan(paket=dataclasses.replace(paket, perangkat_daerah=pd))


def _kueri(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200  # fills the cache
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200
    return len(q)


def test_every_pd_of_the_pemda_with_the_engines_figures(demo, evaluator):
    r = _masuk(evaluator).get(DASBOR)
    assert r.status_code == 200
    html = r.content.decode()
    baris = _baris(html)
    assert len(baris) == 2 and "Kesamben" not in html  # Blora's two, not Jombang's
    a, b = baris
    assert a.startswith("33.16.05 Kecamatan Randublatung Draf")
    ring = hitung(paket_muat(demo["a"], 2024), 2024).ringkasan
    assert ring["rata_rata_capaian_iku"].quantize(Decimal("0.01")) == Decimal("100.70")
    assert "100,70%" in a and "98,34%" in a  # average capaian IKU, penyerapan
    # The "Nilai SAKIP Perangkat Daerah" indicator's realisasi and its 88/2021 predicate.
    assert "75,35 BB" in a and "83,75 A" in b
    # Open recommendations: a column, "—" until the LHE exists; late quarters.
    assert "Rekomendasi terbuka" in html
    assert a.endswith("— I, II, III, IV")
    assert 'href="/pd/33.16.05/2024/"' in html


def test_a_pd_without_a_sakip_indicator_shows_a_dash(demo, evaluator):
    from kinerja.models import Indikator

    Indikator.objects.filter(
        renstra__perangkat_daerah=demo["a"], nama__istartswith="Nilai SAKIP"
    ).update(nama="Indeks reformasi birokrasi")
    catat_perubahan(pengguna=None, perangkat_daerah=demo["a"], aksi="uji.ubah", tahun=2024)
    a = _baris(_masuk(evaluator).get(DASBOR).content.decode())[0]
    assert "75,35" not in a and "— —" in a


@pytest.mark.parametrize(
    ("urut", "urutan"),
    [
        ("kode", ["33.16.05", "33.16.15"]),
        ("-kode", ["33.16.15", "33.16.05"]),
        ("-capaian", ["33.16.15", "33.16.05"]),  # 106,44% before 100,70%
        ("capaian", ["33.16.05", "33.16.15"]),
        ("-penyerapan", ["33.16.05", "33.16.15"]),  # 98,34% before 94,50%
        ("sakip", ["33.16.05", "33.16.15"]),
        ("tanpa-realisasi", ["33.16.05", "33.16.15"]),
        ("ngawur", ["33.16.05", "33.16.15"]),  # unknown: by code
    ],
)
def test_sorted_on_the_server(demo, evaluator, urut, urutan):
    baris = _baris(_masuk(evaluator).get(DASBOR, {"urut": urut}).content.decode())
    assert [b.split()[0] for b in baris] == urutan


def test_filtered_by_text_and_status(demo, evaluator):
    c = _masuk(evaluator)
    baris = _baris(c.get(DASBOR, {"q": "  bogo "}).content.decode())
    assert [b.split()[0] for b in baris] == ["33.16.15"]
    assert len(_baris(c.get(DASBOR, {"status": "draf"}).content.decode())) == 2
    html = c.get(DASBOR, {"status": "ditetapkan"}).content.decode()
    assert "Tidak ada perangkat daerah yang cocok." in html and "0 dari 2" in html
    html = c.get("/evaluasi/33.16/2030/kabupaten/", {"status": "belum"}).content.decode()
    assert len(_baris(html)) == 2  # no LKjIP of 2030


def test_the_workbook_has_the_screens_rows_in_its_order_and_filter(demo, admin_pemda):
    c = _masuk(admin_pemda)
    html = c.get(DASBOR, {"urut": "-capaian", "q": "kecamatan"}).content.decode()
    assert f"{XLSX}?urut=-capaian&amp;status=&amp;q=kecamatan" in html
    r = c.get(XLSX, {"urut": "-capaian", "q": "kecamatan"})
    assert r.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(r.content))["Ringkasan"]
    rows = list(ws.iter_rows(values_only=True))
    i = next(n for n, x in enumerate(rows) if x[0] == "Kode")
    kepala = rows[i]
    assert "Nilai SAKIP" in kepala and "Rekomendasi terbuka" in kepala
    data = [dict(zip(kepala, x, strict=True)) for x in rows[i + 1 :] if any(x)]
    assert [x["Kode"] for x in data] == ["33.16.15", "33.16.05"]
    assert data[1]["Nilai SAKIP"] == 75.35 and data[1]["Predikat SAKIP"] == "BB"
    r = c.get(XLSX, {"q": "randu"})
    ws = openpyxl.load_workbook(io.BytesIO(r.content))["Ringkasan"]
    assert [x[0] for x in ws.iter_rows(values_only=True)].count("33.16.15") == 0


def test_cached_figures_are_computed_again_after_a_recorded_change(demo, evaluator):
    c = _masuk(evaluator)
    assert "2.130.000.000" in _baris(c.get(DASBOR).content.decode())[1]
    # A change behind the audit trail's back is not seen: the figures come from the cache…
    Pagu.objects.filter(dpa__perangkat_daerah=demo["b"], dpa__tahun=2024).update(
        jumlah=F("jumlah") * 2
    )
    assert "2.130.000.000" in _baris(c.get(DASBOR).content.decode())[1]
    # …until the change is recorded, as every service does.
    catat_perubahan(pengguna=None, perangkat_daerah=demo["b"], aksi="pagu.ubah", tahun=2024)
    b = _baris(c.get(DASBOR).content.decode())[1]
    assert "4.260.000.000" in b
    # A pemda-level change (the rules) reads every perangkat daerah again.
    Pagu.objects.filter(dpa__perangkat_daerah=demo["a"], dpa__tahun=2024).update(jumlah=0)
    catat_perubahan(pengguna=None, perangkat_daerah=None, aksi="pemda.aturan_ubah")
    assert "6.778.100.000" not in _baris(c.get(DASBOR).content.decode())[0]


def test_the_query_count_does_not_depend_on_the_number_of_pds(demo, evaluator):
    c = _masuk(evaluator)
    dua = {url: _kueri(c, url) for url in (DASBOR, PERINGKAT, BANDING, XLSX)}
    _tambah_pd(demo, "33.16.16", "Kecamatan Uji")
    _tambah_pd(demo, "33.16.17", "Kecamatan Uji Lagi")
    assert len(_baris(c.get(DASBOR).content.decode())) == 4
    empat = {url: _kueri(c, url) for url in (DASBOR, PERINGKAT, BANDING, XLSX)}
    assert empat == dua


def test_the_ranking_of_the_indicators_both_kecamatan_share(demo, admin_pemda):
    c = _masuk(admin_pemda)
    html = c.get(PERINGKAT).content.decode()
    assert "dicocokkan menurut <strong>nama indikator</strong>" in html
    assert html.count("(2 perangkat daerah)</option>") == 6
    html = c.get(PERINGKAT, {"indikator": "persentase lembaga masyarakat aktif"}).content.decode()
    assert "Peringkat capaian: Persentase lembaga masyarakat aktif" in html
    assert html.count('class="batang"') == 2  # the chart: a bar per perangkat daerah
    assert "<svg" in html and "Capaian 2023" in html
    tabel = html[html.index('<table class="data peringkat"') :]
    assert tabel.index("Kecamatan") < tabel.index("</table>")
    rank = re.findall(r"<tr[^>]*>\s*<td[^>]*>\s*(\d)\s*</td>", tabel[: tabel.index("</table>")])
    assert rank in (["1", "2"], ["1", "1"])


def test_the_year_against_the_one_before(demo, evaluator):
    c = _masuk(evaluator)
    html = c.get(BANDING).content.decode()
    assert "Perbandingan tahun 2024 dengan tahun 2023" in html
    assert "Rata-rata capaian IKU 2023" in html and "Rata-rata capaian IKU 2024" in html
    assert "100,70%" in html and "<svg" in html
    # A year whose previous year has the data: 2025 against 2024.
    html = c.get("/evaluasi/33.16/2025/kabupaten/banding/").content.decode()
    assert "100,70%" in html


def test_linked_from_the_home_and_the_evaluators_list(demo, evaluator, admin_pemda, operator_a):
    for u in (evaluator, admin_pemda):
        c = _masuk(u)
        assert "/evaluasi/33.16/kabupaten/" in c.get("/").content.decode()
        assert "/evaluasi/33.16/kabupaten/" in c.get("/evaluasi/33.16/").content.decode()
        r = c.get("/evaluasi/33.16/kabupaten/")
        assert r.status_code == 302 and r["Location"] == DASBOR
    assert "/kabupaten/" not in _masuk(operator_a).get("/").content.decode()


@pytest.mark.parametrize("url", [DASBOR, PERINGKAT, BANDING, XLSX, "/evaluasi/33.16/kabupaten/"])
def test_only_the_evaluator_and_admin_pemda_of_the_pemda(
    demo, evaluator, admin_pemda, operator_a, kepala_a, operator_b, evaluator_lain, url
):
    for u in (evaluator, admin_pemda):
        assert _masuk(u).get(url).status_code in (200, 302)
    for u in (operator_a, kepala_a, operator_b, evaluator_lain):
        assert _masuk(u).get(url).status_code == 404
    r = Client().get(url)
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_a_changed_year_is_cached_again_in_the_background(demo, evaluator, monkeypatch):
    from unittest import mock

    import laporan.jobs as jobs
    from laporan.ringkasan_pemda import ringkasan_hangatkan

    c = _masuk(evaluator)
    hangat = _kueri(c, DASBOR)
    Pagu.objects.filter(dpa__perangkat_daerah=demo["b"], dpa__tahun=2024).update(
        jumlah=F("jumlah") * 2
    )
    catat_perubahan(pengguna=None, perangkat_daerah=demo["b"], aksi="pagu.ubah", tahun=2024)
    # The debounced task that follows a change of the year (laporan.jobs.data_berubah).
    monkeypatch.setattr(jobs.time, "time", lambda: 10_000_000.0)
    with mock.patch("laporan.jobs.draf_minta"):
        jobs.draf_otomatis(demo["b"].pk, 2024)
    with CaptureQueriesContext(connection) as q:
        html = c.get(DASBOR).content.decode()
    assert len(q) == hangat  # nothing computed in the request
    assert "4.260.000.000" in _baris(html)[1]
    assert not ringkasan_hangatkan(999_999, 2024)
