"""Renstra (/pd/<kode>/renstra/) and program tree (/pd/<kode>/program/)."""

from __future__ import annotations

import pytest

from interchange.simpan import paket_simpan
from kinerja.paket.parser import baca_paket
from tests.paket.test_laporan_lama import _data_tanpa_kode

URL_RENSTRA = "/pd/33.16.05/renstra/"
URL_PROGRAM = "/pd/33.16.05/program/"


@pytest.mark.parametrize("url", [URL_RENSTRA, URL_PROGRAM])
def test_anonymous_is_sent_to_login(client, demo, url):
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.parametrize("url", [URL_RENSTRA, URL_PROGRAM])
def test_it_checks_perangkat_daerah(client, operator_b, evaluator_lain, url):
    for user in (operator_b, evaluator_lain):
        client.force_login(user)
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("user", ["operator_a", "kepala_a", "evaluator"])
@pytest.mark.parametrize("url", [URL_RENSTRA, URL_PROGRAM])
def test_readers_of_the_pd_see_it(client, request, user, url):
    client.force_login(request.getfixturevalue(user))
    assert client.get(url).status_code == 200


def test_it_rejects_post(client, operator_a):
    client.force_login(operator_a)
    assert client.post(URL_RENSTRA).status_code == 405
    assert client.post(URL_PROGRAM).status_code == 405


def test_renstra_shows_vision_goals_targets_per_year(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_RENSTRA)
    html = r.content.decode()
    assert "Renstra Kecamatan Randublatung 2021–2026" in html
    assert "Sesarengan mBangun Blora" in html  # visi
    assert "Mewujudkan birokrasi yang profesional" in html  # misi
    assert "Meningkatnya Layanan Kecamatan sesuai SOP" in html  # sasaran
    assert "Peningkatan sinergitas antar instansi" in html  # arah kebijakan
    assert "Meningkatkan sinergitas antar instansi" in html  # strategi
    # years 2021–2026 as columns, then the end target
    for tahun in range(2021, 2027):
        assert f'<th class="angka">{tahun}</th>' in html
    assert "Akhir Renstra" in html
    # IKT-1 targets 85 / 85,5 / 86 / 86,5 / 86,5 with Indonesian decimals
    baris = html[html.index("IKT-1") : html.index("IKT-1") + 1500]
    assert ">85,5<" in baris and ">86,5<" in baris
    assert "Nilai akhir" in baris and "Positif" in baris and "IKU" in baris
    ind = r.context["tujuan"][0]["indikator"][0]["obj"]
    assert f"/pd/33.16.05/indikator/{ind.pk}/" in html


def test_renstra_without_data_says_so(client, operator_a):
    from kinerja.models import Renstra

    Renstra.objects.filter(perangkat_daerah__kode="33.16.05").delete()
    client.force_login(operator_a)
    r = client.get(URL_RENSTRA)
    assert r.status_code == 200
    assert "Belum ada Renstra" in r.content.decode()


def test_program_tree_shows_relative_codes_with_full_code_as_title(client, operator_a):
    client.force_login(operator_a)
    html = client.get(URL_PROGRAM).content.decode()
    assert 'title="7.01.01">7.01.01<' in html
    assert 'title="7.01.01.2.01"><span class="indent-1">2.01</span>' in html
    assert 'title="7.01.01.2.01.01"><span class="indent-2">01</span>' in html
    assert "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA" in html
    assert "Penyusunan Dokumen Perencanaan Perangkat Daerah" in html


def test_program_tree_shows_indicators_and_supported_sasaran(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_PROGRAM)
    program = r.context["pohon"][0]
    assert program["kode"] == "7.01.01"
    assert [s.kode for s in program["sasaran"]] == ["S2"]
    assert program["indikator"][0]["obj"].kode == "IKP-7.01.01-1"
    html = r.content.decode()
    assert "Persentase tercapainya program penunjang" in html
    assert "2024: 100" in html


def test_kegiatan_and_sub_kegiatan_indicators_sit_under_their_node(client, demo, request):
    client.force_login(request.getfixturevalue("operator_b"))
    r = client.get("/pd/33.16.15/program/")
    kegiatan = r.context["pohon"][0]["kegiatan"][0]
    assert kegiatan["kode"] == "2.01"
    assert kegiatan["indikator"][0]["obj"].kode == "IKK-7.01.01.2.01-1"
    assert kegiatan["sub"][0]["indikator"][0]["obj"].kode == "IKSK-7.01.01.2.01.06-1"


def test_a_program_without_a_code_is_marked_on_the_program_page(client, operator_a):
    paket_simpan(paket=baca_paket(_data_tanpa_kode()))
    client.force_login(operator_a)
    html = client.get("/pd/33.16.05/program/").content.decode()
    assert html.count("tanpa kode") == 6  # 1 program, 2 kegiatan, 3 sub kegiatan
    assert "kode X.01 disusun aplikasi" in html
    assert "7.01.05" in html
