"""The read-only API: tokens, the same isolation as the pages, the figures of ``hitung``."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client

from api.models import TokenAPI
from kinerja.engine.hitung import hitung
from laporan.selectors_paket import paket_muat

pytestmark = pytest.mark.django_db
KINERJA = "/api/v1/perangkat-daerah/33.16.05/2024/kinerja/"


def _bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def token_a(operator_a) -> str:
    return TokenAPI.buat(operator_a, "uji")[1]


def test_a_token_reads_its_users_perangkat_daerah_with_the_computed_figures(token_a, demo):
    r = Client().get(KINERJA, **_bearer(token_a))
    assert r.status_code == 200 and r["Content-Type"] == "application/json"
    data = json.loads(r.content, parse_float=Decimal)
    hasil = hitung(paket_muat(demo["a"], 2024), 2024).indikator_per_kode()
    assert {i["kode"] for i in data["indikator"]} == set(hasil)
    for i in data["indikator"]:
        assert i["capaian"] == hasil[i["kode"]].capaian
        assert i["predikat"] == hasil[i["kode"]].predikat
    daftar = Client().get("/api/v1/perangkat-daerah/", **_bearer(token_a)).json()
    assert [p["kode"] for p in daftar["perangkat_daerah"]] == ["33.16.05"]


def test_another_perangkat_daerah_is_404_as_on_the_pages(token_a, operator_a):
    for url in (
        "/api/v1/perangkat-daerah/33.16.15/2024/kinerja/",
        "/api/v1/perangkat-daerah/35.17.12/2024/anggaran/",
        "/api/v1/perangkat-daerah/33.16.15/2024/lkjip/",
        "/api/v1/perangkat-daerah/33.16.15/2024/anggaran-sasaran/",
        "/api/v1/perangkat-daerah/35.17.12/2024/anggaran-sasaran/",
    ):
        r = Client().get(url, **_bearer(token_a))
        assert r.status_code == 404 and "galat" in r.json()
    halaman = Client()
    halaman.force_login(operator_a)
    assert halaman.get("/pd/33.16.15/2024/").status_code == 404


@pytest.mark.parametrize("kepala", ["", "Bearer ", "Bearer salah", "Basic dXNlcjpwYXNz"])
def test_no_or_a_wrong_token_is_401(demo, kepala):
    r = Client().get(KINERJA, **({"HTTP_AUTHORIZATION": kepala} if kepala else {}))
    assert r.status_code == 401 and r["WWW-Authenticate"].startswith("Bearer")
    assert r.json()["galat"]


def test_a_revoked_token_or_an_inactive_user_is_401(token_a, operator_a):
    TokenAPI.objects.get().cabut()
    assert Client().get(KINERJA, **_bearer(token_a)).status_code == 401
    token = TokenAPI.buat(operator_a, "lagi")[1]
    operator_a.is_active = False
    operator_a.save()
    assert Client().get(KINERJA, **_bearer(token)).status_code == 401


def test_a_wrong_token_is_not_saved_by_the_session(operator_a, demo):
    c = Client()
    c.force_login(operator_a)
    assert c.get(KINERJA).status_code == 200
    assert c.get(KINERJA, HTTP_AUTHORIZATION="Bearer salah").status_code == 401


def test_only_the_hash_is_stored_and_the_page_shows_the_token_once(operator_a, demo):
    c = Client()
    c.force_login(operator_a)
    r = c.post("/akun/token/", {"nama": "dasbor Bappeda"})
    token = r.context["token_baru"]
    assert token.startswith("lkjip_") and token in r.content.decode()
    row = TokenAPI.objects.get()
    assert token not in (row.hash, row.awal) and len(row.hash) == 64
    assert token not in c.get("/akun/token/").content.decode()
    assert Client().get(KINERJA, **_bearer(token)).status_code == 200
    c.post(f"/akun/token/{row.pk}/cabut/")
    assert Client().get(KINERJA, **_bearer(token)).status_code == 401


def test_unknown_api_paths_answer_json(token_a):
    r = Client().get("/api/v1/tidak-ada/", **_bearer(token_a))
    assert r.status_code == 404 and r.json()["galat"]
    r = Client().get("/api/v1/perangkat-daerah/33.16.05/dua/kinerja/", **_bearer(token_a))
    assert r.status_code == 404 and r.json()["galat"]


def test_the_budget_per_sasaran_as_held(token_a, demo):
    from anggaran.models import AnggaranSasaran
    from kinerja.models import Sasaran

    pd = demo["a"]
    s1, s2 = Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=pd).order_by("kode")[:2]
    AnggaranSasaran.objects.create(
        perangkat_daerah=pd, tahun=2024, sasaran=s2, pagu=Decimal(7), realisasi=None
    )
    AnggaranSasaran.objects.create(
        perangkat_daerah=pd,
        tahun=2024,
        sasaran=s1,
        pagu=Decimal(3466099100),
        realisasi=Decimal("3452287601.50"),
    )
    # Another year and another perangkat daerah's amounts are not part of the answer.
    AnggaranSasaran.objects.create(perangkat_daerah=pd, tahun=2023, sasaran=s1, pagu=1)
    url = "/api/v1/perangkat-daerah/33.16.05/2024/anggaran-sasaran/"
    r = Client().get(url, **_bearer(token_a))
    assert r.status_code == 200 and r["Content-Type"] == "application/json"
    data = json.loads(r.content, parse_float=Decimal)
    assert (data["perangkat_daerah"], data["tahun"]) == ("33.16.05", 2024)
    a, b = data["anggaran_sasaran"]
    assert (a["sasaran"], a["uraian"], a["tahun"]) == (s1.kode, s1.uraian, 2024)
    assert a["pagu"] == 3466099100 and a["realisasi"] == Decimal("3452287601.50")
    assert a["penyerapan"] == Decimal("3452287601.50") / 3466099100 * 100
    assert (b["sasaran"], b["pagu"], b["realisasi"], b["penyerapan"]) == (s2.kode, 7, None, None)
    # A year not opened is 404, as its page says it is not opened.
    r = Client().get(url.replace("2024", "2031"), **_bearer(token_a))
    assert r.status_code == 404 and "tahun 2031" in r.json()["galat"]
