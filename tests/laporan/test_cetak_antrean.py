"""The draft LKjIP printed as a job (laporan.jobs): reused while the data are the same,
its progress page, and a real Celery worker against Redis laying out the parts."""

from __future__ import annotations

import os
import time
from unittest import mock

import pytest
from django.test import Client

from kinerja.models import Realisasi
from laporan.models import CetakJob
from tests.conftest import redis_uji
from tests.laporan.data_alur import EDITOR, pdf_palsu

pytestmark = pytest.mark.django_db


def _masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_same_data_are_printed_once(operator_a, kepala_a):
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu) as cetak:
        r1 = _masuk(operator_a).get(EDITOR + "draf.pdf")
        r2 = _masuk(kepala_a).get(EDITOR + "draf.pdf")
    assert r1.status_code == r2.status_code == 200
    assert r1["Content-Type"] == "application/pdf"
    assert r1.content == r2.content
    assert cetak.call_count == 1
    job = CetakJob.objects.get()
    assert job.status == CetakJob.Status.SELESAI and job.kemajuan == 100


def test_changed_data_are_printed_again(operator_a):
    c = _masuk(operator_a)
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu) as cetak:
        c.get(EDITOR + "draf.pdf")
        r = Realisasi.objects.filter(
            indikator__renstra__perangkat_daerah__kode="33.16.05", tahun=2024, nilai__isnull=False
        ).first()
        r.nilai = (r.nilai or 0) + 1
        r.save()
        c.get(EDITOR + "draf.pdf")
    assert cetak.call_count == 2
    assert CetakJob.objects.count() == 2


def test_a_failed_print_says_why_and_is_not_reused(operator_a):
    from laporan.pdf import PDFError

    c = _masuk(operator_a)
    with mock.patch("laporan.pdf.cetak_html", side_effect=PDFError("huruf tidak ditemukan")):
        r = c.get(EDITOR + "draf.pdf")
    job = CetakJob.objects.get()
    assert job.status == CetakJob.Status.GAGAL
    assert r.status_code == 302 and r["Location"].endswith(f"/cetak/{job.pk}/")
    halaman = c.get(r["Location"]).content.decode()
    assert 'Pencetakan gagal: <span data-isi="pesan_galat">huruf tidak ditemukan' in halaman
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        assert c.get(EDITOR + "draf.pdf").status_code == 200
    assert CetakJob.objects.count() == 2


def test_progress_page_json_and_file_of_a_job(operator_a, operator_b):
    c = _masuk(operator_a)
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        c.get(EDITOR + "draf.pdf")
    job = CetakJob.objects.get()
    dasar = f"{EDITOR}cetak/{job.pk}"
    halaman = c.get(dasar + "/").content.decode()
    assert "Unduh PDF draf" in halaman and 'src="/static/js/cetak.js"' in halaman
    k = c.get(dasar + ".json").json()
    assert k["selesai"] is True and k["kemajuan"] == 100 and k["url_berkas"] == dasar + "/berkas"
    berkas = c.get(dasar + "/berkas")
    assert berkas.status_code == 200 and b"".join(berkas.streaming_content).startswith(b"%PDF")
    # Another perangkat daerah's operator does not see the job, even with its address.
    lain = _masuk(operator_b)
    assert lain.get(dasar + ".json").status_code == 404
    assert lain.get(dasar.replace("33.16.05", "33.16.15") + ".json").status_code == 404


