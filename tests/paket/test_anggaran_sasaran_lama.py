"""Reports made before this application: budget stated per sasaran, and the pre-2021
Belanja Tidak Langsung / Belanja Langsung accounts, through the package and the database."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from anggaran.models import AnggaranSasaran, PaguJenisBelanja
from interchange.simpan import paket_simpan
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import dumps, tulis_paket
from laporan.selectors_paket import paket_muat
from tests.anggaran_lama import JENIS_BELANJA_2020, data_2020, data_demo

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "paket.schema.json").read_text())


def _dengan_anggaran_sasaran() -> dict:
    data = data_demo()
    data["tahun"][0]["anggaran_sasaran"] = {
        "S1": {"pagu": "3466099100", "realisasi": Decimal("3452287601.5")},
        "S2": {"pagu": 3312000900},
    }
    return data


def _pesan(data: dict) -> list[str]:
    with pytest.raises(InvalidPaket) as e:
        baca_paket(data)
    return [str(x) for x in e.value.errors]


def test_budget_per_sasaran_is_read_and_written_back():
    data = _dengan_anggaran_sasaran()
    paket = baca_paket(data)
    th = paket.tahun[0]
    assert th.anggaran_sasaran["S1"].pagu == Decimal(3466099100)
    assert th.anggaran_sasaran["S1"].realisasi == Decimal("3452287601.5")
    assert th.anggaran_sasaran["S2"].realisasi is None
    keluar = json.loads(dumps(tulis_paket(paket)))
    jsonschema.Draft202012Validator(SCHEMA).validate(keluar)
    assert keluar["tahun"][0]["anggaran_sasaran"] == {
        "S1": {"pagu": 3466099100, "realisasi": Decimal("3452287601.5")},
        "S2": {"pagu": 3312000900},
    }
    assert baca_paket(muat_json(dumps(tulis_paket(paket)))) == paket


def test_budget_per_sasaran_errors_name_their_path():
    data = data_demo()
    data["tahun"][0]["anggaran_sasaran"] = {
        "S9": {"pagu": 1},
        "S1": {},
        "S2": {"pagu": -5, "sisa": 1},
    }
    pesan = _pesan(data)
    assert "$.tahun[0].anggaran_sasaran.S9: sasaran 'S9' tidak ada dalam Renstra" in pesan
    assert (
        "$.tahun[0].anggaran_sasaran.S1: isi sedikitnya salah satu dari pagu atau realisasi"
        in pesan
    )
    assert any(p.startswith("$.tahun[0].anggaran_sasaran.S2.pagu: ") for p in pesan)
    assert any(p.startswith("$.tahun[0].anggaran_sasaran.S2.sisa: ") for p in pesan)


def test_a_2020_year_takes_the_old_account_codes_and_round_trips():
    paket = baca_paket(data_2020())
    dpa = paket.tahun[0].dpa_berlaku()
    assert dpa.jenis_belanja == {k: Decimal(v) for k, v in JENIS_BELANJA_2020.items()}
    assert baca_paket(muat_json(dumps(tulis_paket(paket)))) == paket


def test_old_account_codes_in_a_year_from_2021_are_refused_with_the_path():
    data = data_demo()
    tahun = data["tahun"][0]
    tahun["dpa"][-1]["jenis_belanja"]["5.2.2"] = 1000
    tahun["realisasi_jenis_belanja"] = {"5.2.1": 500}
    pesan = _pesan(data)
    lama = [p for p in pesan if "Permendagri 13/2006" in p]
    assert len(lama) == 2
    assert lama[0].startswith('$.tahun[0].dpa[1].jenis_belanja["5.2.2"]: kode rekening 5.2.2')
    assert "tahun 2024 memakai kode Permendagri 90 Tahun 2019" in lama[0]
    assert lama[1].startswith('$.tahun[0].realisasi_jenis_belanja["5.2.1"]: ')


def test_new_account_codes_in_a_2020_year_are_refused():
    data = data_2020()
    data["tahun"][0]["dpa"][0]["jenis_belanja"]["5.1.02"] = 1000
    pesan = _pesan(data)
    assert any(
        p.startswith('$.tahun[0].dpa[0].jenis_belanja["5.1.02"]: kode rekening 5.1.02')
        and "tahun 2020 memakai struktur Permendagri 13/2006" in p
        for p in pesan
    )


@pytest.mark.django_db
def test_budget_per_sasaran_survives_the_database():
    paket = baca_paket(_dengan_anggaran_sasaran())
    pd = paket_simpan(paket=paket)
    rows = {r.sasaran.kode: r for r in AnggaranSasaran.objects.filter(perangkat_daerah=pd)}
    assert set(rows) == {"S1", "S2"}
    assert rows["S2"].realisasi is None and rows["S1"].tahun == 2024
    assert paket_muat(pd) == paket
    # A reimport replaces the stated amounts.
    data = _dengan_anggaran_sasaran()
    del data["tahun"][0]["anggaran_sasaran"]["S2"]
    paket_simpan(paket=baca_paket(data))
    assert list(
        AnggaranSasaran.objects.filter(perangkat_daerah=pd).values_list("sasaran__kode", flat=True)
    ) == ["S1"]


@pytest.mark.django_db
def test_a_2020_year_survives_the_database():
    paket = baca_paket(data_2020())
    pd = paket_simpan(paket=paket)
    assert set(
        PaguJenisBelanja.objects.filter(dpa__perangkat_daerah=pd).values_list("kode", flat=True)
    ) == set(JENIS_BELANJA_2020)
    assert paket_muat(pd) == paket


@pytest.mark.django_db
def test_opening_2021_from_2020_copies_the_pagu_but_not_the_old_accounts():
    from anggaran.services.dpa import dpa_murni_buat
    from kinerja.models import Renstra

    pd = paket_simpan(paket=baca_paket(data_2020()))
    dpa = dpa_murni_buat(
        perangkat_daerah=pd,
        tahun=2021,
        renstra=Renstra.objects.get(perangkat_daerah=pd),
        pengguna=None,
        salin_pagu=True,
    )
    assert dpa.pagu.exists()
    assert not dpa.jenis_belanja.exists()
