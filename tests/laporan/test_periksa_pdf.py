"""``manage.py periksa_pdf``: the printed text, the exit status, ``--json`` and ``--server``.

The demo draft of Kecamatan Randublatung 2024 is printed twice per module, in a
transaction that is rolled back: as it is, and after the annual realisasi of
IKT-1 was changed from 88 to 80 in the database. The second print carrying the
first one's embedded files is a document whose printed text disagrees with an
intact package.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import urllib.error
import urllib.parse
from io import BytesIO, StringIO
from pathlib import Path
from unittest import mock

import pikepdf
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from interchange.demo import muat_narasi_demo
from kinerja.models import PerangkatDaerah, Realisasi
from laporan.dokumen import susun_dokumen
from laporan.pdf import Stempel, buat_pdf, kode_isi
from tests.laporan.data_alur import lkjip, simpan_snapshot, ubah_paket_pdf

ROOT = Path(__file__).resolve().parents[2]
PAKET = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
NARASI = ROOT / "fixtures" / "narasi" / "randublatung-2024.json"
TABEL_RINGKASAN = 'Tabel "Capaian Indikator Tujuan dan Sasaran Tahun 2024", baris 1'

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def cetak(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("periksa")
    with django_db_blocker.unblock(), transaction.atomic():
        nama = str(connection.settings_dict["NAME"])
        assert "test" in nama or "memory" in nama, nama
        call_command("impor_paket", *PAKET, stdout=StringIO())
        pd = PerangkatDaerah.objects.get(kode="33.16.05")
        muat_narasi_demo(pd, 2024, NARASI)
        asli = buat_pdf(pd, 2024).pdf
        r = Realisasi.objects.get(
            indikator__kode="IKT-1", indikator__renstra__perangkat_daerah=pd, tahun=2024, triwulan=4
        )
        assert r.nilai == 88
        r.nilai = 80
        r.save()
        lain = buat_pdf(pd, 2024).pdf
        r.nilai = 88
        r.save()
        kode = kode_isi(susun_dokumen(pd, 2024))
        ditetapkan = buat_pdf(
            pd,
            2024,
            stempel=Stempel(
                kode_isi=kode,
                url_verifikasi=f"https://lkjip.example.go.id/verifikasi/{kode}/",
                versi=1,
                keterangan="Ditetapkan 14 April 2025 oleh Drs. Sutrisno Wibowo, M.Si, Camat Randublatung",
            ),
        ).pdf
        transaction.set_rollback(True)
    berkas = {
        "asli": tmp / "asli.pdf",
        "cetak_lain": tmp / "cetak-lain.pdf",
        "ditetapkan": tmp / "ditetapkan.pdf",
    }
    berkas["asli"].write_bytes(asli)
    berkas["ditetapkan"].write_bytes(ditetapkan)
    # The altered print with the original's package and figures.
    with pikepdf.open(BytesIO(asli)) as a, pikepdf.open(BytesIO(lain)) as b:
        for nama, hubungan in (
            ("paket.json", pikepdf.Name.Data),
            ("hitung.json", pikepdf.Name.Supplement),
        ):
            b.attachments[nama] = pikepdf.AttachedFileSpec(
                b,
                a.attachments[nama].get_file().read_bytes(),
                filename=nama,
                mime_type="application/json",
                relationship=hubungan,
            )
        b.save(berkas["cetak_lain"])
    return berkas


def _periksa(path: Path, *args: str) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("periksa_pdf", str(path), *args, stdout=out, stderr=StringIO())
    except CommandError as e:
        return out.getvalue(), e.returncode
    return out.getvalue(), 0


def _baris_cetak(out: str) -> list[str]:
    bagian = out.split("angka tidak tercetak sebagaimana mestinya:", 1)
    return [b for b in bagian[1].splitlines() if b.startswith("  ")] if len(bagian) == 2 else []


# --------------------------------------------------------------------------- the printed text


def test_the_printed_demo_agrees_with_its_package_and_its_text(cetak):
    out, kode = _periksa(cetak["asli"])
    assert kode == 0, out
    assert "SESUAI: angka tersemat dan teks yang tercetak sama" in out
    assert "TIDAK SESUAI" not in out
    # 4 tujuan/sasaran indicators (2 summary tables and a section each), 6 program
    # indicators, the average capaian and the three totals.
    assert "36 angka utama dicari pada teks yang tercetak." in out


def test_the_signed_print_with_its_stamp_agrees(cetak):
    out, kode = _periksa(cetak["ditetapkan"])
    assert kode == 0, out
    assert "SESUAI: angka tersemat dan teks yang tercetak sama" in out
    assert "36 angka utama dicari pada teks yang tercetak." in out


def test_an_altered_package_names_the_indicator_its_figures_and_where(cetak, tmp_path):
    ubah = tmp_path / "paket-diubah.pdf"
    ubah_paket_pdf(cetak["asli"], ubah, "IKT-1", 50)
    out, kode = _periksa(ubah)
    assert kode == 1
    assert "TIDAK SESUAI" in out
    cetak_baris = _baris_cetak(out)
    ikm = "indikator IKT-1 (Indeks Kepuasan Masyarakat (IKM) di Kecamatan)"
    assert any(
        re.match(
            rf"  {re.escape(ikm)} — capaian: dihitung ulang 58,14%, tidak tercetak di "
            rf"{re.escape(TABEL_RINGKASAN)}, halaman \d+ ",
            b,
        )
        and "102,33%" in b
        for b in cetak_baris
    ), out
    assert any(b.startswith(f"  {ikm} — realisasi: dihitung ulang 50, ") for b in cetak_baris)
    assert any(
        'bagian "Indikator: Indeks Kepuasan Masyarakat (IKM) di Kecamatan" pada BAB III' in b
        for b in cetak_baris
    )
    assert any(
        "rata-rata capaian IKU" in b and "Rata-rata capaian 4 IKU adalah 89,65%" in b
        for b in cetak_baris
    )
    # Only the altered indicator and what depends on it.
    assert not any("IKS-" in b or "IKP-" in b or "anggaran" in b for b in cetak_baris), out


def test_a_print_that_differs_from_its_intact_package_is_reported(cetak):
    out, kode = _periksa(cetak["cetak_lain"])
    assert kode == 1, out
    # The package and its figures agree with each other ...
    assert "nilai tersemat berbeda" not in out
    # ... but the pages print the altered database's figures.
    baris = _baris_cetak(out)
    ikm = "indikator IKT-1 (Indeks Kepuasan Masyarakat (IKM) di Kecamatan)"
    assert any(
        b.startswith(
            f"  {ikm} — capaian: dihitung ulang 102,33%, tidak tercetak di {TABEL_RINGKASAN}"
        )
        and "93,02%" in b
        for b in baris
    ), out
    assert any(b.startswith(f"  {ikm} — realisasi: dihitung ulang 88, ") for b in baris)
    assert any(
        'Tabel "Hasil Pengukuran Pencapaian Tujuan dan Sasaran Tahun 2024"' in b for b in baris
    )


def test_json_output_for_machines(cetak):
    out, kode = _periksa(cetak["cetak_lain"], "--json")
    assert kode == 1
    data = json.loads(out)
    assert data["hasil"] == "tidak-sesuai" and data["kode_keluar"] == 1
    assert data["sha256"] == hashlib.sha256(cetak["cetak_lain"].read_bytes()).hexdigest()
    assert data["perangkat_daerah"] == "33.16.05" and data["tahun"] == 2024
    assert data["selisih_tersemat"] == []
    pertama = data["selisih_tercetak"][0]
    assert pertama["kode"] == "IKT-1" and pertama["apa"] == "capaian"
    assert pertama["dihitung"] == "102,33%" and pertama["halaman"].isdigit()
    assert data["server"] is None

    out, kode = _periksa(cetak["asli"], "--json")
    data = json.loads(out)
    assert kode == 0 and data["hasil"] == "sesuai" and data["selisih_tercetak"] == []


def test_a_pdf_without_package_cannot_be_checked(cetak, tmp_path):
    polos = tmp_path / "polos.pdf"
    with pikepdf.open(cetak["asli"]) as pdf:
        for nama in list(pdf.attachments):
            del pdf.attachments[nama]
        pdf.save(polos)
    out, kode = _periksa(polos)
    assert kode == 2
    assert "TIDAK DAPAT DIPERIKSA: PDF ini tidak memuat berkas tersemat" in out
    data = json.loads(_periksa(polos, "--json")[0])
    assert data["hasil"] == "tidak-dapat-diperiksa" and "tidak memuat" in data["galat"]


def test_without_pdftotext_it_says_so_and_cannot_check(cetak):
    with mock.patch("laporan.periksa_teks.shutil.which", return_value=None):
        out, kode = _periksa(cetak["asli"])
    assert kode == 2
    assert "pdftotext (paket poppler-utils) tidak terpasang" in out


def test_a_missing_file_cannot_be_checked(tmp_path):
    out, kode = _periksa(tmp_path / "tidak-ada.pdf", "--json")
    assert kode == 2
    data = json.loads(out)
    assert data["hasil"] == "tidak-dapat-diperiksa" and data["sha256"] is None
    assert "tidak dapat dibaca" in data["galat"]


def test_not_a_pdf_cannot_be_checked(tmp_path):
    bukan = tmp_path / "bukan.pdf"
    bukan.write_bytes(b"bukan PDF")
    out, kode = _periksa(bukan)
    assert kode == 2 and "tidak dapat dibaca sebagai PDF" in out


# --------------------------------------------------------------------------- the server


class _Jawaban(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _lewat_client(minta, timeout):
    """urllib's urlopen answered by the application itself (the Django test client)."""
    assert timeout > 0
    alamat = urllib.parse.urlsplit(minta.full_url)
    assert (alamat.scheme, alamat.netloc) == ("https", "lkjip.example.go.id")
    r = Client().get(alamat.path, HTTP_ACCEPT=minta.get_header("Accept"))
    if r.status_code >= 400:
        raise urllib.error.HTTPError(minta.full_url, r.status_code, "", {}, io.BytesIO(r.content))
    return _Jawaban(r.content)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_server_says_a_signed_file_is_registered(cetak, media, demo):
    x = lkjip(demo["a"])
    x.status = "ditetapkan"
    x.save()
    simpan_snapshot(
        x,
        versi=1,
        isi=cetak["asli"].read_bytes(),
        halaman=40,
        ditetapkan_pada=timezone.make_aware(timezone.datetime(2025, 4, 14, 10, 32)),
    )
    with mock.patch("laporan.periksa_pdf.urllib.request.urlopen", _lewat_client):
        out, kode = _periksa(cetak["asli"], "--server", "https://lkjip.example.go.id/")
    assert kode == 0
    assert (
        "Server (https://lkjip.example.go.id/verifikasi/"
        f"{hashlib.sha256(cetak['asli'].read_bytes()).hexdigest()}.json): terdaftar di server: "
        "LKjIP Kecamatan Randublatung tahun 2024 versi 1, masih berlaku"
    ) in out


