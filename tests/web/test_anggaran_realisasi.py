"""Realisasi anggaran per triwulan: /pd/<kode>/<tahun>/anggaran/realisasi/<tw>/ and its service."""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import RealisasiAnggaran
from anggaran.services.realisasi import BarisRealisasiAnggaran, realisasi_anggaran_simpan_triwulan
from kinerja.models import LogPerubahan, Peran, StatusTriwulan, SubKegiatan
from tests.sintetis import buat_pd_sintetis

URL_A = "/pd/33.16.05/2024/anggaran/realisasi/1/"
SUB_A = "7.01.01.2.01.01"  # Randublatung: annual realisasi 2.297.000, pagu 2.315.000
SUB_S = "7.01.01.2.01.01"  # synthetic: 200.000 (TW I) + 250.000 (TW II), pagu 1.000.000


class _Isian(HTMLParser):
    def __init__(self):
        super().__init__()
        self.isian: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") != "submit":
            self.isian[a["name"]] = a.get("value") or ""


def isian_form(client, url: str) -> dict[str, str]:
    p = _Isian()
    p.feed(client.get(url).content.decode())
    p.isian.pop("csrfmiddlewaretoken", None)
    return p.isian


def _sub(pd, kode) -> SubKegiatan:
    return SubKegiatan.objects.get(kegiatan__program__renstra__perangkat_daerah=pd, kode=kode)


def _rows(pd, kode) -> dict:
    return {
        r.triwulan: r.jumlah
        for r in RealisasiAnggaran.objects.filter(
            perangkat_daerah=pd, tahun=2024, sub_kegiatan=_sub(pd, kode)
        )
    }


@pytest.fixture
def sintetis(db):
    pd = buat_pd_sintetis(10, kode="93.01.01", kode_pemda="93.01")
    user = get_user_model().objects.create_user("operator_s", password="sandi-uji-123")
    Peran.objects.create(pengguna=user, jenis="operator", pemda=pd.pemda, perangkat_daerah=pd)
    return pd, user


# --------------------------------------------------------------------------- access


def test_anonymous_is_sent_to_login(client, db):
    r = client.get(URL_A)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_checks_perangkat_daerah(client, operator_b, evaluator_lain):
    for user in (operator_b, evaluator_lain):
        client.force_login(user)
        assert client.get(URL_A).status_code == 404
        assert client.post(URL_A, {}).status_code == 404


@pytest.mark.parametrize("peran", ["kepala_a", "evaluator"])
def test_readers_see_it_read_only_and_cannot_post(client, request, peran, demo):
    client.force_login(request.getfixturevalue(peran))
    r = client.get(URL_A)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Anda hanya dapat melihat realisasi anggaran ini" in html
    assert 'name="sub-' not in html
    sub = _sub(demo["a"], SUB_A)
    assert client.post(URL_A, {f"sub-{sub.pk}": "1"}).status_code == 403
    assert _rows(demo["a"], SUB_A) == {None: 2297000}


