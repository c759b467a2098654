"""The LKjIP document of a year whose data came from a report made before this application:
a range target printed as the range, …"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from interchange.simpan import paket_simpan
from kinerja.paket.parser import baca_paket
from laporan.dokumen import Tabel, susun_dokumen
from laporan.dokumen.blocks import CatatanKonsistensi
from tests.paket.test_laporan_lama import (
    _data_predikat,
    _data_rentang,
    _data_riwayat,
    _data_tanpa_kode,
)


def _sel_tabel(dokumen) -> list[str]:
    return [
        s.teks
        for bab in [*dokumen.bab, *dokumen.lampiran]
        for b in bab.blok
        if isinstance(b, Tabel)
        for baris in b.baris
        for s in baris.sel
    ]


@pytest.mark.django_db
def test_a_range_target_is_printed_as_the_range():
    pd = paket_simpan(paket=baca_paket(_data_rentang("atas")))
    sel = _sel_tabel(susun_dokumen(pd, 2024))
    assert sel.count("60 – 70") >= 3  # Renstra targets, the PK, the BAB III tables
    assert "60" not in sel and "70" not in sel
    # Capaian against the upper bound: 75,35 / 70 × 100.
    assert "107,64%" in sel or "107,64" in sel


def _catatan(dokumen) -> list[str]:
    return [
        x.teks
        for bab in [*dokumen.bab, *dokumen.lampiran]
        for b in bab.blok
        if isinstance(b, CatatanKonsistensi)
        for x in b.butir
    ]


@pytest.mark.django_db
def test_a_reported_predicate_that_differs_is_printed_like_the_other_figures():
    pd = paket_simpan(paket=baca_paket(_data_predikat(("total", "Baik"))))
    dokumen = susun_dokumen(pd, 2024)
    dicari = 'Bab IV: predikat tahun dilaporkan "Baik", hasil perhitungan dari data "Sangat Baik"'
    # Under the summary table of BAB III, and in the lampiran "Catatan Konsistensi Data".
    assert [c for c in _catatan(dokumen) if dicari in c]
    assert [c for c in _sel_tabel(dokumen) if dicari in c]


def _tabel(dokumen, awal_judul: str) -> list[list[str]]:
    (tabel,) = [
        b
        for bab in dokumen.bab
        for b in bab.blok
        if isinstance(b, Tabel) and awal_judul in str(b.judul)
    ]
    return [[s.teks for s in baris.sel] for baris in tabel.baris]


@pytest.mark.django_db
def test_an_earlier_year_given_only_as_capaian_is_printed_as_reported():
    pd = paket_simpan(paket=baca_paket(_data_riwayat()))
    dokumen = susun_dokumen(pd, 2024)
    baris = {b[0]: b for b in _tabel(dokumen, "Tahun 2021–2024")}
    assert baris["2021"][1:] == ["-", "-", "98,50%"]
    # 2022: the capaian computed from its target and realisasi, the reported one a finding.
    assert baris["2022"][3].startswith("101,32%")
    assert [c for c in _catatan(dokumen) if "capaian IKT-1 tahun 2022 dilaporkan 110,00%" in c]


@pytest.mark.django_db
def test_no_made_up_code_is_printed():
    paket = baca_paket(_data_tanpa_kode())
    dokumen = susun_dokumen(paket_simpan(paket=paket), 2024)
    sel = _sel_tabel(dokumen)
    assert not [s for s in sel if re.search(r"X\.?\d", s)]
    # The program is printed, by its name alone.
    nama = next(p.nama for p in paket.program if p.kode == "X.01")
    assert nama in sel
    # The budget of the year is the same.
    assert dokumen.hasil.ringkasan["pagu_total"] == Decimal(6778100000)
