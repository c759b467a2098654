"""The Celery tasks of laporan (run by ``celery -A lkjip worker``; see ``laporan.jobs``)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="laporan.tasks.cetak_draf", acks_late=True)
def cetak_draf(job_id: str) -> str:
    """Print the draft LKjIP of a ``CetakJob``; returns its status."""
    from laporan.jobs import job_jalankan

    return job_jalankan(job_id).status


@shared_task(name="laporan.tasks.cetak_tetap", acks_late=False)
def cetak_tetap(job_id: str) -> str:
    """Sign off the year of a ``CetakJob`` and print its stamped PDF; returns its status.
    Not acknowledged late: a sign-off is not run twice after a worker is lost."""
    from laporan.jobs import tetap_jalankan

    return tetap_jalankan(job_id).status


@shared_task(name="laporan.tasks.cetak_bagian")
def cetak_bagian(html: str, tags: bool = False) -> dict:
    """Lay out one part of a document (``laporan.cetak``) and return it as JSON."""
    import os

    from django.conf import settings

    from laporan.cetak_bagian import render_pdf
    from laporan.jobs import rendered_ke_json

    return rendered_ke_json(render_pdf(html, os.fspath(settings.BASE_DIR), tags=tags))


@shared_task(name="laporan.tasks.cetak_draf_otomatis")
def cetak_draf_otomatis(pd_id: int, tahun: int) -> str:
    """Print a year's draft again once its data stopped changing (``laporan.jobs``)."""
    from laporan.jobs import draf_otomatis

    return draf_otomatis(pd_id, tahun)


@shared_task(name="laporan.tasks.buat_bukti_zip", acks_late=True)
def buat_bukti_zip(job_id: str) -> str:
    """Write the evidence zip of a ``CetakJob`` (``laporan.jobs.bukti_jalankan``)."""
    from laporan.jobs import bukti_jalankan

    return bukti_jalankan(job_id).status


@shared_task(name="laporan.tasks.kirim_pengingat")
def kirim_pengingat() -> str:
    """Send the reminders due today (Celery beat, every morning; ``lkjip.celery``)."""
    from kinerja.services.pengingat import kirim_pengingat as jalankan

    return jalankan().teks()


@shared_task(name="laporan.tasks.cetak_kabupaten_pd", acks_late=True)
def cetak_kabupaten_pd(item_id: int) -> str:
    """Print one perangkat daerah of a bulk print (``laporan.cetak_kabupaten``)."""
    from laporan.cetak_kabupaten import pd_jalankan

    return pd_jalankan(item_id).status


@shared_task(name="laporan.tasks.cetak_kabupaten_zip", acks_late=True)
def cetak_kabupaten_zip(job_id: str) -> str:
    """Write the zip of a bulk print once every perangkat daerah is done."""
    from laporan.cetak_kabupaten import zip_jalankan

    return zip_jalankan(job_id).status
