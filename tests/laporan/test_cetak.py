"""manage.py cetak_lkjip: the draft from the current data, or the latest signed snapshot."""

from __future__ import annotations

import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from laporan.models import LKjIP, SnapshotLKjIP
from tests.laporan.data_alur import simpan_snapshot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _cetak(*args: str) -> str:
    out = StringIO()
    call_command("cetak_lkjip", *args, stdout=out)
    return out.getvalue()


def _snapshot(lkjip: LKjIP, versi: int, isi: bytes) -> SnapshotLKjIP:
    return simpan_snapshot(
        lkjip, versi=versi, isi=isi, halaman=3, kode_isi=f"{versi:064x}", berkas="snapshot.pdf"
    )


@pytest.mark.django_db
def test_it_prints_the_draft(demo, tmp_path):
    keluar = tmp_path / "lkjip.pdf"
    pesan = _cetak("--pd", "33.16.05", "--tahun", "2024", "--keluar", str(keluar))
    pdf = keluar.read_bytes()
    assert pdf.startswith(b"%PDF")
    halaman = int(
        subprocess.run(["pdfinfo", str(keluar)], capture_output=True, text=True, check=True)
        .stdout.split("Pages:")[1]
        .split()[0]
    )
    assert f"ditulis ke {keluar}: {halaman} halaman, " in pesan
    assert " detik (draf, kode isi " in pesan
    teks = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(keluar), "-"], capture_output=True, text=True
    ).stdout
    assert "KECAMATAN RANDUBLATUNG" in teks


@pytest.mark.django_db
def test_it_copies_the_latest_snapshot(demo, tmp_path):
    lkjip = LKjIP.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    _snapshot(lkjip, 1, b"%PDF-1.7 versi satu")
    _snapshot(lkjip, 2, b"%PDF-1.7 versi dua")
    keluar = tmp_path / "ditetapkan.pdf"
    pesan = _cetak("--pd", "33.16.05", "--tahun", "2024", "--keluar", str(keluar), "--snapshot")
    assert keluar.read_bytes() == b"%PDF-1.7 versi dua"
    assert "3 halaman" in pesan
    assert f"snapshot versi 2, kode isi {2:064x}" in pesan


@pytest.mark.django_db
def test_a_changed_snapshot_file_is_refused(demo, tmp_path):
    lkjip = LKjIP.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    s = _snapshot(lkjip, 1, b"%PDF-1.7 asli")
    with open(s.berkas.path, "r+b") as f:
        f.seek(9)
        f.write(b"X")
    keluar = tmp_path / "rusak.pdf"
    with pytest.raises(CommandError, match="tidak sama dengan yang ditetapkan"):
        _cetak("--pd", "33.16.05", "--tahun", "2024", "--keluar", str(keluar), "--snapshot")
    assert not keluar.exists()


@pytest.mark.django_db
def test_without_a_snapshot_it_says_so(demo, tmp_path):
    keluar = tmp_path / "tidak-ada.pdf"
    with pytest.raises(
        CommandError, match="belum ada LKjIP Kecamatan Randublatung tahun 2024 yang ditetapkan"
    ):
        _cetak("--pd", "33.16.05", "--tahun", "2024", "--keluar", str(keluar), "--snapshot")
    assert not keluar.exists()


@pytest.mark.django_db
def test_bad_arguments_give_indonesian_errors(demo, tmp_path):
    with pytest.raises(CommandError, match="perangkat daerah dengan kode '99.99' tidak ditemukan"):
        _cetak("--pd", "99.99", "--tahun", "2024", "--keluar", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="tidak ada data tahun 2019"):
        _cetak("--pd", "33.16.05", "--tahun", "2019", "--keluar", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="direktori .* tidak ada"):
        _cetak("--pd", "33.16.05", "--tahun", "2024", "--keluar", str(tmp_path / "tidak" / "x.pdf"))


def test_command_line_exit_status(tmp_path):
    """From the shell a refusal is a non-zero exit with the message on stderr."""
    hasil = subprocess.run(
        [
            ".venv/bin/python",
            "manage.py",
            "cetak_lkjip",
            "--pd",
            "33.16.05",
            "--tahun",
            "2024",
            "--keluar",
            str(tmp_path / "tidak" / "x.pdf"),
        ],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "uji",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'kosong.sqlite3'}",
        },
        cwd=ROOT,
    )
    assert hasil.returncode != 0
    assert "CommandError: direktori" in hasil.stderr and "tidak ada" in hasil.stderr
