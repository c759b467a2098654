"""The LHE PDF of a final evaluation: printed once in the LKjIP's archival form, its
SHA-256 stored, recognised by the public verification page; who may download it."""

from __future__ import annotations

import hashlib
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from laporan.cetak_arsip import lampiran
from laporan.models import SnapshotLHE
from tests.evaluasi.test_rekomendasi import final_dengan_rekomendasi

pytestmark = pytest.mark.django_db

URL = "/pd/33.16.05/2023/lke/lhe.pdf"


def _isi(r) -> bytes:
    return b"".join(r.streaming_content)


def test_lhe_pdf_downloads_prints_and_verifies(
    client, demo, operator_a, kepala_a, evaluator, admin_pemda, operator_b, pengendali
):
    e = final_dengan_rekomendasi(demo["a"], operator_a, evaluator, pengendali)
    client.force_login(operator_b)
    assert client.get(URL).status_code == 404
    client.force_login(operator_a)
    r = client.get(URL)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pdf = _isi(r)
    (s,) = SnapshotLHE.objects.filter(evaluasi_id=e.pk)
    assert s.sha256 == hashlib.sha256(pdf).hexdigest() and s.predikat == e.predikat
    teks = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "LAPORAN HASIL EVALUASI" in teks and "Randublatung" in teks
    assert "Perencanaan Kinerja" in teks and "Pelaporan Kinerja" in teks
    assert f"predikat {e.predikat}" in teks
    assert "Menyusun SOP pengukuran kinerja" in teks
    assert s.kode_isi in teks.replace("\n", "")  # the stamp on the page
    assert set(lampiran(pdf)) == {"paket.json", "hitung.json"}
    # Printed once: the others download the same file.
    for u in (kepala_a, evaluator, admin_pemda, pengendali):
        client.force_login(u)
        assert _isi(client.get(URL)) == pdf
    assert SnapshotLHE.objects.count() == 1
    # The public verification page recognises it (no login).
    client.logout()
    html = client.get(f"/verifikasi/{s.kode_isi}/").content.decode()
    assert "Verifikasi dokumen LHE" in html and e.predikat in html
    r = client.post(
        f"/verifikasi/{s.kode_isi}/",
        {"berkas": SimpleUploadedFile("lhe.pdf", pdf, "application/pdf")},
    )
    assert "Berkas COCOK" in r.content.decode()
    r = client.post(
        f"/verifikasi/{s.kode_isi}/",
        {"berkas": SimpleUploadedFile("lhe.pdf", pdf + b" ", "application/pdf")},
    )
    assert "TIDAK COCOK" in r.content.decode()
    j = client.get(f"/verifikasi/{s.sha256}.json").json()
    assert j["terdaftar"] and j["jenis"] == "LHE" and j["tahun"] == 2023


def test_no_lhe_before_final(client, demo, evaluator):
    from evaluasi.services.evaluasi import evaluasi_buat

    evaluasi_buat(pd=demo["a"], tahun=2023, pengguna=evaluator)
    client.force_login(evaluator)
    assert client.get(URL).status_code == 404
    assert not SnapshotLHE.objects.exists()
