"""The budget summary of a year: /pd/<kode>/<tahun>/anggaran/."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.selectors import (
    jenis_belanja_berdampingan,
    penyerapan_per_triwulan,
    realisasi_sd_triwulan,
)
from kinerja.paket import types as t
from tests.sintetis import buat_pd_sintetis

URL_A = "/pd/33.16.05/2024/anggaran/"


def _baris(html: str, kode: str) -> str:
    m = re.search(rf'<tr[^>]*>\s*<td class="kode">{re.escape(kode)}</td>.*?</tr>', html, re.S)
    assert m, kode
    return m.group()


def test_anonymous_is_sent_to_login(client, db):
    r = client.get(URL_A)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_checks_perangkat_daerah(client, operator_b, evaluator_lain):
    for user in (operator_b, evaluator_lain):
        client.force_login(user)
        assert client.get(URL_A).status_code == 404


@pytest.mark.parametrize("peran", ["operator_a", "kepala_a", "evaluator"])
def test_it_works_for_every_reader(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    r = client.get(URL_A)
    assert r.status_code == 200
    # Only the operator is offered to change the pagu.
    assert ("Lihat dan ubah pagu" in r.content.decode()) == (peran == "operator_a")


def test_unknown_year_is_404(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2019/anggaran/").status_code == 404


def test_dpa_versions_with_totals_and_links(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_A)
    versi = r.context["versi"]
    assert [(v["label"], v["total"], v["berlaku"]) for v in versi] == [
        ("Murni", 6176100000, False),
        ("Perubahan", 6778100000, True),
    ]
    html = r.content.decode()
    assert 'href="/pd/33.16.05/2024/anggaran/dpa/murni/"' in html
    assert 'href="/pd/33.16.05/2024/anggaran/dpa/perubahan/"' in html
    assert "Rp 6.176.100.000" in html


def test_program_tree_with_realisasi_and_penyerapan(client, operator_a):
    client.force_login(operator_a)
    html = client.get(URL_A).content.decode()
    sub = _baris(html, "7.01.01.2.01.01")
    assert "Rp 2.315.000" in sub and "Rp 2.297.000" in sub and "99,22%" in sub
    program = _baris(html, "7.01.01")
    assert "Rp 3.312.000.900" in program and "97,01%" in program
    assert "Rp 6.665.285.195" in html


def test_jenis_belanja_before_and_after_perubahan_side_by_side(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_A)
    jb = r.context["jenis_belanja"]
    assert jb["kolom"] == ["Murni", "Perubahan"]
    html = r.content.decode()
    barang = _baris(html, "5.1.02")
    assert "Belanja Barang dan Jasa" in barang
    assert barang.index("Rp 1.111.065.000") < barang.index("Rp 1.109.690.000")
    assert "-Rp 1.375.000" in barang
    assert "Rp 602.000.000" in html  # the total grew by this much


def test_realisasi_per_triwulan_per_sub_kegiatan(client, db):
    pd = buat_pd_sintetis(10, kode="96.01.01", kode_pemda="96.01")
    user = get_user_model().objects.create_superuser("akar", password="sandi-uji-123")
    client.force_login(user)
    r = client.get(f"/pd/{pd.kode}/2024/anggaran/")
    baris = [b for b in r.context["triwulan"]["baris"] if b["jenis"] == "sub_kegiatan"]
    assert len(baris) == 3
    assert baris[0]["tw"] == [200000, 250000, None, None] and baris[0]["tahunan"] is None
    html = r.content.decode().split("Realisasi anggaran sub kegiatan per triwulan", 1)[1]
    sub = _baris(html, "7.01.01.2.01.01")
    assert "Rp 200.000" in sub and "Rp 250.000" in sub and "45,00%" in sub
    assert [p.penyerapan for p in r.context["penyerapan_tw"]] == [20, 45, 45, 45]


def test_annual_only_realisasi_is_marked(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_A)
    assert r.context["triwulan"]["ada_tahunan"]
    assert "dihitung pada triwulan IV" in r.content.decode()


def test_page_queries_do_not_grow_with_indicators(client, db):
    buat_pd_sintetis(10, kode="95.01.01", kode_pemda="95.01")
    buat_pd_sintetis(100, kode="95.02.01", kode_pemda="95.02")
    user = get_user_model().objects.create_superuser("akar", password="sandi-uji-123")
    client.force_login(user)
    jumlah = {}
    for kode in ("95.01.01", "95.02.01"):
        with CaptureQueriesContext(connection) as q:
            assert client.get(f"/pd/{kode}/2024/anggaran/").status_code == 200
        jumlah[kode] = len(q)
    assert jumlah["95.01.01"] == jumlah["95.02.01"], jumlah
    assert jumlah["95.01.01"] <= 40, jumlah


# --------------------------------------------------------------------------- pure read helpers (no database)


def _paket(realisasi: dict, pagu: dict) -> t.Paket:
    keg = t.Kegiatan(
        kode="7.01.01.2.01",
        nama="Kegiatan",
        sub_kegiatan=[
            t.SubKegiatan(kode="7.01.01.2.01.01", nama="A"),
            t.SubKegiatan(kode="7.01.01.2.01.02", nama="B"),
        ],
    )
    return t.Paket(
        pemda=None,
        perangkat_daerah=None,
        renstra=None,
        program=[t.Program(kode="7.01.01", nama="Program", kegiatan=[keg])],
        tahun=[
            t.Tahun(tahun=2024, dpa=[t.DPA(versi="murni", pagu=pagu)], realisasi_anggaran=realisasi)
        ],
    )


def test_realisasi_sd_triwulan_counts_annual_amounts_in_tw_iv():
    assert realisasi_sd_triwulan([D(1), D(2), None, D(4)], 2) == 3
    assert realisasi_sd_triwulan([None, None, D(5), None], 2) is None
    assert realisasi_sd_triwulan(D(9), 3) is None
    assert realisasi_sd_triwulan(D(9), 4) == 9
    assert realisasi_sd_triwulan(None, 4) is None


def test_penyerapan_per_triwulan_is_cumulative_over_the_pagu():
    paket = _paket(
        {"7.01.01.2.01.01": [D(100), D(100), None, None], "7.01.01.2.01.02": D(300)},
        {"7.01.01.2.01.01": D(500), "7.01.01.2.01.02": D(500)},
    )
    hasil = penyerapan_per_triwulan(paket, 2024)
    assert [h.realisasi for h in hasil] == [100, 200, 200, 500]
    assert [h.penyerapan for h in hasil] == [10, 20, 20, 50]
    assert penyerapan_per_triwulan(paket, 2023) == []


def test_a_stated_parent_amount_wins_in_tw_iv_as_in_hitung():
    paket = _paket(
        {"7.01.01.2.01.01": [D(100), None, None, None], "7.01.01": D(900)},
        {"7.01.01": D(1000)},
    )
    hasil = penyerapan_per_triwulan(paket, 2024)
    assert [h.realisasi for h in hasil] == [100, 100, 100, 900]
    assert hasil[3].penyerapan == 90


def test_jenis_belanja_side_by_side_keeps_natural_code_order():
    rows = [
        {
            "versi": "murni",
            "kode": "5.1",
            "nama": "",
            "kedalaman": 0,
            "pagu": D(10),
            "realisasi": None,
            "penyerapan": None,
        },
        {
            "versi": "murni",
            "kode": "5.1.10",
            "nama": "x",
            "kedalaman": 1,
            "pagu": D(4),
            "realisasi": None,
            "penyerapan": None,
        },
        {
            "versi": "perubahan",
            "kode": "5.1",
            "nama": "",
            "kedalaman": 0,
            "pagu": D(12),
            "realisasi": D(6),
            "penyerapan": D(50),
        },
        {
            "versi": "perubahan",
            "kode": "5.1.2",
            "nama": "",
            "kedalaman": 1,
            "pagu": D(12),
            "realisasi": None,
            "penyerapan": None,
        },
    ]
    dpa = [t.DPA(versi="murni"), t.DPA(versi="perubahan")]
    jb = jenis_belanja_berdampingan(rows, dpa, dpa[1])
    assert jb["kolom"] == ["murni", "perubahan"]
    assert [b["kode"] for b in jb["baris"]] == ["5.1", "5.1.2", "5.1.10"]
    assert jb["baris"][0]["pagu"] == [10, 12] and jb["baris"][0]["selisih"] == 2
    assert jb["baris"][0]["nama"] == "Belanja Operasi" and jb["baris"][0]["penyerapan"] == 50
    assert jb["baris"][1]["pagu"] == [None, 12] and jb["baris"][1]["selisih"] is None
    assert jb["total"] == [10, 12] and jb["selisih_total"] == 2
