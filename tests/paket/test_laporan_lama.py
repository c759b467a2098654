"""What a report made before this application states, kept without bending its data
(issue 14 §4): a target stated as a range, earlier years given only as capaian,
programs without Kepmendagri codes, a reported predicate checked.

Each through the package (parser and serializer), the database (paket_simpan and
paket_muat) and the computation."""

from __future__ import annotations

import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command

from interchange.buku_tahun import baca_buku_tahun
from interchange.simpan import paket_simpan
from kinerja.engine.capaian import AcuanRentang
from kinerja.engine.hitung import hitung
from kinerja.models import Kegiatan, Pemda, Program, SubKegiatan, TargetPK, TargetTahunan
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import dumps, tulis_paket
from laporan.selectors_paket import paket_muat

ROOT = Path(__file__).resolve().parents[2]


def _data() -> dict:
    return muat_json((ROOT / "fixtures" / "randublatung-2024.json").read_bytes())


def _bolak_balik(data: dict):
    """The paket read, written and read again: both readings must be equal."""
    paket = baca_paket(data)
    lagi = baca_paket(muat_json(dumps(tulis_paket(paket)).encode()))
    assert lagi == paket
    return paket


def _ikt2(paket):
    return next(i for i in paket.semua_indikator() if i.kode == "IKT-2")


# --------------------------------------------------------------------------- target as a range


def _data_rentang(acuan: str | None = None) -> dict:
    """IKT-2 (realisasi 2024: 75,35) with its 2024 targets stated as ranges."""
    data = _data()
    if acuan is not None:
        data["pemda"]["aturan"]["acuan_rentang"] = acuan
    ind = next(
        i for tj in data["renstra"]["tujuan"] for i in tj["indikator"] if i["kode"] == "IKT-2"
    )
    ind["target_tahunan"]["2024"] = "60 s.d. 70"
    for pk in data["tahun"][0]["perjanjian_kinerja"]:
        pk["target"]["IKT-2"] = "60-70"
    return data


def test_a_range_target_round_trips_through_the_package():
    paket = _bolak_balik(_data_rentang("atas"))
    ind = _ikt2(paket)
    assert (ind.target_tahunan[2024].angka, ind.target_tahunan[2024].atas) == (60, 70)
    pk = paket.tahun[0].pk_berlaku()
    assert pk.target["IKT-2"].label == "60 – 70"
    assert paket.pemda.aturan.acuan_rentang is AcuanRentang.ATAS
    keluar = tulis_paket(paket)
    assert keluar["pemda"]["aturan"]["acuan_rentang"] == "atas"
    assert keluar["tahun"][0]["perjanjian_kinerja"][-1]["target"]["IKT-2"] == "60 – 70"


def test_the_default_bound_is_not_written():
    assert "acuan_rentang" not in tulis_paket(baca_paket(_data_rentang()))["pemda"]["aturan"]


def test_an_unknown_bound_and_a_reversed_range_are_errors():
    data = _data_rentang("maksimum")
    data["tahun"][0]["perjanjian_kinerja"][0]["target"]["IKT-2"] = "70 – 60"
    with pytest.raises(InvalidPaket) as e:
        baca_paket(data)
    teks = " ".join(str(x) for x in e.value.errors)
    assert "$.pemda.aturan.acuan_rentang" in teks
    assert "batas bawah harus lebih kecil" in teks


@pytest.mark.parametrize(
    ("acuan", "target", "capaian"),
    [
        (None, "60", "125.58"),
        ("bawah", "60", "125.58"),
        ("atas", "70", "107.64"),
        ("tengah", "65", "115.92"),
    ],
)
def test_capaian_against_the_bound_the_pemdas_rule_names(acuan, target, capaian):
    hasil = hitung(baca_paket(_data_rentang(acuan)), 2024).indikator_per_kode()["IKT-2"]
    assert hasil.target == Decimal(target)
    assert hasil.target_label == "60 – 70"
    assert hasil.capaian.quantize(Decimal("0.01")) == Decimal(capaian)
    assert "rentang 60 – 70" in hasil.rumus


def test_a_range_equal_in_pk_and_renstra_is_no_finding():
    temuan = hitung(baca_paket(_data_rentang()), 2024).temuan
    assert not [x for x in temuan if x.jenis == "target_pk_berbeda_renstra" and x.kode == "IKT-2"]


