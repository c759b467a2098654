"""Large imports on the job queue (docs/impor.md, "Berkas besar").

The confirm step of every import in the browser (budget, quarterly realisasi, indicator
register, data package) asks ``perlu_antrean`` with the number of rows its preview read:
above ``LKJIP_IMPOR_ANTREAN_BARIS`` it hands the stored upload to a job (``minta``)
instead of saving in the request, and sends the user to the job's progress page.

The job (its model, Celery task and page) lives in ``interchange``, the top app that
may call every app's import service; kinerja and anggaran may not import it, so
``interchange`` registers its ``minta`` here when Django starts (``PEMINTA``). Without
it (the app not installed) every import saves in the request, as before.

The saves of the import services say how far they are with ``lapor_kemajuan`` (between
their statements, or per row where they write row by row); a job listens with
``kemajuan_didengar`` and shows it on its page. Outside a job nobody listens.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

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


# The listener of the save running in this context (a job's), or None.
_PENDENGAR: ContextVar[Callable[[int, int], None] | None] = ContextVar(
    "kemajuan_impor", default=None
)


def lapor_kemajuan(selesai: int, total: int) -> None:
    """The save of an import has done ``selesai`` of its ``total`` steps (cheap: the
    listener decides what to show and how often)."""
    dengar = _PENDENGAR.get()
    if dengar is not None and total > 0:
        dengar(max(0, min(selesai, total)), total)


@contextlib.contextmanager
def kemajuan_didengar(dengar: Callable[[int, int], None]) -> Iterator[None]:
    """Within the block, ``lapor_kemajuan`` calls ``dengar(selesai, total)``."""
    token = _PENDENGAR.set(dengar)
    try:
        yield
    finally:
        _PENDENGAR.reset(token)
