"""The LKjIP of every perangkat daerah of a pemda printed as one job, offered as one zip.

``cetak_kabupaten_minta`` (the evaluator's or admin pemda's page) and the command
``cetak_kabupaten`` make a ``CetakKabupaten`` with one row per perangkat daerah
(``CetakKabupatenPD``) and send one task per perangkat daerah to the queue
(``laporan.tasks.cetak_kabupaten_pd``): the workers of the ``lkjip`` queue take
them as they are free, and each hands the parts of its document to the workers of
the ``bagian`` queue, as a single print does (``laporan.jobs.draf_cetak``). A year
that is signed off is not printed: its signed PDF (the latest snapshot, checked
against its SHA-256) goes into the zip. A perangkat daerah whose print fails is
marked with the reason and the others go on. The task that finishes the last
perangkat daerah sends the zip task (``zip_jalankan``): the PDFs, named per
perangkat daerah, and ``DAFTAR-ISI.txt``, the manifest that lists each one's
pages and SHA-256, or why it failed.

Without a broker everything runs in the calling process, one perangkat daerah
after the other.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from kinerja.audit import format_waktu
from kinerja.engine.hitung import HitungError
from kinerja.models import Pemda, PerangkatDaerah
from laporan.jobs import antrean_aktif, draf_cetak
from laporan.models import CetakJob, CetakKabupaten, CetakKabupatenPD, LKjIP, SnapshotLKjIP

__all__ = [
    "NAMA_DAFTAR",
    "cetak_kabupaten_buat",
    "cetak_kabupaten_kirim",
    "cetak_kabupaten_minta",
    "jalankan_di_tempat",
    "keadaan",
    "nama_pdf",
    "nama_zip",
    "pd_jalankan",
    "zip_jalankan",
]

log = logging.getLogger(__name__)

J = CetakKabupaten.Status
P = CetakKabupatenPD.Status
BERLANGSUNG = [J.ANTRE, J.BERJALAN, J.MENGARSIP]
# The manifest in the zip.
NAMA_DAFTAR = "DAFTAR-ISI.txt"


class TidakAdaPD(ValueError):
    """The pemda has no perangkat daerah to print."""


def _nama_berkas(teks: str) -> str:
    return "-".join(teks.replace("/", "-").split())


def nama_pdf(item: CetakKabupatenPD) -> str:
    """The PDF of a perangkat daerah in the zip: year, code, name, draft or signed version."""
    pd = item.perangkat_daerah
    jenis = f"ditetapkan-v{item.snapshot.versi}" if item.snapshot_id else "draf"
    return f"LKjIP-{item.job.tahun}-{pd.kode}-{_nama_berkas(pd.nama)}-{jenis}.pdf"


def nama_zip(job: CetakKabupaten) -> str:
    return f"LKjIP-{job.tahun}-{_nama_berkas(job.pemda.nama)}.zip"


# ----------------------------------------------------------------------- asking


def cetak_kabupaten_buat(pemda: Pemda, tahun: int, pengguna) -> CetakKabupaten:
    """A new job with one row per perangkat daerah of ``pemda`` (by code), not yet sent."""
    daftar = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("kode"))
    if not daftar:
        raise TidakAdaPD(f"{pemda.nama} belum mempunyai perangkat daerah.")
    job = CetakKabupaten.objects.create(
        id=uuid.uuid4(),
        pemda=pemda,
        tahun=tahun,
        diminta_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    CetakKabupatenPD.objects.bulk_create(
        CetakKabupatenPD(job=job, perangkat_daerah=pd, urutan=i) for i, pd in enumerate(daftar)
    )
    return job


def cetak_kabupaten_kirim(job: CetakKabupaten) -> None:
    """Send one task per perangkat daerah once the transaction commits; without a broker,
    print them all here, now."""
    if not antrean_aktif():
        jalankan_di_tempat(job)
        return
    from laporan.tasks import cetak_kabupaten_pd

    ids = list(job.daftar_pd.values_list("pk", flat=True))
    transaction.on_commit(lambda: [cetak_kabupaten_pd.delay(i) for i in ids])


def cetak_kabupaten_minta(pemda: Pemda, tahun: int, pengguna) -> CetakKabupaten:
    """The bulk print of ``pemda``'s ``tahun``: the one under way, or a new job."""
    ada = CetakKabupaten.objects.filter(pemda=pemda, tahun=tahun, status__in=BERLANGSUNG).first()
    if ada is not None:
        return ada
    job = cetak_kabupaten_buat(pemda, tahun, pengguna)
    cetak_kabupaten_kirim(job)
    return job


