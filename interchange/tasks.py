"""The Celery task of interchange (run by ``celery -A lkjip worker``; see ``interchange.antrean``)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="interchange.tasks.impor_jalankan", acks_late=True)
def impor_jalankan(job_id: str) -> str:
    """Save the import of an ``ImporJob``, all or nothing; returns its status. Acknowledged
    late: a job run again after a lost worker finds its save committed with "selesai"."""
    from interchange.antrean import jalankan

    return jalankan(job_id).status
