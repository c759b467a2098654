"""The realisasi grid renders its rows in one flat loop: the number of templates rendered
does not grow with the rows, and the inputs it writes are those Django's widgets would."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from kinerja.models import Realisasi
from tests.sintetis import buat_pd_sintetis
from tests.web.test_realisasi import URL, _ind, _tanpa_catatan_iks1, data_awal, isi
from tests.web.test_realisasi import rasio as _rasio

rasio = _rasio  # the ratio-row fixture of the grid's tests


def _template(client, url: str, data: dict | None = None) -> tuple[int, str]:
    r = client.post(url, data) if data is not None else client.get(url)
    assert r.status_code == 200
    return len(r.templates), r.content.decode()


def _baris(r) -> list:
    return [x for bg in r.context["bagian"] for k in bg["kelompok"] for x in k["baris"]]


@pytest.fixture
def dua_pd(db, client):
    buat_pd_sintetis(10, kode="99.01.01", kode_pemda="99.01")
    buat_pd_sintetis(100, kode="98.01.01", kode_pemda="98.01")
    admin = get_user_model().objects.create_superuser("super", password="x")
    client.force_login(admin)


def test_templates_rendered_do_not_grow_with_rows(client, dua_pd):
    sepuluh, _ = _template(client, "/pd/99.01.01/2024/realisasi/2/")
    seratus, html = _template(client, "/pd/98.01.01/2024/realisasi/2/")
    assert html.count('<tr id="baris-') == 100
    assert sepuluh == seratus, (sepuluh, seratus)
    assert seratus <= 5


def test_a_grid_with_errors_renders_the_same_templates(client, dua_pd):
    url = "/pd/98.01.01/2024/realisasi/2/"
    r = client.get(url)
    data = data_awal(r)
    for nama in [n for n in data if n.endswith("-nilai")][:50]:
        data[nama] = "seratus"
    jumlah, html = _template(client, url, data)
    assert html.count('class="baris ada-galat"') == 50
    assert jumlah == len(r.templates)


def _sama_dengan_widget(r) -> int:
    """Every input the grid writes is the one Django's widget renders; returns how many."""
    html = r.content.decode()
    n = 0
    for x in _baris(r):
        nama = ["versi", "catatan"] + (["pembilang", "penyebut"] if x.rasio else ["nilai"])
        for bf in (x.form[k] for k in nama):
            assert str(bf) in html, str(bf)
            n += 1
        lain = ["nilai"] if x.rasio else ["pembilang", "penyebut"]
        for k in lain:
            assert f'name="{x.form[k].html_name}"' not in html
    return n


def test_inputs_are_those_of_the_widgets(client, operator_a, demo, rasio):
    _tanpa_catatan_iks1(demo["a"])
    client.force_login(operator_a)
    r = client.get(URL)
    assert _sama_dengan_widget(r) > 20
    # With errors: aria-invalid and aria-describedby point at the message next to the field.
    data = data_awal(r)
    isi(data, "IKS-2", nilai="seratus")
    isi(data, "IKS-1", nilai="80,5", catatan="")
    isi(data, "IKP-7.01.03-1", pembilang="5", penyebut="0", catatan="a & <b>")
    r = client.post(URL, data)
    assert r.status_code == 200
    html = r.content.decode()
    assert _sama_dengan_widget(r) > 20
    iks2, iks1 = _ind("IKS-2").pk, _ind("IKS-1").pk
    assert f'aria-describedby="id_r{iks2}-nilai_error"' in html
    assert f'<p class="galat" id="id_r{iks2}-nilai_error">' in html
    assert f'<p class="galat galat-catatan" id="id_r{iks1}-catatan_error">' in html
    assert f'aria-describedby="id_r{rasio.pk}-penyebut_error"' in html
    assert "a &amp; &lt;b&gt;</textarea>" in html


def test_read_only_grid_shows_notes_with_line_breaks(client, kepala_a, demo):
    r = Realisasi.objects.filter(indikator__kode="IKS-1", tahun=2024, triwulan=1).get(
        indikator__renstra__perangkat_daerah=demo["a"]
    )
    r.catatan = "Baris satu\n<baris> dua"
    r.save()
    client.force_login(kepala_a)
    html = client.get(URL).content.decode()
    assert "Baris satu<br>&lt;baris&gt; dua" in html
    assert "<textarea" not in html
