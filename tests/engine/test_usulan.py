"""Proposed quarterly targets: rolled up by their own tipe penghitungan they give the annual target."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.angka import Nilai, NilaiTidakValid
from kinerja.engine.realisasi import Rasio, TipePenghitungan, nilai_tahunan
from kinerja.engine.usulan import usulan_target_triwulan

# Targets as stored (NILAI: 20 digits, 6 decimals), positive, zero and negative.
TARGET = st.decimals(
    min_value=Decimal("-99999999999999.999999"),
    max_value=Decimal("99999999999999.999999"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)


def _angka(v):
    return v.angka if isinstance(v, Nilai) else v


@given(target=TARGET, tipe=st.sampled_from(list(TipePenghitungan)))
def test_rollup_of_the_proposal_is_the_target(target, tipe):
    usulan = usulan_target_triwulan(Nilai(target), tipe)
    assert len(usulan) == 4
    assert nilai_tahunan([_angka(v) for v in usulan], tipe) == target


@given(target=TARGET)
def test_jumlah_parts_keep_the_precision_of_the_target(target):
    usulan = usulan_target_triwulan(Nilai(target), TipePenghitungan.JUMLAH)
    kuantum = min(target.normalize().as_tuple().exponent, 0)
    assert all(v.angka.as_tuple().exponent >= kuantum for v in usulan)
    assert max(v.angka for v in usulan) - min(v.angka for v in usulan) <= Decimal(1).scaleb(kuantum)


@given(target=st.decimals(min_value=0, max_value=10**9, places=2))
def test_kumulatif_rises_to_the_target(target):
    usulan = [v.angka for v in usulan_target_triwulan(Nilai(target), "kumulatif")]
    assert usulan == sorted(usulan)
    assert usulan[3] == target


@pytest.mark.parametrize(
    ("target", "tipe", "harap"),
    [
        ("12", "jumlah", ["3", "3", "3", "3"]),
        ("7", "jumlah", ["1", "2", "2", "2"]),
        ("73.75", "jumlah", ["18.43", "18.44", "18.44", "18.44"]),
        ("98", "kumulatif", ["25", "49", "74", "98"]),
        ("86.5", "kumulatif", ["21.6", "43.3", "64.9", "86.5"]),
        ("94", "rata-rata", ["94", "94", "94", "94"]),
        ("71", "nilai-akhir", [None, None, None, "71"]),
    ],
)
def test_examples(target, tipe, harap):
    usulan = usulan_target_triwulan(Nilai(Decimal(target)), tipe)
    assert [_angka(v) for v in usulan] == [None if h is None else Decimal(h) for h in harap]


def test_graded_targets_keep_their_label_where_the_quarter_is_the_year():
    t = Nilai(Decimal("73.75"), "BB (73,75)")
    assert usulan_target_triwulan(t, "nilai-akhir")[3] == t
    assert usulan_target_triwulan(t, "kumulatif")[3] == t
    assert usulan_target_triwulan(t, "rata-rata") == [t] * 4
    # A quarter of a yearly grade is no grade: the parts of a sum are plain numbers.
    assert all(v.label is None for v in usulan_target_triwulan(t, "jumlah"))
    assert all(v.label is None for v in usulan_target_triwulan(t, "kumulatif")[:3])


def test_rasio_proposes_numerator_over_hundred():
    usulan = usulan_target_triwulan(Nilai(Decimal("88.89")), "rasio")
    assert usulan == [Rasio(Decimal("88.89"), Decimal(100))] * 4


def test_unknown_tipe_is_refused():
    with pytest.raises(NilaiTidakValid, match="tidak dikenal"):
        usulan_target_triwulan(Nilai(Decimal(1)), "median")
