"""Perangkat daerah of a pemda (/pemda/<kode>/perangkat-daerah/ and …/<pk>/ubah/)."""

from __future__ import annotations

import pytest

from kinerja.models import LogPerubahan, PerangkatDaerah
from kinerja.services.pemda import perangkat_daerah_ubah, versi_perangkat_daerah

URL = "/pemda/33.16/perangkat-daerah/"
BARU = {
    "kode": "33.16.01",
    "nama": "Kecamatan Jati",
    "jenis": "kecamatan",
    "alamat": "Jl. Raya Jati No. 1",
    "telepon": "(0296) 123456",
    "email": "kec.jati@blorakab.go.id",
    "situs": "",
}


def _url_ubah(pd):
    return f"/pemda/33.16/perangkat-daerah/{pd.pk}/ubah/"


def _data(client, pd, **ubah):
    form = client.get(_url_ubah(pd)).context["form"]
    data = {n: form[n].value() or "" for n in form.fields}
    data.update(ubah)
    return data


def test_anonymous_is_sent_to_login(client, demo):
    for r in (client.get(URL), client.get(_url_ubah(demo["a"]))):
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.parametrize("user", ["operator_a", "kepala_a", "evaluator"])
def test_other_users_of_the_pemda_get_403(client, request, demo, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(URL).status_code == 403
    assert client.post(URL, BARU).status_code == 403
    assert client.get(_url_ubah(demo["a"])).status_code == 403
    assert client.post(_url_ubah(demo["a"]), BARU).status_code == 403
    assert not PerangkatDaerah.objects.filter(kode="33.16.01").exists()


def test_users_of_another_pemda_get_404(client, evaluator_lain, demo):
    client.force_login(evaluator_lain)
    assert client.get(URL).status_code == 404
    assert client.get(_url_ubah(demo["a"])).status_code == 404


def test_pd_of_another_pemda_is_404(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    assert client.get(f"/pemda/33.16/perangkat-daerah/{demo['lain'].pk}/ubah/").status_code == 404
    assert client.get(f"/pemda/35.17/perangkat-daerah/{demo['a'].pk}/ubah/").status_code == 404


def test_list_shows_the_pemda_only(client, admin_pemda):
    client.force_login(admin_pemda)
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Kecamatan Randublatung" in html and "Kecamatan Bogorejo" in html
    assert "Kecamatan Kesamben" not in html
    assert [pd.kode for pd in r.context["daftar"]] == ["33.16.05", "33.16.15"]


def test_it_creates_a_pd_with_audit(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    r = client.post(URL, BARU)
    assert r.status_code == 302 and r["Location"] == URL
    pd = PerangkatDaerah.objects.get(kode="33.16.01")
    assert pd.pemda == demo["a"].pemda and pd.email == "kec.jati@blorakab.go.id"
    log = LogPerubahan.objects.get(aksi="perangkat_daerah.buat")
    assert log.pengguna == admin_pemda and log.perangkat_daerah == pd
    assert log.data["baru"]["nama"] == "Kecamatan Jati"
    assert "Kecamatan Jati (33.16.01) ditambahkan." in client.get(URL).content.decode()


def test_create_shows_errors_next_to_fields(client, admin_pemda):
    client.force_login(admin_pemda)
    r = client.post(URL, {**BARU, "kode": "33.16.05", "email": "bukan-surel", "nama": ""})
    assert r.status_code == 200
    e = r.context["form"].errors
    assert e["kode"] == ["Kode 33.16.05 sudah dipakai oleh Kecamatan Randublatung."]
    assert e["nama"] == ["Bidang ini tidak boleh kosong."]
    assert e["email"] == ["Masukkan alamat email yang valid."]
    r = client.post(URL, {**BARU, "kode": "33 16/01"})
    assert "Kode hanya boleh berisi huruf, angka" in r.context["form"].errors["kode"][0]
    r = client.post(URL, {**BARU, "kode": "33.16.05"})
    assert r.context["form"].errors["kode"] == [
        "Kode 33.16.05 sudah dipakai oleh Kecamatan Randublatung."
    ]
    assert 'value="Jl. Raya Jati No. 1"' in r.content.decode()
    assert not PerangkatDaerah.objects.filter(nama="Kecamatan Jati").exists()


def test_it_edits_a_pd_with_audit(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    pd = demo["b"]
    r = client.post(_url_ubah(pd), _data(client, pd, alamat="Jl. Bogorejo 2", telepon="0296-1"))
    assert r.status_code == 302
    pd.refresh_from_db()
    assert (pd.alamat, pd.telepon) == ("Jl. Bogorejo 2", "0296-1")
    log = LogPerubahan.objects.get(aksi="perangkat_daerah.ubah")
    assert log.data["baru"] == {"alamat": "Jl. Bogorejo 2", "telepon": "0296-1"}
    assert set(log.data["lama"]) == {"alamat", "telepon"}


def test_edit_refuses_a_code_in_use(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    r = client.post(_url_ubah(demo["b"]), _data(client, demo["b"], kode="33.16.05"))
    assert r.status_code == 200
    assert "sudah dipakai oleh Kecamatan Randublatung" in r.context["form"].errors["kode"][0]


def test_stale_edit_is_refused(client, admin_pemda, demo, django_user_model):
    client.force_login(admin_pemda)
    pd = demo["b"]
    data = _data(client, pd, nama="Kecamatan Bogorejo Baru")
    rekan = django_user_model.objects.create_user("rekan")
    perangkat_daerah_ubah(
        perangkat_daerah=pd,
        pengguna=rekan,
        data={
            **{k: getattr(pd, k) for k in ("kode", "nama", "jenis", "telepon", "email", "situs")},
            "alamat": "x",
        },
        versi_asal=versi_perangkat_daerah(pd),
    )
    r = client.post(_url_ubah(pd), data)
    assert r.status_code == 200
    assert "telah diubah oleh rekan pada" in r.content.decode()
    pd.refresh_from_db()
    assert pd.nama == "Kecamatan Bogorejo" and pd.alamat == "x"
    assert 'value="Kecamatan Bogorejo Baru"' in r.content.decode()
