"""Perjanjian Kinerja: the versions of a year with their difference, the cascaded PKs,
editing a version and creating a new perubahan."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.engine.angka import Nilai
from kinerja.models import (
    AnggaranProgramPK,
    Indikator,
    LogPerubahan,
    PerjanjianKinerja,
    Program,
    TargetPK,
)
from kinerja.services.perencanaan.pk import (
    perjanjian_kinerja_buat_perubahan,
    perjanjian_kinerja_ubah,
)
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP

URL_PK = "/pd/33.16.05/2024/pk/"
URL_PKB = "/pd/33.16.15/2024/pk-berjenjang/"
URL_UBAH = "/pd/33.16.05/2024/pk/murni/ubah/"
URL_BARU = "/pd/33.16.05/2024/pk/perubahan-baru/"


@pytest.fixture
def murni(demo):
    return PerjanjianKinerja.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="murni")


def _ikt1(demo):
    return Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKT-1")


def _program(demo, kode="7.01.01"):
    return Program.objects.get(renstra__perangkat_daerah=demo["a"], kode=kode)


def _data(client, url, **ubah):
    form = client.get(url).context["form"]
    data = {n: ("" if form[n].value() is None else str(form[n].value())) for n in form.fields}
    if form["tanggal"].value():
        data["tanggal"] = form.fields["tanggal"].widget.format_value(form["tanggal"].value())
    data.update(ubah)
    return data


# ------------------------------------------------------------------ access


def test_anonymous_is_sent_to_login(client, demo):
    for url in (URL_PK, URL_PKB, URL_UBAH):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    r = client.post(URL_BARU, {"dari_versi": "perubahan"})
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_checks_perangkat_daerah(client, operator_b, evaluator_lain):
    client.force_login(operator_b)
    for url in (URL_PK, URL_UBAH):
        assert client.get(url).status_code == 404
    assert client.post(URL_BARU, {"dari_versi": "perubahan"}).status_code == 404
    client.force_login(evaluator_lain)
    assert client.get(URL_PKB).status_code == 404


@pytest.mark.parametrize("user", ["kepala_a", "evaluator"])
def test_it_requires_edit_role(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(URL_PK).status_code == 200
    assert client.get(URL_UBAH).status_code == 403
    assert client.post(URL_UBAH, {}).status_code == 403
    assert client.post(URL_BARU, {"dari_versi": "perubahan"}).status_code == 403
    html = client.get(URL_PK).content.decode()
    assert "Ubah versi" not in html and "Buat versi" not in html


def test_it_rejects_get(client, operator_a):
    client.force_login(operator_a)
    assert client.get(URL_BARU).status_code == 405


def test_unknown_year_and_version_are_404(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/1999/pk/").status_code == 404
    assert client.get("/pd/33.16.05/2024/pk/perubahan-7/ubah/").status_code == 404


def test_a_year_of_the_renstra_without_pk_says_so(client, operator_a):
    client.force_login(operator_a)
    r = client.get("/pd/33.16.05/2025/pk/")
    assert r.status_code == 200
    # Issue 10: the year is not open yet; the page says so and offers to open it.
    assert "Tahun 2025 belum dibuka" in r.content.decode()


# ------------------------------------------------------------------ the PK page


def test_pk_shows_latest_version_with_signatures_targets_and_budgets(client, operator_a):
    client.force_login(operator_a)
    html = client.get(URL_PK).content.decode()
    assert "Versi perubahan" in html
    assert "NIP. 19680314 199403 1 007" in html  # the camat, formatted 8-6-1-3
    assert "CAMAT RANDUBLATUNG" in html and "BUPATI BLORA" in html
    assert "Indeks Kepuasan Masyarakat (IKM) di Kecamatan" in html
    assert "Rp 3.312.000.900" in html
    assert "Rp 6.778.100.000" in html  # Jumlah of the perubahan


def test_pk_murni_version_on_request(client, operator_a):
    client.force_login(operator_a)
    html = client.get(URL_PK + "?versi=murni").content.decode()
    assert "Versi murni" in html
    assert "11 Januari 2024" in html  # the PK murni is dated 11 January 2024


def test_pk_difference_murni_and_perubahan(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL_PK)
    beda = r.context["beda"]
    baris = {b["program"].kode: b for b in beda["anggaran"]}
    assert baris["7.01.01"]["berubah"] and baris["7.01.01"]["selisih"] == "+Rp 201.590.900"
    assert baris["7.01.04"]["selisih"] == "−Rp 12.190.000"
    assert not baris["7.01.05"]["berubah"]
    assert beda["total_selisih"] == "+Rp 602.000.000"
    assert not any(b["berubah"] for b in beda["target"])
    html = r.content.decode()
    assert "Rp 6.176.100.000" in html and "+Rp 602.000.000" in html
    assert 'class="berubah"' in html


def test_changed_target_is_highlighted_with_its_difference(client, operator_a, demo):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo["a"], versi="perubahan")
    TargetPK.objects.filter(perjanjian_kinerja=pk, indikator=_ikt1(demo)).update(
        nilai=Decimal("87.5")
    )
    client.force_login(operator_a)
    target = {b["ind"].kode: b for b in client.get(URL_PK).context["beda"]["target"]}
    assert target["IKT-1"]["berubah"] and target["IKT-1"]["selisih"] == "+1,5"
    assert target["IKT-1"]["murni"] == "86" and target["IKT-1"]["perubahan"] == "87,5"


def test_pk_berjenjang_lists_officials_targets_and_budgets(client, evaluator):
    client.force_login(evaluator)
    r = client.get(URL_PKB)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Sekretaris Kecamatan" in html and "Kepala Seksi Pelayanan dan Perizinan" in html
    assert "NIP. 19790522 200501 2 004" in html
    assert "Rp 2.220.960.000" in html
    assert "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA" in html
    sekcam = r.context["daftar"][0]
    assert len(sekcam["sasaran"]) == 5
    assert sekcam["anggaran"][0] == {
        "kode": "7.01.01",
        "nama": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "tingkat": "program",
        "jumlah": Decimal("2220960000"),
    }


# ------------------------------------------------------------------ editing a version


def test_it_saves_targets_budgets_and_date_with_audit(client, operator_a, demo, murni):
    client.force_login(operator_a)
    ikt1, program = _ikt1(demo), _program(demo)
    iks1 = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKS-1")
    data = _data(
        client,
        URL_UBAH,
        tanggal="12 Januari 2024",
        **{
            f"target-{ikt1.pk}": "86,5",
            f"target-{iks1.pk}": "BB (96,5)",
            f"anggaran-{program.pk}": "Rp 3.200.000.000",
        },
    )
    r = client.post(URL_UBAH, data)
    assert r.status_code == 302 and r["Location"] == URL_PK + "?versi=murni"
    assert TargetPK.objects.get(perjanjian_kinerja=murni, indikator=ikt1).nilai == Decimal("86.5")
    baru = TargetPK.objects.get(perjanjian_kinerja=murni, indikator=iks1)
    assert (baru.nilai, baru.label) == (Decimal("96.5"), "BB (96,5)")
    assert AnggaranProgramPK.objects.get(perjanjian_kinerja=murni, program=program).jumlah == (
        Decimal(3_200_000_000)
    )
    murni.refresh_from_db()
    assert murni.tanggal.isoformat() == "2024-01-12"
    log = {x.aksi + x.objek: x.data for x in LogPerubahan.objects.filter(pengguna=operator_a)}
    assert log["target_pk.ubahTarget PK murni 2024 indikator IKT-1"]["lama"] == "86"
    assert log["target_pk.ubahTarget PK murni 2024 indikator IKT-1"]["baru"] == "86,5"
    assert log["anggaran_pk.ubahAnggaran PK murni 2024 program 7.01.01"] == {
        "lama": "3.110.410.000",
        "baru": "3.200.000.000",
        "program_id": program.pk,
        "perjanjian_kinerja_id": murni.pk,
    }
    assert log["perjanjian_kinerja.ubahPK murni 2024"]["baru"] == {"tanggal": "2024-01-12"}
    follow = client.get(r["Location"]).content.decode()
    assert "12 Januari 2024" in follow and "Rp 3.200.000.000" in follow


def test_clearing_removes_a_target_and_a_budget(client, operator_a, demo, murni):
    client.force_login(operator_a)
    ikt1, program = _ikt1(demo), _program(demo, "7.01.06")
    data = _data(client, URL_UBAH, **{f"target-{ikt1.pk}": "", f"anggaran-{program.pk}": ""})
    assert client.post(URL_UBAH, data).status_code == 302
    assert not TargetPK.objects.filter(perjanjian_kinerja=murni, indikator=ikt1).exists()
    assert not AnggaranProgramPK.objects.filter(perjanjian_kinerja=murni, program=program).exists()


def test_bad_input_is_shown_next_to_the_field(client, operator_a, demo, murni):
    client.force_login(operator_a)
    ikt1, program = _ikt1(demo), _program(demo)
    data = _data(
        client,
        URL_UBAH,
        tanggal="31-02-2024",
        **{f"target-{ikt1.pk}": "delapan", f"anggaran-{program.pk}": "-5.000"},
    )
    r = client.post(URL_UBAH, data)
    assert r.status_code == 200
    e = r.context["form"].errors
    assert e["tanggal"] == ["Tulis tanggal seperti 11-01-2024 atau 11 Januari 2024."]
    assert "tidak memuat angka" in e[f"target-{ikt1.pk}"][0]
    assert e[f"anggaran-{program.pk}"] == ["Jumlah uang tidak boleh negatif."]
    assert 'value="delapan"' in r.content.decode()
    assert TargetPK.objects.get(perjanjian_kinerja=murni, indikator=ikt1).nilai == 86


def test_signed_off_year_refuses_the_save(client, operator_a, demo, murni):
    client.force_login(operator_a)
    ikt1 = _ikt1(demo)
    data = _data(client, URL_UBAH, **{f"target-{ikt1.pk}": "90"})
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="ditetapkan")
    tahun_kunci(demo["a"], 2024)
    r = client.post(URL_UBAH, data)
    assert r.status_code == 200
    assert "Data tahun 2024 sudah terkunci" in r.content.decode()
    assert TargetPK.objects.get(perjanjian_kinerja=murni, indikator=ikt1).nilai == 86
    r = client.post(URL_BARU, {"dari_versi": "perubahan"}, follow=True)
    assert "sudah terkunci" in r.content.decode()
    assert PerjanjianKinerja.objects.filter(perangkat_daerah=demo["a"]).count() == 2


def test_stale_form_is_refused_naming_who_changed_it(
    client, operator_a, demo, murni, django_user_model
):
    client.force_login(operator_a)
    program = _program(demo)
    kunci = f"anggaran-{program.pk}"
    data = _data(client, URL_UBAH, **{kunci: "3.000.000.000"})
    rekan = django_user_model.objects.create_user("rekan")
    perjanjian_kinerja_ubah(
        pk=murni,
        pengguna=rekan,
        target={},
        anggaran={program.pk: Decimal(3_100_000_000)},
        tanggal=murni.tanggal,
        tempat=murni.tempat,
        asal={kunci: "3.110.410.000"},
    )
    r = client.post(URL_UBAH, data)
    assert r.status_code == 200
    pesan = r.context["form"].errors[kunci][0]
    assert "telah diubah oleh rekan pada" in pesan and '"3.100.000.000"' in pesan
    assert AnggaranProgramPK.objects.get(perjanjian_kinerja=murni, program=program).jumlah == (
        Decimal(3_100_000_000)
    )
    assert json.loads(r.context["form"].data["asal"])[kunci] == "3.100.000.000"


def test_service_refuses_an_indicator_of_another_pd(operator_a, demo, murni):
    lain = Indikator.objects.filter(renstra__perangkat_daerah=demo["b"]).first()
    with pytest.raises(ValidationError) as e:
        perjanjian_kinerja_ubah(
            pk=murni,
            pengguna=operator_a,
            target={lain.pk: Nilai(Decimal(1))},
            anggaran={},
            tanggal=None,
            tempat="",
            asal={},
        )
    assert "bukan milik perangkat daerah ini" in e.value.message_dict[f"target-{lain.pk}"][0]


# ------------------------------------------------------------------ new perubahan


def test_new_perubahan_copies_the_latest_version(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(URL_BARU, {"dari_versi": "perubahan"})
    assert r.status_code == 302 and r["Location"] == "/pd/33.16.05/2024/pk/perubahan-2/ubah/"
    lama = PerjanjianKinerja.objects.get(perangkat_daerah=demo["a"], versi="perubahan")
    baru = PerjanjianKinerja.objects.get(perangkat_daerah=demo["a"], versi="perubahan-2")
    assert baru.urutan_versi == 2
    assert sorted((t.indikator_id, t.nilai) for t in baru.target.all()) == sorted(
        (t.indikator_id, t.nilai) for t in lama.target.all()
    )
    assert sum(a.jumlah for a in baru.anggaran_program.all()) == Decimal(6_778_100_000)
    log = LogPerubahan.objects.get(aksi="perjanjian_kinerja.buat_perubahan")
    assert log.pengguna == operator_a and log.objek_id == baru.pk
    assert log.data == {"dari": "perubahan", "versi": "perubahan-2"}
    r = client.get(r["Location"])
    assert r.status_code == 200 and "versi perubahan 2" in r.content.decode()
    beda = client.get(URL_PK).context["beda"]
    assert beda["perubahan"].versi == "perubahan-2"


def test_new_perubahan_refuses_a_stale_page(client, operator_a, demo, django_user_model):
    rekan = django_user_model.objects.create_user("rekan")
    perjanjian_kinerja_buat_perubahan(
        perangkat_daerah=demo["a"], tahun=2024, pengguna=rekan, dari_versi="perubahan"
    )
    client.force_login(operator_a)
    r = client.post(URL_BARU, {"dari_versi": "perubahan"}, follow=True)
    html = r.content.decode()
    assert "sekarang perubahan-2 (dibuat oleh rekan pada" in html
    assert not PerjanjianKinerja.objects.filter(versi="perubahan-3").exists()


def test_first_perubahan_after_murni(operator_a, demo):
    PerjanjianKinerja.objects.filter(perangkat_daerah=demo["a"], versi="perubahan").delete()
    baru = perjanjian_kinerja_buat_perubahan(
        perangkat_daerah=demo["a"], tahun=2024, pengguna=operator_a, dari_versi="murni"
    )
    assert (baru.versi, baru.urutan_versi) == ("perubahan", 1)
    assert baru.tanggal is None and baru.tempat == "Blora"


def test_a_pk_target_typed_as_a_range(client, operator_a, demo, murni):
    client.force_login(operator_a)
    ikt1 = _ikt1(demo)
    r = client.post(URL_UBAH, _data(client, URL_UBAH, **{f"target-{ikt1.pk}": "85 - 90"}))
    assert r.status_code == 302
    row = TargetPK.objects.get(perjanjian_kinerja=murni, indikator=ikt1)
    assert (row.nilai, row.nilai_atas, row.label) == (85, 90, "85 – 90")
    assert "85 – 90" in client.get(r["Location"]).content.decode()
