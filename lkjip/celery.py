"""The Celery application: long work (printing an LKjIP, later bulk printing and
large imports) runs in worker processes, never in a web process.

Configured from Django's settings (``CELERY_*``): Redis is the broker and keeps the
results. Without a broker (``REDIS_URL`` and ``CELERY_BROKER_URL`` unset, as on a
developer's machine) jobs run in the calling process (``task_always_eager``), and
``check --deploy`` warns.

Run a worker with ``celery -A lkjip worker -Q lkjip,bagian`` (the ``Procfile``).
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")

app = Celery("lkjip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
