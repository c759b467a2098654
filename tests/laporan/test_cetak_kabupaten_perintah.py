"""``manage.py cetak_kabupaten``: every perangkat daerah of a pemda printed into a folder,
progress on a terminal or as lines, a summary, exit status 1 when one failed."""

from __future__ import annotations

import subprocess
from io import StringIO
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from laporan.cetak_kabupaten import NAMA_DAFTAR
from laporan.management.commands.cetak_kabupaten import Kemajuan
from laporan.pdf import PDFError
from tests.laporan.data_alur import pdf_palsu

pytestmark = pytest.mark.django_db

BLORA = {
    "LKjIP-2024-33.16.05-Kecamatan-Randublatung-draf.pdf": "Randublatung",
    "LKjIP-2024-33.16.15-Kecamatan-Bogorejo-draf.pdf": "Bogorejo",
}


def test_every_blora_pd_is_printed_and_named_in_its_pdf(demo, settings, tmp_path):
    settings.LKJIP_PDF_PROSES = 0  # one process: the machine is shared
    keluar = tmp_path / "blora"
    out = StringIO()
    call_command("cetak_kabupaten", pemda="33.16", tahun=2024, keluar=str(keluar), stdout=out)
    assert sorted(p.name for p in keluar.iterdir()) == sorted([*BLORA, NAMA_DAFTAR])
    for nama, pd in BLORA.items():
        teks = subprocess.run(
            ["pdftotext", str(keluar / nama), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert f"kecamatan {pd}".lower() in teks.lower(), nama
    baris = out.getvalue().splitlines()
    assert baris[0].startswith("1/2 33.16.05 Kecamatan Randublatung: ")
    assert baris[0].endswith(" halaman")
    assert baris[1].startswith("2/2 33.16.15 Kecamatan Bogorejo: ")
    assert baris[2].startswith(
        "LKjIP tahun 2024 Kabupaten Blora: 2 perangkat daerah, 2 berhasil, 0 gagal; 2 PDF dan "
        f"{NAMA_DAFTAR} ditulis ke {keluar} ("
    )


def _gagal_bogorejo(html: str, **kw):
    if kw.get("kunci", "").startswith("33.16.15:"):
        raise PDFError("huruf tidak ditemukan")
    return pdf_palsu(html, **kw)


def test_a_failed_pd_exits_non_zero_after_the_others(demo, tmp_path):
    keluar = tmp_path / "blora"
    out, err = StringIO(), StringIO()
    with (
        mock.patch("laporan.pdf.cetak_html", side_effect=_gagal_bogorejo),
        pytest.raises(CommandError) as e,
    ):
        call_command(
            "cetak_kabupaten", pemda="33.16", tahun=2024, keluar=str(keluar), stdout=out, stderr=err
        )
    assert e.value.returncode == 1
    assert str(e.value) == "1 perangkat daerah gagal dicetak"
    assert "2/2 33.16.15 Kecamatan Bogorejo: GAGAL: huruf tidak ditemukan" in out.getvalue()
    assert "2 perangkat daerah, 1 berhasil, 1 gagal" in out.getvalue()
    assert "gagal: 33.16.15 Kecamatan Bogorejo: huruf tidak ditemukan" in err.getvalue()
    assert sorted(p.name for p in keluar.iterdir()) == [
        NAMA_DAFTAR,
        "LKjIP-2024-33.16.05-Kecamatan-Randublatung-draf.pdf",
    ]


def test_an_unknown_pemda_or_folder_is_refused(demo, tmp_path):
    with pytest.raises(CommandError, match="pemda dengan kode '99.99' tidak ditemukan"):
        call_command("cetak_kabupaten", pemda="99.99", tahun=2024, keluar=str(tmp_path / "x"))
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("cetak_kabupaten", pemda="33.16", tahun=2024, keluar="/tidak/ada/x")


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_is_drawn_in_place():
    out = _Terminal()
    k = Kemajuan(SimpleNamespace(write=lambda s, ending="\n": out.write(s + ending),
                                 flush=out.flush, isatty=out.isatty), 2)  # fmt: skip
    pd = SimpleNamespace(nama="Kecamatan Randublatung", kode="33.16.05")
    item = SimpleNamespace(pk=1, perangkat_daerah=pd, status="selesai", halaman=40)
    k.pd(item)
    k.pd(item)  # seen again while following the queue: counted once
    k.tutup()
    assert out.getvalue() == (
        "\r\033[K[" + "#" * 15 + "-" * 15 + "] 1/2 Kecamatan Randublatung: 40 halaman\n"
    )
