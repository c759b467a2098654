"""The dashboard of a perangkat daerah and year: /pd/<kode>/<tahun>/."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import Realisasi, StatusTriwulan
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP
from tests.sintetis import buat_pd_sintetis

URL_A = "/pd/33.16.05/2024/"
NS = "{http://www.w3.org/2000/svg}"


def _svg(html: str, ident: str) -> ET.Element:
    """The inline chart whose <title> has id "<ident>-judul", parsed as XML."""
    for m in re.finditer(r"<svg\b.*?</svg>", html, re.S):
        if f'id="{ident}-judul"' in m.group():
            return ET.fromstring(m.group())
    raise AssertionError(f"grafik {ident} tidak ada")


def _baris(html: str, kode: str) -> str:
    m = re.search(rf'<tr>\s*<td class="kode">{re.escape(kode)}</td>.*?</tr>', html, re.S)
    assert m, kode
    return m.group()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("akar", password="sandi-uji-123")


def test_anonymous_is_sent_to_login(client, db):
    r = client.get(URL_A)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_checks_perangkat_daerah(client, operator_b, evaluator_lain):
    client.force_login(operator_b)
    assert client.get(URL_A).status_code == 404
    client.force_login(evaluator_lain)
    assert client.get(URL_A).status_code == 404


@pytest.mark.parametrize("peran", ["operator_a", "kepala_a", "evaluator"])
def test_it_works_for_every_reader(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    r = client.get(URL_A)
    assert r.status_code == 200
    assert r.context["page"] == "pd-beranda"


def test_unknown_year_is_404(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2019/").status_code == 404


def test_indicators_with_target_realisasi_capaian_and_coloured_predicate(client, operator_a):
    client.force_login(operator_a)
    html = client.get(URL_A).content.decode()
    ikt1 = _baris(html, "IKT-1")
    assert ">86<" in ikt1 and "PK perubahan" in ikt1 and ">88<" in ikt1
    assert "102,33%" in ikt1
    # Coloured by the band of the pemda's scale (Blora: Sangat Baik = #1a9850).
    assert 'style="--warna: #1a9850">Sangat Baik<' in ikt1
    assert "lengkap" in ikt1
    ikt2 = _baris(html, "IKT-2")
    assert "75,35" in ikt2 and "100,47%" in ikt2
    iks1 = _baris(html, "IKS-1")
    assert "Renstra" in iks1 and 'style="--warna: #a6d96a">Baik<' in iks1
    assert "sampai <strong>triwulan IV</strong>" in html


def test_review_status_of_each_triwulan(client, operator_a, demo):
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, status="disetujui"
    )
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=2, status="dikembalikan"
    )
    client.force_login(operator_a)
    r = client.get(URL_A)
    status = [(q["romawi"], q["label"]) for q in r.context["triwulan"]]
    assert status == [("I", "Disetujui"), ("II", "Dikembalikan"), ("III", "Draf"), ("IV", "Draf")]
    html = r.content.decode()
    assert 'class="status-disetujui"' in html and 'class="status-dikembalikan"' in html
    assert "belum diajukan" in html


def test_locked_year_is_said(client, operator_a, demo):
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="ditetapkan")
    tahun_kunci(demo["a"], 2024)
    client.force_login(operator_a)
    assert "data terkunci" in client.get(URL_A).content.decode()


def test_budget_per_program_and_total(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_A)
    program = r.context["program"]
    assert [p["kode"] for p in program] == [
        "7.01.01",
        "7.01.02",
        "7.01.03",
        "7.01.04",
        "7.01.05",
        "7.01.06",
        "total",
    ]
    html = r.content.decode()
    assert "Rp 3.312.000.900" in html and "Rp 3.212.997.594" in html and "97,01%" in html
    assert "Rp 6.778.100.000" in html and "98,34%" in html


def test_temuan_with_their_location(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_A)
    assert len(r.context["temuan"]) == 24
    html = r.content.decode()
    assert '<span class="jenis">realisasi anggaran 7.01.03</span>' in html
    assert "sedangkan jumlah rinciannya Rp 2.380.721.670" in html


def test_chart_of_realisasi_across_the_years_per_iku(client, operator_a):
    client.force_login(operator_a)
    html = client.get(URL_A).content.decode()
    svg = _svg(html, "grafik-iku-IKT-1")
    assert "IKT-1" in svg.get("aria-label")
    batang = [e for e in svg.iter(f"{NS}rect") if e.get("class") == "batang"]
    # Riwayat 2022 and 2023, then this year.
    assert [b.get("data-nilai") for b in batang] == ["86.12", "88.21", "88"]
    titik = [e for e in svg.iter(f"{NS}circle") if e.get("class") == "titik-garis"]
    assert [t.get("data-nilai") for t in titik] == ["85", "85.5", "86"]
    label = ["".join(t.itertext()) for t in svg.iter(f"{NS}text")]
    assert {"2022", "2023", "2024", "86,12", "88,21"} <= set(label)
    # Only IKU get a chart.
    assert 'id="grafik-iku-IKP-7-01-01-1-judul"' not in html


def test_chart_of_penyerapan_per_triwulan_counts_annual_rows_in_tw_iv(client, operator_a):
    client.force_login(operator_a)
    svg = _svg(client.get(URL_A).content.decode(), "grafik-penyerapan")
    titik = [e for e in svg.iter(f"{NS}circle") if e.get("class") == "titik"]
    # Randublatung reports its spending per year only.
    assert [t.get("data-nilai") for t in titik] == [
        str(Decimal("6665285195") / Decimal("6778100000") * 100)
    ]
    assert "98,34%" in ["".join(t.itertext()) for t in svg.iter(f"{NS}text")]


def test_so_far_figures_when_the_year_is_not_over(client, superuser):
    """Synthetic: quarterly targets 10 each, realisasi 10 and 9 in TW I–II, no TW III–IV yet."""
    pd = buat_pd_sintetis(10, kode="98.01.01", kode_pemda="98.01")
    Realisasi.objects.filter(
        indikator__kode="IKS-4", indikator__renstra__perangkat_daerah=pd, triwulan=2
    ).delete()
    client.force_login(superuser)
    r = client.get("/pd/98.01.01/2024/")
    html = r.content.decode()
    assert r.context["sampai"] == 2
    assert "s.d. TW II" in html
    iks2 = _baris(html, "IKS-2")
    # Target 40 for the year, 20 so far; realisasi 19 so far: 95% → Baik (Blora).
    assert ">40<" in iks2 and ">20<" in iks2 and ">19<" in iks2
    assert "95,00%" in iks2 and ">Baik<" in iks2
    iks4 = _baris(html, "IKS-4")
    assert "TW II" in iks4 and "50,00%" in iks4
    # An end-of-year indicator (nilai akhir) is not missing anything before TW IV.
    assert "lengkap" in _baris(html, "IKS-1")
    assert r.context["triwulan"][1]["kosong"] == 1

    svg = _svg(html, "grafik-penyerapan")
    titik = [e for e in svg.iter(f"{NS}circle") if e.get("class") == "titik"]
    # 3 sub kegiatan × pagu 1.000.000; 200.000 in TW I and 250.000 in TW II each.
    assert [Decimal(t.get("data-nilai")) for t in titik] == [20, 45, 45, 45]


def test_page_queries_do_not_grow_with_indicators(client, superuser):
    buat_pd_sintetis(10, kode="97.01.01", kode_pemda="97.01")
    buat_pd_sintetis(100, kode="97.02.01", kode_pemda="97.02")
    client.force_login(superuser)
    jumlah = {}
    for kode in ("97.01.01", "97.02.01"):
        with CaptureQueriesContext(connection) as q:
            assert client.get(f"/pd/{kode}/2024/").status_code == 200
        jumlah[kode] = len(q)
    assert jumlah["97.01.01"] == jumlah["97.02.01"], jumlah
    assert jumlah["97.01.01"] <= 40, jumlah
