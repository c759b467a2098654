"""Public verification of a signed LKjIP: what was signed, and whether a presented file matches."""

from __future__ import annotations

import hashlib
import subprocess
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from laporan.models import PembukaanKembali, SnapshotLKjIP
from tests.laporan.data_alur import lengkapi, lkjip, simpan_snapshot

PDF_A = b"%PDF-1.7\n% LKjIP Randublatung 2024 versi 1\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _snapshot(pd, versi: int = 1, isi: bytes = PDF_A, status: str = "ditetapkan"):
    x = lkjip(pd)
    x.status = status
    x.save()
    return simpan_snapshot(
        x,
        versi=versi,
        isi=isi,
        halaman=42,
        ditetapkan_pada=timezone.make_aware(timezone.datetime(2025, 4, 14, 10, 32)),
    )


def _url(s) -> str:
    return f"/verifikasi/{s.kode_isi}/"


def _periksa(client, s, isi: bytes, nama: str = "LKjIP.pdf"):
    return client.post(_url(s), {"berkas": SimpleUploadedFile(nama, isi, "application/pdf")})


# --------------------------------------------------------------------------- the page


def test_page_says_what_was_signed_without_login(client, demo):
    s = _snapshot(demo["a"])
    r = client.get(_url(s))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Laporan Kinerja Instansi Pemerintah (LKjIP) tahun 2024" in html
    assert "<dd>Kecamatan Randublatung</dd>" in html
    assert "<dd>Kabupaten Blora, Jawa Tengah</dd>" in html
    assert "<dd>1</dd>" in html
    assert "<dd>14 April 2025 pukul 10.32</dd>" in html
    assert "<dd>Drs. Sutrisno Wibowo, M.Si, Camat Randublatung</dd>" in html
    assert s.sha256 in html and s.kode_isi in html
    assert "Ini versi terbaru LKjIP tersebut dan masih berlaku." in html
    # Nothing of the application's menus for an anonymous visitor.
    assert "Keluar" not in html


def test_page_of_a_reopened_version(client, demo):
    s = _snapshot(demo["a"])
    PembukaanKembali.objects.create(lkjip=s.lkjip, snapshot=s, alasan="Salah ketik.")
    x = lkjip(demo["a"])
    x.status = "draf"
    x.save()
    html = client.get(_url(s)).content.decode()
    assert "LKjIP ini dibuka kembali pada" in html
    assert "belum ada versi baru yang ditetapkan" in html
    assert "masih berlaku" not in html
    # The reason is internal: not published.
    assert "Salah ketik." not in html


def test_page_of_a_replaced_version(client, demo):
    lama = _snapshot(demo["a"])
    PembukaanKembali.objects.create(lkjip=lama.lkjip, snapshot=lama, alasan="Koreksi.")
    baru = _snapshot(demo["a"], versi=2, isi=PDF_A + b"v2")
    html = client.get(_url(lama)).content.decode()
    assert "versi 2 telah ditetapkan sesudahnya" in html
    assert "(versi terbaru: 2)" in html
    assert "Ini versi terbaru" in client.get(_url(baru)).content.decode()


def test_unknown_code_is_an_indonesian_404(client, demo):
    r = client.get("/verifikasi/" + "ab" * 32 + "/")
    assert r.status_code == 404
    html = r.content.decode()
    assert "Kode verifikasi tidak dikenal" in html
    assert "bukan LKjIP yang ditetapkan melalui aplikasi ini" in html


def test_unknown_code_post_is_404_without_reading_the_upload(client, demo):
    r = client.post(
        "/verifikasi/" + "cd" * 32 + "/", {"berkas": SimpleUploadedFile("a.pdf", PDF_A)}
    )
    assert r.status_code == 404


def test_code_is_case_insensitive(client, demo):
    s = _snapshot(demo["a"])
    assert client.get(f"/verifikasi/{s.kode_isi.upper()}/").status_code == 200


@pytest.mark.parametrize(
    "pengguna", ["operator_a", "kepala_a", "evaluator", "operator_b", "evaluator_lain"]
)
def test_page_is_public_for_every_user(client, request, pengguna, demo):
    s = _snapshot(demo["a"])
    client.force_login(request.getfixturevalue(pengguna))
    assert client.get(_url(s)).status_code == 200


# --------------------------------------------------------------------------- checking a file


def test_same_file_matches(client, demo):
    s = _snapshot(demo["a"])
    r = _periksa(client, s, PDF_A, "LKjIP Randublatung 2024.pdf")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Berkas COCOK dengan dokumen yang ditetapkan" in html
    assert "LKjIP Randublatung 2024.pdf" in html
    assert "TIDAK COCOK" not in html


@pytest.mark.parametrize("posisi", [0, 500, -1])
def test_one_changed_byte_does_not_match(client, demo, posisi):
    s = _snapshot(demo["a"])
    ubah = bytearray(PDF_A)
    ubah[posisi] ^= 0x01
    html = _periksa(client, s, bytes(ubah)).content.decode()
    assert "Berkas TIDAK COCOK: isi berkas berbeda dari yang ditetapkan" in html
    assert "COCOK dengan dokumen" not in html
    assert hashlib.sha256(bytes(ubah)).hexdigest() in html


def test_a_cut_file_does_not_match(client, demo):
    s = _snapshot(demo["a"])
    assert "TIDAK COCOK" in _periksa(client, s, PDF_A[:-1]).content.decode()


