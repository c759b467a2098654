"""The archival LKjIP PDF (PDF/A-3b parts checked with pikepdf) and ``manage.py periksa_pdf``.

A demo draft (Kecamatan Randublatung 2024) is printed once per module as the
application prints it (``buat_pdf``), in a transaction that is rolled back.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from io import BytesIO, StringIO
from pathlib import Path

import pikepdf
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from interchange.demo import muat_narasi_demo
from kinerja.models import PerangkatDaerah
from laporan.pdf import buat_pdf
from tests.laporan.data_alur import ubah_paket_pdf

ROOT = Path(__file__).resolve().parents[2]
PAKET = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
NARASI = ROOT / "fixtures" / "narasi" / "randublatung-2024.json"

# The test database exists only when a test is marked django_db (the fixture writes to it).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def draf(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("arsip")
    with django_db_blocker.unblock(), transaction.atomic():
        nama = str(connection.settings_dict["NAME"])
        assert "test" in nama or "memory" in nama, nama
        call_command("impor_paket", *PAKET, stdout=StringIO())
        pd = PerangkatDaerah.objects.get(kode="33.16.05")
        muat_narasi_demo(pd, 2024, NARASI)
        hasil = buat_pdf(pd, 2024)
        transaction.set_rollback(True)
    berkas = tmp / "draf.pdf"
    berkas.write_bytes(hasil.pdf)
    return berkas


def _periksa(path: Path) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("periksa_pdf", str(path), stdout=out)
    except CommandError as e:
        return out.getvalue(), e
    return out.getvalue(), None


def test_page_labels_are_roman_for_the_front_matter_then_arabic_from_bab_i(draf):
    with pikepdf.open(draf) as pdf:
        labels = [pikepdf.Page(p).label for p in pdf.pages]
    awal = labels.index("1")
    assert awal > 0
    assert labels[:3] == ["i", "ii", "iii"]
    assert labels[awal:] == [str(i) for i in range(1, len(labels) - awal + 1)]
    # The first page labelled 1 is BAB I, with the printed number 1.
    teks = subprocess.run(
        ["pdftotext", "-f", str(awal + 1), "-l", str(awal + 1), "-layout", str(draf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "BAB I\n" in teks and teks.rstrip().endswith("1")


def test_metadata_language_and_pdfa_identification(draf):
    with pikepdf.open(draf) as pdf:
        assert str(pdf.Root.Lang) == "id-ID"
        assert str(pdf.docinfo.Title) == "LKjIP Kecamatan Randublatung Tahun 2024"
        assert str(pdf.docinfo.Author) == "Kecamatan Randublatung"
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "LKjIP Kecamatan Randublatung Tahun 2024"
        assert "/Metadata" in pdf.Root


def test_output_intent_carries_an_srgb_icc_profile(draf):
    with pikepdf.open(draf) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profil = intent.DestOutputProfile
        assert int(profil.N) == 3
        icc = profil.read_bytes()
        assert icc[36:40] == b"acsp"  # the ICC profile signature
        assert icc[16:20] == b"RGB "


def test_embedded_paket_and_hitung_with_their_relationship(draf):
    with pikepdf.open(draf) as pdf:
        berkas = pdf.attachments
        assert set(berkas) == {"paket.json", "hitung.json"}
        assert berkas["paket.json"].relationship == pikepdf.Name.Data
        assert berkas["hitung.json"].relationship == pikepdf.Name.Supplement
        for nama in berkas:
            assert berkas[nama].get_file().mime_type == "application/json"
        assert [str(f.F) for f in pdf.Root.AF] == ["paket.json", "hitung.json"]
        paket = json.loads(berkas["paket.json"].get_file().read_bytes())
        hitung = json.loads(berkas["hitung.json"].get_file().read_bytes())
    assert paket["perangkat_daerah"]["kode"] == "33.16.05"
    assert hitung["perangkat_daerah"] == "33.16.05" and hitung["tahun"] == 2024


def test_periksa_pdf_agrees_on_the_printed_draft(draf):
    out, gagal = _periksa(draf)
    assert gagal is None, out
    assert "SESUAI" in out and "TIDAK SESUAI" not in out
    assert f"SHA-256: {hashlib.sha256(draf.read_bytes()).hexdigest()}" in out


def test_periksa_pdf_names_the_figures_of_an_altered_package(draf, tmp_path):
    ubah = tmp_path / "diubah.pdf"
    ubah_paket_pdf(draf, ubah, "IKT-1", 50)
    out, gagal = _periksa(ubah)
    assert gagal is not None
    assert "TIDAK SESUAI" in out
    baris = [b for b in out.splitlines() if b.startswith("  indikator IKT-1 — ")]
    apa = {b.split(" — ")[1].split(":")[0] for b in baris}
    assert {"realisasi", "capaian"} <= apa
    assert any("tercetak 88, dihitung ulang 50" in b for b in baris), out
    # Only the altered indicator and what depends on it.
    assert not any(b.startswith("  indikator IKS-2 ") for b in out.splitlines())


def test_periksa_pdf_refuses_a_pdf_without_the_embedded_files(draf, tmp_path):
    polos = tmp_path / "polos.pdf"
    with pikepdf.open(draf) as pdf:
        for nama in list(pdf.attachments):
            del pdf.attachments[nama]
        out = BytesIO()
        pdf.save(out)
    polos.write_bytes(out.getvalue())
    keluaran, gagal = _periksa(polos)
    assert gagal is not None and "tidak memuat berkas tersemat" in str(gagal)
    assert "SHA-256:" in keluaran
