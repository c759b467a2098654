"""The national days off from the ``holidays`` library, cuti bersama included."""

from __future__ import annotations

import datetime

from kinerja.engine.kalender import CUTI_BERSAMA, NASIONAL, libur_nasional

T = datetime.date


def test_2026_has_national_holidays_and_cuti_bersama() -> None:
    hari = {h.tanggal: h for h in libur_nasional(2026)}
    assert hari[T(2026, 8, 17)].jenis == NASIONAL
    assert hari[T(2026, 8, 17)].nama == "Hari Kemerdekaan Republik Indonesia"
    # SKB 3 Menteri 2026: cuti bersama around Idul Fitri and Christmas.
    for t in (T(2026, 3, 20), T(2026, 3, 23), T(2026, 3, 24), T(2026, 12, 24)):
        assert hari[t].jenis == CUTI_BERSAMA, t
        assert hari[t].nama.startswith("Cuti Bersama")


def test_weekends_are_left_out_and_the_list_is_sorted() -> None:
    for tahun in (2026, 2027):
        daftar = libur_nasional(tahun)
        assert daftar and all(h.tanggal.weekday() < 5 for h in daftar)
        assert [h.tanggal for h in daftar] == sorted({h.tanggal for h in daftar})
        assert all(h.tanggal.year == tahun for h in daftar)
    # Sunday 5 April 2026 (Easter) changes no deadline.
    assert T(2026, 4, 5) not in {h.tanggal for h in libur_nasional(2026)}
