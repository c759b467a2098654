"""The reporting deadline of a triwulan: N working days after the quarter ends.

Pure module: no Django imports. Until the pemda keeps a holiday calendar, the
only days off are Saturday and Sunday; ``libur`` already takes extra days off
so that a calendar can be passed in later without changing the callers.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

__all__ = [
    "TENGGAT_BAWAAN",
    "akhir_triwulan",
    "hari_kerja",
    "tambah_hari_kerja",
    "tenggat_triwulan",
]

# Default: ten working days after the quarter ends.
TENGGAT_BAWAAN = 10

_AKHIR = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def akhir_triwulan(tahun: int, triwulan: int) -> datetime.date:
    """The last day of a quarter: 31 March, 30 June, 30 September, 31 December."""
    if triwulan not in _AKHIR:
        raise ValueError(f"triwulan harus 1–4, tertulis {triwulan}")
    bulan, hari = _AKHIR[triwulan]
    return datetime.date(tahun, bulan, hari)


def hari_kerja(tanggal: datetime.date, libur: Collection[datetime.date] = ()) -> bool:
    """Monday to Friday and not a listed day off."""
    return tanggal.weekday() < 5 and tanggal not in libur


def tambah_hari_kerja(
    tanggal: datetime.date, n: int, libur: Collection[datetime.date] = ()
) -> datetime.date:
    """The n-th working day after ``tanggal`` (``tanggal`` itself is not counted).

    With n = 0 the answer is ``tanggal`` itself when it is a working day, else the
    next working day.
    """
    if n < 0:
        raise ValueError(f"jumlah hari kerja tidak boleh negatif, tertulis {n}")
    hari = tanggal
    if n == 0:
        while not hari_kerja(hari, libur):
            hari += datetime.timedelta(days=1)
        return hari
    sisa = n
    while sisa:
        hari += datetime.timedelta(days=1)
        if hari_kerja(hari, libur):
            sisa -= 1
    return hari


def tenggat_triwulan(
    tahun: int,
    triwulan: int,
    hari: int = TENGGAT_BAWAAN,
    libur: Collection[datetime.date] = (),
) -> datetime.date:
    """The deadline of a quarter's report: ``hari`` working days after its last day.

    Triwulan I 2024 ends on Sunday 31 March 2024; ten working days later is
    Friday 12 April 2024.
    """
    return tambah_hari_kerja(akhir_triwulan(tahun, triwulan), hari, libur)
