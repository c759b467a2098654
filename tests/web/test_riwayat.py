"""The audit trail: /pd/<kode>/riwayat/ and /pd/<kode>/riwayat/<tipe>/<id>/."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import DPA, Pagu
from anggaran.services.pagu import BarisPagu, pagu_simpan
from kinerja.models import LogPerubahan, SubKegiatan
from kinerja.views.riwayat import LABEL_AKSI, label_aksi, tampil_nilai, uraikan_perubahan
from tests.sintetis import buat_pd_sintetis

URL_A = "/pd/33.16.05/riwayat/"
UTC = datetime.UTC


def _ubah_pagu(pd, pengguna, kode="7.01.01.2.01.01", baru=Decimal(2500000)) -> Pagu:
    dpa = DPA.objects.get(perangkat_daerah=pd, tahun=2024, versi="perubahan")
    sub = SubKegiatan.objects.get(kegiatan__program__renstra__perangkat_daerah=pd, kode=kode)
    pagu = Pagu.objects.get(dpa=dpa, sub_kegiatan=sub)
    pagu_simpan(
        dpa=dpa,
        baris=[
            BarisPagu(
                kunci="k", jenis="sub_kegiatan", node_id=sub.pk, dimuat=pagu.jumlah, baru=baru
            )
        ],
        pengguna=pengguna,
    )
    return pagu


def _log(pd, n: int, **kw) -> None:
    LogPerubahan.objects.bulk_create(
        LogPerubahan(perangkat_daerah=pd, aksi=kw.get("aksi", "realisasi.ubah"), objek=f"#{i}")
        for i in range(n)
    )


# --------------------------------------------------------------------------- access


def test_anonymous_is_sent_to_login(client, db):
    r = client.get(URL_A)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_checks_perangkat_daerah(client, operator_b, evaluator_lain):
    for user in (operator_b, evaluator_lain):
        client.force_login(user)
        assert client.get(URL_A).status_code == 404


@pytest.mark.parametrize("peran", ["operator_a", "kepala_a", "evaluator"])
def test_every_reader_of_the_perangkat_daerah_sees_it(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    r = client.get(URL_A)
    assert r.status_code == 200 and r.context["page"] == "riwayat"


# --------------------------------------------------------------------------- the trail of a PD


def test_it_lists_changes_newest_first_readably(client, operator_a, demo):
    _ubah_pagu(demo["a"], operator_a)
    LogPerubahan.objects.filter(aksi="pagu.ubah").update(
        waktu=datetime.datetime(2025, 4, 14, 3, 32, tzinfo=UTC)
    )
    LogPerubahan.objects.filter(aksi="paket.impor").update(
        waktu=datetime.datetime(2025, 1, 2, 1, 0, tzinfo=UTC)
    )
    LogPerubahan.objects.create(
        perangkat_daerah=demo["a"],
        pengguna=operator_a,
        aksi="realisasi.ubah",
        objek="Realisasi IKT-1 tahun 2024 triwulan I",
        tahun=2024,
        data={
            "lama": {"nilai": None, "catatan": ""},
            "baru": {"nilai": "87.5", "catatan": "Survei"},
        },
    )
    client.force_login(operator_a)
    r = client.get(URL_A)
    baris = r.context["baris"]
    assert [b["kode_aksi"] for b in baris] == ["realisasi.ubah", "pagu.ubah", "paket.impor"]
    html = r.content.decode()
    assert "14 April 2025 pukul 10.32" in html  # Asia/Jakarta
    assert "Pagu diubah" in html and "Realisasi diubah" in html and "Paket data diimpor" in html
    pagu = baris[1]["perubahan"]["ubah"]
    assert pagu == [("", "Rp 2.315.000", "Rp 2.500.000")]
    realisasi = baris[0]["perubahan"]["ubah"]
    assert ("nilai", "(kosong)", "87,5") in realisasi and (
        "catatan",
        "(kosong)",
        "Survei",
    ) in realisasi
    assert baris[2]["pengguna"] == "sistem"
    assert "tahun: 2024; indikator: 10" in html


def test_unknown_action_codes_are_shown_as_they_are(client, operator_a, demo):
    LogPerubahan.objects.create(perangkat_daerah=demo["a"], aksi="sesuatu.baru", objek="x")
    client.force_login(operator_a)
    assert ">sesuatu.baru<" in client.get(URL_A).content.decode()


def test_filters_by_year_action_and_user(client, operator_a, operator_b, demo):
    _ubah_pagu(demo["a"], operator_a)
    LogPerubahan.objects.create(
        perangkat_daerah=demo["a"], pengguna=None, aksi="triwulan.ajukan", tahun=2023, objek="TW I"
    )
    # Another perangkat daerah's entries never appear, not even in the choices.
    LogPerubahan.objects.create(perangkat_daerah=demo["b"], pengguna=operator_b, aksi="x.y")
    client.force_login(operator_a)
    r = client.get(URL_A, {"aksi": "pagu.ubah"})
    assert [b["kode_aksi"] for b in r.context["baris"]] == ["pagu.ubah"]
    r = client.get(URL_A, {"tahun": "2023"})
    assert [b["kode_aksi"] for b in r.context["baris"]] == ["triwulan.ajukan"]
    r = client.get(URL_A, {"pengguna": str(operator_a.pk)})
    assert [b["kode_aksi"] for b in r.context["baris"]] == ["pagu.ubah"]
    form = r.context["form"]
    assert dict(form.fields["aksi"].choices)["triwulan.ajukan"] == "Triwulan diajukan"
    assert "x.y" not in dict(form.fields["aksi"].choices)
    assert str(operator_b.pk) not in dict(form.fields["pengguna"].choices)
    assert [c for c, _ in form.fields["tahun"].choices] == ["", "2024", "2023"]


def test_a_bad_filter_is_an_indonesian_error_not_a_500(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_A, {"tahun": "dua ribu", "pengguna": "999999"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Tahun dua ribu tidak ada dalam riwayat." in html
    assert "Pengguna itu tidak ada dalam riwayat." in html
    # Unfiltered list still shown.
    assert len(r.context["baris"]) == 1


def test_it_is_paginated_by_50(client, operator_a, demo):
    _log(demo["a"], 120)
    client.force_login(operator_a)
    r = client.get(URL_A)
    assert len(r.context["baris"]) == 50
    assert "Halaman 1 dari 3 (121 entri)" in r.content.decode()
    r = client.get(URL_A, {"halaman": "3", "aksi": "realisasi.ubah"})
    assert len(r.context["baris"]) == 20
    assert 'href="?aksi=realisasi.ubah&amp;halaman=2"' in r.content.decode()
    assert client.get(URL_A, {"halaman": "bukan"}).status_code == 200


def test_links_to_the_history_of_each_object(client, operator_a, demo):
    pagu = _ubah_pagu(demo["a"], operator_a)
    client.force_login(operator_a)
    html = client.get(URL_A).content.decode()
    assert f'href="/pd/33.16.05/riwayat/anggaran.pagu/{pagu.pk}/"' in html


def test_queries_do_not_grow_with_indicators_or_entries(client, db):
    a = buat_pd_sintetis(10, kode="91.01.01", kode_pemda="91.01")
    b = buat_pd_sintetis(100, kode="91.02.01", kode_pemda="91.02")
    _log(b, 60)
    user = get_user_model().objects.create_superuser("akar", password="sandi-uji-123")
    client.force_login(user)
    jumlah = {}
    for pd in (a, b):
        with CaptureQueriesContext(connection) as q:
            assert client.get(f"/pd/{pd.kode}/riwayat/").status_code == 200
        jumlah[pd.kode] = len(q)
    assert jumlah[a.kode] == jumlah[b.kode], jumlah
    assert jumlah[a.kode] <= 12, jumlah


# --------------------------------------------------------------------------- one object


def test_history_of_one_object(client, kepala_a, operator_a, demo):
    pagu = _ubah_pagu(demo["a"], operator_a)
    _ubah_pagu(demo["a"], operator_a, baru=Decimal(2600000))
    _ubah_pagu(demo["a"], operator_a, kode="7.01.01.2.01.07", baru=Decimal(1))
    client.force_login(kepala_a)
    r = client.get(f"/pd/33.16.05/riwayat/anggaran.pagu/{pagu.pk}/")
    assert r.status_code == 200
    ubah = [b["perubahan"]["ubah"][0][1:] for b in r.context["baris"]]
    assert ubah == [("Rp 2.500.000", "Rp 2.600.000"), ("Rp 2.315.000", "Rp 2.500.000")]
    html = r.content.decode()
    assert "Pagu sub kegiatan 7.01.01.2.01.01" in html and "7.01.01.2.01.07" not in html


def test_history_survives_delete_and_recreate(client, operator_a, demo):
    pagu = _ubah_pagu(demo["a"], operator_a)
    dpa = pagu.dpa
    pagu_simpan(
        dpa=dpa,
        baris=[
            BarisPagu(
                kunci="k",
                jenis="sub_kegiatan",
                node_id=pagu.sub_kegiatan_id,
                dimuat=Decimal(2500000),
                baru=None,
            )
        ],
        pengguna=operator_a,
    )
    pagu_simpan(
        dpa=dpa,
        baris=[
            BarisPagu(
                kunci="k",
                jenis="sub_kegiatan",
                node_id=pagu.sub_kegiatan_id,
                dimuat=None,
                baru=Decimal(7),
            )
        ],
        pengguna=operator_a,
    )
    baru = Pagu.objects.get(dpa=dpa, sub_kegiatan_id=pagu.sub_kegiatan_id)
    client.force_login(operator_a)
    r = client.get(f"/pd/33.16.05/riwayat/anggaran.pagu/{baru.pk}/")
    assert len(r.context["baris"]) == 3


def test_object_of_another_perangkat_daerah_is_404(client, operator_a, operator_b, demo):
    pagu_b = Pagu.objects.filter(dpa__perangkat_daerah=demo["b"]).first()
    LogPerubahan.objects.create(
        perangkat_daerah=demo["b"],
        pengguna=operator_b,
        aksi="pagu.ubah",
        objek="Pagu Bogorejo",
        objek_tipe="anggaran.pagu",
        objek_id=pagu_b.pk,
    )
    client.force_login(operator_a)
    assert client.get(f"/pd/33.16.05/riwayat/anggaran.pagu/{pagu_b.pk}/").status_code == 404
    # Unknown object, and another PD's URL.
    assert client.get("/pd/33.16.05/riwayat/anggaran.pagu/999999/").status_code == 404
    assert client.get(f"/pd/33.16.15/riwayat/anggaran.pagu/{pagu_b.pk}/").status_code == 404
    client.force_login(operator_b)
    assert client.get(f"/pd/33.16.15/riwayat/anggaran.pagu/{pagu_b.pk}/").status_code == 200


def test_object_history_anonymous_is_sent_to_login(client, db):
    r = client.get("/pd/33.16.05/riwayat/anggaran.pagu/1/")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_object_history_queries_do_not_grow_with_indicators(client, db):
    user = get_user_model().objects.create_superuser("akar", password="sandi-uji-123")
    client.force_login(user)
    jumlah = {}
    for n, kode in ((10, "90.01.01"), (100, "90.02.01")):
        pd = buat_pd_sintetis(n, kode=kode, kode_pemda=kode[:5])
        pagu = Pagu.objects.filter(dpa__perangkat_daerah=pd).first()
        for i in range(n // 10):
            LogPerubahan.objects.create(
                perangkat_daerah=pd,
                aksi="pagu.ubah",
                objek="Pagu",
                objek_tipe="anggaran.pagu",
                objek_id=pagu.pk,
                data={"lama": str(i), "baru": str(i + 1), "kunci": f"pagu:{pagu.pk}"},
            )
        with CaptureQueriesContext(connection) as q:
            r = client.get(f"/pd/{kode}/riwayat/anggaran.pagu/{pagu.pk}/")
            assert r.status_code == 200
        jumlah[kode] = len(q)
    assert jumlah["90.01.01"] == jumlah["90.02.01"], jumlah
    assert jumlah["90.01.01"] <= 10, jumlah


# --------------------------------------------------------------------------- rendering (no database)


def test_action_labels_are_indonesian_and_unknown_codes_pass_through():
    assert label_aksi("realisasi.ubah") == "Realisasi diubah"
    assert label_aksi("triwulan.ajukan") == "Triwulan diajukan"
    assert label_aksi("xyz.abc") == "xyz.abc"
    assert all(re.fullmatch(r"[a-z_]+\.[a-z_]+", k) for k in LABEL_AKSI)


def test_values_are_rendered_readably():
    assert tampil_nilai("2315000", uang=True) == "Rp 2.315.000"
    assert tampil_nilai("2.315E+6", uang=True) == "Rp 2.315.000"
    assert tampil_nilai("75.35") == "75,35"
    assert tampil_nilai(None) == "(kosong)" and tampil_nilai("") == "(kosong)"
    assert tampil_nilai(True) == "ya"
    assert tampil_nilai(2, kunci="triwulan") == "II"
    assert tampil_nilai(2024, kunci="tahun") == "2024"
    assert tampil_nilai("63,25 (B-)") == "63,25 (B-)"


def test_changes_of_a_dict_show_only_what_changed():
    u = uraikan_perubahan(
        "realisasi.ubah",
        {
            "lama": {"nilai": "80", "label": "", "catatan": "sama"},
            "baru": {"nilai": "82.5", "label": "", "catatan": "sama"},
            "indikator": "IKT-1",
            "triwulan": 1,
            "kunci": "internal",
        },
    )
    assert u["ubah"] == [("nilai", "80", "82,5")]
    assert u["lain"] == "indikator: IKT-1; triwulan: I"