def jalankan_di_tempat(
    job: CetakKabupaten, setelah: Callable[[CetakKabupatenPD], None] | None = None
) -> CetakKabupaten:
    """Print every perangkat daerah of ``job`` in this process, one after the other, then
    the zip; ``setelah`` is called with each row once it is done (a progress bar)."""
    for item_id in job.daftar_pd.values_list("pk", flat=True):
        item = pd_jalankan(item_id)
        if setelah is not None:
            setelah(item)
    job.refresh_from_db()
    return job


# ----------------------------------------------------------------------- one perangkat daerah


def _pd_cetak(item: CetakKabupatenPD, pengguna) -> None:
    """Fill ``item`` with its signed PDF or its draft print; raises ``ValueError`` with the
    reason in Indonesian when there is nothing to put in the zip."""
    pd, tahun = item.perangkat_daerah, item.job.tahun
    lkjip = LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).first()
    if lkjip is None:
        raise ValueError(f"belum ada LKjIP tahun {tahun}")
    if lkjip.status == LKjIP.Status.DITETAPKAN:
        snapshot = SnapshotLKjIP.objects.filter(lkjip=lkjip).order_by("-versi").first()
        if snapshot is None:
            raise ValueError("LKjIP ditetapkan tetapi PDF yang ditetapkan tidak ditemukan")
        if _sha256(snapshot.berkas) != snapshot.sha256:
            raise ValueError(
                f"berkas PDF yang ditetapkan (versi {snapshot.versi}) tidak sama dengan "
                "SHA-256 yang dicatat"
            )
        item.snapshot, item.halaman = snapshot, snapshot.halaman
        return
    cetak = draf_cetak(pd, tahun, pengguna)
    if cetak.status != CetakJob.Status.SELESAI:
        raise ValueError(cetak.pesan_galat or "pencetakan draf gagal")
    item.cetak, item.halaman = cetak, cetak.halaman


def _sha256(berkas) -> str | None:
    try:
        with berkas.open("rb") as f:
            h = hashlib.sha256()
            while potong := f.read(1 << 20):
                h.update(potong)
            return h.hexdigest()
    except (OSError, ValueError):
        return None


def pd_jalankan(item_id: int) -> CetakKabupatenPD:
    """Print one perangkat daerah of a bulk print (in a worker; in place without a
    broker). Its failure is recorded on its row and never raised: the others go on.
    The last one done sends the zip."""
    item = CetakKabupatenPD.objects.select_related("job__pemda", "perangkat_daerah").get(pk=item_id)
    if item.status in (P.SELESAI, P.GAGAL):
        return item
    item.status = P.BERJALAN
    item.save(update_fields=["status"])
    CetakKabupaten.objects.filter(pk=item.job_id, status=J.ANTRE).update(status=J.BERJALAN)
    mulai = time.perf_counter()
    try:
        _pd_cetak(item, item.job.diminta_oleh)
    except (HitungError, ValueError) as e:
        item.status, item.pesan_galat = P.GAGAL, str(e)
    except Exception as e:  # one perangkat daerah must not stop the others
        log.exception("Cetak sekabupaten %s, perangkat daerah %s gagal.", item.job_id, item.pk)
        item.status, item.pesan_galat = P.GAGAL, f"kesalahan tak terduga ({type(e).__name__})"
    else:
        item.status = P.SELESAI
    item.detik = time.perf_counter() - mulai
    item.save(update_fields=["status", "pesan_galat", "halaman", "detik", "cetak", "snapshot"])
    _mungkin_selesai(item.job_id)
    return item


def _mungkin_selesai(job_id) -> None:
    """When no perangkat daerah is left, the job moves to the zip, once (row lock)."""
    with transaction.atomic():
        job = CetakKabupaten.objects.select_for_update().get(pk=job_id)
        if job.status not in (J.ANTRE, J.BERJALAN):
            return
        if job.daftar_pd.filter(status__in=[P.ANTRE, P.BERJALAN]).exists():
            return
        job.status = J.MENGARSIP
        job.save(update_fields=["status"])
        if antrean_aktif():
            from laporan.tasks import cetak_kabupaten_zip

            transaction.on_commit(lambda: cetak_kabupaten_zip.delay(str(job_id)))
            return
    zip_jalankan(str(job_id))


# ----------------------------------------------------------------------- the zip


def _isi_pdf(item: CetakKabupatenPD) -> bytes:
    berkas = item.snapshot.berkas if item.snapshot_id else item.cetak.berkas
    with berkas.open("rb") as f:
        return f.read()


