"""Live capaian while typing: POST /pd/<kode>/<tahun>/realisasi/<triwulan>/pratinjau/."""

from __future__ import annotations

import pytest

from kinerja.models import Indikator, Realisasi

URL = "/pd/33.16.05/2024/realisasi/1/pratinjau/"


def _id(kode: str, pd: str = "33.16.05") -> int:
    return Indikator.objects.get(renstra__perangkat_daerah__kode=pd, kode=kode).pk


def test_anonymous_is_sent_to_login(client, demo):
    r = client.post(URL, {"indikator": _id("IKS-1"), "nilai": "90"})
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_it_rejects_get(client, operator_a):
    client.force_login(operator_a)
    assert client.get(URL).status_code == 405


def test_it_checks_perangkat_daerah(client, operator_b):
    client.force_login(operator_b)
    assert client.post(URL, {"indikator": _id("IKS-1"), "nilai": "90"}).status_code == 404


@pytest.mark.parametrize("user", ["kepala_a", "evaluator"])
def test_it_requires_edit_role(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.post(URL, {"indikator": _id("IKS-1"), "nilai": "90"}).status_code == 403


def test_an_indicator_of_another_kecamatan_is_404(client, operator_a):
    client.force_login(operator_a)
    asing = Indikator.objects.filter(renstra__perangkat_daerah__kode="33.16.15").first()
    assert client.post(URL, {"indikator": asing.pk, "nilai": "90"}).status_code == 404


def test_a_missing_indicator_is_400(client, operator_a):
    client.force_login(operator_a)
    r = client.post(URL, {"nilai": "90"})
    assert r.status_code == 400 and r.json()["galat"]["indikator"]


def test_it_computes_capaian_and_predicate_with_the_engine(client, operator_a):
    client.force_login(operator_a)
    r = client.post(URL, {"indikator": _id("IKS-1"), "nilai": "80,5"})
    assert r.status_code == 200
    h = r.json()
    # 80,5 / 96 × 100 on the Blora scale.
    assert h["capaian"] == "83,85%" and h["predikat"] == "Cukup"
    assert h["warna"] == "#fee08b"
    assert h["perlu_catatan"] is True
    assert "83,85% berada di bawah ambang tercapai 100%" in h["pesan_catatan"]
    assert h["galat"] == {}
    # Nothing is saved by a preview.
    assert Realisasi.objects.get(indikator_id=_id("IKS-1"), tahun=2024, triwulan=1).nilai == 94


def test_above_the_threshold_no_note_is_needed(client, operator_a):
    client.force_login(operator_a)
    h = client.post(URL, {"indikator": _id("IKS-1"), "nilai": "97"}).json()
    assert h["capaian"] == "101,04%" and h["predikat"] == "Sangat Baik"
    assert h["perlu_catatan"] is False and h["pesan_catatan"] == ""


def test_it_uses_the_value_so_far_for_cumulative_types(client, operator_a, demo):
    """Tipe jumlah: capaian s.d. TW II = (TW I + TW II) / (target I + target II)."""
    ind = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKP-7.01.03-1")
    ind.tipe_penghitungan = "jumlah"
    ind.save()
    client.force_login(operator_a)
    h = client.post(
        "/pd/33.16.05/2024/realisasi/2/pratinjau/", {"indikator": ind.pk, "nilai": "50"}
    ).json()
    # (100 + 50) / (100 + 100) × 100
    assert h["capaian"] == "75,00%" and h["target_sd"] == "200" and h["realisasi_sd"] == "150"


def test_a_graded_value_is_computed_by_its_number(client, operator_a):
    client.force_login(operator_a)
    h = client.post(
        "/pd/33.16.05/2024/realisasi/4/pratinjau/",
        {"indikator": _id("IKT-2"), "nilai": "63,25 (B-)"},
    ).json()
    assert h["capaian"] == "84,33%" and h["predikat"] == "Cukup"


def test_an_unparseable_value_is_an_indonesian_error(client, operator_a):
    client.force_login(operator_a)
    h = client.post(URL, {"indikator": _id("IKS-1"), "nilai": "sembilan puluh"}).json()
    assert h["capaian"] == "-"
    assert h["galat"]["nilai"] == 'Nilai bertingkat "sembilan puluh" tidak memuat angka.'


def test_an_empty_value_has_no_capaian(client, operator_a):
    client.force_login(operator_a)
    h = client.post(URL, {"indikator": _id("IKS-1"), "nilai": ""}).json()
    assert h["capaian"] == "-" and h["perlu_catatan"] is False


def test_no_target_this_quarter_has_no_capaian(client, operator_a):
    """IKT-1 (nilai akhir) has a target for TW IV only."""
    client.force_login(operator_a)
    h = client.post(URL, {"indikator": _id("IKT-1"), "nilai": "80"}).json()
    assert h["capaian"] == "-" and h["predikat"] == "-" and h["perlu_catatan"] is False
