"""impor_paket / ekspor_paket / hitung through the database and the command line."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import Pagu
from interchange.simpan import paket_simpan
from kinerja.engine.hitung import hitung
from kinerja.models import Indikator, LogPerubahan, Pemda, PerangkatDaerah, Realisasi
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import dumps, tulis_paket
from laporan.selectors_paket import paket_muat

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = {
    "33.16.05": ROOT / "fixtures" / "randublatung-2024.json",
    "33.16.15": ROOT / "fixtures" / "bogorejo-2024.json",
    "35.17.12": ROOT / "fixtures" / "kesamben-2024.json",
}
SCHEMA = json.loads((ROOT / "docs" / "paket.schema.json").read_text())


def _data(kode: str) -> dict:
    return muat_json(FIXTURES[kode].read_bytes())


def _isi_db() -> dict:
    return {
        "pemda": Pemda.objects.count(),
        "pd": PerangkatDaerah.objects.count(),
        "indikator": Indikator.objects.count(),
        "realisasi": Realisasi.objects.count(),
        "pagu": Pagu.objects.count(),
        "log": LogPerubahan.objects.count(),
    }


@pytest.mark.parametrize("kode", FIXTURES)
def test_fixtures_follow_the_published_schema(kode):
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(FIXTURES[kode].read_text()))


@pytest.mark.django_db
@pytest.mark.parametrize("kode", FIXTURES)
def test_export_gives_back_what_was_imported(kode, tmp_path):
    asli = baca_paket(_data(kode))
    call_command("impor_paket", str(FIXTURES[kode]), stdout=StringIO())
    keluar = tmp_path / "ekspor.json"
    call_command("ekspor_paket", pd=kode, keluar=str(keluar), stdout=StringIO())
    teks = keluar.read_text()
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(teks))
    kembali = baca_paket(muat_json(teks))
    assert kembali == asli
    # Printed precision survives the database: 98.50 is not 98.5.
    dilaporkan = [str(a.nilai) for th in kembali.tahun for a in th.angka_dilaporkan]
    assert dilaporkan == [str(a.nilai) for th in asli.tahun for a in th.angka_dilaporkan]


@pytest.mark.django_db
def test_two_kecamatan_share_one_pemda_and_reimport_replaces():
    call_command(
        "impor_paket", str(FIXTURES["33.16.05"]), str(FIXTURES["33.16.15"]), stdout=StringIO()
    )
    assert Pemda.objects.count() == 1
    assert PerangkatDaerah.objects.filter(pemda__kode="33.16").count() == 2
    sebelum = _isi_db()
    call_command("impor_paket", str(FIXTURES["33.16.05"]), stdout=StringIO())
    sesudah = _isi_db()
    assert sesudah == {**sebelum, "log": sebelum["log"] + 1}


@pytest.mark.django_db
def test_hitung_command_json_equals_the_pure_computation():
    call_command("impor_paket", str(FIXTURES["35.17.12"]), stdout=StringIO())
    out = StringIO()
    call_command("hitung", pd="35.17.12", tahun=2024, format="json", stdout=out)
    data = json.loads(out.getvalue(), parse_float=Decimal)
    murni = hitung(baca_paket(_data("35.17.12")), 2024)
    assert json.loads(dumps(murni.sebagai_dict()), parse_float=Decimal) == data
    assert {"indikator", "anggaran", "efisiensi", "ringkasan", "temuan"} <= set(data)
    for baris in data["indikator"]:
        assert {"kode", "target", "realisasi", "capaian", "capaian_skor", "predikat"} <= set(baris)
    assert data["anggaran"][-1]["kode"] == "total"
    assert {"rata_rata_capaian_iku", "pagu_total", "realisasi_total", "penyerapan_total"} <= set(
        data["ringkasan"]
    )
    # Unrounded in JSON.
    assert (
        data["ringkasan"]["penyerapan_total"] == Decimal("2448145747") / Decimal("2696606251") * 100
    )


@pytest.mark.django_db
def test_hitung_command_text_is_indonesian():
    call_command("impor_paket", str(FIXTURES["33.16.05"]), stdout=StringIO())
    out = StringIO()
    call_command("hitung", pd="33.16.05", tahun=2024, format="teks", stdout=out)
    teks = out.getvalue()
    assert "Rp 6.778.100.000" in teks and "98,34%" in teks and "Temuan (24)" in teks
    assert "97,01%" in teks


@pytest.mark.django_db
def test_hitung_command_reports_unknown_pd_and_year():
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("hitung", pd="99.99", tahun=2024, stdout=StringIO())
    call_command("impor_paket", str(FIXTURES["33.16.05"]), stdout=StringIO())
    with pytest.raises(CommandError, match="tidak ada data tahun 2019"):
        call_command("hitung", pd="33.16.05", tahun=2019, stdout=StringIO())


@pytest.mark.django_db
def test_loading_a_paket_takes_a_bounded_number_of_queries():
    """Randublatung has 10 indicators, Bogorejo 56: the same number of queries."""
    call_command("impor_paket", *map(str, FIXTURES.values()), stdout=StringIO())
    jumlah = {}
    for kode in FIXTURES:
        pd = PerangkatDaerah.objects.get(kode=kode)
        with CaptureQueriesContext(connection) as q:
            paket_muat(pd)
        jumlah[kode] = len(q)
    assert jumlah["33.16.05"] == jumlah["33.16.15"], jumlah
    assert max(jumlah.values()) <= 35, jumlah


def _rusak(kode: str) -> dict:
    """A package with one of each kind of error the issue names."""
    data = copy.deepcopy(_data(kode))
    tahun = data["tahun"][0]
    # wrong type
    data["renstra"]["mulai"] = "dua ribu"
    # unknown code
    tahun["realisasi"]["TIDAK-ADA"] = [1, 2, 3, 4]
    # graded value without a number
    data["renstra"]["tujuan"][0]["indikator"][0]["target_tahunan"]["2024"] = "WBK"
    # negative pagu
    dpa = tahun["dpa"][-1]
    kode_pagu = next(iter(dpa["pagu"]))
    dpa["pagu"][kode_pagu] = -5
    # a child whose parent is missing
    data["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["kode"] = "7.09.99.2.01.01"
    return data, kode_pagu


EXPECTED_PATHS = [
    "$.renstra.mulai",
    '$.tahun[0].realisasi["TIDAK-ADA"]',
    '$.renstra.tujuan[0].indikator[0].target_tahunan["2024"]',
    "$.program[0].kegiatan[0].sub_kegiatan[0].kode",
]


def test_an_invalid_package_reports_every_error_with_its_path():
    data, kode_pagu = _rusak("33.16.05")
    with pytest.raises(InvalidPaket) as e:
        baca_paket(data)
    errors = {g.path: g.pesan for g in e.value.errors}
    for path in EXPECTED_PATHS:
        assert path in errors, (path, errors)
    negatif = [p for p in errors if p.startswith("$.tahun[0].dpa[") and kode_pagu in p]
    assert negatif and "negatif" in errors[negatif[0]]
    assert "tidak memuat angka" in errors['$.renstra.tujuan[0].indikator[0].target_tahunan["2024"]']
    assert "induk" in errors["$.program[0].kegiatan[0].sub_kegiatan[0].kode"]


@pytest.mark.django_db
def test_an_invalid_package_changes_nothing_and_exits_non_zero(tmp_path):
    call_command("impor_paket", str(FIXTURES["33.16.05"]), stdout=StringIO())
    sebelum = _isi_db()
    data, _ = _rusak("33.16.05")
    berkas = tmp_path / "rusak.json"
    berkas.write_text(dumps(data))
    err = StringIO()
    with pytest.raises(CommandError, match="tidak ada data yang disimpan") as e:
        call_command("impor_paket", str(berkas), stdout=StringIO(), stderr=err)
    assert e.value.returncode == 1
    for path in EXPECTED_PATHS:
        assert path in err.getvalue()
    assert _isi_db() == sebelum


@pytest.mark.django_db
def test_a_failure_while_writing_rolls_everything_back():
    """A pemda whose stored rules differ is refused after the parse; nothing is written."""
    call_command("impor_paket", str(FIXTURES["33.16.05"]), stdout=StringIO())
    sebelum = _isi_db()
    data = _data("33.16.15")
    data["pemda"]["aturan"]["metode_efisiensi"] = "rasio"
    with pytest.raises(InvalidPaket) as e:
        paket_simpan(paket=baca_paket(data))
    assert e.value.errors[0].path == "$.pemda.aturan"
    assert _isi_db() == sebelum


def test_malformed_json_is_reported_with_line_and_column():
    with pytest.raises(InvalidPaket) as e:
        muat_json(b'{"format": "lkjip-paket",\n "versi": }')
    assert "baris 2" in e.value.errors[0].pesan


def test_ratio_indicators_take_numerator_and_denominator():
    data = _data("33.16.05")
    ind = data["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]
    ind["tipe_penghitungan"] = "rasio"
    data["tahun"][0]["realisasi"][ind["kode"]] = [
        {"pembilang": 10, "penyebut": 12},
        {"pembilang": 10, "penyebut": 11},
        {"pembilang": 10, "penyebut": 10},
        {"pembilang": 10, "penyebut": 12},
    ]
    data["tahun"][0]["rencana_aksi"].pop(ind["kode"], None)
    paket = baca_paket(data)
    hasil = hitung(paket, 2024).indikator_per_kode()[ind["kode"]]
    assert hasil.realisasi == Decimal(40) / Decimal(45) * 100
    data["tahun"][0]["realisasi"][ind["kode"]] = [90, 90, 90, 90]
    with pytest.raises(InvalidPaket):
        baca_paket(data)


@pytest.mark.django_db
def test_exported_json_round_trips_through_the_serializer_without_the_database():
    paket = baca_paket(_data("35.17.12"))
    assert baca_paket(muat_json(dumps(tulis_paket(paket)))) == paket


@pytest.mark.django_db
def test_acting_officials_round_trip_and_belong_to_the_years():
    from kinerja.models import Pejabat

    data = copy.deepcopy(_data("33.16.15"))
    data["perangkat_daerah"]["kepala"]["status"] = "plt"
    data["perangkat_daerah"]["pejabat"][0]["status"] = "plh"
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    asli = baca_paket(data)
    pd = paket_simpan(paket=asli)
    kepala = Pejabat.objects.get(perangkat_daerah=pd, tahun=2024, kepala=True)
    assert kepala.jabatan_lengkap == "Plt. Camat Bogorejo"
    kembali = baca_paket(muat_json(dumps(tulis_paket(paket_muat(pd)))))
    assert kembali == asli
    assert kembali.perangkat_daerah.pejabat[0].status == "plh"


def test_an_unknown_official_status_is_reported():
    data = copy.deepcopy(_data("33.16.05"))
    data["perangkat_daerah"]["kepala"]["status"] = "pj"
    with pytest.raises(InvalidPaket) as e:
        baca_paket(data)
    assert any(g.path == "$.perangkat_daerah.kepala.status" for g in e.value.errors)
