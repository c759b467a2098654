"""Reminders of deadlines in working days: sent once by e-mail on the right working day
(around a holiday), shown on the home page, run by the beat task and the command."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from kinerja.models import HariLibur, PengingatTerkirim, StatusTriwulan
from kinerja.services.kalender import libur_tambah
from kinerja.services.pengingat import SUMBER, kirim_pengingat, pengingat_jatuh_tempo
from laporan.models import LKjIP
from laporan.tasks import kirim_pengingat as tugas_pengingat

pytestmark = pytest.mark.django_db

T = datetime.date
KUNCI_TW2 = "triwulan:33.16.05:2024:2"


@pytest.fixture
def siap(demo, operator_a, kepala_a):
    """Blora reminds 1 working day before and after a deadline; Thursday 11 July 2024 is
    a local day off, so TW II 2024 is due on Monday 15 July (not Friday 12 July)."""
    pemda = demo["a"].pemda
    pemda.pengingat_sebelum = 1
    pemda.pengingat_sesudah = 1
    pemda.save()
    libur_tambah(
        pemda=pemda, tanggal=T(2024, 7, 11), nama="Hari Jadi Blora", jenis="lokal", pengguna=None
    )
    for u in (operator_a, kepala_a):
        u.email = f"{u.username}@blorakab.go.id"
        u.save()
    # Only TW II of Randublatung is open; the other deadlines of the demo are done.
    for pd in (demo["a"], demo["b"]):
        for tw in (1, 2, 3, 4):
            if (pd, tw) != (demo["a"], 2):
                StatusTriwulan.objects.update_or_create(
                    perangkat_daerah=pd, tahun=2024, triwulan=tw, defaults={"status": "disetujui"}
                )
    LKjIP.objects.filter(tahun=2024).update(status=LKjIP.Status.DITETAPKAN)
    return pemda


def _kirim(hari: datetime.date):
    mail.outbox.clear()
    return kirim_pengingat(pada=hari)


def test_sources_are_registered():
    nama = {f.__name__ for f in SUMBER}
    assert {"tenggat_triwulan_sumber", "tenggat_lkjip_sumber"} <= nama


def test_reminder_sent_once_on_the_working_day_before_the_deadline_after_a_holiday(siap):
    # Wednesday 10 July: without the holiday this would be the day before (12 July) … no mail.
    assert _kirim(T(2024, 7, 10)).jumlah_terkirim == 0
    # Thursday 11 July is a day off: nothing is ever sent on it.
    assert _kirim(T(2024, 7, 11)).jumlah_terkirim == 0
    # Friday 12 July, one working day before Monday 15 July: one mail to the operator.
    r = _kirim(T(2024, 7, 12))
    assert r.jumlah_terkirim == 1 and r.terkirim == {"sebelum": 1}
    assert len(mail.outbox) == 1
    surel = mail.outbox[0]
    assert surel.to == ["operator_a@blorakab.go.id"]
    assert "15 Juli 2024" in surel.subject and "triwulan II 2024" in surel.subject
    assert "/pd/33.16.05/2024/realisasi/2/" in surel.body
    # The same day again, and the next working days: never twice.
    r = _kirim(T(2024, 7, 12))
    assert r.jumlah_terkirim == 0 and r.sudah == 1 and not mail.outbox
    assert _kirim(T(2024, 7, 15)).jumlah_terkirim == 0
    assert PengingatTerkirim.objects.filter(kunci=KUNCI_TW2, jenis="sebelum").count() == 1


def test_after_the_deadline_the_late_reminder_once_and_none_once_submitted(siap, demo):
    _kirim(T(2024, 7, 12))
    # Tuesday 16 July, one working day after the deadline, still not submitted.
    r = _kirim(T(2024, 7, 16))
    assert r.terkirim == {"sesudah": 1}
    assert mail.outbox[0].subject.startswith("Terlambat:")
    assert _kirim(T(2024, 7, 17)).jumlah_terkirim == 0
    assert PengingatTerkirim.objects.filter(kunci=KUNCI_TW2).count() == 2


def test_nothing_for_a_submitted_quarter(siap, demo):
    StatusTriwulan.objects.update_or_create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=2, defaults={"status": "diajukan"}
    )
    assert _kirim(T(2024, 7, 12)).jumlah_terkirim == 0
    assert _kirim(T(2024, 7, 16)).jumlah_terkirim == 0


def test_a_missed_run_is_made_up_but_not_after_the_deadline(siap):
    siap.pengingat_sebelum = 3
    siap.save()
    # Due Tuesday 9 July (3 working days before 15 July, the 11th skipped); the job did
    # not run until Friday 12 July: made up then.
    assert _kirim(T(2024, 7, 12)).terkirim == {"sebelum": 1}


def test_user_without_email_is_counted_not_recorded(siap, operator_a):
    operator_a.email = ""
    operator_a.save()
    r = _kirim(T(2024, 7, 12))
    assert r.jumlah_terkirim == 0 and r.tanpa_surel == 1
    assert not PengingatTerkirim.objects.exists()


def test_lkjip_reminder_goes_to_the_kepala(siap, demo):
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="draf")
    # The regulation's deadline of the LKjIP 2024 is Friday 28 February 2025; the day before.
    pengingat = pengingat_jatuh_tempo(siap, T(2025, 2, 27))
    assert [(p.tenggat.kunci, p.jenis) for p in pengingat] == [("lkjip:33.16.05:2024", "sebelum")]
    r = _kirim(T(2025, 2, 27))
    assert r.jumlah_terkirim == 1
    assert mail.outbox[0].to == ["kepala_a@blorakab.go.id"]
    assert "Penyampaian LKjIP 2024" in mail.outbox[0].subject
    # The pass preloaded the national days off of 2025 and 2026.
    assert HariLibur.objects.filter(pemda=siap, tanggal=T(2025, 12, 25), aktif=True).exists()


def test_home_page_shows_the_same_reminders(client, siap, demo, operator_a, kepala_a, monkeypatch):
    hari = {"pada": T(2024, 7, 11)}
    monkeypatch.setattr("kinerja.services.tenggat.hari_ini", lambda: hari["pada"])
    monkeypatch.setattr("laporan.tugas.hari_ini", lambda: hari["pada"])
    client.force_login(operator_a)
    assert "Pengingat tenggat" not in client.get("/").content.decode()
    hari["pada"] = T(2024, 7, 12)
    html = client.get("/").content.decode()
    assert "Pengingat tenggat" in html
    assert "Laporan realisasi triwulan II 2024" in html and "15 Juli 2024" in html
    hari["pada"] = T(2024, 7, 16)
    assert "tenggat telah lewat" in client.get("/").content.decode()
    # The kepala answers for the LKjIP, not the quarters.
    client.force_login(kepala_a)
    assert "Pengingat tenggat" not in client.get("/").content.decode()
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="diajukan")
    hari["pada"] = T(2025, 2, 27)
    html = client.get("/").content.decode()
    assert "Penyampaian LKjIP 2024" in html and "28 Februari 2025" in html


def test_beat_task_and_command(siap, settings):
    from lkjip.celery import app

    jadwal = app.conf.beat_schedule["kirim-pengingat"]
    assert jadwal["task"] == "laporan.tasks.kirim_pengingat"
    mail.outbox.clear()
    assert "0 surel terkirim" in tugas_pengingat.apply().get()
    out = StringIO()
    call_command("kirim_pengingat", "--tanggal", "2024-07-12", "--pemda", "33.16", stdout=out)
    assert "1 surel terkirim (sebelum 1)" in out.getvalue()
    assert "1 pemda" in out.getvalue()
    assert len(mail.outbox) == 1
    out = StringIO()
    call_command("kirim_pengingat", "--tanggal", "2024-07-12", stdout=out)
    assert "0 surel terkirim" in out.getvalue() and "1 sudah pernah dikirim" in out.getvalue()


def test_deploy_check_warns_without_smtp(settings):
    from kinerja.checks import surel_pengingat

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert [w.id for w in surel_pengingat(None)] == ["lkjip.W003"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert surel_pengingat(None) == []
