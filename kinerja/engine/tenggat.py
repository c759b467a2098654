"""The reporting deadline of a triwulan: N working days after the quarter ends.

Pure module: no Django imports. Saturday and Sunday are always days off; ``libur``
takes the pemda's other days off (national holidays, cuti bersama, local days, kept
by ``kinerja.models.HariLibur``). The same counting gives the LKjIP deadline and the
days on which a reminder falls due.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

__all__ = [
    "SUSULAN_BAWAAN",
    "TENGGAT_BAWAAN",
    "akhir_triwulan",
    "hari_kerja",
    "kurang_hari_kerja",
    "pengingat_jatuh",
    "tambah_hari_kerja",
    "tanggal_pengingat",
    "tenggat_lkjip",
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


def kurang_hari_kerja(
    tanggal: datetime.date, n: int, libur: Collection[datetime.date] = ()
) -> datetime.date:
    """The n-th working day before ``tanggal`` (``tanggal`` itself is not counted).

    With n = 0 the answer is ``tanggal`` itself when it is a working day, else the
    previous working day.
    """
    if n < 0:
        raise ValueError(f"jumlah hari kerja tidak boleh negatif, tertulis {n}")
    hari = tanggal
    if n == 0:
        while not hari_kerja(hari, libur):
            hari -= datetime.timedelta(days=1)
        return hari
    sisa = n
    while sisa:
        hari -= datetime.timedelta(days=1)
        if hari_kerja(hari, libur):
            sisa -= 1
    return hari


def tenggat_lkjip(
    tahun: int, hari: int | None = None, libur: Collection[datetime.date] = ()
) -> datetime.date:
    """The deadline of the LKjIP of ``tahun``.

    ``hari`` working days after the year ends when the pemda set it; else the
    regulation's default, "paling lambat dua bulan setelah tahun anggaran berakhir"
    (PermenPANRB 53/2014): the last day of February of the next year, as a calendar
    date (28 February 2025 for 2024, 29 February 2028 for 2027).
    """
    if hari is None:
        return datetime.date(tahun + 1, 3, 1) - datetime.timedelta(days=1)
    return tambah_hari_kerja(datetime.date(tahun, 12, 31), hari, libur)


# Kinds of reminder: some working days before the deadline, some after it.
SEBELUM = "sebelum"
SESUDAH = "sesudah"
# A reminder missed (the scheduled job did not run) is still sent this many
# working days after its day, never later.
SUSULAN_BAWAAN = 3


def tanggal_pengingat(
    tenggat: datetime.date, jenis: str, n: int, libur: Collection[datetime.date] = ()
) -> datetime.date:
    """The working day of a reminder: ``n`` working days before or after the deadline.

    With n = 0 the reminder falls on the deadline itself (or the nearest working day
    on the reminder's side of it).
    """
    if jenis == SEBELUM:
        return kurang_hari_kerja(tenggat, n, libur)
    if jenis == SESUDAH:
        return tambah_hari_kerja(tenggat, n, libur)
    raise ValueError(f"jenis pengingat tidak dikenal: {jenis}")


def pengingat_jatuh(
    hari_pengingat: datetime.date,
    pada: datetime.date,
    libur: Collection[datetime.date] = (),
    susulan: int = SUSULAN_BAWAAN,
) -> bool:
    """Whether a reminder falling on ``hari_pengingat`` is due on ``pada``.

    Due on its own working day and, when that run was missed, on the next
    ``susulan`` working days; never on a day off, never before its day.
    """
    if not hari_kerja(pada, libur) or pada < hari_pengingat:
        return False
    return pada <= tambah_hari_kerja(hari_pengingat, susulan, libur)
