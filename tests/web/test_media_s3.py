"""Media on S3-compatible storage (``LKJIP_S3_BUCKET``, django-storages): evidence and
printed PDFs go to the bucket, never to MEDIA_ROOT, and come back only through the
access-checked views. The bucket is moto's in-process S3."""

from __future__ import annotations

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from moto import mock_aws

from kinerja.models import BuktiDukung, Indikator
from laporan.models import CetakJob
from tests.laporan.data_alur import EDITOR, pdf_palsu

pytestmark = pytest.mark.django_db

BUCKET = "lkjip-uji"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def s3(settings, tmp_path, monkeypatch):
    """An S3 bucket behind Django's default storage, configured as settings.py does."""
    for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(k, "uji")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    settings.MEDIA_ROOT = tmp_path
    with mock_aws():
        klien = boto3.client("s3", region_name="us-east-1")
        klien.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "location": "kabupaten",
                    "default_acl": "private",
                    "file_overwrite": False,
                },
            },
        }
        yield klien


def _kunci(klien) -> list[str]:
    return sorted(o["Key"] for o in klien.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def _masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_evidence_lives_in_the_bucket_and_only_comes_back_through_the_view(
    s3, tmp_path, operator_a, operator_b, django_capture_on_commit_callbacks
):
    ind = Indikator.objects.get(renstra__perangkat_daerah__kode="33.16.05", kode="IKS-1")
    c = _masuk(operator_a)
    r = c.post(
        f"/pd/33.16.05/2024/realisasi/1/bukti/{ind.pk}/",
        {"berkas": SimpleUploadedFile("SOP.pdf", PDF, content_type="application/pdf")},
    )
    assert r.status_code == 302
    bukti = BuktiDukung.objects.get()
    assert _kunci(s3) == [f"kabupaten/{bukti.berkas.name}"]
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    tersimpan = s3.get_object(Bucket=BUCKET, Key=f"kabupaten/{bukti.berkas.name}")
    assert tersimpan["Body"].read() == PDF
    # Private: no public-read grant on the object.
    hibah = s3.get_object_acl(Bucket=BUCKET, Key=f"kabupaten/{bukti.berkas.name}")["Grants"]
    assert not [g for g in hibah if "AllUsers" in g["Grantee"].get("URI", "")]

    unduh = c.get(f"/pd/33.16.05/2024/bukti/{bukti.pk}/")
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == PDF
    assert _masuk(operator_b).get(f"/pd/33.16.05/2024/bukti/{bukti.pk}/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(f"/pd/33.16.05/2024/bukti/{bukti.pk}/hapus/").status_code == 302
    assert _kunci(s3) == []


def test_a_printed_draft_is_kept_in_the_bucket(s3, tmp_path, operator_a):
    from unittest import mock

    c = _masuk(operator_a)
    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        r = c.get(EDITOR + "draf.pdf")
    assert r.status_code == 200
    job = CetakJob.objects.get()
    assert _kunci(s3) == [f"kabupaten/{job.berkas.name}"]
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    # Asked again with the same data: the file in the bucket is reused, not printed again.
    with mock.patch("laporan.pdf.cetak_html", side_effect=AssertionError("dicetak ulang")):
        lagi = c.get(EDITOR + "draf.pdf")
    assert lagi.status_code == 200 and lagi.content == r.content
