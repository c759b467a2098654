"""The Inspektorat's list of every perangkat daerah of the pemda, signed PDFs and evidence zips."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.models import PerangkatDaerah
from laporan.models import LKjIP, SnapshotLKjIP
from tests.laporan.data_alur import lkjip, simpan_snapshot, tambah_bukti

DAFTAR = "/evaluasi/33.16/"
ZIP_A = "/evaluasi/33.16/33.16.05/2024/bukti.zip"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _snapshot(pd, versi: int, isi: bytes) -> SnapshotLKjIP:
    x = lkjip(pd)
    x.status = "ditetapkan"
    x.save()
    return simpan_snapshot(
        x,
        versi=versi,
        isi=isi,
        halaman=40,
        ditetapkan_pada=timezone.make_aware(timezone.datetime(2025, 4, 14, 10, 32)),
        berkas="x.pdf",
    )


def _baris(html: str, nama_pd: str) -> str:
    awal = html.index(nama_pd)
    return html[awal : html.index("</tbody>", awal)]


# --------------------------------------------------------------------------- the list


@pytest.mark.parametrize("pengguna", ["evaluator", "admin_pemda"])
def test_list_shows_every_kecamatan_of_the_pemda(client, request, pengguna, demo):
    _snapshot(demo["a"], 1, b"%PDF-1 v1")
    s2 = _snapshot(demo["a"], 2, b"%PDF-1 v2")
    client.force_login(request.getfixturevalue(pengguna))
    r = client.get(DAFTAR)
    assert r.status_code == 200
    html = r.content.decode()
    assert "LKjIP perangkat daerah Kabupaten Blora" in html
    assert "1 dari 2 LKjIP sudah ditetapkan." in html
    a = _baris(html, "Kecamatan Randublatung")
    assert "Ditetapkan" in a
    assert "Versi 2, 14 April 2025 pukul 10.32" in a and "2 versi" in a
    assert 'href="/pd/33.16.05/2024/lkjip/snapshot/2.pdf">Unduh PDF versi 2</a>' in a
    assert f'href="/verifikasi/{s2.kode_isi}/"' in a
    b = _baris(html, "Kecamatan Bogorejo")
    assert "Draf" in b and "belum ditetapkan" in b
    assert 'href="/pd/33.16.15/2024/lkjip/draf.pdf">Draf PDF</a>' in b
    # Kesamben belongs to Jombang.
    assert "Kesamben" not in html


def test_list_links_the_evidence_zip(client, evaluator, demo):
    tambah_bukti(demo["a"], "IKT-1")
    tambah_bukti(demo["a"], "IKT-2")
    client.force_login(evaluator)
    a = _baris(client.get(DAFTAR).content.decode(), "Kecamatan Randublatung")
    assert f'href="{ZIP_A}">Unduh 2 berkas (zip)</a>' in a
    b = _baris(client.get(DAFTAR).content.decode(), "Kecamatan Bogorejo")
    assert "bukti.zip" not in b


@pytest.mark.parametrize("pengguna", ["operator_a", "kepala_a", "operator_b"])
def test_list_is_forbidden_to_kecamatan_users(client, request, pengguna):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.get(DAFTAR).status_code == 403


def test_list_of_another_pemda_is_404(client, evaluator, evaluator_lain):
    client.force_login(evaluator_lain)
    assert client.get(DAFTAR).status_code == 404
    client.force_login(evaluator)
    assert client.get("/evaluasi/35.17/").status_code == 404


def test_list_anonymous_goes_to_login(client, demo):
    r = client.get(DAFTAR)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_list_query_count_does_not_grow(client, evaluator, demo):
    client.force_login(evaluator)
    with CaptureQueriesContext(connection) as q1:
        client.get(DAFTAR)
    for i in range(5):
        pd = PerangkatDaerah.objects.create(
            pemda=demo["a"].pemda, kode=f"33.16.9{i}", nama=f"Kecamatan Uji {i}"
        )
        for tahun in (2023, 2024):
            LKjIP.objects.create(perangkat_daerah=pd, tahun=tahun)
    _snapshot(demo["a"], 1, b"%PDF v1")
    with CaptureQueriesContext(connection) as q2:
        html = client.get(DAFTAR).content.decode()
    assert "Kecamatan Uji 4" in html
    assert len(q2) == len(q1)


# --------------------------------------------------------------------------- the zip


def _zip(r) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content)))


def test_zip_holds_the_evidence_files_by_indicator_and_quarter(client, evaluator, demo):
    pd = demo["a"]
    satu = tambah_bukti(pd, "IKT-1", nama="Rekap SKM TW IV.pdf", isi=b"%PDF-1.4 satu")
    tambah_bukti(pd, "IKT-2", nama="LHE AKIP.pdf", isi=b"%PDF-1.4 dua")
    tambah_bukti(pd, "IKT-2", nama="LHE AKIP.pdf", isi=b"%PDF-1.4 tiga")
    client.force_login(evaluator)
    r = client.get(ZIP_A)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/zip"
    assert 'filename="bukti-dukung-Kecamatan-Randublatung-2024.zip"' in r["Content-Disposition"]
    assert r.streaming
    arsip = _zip(r)
    assert arsip.namelist() == [
        "IKT-1_TW4_Rekap SKM TW IV.pdf",
        "IKT-2_TW4_LHE AKIP.pdf",
        "IKT-2_TW4_LHE AKIP (2).pdf",
    ]
    assert arsip.read("IKT-1_TW4_Rekap SKM TW IV.pdf") == b"%PDF-1.4 satu"
    assert arsip.read("IKT-2_TW4_LHE AKIP (2).pdf") == b"%PDF-1.4 tiga"
    assert arsip.testzip() is None
    assert satu.berkas.name.startswith("bukti/2024/")


def test_zip_notes_missing_files(client, evaluator, demo):
    b = tambah_bukti(demo["a"], "IKT-1", nama="hilang.pdf")
    b.berkas.storage.delete(b.berkas.name)
    client.force_login(evaluator)
    arsip = _zip(client.get(ZIP_A))
    assert arsip.namelist() == ["BERKAS_TIDAK_DITEMUKAN.txt"]
    assert "IKT-1_TW4_hilang.pdf" in arsip.read("BERKAS_TIDAK_DITEMUKAN.txt").decode()


def test_zip_without_evidence(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    arsip = _zip(client.get(ZIP_A))
    assert arsip.namelist() == ["TIDAK_ADA_BUKTI.txt"]


def test_zip_of_a_kecamatan_of_another_pemda_is_404(client, evaluator, demo):
    client.force_login(evaluator)
    assert client.get("/evaluasi/33.16/35.17.12/2024/bukti.zip").status_code == 404
    assert client.get("/evaluasi/35.17/35.17.12/2024/bukti.zip").status_code == 404


@pytest.mark.parametrize("pengguna", ["operator_a", "kepala_a"])
def test_zip_is_forbidden_to_kecamatan_users(client, request, pengguna):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.get(ZIP_A).status_code == 403


def test_zip_rejects_post(client, evaluator):
    client.force_login(evaluator)
    assert client.post(ZIP_A).status_code == 405


def test_the_zip_is_made_once_for_the_same_files_and_again_after_a_change(client, evaluator, demo):
    from unittest import mock

    from laporan.models import CetakJob

    tambah_bukti(demo["a"], "IKT-1", nama="satu.pdf", isi=b"%PDF-1.4 satu")
    client.force_login(evaluator)
    assert _zip(client.get(ZIP_A)).namelist() == ["IKT-1_TW4_satu.pdf"]
    with mock.patch("laporan.services.bukti_zip.zip_bukti", side_effect=AssertionError):
        assert _zip(client.get(ZIP_A)).namelist() == ["IKT-1_TW4_satu.pdf"]
    tambah_bukti(demo["a"], "IKT-2", nama="dua.pdf", isi=b"%PDF-1.4 dua")
    assert len(_zip(client.get(ZIP_A)).namelist()) == 2
    assert CetakJob.objects.filter(jenis=CetakJob.Jenis.BUKTI).count() == 2


def test_with_a_broker_the_request_only_queues_the_zip(
    client, evaluator, demo, settings, django_capture_on_commit_callbacks
):
    from unittest import mock

    from laporan.models import CetakJob

    settings.CELERY_TASK_ALWAYS_EAGER = False
    tambah_bukti(demo["a"], "IKT-1", nama="satu.pdf", isi=b"%PDF-1.4 satu")
    client.force_login(evaluator)
    with (
        mock.patch("laporan.tasks.buat_bukti_zip.delay") as delay,
        mock.patch("laporan.services.bukti_zip.zip_bukti") as tulis,
        django_capture_on_commit_callbacks(execute=True),
    ):
        r = client.get(ZIP_A)
    job = CetakJob.objects.get(jenis=CetakJob.Jenis.BUKTI)
    assert r.status_code == 302 and r["Location"].endswith(f"/lkjip/cetak/{job.pk}/")
    assert not tulis.called
    delay.assert_called_once_with(str(job.pk))
    halaman = client.get(r["Location"]).content.decode()
    assert "Arsip bukti dukung LKjIP tahun 2024" in halaman
    from laporan.jobs import bukti_jalankan

    bukti_jalankan(str(job.pk))
    k = client.get(r["Location"].rstrip("/") + ".json").json()
    assert k["selesai"] and k["url_berkas"].endswith(f"/cetak/{job.pk}/berkas")
    assert _zip(client.get(k["url_berkas"])).namelist() == ["IKT-1_TW4_satu.pdf"]