def test_only_triwulan_1_to_4_and_known_years(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2024/anggaran/realisasi/5/").status_code == 404
    assert client.get("/pd/33.16.05/2024/anggaran/realisasi/0/").status_code == 404
    assert client.get("/pd/33.16.05/2019/anggaran/realisasi/1/").status_code == 404


def test_other_methods_are_refused(client, operator_a):
    client.force_login(operator_a)
    assert client.delete(URL_A).status_code == 405


# --------------------------------------------------------------------------- behaviour


def test_annual_only_rows_are_shown_as_such_with_the_replacement_warning(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.get(URL_A)
    html = r.content.decode()
    assert "realisasi setahun <span" in html and "Rp 2.297.000" in html
    assert "realisasi tahunannya dihapus dan diganti oleh rincian triwulan" in html
    isian = isian_form(client, URL_A)
    sub = _sub(demo["a"], SUB_A).pk
    assert isian[f"sub-{sub}"] == "" and isian[f"tahunan-sub-{sub}"] == "2297000.00"


def test_saving_a_quarter_replaces_the_annual_row_with_audit(client, operator_a, demo):
    client.force_login(operator_a)
    isian = isian_form(client, URL_A)
    sub = _sub(demo["a"], SUB_A).pk
    isian[f"sub-{sub}"] = "600.000"
    r = client.post(URL_A, isian)
    assert r.status_code == 302 and r["Location"] == URL_A
    assert _rows(demo["a"], SUB_A) == {1: 600000}
    ganti = LogPerubahan.objects.get(aksi="realisasi_anggaran.ganti_tahunan")
    assert ganti.data["lama"] == "2297000" and ganti.data["baru"] is None
    assert ganti.pengguna == operator_a and ganti.perangkat_daerah == demo["a"]
    ubah = LogPerubahan.objects.get(aksi="realisasi_anggaran.ubah")
    assert ubah.data["lama"] is None and ubah.data["baru"] == "600000"
    assert ubah.objek_tipe == "anggaran.realisasianggaran"
    assert "triwulan I" in ubah.objek
    # Untouched sub kegiatan keep their annual amount.
    assert _rows(demo["a"], "7.01.01.2.01.07") == {None: 1060000}


def test_changing_and_clearing_a_quarter(client, sintetis):
    pd, user = sintetis
    client.force_login(user)
    url = f"/pd/{pd.kode}/2024/anggaran/realisasi/2/"
    isian = isian_form(client, url)
    sub = _sub(pd, SUB_S).pk
    assert isian[f"sub-{sub}"] == "250.000"
    isian[f"sub-{sub}"] = "300.000,50"
    assert client.post(url, isian).status_code == 302
    assert _rows(pd, SUB_S) == {1: 200000, 2: Decimal("300000.50")}
    log = LogPerubahan.objects.get(aksi="realisasi_anggaran.ubah")
    assert (log.data["lama"], log.data["baru"]) == ("250000", "300000.5")

    isian = isian_form(client, url)
    isian[f"sub-{sub}"] = ""
    assert client.post(url, isian).status_code == 302
    assert _rows(pd, SUB_S) == {1: 200000}
    hapus = LogPerubahan.objects.filter(aksi="realisasi_anggaran.ubah").first()
    assert (hapus.data["lama"], hapus.data["baru"]) == ("300000.5", None)


def test_realisasi_above_pagu_is_saved_with_a_warning(client, sintetis):
    pd, user = sintetis
    client.force_login(user)
    url = f"/pd/{pd.kode}/2024/anggaran/realisasi/3/"
    isian = isian_form(client, url)
    sub = _sub(pd, SUB_S).pk
    isian[f"sub-{sub}"] = "900.000"
    r = client.post(url, isian, follow=True)
    assert _rows(pd, SUB_S) == {1: 200000, 2: 250000, 3: 900000}
    html = r.content.decode()
    assert "melebihi pagu (Rp 1.000.000)" in html and "Rp 1.350.000" in html
    assert "Realisasi setahun melebihi pagu" in html


def test_bad_input_is_shown_next_to_its_field_and_nothing_typed_is_lost(client, sintetis):
    pd, user = sintetis
    client.force_login(user)
    url = f"/pd/{pd.kode}/2024/anggaran/realisasi/3/"
    isian = isian_form(client, url)
    sub, lain = _sub(pd, SUB_S).pk, _sub(pd, "7.01.01.2.01.02").pk
    isian[f"sub-{sub}"] = "sejuta"
    isian[f"sub-{lain}"] = "123.456"
    r = client.post(url, isian)
    assert r.status_code == 200
    assert r.context["form"].errors[f"sub-{sub}"]
    html = r.content.decode()
    assert 'value="sejuta"' in html and 'value="123.456"' in html
    assert "Realisasi belum disimpan" in html
    assert 3 not in _rows(pd, "7.01.01.2.01.02")


def test_a_submitted_triwulan_is_locked(client, sintetis):
    pd, user = sintetis
    client.force_login(user)
    url = f"/pd/{pd.kode}/2024/anggaran/realisasi/2/"
    isian = isian_form(client, url)
    StatusTriwulan.objects.create(perangkat_daerah=pd, tahun=2024, triwulan=2, status="diajukan")
    isian[f"sub-{_sub(pd, SUB_S).pk}"] = "1"
    r = client.post(url, isian)
    assert r.status_code == 200
    assert "Triwulan II tahun 2024 sudah diajukan" in r.content.decode()
    assert _rows(pd, SUB_S)[2] == 250000
    html = client.get(url).content.decode()
    assert "sudah diajukan" in html and 'name="sub-' not in html


def test_replacing_an_annual_row_needs_triwulan_iv_open(client, operator_a, demo):
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=4, status="disetujui"
    )
    client.force_login(operator_a)
    isian = isian_form(client, URL_A)
    isian[f"sub-{_sub(demo['a'], SUB_A).pk}"] = "1.000"
    r = client.post(URL_A, isian)
    assert r.status_code == 200
    assert "dihitung pada triwulan IV" in r.content.decode()
    assert _rows(demo["a"], SUB_A) == {None: 2297000}


def test_a_stale_form_is_refused_naming_who_changed_it(client, sintetis):
    pd, user = sintetis
    rekan = get_user_model().objects.create_user(
        "rekan", password="sandi-uji-123", first_name="Siti", last_name="Aminah"
    )
    client.force_login(user)
    url = f"/pd/{pd.kode}/2024/anggaran/realisasi/1/"
    isian = isian_form(client, url)
    sub = _sub(pd, SUB_S).pk
    realisasi_anggaran_simpan_triwulan(
        pd=pd,
        tahun=2024,
        triwulan=1,
        baris=[
            BarisRealisasiAnggaran(
                kunci="x",
                sub_kegiatan_id=sub,
                dimuat=Decimal(200000),
                tahunan_dimuat=None,
                baru=Decimal(210000),
            )
        ],
        pengguna=rekan,
    )
    isian[f"sub-{sub}"] = "220.000"
    r = client.post(url, isian)
    assert r.status_code == 200
    html = r.content.decode()
    assert "sudah diubah oleh Siti Aminah pada " in html and "Rp 210.000" in html
    assert 'value="220.000"' in html
    assert _rows(pd, SUB_S)[1] == 210000


def test_service_refuses_a_sub_kegiatan_of_another_perangkat_daerah(operator_a, demo):
    asing = SubKegiatan.objects.filter(
        kegiatan__program__renstra__perangkat_daerah=demo["b"]
    ).first()
    with pytest.raises(ValidationError) as e:
        realisasi_anggaran_simpan_triwulan(
            pd=demo["a"],
            tahun=2024,
            triwulan=1,
            baris=[
                BarisRealisasiAnggaran(
                    kunci="k",
                    sub_kegiatan_id=asing.pk,
                    dimuat=None,
                    tahunan_dimuat=None,
                    baru=Decimal(1),
                )
            ],
            pengguna=operator_a,
        )
    assert "bukan bagian dari Renstra" in e.value.message_dict["k"][0]
    assert not RealisasiAnggaran.objects.filter(sub_kegiatan=asing, triwulan=1).exists()


def test_page_queries_do_not_grow_with_indicators(client, db):
    buat_pd_sintetis(10, kode="92.01.01", kode_pemda="92.01")
    buat_pd_sintetis(100, kode="92.02.01", kode_pemda="92.02")
    user = get_user_model().objects.create_superuser("akar", password="sandi-uji-123")
    client.force_login(user)
    jumlah = {}
    for kode in ("92.01.01", "92.02.01"):
        with CaptureQueriesContext(connection) as q:
            assert client.get(f"/pd/{kode}/2024/anggaran/realisasi/2/").status_code == 200
        jumlah[kode] = len(q)
    assert jumlah["92.01.01"] == jumlah["92.02.01"], jumlah
    assert jumlah["92.01.01"] <= 20, jumlah
