"""Importing a package writes in bulk: the number of queries does not grow with its size."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.kabupaten import paket_pd
from interchange.simpan import paket_simpan
from kinerja.models import Indikator, LogPerubahan, Pejabat, PerangkatDaerah, Realisasi
from kinerja.paket.parser import baca_paket, muat_json
from laporan.selectors_paket import paket_muat

ROOT = Path(__file__).resolve().parents[2]
BATAS = 45


@pytest.fixture(autouse=True)
def _tanpa_batch_sqlite(monkeypatch):
    """SQLite splits a bulk insert into batches of 999 parameters (Django's default for
    old SQLite builds; 3.32+ takes 32,766): lift it so the counts below measure the
    import's own queries, not the backend's batching of one insert."""
    if connection.vendor == "sqlite":
        monkeypatch.setattr(connection.features, "max_query_params", 32766)


def _kueri(paket) -> int:
    with CaptureQueriesContext(connection) as q:
        paket_simpan(paket=paket)
    return len(q)


@pytest.mark.django_db
def test_a_three_times_bigger_generated_package_costs_the_same_queries():
    kecil = paket_pd("98.01.01", 10, [2024], 15)
    besar = paket_pd("98.01.02", 30, [2022, 2023, 2024], 45)
    n_kecil, n_besar = _kueri(kecil), _kueri(besar)
    assert Realisasi.objects.filter(indikator__renstra__perangkat_daerah__kode="98.01.02").count()
    assert n_kecil == n_besar, (n_kecil, n_besar)
    assert n_besar <= BATAS


def _fixture_tiga_tahun(nama: str):
    """A demo package, and the same package with three years (its year copied twice) for
    another perangkat daerah of the same pemda."""
    paket = baca_paket(muat_json((ROOT / "fixtures" / nama).read_bytes()))
    besar = copy.deepcopy(paket)
    besar.perangkat_daerah.kode = paket.perangkat_daerah.kode[:-2] + "99"
    (th,) = besar.tahun
    besar.tahun = [dataclasses.replace(copy.deepcopy(th), tahun=th.tahun - n) for n in (2, 1)]
    besar.tahun.append(th)
    return paket, besar


@pytest.mark.django_db
@pytest.mark.parametrize("nama", ["randublatung-2024.json", "bogorejo-2024.json"])
def test_a_demo_package_with_three_years_costs_the_same_queries(nama):
    """The demo packages fill every table: officials, PK berjenjang, SKM, comparisons..."""
    paket, besar = _fixture_tiga_tahun(nama)
    n_kecil = _kueri(paket)
    n_besar = _kueri(besar)
    assert n_kecil == n_besar, (n_kecil, n_besar)
    assert n_besar <= BATAS
    kode = besar.perangkat_daerah.kode
    # Everything of the three years was written, and reads back as imported.
    assert sorted(
        {r.tahun for r in Realisasi.objects.filter(indikator__renstra__perangkat_daerah__kode=kode)}
    ) == [2022, 2023, 2024]
    assert Pejabat.objects.filter(perangkat_daerah__kode=kode, tahun=2022).exists()
    assert paket_muat(PerangkatDaerah.objects.get(kode=kode)) == besar
    # One audit row per import.
    assert LogPerubahan.objects.filter(aksi="paket.impor", perangkat_daerah__kode=kode).count() == 1


@pytest.mark.django_db
def test_indicators_keep_their_document_order_and_parents():
    paket = paket_pd("98.01.01", 12, [2024], 20)
    paket_simpan(paket=paket)
    rows = list(
        Indikator.objects.filter(renstra__perangkat_daerah__kode="98.01.01").order_by("urutan")
    )
    assert [i.kode for i in rows] == [i.kode for i in paket.semua_indikator()]
    assert all(i.sasaran.kode == f"S{n}" for n, i in enumerate(rows, start=1))
