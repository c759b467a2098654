"""Large imports on the job queue (docs/impor.md, "Berkas besar").

The confirm step of every import in the browser (budget, quarterly realisasi, indicator
register, data package) asks ``perlu_antrean`` with the number of rows its preview read:
above ``LKJIP_IMPOR_ANTREAN_BARIS`` it hands the stored upload to a job (``minta``)
instead of saving in the request, and sends the user to the job's progress page.

The job (its model, Celery task and page) lives in ``interchange``, the top app that
may call every app's import service; kinerja and anggaran may not import it, so
``interchange`` registers its ``minta`` here when Django starts (``PEMINTA``). Without
it (the app not installed) every import saves in the request, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

# Rows of a previewed file above which the save runs as a job (a setting, so tests lower it).
BATAS_BARIS_BAKU = 2000

# The job makers registered by ``interchange.apps``: (jenis, pengguna, pemda, pd, judul,
# muatan, berkas, jumlah_baris, url_kembali) → the URL of the job's progress page.
PEMINTA: list[Callable[..., str]] = []


def batas_baris() -> int:
    return int(getattr(settings, "LKJIP_IMPOR_ANTREAN_BARIS", BATAS_BARIS_BAKU))


def perlu_antrean(jumlah_baris: int | None) -> bool:
    """Whether a previewed file of ``jumlah_baris`` rows is saved by a job."""
    return bool(PEMINTA) and (jumlah_baris or 0) > batas_baris()


def minta(
    *,
    jenis: str,
    pengguna,
    pemda,
    pd=None,
    judul: str,
    muatan: dict,
    berkas: str = "",
    jumlah_baris: int = 0,
    url_kembali: str = "",
) -> str:
    """Put the save of a previewed import on the queue; the URL of its progress page.
    ``muatan``: what the job needs besides the stored upload ``berkas`` (JSON)."""
    return PEMINTA[0](
        jenis=jenis,
        pengguna=pengguna,
        pemda=pemda,
        pd=pd,
        judul=judul,
        muatan=muatan,
        berkas=berkas,
        jumlah_baris=jumlah_baris,
        url_kembali=url_kembali,
    )
