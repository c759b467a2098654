"""Users of a pemda (/pemda/<kode>/pengguna/, …/baru/, …/<pk>/ubah/)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import LogPerubahan, Peran
from kinerja.services.pemda import pengguna_ubah, versi_pengguna

URL = "/pemda/33.16/pengguna/"
URL_BARU = "/pemda/33.16/pengguna/baru/"
SANDI = "Randublatung#2025"


def _baru(demo, **ubah):
    data = {
        "username": "siti.operator",
        "nama": "Siti Aminah",
        "email": "siti@blorakab.go.id",
        "jenis": "operator",
        "perangkat_daerah": str(demo["a"].pk),
        "sandi1": SANDI,
        "sandi2": SANDI,
    }
    data.update(ubah)
    return data


def _url_ubah(user):
    return f"/pemda/33.16/pengguna/{user.pk}/ubah/"


def _data_ubah(client, user, **ubah):
    form = client.get(_url_ubah(user)).context["form"]
    data = {n: form[n].value() for n in form.fields if form[n].value() not in (None, False)}
    data = {k: ("on" if v is True else str(v)) for k, v in data.items()}
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


def test_anonymous_is_sent_to_login(client, operator_a):
    for url in (URL, URL_BARU, _url_ubah(operator_a)):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.parametrize("user", ["operator_a", "kepala_a", "evaluator"])
def test_other_users_of_the_pemda_get_403(client, request, demo, operator_b, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(URL).status_code == 403
    assert client.get(URL_BARU).status_code == 403
    assert client.post(URL_BARU, _baru(demo)).status_code == 403
    assert client.get(_url_ubah(operator_b)).status_code == 403
    assert client.post(_url_ubah(operator_b), {"jenis": "kepala"}).status_code == 403
    assert not get_user_model().objects.filter(username="siti.operator").exists()


def test_users_of_another_pemda_get_404(client, evaluator_lain, operator_a):
    client.force_login(evaluator_lain)
    assert client.get(URL).status_code == 404
    assert client.get(_url_ubah(operator_a)).status_code == 404


def test_user_of_another_pemda_or_superuser_is_404(
    client, admin_pemda, evaluator_lain, django_user_model
):
    client.force_login(admin_pemda)
    assert client.get(_url_ubah(evaluator_lain)).status_code == 404
    root = django_user_model.objects.create_superuser("root", password="x")
    Peran.objects.create(pengguna=root, jenis="admin_pemda", pemda=admin_pemda.peran.pemda)
    assert client.get(_url_ubah(root)).status_code == 404
    assert client.post(_url_ubah(root), {"jenis": "operator"}).status_code == 404


def test_list_shows_the_users_of_the_pemda_with_role_and_pd(
    client, admin_pemda, operator_a, evaluator_lain
):
    client.force_login(admin_pemda)
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "operator_a" in html and "Kecamatan Randublatung" in html and "Operator" in html
    assert "evaluator_lain" not in html
    assert "belum pernah" in html


def test_it_creates_a_user_with_a_hashed_password_and_audit(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    r = client.post(URL_BARU, _baru(demo, is_superuser="on", is_staff="on"))
    assert r.status_code == 302 and r["Location"] == URL
    user = get_user_model().objects.get(username="siti.operator")
    assert user.get_full_name() == "Siti Aminah" and user.email == "siti@blorakab.go.id"
    assert not user.is_superuser and not user.is_staff and user.is_active
    assert user.password != SANDI and user.check_password(SANDI)
    assert (user.peran.jenis, user.peran.perangkat_daerah, user.peran.pemda) == (
        "operator",
        demo["a"],
        demo["a"].pemda,
    )
    log = LogPerubahan.objects.get(aksi="pengguna.buat")
    assert log.pengguna == admin_pemda and log.objek_id == user.pk
    assert log.data["baru"]["peran"] == "operator"
    assert log.data["baru"]["perangkat_daerah"] == "33.16.05"
    assert SANDI not in json.dumps(log.data) and user.password not in json.dumps(log.data)
    assert (
        "dibuat dengan peran operator di Kecamatan Randublatung" in client.get(URL).content.decode()
    )
    assert client.login(username="siti.operator", password=SANDI)


def test_evaluator_is_created_without_pd(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    r = client.post(
        URL_BARU, _baru(demo, username="inspektur", jenis="evaluator", perangkat_daerah="")
    )
    assert r.status_code == 302
    peran = get_user_model().objects.get(username="inspektur").peran
    assert peran.jenis == "evaluator" and peran.perangkat_daerah is None


def test_create_errors_are_indonesian_and_next_to_the_field(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    r = client.post(URL_BARU, _baru(demo, username="Admin_Pemda", sandi2="lain"))
    e = r.context["form"].errors
    assert e["username"] == ["Nama pengguna Admin_Pemda sudah dipakai."]
    assert e["sandi2"] == ["Kedua kata sandi tidak sama."]
    r = client.post(URL_BARU, _baru(demo, sandi1="12345678", sandi2="12345678"))
    assert "Kata sandi ini terlalu umum." in r.context["form"].errors["sandi1"]
    assert "Kata sandi ini seluruhnya terdiri dari angka." in r.context["form"].errors["sandi1"]
    r = client.post(URL_BARU, _baru(demo, perangkat_daerah=""))
    assert r.context["form"].errors["perangkat_daerah"] == [
        "Operator dan kepala harus terikat pada satu perangkat daerah pemda ini."
    ]
    r = client.post(URL_BARU, _baru(demo, jenis="admin_pemda"))
    assert "kosongkan isian perangkat daerah" in r.context["form"].errors["perangkat_daerah"][0]
    r = client.post(URL_BARU, _baru(demo, perangkat_daerah=str(demo["lain"].pk)))
    assert r.context["form"].errors["perangkat_daerah"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
    r = client.post(URL_BARU, _baru(demo, jenis="superuser"))
    assert "jenis" in r.context["form"].errors
    html = r.content.decode()
    assert 'value="Siti Aminah"' in html and SANDI not in html
    assert not get_user_model().objects.filter(username="siti.operator").exists()


def test_it_changes_role_pd_and_active_flag_with_audit(client, admin_pemda, operator_a, demo):
    client.force_login(admin_pemda)
    data = _data_ubah(client, operator_a, jenis="kepala", perangkat_daerah=str(demo["b"].pk))
    data.pop("aktif", None)  # unticked: deactivate
    r = client.post(_url_ubah(operator_a), data)
    assert r.status_code == 302
    operator_a.refresh_from_db()
    assert not operator_a.is_active
    assert (operator_a.peran.jenis, operator_a.peran.perangkat_daerah) == ("kepala", demo["b"])
    log = LogPerubahan.objects.get(aksi="pengguna.ubah")
    assert log.data["lama"] == {"peran": "operator", "perangkat_daerah": "33.16.05", "aktif": True}
    assert log.data["baru"] == {"peran": "kepala", "perangkat_daerah": "33.16.15", "aktif": False}
    assert "sandi_diatur_ulang" not in log.data


def test_it_resets_the_password_without_logging_it(client, admin_pemda, operator_a):
    client.force_login(admin_pemda)
    baru = "Kecamatan-Baru-2025"
    r = client.post(_url_ubah(operator_a), _data_ubah(client, operator_a, sandi1=baru, sandi2=baru))
    assert r.status_code == 302
    operator_a.refresh_from_db()
    assert operator_a.check_password(baru)
    log = LogPerubahan.objects.get(aksi="pengguna.ubah")
    assert log.data["sandi_diatur_ulang"] is True
    assert baru not in json.dumps(log.data) and operator_a.password not in json.dumps(log.data)
    r = client.post(
        _url_ubah(operator_a), _data_ubah(client, operator_a, sandi1="abc", sandi2="abc")
    )
    assert any("terlalu pendek" in x for x in r.context["form"].errors["sandi1"])


def test_admin_cannot_lock_themselves_out(client, admin_pemda):
    client.force_login(admin_pemda)
    data = _data_ubah(client, admin_pemda, jenis="evaluator")
    r = client.post(_url_ubah(admin_pemda), data)
    assert r.status_code == 200
    assert "tidak dapat mencabut peran admin pemda" in r.content.decode()
    admin_pemda.peran.refresh_from_db()
    assert admin_pemda.peran.jenis == "admin_pemda"


def test_stale_edit_is_refused(client, admin_pemda, operator_a, django_user_model):
    client.force_login(admin_pemda)
    data = _data_ubah(client, operator_a, jenis="kepala")
    rekan = django_user_model.objects.create_user("rekan_admin")
    pengguna_ubah(
        pemda=admin_pemda.peran.pemda,
        pengguna=rekan,
        user=operator_a,
        jenis="operator",
        perangkat_daerah=operator_a.peran.perangkat_daerah,
        aktif=False,
        sandi_baru=None,
        versi_asal=versi_pengguna(operator_a),
    )
    r = client.post(_url_ubah(operator_a), data)
    assert r.status_code == 200
    assert "telah diubah oleh rekan_admin pada" in r.content.decode()
    operator_a.refresh_from_db()
    assert operator_a.peran.jenis == "operator" and not operator_a.is_active


def test_list_queries_do_not_grow_with_users(client, admin_pemda, demo, django_user_model):
    client.force_login(admin_pemda)
    client.get(URL)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(URL)
    for i in range(20):
        u = django_user_model.objects.create_user(f"op{i}")
        Peran.objects.create(
            pengguna=u, jenis="operator", pemda=demo["a"].pemda, perangkat_daerah=demo["b"]
        )
    with CaptureQueriesContext(connection) as banyak:
        r = client.get(URL)
    assert len(r.context["daftar"]) > 20
    assert len(sedikit) == len(banyak) <= 8
