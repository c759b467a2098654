"""The quarterly realisasi grid: GET/POST /pd/<kode>/<tahun>/realisasi/<triwulan>/."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import (
    Indikator,
    LogPerubahan,
    Realisasi,
    RencanaAksi,
    StatusTriwulan,
)
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP
from tests.sintetis import buat_pd_sintetis

URL = "/pd/33.16.05/2024/realisasi/1/"
URL_TW4 = "/pd/33.16.05/2024/realisasi/4/"


def _tanpa_catatan_iks1(pd) -> None:
    """The demo explains IKS-1's shortfall in TW I; these tests need it unexplained."""
    Realisasi.objects.filter(
        indikator__renstra__perangkat_daerah=pd, indikator__kode="IKS-1", tahun=2024, triwulan=1
    ).update(catatan="")


def _ind(kode: str) -> Indikator:
    return Indikator.objects.get(renstra__perangkat_daerah__kode="33.16.05", kode=kode)


def _realisasi(kode: str, triwulan: int) -> Realisasi:
    return Realisasi.objects.get(indikator=_ind(kode), tahun=2024, triwulan=triwulan)


def data_awal(r) -> dict[str, str]:
    """The grid as it was loaded: every input with its shown value."""
    data = {}
    for bagian in r.context["bagian"]:
        for kelompok in bagian["kelompok"]:
            for x in kelompok["baris"]:
                for bf in x.form:
                    v = bf.value()
                    data[bf.html_name] = "" if v is None else str(v)
    return data


def isi(data: dict, kode: str, **nilai: str) -> dict:
    pk = _ind(kode).pk
    for k, v in nilai.items():
        data[f"r{pk}-{k}"] = v
    return data


# --------------------------------------------------------------------------- access


def test_anonymous_is_sent_to_login(client, demo):
    r = client.get(URL)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    r = client.post(URL, {})
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.parametrize("user", ["operator_b", "evaluator_lain"])
def test_it_checks_perangkat_daerah(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {}).status_code == 404


