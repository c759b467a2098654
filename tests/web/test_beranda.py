"""The first page after login tells each role what waits for them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import (
    Indikator,
    LangkahReview,
    PerangkatDaerah,
    Realisasi,
    RencanaAksi,
    StatusTriwulan,
)
from laporan.models import LKjIP
from tests.laporan.data_alur import simpan_snapshot

pytestmark = pytest.mark.django_db
S = StatusTriwulan.Status


@pytest.fixture
def pada(monkeypatch):
    """Today is 1 July 2024: TW I is past its deadline (12 April), TW II due 12 July."""
    hari = datetime.date(2024, 7, 1)
    monkeypatch.setattr("laporan.tugas.hari_ini", lambda: hari)
    return hari


def _status(pd, triwulan, status, komentar="", oleh=None):
    s, _ = StatusTriwulan.objects.update_or_create(
        perangkat_daerah=pd, tahun=2024, triwulan=triwulan, defaults={"status": status}
    )
    if komentar:
        LangkahReview.objects.create(
            status_triwulan=s, pengguna=oleh, dari=S.DIAJUKAN, ke=status, komentar=komentar
        )
    return s


def _html(client, user) -> str:
    client.force_login(user)
    r = client.get("/")
    assert r.status_code == 200
    return r.content.decode()


def test_operator_sees_deadline_late_quarters_and_what_is_missing(client, operator_a, demo, pada):
    pd = demo["a"]
    _status(pd, 2, S.DIKEMBALIKAN, komentar="Lengkapi bukti kegiatan posyandu.")
    _status(pd, 3, S.DIAJUKAN)
    # One target of TW IV without its realisasi.
    ind = Indikator.objects.filter(renstra__perangkat_daerah=pd).order_by("pk").first()
    RencanaAksi.objects.update_or_create(
        indikator=ind, tahun=2024, triwulan=4, defaults={"nilai": 10}
    )
    Realisasi.objects.filter(indikator=ind, tahun=2024, triwulan=4).delete()
    html = _html(client, operator_a)
    assert "Laporan triwulan tahun 2024" in html
    assert "Tenggat berikutnya: <strong>triwulan II, 12 Juli 2024</strong> (11 hari lagi)" in html
    # TW I is past 12 April 2024 and was never submitted.
    baris = html.split("<tbody>")[1].split("</tr>")
    assert "Triwulan I<" in baris[0] and "terlambat" in baris[0]
    assert "12 April 2024" in baris[0]
    assert "terlambat" not in baris[1] and "Lengkapi bukti kegiatan posyandu." in baris[1]
    assert "Diajukan" in baris[2] and "terlambat" not in baris[2]
    assert "indikator bertarget belum diisi realisasinya" in baris[3]
    assert "realisasi belum memiliki bukti dukung" in html


def test_after_the_deadline_a_submitted_quarter_is_not_late(client, operator_a, demo, monkeypatch):
    monkeypatch.setattr("laporan.tugas.hari_ini", lambda: datetime.date(2025, 3, 1))
    for q in (1, 2, 3):
        _status(demo["a"], q, S.DISETUJUI)
    html = _html(client, operator_a)
    assert html.count('class="lencana-terlambat"') == 1
    assert "Tidak ada tenggat triwulan tahun 2024 yang masih akan datang." in html


def test_kepala_sees_what_waits_for_review(client, kepala_a, demo, pada):
    _status(demo["a"], 2, S.DIAJUKAN)
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="diajukan")
    html = _html(client, kepala_a)
    assert "Menunggu tinjauan Anda" in html
    assert "/pd/33.16.05/2024/realisasi/2/" in html and "Realisasi triwulan II tahun 2024" in html
    assert "LKjIP tahun 2024</a> diajukan" in html
    # The late quarters are marked on the kepala's page too.
    assert "lencana-terlambat" in html


def test_kepala_without_anything_waiting(client, kepala_a, pada):
    html = _html(client, kepala_a)
    assert "Tidak ada triwulan atau LKjIP yang menunggu tinjauan." in html


def test_evaluator_sees_newly_signed_lkjip_and_late_quarters(
    client, evaluator, demo, pada, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    lkjip = LKjIP.objects.get(perangkat_daerah=demo["b"], tahun=2024)
    simpan_snapshot(lkjip, versi=1, isi=b"%PDF-1.4\n", halaman=1)
    html = _html(client, evaluator)
    assert "LKjIP yang baru ditetapkan" in html
    assert "LKjIP Kecamatan Bogorejo tahun 2024</a> (versi 1)" in html
    assert "/pd/33.16.15/2024/lkjip/snapshot/1.pdf" in html
    assert "Kecamatan Randublatung" in html and "Kecamatan Kesamben" not in html
    assert 'TW I: draf <strong class="lencana-terlambat">terlambat</strong>' in html


def test_an_old_signature_is_not_new(client, evaluator, demo, pada, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lkjip = LKjIP.objects.get(perangkat_daerah=demo["b"], tahun=2024)
    lama = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    simpan_snapshot(lkjip, versi=1, isi=b"%PDF-1.4\n", halaman=1, ditetapkan_pada=lama)
    html = _html(client, evaluator)
    assert "Belum ada LKjIP yang ditetapkan dalam 30 hari terakhir." in html


def test_admin_pemda_sees_a_summary(client, admin_pemda, demo, pada):
    _status(demo["a"], 1, S.DIAJUKAN)
    _status(demo["b"], 1, S.DIKEMBALIKAN)
    html = _html(client, admin_pemda)
    assert "2 perangkat daerah." in html
    assert (
        "Triwulan diajukan menunggu kepala: 1; dikembalikan ke operator: 1; disetujui: 0." in html
    )
    # TW I of Bogorejo (returned) is late; TW I of Randublatung is submitted.
    assert "(melewati tenggat dan belum diajukan): 1." in html
    assert "/pemda/33.16/tenggat/" in html


def test_pemda_deadline_changes_the_home_page(client, operator_a, demo, pada):
    pemda = demo["a"].pemda
    pemda.tenggat_hari_kerja = 15
    pemda.save()
    html = _html(client, operator_a)
    assert "19 Juli 2024" in html


def _jumlah_kueri(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as q:
        assert client.get("/").status_code == 200
    return len(q.captured_queries)


def test_queries_do_not_grow_with_perangkat_daerah(client, evaluator, demo, pada):
    sebelum = _jumlah_kueri(client, evaluator)
    for i in range(3):
        pd = PerangkatDaerah.objects.create(
            pemda=demo["a"].pemda, kode=f"33.16.9{i}", nama=f"Kecamatan Uji {i}"
        )
        LKjIP.objects.create(perangkat_daerah=pd, tahun=2024)
        StatusTriwulan.objects.create(
            perangkat_daerah=pd, tahun=2024, triwulan=1, status=S.DIAJUKAN
        )
    assert _jumlah_kueri(client, evaluator) == sebelum


def test_operator_queries_do_not_grow_with_indicators(client, operator_a, operator_b, demo, pada):
    """Randublatung has 10 indicators, Bogorejo 56."""
    _status(demo["a"], 2, S.DIKEMBALIKAN, komentar="Perbaiki.")
    _status(demo["b"], 2, S.DIKEMBALIKAN, komentar="Perbaiki.")
    assert _jumlah_kueri(client, operator_a) == _jumlah_kueri(client, operator_b)


@pytest.mark.parametrize("peran", ["operator_a", "kepala_a"])
def test_entry_page_marks_a_late_quarter(client, request, demo, monkeypatch, peran):
    monkeypatch.setattr("kinerja.services.tenggat.hari_ini", lambda: datetime.date(2024, 7, 1))
    _status(demo["a"], 2, S.DIAJUKAN)
    client.force_login(request.getfixturevalue(peran))
    html = client.get("/pd/33.16.05/2024/realisasi/1/").content.decode()
    assert "Tenggat laporan triwulan I: 12 April 2024" in html
    assert "tenggat sudah lewat dan triwulan ini belum diajukan" in html
    # The tabs: TW I late; TW II submitted, TW III and IV not yet due.
    assert html.count('<span class="lencana-terlambat">terlambat</span>') == 1
    html = client.get("/pd/33.16.05/2024/realisasi/3/").content.decode()
    assert "Tenggat laporan triwulan III: 14 Oktober 2024" in html
    assert "tenggat sudah lewat" not in html


def test_evaluator_list_marks_late_quarters(client, evaluator, demo, monkeypatch):
    monkeypatch.setattr("kinerja.services.tenggat.hari_ini", lambda: datetime.date(2024, 10, 20))
    _status(demo["a"], 1, S.DISETUJUI)
    _status(demo["a"], 2, S.DIAJUKAN)
    client.force_login(evaluator)
    html = client.get("/evaluasi/33.16/").content.decode()
    baris = html.split("Kecamatan Randublatung")[1].split("</tr>")[0]
    assert 'Triwulan III <span class="lencana-terlambat">terlambat</span>' in baris
    baris = html.split("Kecamatan Bogorejo")[1].split("</tr>")[0]
    assert 'Triwulan I, II, III <span class="lencana-terlambat">terlambat</span>' in baris


def test_superuser_sees_every_perangkat_daerah(client, demo, pada, django_user_model):
    admin = django_user_model.objects.create_superuser("super", password="sandi-uji-123")
    html = _html(client, admin)
    assert "3 perangkat daerah." in html
    assert "Kecamatan Kesamben" in html and "Kecamatan Bogorejo" in html


def test_user_without_role_is_told_to_ask_the_admin(client, db, django_user_model):
    user = django_user_model.objects.create_user("tanpa_peran", password="sandi-uji-123")
    html = _html(client, user)
    assert "belum terhubung dengan perangkat daerah mana pun" in html
