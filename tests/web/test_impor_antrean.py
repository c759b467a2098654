"""Large imports on the job queue (interchange/antrean.py): with the threshold
``LKJIP_IMPOR_ANTREAN_BARIS`` lowered, the confirm step of each import in the browser
hands the stored file to a job and sends the user to its progress page; the job saves
once, as the user who confirmed, all or nothing, and shows the refusals when it fails."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from anggaran.models import Pagu
from interchange.models import ImporJob
from kinerja.models import Indikator, LogPerubahan, PerangkatDaerah, Realisasi, Renstra
from tests.laporan.test_cetak_antrean import pekerja  # noqa: F401  (a real Celery worker)

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data" / "anggaran"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
URL_DPA = "/pd/33.16.05/2024/anggaran/dpa/perubahan/impor/"
URL_TW = "/pd/33.16.05/2024/realisasi/2/"
POLA_JOB = re.compile(r"^/pd/33\.16\.05/impor/[0-9a-f-]{36}/$")


@pytest.fixture(autouse=True)
def ambang_rendah(settings):
    """Every file is "large": the confirm step always uses the queue."""
    settings.LKJIP_IMPOR_ANTREAN_BARIS = 0


def _masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _berkas(data: bytes, nama: str):
    f = io.BytesIO(data)
    f.name = nama
    return f


def _pagu_sub(kode: str) -> Decimal | None:
    p = Pagu.objects.filter(
        dpa__perangkat_daerah__kode="33.16.05",
        dpa__tahun=2024,
        dpa__versi="perubahan",
        sub_kegiatan__kode=kode,
        sub_kegiatan__kegiatan__program__renstra__perangkat_daerah__kode="33.16.05",
    ).first()
    return p.jumlah if p else None


def _pratinjau_dpa(c: Client):
    data = (DATA / "sipd-dpa-perubahan.xlsx").read_bytes()
    r = c.post(URL_DPA, {"langkah": "unggah", "berkas": _berkas(data, "dpa.xlsx")})
    assert r.status_code == 200 and "token" in r.context
    return r.context["token"]


# ----------------------------------------------------------------------- budget


def test_a_large_budget_file_is_saved_once_by_a_job_with_its_progress_page(
    demo, operator_a, kepala_a, evaluator, admin_pemda
):
    c = _masuk(operator_a)
    sebelum = _pagu_sub("7.01.01.2.01.01")
    token = _pratinjau_dpa(c)
    assert ImporJob.objects.count() == 0  # the preview is no job
    s = c.post(URL_DPA, {"langkah": "simpan", "token": token})
    assert s.status_code == 302 and POLA_JOB.match(s["Location"]), s.get("Location")
    job = ImporJob.objects.get()
    assert job.status == ImporJob.Status.SELESAI and job.kemajuan == 100
    assert job.diminta_oleh == operator_a and job.jumlah_baris > 0
    assert _pagu_sub("7.01.01.2.01.01") == Decimal(2_300_000) != sebelum
    # Saved once, in the name of the user who confirmed; the upload is removed.
    log = LogPerubahan.objects.filter(aksi__startswith="pagu")
    n = log.count()
    assert n > 0 and job.jumlah_berubah > 0
    assert set(log.values_list("pengguna__username", flat=True)) == {"operator_a"}
    assert not default_storage.exists(job.berkas)
    halaman = c.get(s["Location"])
    html = halaman.content.decode()
    assert halaman.status_code == 200
    assert "Impor tersimpan" in html and f"{job.jumlah_berubah} angka diubah" in html
    assert 'value="100"' in html and 'src="/static/js/impor.js"' in html
    assert "/anggaran/dpa/perubahan/" in html  # back to the DPA
    k = c.get(s["Location"].rstrip("/") + ".json").json()
    assert k["selesai"] is True and k["kemajuan"] == 100 and k["tahap"] == "Selesai"
    # The kepala and the admin pemda see it; the evaluator does not.
    assert _masuk(kepala_a).get(s["Location"]).status_code == 200
    assert _masuk(admin_pemda).get(s["Location"]).status_code == 200
    assert _masuk(evaluator).get(s["Location"]).status_code == 404
    # The confirmed preview is used once.
    c.post(URL_DPA, {"langkah": "simpan", "token": token})
    assert ImporJob.objects.count() == 1 and log.count() == n


def test_the_job_page_writes_its_row_count_the_indonesian_way(demo, operator_a):
    c = _masuk(operator_a)
    c.post(URL_DPA, {"langkah": "simpan", "token": _pratinjau_dpa(c)})
    job = ImporJob.objects.get()
    ImporJob.objects.filter(pk=job.pk).update(jumlah_baris=12_345)
    assert (
        "Berkas ini besar (12.345 baris)" in c.get(f"/pd/33.16.05/impor/{job.pk}/").content.decode()
    )


def test_below_the_threshold_the_request_saves_as_before(demo, operator_a, settings):
    settings.LKJIP_IMPOR_ANTREAN_BARIS = 10_000
    c = _masuk(operator_a)
    s = c.post(URL_DPA, {"langkah": "simpan", "token": _pratinjau_dpa(c)})
    assert s.status_code == 302 and s["Location"].endswith("/anggaran/dpa/perubahan/")
    assert ImporJob.objects.count() == 0
    assert _pagu_sub("7.01.01.2.01.01") == Decimal(2_300_000)


def test_a_file_that_fails_in_the_job_changes_nothing_and_the_job_says_why(demo, operator_a):
    c = _masuk(operator_a)
    token = _pratinjau_dpa(c)
    sebelum = list(Pagu.objects.order_by("pk").values_list("pk", "jumlah"))
    # The stored upload is no longer a workbook when the job reads it again.
    sesi = next(v for k, v in c.session.items() if k.startswith("impor_pagu:dpa:"))
    default_storage.delete(sesi["berkas"])
    default_storage.save(sesi["berkas"], io.BytesIO(b"bukan buku kerja"))
    s = c.post(URL_DPA, {"langkah": "simpan", "token": token})
    job = ImporJob.objects.get()
    assert job.status == ImporJob.Status.GAGAL and job.galat
    assert list(Pagu.objects.order_by("pk").values_list("pk", "jumlah")) == sebelum
    assert not LogPerubahan.objects.filter(aksi="pagu.ubah").exists()
    html = c.get(s["Location"]).content.decode()
    assert "Berkas tidak diimpor" in html and "Tidak ada yang disimpan" in html
    assert job.galat[0][1] in html
    assert c.get(s["Location"].rstrip("/") + ".json").json()["gagal"] is True


# ----------------------------------------------------------------------- realisasi


def _dua_indikator(demo):
    from kinerja.services.realisasi import grid_triwulan

    grid = grid_triwulan(demo["a"], 2024, 2)
    return [b for b in grid.baris if not b.rasio and b.realisasi_tw[1] is None][:2]


def _pratinjau_tw(c: Client, demo, nilai: dict[str, object]):
    import openpyxl

    from kinerja.services.realisasi_xlsx import BARIS_KEPALA

    wb = openpyxl.load_workbook(io.BytesIO(c.get(URL_TW + "buku.xlsx").content))
    ws = wb["Realisasi TW II"]
    kolom = next(x.column for x in ws[BARIS_KEPALA] if x.value == "Realisasi TW II")
    for kode, v in nilai.items():
        baris = next(r[0].row for r in ws.iter_rows(min_row=BARIS_KEPALA + 1) if r[1].value == kode)
        ws.cell(baris, kolom, v)
    out = io.BytesIO()
    wb.save(out)
    r = c.post(URL_TW + "impor/", {"berkas": _berkas(out.getvalue(), "tw2.xlsx")})
    assert r.status_code == 200, r.content.decode()[-1500:]
    return r.context["token"]


def test_a_large_realisasi_workbook_is_saved_by_a_job(demo, operator_a):
    a, b = _dua_indikator(demo)
    c = _masuk(operator_a)
    token = _pratinjau_tw(c, demo, {a.indikator.kode: 11, b.indikator.kode: 12})
    s = c.post(URL_TW + "impor/simpan/", {"token": token})
    assert POLA_JOB.match(s["Location"])
    job = ImporJob.objects.get()
    assert job.status == ImporJob.Status.SELESAI and job.jumlah_berubah == 2
    assert "2 indikator diubah" in c.get(s["Location"]).content.decode()
    nilai = Realisasi.objects.filter(
        tahun=2024, triwulan=2, indikator__in=[a.indikator, b.indikator]
    )
    assert sorted(r.nilai for r in nilai) == [11, 12]
    assert LogPerubahan.objects.filter(aksi="realisasi.ubah").count() == 2


def test_a_conflict_found_by_the_job_saves_no_row_and_is_shown(demo, operator_a):
    a, b = _dua_indikator(demo)
    c = _masuk(operator_a)
    token = _pratinjau_tw(c, demo, {a.indikator.kode: 11, b.indikator.kode: 12})
    # Someone saves the second indicator on screen between the preview and the confirm.
    Realisasi.objects.create(
        indikator=b.indikator, tahun=2024, triwulan=2, nilai=3, versi=1, diubah_oleh=operator_a
    )
    s = c.post(URL_TW + "impor/simpan/", {"token": token})
    job = ImporJob.objects.get()
    assert job.status == ImporJob.Status.GAGAL
    assert not Realisasi.objects.filter(indikator=a.indikator, tahun=2024, triwulan=2).exists()
    assert Realisasi.objects.get(indikator=b.indikator, tahun=2024, triwulan=2).nilai == 3
    html = c.get(s["Location"]).content.decode()
    assert "Berkas tidak diimpor" in html and b.indikator.kode in html


# ----------------------------------------------------------------------- register


def test_a_large_register_is_saved_by_a_job(demo, operator_a):
    import datetime

    import openpyxl

    from kinerja.services.register_xlsx import BARIS_KEPALA, SHEET
    from kinerja.services.renstra import revisi_buka

    renstra = Renstra.objects.filter(perangkat_daerah=demo["a"]).order_by("mulai").first()
    revisi_buka(
        renstra=renstra, pengguna=operator_a, tanggal=datetime.date(2024, 6, 1), alasan="uji"
    )
    url = f"/pd/33.16.05/renstra/{renstra.mulai}/"
    c = _masuk(operator_a)
    wb = openpyxl.load_workbook(io.BytesIO(c.get(url + "register.xlsx").content))
    ws = wb[SHEET]
    kolom = next(x.column for x in ws[BARIS_KEPALA] if x.value == "Formulasi")
    baris = next(r[0].row for r in ws.iter_rows(min_row=BARIS_KEPALA + 1) if r[0].value == "IKS-1")
    ws.cell(baris, kolom, "Formulasi baru dari antrean")
    out = io.BytesIO()
    wb.save(out)
    berkas = _berkas(out.getvalue(), "register.xlsx")
    r = c.post(url + "register/impor/", {"langkah": "unggah", "berkas": berkas})
    assert r.status_code == 200, r.content.decode()[-1500:]
    s = c.post(url + "register/impor/", {"langkah": "simpan", "token": r.context["token"]})
    assert POLA_JOB.match(s["Location"])
    job = ImporJob.objects.get()
    assert job.status == ImporJob.Status.SELESAI, job.galat
    assert Indikator.objects.get(renstra=renstra, kode="IKS-1").formulasi == (
        "Formulasi baru dari antrean"
    )
    assert "Register indikator diimpor" in c.get(s["Location"]).content.decode()


# ----------------------------------------------------------------------- data package


def test_a_large_package_is_imported_by_a_job_seen_by_its_admin_pemda_only(
    demo, admin_pemda, operator_a, evaluator
):
    d = json.loads((FIXTURES / "bogorejo-2024.json").read_text())
    d["perangkat_daerah"]["kode"] = "33.16.99"
    d["perangkat_daerah"]["nama"] = "Kecamatan Uji"
    c = _masuk(admin_pemda)
    url = "/pemda/33.16/impor-paket/"
    r = c.post(url, {"langkah": "unggah", "berkas": _berkas(json.dumps(d).encode(), "p.json")})
    assert r.status_code == 200
    s = c.post(url, {"langkah": "simpan", "token": r.context["token"]})
    assert re.match(r"^/pemda/33\.16/impor/[0-9a-f-]{36}/$", s["Location"])
    job = ImporJob.objects.get()
    assert job.status == ImporJob.Status.SELESAI and job.perangkat_daerah is None
    pd = PerangkatDaerah.objects.get(kode="33.16.99")
    assert Indikator.objects.filter(renstra__perangkat_daerah=pd).count() == job.jumlah_berubah
    assert "Paket Kecamatan Uji diimpor" in c.get(s["Location"]).content.decode()
    assert _masuk(operator_a).get(s["Location"]).status_code == 404
    assert _masuk(evaluator).get(s["Location"]).status_code == 404


# ----------------------------------------------------------------------- with a broker


def test_with_a_broker_the_request_only_queues_the_job(
    demo, operator_a, settings, django_capture_on_commit_callbacks
):
    from interchange.tasks import impor_jalankan

    settings.CELERY_TASK_ALWAYS_EAGER = False
    c = _masuk(operator_a)
    token = _pratinjau_dpa(c)
    sebelum = _pagu_sub("7.01.01.2.01.01")
    with (
        mock.patch("interchange.tasks.impor_jalankan.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        s = c.post(URL_DPA, {"langkah": "simpan", "token": token})
    job = ImporJob.objects.get()
    delay.assert_called_once_with(str(job.pk))
    assert job.status == ImporJob.Status.ANTRE and _pagu_sub("7.01.01.2.01.01") == sebelum
    html = c.get(s["Location"]).content.decode()
    assert "Menunggu giliran" in html and "diperbarui sendiri" in html and 'value="0"' in html
    # The worker runs it; run again (a lost worker's redelivery) it saves nothing twice.
    assert impor_jalankan(str(job.pk)) == ImporJob.Status.SELESAI
    n = LogPerubahan.objects.filter(aksi="pagu.ubah").count()
    assert n > 0 and _pagu_sub("7.01.01.2.01.01") == Decimal(2_300_000)
    assert impor_jalankan(str(job.pk)) == ImporJob.Status.SELESAI
    assert LogPerubahan.objects.filter(aksi="pagu.ubah").count() == n


def test_two_deliveries_at_once_save_once(demo, operator_a, settings):
    """A second run claims the job while the first is still checking the file; the first
    finishes its save: the second, reaching its save, finds the job done."""
    from interchange import antrean, pelari

    settings.CELERY_TASK_ALWAYS_EAGER = False
    c = _masuk(operator_a)
    token = _pratinjau_dpa(c)
    with mock.patch("interchange.tasks.impor_jalankan.delay"):
        c.post(URL_DPA, {"langkah": "simpan", "token": token})
    job = ImporJob.objects.get()
    asli = pelari.PELARI[job.jenis]
    simpan_dipanggil = []

    def pelari_kedua(job_, pengguna, tahap):
        simpan = asli(job_, pengguna, tahap)
        # Meanwhile the first delivery saved and finished the job.
        ImporJob.objects.filter(pk=job_.pk).update(status=ImporJob.Status.SELESAI)

        def simpan_dicatat():
            simpan_dipanggil.append(True)
            return simpan()

        return simpan_dicatat

    sebelum = _pagu_sub("7.01.01.2.01.01")
    with mock.patch.dict(pelari.PELARI, {job.jenis: pelari_kedua}):
        hasil = antrean.jalankan(str(job.pk))
    assert simpan_dipanggil == [] and hasil.status == ImporJob.Status.SELESAI
    assert _pagu_sub("7.01.01.2.01.01") == sebelum


def test_the_job_checks_the_users_right_again(demo, operator_a, settings):
    from interchange.tasks import impor_jalankan

    settings.CELERY_TASK_ALWAYS_EAGER = False
    c = _masuk(operator_a)
    token = _pratinjau_dpa(c)
    sebelum = _pagu_sub("7.01.01.2.01.01")
    with mock.patch("interchange.tasks.impor_jalankan.delay"):
        c.post(URL_DPA, {"langkah": "simpan", "token": token})
    operator_a.peran.jenis = "kepala"
    operator_a.peran.save()
    assert impor_jalankan(str(ImporJob.objects.get().pk)) == ImporJob.Status.GAGAL
    job = ImporJob.objects.get()
    assert "tidak lagi berhak" in job.galat[0][1]
    assert _pagu_sub("7.01.01.2.01.01") == sebelum


# ----------------------------------------------------------------------- a real worker


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_saves_the_budget_file(pekerja, demo, operator_a):  # noqa: F811
    import time

    c = _masuk(operator_a)
    token = _pratinjau_dpa(c)
    s = c.post(URL_DPA, {"langkah": "simpan", "token": token})
    assert POLA_JOB.match(s["Location"])
    job = ImporJob.objects.get()
    batas = time.monotonic() + 120
    while time.monotonic() < batas:
        job.refresh_from_db()
        if job.status in (ImporJob.Status.SELESAI, ImporJob.Status.GAGAL):
            break
        time.sleep(0.3)
    assert job.status == ImporJob.Status.SELESAI, job.galat
    assert _pagu_sub("7.01.01.2.01.01") == Decimal(2_300_000)
    assert "Impor tersimpan" in c.get(s["Location"]).content.decode()
