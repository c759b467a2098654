"""The Perjanjian Kinerja as a PDF of its own, downloaded from the PK page: statement,
both signature blocks (officials of the year), lampiran of targets and program budgets."""

from __future__ import annotations

import subprocess

import pytest

from kinerja.models import AnggaranProgramPK, Pejabat, PerjanjianKinerja, TargetPK
from lib.format import format_rupiah

URL = "/pd/33.16.05/2024/pk/"


def _teks(pdf: bytes, tmp_path) -> str:
    berkas = tmp_path / "pk.pdf"
    berkas.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.django_db
def test_pk_page_links_the_pdf_of_the_version_shown(client, demo, kepala_a):
    client.force_login(kepala_a)
    assert f"{URL}murni.pdf" in client.get(f"{URL}?versi=murni").text
    assert f"{URL}perubahan.pdf" in client.get(f"{URL}?versi=perubahan").text


@pytest.mark.django_db
def test_pdf_of_the_pk_with_an_acting_camat(client, demo, evaluator, tmp_path):
    pd = demo["a"]
    Pejabat.objects.filter(perangkat_daerah=pd, tahun=2024, kepala=True).update(status="plt")
    client.force_login(evaluator)
    r = client.get(f"{URL}murni.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert 'filename="PK-2024-murni-Kecamatan-Randublatung.pdf"' in r["Content-Disposition"]
    teks = _teks(r.content, tmp_path)
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks
    assert "Plt. CAMAT RANDUBLATUNG" in teks
    assert "BUPATI BLORA" in teks
    assert "Drs. Sutrisno Wibowo, M.Si" in teks
    assert "Blora, 11 Januari 2024" in teks
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=pd, tahun=2024, versi="murni")
    target = TargetPK.objects.filter(perjanjian_kinerja=pk).select_related("indikator").first()
    assert target.indikator.nama.split()[0] in teks
    # The lampiran of program budgets: 7.01.01 is Rp 3.110.410.000 in the murni.
    anggaran = AnggaranProgramPK.objects.get(perjanjian_kinerja=pk, program__kode="7.01.01")
    assert format_rupiah(anggaran.jumlah) == "Rp 3.110.410.000"
    assert "3.110.410.000" in teks


@pytest.mark.django_db
def test_pdf_of_the_perubahan_names_its_version(client, demo, kepala_a, tmp_path):
    client.force_login(kepala_a)
    teks = _teks(client.get(f"{URL}perubahan.pdf").content, tmp_path)
    assert "(PK perubahan)" in teks
    assert "3.312.000.900" in teks


@pytest.mark.django_db
def test_unknown_version_is_404(client, demo, kepala_a):
    client.force_login(kepala_a)
    assert client.get(f"{URL}perubahan-7.pdf").status_code == 404
    assert client.get("/pd/33.16.05/2031/pk/murni.pdf").status_code == 404
