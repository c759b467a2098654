"""The Celery application: long work (printing an LKjIP, later bulk printing and
large imports) runs in worker processes, never in a web process.

Configured from Django's settings (``CELERY_*``): Redis is the broker and keeps the
results. Without a broker (``REDIS_URL`` and ``CELERY_BROKER_URL`` unset, as on a
developer's machine) jobs run in the calling process (``task_always_eager``), and
``check --deploy`` warns.

Run a worker with ``celery -A lkjip worker -Q lkjip,bagian`` (the ``Procfile``), and
the scheduler with ``celery -A lkjip beat``: every morning it sends the reminders of
deadlines due that day (``laporan.tasks.kirim_pengingat``; the hour is
``PENGINGAT_JAM``, Asia/Jakarta). The same pass runs by hand or from cron with
``python manage.py kirim_pengingat``.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")

app = Celery("lkjip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "kirim-pengingat": {
        "task": "laporan.tasks.kirim_pengingat",
        "schedule": crontab(minute=0, hour=int(os.getenv("PENGINGAT_JAM", "7"))),
    },
}
