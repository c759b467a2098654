"""The national days off of Indonesia for a year, from the ``holidays`` library.

Pure module: no Django. ``holidays`` (pinned in requirements.txt) keeps the
Indonesian calendar: the national holidays (category ``public``) and the
*cuti bersama* of the joint decree (SKB 3 Menteri; category ``government``),
with Indonesian names. Dates the library marks "(perkiraan)" are estimates of the
lunar holidays; the Admin pemda corrects them on the calendar screen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import holidays

__all__ = ["NASIONAL", "CUTI_BERSAMA", "LOKAL", "Libur", "libur_nasional"]

NASIONAL = "nasional"
CUTI_BERSAMA = "cuti_bersama"
LOKAL = "lokal"


@dataclass(frozen=True)
class Libur:
    tanggal: datetime.date
    nama: str
    jenis: str


def _daftar(tahun: int, kategori: str) -> dict[datetime.date, str]:
    return dict(holidays.Indonesia(years=tahun, categories=(kategori,), language="id").items())


def libur_nasional(tahun: int) -> list[Libur]:
    """The national holidays and cuti bersama of a year on working days, by date.

    Holidays on a Saturday or Sunday are left out: they change no deadline. A day
    that is both (never so far) counts as a national holiday.
    """
    hasil: dict[datetime.date, Libur] = {}
    for kategori, jenis in (("government", CUTI_BERSAMA), ("public", NASIONAL)):
        for tanggal, nama in _daftar(tahun, kategori).items():
            if tanggal.weekday() < 5:
                hasil[tanggal] = Libur(tanggal, nama, jenis)
    return [hasil[t] for t in sorted(hasil)]