def test_it_rejects_an_unknown_triwulan(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2024/realisasi/5/").status_code == 404
    assert client.get("/pd/33.16.05/2024/realisasi/0/").status_code == 404


def test_operator_gets_an_editable_grid(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    pk = _ind("IKS-1").pk
    assert f'name="r{pk}-nilai"' in html and f'name="r{pk}-catatan"' in html
    assert f'name="r{pk}-versi"' in html
    assert "Simpan realisasi triwulan I" in html
    assert "js/realisasi.js" in html
    # Tabs for the four quarters with their review status.
    for tw in ("I", "II", "III", "IV"):
        assert f"Triwulan {tw}" in html
    # Tujuan/sasaran first, then the program tree, each under its heading.
    assert html.index("Indikator tujuan dan sasaran strategis") < html.index(
        "Indikator program, kegiatan dan sub kegiatan"
    )
    assert "Sasaran strategis S1" in html and "Program 7.01.01" in html
    assert html.index("IKS-1") < html.index("IKP-7.01.01-1")


def test_it_shows_targets_capaian_and_predicate(client, operator_a):
    client.force_login(operator_a)
    html = client.get(URL).content.decode()
    # IKS-1 TW I: target 96, realisasi 94 → 97,92%, "Baik" on the Blora scale.
    assert "97,92%" in html
    assert 'class="predikat" style="--warna: #a6d96a">Baik' in html
    # Below the threshold and without a note: the grid says a note is needed.
    assert "Catatan wajib diisi: capaian di bawah ambang tercapai 100%." in html


@pytest.mark.parametrize("user", ["kepala_a", "evaluator", "admin_pemda"])
def test_read_only_roles_see_no_inputs(client, request, user):
    client.force_login(request.getfixturevalue(user))
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "-nilai" not in html and "Simpan realisasi" not in html
    assert "js/realisasi.js" not in html
    assert "tanpa dapat mengubahnya" in html
    assert "97,92%" in html


@pytest.mark.parametrize("user", ["kepala_a", "evaluator", "admin_pemda"])
def test_read_only_roles_get_403_on_post(client, request, user):
    client.force_login(request.getfixturevalue(user))
    r = client.post(URL, isi({}, "IKS-1", nilai="99", versi="1"))
    assert r.status_code == 403
    assert _realisasi("IKS-1", 1).nilai == 94


def test_evaluator_reads_another_kecamatan_of_its_pemda(client, evaluator):
    client.force_login(evaluator)
    assert client.get("/pd/33.16.15/2024/realisasi/1/").status_code == 200


# --------------------------------------------------------------------------- saving


def test_it_saves_changed_rows_with_audit(client, operator_a, demo):
    _tanpa_catatan_iks1(demo["a"])
    client.force_login(operator_a)
    data = data_awal(client.get(URL))
    isi(data, "IKS-1", nilai="95,5", catatan="Dua petugas pelayanan cuti.")
    r = client.post(URL, data)
    assert r.status_code == 302 and r["Location"] == URL
    row = _realisasi("IKS-1", 1)
    assert row.nilai == Decimal("95.5") and row.label == ""
    assert row.catatan == "Dua petugas pelayanan cuti."
    assert row.versi == 2 and row.diubah_oleh == operator_a
    log = LogPerubahan.objects.get(aksi="realisasi.ubah")
    assert log.objek_tipe == "kinerja.realisasi" and log.objek_id == row.pk
    assert log.pengguna == operator_a and log.tahun == 2024
    assert log.data["lama"] == {"nilai": "94", "catatan": ""}
    assert log.data["baru"] == {"nilai": "95,5", "catatan": "Dua petugas pelayanan cuti."}
    # Only the changed row was written.
    assert LogPerubahan.objects.filter(aksi="realisasi.ubah").count() == 1
    r = client.get(URL)
    assert "tersimpan: 1 indikator diubah" in r.content.decode()


def test_it_accepts_a_graded_value(client, operator_a):
    client.force_login(operator_a)
    data = data_awal(client.get(URL_TW4))
    isi(
        data,
        "IKT-2",
        nilai="63,25 (B-)",
        catatan="Nilai SAKIP turun; rekomendasi LHE ditindaklanjuti.",
    )
    r = client.post(URL_TW4, data)
    assert r.status_code == 302
    row = _realisasi("IKT-2", 4)
    assert row.nilai == Decimal("63.25") and row.label == "63,25 (B-)"
    assert "63,25 (B-)" in client.get(URL_TW4).content.decode()


def test_saving_the_unchanged_grid_changes_nothing(client, operator_a):
    client.force_login(operator_a)
    data = data_awal(client.get(URL))
    r = client.post(URL, data)
    assert r.status_code == 302
    assert not LogPerubahan.objects.filter(aksi="realisasi.ubah").exists()
    assert _realisasi("IKS-1", 1).versi == 1
    assert "Tidak ada perubahan" in client.get(URL).content.decode()


def test_a_partial_post_touches_only_the_rows_it_contains(client, operator_a):
    """A row whose fields are missing from the post was not submitted: it is not cleared."""
    client.force_login(operator_a)
    r = client.post(URL, isi({}, "IKS-2", nilai="99", catatan="Satu layanan tertunda.", versi="1"))
    assert r.status_code == 302
    assert _realisasi("IKS-2", 1).nilai == 99
    assert _realisasi("IKS-1", 1).nilai == 94
    assert LogPerubahan.objects.filter(aksi="realisasi.ubah").count() == 1


def test_clearing_a_value_is_a_change(client, operator_a):
    client.force_login(operator_a)
    data = isi(data_awal(client.get(URL)), "IKS-2", nilai="")
    assert client.post(URL, data).status_code == 302
    assert _realisasi("IKS-2", 1).nilai is None
    log = LogPerubahan.objects.get(aksi="realisasi.ubah")
    assert log.data["lama"]["nilai"] == "100" and log.data["baru"]["nilai"] is None


def test_a_new_row_is_created(client, operator_a):
    client.force_login(operator_a)
    Realisasi.objects.filter(indikator=_ind("IKS-2"), tahun=2024, triwulan=1).delete()
    data = data_awal(client.get(URL))
    assert data[f"r{_ind('IKS-2').pk}-versi"] == "0"
    isi(data, "IKS-2", nilai="100")
    assert client.post(URL, data).status_code == 302
    row = _realisasi("IKS-2", 1)
    assert row.nilai == 100 and row.versi == 1 and row.diubah_oleh == operator_a
    assert LogPerubahan.objects.get(aksi="realisasi.ubah").data["lama"]["nilai"] is None


def test_a_note_is_required_below_the_threshold(client, operator_a, demo):
    _tanpa_catatan_iks1(demo["a"])
    client.force_login(operator_a)
    data = data_awal(client.get(URL))
    isi(data, "IKS-1", nilai="80,5")
    r = client.post(URL, data)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Catatan wajib diisi: capaian 83,85% berada di bawah ambang tercapai 100%." in html
    assert r.context["bagian"][0]["kelompok"][1]["baris"][0].form.errors["catatan"]
    # What was typed is still there.
    assert 'value="80,5"' in html
    assert _realisasi("IKS-1", 1).nilai == 94


def test_bad_input_is_an_indonesian_error_next_to_its_field(client, operator_a):
    client.force_login(operator_a)
    data = data_awal(client.get(URL))
    isi(data, "IKS-2", nilai="seratus")
    isi(data, "IKS-1", nilai="95", catatan="x")
    r = client.post(URL, data)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Nilai bertingkat &quot;seratus&quot; tidak memuat angka." in html
    assert "Realisasi belum disimpan" in html
    assert 'value="seratus"' in html
    # All or nothing: the valid row was not saved either.
    assert _realisasi("IKS-1", 1).nilai == 94


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        ("1,1234567", "paling banyak enam angka di belakang koma"),
        ("123456789012345", "terlalu besar"),
        ("x" * 101, "paling banyak 100 karakter"),
        ("12 dan 13", "lebih dari satu angka"),
    ],
)
def test_values_that_do_not_fit_are_refused(client, operator_a, nilai, pesan):
    client.force_login(operator_a)
    data = data_awal(client.get(URL))
    isi(data, "IKS-2", nilai=nilai)
    r = client.post(URL, data)
    assert r.status_code == 200 and pesan in r.content.decode()


