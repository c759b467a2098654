"""The project package: settings, URLs, WSGI and the Celery application."""

from lkjip.celery import app as celery_app

__all__ = ["celery_app"]