@pytest.mark.django_db
def test_a_range_target_round_trips_through_the_database():
    paket = baca_paket(_data_rentang("tengah"))
    pd = paket_simpan(paket=paket)
    row = TargetTahunan.objects.get(indikator__kode="IKT-2", tahun=2024)
    assert (row.nilai, row.nilai_atas, row.label) == (60, 70, "60 – 70")
    assert TargetPK.objects.filter(indikator__kode="IKT-2", nilai_atas=70).count() == 2
    assert Pemda.objects.get().acuan_rentang == "tengah"
    dimuat = paket_muat(pd)
    assert dimuat == paket
    assert hitung(dimuat, 2024).indikator_per_kode()["IKT-2"].target == Decimal(65)


# --------------------------------------------------------------------------- reported predicate


def _data_predikat(*nilai: tuple[str, str]) -> dict:
    data = _data()
    for kode, teks in nilai:
        data["tahun"][0]["angka_dilaporkan"].append(
            {"jenis": "predikat", "kode": kode, "nilai": teks, "sumber": "Bab IV"}
        )
    return data


def _tidak_sesuai(paket, kode: str) -> list:
    return [
        x
        for x in hitung(paket, 2024).temuan
        if x.jenis == "angka_dilaporkan_tidak_sesuai" and x.lokasi == f"predikat {kode}"
    ]


def test_a_reported_predicate_round_trips_as_text():
    paket = _bolak_balik(_data_predikat(("total", "Sangat Baik"), ("IKT-1", "Baik")))
    dilaporkan = [a for a in paket.tahun[0].angka_dilaporkan if a.jenis == "predikat"]
    assert [(a.kode, a.nilai) for a in dilaporkan] == [("total", "Sangat Baik"), ("IKT-1", "Baik")]


def test_a_reported_predicate_must_be_text_with_a_known_code():
    data = _data_predikat(("total", 90), ("IKX-9", "Baik"))
    with pytest.raises(InvalidPaket) as e:
        baca_paket(data)
    teks = " ".join(str(x) for x in e.value.errors)
    assert "harus berupa teks" in teks
    assert "kode 'IKX-9' tidak dikenal untuk angka berjenis 'predikat'" in teks


def test_the_reported_predicate_of_the_year_is_checked():
    # Randublatung 2024: rata-rata capaian IKU above 100% → "Sangat Baik" on the Blora scale.
    benar = baca_paket(_data_predikat(("total", "SANGAT  baik")))
    assert _tidak_sesuai(benar, "total") == []
    salah = baca_paket(_data_predikat(("total", "Baik")))
    [temuan] = _tidak_sesuai(salah, "total")
    assert temuan.pesan.startswith('Bab IV: predikat tahun dilaporkan "Baik", hasil perhitungan')
    assert '"Sangat Baik"' in temuan.pesan and "rata-rata capaian IKU" in temuan.pesan


def test_the_reported_predicate_of_an_indicator_is_checked():
    predikat = hitung(baca_paket(_data()), 2024).indikator_per_kode()["IKT-1"].predikat
    assert _tidak_sesuai(baca_paket(_data_predikat(("IKT-1", predikat))), "IKT-1") == []
    [temuan] = _tidak_sesuai(baca_paket(_data_predikat(("IKT-1", "Kurang"))), "IKT-1")
    assert f'"{predikat}"' in temuan.pesan


@pytest.mark.django_db
def test_a_reported_predicate_round_trips_through_the_database():
    paket = baca_paket(_data_predikat(("total", "Baik")))
    dimuat = paket_muat(paket_simpan(paket=paket))
    assert dimuat == paket
    assert len(_tidak_sesuai(dimuat, "total")) == 1


# --------------------------------------------------------------------------- capaian of earlier years


def _data_riwayat() -> dict:
    """IKT-1: 2021 given only as capaian; 2022 (target 85, realisasi 86,12 → 101,32%) with a
    capaian printed wrong; 2023 (85,5 / 88,21 → 103,17%) with the right one."""
    data = _data()
    ind = next(
        i for tj in data["renstra"]["tujuan"] for i in tj["indikator"] if i["kode"] == "IKT-1"
    )
    ind["riwayat"]["2021"] = {"capaian": Decimal("98.50")}
    ind["riwayat"]["2022"]["capaian"] = Decimal("110.00")
    ind["riwayat"]["2023"]["capaian"] = Decimal("103.17")
    return data