def test_optimistic_locking_refuses_a_stale_row_and_names_who_changed_it(client, operator_a):
    client.force_login(operator_a)
    data = data_awal(client.get(URL))
    # Someone else saves IKS-1 after the page was opened.
    lain = get_user_model().objects.create_user(
        "rekan", password="x", first_name="Siti", last_name="Aminah"
    )
    row = _realisasi("IKS-1", 1)
    row.nilai, row.versi, row.diubah_oleh = Decimal(96), 2, lain
    row.save()
    isi(data, "IKS-1", nilai="95", catatan="Belum seluruh layanan sesuai SOP.")
    isi(data, "IKS-2", nilai="99", catatan="Satu layanan tertunda.")
    r = client.post(URL, data)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Realisasi IKS-1 sudah diubah oleh Siti Aminah pada " in html
    assert "nilai tersimpan sekarang: 96" in html
    # Nothing was written: not the stale row, not the other one.
    assert _realisasi("IKS-1", 1).nilai == 96
    assert _realisasi("IKS-2", 1).nilai == 100
    assert not LogPerubahan.objects.filter(aksi="realisasi.ubah").exists()
    # The re-rendered form carries the current version: saving again is a deliberate overwrite.
    pk = _ind("IKS-1").pk
    assert f'name="r{pk}-versi" value="2"' in html
    data[f"r{pk}-versi"] = "2"
    assert client.post(URL, data).status_code == 302
    assert _realisasi("IKS-1", 1).nilai == 95


