"""Opening a year from the browser: the "year not open" pages, the form, the year selector."""

from __future__ import annotations

import pytest

from anggaran.models import DPA
from kinerja.models import LogPerubahan, PerjanjianKinerja
from laporan.models import LKjIP
from tests.web.test_anggaran_dpa import isian_form

PD = "/pd/33.16.05"
BUKA = f"{PD}/2025/buka/"
HALAMAN_2025 = [
    f"{PD}/2025/",
    f"{PD}/2025/hitung/",
    f"{PD}/2025/pk/",
    f"{PD}/2025/anggaran/",
    f"{PD}/2025/anggaran/dpa/murni/",
    f"{PD}/2025/anggaran/realisasi/1/",
    f"{PD}/2025/lkjip/",
    f"{PD}/2025/lkjip/kesiapan/",
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", HALAMAN_2025)
def test_pages_of_a_year_not_open_offer_to_open_it(client, operator_a, url):
    client.force_login(operator_a)
    r = client.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Tahun 2025 belum dibuka" in html
    assert f'action="{BUKA}"' in html and "Buka tahun 2025" in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.parametrize("peran", ["kepala_a", "evaluator"])
def test_readers_are_told_who_opens_it(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    html = client.get(f"{PD}/2025/").content.decode()
    assert "Tahun 2025 belum dibuka" in html
    assert "dapat dibuka oleh operator Kecamatan Randublatung atau admin pemda" in html
    assert f'action="{BUKA}"' not in html


def test_admin_pemda_gets_the_form(client, admin_pemda):
    client.force_login(admin_pemda)
    assert f'action="{BUKA}"' in client.get(f"{PD}/2025/anggaran/").content.decode()


def test_years_out_of_reach_stay_404_and_the_year_after_the_renstra_offers_a_new_one(
    client, operator_a
):
    client.force_login(operator_a)
    for tahun in (2019, 2028):
        assert client.get(f"{PD}/{tahun}/").status_code == 404
    r = client.get(f"{PD}/2027/pk/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "di luar periode Renstra Kecamatan Randublatung (2021–2026)" in html
    assert f'href="{PD}/renstra/"' in html and "Susun Renstra baru" in html
    assert "/2027/buka/" not in html


def test_opening_redirects_to_the_pk_with_a_summary(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(BUKA)
    assert r.status_code == 302 and r["Location"] == f"{PD}/2025/pk/"
    html = client.get(r["Location"]).content.decode()
    assert (
        "Tahun 2025 dibuka: LKjIP 2025 (draf); 1 pejabat tahun 2024 disalin ke 2025; "
        "draf Perjanjian Kinerja murni dengan 4"
    ) in html
    assert "Indeks Kepuasan Masyarakat (IKM) di Kecamatan" in html and ">86,5<" in html
    assert LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2025).exists()
    log = LogPerubahan.objects.get(aksi="tahun.buka", perangkat_daerah=demo["a"])
    assert log.pengguna == operator_a

    # The year's pages now show its data, and opening again changes nothing.
    assert "Tahun 2025 belum dibuka" not in client.get(f"{PD}/2025/").content.decode()
    jumlah = LogPerubahan.objects.count()
    r = client.post(BUKA, follow=True)
    assert "sudah dibuka sebelumnya; tidak ada yang diubah" in r.content.decode()
    assert LogPerubahan.objects.count() == jumlah
    assert PerjanjianKinerja.objects.filter(perangkat_daerah=demo["a"], tahun=2025).count() == 1


def test_opening_outside_the_renstra_is_refused_on_the_renstra_page(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    r = client.post(f"{PD}/2027/buka/")
    assert r.status_code == 302 and r["Location"] == f"{PD}/renstra/"
    html = client.get(r["Location"]).content.decode()
    assert "Tahun 2027 berada di luar periode Renstra" in html
    assert "Susun Renstra baru" in html
    assert not LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2027).exists()


def test_readers_and_others_cannot_open(client, kepala_a, operator_b, demo):
    client.force_login(kepala_a)
    assert client.post(BUKA).status_code == 403
    client.force_login(operator_b)
    assert client.post(BUKA).status_code == 404
    assert not LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2025).exists()


def test_copied_pagu_is_marked_on_the_dpa_page_until_saved(client, operator_b, demo):
    client.force_login(operator_b)
    url = "/pd/33.16.15/2025/anggaran/dpa/murni/"
    client.post("/pd/33.16.15/2025/buka/", {"salin_pagu": "1"})
    html = client.get(url).content.decode()
    assert "Pagu disalin dari DPA 2024 — periksa dan sesuaikan" in html
    r = client.post(url, isian_form(client, url))
    assert r.status_code == 302
    assert "Pagu disalin dari DPA" not in client.get(url).content.decode()
    dpa = DPA.objects.get(perangkat_daerah=demo["b"], tahun=2025)
    assert dpa.pagu_disalin_dari is None and dpa.pagu.exists()


def test_the_year_selector_lists_open_years_and_offers_the_next(client, operator_a):
    client.force_login(operator_a)
    html = client.get(f"{PD}/2024/anggaran/").content.decode()
    assert f'href="{PD}/2024/anggaran/" class="aktif"' in html
    assert f'href="{PD}/2025/pk/"' in html and "2025 (belum dibuka)" in html
    client.post(BUKA)
    html = client.get(f"{PD}/2024/anggaran/").content.decode()
    assert f'href="{PD}/2025/anggaran/"' in html
    assert "2026 (belum dibuka)" in html
    # Pages without a year in their address keep the year in the query.
    assert f'href="{PD}/renstra/?tahun=2025"' in client.get(f"{PD}/renstra/").content.decode()


def test_an_open_year_without_pk_offers_the_draft_from_the_renstra(
    client, operator_a, kepala_a, demo
):
    client.force_login(operator_a)
    client.post(BUKA)
    PerjanjianKinerja.objects.filter(perangkat_daerah=demo["a"], tahun=2025).delete()
    html = client.get(f"{PD}/2025/pk/").content.decode()
    assert "Belum ada Perjanjian Kinerja tahun 2025" in html
    assert "Tahun 2025 belum dibuka" not in html
    assert f'action="{BUKA}"' in html and "Susun draf dari Renstra" in html
    r = client.post(BUKA, follow=True)
    assert "draf Perjanjian Kinerja murni dengan 4 indikator" in r.content.decode()
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo["a"], tahun=2025)
    assert pk.target.count() == 4
    client.force_login(kepala_a)
    PerjanjianKinerja.objects.filter(perangkat_daerah=demo["a"], tahun=2025).delete()
    html = client.get(f"{PD}/2025/pk/").content.decode()
    assert "Belum ada Perjanjian Kinerja tahun 2025" in html
    assert f'action="{BUKA}"' not in html


def test_the_audit_trail_names_what_opening_did(client, operator_a):
    client.force_login(operator_a)
    client.post(BUKA)
    html = client.get(f"{PD}/riwayat/").content.decode()
    for label in (
        "Tahun dibuka",
        "LKjIP dibuat",
        "Draf Perjanjian Kinerja dibuat",
        "Target triwulan (Rencana Aksi) diusulkan",
        "DPA dibuat",
    ):
        assert label in html
    assert ">rencana_aksi.usulan<" not in html and ">tahun.buka<" not in html


@pytest.mark.parametrize(("kode", "salin"), [("33.16.05", ""), ("33.16.15", "1"), ("35.17.12", "")])
def test_every_page_of_an_opened_year_answers(client, django_user_model, demo, kode, salin):
    client.force_login(django_user_model.objects.create_superuser("akar", password="x"))
    client.post(f"/pd/{kode}/2025/buka/", {"salin_pagu": salin})
    for halaman in [
        "",
        "hitung/",
        "pk/",
        "rencana-aksi/",
        "pk-berjenjang/",
        "realisasi/1/",
        "anggaran/",
        "anggaran/dpa/murni/",
        "anggaran/realisasi/1/",
        "lkjip/",
        "lkjip/kesiapan/",
        "lkjip/pratinjau/",
    ]:
        r = client.get(f"/pd/{kode}/2025/{halaman}")
        assert r.status_code == 200, halaman
        assert "Tahun 2025 belum dibuka" not in r.content.decode(), halaman
