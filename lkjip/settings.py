"""Settings for LKjIP, read from environment variables.

SQLite is the zero-setup default; set DATABASE_URL (for example
postgres://postgres@127.0.0.1:5432/lkjip) for PostgreSQL. With DEBUG off the
application refuses to start without a SECRET_KEY.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).lower() in ("1", "true", "yes", "on")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "False")

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY wajib diisi bila DEBUG tidak aktif (set environment variable SECRET_KEY)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "kinerja",
    "anggaran",
    "laporan",
    "evaluasi",
    "interchange",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from STATIC_ROOT (collectstatic) in production, without a proxy.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # ?xlsx=<n>: the n-th table of the page as a workbook (kinerja/unduh_tabel.py).
    "kinerja.unduh_tabel.TabelXlsxMiddleware",
]

ROOT_URLCONF = "lkjip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.context_processors.navigasi",
                "evaluasi.context_processors.tautan_lke",
            ],
        },
    },
]

WSGI_APPLICATION = "lkjip.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections: a new PostgreSQL connection per request costs more
        # than many pages' queries. Checked before reuse.
        conn_max_age=int(os.getenv("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Numbers are formatted explicitly (kinerja.templatetags.format_id); a global
# separator would also turn years into "2.024".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
# WhiteNoise serves STATIC_ROOT once `collectstatic` has filled it (scripts/produksi.sh);
# before that (development, tests) it is simply not there.
warnings.filterwarnings("ignore", message="No directory at: ")

# Evidence files live outside the static root and are only served through an
# access-checked view, never by the web server directly.
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))

# With several machines the media (evidence, signed snapshots, printed PDFs) may live
# on S3-compatible object storage (django-storages) instead of a shared folder. The
# application reads and writes them only through Django's storage API and serves them
# only through its access-checked views, so the bucket stays private.
S3_BUCKET = os.getenv("LKJIP_S3_BUCKET", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.getenv("LKJIP_S3_ENDPOINT") or None,
            "region_name": os.getenv("LKJIP_S3_REGION") or None,
            "access_key": os.getenv("LKJIP_S3_ACCESS_KEY") or None,
            "secret_key": os.getenv("LKJIP_S3_SECRET_KEY") or None,
            "location": os.getenv("LKJIP_S3_PREFIX", ""),
            # Private objects, never overwritten in place (a new name instead, as on disk).
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }

# Largest evidence file accepted (bytes); the web server in front should limit
# request bodies to about the same size.
BUKTI_UKURAN_MAKS = int(os.getenv("BUKTI_UKURAN_MAKS", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Worker processes that print the parts of an LKjIP PDF in parallel
# (laporan/cetak.py); 0 or 1 prints in the web process. One per core, at most 4.
LKJIP_PDF_PROSES = int(os.getenv("LKJIP_PDF_PROSES", str(min(os.cpu_count() or 1, 4))))
# Seconds a printed part of the LKjIP is kept (in the cache) to be reused by the
# next print with the same part, e.g. the sign-off after a draft; 0 never keeps.
LKJIP_PDF_SIMPAN_BAGIAN = int(os.getenv("LKJIP_PDF_SIMPAN_BAGIAN", "3600"))

# The shared cache: login throttling and the printed parts of the LKjIP must be
# seen by every web and worker process, so production sets REDIS_URL (for example
# redis://127.0.0.1:6379/0). Without it each process keeps its own memory cache,
# which `check --deploy` warns about (kinerja.checks).
REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.getenv("CACHE_KEY_PREFIX", "lkjip"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The job queue (lkjip/celery.py): Redis is the broker and keeps the results.
# Without a broker the jobs run in the calling process (development only).
CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = os.getenv("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = "lkjip"
# The parts of one LKjIP are laid out by workers of their own queue, so a job
# waiting for its parts never holds the slot a part needs.
CELERY_TASK_ROUTES = {"laporan.tasks.cetak_bagian": {"queue": "bagian"}}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Jakarta"

# E-mail (the reminders of deadlines, kinerja/services/pengingat.py). Without EMAIL_HOST
# mails are written to the console (development); tests use Django's locmem outbox.
EMAIL_BACKEND = os.getenv(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.getenv("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.getenv("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "False")
EMAIL_TIMEOUT = int(os.getenv("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "LKjIP <noreply@localhost>")
# The address of the application in links of e-mails, e.g. "https://lkjip.blorakab.go.id".
LKJIP_URL_DASAR = os.getenv("LKJIP_URL_DASAR", "")

# An import whose previewed file has more rows than this is saved by a job on the queue,
# with a progress page, instead of in the request (kinerja/antrean_impor.py).
LKJIP_IMPOR_ANTREAN_BARIS = int(os.getenv("LKJIP_IMPOR_ANTREAN_BARIS", "2000"))

# Reverse proxies (addresses or networks, comma separated) whose X-Forwarded-For
# header is believed when finding the client's address (kinerja.masuk); from any
# other peer the header is ignored, so a client cannot choose its own address.
LKJIP_PROXY_TEPERCAYA = envlist("LKJIP_PROXY_TEPERCAYA", "")

LOGIN_URL = "masuk"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "masuk"

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.getenv("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if os.getenv("DJANGO_TEST_FAST_HASHER"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

try:
    from .local_settings import *  # noqa: F403
except ImportError:
    pass