def test_a_submitted_quarter_is_read_only_for_the_operator(client, operator_a, demo):
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, status="diajukan"
    )
    client.force_login(operator_a)
    r = client.get(URL)
    html = r.content.decode()
    assert "-nilai" not in html and "Simpan realisasi" not in html
    assert "sudah diajukan" in html and "tidak dapat diubah" in html
    r = client.post(URL, isi({}, "IKS-1", nilai="90", catatan="x", versi="1"))
    assert r.status_code == 200
    assert "sudah diajukan; data triwulan ini tidak dapat diubah" in r.content.decode()
    assert _realisasi("IKS-1", 1).nilai == 94
    # Other quarters stay open.
    assert "Simpan realisasi" in client.get("/pd/33.16.05/2024/realisasi/2/").content.decode()


def test_an_approved_quarter_is_read_only_for_the_operator(client, operator_a, demo):
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, status="disetujui"
    )
    client.force_login(operator_a)
    html = client.get(URL).content.decode()
    assert "-nilai" not in html and "sudah disetujui" in html
    r = client.post(URL, isi({}, "IKS-1", nilai="90", catatan="x", versi="1"))
    assert "sudah disetujui" in r.content.decode()
    assert _realisasi("IKS-1", 1).nilai == 94


def test_a_signed_off_year_is_locked(client, operator_a, demo):
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="ditetapkan")
    tahun_kunci(demo["a"], 2024)
    client.force_login(operator_a)
    html = client.get(URL).content.decode()
    assert "-nilai" not in html and "seluruh data tahun ini terkunci" in html
    r = client.post(URL, isi({}, "IKS-1", nilai="90", catatan="x", versi="1"))
    assert "sudah terkunci karena LKjIP telah ditetapkan" in r.content.decode()
    assert _realisasi("IKS-1", 1).nilai == 94


def test_a_foreign_indicator_cannot_be_written_through_the_grid(client, operator_a, demo):
    """A row of another perangkat daerah's indicator is not part of this grid's form."""
    client.force_login(operator_a)
    asing = Indikator.objects.filter(renstra__perangkat_daerah=demo["b"]).first()
    data = data_awal(client.get(URL))
    data[f"r{asing.pk}-nilai"] = "1"
    data[f"r{asing.pk}-versi"] = "0"
    assert client.post(URL, data).status_code == 302
    assert not Realisasi.objects.filter(indikator=asing, nilai=1).exists()


# --------------------------------------------------------------------------- ratio


@pytest.fixture
def rasio(demo):
    """IKP-7.01.03-1 computed as a ratio: TW I target 10 of 10."""
    ind = _ind("IKP-7.01.03-1")
    ind.tipe_penghitungan = "rasio"
    ind.save()
    RencanaAksi.objects.filter(indikator=ind, tahun=2024).update(
        nilai=None, pembilang=10, penyebut=10
    )
    Realisasi.objects.filter(indikator=ind, tahun=2024).update(nilai=None, pembilang=9, penyebut=10)
    return ind


def test_a_ratio_row_has_numerator_and_denominator(client, operator_a, rasio):
    client.force_login(operator_a)
    r = client.get(URL)
    html = r.content.decode()
    assert f'name="r{rasio.pk}-pembilang"' in html and f'name="r{rasio.pk}-penyebut"' in html
    assert f'name="r{rasio.pk}-nilai"' not in html
    assert "90,00%" in html
    data = data_awal(r)
    isi(data, "IKP-7.01.03-1", pembilang="10", penyebut="10")
    assert client.post(URL, data).status_code == 302
    row = _realisasi("IKP-7.01.03-1", 1)
    assert (row.pembilang, row.penyebut, row.nilai) == (10, 10, None)
    assert LogPerubahan.objects.get(aksi="realisasi.ubah").data["baru"]["nilai"] == "10 / 10"


