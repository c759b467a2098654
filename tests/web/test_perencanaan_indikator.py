"""Indikator detail (/pd/<kode>/indikator/<pk>/) and its edit form (…/ubah/)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.engine.angka import Nilai
from kinerja.models import Indikator, LogPerubahan, RiwayatIndikator, TargetTahunan
from kinerja.services.perencanaan.indikator import (
    indikator_ubah,
    kanon_indikator,
    target_tahunan_simpan,
)
from kinerja.services.renstra import revisi_buka
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP


@pytest.fixture
def iks1(demo):
    ind = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKS-1")
    # The Randublatung Renstra is in use (PK 2024): its targets change within a revision.
    revisi_buka(
        renstra=ind.renstra, pengguna=None, tanggal=datetime.date(2025, 3, 12), alasan="Uji"
    )
    return ind


def _url(ind, ubah=False):
    return f"/pd/33.16.05/indikator/{ind.pk}/" + ("ubah/" if ubah else "")


def _data(client, ind, **ubah):
    """The edit form as loaded, with some fields changed."""
    form = client.get(_url(ind, True)).context["form"]
    data = {}
    for nama, bf in form.fields.items():
        nilai = form[nama].value()
        if isinstance(bf.widget, type(form.fields["iku"].widget)):
            if nilai:
                data[nama] = "on"
            continue
        data[nama] = "" if nilai is None else str(nilai)
    data.update(ubah)
    return data


def test_anonymous_is_sent_to_login(client, iks1):
    for url in (_url(iks1), _url(iks1, True)):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_checks_perangkat_daerah(client, iks1, operator_b, evaluator_lain):
    for user in (operator_b, evaluator_lain):
        client.force_login(user)
        assert client.get(_url(iks1)).status_code == 404
        assert client.get(_url(iks1, True)).status_code == 404
        assert client.post(_url(iks1, True), {"satuan": "x"}).status_code == 404


def test_indicator_of_another_pd_is_404_under_own_code(client, demo, operator_a):
    lain = Indikator.objects.filter(renstra__perangkat_daerah=demo["b"]).first()
    client.force_login(operator_a)
    assert client.get(f"/pd/33.16.05/indikator/{lain.pk}/").status_code == 404
    assert client.get(f"/pd/33.16.05/indikator/{lain.pk}/ubah/").status_code == 404


@pytest.mark.parametrize("user", ["kepala_a", "evaluator"])
def test_it_requires_edit_role(client, request, iks1, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_url(iks1)).status_code == 200
    assert client.get(_url(iks1, True)).status_code == 403
    assert client.post(_url(iks1, True), {"satuan": "x"}).status_code == 403
    html = client.get(_url(iks1)).content.decode()
    assert "Ubah indikator dan target" not in html


def test_detail_shows_metadata_targets_and_history(client, operator_a, iks1):
    client.force_login(operator_a)
    html = client.get(_url(iks1)).content.decode()
    assert "Persentase layanan kecamatan sesuai SOP" in html
    assert "Jumlah layanan yang sesuai SOP dibagi jumlah layanan" in html  # formulasi
    assert "Layanan kecamatan yang sesuai SOP adalah" in html  # definisi operasional
    assert "Evaluasi implementasi pelayanan" in html  # sumber data
    assert "Kumulatif s.d. triwulan" in html and "Positif" in html
    assert "Mengikuti" not in html and "(aturan pemda)" in html
    # riwayat 2022: target 92, realisasi 86,12 → capaian 93,61%
    assert "86,12" in html and "93,61%" in html
    assert "100,63" in html and "107,05%" in html
    assert "Ubah indikator dan target" in html


def test_edit_form_shows_current_values(client, operator_a, iks1):
    client.force_login(operator_a)
    r = client.get(_url(iks1, True))
    assert r.status_code == 200
    form = r.context["form"]
    assert form["target-2024"].value() == "96"
    assert form["target_akhir"].value() == "98"
    assert form["satuan"].value() == "%"
    assert json.loads(form["asal"].value())["target-2022"] == "92"


def test_it_saves_metadata_and_targets_with_audit(client, operator_a, iks1):
    client.force_login(operator_a)
    data = _data(
        client,
        iks1,
        sumber_data="Laporan SOP triwulanan",
        penanggung_jawab="Kasi Pelayanan",
        **{"target-2025": "98,5", "target-2026": "BB (99,25)", "target-2022": ""},
    )
    r = client.post(_url(iks1, True), data)
    assert r.status_code == 302 and r["Location"] == _url(iks1)
    iks1.refresh_from_db()
    assert iks1.sumber_data == "Laporan SOP triwulanan"
    assert iks1.penanggung_jawab == "Kasi Pelayanan"
    target = {t.tahun: t for t in iks1.target_tahunan.all()}
    assert target[2025].nilai == Decimal("98.5") and target[2025].label == ""
    assert target[2026].nilai == Decimal("99.25") and target[2026].label == "BB (99,25)"
    assert 2022 not in target  # cleared
    log = LogPerubahan.objects.get(aksi="indikator.ubah", objek_id=iks1.pk)
    assert log.pengguna == operator_a
    assert log.data["lama"]["sumber_data"].startswith("Evaluasi implementasi")
    assert log.data["baru"]["penanggung_jawab"] == "Kasi Pelayanan"
    target_log = {x.tahun: x.data for x in LogPerubahan.objects.filter(aksi="target_tahunan.ubah")}
    assert target_log[2025] == {
        "lama": "98",
        "baru": "98,5",
        "indikator_id": iks1.pk,
        "revisi_renstra": 1,
    }
    assert target_log[2022]["lama"] == "92" and target_log[2022]["baru"] is None
    html = client.get(_url(iks1)).content.decode()
    assert "Kasi Pelayanan" in html and "BB (99,25)" in html
    assert "Riwayat perubahan" in html and "operator_a" in html


def test_unchanged_form_changes_nothing(client, operator_a, iks1):
    client.force_login(operator_a)
    r = client.post(_url(iks1, True), _data(client, iks1), follow=True)
    assert "Tidak ada perubahan" in r.content.decode()
    assert not LogPerubahan.objects.filter(pengguna=operator_a).exists()


def test_bad_input_is_shown_next_to_the_field_and_kept(client, operator_a, iks1):
    client.force_login(operator_a)
    data = _data(
        client,
        iks1,
        satuan="",
        polaritas="salah",
        **{"target-2025": "sembilan puluh", "target-2026": "1,1234567", "target_akhir": "99"},
    )
    r = client.post(_url(iks1, True), data)
    assert r.status_code == 200
    form = r.context["form"]
    assert form.errors["satuan"] == ["Bidang ini tidak boleh kosong."]
    assert "Masukkan pilihan yang valid" in form.errors["polaritas"][0]
    assert "tidak memuat angka" in form.errors["target-2025"][0]
    assert form.errors["target-2026"] == ["Angka paling banyak enam angka di belakang koma."]
    html = r.content.decode()
    assert 'value="sembilan puluh"' in html and 'value="99"' in html
    assert "Belum disimpan" in html
    iks1.refresh_from_db()
    assert iks1.target_akhir == Decimal(98)


def test_signed_off_year_is_locked(client, operator_a, iks1):
    LKjIP.objects.filter(perangkat_daerah=iks1.renstra.perangkat_daerah, tahun=2024).update(
        status=LKjIP.Status.DITETAPKAN
    )
    tahun_kunci(iks1.renstra.perangkat_daerah, 2024)
    client.force_login(operator_a)
    form = client.get(_url(iks1, True)).context["form"]
    assert form.fields["target-2024"].disabled and not form.fields["target-2025"].disabled
    # a posted value for the locked year is ignored …
    client.post(_url(iks1, True), _data(client, iks1, **{"target-2024": "50"}))
    assert TargetTahunan.objects.get(indikator=iks1, tahun=2024).nilai == 96
    # … and the service refuses it outright
    with pytest.raises(ValidationError) as e:
        target_tahunan_simpan(
            indikator=iks1, pengguna=operator_a, target={2024: Nilai(Decimal(50))}, asal={}
        )
    assert "2024 sudah terkunci" in e.value.message_dict["2024"][0]


def test_rules_of_an_indicator_in_a_signed_off_year_are_locked(client, operator_a, iks1):
    LKjIP.objects.filter(perangkat_daerah=iks1.renstra.perangkat_daerah, tahun=2024).update(
        status=LKjIP.Status.DITETAPKAN
    )
    tahun_kunci(iks1.renstra.perangkat_daerah, 2024)
    client.force_login(operator_a)
    r = client.post(_url(iks1, True), _data(client, iks1, polaritas="negatif"))
    assert r.status_code == 200
    assert "LKjIP tahun 2024 yang sudah ditetapkan" in r.context["form"].errors["polaritas"][0]
    iks1.refresh_from_db()
    assert iks1.polaritas == "positif"
    # texts that do not change the computation stay editable
    r = client.post(_url(iks1, True), _data(client, iks1, sumber_data="Baru"))
    assert r.status_code == 302


def test_stale_form_is_refused_naming_who_changed_it(client, operator_a, iks1, django_user_model):
    client.force_login(operator_a)
    data = _data(client, iks1, **{"target-2025": "97"}, formulasi="Rumus versi saya")
    rekan = django_user_model.objects.create_user("rekan", first_name="Siti Rekan")
    target_tahunan_simpan(
        indikator=iks1, pengguna=rekan, target={2025: Nilai(Decimal("99"))}, asal={2025: "98"}
    )
    r = client.post(_url(iks1, True), data)
    assert r.status_code == 200
    pesan = r.context["form"].errors["target-2025"][0]
    assert "telah diubah oleh Siti Rekan pada" in pesan and '"99"' in pesan
    assert TargetTahunan.objects.get(indikator=iks1, tahun=2025).nilai == 99
    iks1.refresh_from_db()
    assert iks1.formulasi != "Rumus versi saya"  # nothing of the form was saved
    html = r.content.decode()
    assert 'value="97"' in html and "Rumus versi saya" in html  # nothing typed is lost
    # Saving again knowingly replaces the other change.
    r = client.post(_url(iks1, True), r.context["form"].data)
    assert r.status_code == 302
    assert TargetTahunan.objects.get(indikator=iks1, tahun=2025).nilai == 97


def test_service_ignores_fields_changed_only_by_someone_else(operator_a, iks1):
    asal = kanon_indikator(iks1)
    Indikator.objects.filter(pk=iks1.pk).update(sumber_data="diubah orang lain")
    berubah = indikator_ubah(
        indikator=iks1,
        pengguna=operator_a,
        data={"penanggung_jawab": "Camat", "sumber_data": asal["sumber_data"]},
        asal=asal,
    )
    assert berubah == ["penanggung_jawab"]
    iks1.refresh_from_db()
    assert iks1.sumber_data == "diubah orang lain" and iks1.penanggung_jawab == "Camat"


def test_service_refuses_a_year_outside_the_renstra(operator_a, iks1):
    with pytest.raises(ValidationError) as e:
        target_tahunan_simpan(
            indikator=iks1, pengguna=operator_a, target={2030: Nilai(Decimal(1))}, asal={}
        )
    assert "di luar periode Renstra 2021–2026" in e.value.message_dict["2030"][0]


def test_a_target_typed_as_a_range_is_kept_with_both_bounds(client, operator_a, iks1):
    client.force_login(operator_a)
    r = client.post(_url(iks1, True), _data(client, iks1, **{"target-2025": "92 s/d 95"}))
    assert r.status_code == 302
    row = iks1.target_tahunan.get(tahun=2025)
    assert (row.nilai, row.nilai_atas, row.label) == (92, 95, "92 – 95")
    assert "92 – 95" in client.get(_url(iks1)).content.decode()
    assert client.get(_url(iks1, True)).context["form"]["target-2025"].value() == "92 – 95"
    # Back to a single value: the upper bound goes.
    r = client.post(_url(iks1, True), _data(client, iks1, **{"target-2025": "97"}))
    assert r.status_code == 302
    row.refresh_from_db()
    assert (row.nilai, row.nilai_atas, row.label) == (97, None, "")


def test_a_reversed_range_is_refused_on_the_form(client, operator_a, iks1):
    client.force_login(operator_a)
    r = client.post(_url(iks1, True), _data(client, iks1, **{"target-2025": "95 – 92"}))
    assert r.status_code == 200
    assert "batas bawah harus lebih kecil" in " ".join(r.context["form"].errors["target-2025"])
    assert iks1.target_tahunan.get(tahun=2025).nilai_atas is None


def test_an_earlier_year_given_only_as_capaian_shows_it(client, operator_a, iks1):
    RiwayatIndikator.objects.create(indikator=iks1, tahun=2021, capaian="98.50")
    client.force_login(operator_a)
    html = client.get(_url(iks1)).content.decode()
    assert "98,50%" in html
