"""The document of a report made before this application: a 2020 year printing Belanja
Tidak Langsung / Belanja Langsung, and a year whose budget is stated per sasaran only."""

from __future__ import annotations

import pytest

from interchange.simpan import paket_simpan
from kinerja.paket.parser import baca_paket
from laporan.dokumen import Tabel, susun_dokumen
from tests.anggaran_lama import data_2020, data_demo

pytestmark = pytest.mark.django_db


def _tabel(dok, awal: str) -> Tabel:
    (tabel,) = [
        x for b in dok.bab for x in b.blok if isinstance(x, Tabel) and x.judul.startswith(awal)
    ]
    return tabel


def _baris(tabel: Tabel) -> list[list[str]]:
    return [[s.teks for s in b.sel] for b in tabel.baris]


def test_the_budget_table_of_a_2020_year_shows_belanja_langsung():
    pd = paket_simpan(paket=baca_paket(data_2020()))
    dok = susun_dokumen(pd, 2020)
    baris = _baris(_tabel(dok, "Anggaran Kecamatan Randublatung Tahun 2020 menurut Jenis Belanja"))
    uraian = {b[0]: b[1] for b in baris}
    assert uraian["5.1"] == "Belanja Tidak Langsung"
    assert uraian["5.2"] == "Belanja Langsung"
    assert uraian["5.2.1"] == "Belanja Pegawai" and uraian["5.2.3"] == "Belanja Modal"
    assert "Belanja Operasi" not in str(baris)
    realisasi = {b[0]: b[1] for b in _baris(_tabel(dok, "Realisasi Anggaran menurut Jenis"))}
    assert realisasi["5.2"] == "Belanja Langsung"


def test_a_year_budgeted_per_sasaran_prints_the_stated_budget_with_a_note():
    data = data_demo()
    tahun = data["tahun"][0]
    tahun["dpa"], tahun["realisasi_anggaran"], tahun["angka_dilaporkan"] = [], {}, []
    tahun["anggaran_sasaran"] = {
        "S1": {"pagu": 200_000_000, "realisasi": 150_000_000},
        "S2": {"pagu": 100_000_000, "realisasi": 100_000_000},
    }
    pd = paket_simpan(paket=baca_paket(data))
    dok = susun_dokumen(pd, 2024)
    tabel = _tabel(dok, "Efisiensi Penggunaan Anggaran Tahun 2024")
    teks = str(_baris(tabel))
    assert "200.000.000" in teks and "150.000.000" in teks and "300.000.000" in teks
    assert "dinyatakan per sasaran dalam laporan" in tabel.catatan
    assert "tahun 2024 tidak memiliki anggaran program" in tabel.catatan


def test_a_stated_budget_against_the_dpa_is_noted_under_the_efficiency_table():
    from laporan.dokumen.blocks import CatatanKonsistensi

    data = data_demo()
    data["tahun"][0]["anggaran_sasaran"] = {"S2": {"pagu": 3_000_000_000}}
    pd = paket_simpan(paket=baca_paket(data))
    dok = susun_dokumen(pd, 2024)
    blok = [x for b in dok.bab for x in b.blok]
    tabel = _tabel(dok, "Efisiensi Penggunaan Anggaran Tahun 2024")
    sesudah = blok[blok.index(tabel) + 1 :]
    catatan = next(x for x in sesudah if isinstance(x, CatatanKonsistensi))
    teks = " ".join(x.teks for x in catatan.butir)
    # The sum over the sasaran against the DPA total: in the note under the table.
    assert "jumlah pagu per sasaran yang dinyatakan (Rp 3.000.000.000)" in teks
    assert "jumlah pagu DPA perubahan (Rp 6.778.100.000)" in teks
    # The sasaran against its programs: under the sasaran's own row.
    baris = str(_baris(tabel))
    assert "pagu sasaran S2 yang dinyatakan (Rp 3.000.000.000)" in baris
    assert "Rp 3.312.000.900" in baris