def test_a_capaian_only_year_round_trips_at_its_printed_precision():
    paket = _bolak_balik(_data_riwayat())
    riwayat = next(i for i in paket.semua_indikator() if i.kode == "IKT-1").riwayat
    assert (riwayat[2021].target, riwayat[2021].realisasi) == (None, None)
    assert str(riwayat[2021].capaian) == "98.50"
    keluar = muat_json(dumps(tulis_paket(paket)).encode())
    ikt1 = next(i for i in keluar["renstra"]["tujuan"][0]["indikator"] if i["kode"] == "IKT-1")
    assert ikt1["riwayat"]["2021"] == {"capaian": Decimal("98.50")}
    assert str(ikt1["riwayat"]["2021"]["capaian"]) == "98.50"


def test_a_reported_capaian_of_an_earlier_year_is_checked():
    temuan = [
        x
        for x in hitung(baca_paket(_data_riwayat()), 2024).temuan
        if x.jenis == "capaian_riwayat_tidak_sesuai"
    ]
    assert [(x.kode, x.lokasi) for x in temuan] == [("IKT-1", "riwayat IKT-1 tahun 2022")]
    assert "dilaporkan 110,00%" in temuan[0].pesan and "101,32%" in temuan[0].pesan


def test_a_capaian_that_is_not_a_number_is_an_error():
    data = _data()
    ind = data["renstra"]["tujuan"][0]["indikator"][0]
    ind["riwayat"]["2021"] = {"capaian": "tinggi"}
    with pytest.raises(InvalidPaket) as e:
        baca_paket(data)
    assert "riwayat" in e.value.errors[0].path and "capaian" in e.value.errors[0].path


@pytest.mark.django_db
def test_a_capaian_only_year_round_trips_through_the_database():
    paket = baca_paket(_data_riwayat())
    dimuat = paket_muat(paket_simpan(paket=paket))
    assert dimuat == paket
    ind = next(i for i in dimuat.semua_indikator() if i.kode == "IKT-1")
    assert str(ind.riwayat[2021].capaian) == "98.50"


# --------------------------------------------------------------------------- programs without codes

# Code in the demo → the code made up for it once the report gives none.
TANPA_KODE = {
    "7.01.06.2.01.03": "X.01.01.01",
    "7.01.06.2.01": "X.01.01",
    "7.01.06": "X.01",
    "7.01.05.2.01.02": "7.01.05.X01.01",
    "7.01.05.2.01.08": "7.01.05.X01.02",
    "7.01.05.2.01": "7.01.05.X01",
}


def _data_tanpa_kode() -> dict:
    """Program 7.01.06 (with its kegiatan and sub kegiatan) and kegiatan 7.01.05.2.01
    (with its sub kegiatan) given without codes; the budget refers to the made-up ones."""
    teks = (ROOT / "fixtures" / "randublatung-2024.json").read_text()
    for asli, buatan in TANPA_KODE.items():
        teks = teks.replace(f'"{asli}', f'"{buatan}')
    data = muat_json(teks.encode())
    for p in data["program"]:
        for node in [p, *p["kegiatan"], *(s for k in p["kegiatan"] for s in k["sub_kegiatan"])]:
            if node["kode"] in TANPA_KODE.values():
                if node["kode"] == "X.01":
                    node["kode"] = None  # an explicit "no code" is the same as none
                else:
                    del node["kode"]
    return data


def test_nodes_without_a_code_get_one_made_up_and_marked():
    paket = _bolak_balik(_data_tanpa_kode())
    program = {p.kode: p for p in paket.program}
    assert program["X.01"].kode_buatan and not program["7.01.05"].kode_buatan
    assert [k.kode for k in program["X.01"].kegiatan] == ["X.01.01"]
    assert [s.kode for s in program["X.01"].kegiatan[0].sub_kegiatan] == ["X.01.01.01"]
    kegiatan = program["7.01.05"].kegiatan[0]
    assert (kegiatan.kode, kegiatan.kode_buatan) == ("7.01.05.X01", True)
    assert [s.kode for s in kegiatan.sub_kegiatan] == ["7.01.05.X01.01", "7.01.05.X01.02"]
    assert paket.kode_buatan() == set(TANPA_KODE.values())
    # Exported without the made-up codes.
    keluar = tulis_paket(paket)["program"]
    assert "kode" not in keluar[-1] and keluar[-1]["nama"] == program["X.01"].nama
    assert "kode" not in keluar[-2]["kegiatan"][0]
    assert "kode" not in keluar[-2]["kegiatan"][0]["sub_kegiatan"][0]