def test_web_process_starts_no_printing_workers(
    operator_a, settings, django_capture_on_commit_callbacks
):
    """With a broker, the request only puts the job on the queue."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    c = _masuk(operator_a)
    with (
        mock.patch("laporan.tasks.cetak_draf.delay") as delay,
        mock.patch("laporan.cetak._worker_pool") as pool,
        mock.patch("laporan.pdf.cetak_html") as cetak,
        django_capture_on_commit_callbacks(execute=True),
    ):
        r = c.get(EDITOR + "draf.pdf")
    job = CetakJob.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/cetak/{job.pk}/")
    assert job.status == CetakJob.Status.ANTRE
    assert not pool.called and not cetak.called
    delay.assert_called_once_with(str(job.pk))  # sent when the transaction commits


# ----------------------------------------------------------------------- real worker

REDIS_UJI = os.getenv("REDIS_URL_UJI_ANTREAN", "redis://127.0.0.1:6379/14")


@pytest.fixture
def pekerja(settings):
    """A real Celery worker (threads, in this process) on a real Redis broker."""
    redis_uji(REDIS_UJI)
    from celery.contrib.testing.worker import start_worker

    from lkjip.celery import app

    kunci = ("broker_url", "result_backend", "task_always_eager", "broker_transport_options")
    lama = {k: app.conf[k] for k in kunci}
    # Each test process its own queues: a worker of another process must not take its tasks
    # (they would run against that process's test database).
    awalan = f"uji-{os.getenv('PYTEST_XDIST_WORKER', 'utama')}-"
    app.conf.update(
        broker_url=REDIS_UJI,
        result_backend=REDIS_UJI,
        task_always_eager=False,
        broker_transport_options={
            **(lama["broker_transport_options"] or {}),
            "global_keyprefix": awalan,
        },
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        # The debounced reprint after each change of a year (laporan.jobs.data_berubah)
        # is not what these tests print: its tasks, sent by the data a test loads, would
        # run beside the test's own and, on SQLite, lock the test database under it.
        with (
            mock.patch("laporan.jobs._jadwalkan"),
            start_worker(
                app,
                pool="threads",
                concurrency=4,
                perform_ping_check=False,
                queues=["lkjip", "bagian"],
                shutdown_timeout=30,
            ) as w,
        ):
            yield w
    finally:
        app.conf.update(**lama)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_prints_the_draft_in_parts(client, pekerja, demo):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from kinerja.models import Peran

    # Parts printed by an earlier test of this process would be reused, not sent.
    cache.clear()
    user = get_user_model().objects.create_user(username="op_antrean", password="x")
    Peran.objects.create(
        pengguna=user, jenis="operator", pemda=demo["a"].pemda, perangkat_daerah=demo["a"]
    )
    client.force_login(user)
    with mock.patch(
        "laporan.jobs.CeleryPool.submit",
        autospec=True,
        side_effect=__import__("laporan.jobs").jobs.CeleryPool.submit,
    ) as bagian:
        r = client.get(EDITOR + "draf.pdf")
        assert r.status_code == 302
        job = CetakJob.objects.get()
        batas = time.monotonic() + 240
        while time.monotonic() < batas:
            job.refresh_from_db()
            if job.status in (CetakJob.Status.SELESAI, CetakJob.Status.GAGAL):
                break
            time.sleep(0.5)
    assert job.status == CetakJob.Status.SELESAI, job.pesan_galat
    assert bagian.call_count >= 5  # cover, daftar, four chapters, lampiran, header, numbers
    pdf = b"".join(client.get(f"{EDITOR}cetak/{job.pk}/berkas").streaming_content)
    assert pdf.startswith(b"%PDF") and job.halaman > 20
    # Asked again with the same data: the same PDF at once.
    r = client.get(EDITOR + "draf.pdf")
    assert r.status_code == 200 and r.content == pdf


def test_changed_data_print_the_draft_once_in_the_background(
    demo, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.cache import cache

    import laporan.jobs as jobs
    from kinerja.audit import catat_perubahan, catat_perubahan_banyak

    settings.CELERY_TASK_ALWAYS_EAGER = False
    cache.clear()
    jam = [5_000_000.0]
    monkeypatch.setattr(jobs.time, "time", lambda: jam[0])
    pd = demo["a"]
    with (
        mock.patch("laporan.tasks.cetak_draf_otomatis.apply_async") as jadwal,
        django_capture_on_commit_callbacks(execute=True),
    ):
        catat_perubahan(pengguna=None, perangkat_daerah=pd, tahun=2024, aksi="ubah")
        catat_perubahan_banyak(  # one save of a grid: several audit rows
            [{"pengguna": None, "perangkat_daerah": pd, "tahun": 2024, "aksi": "u"}] * 3
        )
        catat_perubahan(pengguna=None, perangkat_daerah=pd, aksi="ubah renstra")  # no year
    jadwal.assert_called_once_with((pd.pk, 2024), countdown=jobs.JEDA_OTOMATIS_DETIK)

    with (
        mock.patch("laporan.tasks.cetak_draf_otomatis.apply_async") as jadwal,
        mock.patch("laporan.jobs.draf_minta") as minta,
    ):
        jam[0] += 10  # another change came 10 s ago: wait 20 s more
        cache.set(jobs._kunci_otomatis(pd.pk, 2024) + ":terakhir", jam[0] - 10)
        assert jobs.draf_otomatis(pd.pk, 2024) == "ditunda"
        jadwal.assert_called_once()
        assert jadwal.call_args.kwargs["countdown"] == pytest.approx(20)
        assert not minta.called
        jam[0] += 21
        minta.return_value.status = "antre"
        assert jobs.draf_otomatis(pd.pk, 2024) == "antre"
        minta.assert_called_once()


def test_no_background_print_without_a_queue(demo, settings, django_capture_on_commit_callbacks):
    from kinerja.audit import catat_perubahan

    settings.CELERY_TASK_ALWAYS_EAGER = True
    with (
        mock.patch("laporan.tasks.cetak_draf_otomatis.apply_async") as jadwal,
        django_capture_on_commit_callbacks(execute=True),
    ):
        catat_perubahan(pengguna=None, perangkat_daerah=demo["a"], tahun=2024, aksi="ubah")
    assert not jadwal.called