@pytest.mark.parametrize(
    ("pembilang", "penyebut", "pesan"),
    [
        ("10", "", "Isi pembilang dan penyebut keduanya"),
        ("", "10", "Isi pembilang dan penyebut keduanya"),
        ("5", "0", "Penyebut harus lebih dari 0."),
        ("-1", "10", "tidak boleh negatif"),
        ("7 orang", "10", "Isi dengan angka saja"),
    ],
)
def test_a_ratio_needs_both_parts(client, operator_a, rasio, pembilang, penyebut, pesan):
    client.force_login(operator_a)
    data = data_awal(client.get(URL))
    isi(data, "IKP-7.01.03-1", pembilang=pembilang, penyebut=penyebut, catatan="x")
    r = client.post(URL, data)
    assert r.status_code == 200 and pesan in r.content.decode()
    assert _realisasi("IKP-7.01.03-1", 1).pembilang == 9


# --------------------------------------------------------------------------- queries


def _hitung_query(client, kode: str) -> int:
    with CaptureQueriesContext(connection) as q:
        r = client.get(f"/pd/{kode}/2024/realisasi/2/")
    assert r.status_code == 200
    return len(q)


def test_queries_do_not_grow_with_indicators(client, db):
    buat_pd_sintetis(10, kode="99.01.01", kode_pemda="99.01")
    buat_pd_sintetis(100, kode="98.01.01", kode_pemda="98.01")
    admin = get_user_model().objects.create_superuser("super", password="x")
    client.force_login(admin)
    sepuluh, seratus = _hitung_query(client, "99.01.01"), _hitung_query(client, "98.01.01")
    assert sepuluh == seratus, (sepuluh, seratus)
    assert sepuluh <= 20


def test_read_only_page_queries_do_not_grow_with_indicators(client, db):
    from kinerja.models import Peran

    kecil = buat_pd_sintetis(10, kode="99.01.01", kode_pemda="99.01")
    besar = buat_pd_sintetis(100, kode="98.01.01", kode_pemda="98.01")
    jumlah = []
    for i, pd in enumerate((kecil, besar)):
        kepala = get_user_model().objects.create_user(f"kepala{i}", password="x")
        Peran.objects.create(pengguna=kepala, jenis="kepala", pemda=pd.pemda, perangkat_daerah=pd)
        client.force_login(kepala)
        jumlah.append(_hitung_query(client, pd.kode))
    assert jumlah[0] == jumlah[1], jumlah


def _kueri_simpan(client, kode: str) -> tuple[int, int]:
    """Queries of saving every row of the quarter at once, and the rows saved."""
    url = f"/pd/{kode}/2024/realisasi/2/"
    data = data_awal(client.get(url))
    n = 0
    for nama in list(data):
        if nama.endswith("-nilai"):
            data[nama] = str(40 + n % 50)
            data[nama.replace("-nilai", "-catatan")] = "Kegiatan tertunda karena cuaca."
            n += 1
    with CaptureQueriesContext(connection) as q:
        r = client.post(url, data)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert (
        LogPerubahan.objects.filter(aksi="realisasi.ubah", perangkat_daerah__kode=kode).count() == n
    )
    return len(q), n


def test_saving_a_grid_costs_the_same_queries_for_10_or_100_rows(client, db):
    buat_pd_sintetis(10, kode="99.01.01", kode_pemda="99.01")
    buat_pd_sintetis(100, kode="98.01.01", kode_pemda="98.01")
    admin = get_user_model().objects.create_superuser("super", password="x")
    client.force_login(admin)
    (sepuluh, n10), (seratus, n100) = (
        _kueri_simpan(client, "99.01.01"),
        _kueri_simpan(client, "98.01.01"),
    )
    assert n100 > n10 >= 10
    assert sepuluh == seratus, (sepuluh, seratus)
