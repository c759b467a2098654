"""The LKE score and predicate (kinerja/engine/lke.py): computed from answers and weights."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.angka import NilaiTidakValid
from kinerja.engine.lke import (
    Komponen,
    Kriteria,
    Lembar,
    SubKomponen,
    hitung_lke,
    nilai_jawaban,
    periksa_lembar,
    predikat_lke,
)

D = Decimal
SKALA = {
    "yt": {"Y": D(1), "T": D(0)},
    "ae": {"A": D(1), "B": D("0.75"), "C": D("0.5"), "D": D("0.25"), "E": D(0)},
}
BOBOT = {"1": ("30", ("6", "9", "15")), "2": ("30", ("6", "9", "15")),
         "3": ("15", ("3", "4.5", "7.5")), "4": ("25", ("5", "7.5", "12.5"))}  # fmt: skip


def _lembar(per_sub: int = 3) -> Lembar:
    komponen = []
    for k, (bobot, subs) in BOBOT.items():
        sub = tuple(
            SubKomponen(
                f"{k}.{i}",
                D(b),
                tuple(
                    Kriteria(f"{k}.{i}.{n}", "yt" if i == 1 else "ae")
                    for n in range(1, per_sub + 1)
                ),
            )
            for i, b in enumerate(subs, 1)
        )
        komponen.append(Komponen(k, D(bobot), sub))
    return Lembar(tuple(komponen), SKALA)


LEMBAR = _lembar()
KODE = [k.kode for komp in LEMBAR.komponen for s in komp.sub for k in s.kriteria]


def test_the_default_weights_are_a_valid_worksheet():
    assert periksa_lembar(LEMBAR) == []


def test_weights_that_do_not_add_up_are_named():
    salah = Lembar(
        (
            Komponen("1", D(30), (SubKomponen("1.1", D(20), (Kriteria("a", "yt"),)),)),
            Komponen("2", D(60), (SubKomponen("2.1", D(60), ()),)),
            Komponen("3", D(5), ()),
        ),
        {"yt": {"Y": D(1), "T": D(2)}, **{}},
    )
    assert periksa_lembar(salah) == [
        "Nilai jawaban T pada skala yt harus antara 0 dan 1.",
        "Jumlah bobot komponen 95, seharusnya 100.",
        "Jumlah bobot subkomponen 1 20, seharusnya 30 (bobot komponennya).",
        "Subkomponen 2.1 belum memiliki kriteria.",
        "Komponen 3 belum memiliki subkomponen.",
    ]


def test_an_unknown_scale_and_a_zero_weight_are_refused():
    lembar = Lembar(
        (Komponen("1", D(100), (SubKomponen("1.1", D(100), (Kriteria("x", "abc", D(0)),)),)),),
        SKALA,
    )
    assert periksa_lembar(lembar) == [
        "Kriteria x memakai skala jawaban abc yang tidak dikenal.",
        "Bobot kriteria x harus lebih dari 0.",
    ]


def test_every_best_answer_is_100_and_aa():
    jawaban = {k: ("Y" if k.split(".")[1] == "1" else "A") for k in KODE}
    hasil = hitung_lke(LEMBAR, jawaban)
    assert hasil.nilai == D("100.00") and hasil.lengkap
    assert [k.nilai for k in hasil.komponen] == [D(30), D(30), D(15), D(25)]
    assert hasil.predikat.label == "AA"


def test_no_answer_is_0_incomplete_and_d():
    hasil = hitung_lke(LEMBAR, {})
    assert hasil.nilai == 0 and not hasil.lengkap and hasil.terjawab == 0
    assert hasil.jumlah == 36
    assert hasil.predikat.label == "D"


def test_a_sub_component_shares_its_weight_by_the_criteria_weights():
    sub = SubKomponen("1.3", D(15), (Kriteria("a", "ae", D(1)), Kriteria("b", "ae", D(3))))
    lembar = Lembar((Komponen("1", D(15), (sub,)),), SKALA)
    # 15 × (1×1 + 3×0,5) / 4 = 9,375 → 9,38 (half-up)
    hasil = hitung_lke(lembar, {"a": "A", "b": "C"})
    assert hasil.komponen[0].sub[0].nilai == D("9.38")
    assert hasil.komponen[0].persen == D("62.53")


def test_an_answer_not_on_the_scale_is_refused():
    with pytest.raises(NilaiTidakValid, match='Jawaban "Z" tidak ada pada skala ae'):
        hitung_lke(LEMBAR, {"1.2.1": "Z"})
    assert nilai_jawaban(SKALA["ae"], "B") == D("0.75")


@pytest.mark.parametrize(
    "nilai,predikat",
    [
        ("100", "AA"), ("90.01", "AA"), ("90.005", "AA"), ("90.00", "A"), ("90.004", "A"),
        ("80.01", "A"), ("80", "BB"), ("73.85", "BB"), ("70", "B"), ("60.01", "B"), ("60", "CC"),
        ("50", "C"), ("30.01", "C"), ("30", "D"), ("0", "D"),
    ],
)  # fmt: skip
def test_predicate_boundaries_are_lower_exclusive(nilai, predikat):
    assert predikat_lke(D(nilai)).label == predikat


def test_predicate_interpretation():
    assert predikat_lke(D("83.75")).keterangan == "Memuaskan"
    assert predikat_lke(D("73.87")).keterangan == "Sangat Baik"


JAWABAN = st.dictionaries(
    st.sampled_from(KODE), st.sampled_from(["Y", "T", "A", "B", "C", "D", "E"])
).map(lambda d: {k: (v if (k.split(".")[1] == "1") == (v in "YT") else "Y" if k.split(".")[1] == "1" else "C") for k, v in d.items()})  # fmt: skip


@given(JAWABAN)
def test_the_score_is_the_sum_of_its_parts_between_0_and_100(jawaban):
    hasil = hitung_lke(LEMBAR, jawaban)
    assert 0 <= hasil.nilai <= 100
    assert hasil.nilai == sum(k.nilai for k in hasil.komponen)
    for k in hasil.komponen:
        assert 0 <= k.nilai <= k.bobot
        assert k.nilai == sum(s.nilai for s in k.sub)
        assert all(s.nilai == s.nilai.quantize(D("0.01")) for s in k.sub)
    assert hasil.terjawab == len(jawaban)


@given(JAWABAN, st.sampled_from(KODE))
def test_a_better_answer_never_lowers_the_score(jawaban, kode):
    terbaik = "Y" if kode.split(".")[1] == "1" else "A"
    lebih = hitung_lke(LEMBAR, {**jawaban, kode: terbaik}).nilai
    assert lebih >= hitung_lke(LEMBAR, jawaban).nilai


URUTAN = ["D", "C", "CC", "B", "BB", "A", "AA"]


@given(
    st.decimals(min_value=0, max_value=100, places=3),
    st.decimals(min_value=0, max_value=100, places=3),
)
def test_the_predicate_never_falls_as_the_score_rises(a, b):
    a, b = min(a, b), max(a, b)
    assert URUTAN.index(predikat_lke(a).label) <= URUTAN.index(predikat_lke(b).label)
