from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.engine.angka import bulatkan
from kinerja.engine.sumber_daya import efisiensi_baris, efisiensi_total, ketersediaan

D = Decimal


def test_sdm_rows_of_s2() -> None:
    # S2 Tabel 3.16: 5 of 18 → 27,78 % → efisiensi 72,22; 8 of 22 → 36,36 → 63,64.
    k = ketersediaan([(5, 18)])
    assert bulatkan(k.persen) == D("27.78")
    assert bulatkan(efisiensi_baris(k.persen)) == D("72.22")
    assert bulatkan(efisiensi_baris(ketersediaan([(8, 22)]).persen)) == D("63.64")


def test_total_is_the_ratio_of_sums_not_the_mean_of_rows() -> None:
    # S2 prints 31,71 for 13/40; the correct ratio is 32,50.
    k = ketersediaan([(5, 18), (8, 22)])
    assert (k.tersedia, k.kebutuhan) == (13, 40)
    assert k.persen == D("32.5")


def test_sarpras_efficiency_of_s2() -> None:
    k = ketersediaan([(443, 462)])
    assert bulatkan(k.persen) == D("95.89")
    assert bulatkan(efisiensi_total(D("97.17"), bulatkan(k.persen))) == D("1.28")


def test_rows_without_need_are_left_out() -> None:
    k = ketersediaan([(3, None), (2, 4)])
    assert (k.tersedia, k.kebutuhan, k.persen) == (2, 4, D(50))
    assert ketersediaan([(3, None)]).persen is None
    assert ketersediaan([(3, 0)]).persen is None
    assert efisiensi_baris(None) is None
    assert efisiensi_total(None, D(50)) is None
    assert efisiensi_total(D(90), None) is None


def test_negative_refused() -> None:
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        ketersediaan([(-1, 4)])
