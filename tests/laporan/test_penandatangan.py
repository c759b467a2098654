"""The LKjIP signs with the officials of its year, acting ones as Indonesian documents
print them ("Plt. CAMAT RANDUBLATUNG"), read back from the PDF with pdftotext."""

from __future__ import annotations

import subprocess

import pytest

from kinerja.models import Pejabat
from laporan.dokumen import susun_dokumen
from laporan.pdf import html_to_pdf, render_html


def _plt(pd):
    kepala = Pejabat.objects.get(perangkat_daerah=pd, tahun=2024, kepala=True)
    kepala.status = "plt"
    kepala.save()


@pytest.mark.django_db
def test_acting_camat_signs_the_lkjip_and_its_pk(demo):
    _plt(demo["a"])
    dokumen = susun_dokumen(demo["a"], 2024)
    assert dokumen.penutup.jabatan == "Plt. CAMAT RANDUBLATUNG"
    assert dokumen.identitas.kepala_daerah.jabatan_cetak == "BUPATI BLORA"
    # Within BAB II's sentence too: "antara Plt. Camat Randublatung dan Bupati Blora".
    assert "antara Plt. Camat Randublatung dan Bupati Blora" in render_html(dokumen)


@pytest.mark.django_db
def test_signer_of_another_year_is_not_used(demo):
    # 2024's camat is replaced by a Plh. entered for 2024: the document follows.
    pd = demo["a"]
    Pejabat.objects.filter(perangkat_daerah=pd, tahun=2024, kepala=True).update(kepala=False)
    Pejabat.objects.create(
        pemda=pd.pemda,
        perangkat_daerah=pd,
        tahun=2024,
        kepala=True,
        status="plh",
        jabatan="Camat Randublatung",
        nama="Rahmat Hidayat",
        gelar_belakang="S.IP.",
    )
    dokumen = susun_dokumen(pd, 2024)
    assert dokumen.penutup.jabatan == "Plh. CAMAT RANDUBLATUNG"
    assert dokumen.penutup.nama == "Rahmat Hidayat, S.IP."


@pytest.mark.django_db
def test_pdf_prints_the_acting_camat(demo, tmp_path):
    _plt(demo["a"])
    pdf, _ = html_to_pdf(render_html(susun_dokumen(demo["a"], 2024)))
    berkas = tmp_path / "lkjip.pdf"
    berkas.write_bytes(pdf)
    teks = subprocess.run(
        ["pdftotext", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Plt. CAMAT RANDUBLATUNG" in teks
    assert "BUPATI BLORA" in teks
    assert "\nCAMAT RANDUBLATUNG" not in teks
