"""``/verifikasi/<sha256>.json``: is a file's SHA-256 a signed LKjIP? (``periksa_pdf --server``)."""

from __future__ import annotations

import hashlib

import pytest
from django.utils import timezone

from laporan.models import PembukaanKembali
from tests.laporan.data_alur import lkjip, simpan_snapshot

PDF = b"%PDF-1.7\n% LKjIP Randublatung 2024\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
SHA = hashlib.sha256(PDF).hexdigest()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _snapshot(pd, versi: int = 1, isi: bytes = PDF):
    x = lkjip(pd)
    x.status = "ditetapkan"
    x.save()
    return simpan_snapshot(
        x,
        versi=versi,
        isi=isi,
        halaman=40,
        ditetapkan_pada=timezone.make_aware(timezone.datetime(2025, 4, 14, 10, 32)),
    )


def test_a_signed_file_is_registered_without_login(client, demo):
    s = _snapshot(demo["a"])
    r = client.get(f"/verifikasi/{SHA}.json")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/json"
    data = r.json()
    assert data["terdaftar"] is True
    assert data["perangkat_daerah"] == "Kecamatan Randublatung"
    assert data["pemerintah_daerah"] == "Kabupaten Blora"
    assert data["tahun"] == 2024 and data["versi"] == 1 and data["versi_terbaru"] == 1
    assert data["berlaku"] is True and data["dibuka_kembali"] is False
    assert data["ditetapkan_pada"] == "14 April 2025 pukul 10.32"
    assert data["sha256"] == SHA and data["kode_isi"] == s.kode_isi
    assert data["halaman_verifikasi"] == f"http://testserver/verifikasi/{s.kode_isi}/"
    # Only what the public page shows: nothing of the stored file's location or the user.
    assert set(data) == {
        "terdaftar",
        "pesan",
        "perangkat_daerah",
        "pemerintah_daerah",
        "tahun",
        "versi",
        "versi_terbaru",
        "berlaku",
        "dibuka_kembali",
        "ditetapkan_pada",
        "ditetapkan_oleh",
        "halaman",
        "kode_isi",
        "sha256",
        "halaman_verifikasi",
    }


def test_upper_case_hash_is_the_same_file(client, demo):
    _snapshot(demo["a"])
    assert client.get(f"/verifikasi/{SHA.upper()}.json").json()["terdaftar"] is True


def test_unknown_hash_is_not_a_signed_document(client, demo):
    _snapshot(demo["a"])
    lain = hashlib.sha256(PDF + b"x").hexdigest()
    r = client.get(f"/verifikasi/{lain}.json")
    assert r.status_code == 404
    assert r.json() == {
        "terdaftar": False,
        "pesan": "Bukan dokumen yang ditetapkan: SHA-256 ini tidak terdaftar.",
    }


def test_the_content_code_is_not_a_file_hash(client, demo):
    s = _snapshot(demo["a"])
    assert client.get(f"/verifikasi/{s.kode_isi}.json").status_code == 404


@pytest.mark.parametrize("sha", ["abc", "g" * 64, "0" * 63, "0" * 65])
def test_malformed_hash_is_400(client, demo, sha):
    r = client.get(f"/verifikasi/{sha}.json")
    assert r.status_code == 400
    assert r.json()["terdaftar"] is False
    assert "SHA-256 tidak sah" in r.json()["pesan"]


def test_a_reopened_and_replaced_version_is_no_longer_in_force(client, demo):
    lama = _snapshot(demo["a"])
    PembukaanKembali.objects.create(lkjip=lama.lkjip, snapshot=lama, alasan="Koreksi.")
    _snapshot(demo["a"], versi=2, isi=PDF + b"v2")
    data = client.get(f"/verifikasi/{SHA}.json").json()
    assert data["terdaftar"] is True
    assert data["berlaku"] is False and data["dibuka_kembali"] is True
    assert data["versi"] == 1 and data["versi_terbaru"] == 2


def test_only_reads(client, demo):
    _snapshot(demo["a"])
    assert client.post(f"/verifikasi/{SHA}.json").status_code == 405
    assert client.head(f"/verifikasi/{SHA}.json").status_code == 200
