from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

URL_A = "/pd/33.16.05/2024/"
URL_B = "/pd/33.16.15/2024/"
URL_LAIN = "/pd/35.17.12/2024/"


def test_anonymous_is_sent_to_login(client, db):
    r = client.get(URL_A)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    r = client.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_login_page_is_indonesian(client, db):
    r = client.get("/masuk/")
    assert r.status_code == 200
    assert "Nama pengguna" in r.content.decode() and "Kata sandi" in r.content.decode()


def test_login_with_wrong_password_says_so_in_indonesian(client, operator_a):
    r = client.post("/masuk/", {"username": "operator_a", "password": "salah"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Nama pengguna atau kata sandi salah. Huruf besar dan kecil dibedakan." in html
    assert "nama pengguna nama pengguna" not in html.lower()


def test_operator_sees_own_results(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_A)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Rp 6.778.100.000" in html
    assert "98,34%" in html and "97,01%" in html and "102,33%" in html
    assert "Sangat Baik" in html


@pytest.mark.parametrize("user", ["operator_a", "kepala_a"])
def test_kecamatan_users_get_404_for_another_kecamatan(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(URL_B).status_code == 404
    assert client.get(URL_LAIN).status_code == 404


def test_evaluator_reads_every_kecamatan_of_its_pemda_only(client, evaluator):
    client.force_login(evaluator)
    assert client.get(URL_A).status_code == 200
    assert client.get(URL_B).status_code == 200
    assert client.get(URL_LAIN).status_code == 404
    html = client.get("/").content.decode()
    assert "Kecamatan Randublatung" in html and "Kecamatan Bogorejo" in html
    assert "Kecamatan Kesamben" not in html


def test_evaluator_of_another_pemda_sees_none_of_blora(client, evaluator_lain):
    client.force_login(evaluator_lain)
    assert client.get(URL_A).status_code == 404
    assert client.get(URL_LAIN).status_code == 200


def test_unknown_year_is_404(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2019/").status_code == 404


def test_page_queries_do_not_grow_with_indicators(client, evaluator):
    """Randublatung has 10 indicators, Bogorejo 56."""
    client.force_login(evaluator)
    jumlah = {}
    for url in (URL_A, URL_B):
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        jumlah[url] = len(q)
    assert jumlah[URL_A] == jumlah[URL_B], jumlah
    assert jumlah[URL_A] <= 45


def test_admin_lists_every_model(admin_client, demo):
    from django.contrib import admin

    for model in admin.site._registry:
        opts = model._meta
        r = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/")
        assert r.status_code == 200, opts.label
        if opts.app_label != "auth":
            # Indonesian names are set explicitly, never derived from the class name.
            assert "verbose_name" in opts.original_attrs, opts.label
            assert "verbose_name_plural" in opts.original_attrs, opts.label


def test_every_project_model_is_in_the_admin():
    from django.apps import apps
    from django.contrib import admin

    for app in ("kinerja", "anggaran", "laporan"):
        for model in apps.get_app_config(app).get_models():
            assert model in admin.site._registry, model._meta.label
