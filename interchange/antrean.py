"""Large imports on the job queue (``kinerja.antrean_impor``; docs/impor.md).

The confirm step of an import whose preview read more than ``LKJIP_IMPOR_ANTREAN_BARIS``
rows calls ``minta``: an ``ImporJob`` keeps the stored upload and the preview's state,
and a worker (``interchange.tasks.impor_jalankan``) runs ``jalankan``. The job runs as
the user who confirmed it (the audit trail names them), checks again that they may
import, reads the stored file again, checks it and saves it with the import's own
service, all or nothing: the save and the job's "selesai" are one transaction, so a
job run twice (a worker lost after the commit, or two deliveries at once: the save
locks the job's row first) does not save twice. Progress per stage
(baca, periksa, simpan) on the job's page, and within the save as its service reports
it (``kinerja.antrean_impor.lapor_kemajuan``): the save's transaction hides the job's
row until it commits, so that progress goes through the cache (``kemajuan_job``).

Without a broker (development, the tests) the job runs in the calling request, as the
prints of ``laporan.jobs`` do.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from interchange.models import ImporJob
from kinerja.antrean_impor import kemajuan_didengar
from laporan.jobs import antrean_aktif
from lib.format import format_angka_alami

__all__ = ["minta", "jalankan", "kemajuan_job", "url_job"]

log = logging.getLogger(__name__)

PESAN_TAK_BERHAK = "Anda tidak lagi berhak mengimpor data ini; tidak ada data yang berubah."
PESAN_TAK_TERDUGA = "kesalahan tak terduga ({}); tidak ada data yang berubah"
PESAN_BERKAS_HILANG = "Berkas unggahan sudah tidak tersedia; unggah berkasnya lagi."


class Ditolak(Exception):
    """The file is refused; ``galat``: (where, why) of each problem. Nothing is saved."""

    def __init__(self, galat: list[tuple[str, str]]):
        super().__init__("; ".join(p for _, p in galat))
        self.galat = galat


# A kind's runner: (job, user, progress) → the save, run in the job's transaction and
# returning (rows changed, the message shown). It reads and checks before returning.
Pelari = Callable[[ImporJob, object, Callable[[int, str], None]], Callable[[], tuple[int, str]]]


def url_job(job: ImporJob, json: bool = False) -> str:
    akhir = "-json" if json else ""
    if job.perangkat_daerah_id is not None:
        return reverse(
            f"impor-job{akhir}", kwargs={"kode": job.perangkat_daerah.kode, "job": job.pk}
        )
    return reverse(f"pemda-impor-job{akhir}", kwargs={"kode": job.pemda.kode, "job": job.pk})


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
    """A new job for a confirmed import: run here without a broker, else sent once the
    request's transaction commits. The URL of its progress page."""
    from interchange.tasks import impor_jalankan

    job = ImporJob.objects.create(
        id=uuid.uuid4(),
        jenis=jenis,
        pemda=pemda,
        perangkat_daerah=pd,
        judul=judul[:200],
        muatan=muatan,
        berkas=berkas,
        jumlah_baris=jumlah_baris,
        url_kembali=url_kembali,
        diminta_oleh=pengguna,
        tahap="Menunggu giliran",
    )
    if antrean_aktif():
        transaction.on_commit(lambda: impor_jalankan.delay(str(job.pk)))
    else:
        jalankan(str(job.pk))
    return url_job(job)


def _tahap(job: ImporJob, kemajuan: int, tahap: str, **lain) -> None:
    job.kemajuan, job.tahap = kemajuan, tahap
    for k, v in lain.items():
        setattr(job, k, v)
    job.save(update_fields=["kemajuan", "tahap", *lain])


# The save stage runs from MULAI_SIMPAN percent to just below 100 (100 is "selesai").
MULAI_SIMPAN = 60
_KUNCI_KEMAJUAN = "impor-job-kemajuan:{}"
_UMUR_KEMAJUAN = 6 * 3600


def _pendengar_simpan(job: ImporJob):
    """The listener of the save's reports: the percent within the save stage, written
    to the cache when it grows (the job's row is inside the save's transaction)."""
    terakhir = MULAI_SIMPAN

    def dengar(selesai: int, total: int) -> None:
        nonlocal terakhir
        persen = MULAI_SIMPAN + (99 - MULAI_SIMPAN) * selesai // total
        if persen > terakhir:
            terakhir = persen
            cache.set(_KUNCI_KEMAJUAN.format(job.pk), persen, _UMUR_KEMAJUAN)

    return dengar


def kemajuan_job(job: ImporJob) -> int:
    """The job's percent as its page shows it: within the save, as far as the save
    reported (the cache), else as its row says."""
    if job.status != ImporJob.Status.BERJALAN or job.kemajuan < MULAI_SIMPAN:
        return job.kemajuan
    return max(job.kemajuan, cache.get(_KUNCI_KEMAJUAN.format(job.pk)) or 0)


def _gagal(job: ImporJob, galat: list[tuple[str, str]]) -> None:
    _tahap(
        job,
        job.kemajuan,
        "Gagal: tidak ada data yang berubah",
        status=ImporJob.Status.GAGAL,
        galat=[list(g) for g in galat],
        selesai_pada=timezone.now(),
    )


_SELESAI = (ImporJob.Status.SELESAI, ImporJob.Status.GAGAL)


def jalankan(job_id: str) -> ImporJob:
    """Run an import job (in a worker; in the request without a broker)."""
    from interchange.pelari import PELARI

    job = ImporJob.objects.select_related("pemda", "perangkat_daerah", "diminta_oleh").get(
        pk=job_id
    )
    if job.status in _SELESAI:
        return job
    _tahap(job, 2, "Memeriksa hak akses", status=ImporJob.Status.BERJALAN)
    try:
        if job.diminta_oleh is None or not job.diminta_oleh.is_active:
            raise PermissionDenied
        if job.berkas and not default_storage.exists(job.berkas):
            raise Ditolak([("", PESAN_BERKAS_HILANG)])
        simpan = PELARI[job.jenis](job, job.diminta_oleh, lambda k, t: _tahap(job, k, t))
        _tahap(
            job,
            MULAI_SIMPAN,
            f"Menyimpan {format_angka_alami(job.jumlah_baris)} baris (semua atau tidak sama sekali)",
        )
        with transaction.atomic(), kemajuan_didengar(_pendengar_simpan(job)):
            # The job's row locked for its save: a second delivery running at the same
            # time waits here, then finds the job done and saves nothing.
            if ImporJob.objects.select_for_update().get(pk=job.pk).status in _SELESAI:
                job.refresh_from_db()
                return job
            n, pesan = simpan()
            _tahap(
                job,
                100,
                "Selesai",
                status=ImporJob.Status.SELESAI,
                jumlah_berubah=n,
                pesan_hasil=pesan,
                selesai_pada=timezone.now(),
            )
    except Ditolak as e:
        _gagal(job, e.galat)
    except (Http404, PermissionDenied):
        _gagal(job, [("", PESAN_TAK_BERHAK)])
    except ValidationError as e:
        _gagal(job, [("", m) for m in e.messages])
    except Exception as e:
        log.exception("Impor %s gagal.", job.pk)
        _gagal(job, [("", PESAN_TAK_TERDUGA.format(type(e).__name__))])
    cache.delete(_KUNCI_KEMAJUAN.format(job.pk))
    if job.berkas:
        default_storage.delete(job.berkas)
    return job