def test_another_version_is_named(client, demo):
    lama = _snapshot(demo["a"])
    baru = _snapshot(demo["a"], versi=2, isi=PDF_A + b"v2")
    html = _periksa(client, baru, PDF_A).content.decode()
    assert "TIDAK COCOK" in html
    assert "sama dengan LKjIP Kecamatan Randublatung tahun 2024 versi 1" in html
    assert f'href="/verifikasi/{lama.kode_isi}/"' in html


def test_no_file_says_so(client, demo):
    s = _snapshot(demo["a"])
    r = client.post(_url(s), {})
    assert r.status_code == 400
    assert "Pilih berkas PDF yang akan diperiksa." in r.content.decode()


def test_empty_file_says_so(client, demo):
    s = _snapshot(demo["a"])
    r = _periksa(client, s, b"")
    assert r.status_code == 400
    assert "Berkas kosong" in r.content.decode()


def test_upload_is_never_stored(client, demo, media):
    s = _snapshot(demo["a"])
    sebelum = sorted(media.rglob("*"))
    from django.core.files import uploadhandler

    with (
        mock.patch.object(uploadhandler.MemoryFileUploadHandler, "new_file") as memori,
        mock.patch.object(uploadhandler.TemporaryFileUploadHandler, "new_file") as sementara,
    ):
        html = _periksa(client, s, PDF_A * 200).content.decode()
    assert "Berkas COCOK" not in html  # a different file, checked by hash alone
    assert "TIDAK COCOK" in html
    memori.assert_not_called()
    sementara.assert_not_called()
    assert sorted(media.rglob("*")) == sebelum


def test_too_large_a_request_is_refused_before_reading(client, demo, monkeypatch):
    from laporan.views import publik as views_publik

    s = _snapshot(demo["a"])
    monkeypatch.setattr(views_publik, "BATAS_PERMINTAAN", 1000)
    r = _periksa(client, s, PDF_A)
    assert r.status_code == 413
    assert "Berkas lebih besar dari" in r.content.decode()


def test_too_large_a_file_is_refused_while_reading(client, demo, monkeypatch):
    from laporan.views import publik as views_publik

    s = _snapshot(demo["a"])
    monkeypatch.setattr(views_publik.SHA256UploadHandler.__init__, "__defaults__", (None, 1000))
    r = _periksa(client, s, PDF_A)
    assert r.status_code == 413
    assert "Berkas lebih besar dari 50 MB" in r.content.decode()


def test_upload_needs_the_csrf_token(demo):
    s = _snapshot(demo["a"])
    client = Client(enforce_csrf_checks=True)
    r = _periksa(client, s, PDF_A)
    assert r.status_code == 403
    # With the token of the page, it works.
    client.get(_url(s))
    token = client.cookies["csrftoken"].value
    r = client.post(
        _url(s),
        {"berkas": SimpleUploadedFile("a.pdf", PDF_A), "csrfmiddlewaretoken": token},
    )
    assert r.status_code == 200 and "Berkas COCOK" in r.content.decode()


def test_verification_rejects_other_methods(client, demo):
    s = _snapshot(demo["a"])
    assert client.put(_url(s)).status_code == 405


# --------------------------------------------------------------------------- paste a code


def test_search_page_without_login(client, demo):
    r = client.get("/verifikasi/")
    assert r.status_code == 200
    assert "Tempelkan kode itu" in r.content.decode()


def test_search_by_code_or_address(client, demo):
    s = _snapshot(demo["a"])
    for teks in (
        s.kode_isi,
        f"  {s.kode_isi.upper()} ",
        f"https://lkjip.example/verifikasi/{s.kode_isi}/",
    ):
        r = client.get("/verifikasi/", {"kode": teks})
        assert r.status_code == 302 and r["Location"] == _url(s)


def test_search_with_a_bad_code(client, demo):
    r = client.get("/verifikasi/", {"kode": "1234"})
    assert r.status_code == 200
    assert "Kode verifikasi terdiri atas 64 karakter" in r.content.decode()


# --------------------------------------------------------------------------- the real flow


def test_signed_pdf_verifies_and_a_changed_byte_fails(client, operator_a, kepala_a, demo):
    """Sign-off through the screens renders the real PDF; its download verifies."""
    lengkapi(demo["a"])
    client.force_login(operator_a)
    client.post("/pd/33.16.05/2024/lkjip/ajukan/")
    client.force_login(kepala_a)
    client.post("/pd/33.16.05/2024/lkjip/tetapkan/")
    s = SnapshotLKjIP.objects.get()
    isi = b"".join(client.get("/pd/33.16.05/2024/lkjip/snapshot/1.pdf").streaming_content)
    client.logout()
    publik = Client()
    html = publik.get(_url(s)).content.decode()
    assert "Ini versi terbaru LKjIP tersebut dan masih berlaku." in html
    # The address printed (and in the QR code) on the pages is this public page.
    teks = subprocess.run(
        ["pdftotext", "-", "-"], input=isi, check=True, capture_output=True
    ).stdout.decode()
    assert f"http://testserver{_url(s)}" in "".join(teks.split())
    assert "COCOK dengan dokumen yang ditetapkan" in _periksa(publik, s, isi).content.decode()
    ubah = bytearray(isi)
    ubah[len(ubah) // 2] ^= 0xFF
    assert "Berkas TIDAK COCOK" in _periksa(publik, s, bytes(ubah)).content.decode()
