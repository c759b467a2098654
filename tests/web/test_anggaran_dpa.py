"""Pagu of a DPA version: /pd/<kode>/<tahun>/anggaran/dpa/<versi>/ and the service pagu_simpan."""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import DPA, Pagu, PaguJenisBelanja
from anggaran.services.pagu import BarisPagu, pagu_simpan
from kinerja.models import LogPerubahan, Peran, SubKegiatan
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP
from tests.sintetis import buat_pd_sintetis

URL = "/pd/33.16.05/2024/anggaran/dpa/perubahan/"
SUB = "7.01.01.2.01.01"  # pagu 2.315.000 in the perubahan


class _Isian(HTMLParser):
    def __init__(self):
        super().__init__()
        self.isian: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") != "submit":
            self.isian[a["name"]] = a.get("value") or ""


def isian_form(client, url: str) -> dict[str, str]:
    """Every input of the form as the browser would send it back."""
    p = _Isian()
    p.feed(client.get(url).content.decode())
    p.isian.pop("csrfmiddlewaretoken", None)
    return p.isian


def _sub(pd, kode=SUB) -> SubKegiatan:
    return SubKegiatan.objects.get(kegiatan__program__renstra__perangkat_daerah=pd, kode=kode)


def _pagu(pd, kode=SUB, versi="perubahan") -> Pagu | None:
    return Pagu.objects.filter(
        dpa__perangkat_daerah=pd, dpa__versi=versi, sub_kegiatan=_sub(pd, kode)
    ).first()


@pytest.fixture
def operator_a2(demo):
    user = get_user_model().objects.create_user("operator_a2", password="sandi-uji-123")
    Peran.objects.create(
        pengguna=user, jenis="operator", pemda=demo["a"].pemda, perangkat_daerah=demo["a"]
    )
    return user


# --------------------------------------------------------------------------- access


def test_anonymous_is_sent_to_login(client, db):
    r = client.get(URL)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_checks_perangkat_daerah(client, operator_b, evaluator_lain):
    for user in (operator_b, evaluator_lain):
        client.force_login(user)
        assert client.get(URL).status_code == 404
        assert client.post(URL, {}).status_code == 404


@pytest.mark.parametrize("peran", ["kepala_a", "evaluator"])
def test_readers_see_it_read_only_and_cannot_post(client, request, peran, demo):
    client.force_login(request.getfixturevalue(peran))
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Anda hanya dapat melihat pagu ini" in html
    assert 'name="sub_kegiatan-' not in html and "Rp 2.315.000" in html
    r = client.post(URL, {f"sub_kegiatan-{_sub(demo['a']).pk}": "1"})
    assert r.status_code == 403
    assert _pagu(demo["a"]).jumlah == 2315000


