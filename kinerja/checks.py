"""Deployment checks of the project's own settings (``manage.py check --deploy``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def cache_bersama(app_configs, **kwargs):
    """Without REDIS_URL every process has its own memory cache: login throttling counts
    per process and printed parts are not shared."""
    if getattr(settings, "REDIS_URL", ""):
        return []
    return [
        Warning(
            "REDIS_URL tidak diisi: setiap proses memakai cache memorinya sendiri, sehingga "
            "pembatasan percobaan masuk dihitung per proses dan hilang saat dimulai ulang.",
            hint="Isi REDIS_URL, misalnya redis://127.0.0.1:6379/0.",
            id="lkjip.W001",
        )
    ]


@register(deploy=True)
def antrean_pekerjaan(app_configs, **kwargs):
    """Without a broker the long jobs (printing) run inside the web processes."""
    if getattr(settings, "CELERY_BROKER_URL", ""):
        return []
    return [
        Warning(
            "Antrean pekerjaan tidak dikonfigurasi (REDIS_URL atau CELERY_BROKER_URL kosong): "
            "pencetakan LKjIP berjalan di dalam proses web.",
            hint="Isi REDIS_URL dan jalankan pekerja: celery -A lkjip worker -Q lkjip,bagian.",
            id="lkjip.W002",
        )
    ]


@register(deploy=True)
def surel_pengingat(app_configs, **kwargs):
    """Without an SMTP server the deadline reminders are written to the console only."""
    if not settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        return []
    return [
        Warning(
            "Surel tidak dikonfigurasi (EMAIL_HOST kosong): pengingat tenggat hanya ditulis ke "
            "log konsol, tidak terkirim.",
            hint="Isi EMAIL_HOST, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD dan DEFAULT_FROM_EMAIL.",
            id="lkjip.W003",
        )
    ]
