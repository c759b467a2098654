"""A package with data and no narrative prints a whole LKjIP (issue 12 §2): an Ikhtisar
Eksekutif, drafted BAB I–IV text, Bupati/Camat titles and no "belum diisi"; signers'
titles from the officials of the year (Plt. Camat) and the pemda's type (Wali Kota)."""

from __future__ import annotations

import json
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kinerja.models import JenisPemda, Pejabat, PerangkatDaerah, StatusPejabat
from laporan.dokumen import Pihak, TandaTangan, TandaTanganGanda, susun_dokumen
from laporan.pdf import buat_pdf

ROOT = Path(__file__).resolve().parents[2]


def _paket_tanpa_narasi_dan_pejabat(tmp_path: Path) -> Path:
    """Randublatung 2024 as imported by a kecamatan that wrote nothing: no narrative (the
    demo narrative is a file of its own, not loaded) and no officials named anywhere."""
    data = json.loads((ROOT / "fixtures" / "randublatung-2024.json").read_text())
    data["pemda"].pop("kepala", None)
    data["perangkat_daerah"].pop("kepala", None)
    data["perangkat_daerah"].pop("pejabat", None)
    for th in data["tahun"]:
        for pk in th.get("perjanjian_kinerja", []):
            pk.pop("pihak_pertama", None)
            pk.pop("pihak_kedua", None)
        for pkb in th.get("pk_berjenjang", []):
            pkb.pop("pejabat", None)
    path = tmp_path / "randublatung-tanpa-narasi.json"
    path.write_text(json.dumps(data))
    return path


@pytest.fixture
def pd_tanpa_narasi(db, tmp_path) -> PerangkatDaerah:
    call_command("impor_paket", str(_paket_tanpa_narasi_dan_pejabat(tmp_path)), stdout=StringIO())
    pd = PerangkatDaerah.objects.get(kode="33.16.05")
    assert not pd.lkjip.filter(narasi__isnull=False).exists()
    assert not Pejabat.objects.filter(pemda=pd.pemda, tahun=2024).exists()
    return pd


def _teks_pdf(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "draf.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_package_without_narrative_prints_a_whole_lkjip(pd_tanpa_narasi, tmp_path):
    teks = _teks_pdf(buat_pdf(pd_tanpa_narasi, 2024).pdf, tmp_path)
    polos = " ".join(teks.split())
    assert "belum diisi" not in teks
    assert "KEPALA DAERAH" not in teks and "KEPALA KECAMATAN" not in teks
    assert "…………………… 2024" not in teks
    # The Ikhtisar Eksekutif: its heading in the table of contents and on its page, with the
    # figures of the year.
    assert teks.count("IKHTISAR EKSEKUTIF") >= 2
    assert "seluruh 4 indikator tujuan dan sasaran yang terukur mencapai targetnya" in polos
    assert "terealisasi Rp " in polos
    # Drafted BAB I–IV.
    assert "Sesuai Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan" in polos
    assert "Aspek strategis Kecamatan Randublatung adalah tujuan dan sasaran strategis" in polos
    assert "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah" in polos
    assert "Perencanaan kinerja Kecamatan Randublatung tahun 2024 mengacu pada" in polos
    assert "Ringkasan capaian per indikator:" in polos
    assert "Secara umum Kecamatan Randublatung berhasil melaksanakan Perjanjian Kinerja" in polos
    assert "Langkah yang akan dilakukan Kecamatan Randublatung" in polos
    # Titles from the pemda's type and the perangkat daerah's kind, not "Kepala …".
    assert "BUPATI BLORA" in teks
    assert "CAMAT RANDUBLATUNG" in teks
    # The PK perubahan, undated in the data, prints its place and year, not a blank.
    assert "Blora, 2024" in teks


def test_the_document_marks_drafted_sections_and_nothing_is_missing(pd_tanpa_narasi):
    dok = susun_dokumen(pd_tanpa_narasi, 2024)
    assert dok.kosong == []
    assert dok.ikhtisar is not None and dok.ikhtisar.draf
    assert all(b.draf for b in dok.narasi.values() if b.wajib)
    assert not dok.narasi["tindak_lanjut"].draf and dok.narasi["tindak_lanjut"].kosong
    assert [e.teks for e in dok.daftar_isi[:2]] == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF"]


def _jabatan(dok) -> tuple[str, list[str]]:
    """The closing signature's jabatan and the PK lampiran's parties' jabatan."""
    pihak = [x.jabatan for lp in dok.lampiran for x in lp.blok if isinstance(x, Pihak)]
    pihak += [
        t.jabatan
        for lp in dok.lampiran
        for x in lp.blok
        if isinstance(x, TandaTanganGanda)
        for t in (x.kiri, x.kanan)
    ]
    assert isinstance(dok.penutup, TandaTangan)
    return dok.penutup.jabatan, pihak


def test_an_acting_camat_signs_as_plt_camat(pd_tanpa_narasi):
    Pejabat.objects.create(
        pemda=pd_tanpa_narasi.pemda,
        perangkat_daerah=pd_tanpa_narasi,
        tahun=2024,
        kepala=True,
        status=StatusPejabat.PLT,
        nama="Rina Wulandari",
        jabatan="Camat Randublatung",
    )
    penutup, pihak = _jabatan(susun_dokumen(pd_tanpa_narasi, 2024))
    assert penutup == "Plt. CAMAT RANDUBLATUNG"
    assert "Plt. CAMAT RANDUBLATUNG" in pihak
    assert "BUPATI BLORA" in pihak


def test_the_head_of_a_kota_is_wali_kota(pd_tanpa_narasi):
    pemda = pd_tanpa_narasi.pemda
    pemda.nama, pemda.jenis = "Kota Blora", JenisPemda.KOTA
    pemda.save()
    _, pihak = _jabatan(susun_dokumen(PerangkatDaerah.objects.get(pk=pd_tanpa_narasi.pk), 2024))
    assert "WALI KOTA BLORA" in pihak
    assert not any("BUPATI" in j for j in pihak)
    # Without an official, the camat's title still comes from the kind of perangkat daerah.
    assert "CAMAT RANDUBLATUNG" in pihak
