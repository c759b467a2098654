"""The LKjIP of every perangkat daerah of a pemda as one job and one zip (laporan.cetak_kabupaten):
the page that starts it, its progress, the zip and its manifest, a failing perangkat
daerah, the signed PDF of a signed year, the tasks on the queue, a real worker."""

from __future__ import annotations

import io
import zipfile
from unittest import mock

import pytest
from django.core.management.base import CommandError
from django.test import Client

from laporan.cetak_kabupaten import NAMA_DAFTAR, cetak_kabupaten_buat, cetak_kabupaten_minta
from laporan.models import CetakJob, CetakKabupaten, CetakKabupatenPD, LKjIP
from laporan.pdf import PDFError
from tests.laporan.data_alur import pdf_palsu, simpan_snapshot

pytestmark = pytest.mark.django_db

CETAK = "/evaluasi/33.16/cetak/"


def _masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _isi_zip(c: Client, url: str) -> zipfile.ZipFile:
    r = c.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content)))


def _gagal_bogorejo(html: str, **kw):
    if kw.get("kunci", "").startswith("33.16.15:"):
        raise PDFError("huruf tidak ditemukan")
    return pdf_palsu(html, **kw)


def test_admin_pemda_prints_every_pd_as_one_zip(admin_pemda):
    c = _masuk(admin_pemda)
    halaman = c.get(CETAK).content.decode()
    assert '<option value="2024">2024</option>' in halaman
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu) as cetak:
        r = c.post(CETAK, {"tahun": "2024"})
    assert cetak.call_count == 2  # Randublatung and Bogorejo; not Kesamben (Jombang)
    job = CetakKabupaten.objects.get()
    assert r.status_code == 302 and r["Location"] == f"{CETAK}{job.pk}/"
    assert job.status == CetakKabupaten.Status.SELESAI
    status = c.get(r["Location"]).content.decode()
    assert "2 dari 2 perangkat daerah" in status and "Unduh semua LKjIP (zip)" in status
    k = c.get(f"{CETAK}{job.pk}.json").json()
    assert (k["jumlah"], k["jumlah_selesai"], k["jumlah_gagal"], k["selesai"]) == (2, 2, 0, True)
    assert [p["nama"] for p in k["pd"]] == ["Kecamatan Randublatung", "Kecamatan Bogorejo"]
    r = c.get(k["url_berkas"])
    assert 'filename="LKjIP-2024-Kabupaten-Blora.zip"' in r["Content-Disposition"]
    arsip = _isi_zip(c, k["url_berkas"])
    assert sorted(arsip.namelist()) == [
        NAMA_DAFTAR,
        "LKjIP-2024-33.16.05-Kecamatan-Randublatung-draf.pdf",
        "LKjIP-2024-33.16.15-Kecamatan-Bogorejo-draf.pdf",
    ]
    daftar = arsip.read(NAMA_DAFTAR).decode()
    assert "2 perangkat daerah: 2 berhasil, 0 gagal" in daftar
    assert "1. 33.16.05 Kecamatan Randublatung\n   draf dari data terkini, 3 halaman" in daftar
    # The drafts are the single prints' too: "Unduh draf" answers from them at once.
    assert CetakJob.objects.filter(status=CetakJob.Status.SELESAI).count() == 2


def test_a_failing_pd_is_reported_and_the_rest_go_on(evaluator):
    c = _masuk(evaluator)  # read-only, but may print drafts as on the evaluasi list
    with mock.patch("laporan.pdf.cetak_html", side_effect=_gagal_bogorejo):
        r = c.post(CETAK, {"tahun": "2024"})
    job = CetakKabupaten.objects.get()
    assert job.status == CetakKabupaten.Status.SELESAI
    gagal = job.daftar_pd.get(status=CetakKabupatenPD.Status.GAGAL)
    assert gagal.perangkat_daerah.kode == "33.16.15"
    assert gagal.pesan_galat == "huruf tidak ditemukan"
    status = c.get(r["Location"]).content.decode()
    assert "1</span> perangkat daerah gagal dicetak" in status
    assert "(huruf tidak ditemukan)" in status
    arsip = _isi_zip(c, f"{CETAK}{job.pk}/lkjip.zip")
    assert arsip.namelist() == [
        "LKjIP-2024-33.16.05-Kecamatan-Randublatung-draf.pdf",
        NAMA_DAFTAR,
    ]
    daftar = arsip.read(NAMA_DAFTAR).decode()
    assert "2 perangkat daerah: 1 berhasil, 1 gagal" in daftar
    assert "2. 33.16.15 Kecamatan Bogorejo\n   GAGAL: huruf tidak ditemukan" in daftar


def test_a_signed_year_gives_its_signed_pdf(demo, admin_pemda):
    x = LKjIP.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    isi = b"%PDF-1.7\n% ditetapkan\n%%EOF\n"
    simpan_snapshot(x, versi=1, isi=isi, halaman=41)
    LKjIP.objects.filter(pk=x.pk).update(status=LKjIP.Status.DITETAPKAN)
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu) as cetak:
        job = cetak_kabupaten_minta(demo["a"].pemda, 2024, admin_pemda)
    assert cetak.call_count == 1  # only Bogorejo is printed
    with job.berkas.open("rb") as f, zipfile.ZipFile(f) as arsip:
        assert arsip.read("LKjIP-2024-33.16.05-Kecamatan-Randublatung-ditetapkan-v1.pdf") == isi
        assert "ditetapkan (versi 1), 41 halaman" in arsip.read(NAMA_DAFTAR).decode()


