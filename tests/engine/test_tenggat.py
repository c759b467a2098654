from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.tenggat import (
    SEBELUM,
    SESUDAH,
    akhir_triwulan,
    hari_kerja,
    kurang_hari_kerja,
    pengingat_jatuh,
    tambah_hari_kerja,
    tanggal_pengingat,
    tenggat_lkjip,
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


# Days off of the calendar: Idul Fitri 2026 and its cuti bersama (Fri 20 – Tue 24 March).
LEBARAN_2026 = {T(2026, 3, 20), T(2026, 3, 23), T(2026, 3, 24)}


def test_holidays_push_the_quarter_deadline() -> None:
    # TW I 2026 ends on Tuesday 31 March; ten working days later is Tuesday 14 April …
    assert tenggat_triwulan(2026, 1) == T(2026, 4, 14)
    # … and Good Friday (3 April) moves it to Wednesday 15 April.
    assert tenggat_triwulan(2026, 1, libur={T(2026, 4, 3)}) == T(2026, 4, 15)


def test_working_days_backwards() -> None:
    # Wednesday 25 March 2026, after Lebaran: the working day before is Thursday 19 March.
    assert kurang_hari_kerja(T(2026, 3, 25), 1, LEBARAN_2026) == T(2026, 3, 19)
    assert kurang_hari_kerja(T(2026, 3, 25), 1) == T(2026, 3, 24)
    assert kurang_hari_kerja(T(2026, 3, 22), 0, LEBARAN_2026) == T(2026, 3, 19)
    assert kurang_hari_kerja(T(2026, 3, 25), 0, LEBARAN_2026) == T(2026, 3, 25)
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        kurang_hari_kerja(T(2026, 3, 25), -1)


def test_lkjip_deadline() -> None:
    # The regulation: two months after the year ends, the last day of February.
    assert tenggat_lkjip(2024) == T(2025, 2, 28)
    assert tenggat_lkjip(2027) == T(2028, 2, 29)
    # A pemda's own rule: N working days after 31 December, holidays skipped.
    assert tenggat_lkjip(2025, 3) == T(2026, 1, 5)
    assert tenggat_lkjip(2025, 3, libur={T(2026, 1, 1)}) == T(2026, 1, 6)


def test_reminder_days_around_a_holiday() -> None:
    tenggat = T(2026, 3, 25)
    assert tanggal_pengingat(tenggat, SEBELUM, 2, LEBARAN_2026) == T(2026, 3, 18)
    assert tanggal_pengingat(tenggat, SEBELUM, 2) == T(2026, 3, 23)
    assert tanggal_pengingat(T(2026, 3, 19), SESUDAH, 1, LEBARAN_2026) == T(2026, 3, 25)
    with pytest.raises(ValueError, match="jenis pengingat"):
        tanggal_pengingat(tenggat, "lain", 1)


def test_a_reminder_is_due_on_its_working_day_and_a_few_missed_ones_after() -> None:
    hari = T(2026, 3, 19)
    assert not pengingat_jatuh(hari, T(2026, 3, 18), LEBARAN_2026)
    assert pengingat_jatuh(hari, hari, LEBARAN_2026)
    # Never on a day off; the missed run is made up on the next working days.
    assert not pengingat_jatuh(hari, T(2026, 3, 20), LEBARAN_2026)
    assert pengingat_jatuh(hari, T(2026, 3, 25), LEBARAN_2026, susulan=1)
    assert not pengingat_jatuh(hari, T(2026, 3, 26), LEBARAN_2026, susulan=1)


@given(
    tanggal=st.dates(min_value=T(2000, 1, 1), max_value=T(2100, 1, 1)),
    n=st.integers(min_value=0, max_value=60),
    libur=st.sets(st.dates(min_value=T(2000, 1, 1), max_value=T(2100, 1, 1)), max_size=5),
)
def test_backwards_undoes_forwards(tanggal: datetime.date, n: int, libur: set) -> None:
    maju = tambah_hari_kerja(tanggal, n, libur)
    assert hari_kerja(maju, libur)
    mundur = kurang_hari_kerja(maju, n, libur)
    # Back to ``tanggal``, or the last working day before it when it is a day off.
    assert mundur == (kurang_hari_kerja(tanggal, 0, libur) if n else maju)
