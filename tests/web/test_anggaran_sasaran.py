"""The budget stated per sasaran: /pd/<kode>/<tahun>/anggaran/sasaran/ and its service."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anggaran.models import AnggaranSasaran
from anggaran.services.sasaran import BarisAnggaranSasaran, anggaran_sasaran_simpan
from kinerja.models import LogPerubahan, Sasaran
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP
from tests.web.test_anggaran_dpa import isian_form

pytestmark = pytest.mark.django_db

URL = "/pd/33.16.05/2024/anggaran/sasaran/"
RINGKASAN = "/pd/33.16.05/2024/anggaran/"


def _sasaran(pd, kode="S1") -> Sasaran:
    return Sasaran.objects.get(tujuan__renstra__perangkat_daerah=pd, kode=kode)


def test_operator_saves_the_budget_per_sasaran_with_an_audit_trail(client, operator_a, demo):
    pd = demo["a"]
    s1 = _sasaran(pd)
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    assert {f"pagu-{s1.pk}", f"realisasi-{s1.pk}", f"awal-pagu-{s1.pk}"} <= set(isian)
    isian[f"pagu-{s1.pk}"] = "3.466.099.100"
    isian[f"realisasi-{s1.pk}"] = "3.000.000.000"
    r = client.post(URL, isian)
    assert r.status_code == 302
    row = AnggaranSasaran.objects.get(perangkat_daerah=pd, tahun=2024, sasaran=s1)
    assert (row.pagu, row.realisasi) == (Decimal(3466099100), Decimal(3000000000))
    log = LogPerubahan.objects.filter(aksi="anggaran_sasaran.ubah").order_by("id")
    assert [x.data["baru"] for x in log] == ["3466099100", "3000000000"]
    assert log[0].objek == "Pagu sasaran S1 tahun 2024" and log[0].objek_id == row.pk
    # The summary shows the amounts and the finding against the DPA (realisasi differs).
    html = client.get(RINGKASAN).content.decode()
    assert "Anggaran per sasaran" in html and "3.466.099.100" in html
    assert "realisasi sasaran S1 yang dinyatakan (Rp 3.000.000.000)" in html
    # Emptying both amounts removes the row.
    isian = isian_form(client, URL)
    isian[f"pagu-{s1.pk}"] = ""
    isian[f"realisasi-{s1.pk}"] = ""
    assert client.post(URL, isian).status_code == 302
    assert not AnggaranSasaran.objects.filter(perangkat_daerah=pd).exists()


def test_a_form_loaded_before_another_save_is_refused(client, operator_a, demo):
    pd = demo["a"]
    s1 = _sasaran(pd)
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    AnggaranSasaran.objects.create(perangkat_daerah=pd, tahun=2024, sasaran=s1, pagu=5)
    isian[f"pagu-{s1.pk}"] = "7"
    r = client.post(URL, isian)
    assert r.status_code == 200
    assert "sudah diubah oleh" in r.content.decode()
    assert AnggaranSasaran.objects.get(sasaran=s1).pagu == 5


def test_a_locked_year_is_read_only(client, operator_a, demo):
    pd = demo["a"]
    s1 = _sasaran(pd)
    client.force_login(operator_a)
    isian = isian_form(client, URL)
    LKjIP.objects.filter(perangkat_daerah=pd, tahun=2024).update(status="ditetapkan")
    tahun_kunci(pd, 2024)
    isian[f"pagu-{s1.pk}"] = "1"
    r = client.post(URL, isian)
    assert r.status_code == 200 and "sudah terkunci" in r.content.decode()
    assert not AnggaranSasaran.objects.exists()
    assert f'name="pagu-{s1.pk}"' not in client.get(URL).content.decode()


def test_who_may_see_and_change_it(client, demo, operator_a, kepala_a, operator_b):
    s1 = _sasaran(demo["a"])
    client.force_login(kepala_a)
    html = client.get(URL).content.decode()
    assert "Anda hanya dapat melihat" in html and f'name="pagu-{s1.pk}"' not in html
    assert client.post(URL, {f"pagu-{s1.pk}": "1"}).status_code == 403
    client.force_login(operator_b)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {f"pagu-{s1.pk}": "1"}).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302
    assert not AnggaranSasaran.objects.exists()


def test_service_refuses_a_sasaran_of_another_perangkat_daerah(demo, operator_a):
    lain = Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=demo["b"]).first()
    with pytest.raises(ValidationError) as e:
        anggaran_sasaran_simpan(
            pd=demo["a"],
            tahun=2024,
            baris=[BarisAnggaranSasaran("x", lain.pk, "pagu", None, Decimal(1))],
            pengguna=operator_a,
        )
    assert "bukan bagian dari Renstra" in str(e.value)
    assert not AnggaranSasaran.objects.exists()


def test_the_dpa_screen_refuses_accounts_of_the_other_structure(demo, operator_a):
    from anggaran.models import DPA
    from anggaran.services.pagu import BarisPagu, pagu_simpan

    dpa = DPA.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="perubahan")
    with pytest.raises(ValidationError) as e:
        pagu_simpan(
            dpa=dpa,
            baris=[BarisPagu("jenis-5.2.2", "jenis_belanja", None, Decimal(1), kode="5.2.2")],
            pengguna=operator_a,
        )
    (pesan,) = e.value.message_dict["jenis-5.2.2"]
    assert pesan.startswith("Kode rekening 5.2.2 mengikuti struktur lama Permendagri 13/2006")
    assert not dpa.jenis_belanja.filter(kode="5.2.2").exists()


def test_the_dpa_screen_of_a_2020_year_offers_belanja_langsung(client, demo, operator_a):
    from interchange.simpan import paket_simpan
    from kinerja.paket.parser import baca_paket
    from tests.anggaran_lama import data_2020

    paket_simpan(paket=baca_paket(data_2020()))
    client.force_login(operator_a)
    html = client.get("/pd/33.16.05/2020/anggaran/dpa/murni/").content.decode()
    assert "Belanja Tidak Langsung" in html and "Belanja Langsung" in html
    assert "Belanja Operasi" not in html
    ringkasan = client.get("/pd/33.16.05/2020/anggaran/").content.decode()
    assert "Belanja Langsung" in ringkasan and "Belanja Operasi" not in ringkasan


def test_the_calculation_page_marks_a_budget_stated_per_sasaran(client, demo, operator_a):
    from interchange.simpan import paket_simpan
    from kinerja.paket.parser import baca_paket
    from tests.anggaran_lama import data_demo

    data = data_demo()
    tahun = data["tahun"][0]
    tahun["dpa"], tahun["realisasi_anggaran"], tahun["angka_dilaporkan"] = [], {}, []
    tahun["anggaran_sasaran"] = {"S1": {"pagu": 200_000_000, "realisasi": 150_000_000}}
    paket_simpan(paket=baca_paket(data))
    client.force_login(operator_a)
    html = client.get("/pd/33.16.05/2024/hitung/").content.decode()
    assert "200.000.000" in html and "dinyatakan per sasaran" in html
