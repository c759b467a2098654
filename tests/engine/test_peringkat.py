"""The bounded comparison with the other perangkat daerah: rank, median, best, lowest."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.engine.capaian import Polaritas
from kinerja.engine.perbandingan import peringkat

D = Decimal
nilai = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


def test_seeds() -> None:
    p = peringkat(D("102.33"), [D("106.87"), D("95"), D("100")])
    assert p is not None
    assert (p.n, p.urutan, p.median, p.terbaik, p.terendah) == (
        4,
        2,
        D("101.165"),
        D("106.87"),
        D("95"),
    )
    neg = peringkat(D(5), [D(3), D(9)], Polaritas.NEGATIF)
    assert neg is not None
    assert (neg.urutan, neg.median, neg.terbaik, neg.terendah) == (2, D(5), D(3), D(9))


def test_nothing_to_compare_with() -> None:
    assert peringkat(D(100), []) is None


def test_without_own_value_there_is_no_rank() -> None:
    p = peringkat(None, [D(1), D(2)])
    assert p is not None
    assert (p.n, p.urutan, p.median) == (2, None, D("1.5"))


def test_ties_share_the_better_rank() -> None:
    p = peringkat(D(100), [D(100), D(100), D(90)])
    assert p is not None
    assert p.urutan == 1


@settings(deadline=None)  # a shared CI machine: timing is not what is tested
@given(nilai, st.lists(nilai, min_size=1, max_size=40), st.sampled_from(list(Polaritas)))
def test_properties(sendiri: Decimal, lain: list[Decimal], polaritas: Polaritas) -> None:
    p = peringkat(sendiri, lain, polaritas)
    assert p is not None
    semua = [*lain, sendiri]
    assert p.n == len(semua)
    assert p.urutan is not None and 1 <= p.urutan <= p.n
    assert min(semua) <= p.median <= max(semua)
    baik, buruk = (max, min) if polaritas == Polaritas.POSITIF else (min, max)
    assert (p.terbaik, p.terendah) == (baik(semua), buruk(semua))
    # As many values at or below the median as at or above it.
    assert sum(v <= p.median for v in semua) * 2 >= p.n
    assert sum(v >= p.median for v in semua) * 2 >= p.n
    # Rank 1 exactly when no one is strictly better.
    assert (p.urutan == 1) == (sendiri == p.terbaik)


@settings(deadline=None)  # a shared CI machine: timing is not what is tested
@given(nilai, st.lists(nilai, min_size=1, max_size=20))
def test_the_order_of_the_others_does_not_matter(sendiri: Decimal, lain: list[Decimal]) -> None:
    assert peringkat(sendiri, lain) == peringkat(sendiri, list(reversed(lain)))


@settings(deadline=None)  # a shared CI machine: timing is not what is tested
@given(st.lists(nilai, min_size=1, max_size=20), nilai)
def test_a_better_own_value_never_lowers_the_rank(lain: list[Decimal], sendiri: Decimal) -> None:
    a, b = peringkat(sendiri, lain), peringkat(sendiri + 1, lain)
    assert a is not None and b is not None and a.urutan is not None and b.urutan is not None
    assert b.urutan <= a.urutan
