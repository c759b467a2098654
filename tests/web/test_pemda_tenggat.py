"""The admin pemda sets the reporting deadline of the triwulan."""

from __future__ import annotations

import datetime

import pytest

from kinerja.models import LogPerubahan, StatusTriwulan
from kinerja.services.tenggat import tenggat, tenggat_berikutnya, tenggat_tahun

pytestmark = pytest.mark.django_db

URL = "/pemda/33.16/tenggat/"


def test_default_is_ten_working_days(demo):
    pemda = demo["a"].pemda
    assert pemda.tenggat_hari_kerja == 10
    assert tenggat(pemda, 2024, 1).tanggal == datetime.date(2024, 4, 12)


def test_admin_sets_the_deadline_and_it_is_audited(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    r = client.get(URL)
    assert r.status_code == 200
    assert 'value="10"' in r.content.decode()
    r = client.post(URL, {"tenggat_hari_kerja": "5"})
    assert r.status_code == 302
    pemda = demo["a"].pemda
    pemda.refresh_from_db()
    assert pemda.tenggat_hari_kerja == 5
    log = LogPerubahan.objects.get(aksi="pemda.tenggat_ubah")
    assert log.pengguna == admin_pemda
    assert log.data["lama"] == {"tenggat_hari_kerja": 10}
    assert log.data["baru"] == {"tenggat_hari_kerja": 5}
    r = client.get(URL)
    # Five working days after Sunday 31 March 2024 … shown for this year and the last.
    assert r.status_code == 200


@pytest.mark.parametrize(
    ("isian", "pesan"),
    [("0", "1 sampai 60"), ("61", "1 sampai 60"), ("lima", "bilangan bulat"), ("", "1 sampai 60")],
)
def test_invalid_deadline_refused(client, admin_pemda, demo, isian, pesan):
    client.force_login(admin_pemda)
    r = client.post(URL, {"tenggat_hari_kerja": isian})
    assert r.status_code == 400
    assert pesan in r.content.decode()
    demo["a"].pemda.refresh_from_db()
    assert demo["a"].pemda.tenggat_hari_kerja == 10


@pytest.mark.parametrize("peran", ["operator_a", "kepala_a", "evaluator"])
def test_only_the_admin_pemda(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"tenggat_hari_kerja": "5"}).status_code == 403


def test_late_quarters(demo):
    pemda = demo["a"].pemda
    pada = datetime.date(2024, 7, 15)
    daftar = tenggat_tahun(
        pemda,
        2024,
        {1: StatusTriwulan.Status.DISETUJUI, 2: StatusTriwulan.Status.DIKEMBALIKAN},
        pada,
    )
    assert [t.terlambat for t in daftar] == [False, True, False, False]
    berikut = tenggat_berikutnya(daftar)
    assert berikut.triwulan == 3 and berikut.tanggal == datetime.date(2024, 10, 14)
    assert berikut.sisa_hari == 91
    # On the deadline itself the quarter is not late yet.
    assert not tenggat(pemda, 2024, 2, pada=datetime.date(2024, 7, 12)).terlambat
    assert tenggat(pemda, 2024, 2, pada=datetime.date(2024, 7, 13)).terlambat


def test_admin_sets_the_lkjip_deadline_and_reminders(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    html = client.get(URL).content.decode()
    # The regulation's default until the pemda sets its own.
    assert "kosongkan untuk ketentuan bawaan" in html
    r = client.post(
        URL,
        {
            "tenggat_hari_kerja": "10",
            "tenggat_lkjip_hari_kerja": "20",
            "pengingat_sebelum": "3",
            "pengingat_sesudah": "0",
        },
    )
    assert r.status_code == 302
    pemda = demo["a"].pemda
    pemda.refresh_from_db()
    assert (pemda.tenggat_lkjip_hari_kerja, pemda.pengingat_sebelum, pemda.pengingat_sesudah) == (
        20,
        3,
        0,
    )
    log = LogPerubahan.objects.get(aksi="pemda.tenggat_ubah")
    assert log.data["lama"] == {
        "tenggat_lkjip_hari_kerja": None,
        "pengingat_sebelum": 5,
        "pengingat_sesudah": 1,
    }
    # Emptied again: back to the regulation; the reminders left empty keep their value.
    client.post(URL, {"tenggat_hari_kerja": "10", "tenggat_lkjip_hari_kerja": ""})
    pemda.refresh_from_db()
    assert pemda.tenggat_lkjip_hari_kerja is None and pemda.pengingat_sebelum == 3


@pytest.mark.parametrize(
    ("nama", "isian", "pesan"),
    [
        ("tenggat_lkjip_hari_kerja", "0", "1 sampai 120"),
        ("tenggat_lkjip_hari_kerja", "121", "1 sampai 120"),
        ("pengingat_sebelum", "31", "0 sampai 30"),
        ("pengingat_sesudah", "-1", "0 sampai 30"),
    ],
)
def test_invalid_reminders_refused(client, admin_pemda, demo, nama, isian, pesan):
    client.force_login(admin_pemda)
    r = client.post(URL, {"tenggat_hari_kerja": "10", nama: isian})
    assert r.status_code == 400
    assert pesan in r.content.decode()
