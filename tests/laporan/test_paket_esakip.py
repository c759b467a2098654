"""The e-SAKIP Reviu pack (interchange.paket_esakip and its command)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command

from interchange import paket_esakip as pe


def _berkas() -> list[pe.Berkas]:
    return [
        pe.Berkas("pk", "PK.pdf", b"%PDF pk", "uji"),
        pe.Berkas("lkjip", "DRAF-LKjIP.pdf", b"%PDF lkjip", "uji"),
    ]


def test_manifest_matches_files_and_folders():
    zf = zipfile.ZipFile(io.BytesIO(pe.rakit_zip(_berkas())))
    data = json.loads(zf.read("MANIFEST.json"))
    assert [b["path"] for b in data["berkas"]] == ["03_PK/PK.pdf", "05_LKjIP/DRAF-LKjIP.pdf"]
    for b in data["berkas"]:
        isi = zf.read(b["path"])
        assert hashlib.sha256(isi).hexdigest() == b["sha256"]
        assert len(isi) == b["ukuran"]


def test_duplicate_paths_refused():
    with pytest.raises(ValueError):
        pe.rakit_zip(_berkas() + [_berkas()[0]])


def test_registered_lhe_provider_is_included(monkeypatch):
    monkeypatch.setattr(pe, "_PENYEDIA_LHE", [])
    pe.daftar_lhe(lambda pd, tahun: None)
    assert pe._lhe(object(), 2024) is None
    pe.daftar_lhe(lambda pd, tahun: (b"%PDF lhe", "LHE-2024.pdf"))
    assert pe._lhe(object(), 2024).path == "06_LHE/LHE-2024.pdf"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext tidak ada")
def test_demo_pack_randublatung(demo, tmp_path):
    keluar = tmp_path / "paket.zip"
    call_command(
        "paket_esakip",
        "--pd",
        "33.16.05",
        "--tahun",
        "2024",
        "--keluar",
        str(keluar),
        stdout=StringIO(),
    )
    zf = zipfile.ZipFile(keluar)
    data = json.loads(zf.read("MANIFEST.json"))
    folders = {b["path"].split("/")[0] for b in data["berkas"]}
    assert {"01_Renstra", "02_IKU", "03_PK", "04_Rencana_Aksi", "05_LKjIP"} <= folders
    assert any(b["path"].startswith("05_LKjIP/DRAF-") for b in data["berkas"])
    for b in data["berkas"]:
        isi = zf.read(b["path"])
        assert hashlib.sha256(isi).hexdigest() == b["sha256"]
        pdf = tmp_path / "x.pdf"
        pdf.write_bytes(isi)
        teks = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Randublatung" in teks


def test_iku_table_keeps_only_iku_rows():
    from lib.rows import Column, Row, Table

    t = Table(
        "Indikator Renstra",
        [Column("Kode"), Column("IKU")],
        [Row(["1", "Ya"]), Row(["2", "Tidak"])],
    )
    assert [r.values[0] for r in pe.tabel_iku(t).rows] == ["1"]


@pytest.mark.django_db
def test_the_lhe_of_a_final_evaluation_goes_in_the_pack(demo, evaluator, operator_a):
    import hashlib

    from evaluasi.services import evaluasi as svc
    from evaluasi.services.template import template_bawaan_muat
    from interchange.paket_esakip import lhe_final
    from laporan.models import SnapshotLHE
    from tests.conftest import _pengguna
    from tests.evaluasi.test_alur import _jawab_semua, _nilai_semua

    pd = demo["a"]
    assert lhe_final(pd, 2024) is None  # no evaluation yet
    pengendali = _pengguna("pengendali", "pengendali_teknis", pemda=pd.pemda)
    template_bawaan_muat(pd.pemda)
    e = svc.evaluasi_buat(pd=pd, tahun=2024, pengguna=evaluator)
    _jawab_semua(e, operator_a)
    svc.evaluasi_ajukan(evaluasi=e, pengguna=operator_a)
    _nilai_semua(e, evaluator, "B")
    svc.evaluasi_kirim(evaluasi=e, pengguna=evaluator)
    assert lhe_final(pd, 2024) is None  # not final yet
    svc.evaluasi_setujui(evaluasi=e, pengguna=pengendali)
    pdf, nama = lhe_final(pd, 2024)
    assert nama == "LHE-2024-Kecamatan-Randublatung.pdf" and pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == SnapshotLHE.objects.get(evaluasi_id=e.pk).sha256
