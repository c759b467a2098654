"""The admin pemda's calendar of working days: preload, add, remove, audited; every
deadline skips its days off."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.models import HariLibur, LogPerubahan
from kinerja.services.kalender import libur_hapus, libur_muat_bawaan, libur_pemda, libur_tambah
from kinerja.services.tenggat import tenggat, tenggat_lkjip_pemda

pytestmark = pytest.mark.django_db

URL = "/pemda/33.16/kalender/"
T = datetime.date


def test_preload_adds_national_days_once_and_keeps_removed_ones_removed(demo, admin_pemda):
    pemda = demo["a"].pemda
    n = libur_muat_bawaan(pemda=pemda, tahun=2026, pengguna=admin_pemda)
    assert n == HariLibur.objects.filter(pemda=pemda).count() > 15
    cuti = HariLibur.objects.get(pemda=pemda, tanggal=T(2026, 3, 23))
    assert cuti.jenis == HariLibur.Jenis.CUTI_BERSAMA
    assert LogPerubahan.objects.filter(aksi="pemda.libur_muat").count() == 1
    libur_hapus(pemda=pemda, pk=cuti.pk, pengguna=admin_pemda)
    assert libur_muat_bawaan(pemda=pemda, tahun=2026) == 0
    assert T(2026, 3, 23) not in libur_pemda(pemda)
    assert T(2026, 3, 24) in libur_pemda(pemda)
    # Another pemda's calendar is its own.
    assert libur_pemda(demo["lain"].pemda) == frozenset()


def test_a_holiday_moves_the_deadlines(demo, admin_pemda):
    pemda = demo["a"].pemda
    # TW II 2024: ten working days after Sunday 30 June is Friday 12 July …
    assert tenggat(pemda, 2024, 2).tanggal == T(2024, 7, 12)
    libur_tambah(
        pemda=pemda, tanggal=T(2024, 7, 11), nama="Hari Jadi Blora", jenis="lokal", pengguna=None
    )
    # … a local day off on Thursday 11 July moves it to Monday 15 July.
    assert tenggat(pemda, 2024, 2).tanggal == T(2024, 7, 15)
    pemda.tenggat_lkjip_hari_kerja = 5
    libur_tambah(
        pemda=pemda, tanggal=T(2025, 1, 1), nama="Tahun Baru", jenis="nasional", pengguna=None
    )
    # 2, 3, 6, 7, 8 January 2025.
    assert tenggat_lkjip_pemda(pemda, 2024) == T(2025, 1, 8)


def test_weekend_and_duplicate_refused(demo, admin_pemda):
    pemda = demo["a"].pemda
    with pytest.raises(ValidationError, match="Sabtu dan Minggu"):
        libur_tambah(pemda=pemda, tanggal=T(2026, 3, 21), nama="X", jenis="lokal", pengguna=None)
    libur_tambah(pemda=pemda, tanggal=T(2026, 4, 8), nama="Hari Jadi", jenis="lokal", pengguna=None)
    with pytest.raises(ValidationError, match="sudah tercatat"):
        libur_tambah(pemda=pemda, tanggal=T(2026, 4, 8), nama="Lagi", jenis="lokal", pengguna=None)


def test_admin_adds_removes_and_preloads_on_the_screen(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    r = client.get(URL + "?tahun=2026")
    assert r.status_code == 200
    assert "Belum ada hari libur tercatat untuk tahun 2026" in r.content.decode()
    r = client.post(URL, {"aksi": "muat", "tahun": "2026"})
    assert r.status_code == 302 and r["Location"].endswith("?tahun=2026")
    html = client.get(URL + "?tahun=2026").content.decode()
    assert "Cuti Bersama Hari Raya Idul Fitri" in html and "23 Maret 2026" in html
    r = client.post(
        URL, {"aksi": "tambah", "tanggal": "2026-12-28", "nama": "Hari Jadi", "jenis": "lokal"}
    )
    assert r.status_code == 302
    hari = HariLibur.objects.get(pemda=demo["a"].pemda, tanggal=T(2026, 12, 28))
    assert hari.jenis == "lokal" and hari.aktif
    log = LogPerubahan.objects.get(aksi="pemda.libur_tambah")
    assert log.pengguna == admin_pemda and log.data["baru"]["nama"] == "Hari Jadi"
    r = client.post(URL, {"aksi": "hapus", "pk": hari.pk, "tahun": "2026"})
    assert r.status_code == 302
    hari.refresh_from_db()
    assert not hari.aktif
    assert LogPerubahan.objects.get(aksi="pemda.libur_hapus").data["baru"] == {"aktif": False}
    assert "Hari Jadi" not in client.get(URL + "?tahun=2026").content.decode()


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"aksi": "tambah", "tanggal": "2026-03-21", "nama": "Sabtu", "jenis": "lokal"}, "Sabtu"),
        ({"aksi": "tambah", "tanggal": "", "nama": "X", "jenis": "lokal"}, "Tanggal wajib"),
        ({"aksi": "tambah", "tanggal": "2026-03-18", "nama": "", "jenis": "lokal"}, "Keterangan"),
        ({"aksi": "hapus", "pk": "999999"}, "tidak ditemukan"),
    ],
)
def test_invalid_changes_refused(client, admin_pemda, demo, data, pesan):
    client.force_login(admin_pemda)
    r = client.post(URL, data)
    assert r.status_code == 400
    assert pesan in r.content.decode()
    assert not HariLibur.objects.filter(aktif=True).exists()


@pytest.mark.parametrize("peran", ["operator_a", "kepala_a", "evaluator"])
def test_only_the_admin_pemda(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    assert client.get(URL).status_code == 403
    r = client.post(URL, {"aksi": "tambah", "tanggal": "2026-04-08", "nama": "X", "jenis": "lokal"})
    assert r.status_code == 403
    assert not HariLibur.objects.exists()
