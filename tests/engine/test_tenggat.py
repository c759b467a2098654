from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.tenggat import (
    akhir_triwulan,
    hari_kerja,
    tambah_hari_kerja,
    tenggat_triwulan,
)

T = datetime.date


def test_quarter_ends() -> None:
    assert [akhir_triwulan(2024, q) for q in (1, 2, 3, 4)] == [
        T(2024, 3, 31),
        T(2024, 6, 30),
        T(2024, 9, 30),
        T(2024, 12, 31),
    ]


def test_quarter_out_of_range() -> None:
    with pytest.raises(ValueError, match="triwulan harus 1–4"):
        akhir_triwulan(2024, 5)


def test_default_ten_working_days() -> None:
    # Sunday 31 March 2024 → Friday 12 April 2024.
    assert tenggat_triwulan(2024, 1) == T(2024, 4, 12)
    # Sunday 30 June 2024 → Friday 12 July 2024.
    assert tenggat_triwulan(2024, 2) == T(2024, 7, 12)
    # Monday 30 September 2024 → Monday 14 October 2024.
    assert tenggat_triwulan(2024, 3) == T(2024, 10, 14)
    # Tuesday 31 December 2024 → Tuesday 14 January 2025.
    assert tenggat_triwulan(2024, 4) == T(2025, 1, 14)


def test_other_number_of_days_and_holidays() -> None:
    assert tenggat_triwulan(2024, 1, hari=1) == T(2024, 4, 1)
    assert tenggat_triwulan(2024, 1, hari=5) == T(2024, 4, 5)
    # A day off inside the span pushes the deadline one working day on.
    assert tenggat_triwulan(2024, 1, hari=5, libur={T(2024, 4, 3)}) == T(2024, 4, 8)


def test_zero_days_is_the_same_or_next_working_day() -> None:
    assert tambah_hari_kerja(T(2024, 9, 30), 0) == T(2024, 9, 30)
    assert tambah_hari_kerja(T(2024, 3, 31), 0) == T(2024, 4, 1)


def test_negative_days_refused() -> None:
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        tambah_hari_kerja(T(2024, 3, 31), -1)


@given(
    tanggal=st.dates(min_value=T(2000, 1, 1), max_value=T(2100, 1, 1)),
    n=st.integers(min_value=1, max_value=60),
)
def test_result_is_a_weekday_exactly_n_weekdays_later(tanggal: datetime.date, n: int) -> None:
    hasil = tambah_hari_kerja(tanggal, n)
    assert hasil.weekday() < 5
    assert hasil > tanggal
    hari = [tanggal + datetime.timedelta(days=i) for i in range(1, (hasil - tanggal).days + 1)]
    assert sum(1 for h in hari if hari_kerja(h)) == n


@given(
    tahun=st.integers(min_value=2000, max_value=2100),
    triwulan=st.integers(min_value=1, max_value=4),
    n=st.integers(min_value=1, max_value=30),
)
def test_quarter_deadline_counts_from_the_quarter_end(tahun: int, triwulan: int, n: int) -> None:
    akhir = akhir_triwulan(tahun, triwulan)
    hasil = tenggat_triwulan(tahun, triwulan, hari=n)
    assert hasil.weekday() < 5
    antara = [akhir + datetime.timedelta(days=i) for i in range(1, (hasil - akhir).days + 1)]
    assert sum(1 for h in antara if h.weekday() < 5) == n