def test_a_signed_pdf_changed_on_disk_is_a_failure(demo, admin_pemda):
    x = LKjIP.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    s = simpan_snapshot(x, versi=1, isi=b"%PDF-1.7\n%%EOF\n", halaman=41)
    LKjIP.objects.filter(pk=x.pk).update(status=LKjIP.Status.DITETAPKAN)
    with open(s.berkas.path, "ab") as f:
        f.write(b"diubah")
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        job = cetak_kabupaten_minta(demo["a"].pemda, 2024, admin_pemda)
    item = job.daftar_pd.get(perangkat_daerah=demo["a"])
    assert item.status == CetakKabupatenPD.Status.GAGAL
    assert "tidak sama dengan SHA-256" in item.pesan_galat


def test_a_pd_without_the_year_fails_alone(demo, admin_pemda):
    LKjIP.objects.filter(perangkat_daerah=demo["b"], tahun=2024).delete()
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        job = cetak_kabupaten_minta(demo["a"].pemda, 2024, admin_pemda)
    item = job.daftar_pd.get(perangkat_daerah=demo["b"])
    assert (item.status, item.pesan_galat) == ("gagal", "belum ada LKjIP tahun 2024")
    assert job.daftar_pd.get(perangkat_daerah=demo["a"]).status == "selesai"


def test_who_may_print(operator_a, kepala_a, evaluator_lain, admin_pemda):
    assert _masuk(operator_a).post(CETAK, {"tahun": "2024"}).status_code == 403
    assert _masuk(kepala_a).get(CETAK).status_code == 403
    assert _masuk(evaluator_lain).get(CETAK).status_code == 404
    r = _masuk(admin_pemda).post(CETAK, {"tahun": "1999"})
    assert r.status_code == 200 and "Pilih salah satu tahun yang tersedia." in r.content.decode()
    assert not CetakKabupaten.objects.exists()


def test_another_pemdas_job_is_not_found(demo, admin_pemda, evaluator_lain):
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        job = cetak_kabupaten_minta(demo["a"].pemda, 2024, admin_pemda)
    lain = _masuk(evaluator_lain)
    assert lain.get(f"{CETAK}{job.pk}.json").status_code == 404
    assert lain.get(f"/evaluasi/35.17/cetak/{job.pk}.json").status_code == 404


def test_with_a_broker_one_task_per_pd_is_sent(
    admin_pemda, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with (
        mock.patch("laporan.tasks.cetak_kabupaten_pd.delay") as delay,
        mock.patch("laporan.pdf.cetak_html") as cetak,
        django_capture_on_commit_callbacks(execute=True),
    ):
        r = _masuk(admin_pemda).post(CETAK, {"tahun": "2024"})
        # Asked again while under way: the same job.
        _masuk(admin_pemda).post(CETAK, {"tahun": "2024"})
    job = CetakKabupaten.objects.get()
    assert r.status_code == 302 and job.status == CetakKabupaten.Status.ANTRE
    assert not cetak.called
    ids = sorted(job.daftar_pd.values_list("pk", flat=True))
    assert sorted(c.args[0] for c in delay.call_args_list) == ids
    k = _masuk(admin_pemda).get(f"{CETAK}{job.pk}.json").json()
    assert k["tahap"] == "0 dari 2 perangkat daerah selesai" and k["url_berkas"] == ""
    assert _masuk(admin_pemda).get(f"{CETAK}{job.pk}/lkjip.zip").status_code == 404


def test_the_last_pd_done_sends_the_zip_once(demo, settings, django_capture_on_commit_callbacks):
    from laporan.cetak_kabupaten import pd_jalankan

    job = cetak_kabupaten_buat(demo["a"].pemda, 2024, None)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    ids = list(job.daftar_pd.values_list("pk", flat=True))
    with (
        mock.patch("laporan.tasks.cetak_kabupaten_zip.delay") as delay,
        mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu),
        mock.patch("laporan.jobs.CeleryPool"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        pd_jalankan(ids[0])
        assert not delay.called
        pd_jalankan(ids[1])
        pd_jalankan(ids[1])  # delivered twice: nothing more
    delay.assert_called_once_with(str(job.pk))
    job.refresh_from_db()
    assert job.status == CetakKabupaten.Status.MENGARSIP


# ----------------------------------------------------------------------- real worker

from tests.laporan.test_cetak_antrean import pekerja  # noqa: E402, F401 (a fixture)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_prints_each_pd_then_the_zip(pekerja, demo, settings):  # noqa: F811
    """The command sends the job to the queue and follows it: the perangkat daerah are
    printed by the worker's threads, not by the command, and the zip is written."""
    import threading

    from django.core.management import call_command

    benang = []

    def cetak(html: str, **kw):
        benang.append(threading.current_thread().name)
        return _gagal_bogorejo(html, **kw)

    out = io.StringIO()
    with (
        mock.patch("laporan.pdf.cetak_html", side_effect=cetak),
        pytest.raises(CommandError) as e,
    ):
        call_command(
            "cetak_kabupaten", pemda="33.16", tahun=2024, keluar=str(settings.MEDIA_ROOT / "k"),
            batas_detik=120, stdout=out, stderr=io.StringIO(),
        )  # fmt: skip
    assert e.value.returncode == 1, str(e.value)
    job = CetakKabupaten.objects.get()
    assert job.status == CetakKabupaten.Status.SELESAI
    assert len(benang) == 2 and threading.main_thread().name not in benang
    assert "2 perangkat daerah, 1 berhasil, 1 gagal" in out.getvalue()