def test_the_budget_of_nodes_without_a_code_counts():
    asli = hitung(baca_paket(_data()), 2024)
    tanpa_kode = hitung(baca_paket(_data_tanpa_kode()), 2024)
    assert tanpa_kode.ringkasan == asli.ringkasan
    assert (
        tanpa_kode.anggaran_per_kode()["X.01"]["pagu"]
        == asli.anggaran_per_kode()["7.01.06"]["pagu"]
    )


def test_a_finding_names_a_node_without_a_code_by_its_name():
    data = _data_tanpa_kode()
    th = next(x for x in data["tahun"] if x["tahun"] == 2024)
    # Realisasi of the program without a code above its pagu: a finding on it.
    dpa = th["dpa"][-1]
    th["realisasi_anggaran"]["X.01.01.01"] = str(Decimal(dpa["pagu"]["X.01.01.01"]) + 1000)
    paket = baca_paket(data)
    program = next(p for p in paket.program if p.kode == "X.01")
    sub = program.kegiatan[0].sub_kegiatan[0]
    temuan = [x for x in hitung(paket, 2024).temuan if "X.01" in x.kode]
    assert temuan, "the changed realisasi must give a finding"
    for x in temuan:
        assert not re.search(r"X\.?\d", x.pesan), x.pesan
    assert any(f"“{sub.nama}” (tanpa kode)" in x.pesan for x in temuan)


def test_a_made_up_code_is_no_kepmendagri_code():
    data = _data()
    data["program"][0]["kode"] = "X.01"
    with pytest.raises(InvalidPaket) as e:
        baca_paket(data)
    assert "tidak berformat kode Kepmendagri" in e.value.errors[0].pesan


@pytest.mark.django_db
def test_nodes_without_a_code_round_trip_through_the_database():
    paket = baca_paket(_data_tanpa_kode())
    dimuat = paket_muat(paket_simpan(paket=paket))
    assert dimuat == paket
    assert list(Program.objects.filter(kode_buatan=True).values_list("kode", flat=True)) == ["X.01"]
    assert Kegiatan.objects.filter(kode_buatan=True).count() == 2
    assert SubKegiatan.objects.filter(kode_buatan=True).count() == 3


# --------------------------------------------------------------------------- all of it, in the year workbook


def _data_semua() -> dict:
    data = _data_tanpa_kode()
    data["pemda"]["aturan"]["acuan_rentang"] = "atas"
    for bagian in (_data_rentang(), _data_riwayat()):
        for tj, asli in zip(data["renstra"]["tujuan"], bagian["renstra"]["tujuan"], strict=True):
            for ind, ind_asli in zip(tj["indikator"], asli["indikator"], strict=True):
                if ind["kode"] in ("IKT-1", "IKT-2"):
                    ind["target_tahunan"] = ind_asli["target_tahunan"]
                    ind["riwayat"] = ind_asli["riwayat"]
    data["tahun"][0]["perjanjian_kinerja"] = _data_rentang()["tahun"][0]["perjanjian_kinerja"]
    for pk in data["tahun"][0]["perjanjian_kinerja"]:
        pk["anggaran_program"]["X.01"] = pk["anggaran_program"].pop("7.01.06")
    data["tahun"][0]["angka_dilaporkan"] += _data_predikat(("total", "Baik"))["tahun"][0][
        "angka_dilaporkan"
    ][-1:]
    return data


@pytest.mark.django_db
def test_the_year_workbook_holds_all_of_it(tmp_path):
    paket = _bolak_balik(_data_semua())
    pd = paket_simpan(paket=paket)
    buku = tmp_path / "tahun.xlsx"
    call_command(
        "ekspor_xlsx", "--pd", pd.kode, "--tahun", "2024", "--keluar", str(buku), stdout=StringIO()
    )
    dibaca, tahun = baca_buku_tahun(openpyxl.load_workbook(buku))
    assert tahun == 2024
    assert dibaca == paket_muat(pd, 2024)
    hasil = hitung(dibaca, 2024)
    assert hasil.indikator_per_kode()["IKT-2"].target == Decimal(70)
    jenis = {x.jenis for x in hasil.temuan}
    assert {"capaian_riwayat_tidak_sesuai", "angka_dilaporkan_tidak_sesuai"} <= jenis
