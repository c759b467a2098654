"""The editor shows the drafted text of an empty section with a badge; "Terima draf" stores
it as the section's text and the badge goes. Only the operator of the kecamatan may."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from kinerja.models import Peran
from laporan.dokumen import susun_dokumen
from laporan.models import LKjIP, Narasi
from laporan.selectors import data_kesiapan
from laporan.services.kesiapan import draf_belum_diperiksa, kesiapan_lkjip

EDITOR = "/pd/33.16.05/2024/lkjip/"
SIMPAN = EDITOR + "narasi/{bagian}/"
BADGE = "Draf otomatis dari data — belum diperiksa"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _bagian(html: str, kunci: str) -> str:
    awal = html.index(f'id="bagian-{kunci}"')
    return html[awal : html.index("</section>", awal)]


def _terima(client, bagian: str = "kesimpulan", **kw):
    return client.post(
        SIMPAN.format(bagian=bagian),
        {"terima_draf": "1", "versi": 0, "judul": "", "teks": ""},
        **kw,
    )


def _narasi(pd, bagian: str) -> Narasi | None:
    return Narasi.objects.filter(
        lkjip__perangkat_daerah=pd, lkjip__tahun=2024, bagian=bagian
    ).first()


def test_an_empty_section_shows_its_draft_and_accepting_stores_it(client, operator_a, demo):
    client.force_login(operator_a)
    html = client.get(EDITOR).content.decode()
    bagian = _bagian(html, "kesimpulan")
    assert BADGE in bagian
    assert ">Terima draf</button>" in bagian
    # The draft is in the box, ready to edit, and already printed in the draft PDF.
    teks_kotak = bagian[bagian.index('id="bagian-kesimpulan-teks"') :]
    assert "Secara umum Kecamatan Randublatung" in teks_kotak[: teks_kotak.index("</textarea>")]
    # The list of drafts not yet checked links to the section.
    assert "Draf otomatis yang belum diperiksa" in html
    assert 'href="/pd/33.16.05/2024/lkjip/#bagian-kesimpulan"' in html

    tercetak = susun_dokumen(demo["a"], 2024).narasi["kesimpulan"]
    assert tercetak.draf
    r = _terima(client)
    assert r.status_code == 302
    assert r["Location"].endswith("#bagian-kesimpulan")
    n = _narasi(demo["a"], "kesimpulan")
    assert n is not None and n.versi == 1
    assert n.teks.startswith("Laporan Kinerja Instansi Pemerintah Kecamatan Randublatung Tahun")
    assert "Secara umum Kecamatan Randublatung" in n.teks
    # What is stored is what the draft PDF printed; from now on it is the operator's text.
    assert n.teks == tercetak.teks
    assert not susun_dokumen(demo["a"], 2024).narasi["kesimpulan"].draf

    html = client.get(EDITOR).content.decode()
    bagian = _bagian(html, "kesimpulan")
    assert BADGE not in bagian
    assert "Terima draf" not in bagian
    # Other empty sections keep theirs.
    assert BADGE in _bagian(html, "rekomendasi")


def test_an_edited_section_has_no_badge(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(
        SIMPAN.format(bagian="rekomendasi"),
        {"teks": "Langkah kami sendiri.", "judul": "", "versi": 0},
    )
    assert r.status_code == 302
    bagian = _bagian(client.get(EDITOR).content.decode(), "rekomendasi")
    assert BADGE not in bagian
    assert "Langkah kami sendiri." in bagian


def test_accepting_a_section_without_a_draft_is_refused(client, operator_a, demo):
    client.force_login(operator_a)
    r = _terima(client, "tindak_lanjut", HTTP_ACCEPT="application/json")
    assert r.status_code == 400
    assert "tidak memiliki draf otomatis" in r.json()["galat"]
    assert _narasi(demo["a"], "tindak_lanjut") is None


def test_readiness_warns_about_drafts_instead_of_blocking(demo):
    pd = demo["a"]
    kurang = kesiapan_lkjip(pd, 2024)
    assert not [k for k in kurang if k.jenis == "narasi"]
    draf = draf_belum_diperiksa(data_kesiapan(pd, 2024))
    assert {k.kode for k in draf} >= {"kata_pengantar", "ikhtisar_eksekutif", "kesimpulan"}
    assert all("masih memakai draf otomatis" in k.pesan for k in draf)
    Narasi.objects.create(
        lkjip=LKjIP.objects.get(perangkat_daerah=pd, tahun=2024), bagian="kesimpulan", teks="Ya."
    )
    assert "kesimpulan" not in {k.kode for k in draf_belum_diperiksa(data_kesiapan(pd, 2024))}


def _kepala_b(demo):
    user = get_user_model().objects.create_user(username="kepala_b", password="sandi-uji-123")
    Peran.objects.create(
        pengguna=user, jenis="kepala", pemda=demo["b"].pemda, perangkat_daerah=demo["b"]
    )
    return user


@pytest.mark.parametrize("pengguna", ["kepala_a", "evaluator", "admin_pemda"])
def test_readers_see_the_draft_but_cannot_accept_it(client, request, pengguna, demo):
    client.force_login(request.getfixturevalue(pengguna))
    html = client.get(EDITOR).content.decode()
    bagian = _bagian(html, "kesimpulan")
    assert BADGE in bagian
    assert "Secara umum Kecamatan Randublatung" in bagian
    assert "Terima draf" not in bagian
    assert _terima(client).status_code == 403
    assert _narasi(demo["a"], "kesimpulan") is None


def test_the_kepala_of_another_kecamatan_cannot_accept(client, demo):
    client.force_login(_kepala_b(demo))
    assert client.get(EDITOR).status_code == 404
    assert _terima(client).status_code == 404
    assert _narasi(demo["a"], "kesimpulan") is None


def test_the_operator_of_another_kecamatan_cannot_accept(client, operator_b, demo):
    client.force_login(operator_b)
    assert _terima(client).status_code == 404
    assert _narasi(demo["a"], "kesimpulan") is None


def test_accepting_is_refused_once_submitted(client, operator_a, demo):
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="diajukan")
    client.force_login(operator_a)
    r = _terima(client, HTTP_ACCEPT="application/json")
    assert r.status_code == 400
    assert _narasi(demo["a"], "kesimpulan") is None
