"""The layered paket loader: each app reads its own part, the whole is what was imported."""

from __future__ import annotations

import dataclasses

import pytest

from anggaran.selectors_paket import paket_anggaran
from interchange.simpan import paket_simpan
from kinerja.paket.parser import baca_paket, muat_json
from kinerja.selectors.paket import paket_kinerja
from laporan.selectors_paket import paket_muat
from tests.paket.test_impor_ekspor import FIXTURES

ANGGARAN = ("dpa", "realisasi_anggaran", "realisasi_jenis_belanja")


def _tanpa(paket, *bagian):
    """The paket with the named parts of every year emptied."""
    kosong = {"laporan": None} | {b: type(getattr(paket.tahun[0], b))() for b in ANGGARAN}
    tahun = [dataclasses.replace(th, **{b: kosong[b] for b in bagian}) for th in paket.tahun]
    return dataclasses.replace(paket, tahun=tahun)


@pytest.mark.django_db
def test_each_layer_adds_its_own_part():
    asli = baca_paket(muat_json(FIXTURES["33.16.05"].read_bytes()))
    pd = paket_simpan(paket=asli)
    utuh = paket_muat(pd, 2024)
    th = utuh.cari_tahun(2024)
    assert th.dpa and th.realisasi_anggaran and th.laporan is not None

    anggaran = paket_anggaran(pd, 2024)
    assert anggaran == _tanpa(utuh, "laporan")
    assert anggaran.cari_tahun(2024).laporan is None

    kinerja = paket_kinerja(pd, 2024)
    assert kinerja == _tanpa(utuh, "laporan", *ANGGARAN)
    assert kinerja.cari_tahun(2024).dpa == []
    assert kinerja.cari_tahun(2024).perjanjian_kinerja == th.perjanjian_kinerja
