"""The sign-off is a job of the queue (laporan.jobs.tetap_minta): the request only queues
it; the job signs the year off and prints the stamped PDF in one transaction, so that a
failed print leaves the year as it was, and its page offers the signed PDF."""

from __future__ import annotations

from unittest import mock

import pytest

from laporan import jobs
from laporan.models import CetakJob, SnapshotLKjIP
from tests.laporan.data_alur import EDITOR, lkjip, pdf_palsu

pytestmark = pytest.mark.django_db

TETAPKAN = EDITOR + "tetapkan/"


@pytest.fixture
def antrean(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False


def _antrekan(client, kepala_a, django_capture_on_commit_callbacks) -> tuple[CetakJob, object]:
    client.force_login(kepala_a)
    with (
        mock.patch("laporan.tasks.cetak_tetap.delay") as delay,
        mock.patch("laporan.pdf.cetak_html") as cetak,
        django_capture_on_commit_callbacks(execute=True),
    ):
        r = client.post(TETAPKAN)
    job = CetakJob.objects.get(jenis=CetakJob.Jenis.TETAP)
    assert r.status_code == 302 and r["Location"].endswith(f"/cetak/{job.pk}/")
    assert not cetak.called  # nothing is printed in the request
    delay.assert_called_once_with(str(job.pk))
    return job, r


def test_the_request_queues_the_sign_off_and_the_job_does_it(
    client, antrean, kepala_a, diajukan, media, django_capture_on_commit_callbacks
):
    job, r = _antrekan(client, kepala_a, django_capture_on_commit_callbacks)
    # Queued: the year is not signed off yet, nothing is stored.
    assert job.status == CetakJob.Status.ANTRE
    assert lkjip(diajukan.perangkat_daerah).status == "diajukan"
    assert not SnapshotLKjIP.objects.exists()
    halaman = client.get(r["Location"]).content.decode()
    assert "Penetapan LKjIP tahun 2024" in halaman and "Unduh PDF yang ditetapkan" in halaman
    # Asked again while it waits: the same job.
    with mock.patch("laporan.tasks.cetak_tetap.delay") as delay:
        assert client.post(TETAPKAN)["Location"] == r["Location"]
    assert not delay.called and CetakJob.objects.filter(jenis="tetap").count() == 1

    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu) as cetak:
        jobs.tetap_jalankan(str(job.pk))
    # The parts went to the queue's workers.
    assert isinstance(cetak.call_args.kwargs["pool"], jobs.CeleryPool)
    job.refresh_from_db()
    s = SnapshotLKjIP.objects.get()
    assert (job.status, job.kemajuan, job.snapshot, job.halaman) == ("selesai", 100, s, 3)
    assert lkjip(diajukan.perangkat_daerah).status == "ditetapkan"
    k = client.get(r["Location"].rstrip("/") + ".json").json()
    assert k["selesai"] and k["url_berkas"] == EDITOR + "snapshot/1.pdf"
    assert client.get(k["url_berkas"]).status_code == 200
    # The verification address printed is the one of the request's host, with the code.
    assert job.alamat_verifikasi == "http://testserver/verifikasi/{kode_isi}/"
    # Run again (a redelivered task): nothing more happens.
    jobs.tetap_jalankan(str(job.pk))
    assert SnapshotLKjIP.objects.count() == 1


def test_a_failed_print_leaves_the_year_as_it_was(
    client, antrean, kepala_a, diajukan, media, django_capture_on_commit_callbacks
):
    job, r = _antrekan(client, kepala_a, django_capture_on_commit_callbacks)
    with mock.patch("laporan.pdf.cetak_html", side_effect=RuntimeError("WeasyPrint gagal")):
        jobs.tetap_jalankan(str(job.pk))
    job.refresh_from_db()
    assert job.status == CetakJob.Status.GAGAL and job.pesan_galat == jobs.PESAN_TETAP_GAGAL
    x = lkjip(diajukan.perangkat_daerah)
    assert x.status == "diajukan" and not SnapshotLKjIP.objects.exists()
    halaman = client.get(r["Location"]).content.decode()
    assert "Penetapan gagal" in halaman and "LKjIP belum ditetapkan" in halaman
    # The kepala may sign off again: a new job.
    with (
        mock.patch("laporan.tasks.cetak_tetap.delay"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(TETAPKAN)
    assert CetakJob.objects.filter(jenis="tetap").count() == 2


def test_a_job_that_finds_the_year_signed_off_fails_and_changes_nothing(
    client, antrean, kepala_a, diajukan, media, django_capture_on_commit_callbacks
):
    """Two sign-offs at once (two jobs): the row lock lets one through; the other finds
    the year signed off and says so."""
    job, _ = _antrekan(client, kepala_a, django_capture_on_commit_callbacks)
    kedua = CetakJob.objects.create(
        id=__import__("uuid").uuid4(),
        perangkat_daerah=job.perangkat_daerah,
        tahun=2024,
        kode_isi="",
        jenis=CetakJob.Jenis.TETAP,
        alamat_verifikasi=job.alamat_verifikasi,
    )
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        jobs.tetap_jalankan(str(job.pk))
        jobs.tetap_jalankan(str(kedua.pk))
    kedua.refresh_from_db()
    assert kedua.status == CetakJob.Status.GAGAL
    assert "hanya LKjIP yang sudah diajukan yang dapat ditetapkan" in kedua.pesan_galat
    assert SnapshotLKjIP.objects.count() == 1


def test_without_a_queue_the_sign_off_is_done_before_the_answer(
    client, kepala_a, diajukan, media, pdf_cepat
):
    client.force_login(kepala_a)
    r = client.post(TETAPKAN)
    assert r["Location"] == EDITOR
    job = CetakJob.objects.get(jenis=CetakJob.Jenis.TETAP)
    assert job.status == CetakJob.Status.SELESAI and job.snapshot == SnapshotLKjIP.objects.get()
    # A draft print is not the sign-off's job, nor the other way round.
    assert not CetakJob.objects.filter(jenis=CetakJob.Jenis.DRAF).exists()