def test_unknown_version_is_404(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2024/anggaran/dpa/perubahan-2/").status_code == 404
    assert client.get("/pd/33.16.05/2019/anggaran/dpa/murni/").status_code == 404


def test_other_methods_are_refused(client, operator_a):
    client.force_login(operator_a)
    assert client.put(URL).status_code == 405


# --------------------------------------------------------------------------- behaviour


def test_form_shows_amounts_in_indonesian(client, operator_a, demo):
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    sub = _sub(demo["a"]).pk
    assert isian[f"sub_kegiatan-{sub}"] == "2.315.000"
    assert isian[f"awal-sub_kegiatan-{sub}"] == "2315000.00"
    assert isian["jenis-5_1_02"] == "1.109.690.000"
    # A standard account without an amount is offered empty.
    assert isian["jenis-5_1_03"] == ""


def test_it_saves_changed_amounts_with_audit(client, operator_a, demo):
    murni_sebelum = list(
        Pagu.objects.filter(dpa__perangkat_daerah=demo["a"], dpa__versi="murni").values_list(
            "jumlah", flat=True
        )
    )
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    sub = _sub(demo["a"]).pk
    isian[f"sub_kegiatan-{sub}"] = "Rp 3.312.000.900"
    isian["jenis-5_1_02"] = "1.200.000.000,50"
    r = client.post(URL, isian)
    assert r.status_code == 302 and r["Location"] == URL
    assert _pagu(demo["a"]).jumlah == Decimal("3312000900")
    dpa = DPA.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="perubahan")
    assert PaguJenisBelanja.objects.get(dpa=dpa, kode="5.1.02").jumlah == Decimal("1200000000.50")
    # The other version is untouched.
    murni = Pagu.objects.filter(dpa__perangkat_daerah=demo["a"], dpa__versi="murni")
    assert sorted(p.jumlah for p in murni) == sorted(murni_sebelum)

    log = LogPerubahan.objects.filter(perangkat_daerah=demo["a"], aksi="pagu.ubah").get()
    assert log.pengguna == operator_a and log.tahun == 2024
    assert log.data["lama"] == "2315000" and log.data["baru"] == "3312000900"
    assert log.objek_tipe == "anggaran.pagu" and log.objek_id == _pagu(demo["a"]).pk
    assert SUB in log.objek and "DPA perubahan" in log.objek
    jenis = LogPerubahan.objects.get(perangkat_daerah=demo["a"], aksi="pagu_jenis_belanja.ubah")
    assert jenis.data["lama"] == "1109690000" and jenis.data["baru"] == "1200000000.5"

    r = client.get(URL)
    assert "Pagu DPA perubahan disimpan (2 angka diubah)." in r.content.decode()


def test_emptying_a_stated_parent_removes_it_and_is_audited(client, operator_a, demo):
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    dpa = DPA.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="perubahan")
    program = Pagu.objects.get(dpa=dpa, program__kode="7.01.01")
    isian[f"program-{program.program_id}"] = ""
    assert client.post(URL, isian).status_code == 302
    assert not Pagu.objects.filter(pk=program.pk).exists()
    log = LogPerubahan.objects.get(perangkat_daerah=demo["a"], aksi="pagu.ubah")
    assert log.data["lama"] == "3312000900" and log.data["baru"] is None
    assert log.objek_id == program.pk


def test_a_new_amount_creates_the_row(client, operator_a, demo):
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    isian["jenis-5_1_03"] = "5.000"
    assert client.post(URL, isian).status_code == 302
    dpa = DPA.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="perubahan")
    assert PaguJenisBelanja.objects.get(dpa=dpa, kode="5.1.03").jumlah == 5000


def test_nothing_changed_says_so(client, operator_a):
    client.force_login(operator_a)
    r = client.post(URL, isian_form(client, URL), follow=True)
    assert "Tidak ada angka yang berubah." in r.content.decode()
    assert not LogPerubahan.objects.filter(aksi__startswith="pagu").exists()


