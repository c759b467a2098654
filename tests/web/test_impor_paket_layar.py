"""The admin pemda imports a data package from the browser: preview (replaced data,
per year now → package), refusals with their place in the package, then the import."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.test import Client

from kinerja.models import Indikator, LogPerubahan, PerangkatDaerah
from laporan.models import LKjIP

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
URL = "/pemda/33.16/impor-paket/"


def _unggah(c: Client, data: bytes):
    f = io.BytesIO(data)
    f.name = "paket.json"
    return c.post(URL, {"langkah": "unggah", "berkas": f})


@pytest.fixture
def admin(admin_pemda) -> Client:
    c = Client()
    c.force_login(admin_pemda)
    return c


def _paket_baru() -> bytes:
    d = json.loads((FIXTURES / "bogorejo-2024.json").read_text())
    d["perangkat_daerah"]["kode"] = "33.16.99"
    d["perangkat_daerah"]["nama"] = "Kecamatan Uji"
    return json.dumps(d).encode()


def test_a_new_perangkat_daerah_is_previewed_then_imported(admin, demo):
    r = _unggah(admin, _paket_baru())
    assert r.status_code == 200, r.content.decode()[-1500:]
    html = r.content.decode()
    assert "Pratinjau: Kecamatan Uji (33.16.99)" in html and "Perangkat daerah baru" in html
    assert not PerangkatDaerah.objects.filter(kode="33.16.99").exists()
    s = admin.post(URL, {"langkah": "simpan", "token": r.context["token"]})
    assert s.status_code == 302
    pd = PerangkatDaerah.objects.get(kode="33.16.99")
    assert Indikator.objects.filter(renstra__perangkat_daerah=pd).count() == (
        r.context["pratinjau"].indikator_baru
    )
    assert LogPerubahan.objects.filter(aksi="paket.impor", perangkat_daerah=pd).exists()


def test_replacing_an_existing_one_says_so_with_the_figures(admin, demo):
    r = _unggah(admin, (FIXTURES / "bogorejo-2024.json").read_bytes())
    assert r.status_code == 200
    html = r.content.decode()
    assert "sudah ada: seluruh datanya akan diganti" in html
    baris = r.context["pratinjau"].tahun[0]
    assert all(lama == baru for _, lama, baru in baris.kolom)  # the same package again


def test_a_package_of_another_pemda_is_refused(admin, demo):
    r = _unggah(admin, (FIXTURES / "kesamben-2024.json").read_bytes())
    assert r.status_code == 400 and "bukan Kabupaten Blora" in r.content.decode()


def test_a_broken_package_names_the_place(admin, demo):
    d = json.loads((FIXTURES / "bogorejo-2024.json").read_text())
    d["perangkat_daerah"]["kode"] = "33.16.99"
    d["tahun"][0]["realisasi"] = "bukan daftar"
    r = _unggah(admin, json.dumps(d).encode())
    assert r.status_code == 400
    assert "tahun[0].realisasi" in r.content.decode()
    assert not PerangkatDaerah.objects.filter(kode="33.16.99").exists()
    assert _unggah(admin, b"{bukan json").status_code == 400


def test_a_signed_year_is_refused_in_the_preview(admin, demo):
    LKjIP.objects.filter(perangkat_daerah=demo["b"], tahun=2024).update(status="ditetapkan")
    r = _unggah(admin, (FIXTURES / "bogorejo-2024.json").read_bytes())
    assert r.status_code == 400 and "sudah ditetapkan" in r.content.decode()


def test_only_the_admin_pemda_may_import(operator_b, demo):
    c = Client()
    c.force_login(operator_b)
    assert _unggah(c, _paket_baru()).status_code == 403