def _baris_daftar(no: int, item: CetakKabupatenPD, nama: str, sha: str) -> str:
    pd = item.perangkat_daerah
    kepala = f"{no}. {pd.kode} {pd.nama}"
    if item.status != P.SELESAI:
        return f"{kepala}\n   GAGAL: {item.pesan_galat}"
    jenis = (
        f"ditetapkan (versi {item.snapshot.versi})"
        if item.snapshot_id
        else "draf dari data terkini"
    )
    return f"{kepala}\n   {jenis}, {item.halaman} halaman\n   berkas: {nama}\n   SHA-256: {sha}"


def _tulis_zip(job: CetakKabupaten, tujuan) -> None:
    """Write the zip of ``job``'s PDFs and its manifest to the file ``tujuan``."""
    daftar = list(
        job.daftar_pd.select_related("perangkat_daerah", "cetak", "snapshot").order_by("urutan")
    )
    baris = []
    with zipfile.ZipFile(tujuan, "w", compression=zipfile.ZIP_STORED) as arsip:
        for no, item in enumerate(daftar, start=1):
            item.job = job
            nama, sha = nama_pdf(item), ""
            if item.status == P.SELESAI:
                try:
                    pdf = _isi_pdf(item)
                except (OSError, ValueError, AttributeError):
                    item.status, item.pesan_galat = P.GAGAL, "berkas PDF sudah tidak tersedia"
                    item.save(update_fields=["status", "pesan_galat"])
                else:
                    arsip.writestr(nama, pdf)
                    sha = hashlib.sha256(pdf).hexdigest()
            baris.append(_baris_daftar(no, item, nama, sha))
        gagal = sum(1 for i in daftar if i.status != P.SELESAI)
        kepala = [
            f"LKjIP tahun {job.tahun} seluruh perangkat daerah {job.pemda.nama}",
            f"Dibuat {format_waktu(timezone.now())}",
            f"{len(daftar)} perangkat daerah: {len(daftar) - gagal} berhasil, {gagal} gagal",
            "",
        ]
        arsip.writestr(NAMA_DAFTAR, "\n".join(kepala + baris) + "\n")


def zip_jalankan(job_id: str) -> CetakKabupaten:
    """Write the zip of a bulk print whose perangkat daerah are all done."""
    job = CetakKabupaten.objects.select_related("pemda").get(pk=job_id)
    if job.status == J.SELESAI:
        return job
    try:
        with tempfile.TemporaryFile() as tmp:
            _tulis_zip(job, tmp)
            tmp.seek(0)
            job.berkas.save(f"{job.pk.hex}.zip", File(tmp), save=False)
    except Exception as e:
        log.exception("Arsip cetak sekabupaten %s gagal.", job.pk)
        job.status, job.pesan_galat = J.GAGAL, f"arsip zip tidak dapat dibuat ({type(e).__name__})"
    else:
        job.status = J.SELESAI
    job.selesai_pada = timezone.now()
    job.save(update_fields=["status", "pesan_galat", "berkas", "selesai_pada"])
    return job


# ----------------------------------------------------------------------- the state


def keadaan(job: CetakKabupaten, url_berkas: str = "") -> dict:
    """The state of a bulk print as its page shows it (two queries)."""
    job.refresh_from_db(fields=["status", "pesan_galat", "berkas", "selesai_pada"])
    daftar = list(job.daftar_pd.select_related("perangkat_daerah").order_by("urutan"))
    selesai = [i for i in daftar if i.status in (P.SELESAI, P.GAGAL)]
    sedang = [i.perangkat_daerah.nama for i in daftar if i.status == P.BERJALAN]
    gagal = [i for i in daftar if i.status == P.GAGAL]
    jumlah = len(daftar)
    tahap = job.get_status_display()
    if job.status in (J.ANTRE, J.BERJALAN):
        tahap = f"{len(selesai)} dari {jumlah} perangkat daerah selesai"
        if sedang:
            tahap += "; sedang dicetak: " + ", ".join(sedang)
    return {
        "status": job.status,
        "label": job.get_status_display(),
        "tahap": tahap,
        "jumlah": jumlah,
        "jumlah_selesai": len(selesai),
        "jumlah_gagal": len(gagal),
        "kemajuan": (100 * len(selesai) // jumlah) if jumlah else 100,
        "sedang": sedang,
        "selesai": job.status == J.SELESAI,
        "gagal": job.status == J.GAGAL,
        "pesan_galat": job.pesan_galat,
        "url_berkas": url_berkas if job.status == J.SELESAI else "",
        "pd": [
            {
                "kode": i.perangkat_daerah.kode,
                "nama": i.perangkat_daerah.nama,
                "status": i.status,
                "label": i.get_status_display(),
                "pesan_galat": i.pesan_galat,
                "halaman": i.halaman,
                "ditetapkan": i.snapshot_id is not None,
            }
            for i in daftar
        ],
    }
