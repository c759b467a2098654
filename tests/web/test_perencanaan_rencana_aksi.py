"""Rencana Aksi (/pd/<kode>/<tahun>/rencana-aksi/): quarterly targets of every PK indicator."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.engine.angka import Nilai
from kinerja.engine.realisasi import Rasio
from kinerja.models import Indikator, LogPerubahan, RencanaAksi, StatusTriwulan
from kinerja.services.perencanaan.rencana_aksi import rencana_aksi_simpan
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP

URL = "/pd/33.16.05/2024/rencana-aksi/"


def _ind(demo, kode, pd="a"):
    return Indikator.objects.get(renstra__perangkat_daerah=demo[pd], kode=kode)


def _data(client, url=URL, **ubah):
    form = client.get(url).context["form"]
    data = {n: form[n].value() or "" for n in form.fields}
    data.update(ubah)
    return data


def _ra(ind, tw):
    return RencanaAksi.objects.filter(indikator=ind, tahun=2024, triwulan=tw).first()


def test_anonymous_is_sent_to_login(client, demo):
    for r in (client.get(URL), client.post(URL, {})):
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_checks_perangkat_daerah(client, operator_b, evaluator_lain):
    for user in (operator_b, evaluator_lain):
        client.force_login(user)
        assert client.get(URL).status_code == 404
        assert client.post(URL, {}).status_code == 404


@pytest.mark.parametrize("user", ["kepala_a", "evaluator"])
def test_readers_see_the_grid_but_cannot_change_it(client, request, demo, user):
    client.force_login(request.getfixturevalue(user))
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "<input" not in html.split("<table", 1)[1] and "Simpan Rencana Aksi" not in html
    assert "Indeks Kepuasan Masyarakat (IKM) di Kecamatan" in html
    ikt1 = _ind(demo, "IKT-1")
    r = client.post(URL, {f"ra-{ikt1.pk}-1": "10"})
    assert r.status_code == 403
    assert _ra(ikt1, 1) is None


def test_grid_has_every_pk_indicator_and_its_quarters(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.get(URL)
    assert [b["ind"].kode for b in r.context["baris"]] == ["IKT-1", "IKT-2"]
    form = r.context["form"]
    ikt1 = _ind(demo, "IKT-1")
    assert form[f"ra-{ikt1.pk}-4"].value() == "86"
    assert form[f"ra-{ikt1.pk}-1"].value() == ""
    html = r.content.decode()
    assert "data-grid" in html and "js/grid.js" in html
    assert "lengkap" in html


def test_missing_quarters_are_shown(admin_client, demo):
    """Kumulatif indicators need all four quarters; a nilai-akhir one only TW IV."""
    ikp = _ind(demo, "IKP-7.01.01-1", "lain")
    RencanaAksi.objects.filter(indikator=ikp, tahun=2024, triwulan__in=[2, 3]).delete()
    r = admin_client.get("/pd/35.17.12/2024/rencana-aksi/")
    baris = {b["ind"].kode: b for b in r.context["baris"]}
    assert baris["IKP-7.01.01-1"]["kosong"] == ["TW II", "TW III"]
    assert baris["IKS-1"]["kosong"] == []  # nilai akhir: TW IV is enough
    assert r.context["jumlah_belum_lengkap"] == 1
    assert "TW II, TW III" in r.content.decode()


def test_it_saves_commas_and_graded_values_with_audit_per_cell(client, operator_a, demo):
    client.force_login(operator_a)
    ikt1, ikt2 = _ind(demo, "IKT-1"), _ind(demo, "IKT-2")
    data = _data(
        client,
        **{f"ra-{ikt1.pk}-2": "85,5", f"ra-{ikt2.pk}-3": "63,25 (B-)", f"ra-{ikt2.pk}-4": ""},
    )
    r = client.post(URL, data)
    assert r.status_code == 302 and r["Location"] == URL
    assert _ra(ikt1, 2).nilai == Decimal("85.5")
    ra = _ra(ikt2, 3)
    assert (ra.nilai, ra.label) == (Decimal("63.25"), "63,25 (B-)")
    assert _ra(ikt2, 4) is None
    log = LogPerubahan.objects.filter(aksi="rencana_aksi.ubah", pengguna=operator_a)
    assert log.count() == 3
    assert {(x.data["triwulan"], x.data["lama"], x.data["baru"]) for x in log} == {
        (2, None, "85,5"),
        (3, None, "63,25 (B-)"),
        (4, "75", None),
    }
    r = client.get(URL)
    assert "3 sel berubah" in r.content.decode()
    assert r.context["baris"][1]["kosong"] == ["TW IV"]


def test_bad_input_is_shown_next_to_the_cell_and_nothing_is_saved(client, operator_a, demo):
    client.force_login(operator_a)
    ikt1 = _ind(demo, "IKT-1")
    data = _data(client, **{f"ra-{ikt1.pk}-1": "80", f"ra-{ikt1.pk}-2": "delapan puluh"})
    r = client.post(URL, data)
    assert r.status_code == 200
    assert r.context["form"].errors[f"ra-{ikt1.pk}-2"] == [
        'Nilai bertingkat "delapan puluh" tidak memuat angka.'
    ]
    html = r.content.decode()
    assert 'value="delapan puluh"' in html and 'value="80"' in html
    assert _ra(ikt1, 1) is None


def test_signed_off_year_is_locked(client, operator_a, demo):
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="ditetapkan")
    tahun_kunci(demo["a"], 2024)
    client.force_login(operator_a)
    ikt1 = _ind(demo, "IKT-1")
    r = client.get(URL)
    assert "Rencana Aksi terkunci" in r.content.decode()
    assert all(r.context["form"].fields[f"ra-{ikt1.pk}-{q}"].disabled for q in (1, 2, 3, 4))
    client.post(URL, _data(client, **{f"ra-{ikt1.pk}-1": "10"}))
    assert _ra(ikt1, 1) is None
    with pytest.raises(ValidationError, match="sudah terkunci"):
        rencana_aksi_simpan(
            perangkat_daerah=demo["a"],
            tahun=2024,
            pengguna=operator_a,
            nilai={(ikt1.pk, 1): Nilai(Decimal(10))},
            asal={},
        )


def test_submitted_quarter_is_locked(client, operator_a, demo):
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, status="diajukan"
    )
    client.force_login(operator_a)
    ikt1 = _ind(demo, "IKT-1")
    r = client.get(URL)
    assert "TW I (diajukan)" in r.content.decode()
    assert r.context["form"].fields[f"ra-{ikt1.pk}-1"].disabled
    assert not r.context["form"].fields[f"ra-{ikt1.pk}-2"].disabled
    r = client.post(URL, _data(client, **{f"ra-{ikt1.pk}-1": "10", f"ra-{ikt1.pk}-2": "20"}))
    assert r.status_code == 302
    assert _ra(ikt1, 1) is None and _ra(ikt1, 2).nilai == 20
    with pytest.raises(ValidationError) as e:
        rencana_aksi_simpan(
            perangkat_daerah=demo["a"],
            tahun=2024,
            pengguna=operator_a,
            nilai={(ikt1.pk, 1): Nilai(Decimal(10))},
            asal={},
        )
    assert "Triwulan I tahun 2024 sudah diajukan" in e.value.message_dict[f"ra-{ikt1.pk}-1"][0]


def test_stale_grid_is_refused_naming_who_changed_it(client, operator_a, demo, django_user_model):
    client.force_login(operator_a)
    ikt1, ikt2 = _ind(demo, "IKT-1"), _ind(demo, "IKT-2")
    data = _data(client, **{f"ra-{ikt1.pk}-4": "87", f"ra-{ikt2.pk}-1": "70"})
    rekan = django_user_model.objects.create_user("rekan", first_name="Rekan Kerja")
    rencana_aksi_simpan(
        perangkat_daerah=demo["a"],
        tahun=2024,
        pengguna=rekan,
        nilai={(ikt1.pk, 4): Nilai(Decimal("86.5"))},
        asal={f"ra-{ikt1.pk}-4": "86"},
    )
    r = client.post(URL, data)
    assert r.status_code == 200
    pesan = r.context["form"].errors[f"ra-{ikt1.pk}-4"][0]
    assert pesan.startswith("Target TW IV indikator IKT-1 telah diubah oleh Rekan Kerja pada")
    assert '"86,5"' in pesan
    assert _ra(ikt1, 4).nilai == Decimal("86.5")
    assert _ra(ikt2, 1) is None  # the whole save was refused
    assert json.loads(r.context["form"].data["asal"])[f"ra-{ikt1.pk}-4"] == "86,5"
    assert 'value="87"' in r.content.decode()


def test_cells_changed_only_by_someone_else_are_kept(operator_a, demo):
    ikt1 = _ind(demo, "IKT-1")
    RencanaAksi.objects.filter(indikator=ikt1, tahun=2024, triwulan=4).update(nilai=90)
    jumlah = rencana_aksi_simpan(
        perangkat_daerah=demo["a"],
        tahun=2024,
        pengguna=operator_a,
        nilai={(ikt1.pk, 4): Nilai(Decimal(86)), (ikt1.pk, 1): Nilai(Decimal(20))},
        asal={f"ra-{ikt1.pk}-4": "86", f"ra-{ikt1.pk}-1": ""},
    )
    assert jumlah == 1
    assert _ra(ikt1, 4).nilai == 90 and _ra(ikt1, 1).nilai == 20


def test_ratio_indicator_takes_numerator_and_denominator(client, operator_a, demo):
    ikt1 = _ind(demo, "IKT-1")
    Indikator.objects.filter(pk=ikt1.pk).update(tipe_penghitungan="rasio")
    RencanaAksi.objects.filter(indikator=ikt1).delete()
    client.force_login(operator_a)
    data = _data(client, **{f"ra-{ikt1.pk}-1": "40/45", f"ra-{ikt1.pk}-2": "40"})
    r = client.post(URL, data)
    assert r.context["form"].errors[f"ra-{ikt1.pk}-2"] == [
        "Tuliskan pembilang/penyebut, misalnya 40/45."
    ]
    data[f"ra-{ikt1.pk}-2"] = "0/0"
    assert client.post(URL, data).context["form"].errors[f"ra-{ikt1.pk}-2"] == [
        "Penyebut tidak boleh nol."
    ]
    data[f"ra-{ikt1.pk}-2"] = "85,5/90"
    assert client.post(URL, data).status_code == 302
    ra = _ra(ikt1, 2)
    assert (ra.pembilang, ra.penyebut, ra.nilai) == (Decimal("85.5"), Decimal(90), None)
    assert client.get(URL).context["form"][f"ra-{ikt1.pk}-1"].value() == "40/45"
    with pytest.raises(ValidationError, match="pembilang/penyebut"):
        rencana_aksi_simpan(
            perangkat_daerah=demo["a"],
            tahun=2024,
            pengguna=operator_a,
            nilai={(ikt1.pk, 3): Nilai(Decimal(5))},
            asal={},
        )
    with pytest.raises(ValidationError, match="bukan bertipe rasio"):
        rencana_aksi_simpan(
            perangkat_daerah=demo["a"],
            tahun=2024,
            pengguna=operator_a,
            nilai={(_ind(demo, "IKT-2").pk, 3): Rasio(Decimal(1), Decimal(2))},
            asal={},
        )


def test_year_without_pk_says_so(client, operator_a):
    client.force_login(operator_a)
    r = client.get("/pd/33.16.05/2025/rencana-aksi/")
    assert r.status_code == 200
    assert "Belum ada Perjanjian Kinerja tahun 2025" in r.content.decode()
    assert client.get("/pd/33.16.05/1999/rencana-aksi/").status_code == 404