def test_server_says_a_draft_is_not_a_signed_document(cetak, demo, settings):
    settings.LKJIP_URL_PUBLIK = "https://lkjip.example.go.id"  # the default of --server
    with mock.patch("laporan.periksa_pdf.urllib.request.urlopen", _lewat_client):
        out, kode = _periksa(cetak["asli"], "--json")
    assert kode == 0  # the local result decides
    server = json.loads(out)["server"]
    assert server["keadaan"] == "tidak-terdaftar"
    assert server["pesan"].startswith("bukan dokumen yang ditetapkan")


@pytest.mark.parametrize(
    "galat",
    [urllib.error.URLError("Name or service not known"), TimeoutError("timed out")],
)
def test_unreachable_server_is_said_and_the_local_result_decides(cetak, galat):
    with mock.patch("laporan.periksa_pdf.urllib.request.urlopen", side_effect=galat):
        out, kode = _periksa(cetak["asli"], "--server", "https://lkjip.example.go.id")
        assert kode == 0
        assert "server tidak dapat dihubungi" in out and "SESUAI" in out
        out, kode = _periksa(cetak["cetak_lain"], "--server", "https://lkjip.example.go.id")
        assert kode == 1 and "server tidak dapat dihubungi" in out


def test_a_server_address_that_is_not_http_is_refused(cetak):
    out, kode = _periksa(cetak["asli"], "--server", "file:///etc/passwd")
    assert kode == 2
