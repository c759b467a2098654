"""Printing on the job queue (Celery, ``lkjip/celery.py``).

``draf_minta`` is what the "Unduh draf" link calls: the draft of the data as they
are now is printed once — a request for the same content (``kode_isi``) gets the
PDF already printed, or the job already under way. The job (``CetakJob``) is run
by a worker (``laporan.tasks.cetak_draf``): it assembles the document and hands its
parts to the workers of the ``bagian`` queue (:class:`CeleryPool`), which lay them
out in parallel; the job joins them (``laporan.cetak``) and stores the PDF.

Without a broker (development) the job runs in the calling process as it is
requested, and the parts print as ``LKJIP_PDF_PROSES`` says.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kinerja.models import PerangkatDaerah
from laporan.cetak_bagian import Rendered
from laporan.models import CetakJob

__all__ = [
    "CeleryPool",
    "draf_cetak",
    "draf_minta",
    "job_jalankan",
    "rendered_dari_json",
    "rendered_ke_json",
    "antrean_aktif",
    "data_berubah",
    "draf_otomatis",
    "tahun_berubah",
    "tetap_jalankan",
    "tetap_minta",
]

log = logging.getLogger(__name__)

# Seconds a job waits for one part before it gives up (and prints in one process).
BATAS_BAGIAN_DETIK = 600


def antrean_aktif() -> bool:
    """Whether jobs go to workers (a broker is configured) rather than run in place."""
    return not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True)


# ----------------------------------------------------------------------- the parts


def rendered_ke_json(c: Rendered) -> dict:
    return {
        "pdf": base64.b64encode(c.pdf).decode("ascii"),
        "halaman": c.halaman,
        "anchors": c.anchors,
        "boxes": {k: list(v) for k, v in c.boxes.items()},
    }


def rendered_dari_json(d: dict) -> Rendered:
    return Rendered(
        pdf=base64.b64decode(d["pdf"]),
        halaman=int(d["halaman"]),
        anchors={k: int(v) for k, v in d["anchors"].items()},
        boxes={k: tuple(v) for k, v in d["boxes"].items()},
    )


class CeleryFuture:
    """The part of ``laporan.cetak`` a worker of the ``bagian`` queue is printing, with
    the little of ``concurrent.futures.Future`` that ``laporan.cetak`` uses."""

    def __init__(self, hasil) -> None:
        self._hasil = hasil  # celery AsyncResult
        self._rendered: Rendered | None = None

    def result(self, timeout: float | None = None) -> Rendered:
        if self._rendered is None:
            data = self._hasil.get(
                timeout=timeout or BATAS_BAGIAN_DETIK, disable_sync_subtasks=False
            )
            self._rendered = rendered_dari_json(data)
        return self._rendered

    def done(self) -> bool:
        return self._rendered is not None or self._hasil.ready()

    def cancelled(self) -> bool:
        return False

    def exception(self, timeout: float | None = None) -> BaseException | None:
        if self._hasil.ready() and self._hasil.failed():
            e = self._hasil.result
            return e if isinstance(e, BaseException) else RuntimeError(str(e))
        return None


class CeleryPool:
    """An executor for ``laporan.cetak.cetak_dokumen`` whose workers are the Celery
    workers of the ``bagian`` queue: ``submit`` sends the HTML of one part."""

    def submit(self, fn, html: str, root: str, tags: bool = False) -> CeleryFuture:
        from laporan.tasks import cetak_bagian

        return CeleryFuture(cetak_bagian.delay(html, tags))


# ----------------------------------------------------------------------- the jobs


def _tahap(job: CetakJob, kemajuan: int, tahap: str, **lain) -> None:
    job.kemajuan, job.tahap = kemajuan, tahap
    for k, v in lain.items():
        setattr(job, k, v)
    job.save(update_fields=["kemajuan", "tahap", *lain])


def job_jalankan(job_id: str, dokumen=None) -> CetakJob:
    """Print the draft of a job (in a worker; in place without a broker). ``dokumen``:
    the document already assembled from the data (``draf_cetak``)."""
    from laporan.dokumen import susun_dokumen
    from laporan.pdf import PDFError, arsip_dokumen, cetak_html, document_key, render_html

    job = CetakJob.objects.select_related("perangkat_daerah").get(pk=job_id)
    if job.status == CetakJob.Status.SELESAI:
        return job
    _tahap(job, 5, "Menyusun dokumen dari data", status=CetakJob.Status.BERJALAN)
    try:
        dokumen = dokumen or susun_dokumen(job.perangkat_daerah, job.tahun)
        html = render_html(dokumen)
        _tahap(job, 25, "Menata halaman setiap bab")
        pdf, halaman = cetak_html(
            html,
            kunci=document_key(job.perangkat_daerah, job.tahun),
            arsip=arsip_dokumen(dokumen),
            pool=CeleryPool() if antrean_aktif() else None,
        )
    except (PDFError, ValueError) as e:
        _gagal(job, str(e))
        return job
    except Exception as e:
        log.exception("Cetak draf %s gagal.", job.pk)
        _gagal(job, f"kesalahan tak terduga ({type(e).__name__})")
        raise
    job.berkas.save(f"{job.pk.hex}.pdf", ContentFile(pdf), save=False)
    job.halaman = halaman
    job.selesai_pada = timezone.now()
    _tahap(
        job,
        100,
        "Selesai",
        status=CetakJob.Status.SELESAI,
        berkas=job.berkas,
        halaman=halaman,
        selesai_pada=job.selesai_pada,
    )
    _bersihkan(job)
    return job


# Finished prints kept per perangkat daerah and year (older ones are deleted).
SIMPAN_SELESAI = 3


def _bersihkan(job: CetakJob) -> None:
    lama = CetakJob.objects.filter(
        perangkat_daerah_id=job.perangkat_daerah_id, tahun=job.tahun, jenis=job.jenis
    ).order_by("-dibuat")[SIMPAN_SELESAI:]
    for x in lama:
        if x.berkas:
            x.berkas.delete(save=False)
        x.delete()


def _gagal(job: CetakJob, pesan: str) -> None:
    _tahap(
        job,
        job.kemajuan,
        "Gagal",
        status=CetakJob.Status.GAGAL,
        pesan_galat=pesan,
        selesai_pada=timezone.now(),
    )


def _minta(pd: PerangkatDaerah, tahun: int, pengguna, jenis: str, isi: str, jalankan, task):
    """A finished job of the same kind and content (its file still there), one under
    way, or a new job: run in place without a broker, else sent once the request's
    transaction commits."""
    ada = (
        CetakJob.objects.filter(perangkat_daerah=pd, tahun=tahun, kode_isi=isi, jenis=jenis)
        .exclude(status=CetakJob.Status.GAGAL)
        .order_by("-dibuat")
        .first()
    )
    if ada is not None and (ada.status != CetakJob.Status.SELESAI or _berkas_ada(ada)):
        return ada
    job = CetakJob.objects.create(
        id=uuid.uuid4(),
        perangkat_daerah=pd,
        tahun=tahun,
        kode_isi=isi,
        diminta_oleh=pengguna,
        jenis=jenis,
    )
    if not antrean_aktif():
        return jalankan(str(job.pk))
    transaction.on_commit(lambda: task.delay(str(job.pk)))
    return job


def draf_minta(pd: PerangkatDaerah, tahun: int, pengguna) -> CetakJob:
    """The print of the draft of ``pd``'s ``tahun`` as the data are now: a finished one
    of the same content, one under way, or a new job on the queue."""
    from laporan.dokumen import susun_dokumen
    from laporan.pdf import kode_isi
    from laporan.tasks import cetak_draf

    isi = kode_isi(susun_dokumen(pd, tahun))
    return _minta(pd, tahun, pengguna, CetakJob.Jenis.DRAF, isi, job_jalankan, cetak_draf)


def draf_cetak(pd: PerangkatDaerah, tahun: int, pengguna) -> CetakJob:
    """The draft of ``pd``'s ``tahun`` printed here, now (in a task of the bulk print,
    ``laporan.cetak_kabupaten``): a finished print of the same content is reused, else a
    new job is run in this process, its parts on the ``bagian`` queue when there is one.
    Raises what assembling the document raises (``HitungError``)."""
    from laporan.dokumen import susun_dokumen
    from laporan.pdf import kode_isi

    dokumen = susun_dokumen(pd, tahun)
    isi = kode_isi(dokumen)
    ada = (
        CetakJob.objects.filter(
            perangkat_daerah=pd,
            tahun=tahun,
            kode_isi=isi,
            jenis=CetakJob.Jenis.DRAF,
            status=CetakJob.Status.SELESAI,
        )
        .order_by("-dibuat")
        .first()
    )
    if ada is not None and _berkas_ada(ada):
        return ada
    job = CetakJob.objects.create(
        id=uuid.uuid4(),
        perangkat_daerah=pd,
        tahun=tahun,
        kode_isi=isi,
        diminta_oleh=pengguna,
        jenis=CetakJob.Jenis.DRAF,
    )
    return job_jalankan(str(job.pk), dokumen=dokumen)


# ----------------------------------------------------------------------- the evidence zip


def kode_bukti(bukti) -> str:
    """What an evidence zip holds: its files, their names and sizes (SHA-256 of them)."""
    from laporan.services.bukti_zip import nama_di_zip

    isi = "\n".join(
        f"{b.pk}|{b.berkas.name}|{b.ukuran}|{nama}"
        for b, nama in zip(bukti, nama_di_zip(bukti), strict=True)
    )
    return hashlib.sha256(("bukti\n" + isi).encode()).hexdigest()


def bukti_minta(pd: PerangkatDaerah, tahun: int, pengguna) -> CetakJob:
    """The zip of the year's evidence as it is now: a finished one of the same files, one
    under way, or a new job on the queue (the web process only reads the list)."""
    from laporan.selectors import bukti_untuk_zip
    from laporan.tasks import buat_bukti_zip

    isi = kode_bukti(bukti_untuk_zip(pd, tahun))
    return _minta(pd, tahun, pengguna, CetakJob.Jenis.BUKTI, isi, bukti_jalankan, buat_bukti_zip)


def bukti_jalankan(job_id: str) -> CetakJob:
    """Write the evidence zip of a job to storage, its progress by bytes copied."""
    import tempfile

    from django.core.files import File

    from laporan.selectors import bukti_untuk_zip
    from laporan.services.bukti_zip import zip_bukti

    job = CetakJob.objects.select_related("perangkat_daerah").get(pk=job_id)
    if job.status == CetakJob.Status.SELESAI:
        return job
    bukti = bukti_untuk_zip(job.perangkat_daerah, job.tahun)
    total = sum(b.ukuran for b in bukti) or 1
    _tahap(job, 1, f"Mengumpulkan {len(bukti)} berkas", status=CetakJob.Status.BERJALAN)
    try:
        with tempfile.TemporaryFile() as tmp:
            ditulis, dilaporkan = 0, 0
            for potong in zip_bukti(bukti):
                tmp.write(potong)
                ditulis += len(potong)
                persen = min(99, 1 + 98 * ditulis // total)
                if persen >= dilaporkan + 5:
                    dilaporkan = persen
                    _tahap(job, persen, f"Menyalin berkas ({persen}%)")
            tmp.seek(0)
            job.berkas.save(f"{job.pk.hex}.zip", File(tmp), save=False)
    except Exception as e:
        log.exception("Arsip bukti %s gagal.", job.pk)
        _gagal(job, f"kesalahan tak terduga ({type(e).__name__})")
        raise
    job.selesai_pada = timezone.now()
    _tahap(
        job,
        100,
        "Selesai",
        status=CetakJob.Status.SELESAI,
        berkas=job.berkas,
        selesai_pada=job.selesai_pada,
    )
    _bersihkan(job)
    return job


def _berkas_ada(job: CetakJob) -> bool:
    return bool(job.berkas) and job.berkas.storage.exists(job.berkas.name)


# ----------------------------------------------------------------------- the sign-off

# Stands in the verification address of a sign-off job for the content code.
PENANDA_KODE = "{kode_isi}"
# What a sign-off job says when its print failed for an unexpected reason.
PESAN_TETAP_GAGAL = "PDF tidak dapat dibuat; LKjIP belum ditetapkan dan tidak ada data yang berubah"


def tetap_minta(lkjip, pengguna, alamat_verifikasi: str) -> CetakJob:
    """The kepala signs the year off: a job that signs it off and prints its stamped
    PDF (``tetap_jalankan``), or the one already waiting or under way for the year.
    ``alamat_verifikasi``: the verification URL with ``PENANDA_KODE`` for the code.
    Without a broker the job runs here, now."""
    from laporan.tasks import cetak_tetap

    ada = (
        CetakJob.objects.filter(
            perangkat_daerah_id=lkjip.perangkat_daerah_id,
            tahun=lkjip.tahun,
            jenis=CetakJob.Jenis.TETAP,
            status__in=[CetakJob.Status.ANTRE, CetakJob.Status.BERJALAN],
        )
        .order_by("-dibuat")
        .first()
    )
    if ada is not None:
        return ada
    job = CetakJob.objects.create(
        id=uuid.uuid4(),
        perangkat_daerah_id=lkjip.perangkat_daerah_id,
        tahun=lkjip.tahun,
        kode_isi="",
        jenis=CetakJob.Jenis.TETAP,
        alamat_verifikasi=alamat_verifikasi,
        diminta_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    if not antrean_aktif():
        return tetap_jalankan(str(job.pk))
    transaction.on_commit(lambda: cetak_tetap.delay(str(job.pk)))
    return job


def tetap_jalankan(job_id: str) -> CetakJob:
    """Sign the year of a job off (in a worker; in place without a broker).

    The sign-off and its print are one transaction (``lkjip_tetapkan``): the year
    is signed off, locked, and its snapshot (PDF, hash) stored only when the
    print succeeds; when it fails nothing changes and the job says why. The row
    lock on the LKjIP makes it happen once: a second job, or an approve/return
    at the same time, waits and then finds the year signed off."""
    from laporan.models import LKjIP
    from laporan.services.alur import lkjip_tetapkan
    from laporan.services.kesiapan import BelumSiap

    job = CetakJob.objects.select_related("perangkat_daerah", "diminta_oleh").get(pk=job_id)
    if job.status in (CetakJob.Status.SELESAI, CetakJob.Status.GAGAL):
        return job
    _tahap(job, 10, "Menetapkan dan mencetak dokumen", status=CetakJob.Status.BERJALAN)
    lkjip = LKjIP.objects.get(perangkat_daerah=job.perangkat_daerah, tahun=job.tahun)
    try:
        snapshot = lkjip_tetapkan(
            lkjip=lkjip,
            pengguna=job.diminta_oleh,
            alamat_verifikasi=lambda kode: job.alamat_verifikasi.replace(PENANDA_KODE, kode),
            pool=CeleryPool() if antrean_aktif() else None,
        )
    except BelumSiap as e:
        _gagal(job, f"LKjIP belum siap ditetapkan: {len(e.kekurangan)} hal belum lengkap")
        return job
    except ValidationError as e:
        _gagal(job, " ".join(e.messages))
        return job
    except Exception:
        log.exception("Penetapan %s gagal.", job.pk)
        _gagal(job, PESAN_TETAP_GAGAL)
        return job
    _tahap(
        job,
        100,
        "Selesai",
        status=CetakJob.Status.SELESAI,
        snapshot=snapshot,
        halaman=snapshot.halaman,
        kode_isi=snapshot.kode_isi,
        selesai_pada=timezone.now(),
    )
    return job


# ----------------------------------------------------------------------- in the background

# Seconds without a change of a year's data before its draft is printed again.
JEDA_OTOMATIS_DETIK = 30


def _kunci_otomatis(pd_id: int, tahun: int) -> str:
    return f"lkjip:draf-otomatis:{pd_id}:{tahun}"


def data_berubah(pd_id: int, tahun: int) -> None:
    """The data of ``pd_id``'s ``tahun`` changed: print its draft in the background
    once they have not changed for ``JEDA_OTOMATIS_DETIK`` (one task in flight per
    year, however many rows a save changes), so that "Unduh draf" answers at once."""
    if not antrean_aktif():
        return
    # Only once the change is committed: a change rolled back (a preview run in a
    # transaction that is undone) schedules nothing and marks nothing.
    transaction.on_commit(lambda: _jadwalkan(pd_id, tahun))


def _jadwalkan(pd_id: int, tahun: int) -> None:
    from laporan.tasks import cetak_draf_otomatis

    kunci = _kunci_otomatis(pd_id, tahun)
    cache.set(kunci + ":terakhir", time.time(), 4 * JEDA_OTOMATIS_DETIK + 3600)
    if cache.add(kunci + ":terjadwal", 1, 4 * JEDA_OTOMATIS_DETIK):
        cetak_draf_otomatis.apply_async((pd_id, tahun), countdown=JEDA_OTOMATIS_DETIK)


def draf_otomatis(pd_id: int, tahun: int) -> str:
    """The debounced background print (``data_berubah``): waits again while changes
    keep coming, then caches the year's figures of the kabupaten dashboard and asks
    for the draft as the data are now."""
    from laporan.models import LKjIP
    from laporan.tasks import cetak_draf_otomatis

    kunci = _kunci_otomatis(pd_id, tahun)
    sisa = (cache.get(kunci + ":terakhir") or 0) + JEDA_OTOMATIS_DETIK - time.time()
    if sisa > 0:
        cache.set(kunci + ":terjadwal", 1, 4 * JEDA_OTOMATIS_DETIK)
        cetak_draf_otomatis.apply_async((pd_id, tahun), countdown=sisa)
        return "ditunda"
    cache.delete(kunci + ":terjadwal")
    # The year's figures for the kabupaten dashboard are cached again as well.
    from laporan.ringkasan_pemda import ringkasan_hangatkan

    ringkasan_hangatkan(pd_id, tahun)
    lkjip = LKjIP.objects.filter(perangkat_daerah_id=pd_id, tahun=tahun).first()
    if lkjip is None or lkjip.status != LKjIP.Status.DRAF:
        return "tidak perlu"
    return draf_minta(lkjip.perangkat_daerah, tahun, None).status


def tahun_berubah(sender, perangkat_daerah_id: int, tahun: int, **kwargs) -> None:
    """``kinerja.signals.data_tahun_berubah``: a change of the year was recorded."""
    data_berubah(perangkat_daerah_id, tahun)
