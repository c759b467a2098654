"""A target stated as a range beyond the yearly and PK targets (issue 14 §4): the Renstra
end target, an earlier year's target and a cascaded PK's target are read by the same
function (``parse_target``), kept as the range through the package and the database,
counted by the bound the pemda's rule names, printed as the range, and refused reversed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from interchange.simpan import paket_simpan
from kinerja.engine.hitung import hitung
from kinerja.models import Indikator, RiwayatIndikator, SasaranPKBerjenjang
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import dumps, tulis_paket
from laporan.selectors_paket import paket_muat

ROOT = Path(__file__).resolve().parents[2]


def _data(nama: str = "randublatung-2024.json") -> dict:
    return muat_json((ROOT / "fixtures" / nama).read_bytes())


def _ind(data: dict, kode: str) -> dict:
    return next(i for tj in data["renstra"]["tujuan"] for i in tj["indikator"] if i["kode"] == kode)


def _data_rentang(acuan: str | None = None, *, akhir="70-80", riwayat="60 s.d. 70") -> dict:
    """IKT-2 (realisasi 2024: 75,35): its end target and its 2023 target (realisasi 70,3)
    stated as ranges, the 2023 capaian as printed against the upper bound (100,43%)."""
    data = _data()
    if acuan is not None:
        data["pemda"]["aturan"]["acuan_rentang"] = acuan
    ind = _ind(data, "IKT-2")
    ind["target_akhir"] = akhir
    ind["riwayat"]["2023"] = {"target": riwayat, "realisasi": 70.3, "capaian": Decimal("100.43")}
    return data


def _data_berjenjang(target="60 s/d 70") -> dict:
    data = _data("bogorejo-2024.json")
    data["tahun"][0]["pk_berjenjang"][0]["sasaran"][0]["target"] = target
    return data


def _bolak_balik(data: dict):
    paket = baca_paket(data)
    assert baca_paket(muat_json(dumps(tulis_paket(paket)).encode())) == paket
    return paket


def _ikt2(paket):
    return next(i for i in paket.semua_indikator() if i.kode == "IKT-2")


def test_end_target_and_earlier_target_ranges_round_trip_through_the_package():
    paket = _bolak_balik(_data_rentang("atas"))
    ind = _ikt2(paket)
    akhir, lalu = ind.target_akhir, ind.riwayat[2023].target
    assert (akhir.angka, akhir.atas, akhir.label) == (70, 80, "70 – 80")
    assert (lalu.angka, lalu.atas, lalu.label) == (60, 70, "60 – 70")
    keluar = _ind(tulis_paket(paket), "IKT-2")
    assert keluar["target_akhir"] == "70 – 80"
    assert keluar["riwayat"]["2023"]["target"] == "60 – 70"


def test_a_cascaded_pk_target_range_round_trips_through_the_package():
    paket = _bolak_balik(_data_berjenjang())
    target = paket.tahun[0].pk_berjenjang[0].sasaran[0].target
    assert (target.angka, target.atas, target.label) == (60, 70, "60 – 70")


def test_reversed_ranges_are_refused_in_indonesian_at_their_place():
    data = _data_rentang(akhir="80 – 70", riwayat="70-60")
    with pytest.raises(InvalidPaket) as e:
        baca_paket(data)
    salah = {x.path: str(x) for x in e.value.errors}
    akhir = next(p for p in salah if p.endswith("target_akhir"))
    lalu = next(p for p in salah if "riwayat" in p and p.endswith("target"))
    assert "batas bawah harus lebih kecil dari batas atas" in salah[akhir]
    assert "batas bawah harus lebih kecil dari batas atas" in salah[lalu]
    with pytest.raises(InvalidPaket) as e:
        baca_paket(_data_berjenjang("70 s.d. 60"))
    [galat] = e.value.errors
    assert "pk_berjenjang[0].sasaran[0].target" in galat.path
    assert "batas bawah harus lebih kecil" in str(galat)


@pytest.mark.parametrize(
    ("acuan", "akhir", "kemajuan"),
    [(None, "70", "107.64"), ("atas", "80", "94.19"), ("tengah", "75", "100.47")],
)
def test_tingkat_kemajuan_counts_by_the_bound_the_pemdas_rule_names(acuan, akhir, kemajuan):
    hasil = hitung(baca_paket(_data_rentang(acuan)), 2024).indikator_per_kode()["IKT-2"]
    assert hasil.target_akhir == Decimal(akhir)
    assert hasil.target_akhir_label == "70 – 80"
    assert hasil.tingkat_kemajuan.quantize(Decimal("0.01")) == Decimal(kemajuan)


@pytest.mark.parametrize(("acuan", "temuan"), [("atas", False), ("bawah", True)])
def test_an_earlier_years_printed_capaian_is_checked_against_the_named_bound(acuan, temuan):
    # 70,3 against 70 (the upper bound) is 100,43% as printed; against 60 it is 117,17%.
    hasil = hitung(baca_paket(_data_rentang(acuan)), 2024).temuan
    riwayat = [x for x in hasil if x.jenis == "capaian_riwayat_tidak_sesuai" and x.kode == "IKT-2"]
    assert bool(riwayat) is temuan
    if temuan:
        assert "117,17%" in riwayat[0].pesan


@pytest.mark.django_db
def test_the_ranges_round_trip_through_the_database():
    paket = baca_paket(_data_rentang("tengah"))
    pd = paket_simpan(paket=paket)
    ind = Indikator.objects.get(kode="IKT-2")
    assert (ind.target_akhir, ind.target_akhir_atas, ind.target_akhir_label) == (70, 80, "70 – 80")
    rw = RiwayatIndikator.objects.get(indikator=ind, tahun=2023)
    assert (rw.target, rw.target_atas, rw.target_label) == (60, 70, "60 – 70")
    assert paket_muat(pd) == paket


@pytest.mark.django_db
def test_a_cascaded_pk_range_round_trips_through_the_database():
    paket = baca_paket(_data_berjenjang())
    pd = paket_simpan(paket=paket)
    row = SasaranPKBerjenjang.objects.get(target_label="60 – 70")
    assert (row.target, row.target_atas) == (60, 70)
    assert paket_muat(pd) == paket


def test_the_document_prints_the_end_target_as_the_range():
    from laporan.dokumen.sentences import kalimat_kemajuan

    paket = baca_paket(_data_rentang("atas"))
    hasil = hitung(paket, 2024).indikator_per_kode()["IKT-2"]
    kalimat = kalimat_kemajuan(hasil, 2024, paket.renstra)
    assert "target akhir Renstra tahun 2026 sebesar 70 – 80" in kalimat
    assert "tingkat kemajuan 94,19%" in kalimat