@pytest.mark.parametrize(
    ("ketik", "pesan"),
    [
        ("abc", "bukan angka"),
        ("-5.000", "tidak boleh negatif"),
        ("1.000,505", "paling banyak dua angka di belakang koma"),
        ("99.999.999.999.999.999", "terlalu besar"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_typed_is_lost(
    client, operator_a, demo, ketik, pesan
):
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    sub = _sub(demo["a"]).pk
    lain = _sub(demo["a"], "7.01.01.2.01.07").pk
    isian[f"sub_kegiatan-{sub}"] = ketik
    isian[f"sub_kegiatan-{lain}"] = "1.234.567"
    r = client.post(URL, isian)
    assert r.status_code == 200
    html = r.content.decode()
    assert pesan in html.lower() or pesan in html
    form = r.context["form"]
    assert form.errors[f"sub_kegiatan-{sub}"]
    # What was typed is still there, the bad value included.
    assert f'value="{ketik}"' in html and 'value="1.234.567"' in html
    assert _pagu(demo["a"]).jumlah == 2315000
    assert _pagu(demo["a"], "7.01.01.2.01.07").jumlah == 1060000


def test_a_stale_form_is_refused_naming_who_changed_it(client, operator_a, operator_a2, demo):
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    sub = _sub(demo["a"])
    # Meanwhile a colleague saves another amount for the same sub kegiatan.
    dpa = DPA.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="perubahan")
    pagu_simpan(
        dpa=dpa,
        baris=[
            BarisPagu(
                kunci="x",
                jenis="sub_kegiatan",
                node_id=sub.pk,
                dimuat=Decimal(2315000),
                baru=Decimal(2400000),
            )
        ],
        pengguna=operator_a2,
    )
    isian[f"sub_kegiatan-{sub.pk}"] = "2.500.000"
    r = client.post(URL, isian)
    assert r.status_code == 200
    html = r.content.decode()
    assert "sudah diubah oleh operator_a2 pada " in html
    assert "Rp 2.400.000" in html
    assert 'value="2.500.000"' in html  # the typed value is kept
    assert _pagu(demo["a"]).jumlah == 2400000
    # The form now carries the stored amount: saving again deliberately works.
    isian2 = dict(isian)
    isian2[f"awal-sub_kegiatan-{sub.pk}"] = r.context["form"].data[f"awal-sub_kegiatan-{sub.pk}"]
    assert isian2[f"awal-sub_kegiatan-{sub.pk}"] == "2400000.00"
    assert client.post(URL, isian2).status_code == 302
    assert _pagu(demo["a"]).jumlah == 2500000


def test_a_locked_year_refuses_the_save(client, operator_a, demo):
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="ditetapkan")
    tahun_kunci(demo["a"], 2024)
    isian[f"sub_kegiatan-{_sub(demo['a']).pk}"] = "1"
    r = client.post(URL, isian)
    assert r.status_code == 200
    assert "sudah terkunci" in r.content.decode()
    assert _pagu(demo["a"]).jumlah == 2315000
    # And the page no longer offers the form.
    assert 'name="sub_kegiatan-' not in client.get(URL).content.decode()


def test_service_refuses_a_node_of_another_perangkat_daerah(operator_a, demo):
    dpa = DPA.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="perubahan")
    asing = SubKegiatan.objects.filter(
        kegiatan__program__renstra__perangkat_daerah=demo["b"]
    ).first()
    with pytest.raises(ValidationError) as e:
        pagu_simpan(
            dpa=dpa,
            baris=[
                BarisPagu(
                    kunci="k", jenis="sub_kegiatan", node_id=asing.pk, dimuat=None, baru=Decimal(1)
                )
            ],
            pengguna=operator_a,
        )
    assert "bukan bagian dari Renstra" in e.value.message_dict["k"][0]
    assert not Pagu.objects.filter(dpa=dpa, sub_kegiatan=asing).exists()


def test_service_refuses_a_bad_account_code(operator_a, demo):
    dpa = DPA.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="perubahan")
    with pytest.raises(ValidationError) as e:
        pagu_simpan(
            dpa=dpa,
            baris=[
                BarisPagu(
                    kunci="k", jenis="jenis_belanja", kode="5.x", dimuat=None, baru=Decimal(1)
                )
            ],
            pengguna=operator_a,
        )
    assert "tidak sah" in e.value.message_dict["k"][0]


def test_page_queries_do_not_grow_with_indicators(client, db):
    buat_pd_sintetis(10, kode="94.01.01", kode_pemda="94.01")
    buat_pd_sintetis(100, kode="94.02.01", kode_pemda="94.02")
    user = get_user_model().objects.create_superuser("akar", password="sandi-uji-123")
    client.force_login(user)
    jumlah = {}
    for kode in ("94.01.01", "94.02.01"):
        with CaptureQueriesContext(connection) as q:
            assert client.get(f"/pd/{kode}/2024/anggaran/dpa/murni/").status_code == 200
        jumlah[kode] = len(q)
    assert jumlah["94.01.01"] == jumlah["94.02.01"], jumlah
    assert jumlah["94.01.01"] <= 20, jumlah
