"""Indonesian display of numbers, amounts, dates and NIPs (DOMAIN §11).

Pure module: no Django, no app import. These functions turn values into the
text a user reads ("1.234.567,89", "102,33%", "Rp 3.312.000.900",
"14 April 2025", "19670621 199203 1 004", "dua miliar"); they never change a
value. Rounding for display is :func:`lib.decimals.bulatkan` (half-up), the same
rule the calculation uses. Template filters (``kinerja.templatetags.format_id``),
the document, the charts and the engine's Indonesian messages all call these.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from lib.decimals import NilaiTidakValid, bulatkan, jumlah_desimal

__all__ = [
    "romawi",
    "BULAN",
    "format_angka",
    "format_angka_alami",
    "format_persen",
    "BATAS_PERSEN",
    "desimal_putusan",
    "format_angka_putusan",
    "format_persen_putusan",
    "format_rupiah",
    "format_tanggal",
    "format_nip",
    "format_ukuran",
    "terbilang",
]

BULAN: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def _kelompok_ribuan(digit: str) -> str:
    bagian: list[str] = []
    while len(digit) > 3:
        bagian.append(digit[-3:])
        digit = digit[:-3]
    bagian.append(digit)
    return ".".join(reversed(bagian))


def format_angka(d: Decimal | int | None, desimal: int = 2) -> str:
    """Indonesian number: thousands '.', decimal ',', half-up: "1.234.567,89"; None → "-"."""
    if d is None:
        return "-"
    q = bulatkan(Decimal(d), desimal)
    tanda = "-" if q < 0 else ""  # rounded zero prints without sign
    teks = f"{abs(q):f}"
    bulat, _, pecahan = teks.partition(".")
    hasil = _kelompok_ribuan(bulat)
    if desimal > 0:
        hasil = f"{hasil},{pecahan}"
    return tanda + hasil


def format_angka_alami(d: Decimal | int | None) -> str:
    """Format with the decimals the number actually needs: 80 → "80", 88.310 → "88,31"."""
    if d is None:
        return "-"
    d = Decimal(d)
    n = d.normalize()
    desimal = jumlah_desimal(n)
    if n != d:  # more digits than the context holds: rounded as format_angka rounds
        return format_angka(d, desimal)
    # At the decimals the number has, rounding changes nothing: its digits as they are.
    bulat, _, pecahan = f"{abs(n):f}".partition(".")
    hasil = _kelompok_ribuan(bulat)
    return ("-" if n < 0 else "") + (f"{hasil},{pecahan}" if desimal > 0 else hasil)


def format_persen(d: Decimal | int | None, desimal: int = 2) -> str:
    """ "102,33%" (sign attached, no space); None → "-"."""
    if d is None:
        return "-"
    return f"{format_angka(d, desimal)}%"


# --------------------------------------------------------------------------- verdicts

# The boundaries every printed percentage keeps its side of: nothing, and the whole.
BATAS_PERSEN: tuple[Decimal, ...] = (Decimal(0), Decimal(100))
# Beyond this many decimals a value still on the wrong side of a boundary (a difference
# of a few millionths, an artefact of a division) is printed as "< 100" / "> 100".
MAKS_DESIMAL_PUTUSAN = 6


def _sisi(a: Decimal, b: Decimal) -> int:
    return (a > b) - (a < b)


def desimal_putusan(nilai: Decimal | int, batas=BATAS_PERSEN, desimal: int = 2) -> int | None:
    """The fewest decimals (at least ``desimal``) at which ``nilai`` rounded half-up lies on
    the same side of every boundary in ``batas`` as ``nilai`` itself: rounding never moves
    a value onto (or across) a boundary it does not reach, so a verdict decided from the
    value (tercapai at 100, efisien above 0) is the one the printed figure shows.
    None when even :data:`MAKS_DESIMAL_PUTUSAN` decimals do not keep the side."""
    d = Decimal(nilai)
    batas = [Decimal(b) for b in batas]
    batas_desimal = max(desimal, MAKS_DESIMAL_PUTUSAN)
    for n in range(desimal, batas_desimal + 1):
        q = bulatkan(d, n)
        if all(_sisi(q, b) == _sisi(d, b) for b in batas):
            return n
    return None


def format_angka_putusan(
    nilai: Decimal | int | None, batas=BATAS_PERSEN, desimal: int = 2, akhiran: str = ""
) -> str:
    """A number printed next to a verdict: ``desimal`` places, more where rounding would
    put it onto a boundary it does not reach (99,997 beside a boundary 100 prints
    "99,997", 0,0028 beside 0 prints "0,003"); past :data:`MAKS_DESIMAL_PUTUSAN`
    places "< 100" or "> 100". ``akhiran`` follows the number ("%"); None → "-"."""
    if nilai is None:
        return "-"
    d = Decimal(nilai)
    n = desimal_putusan(d, batas, desimal)
    if n is not None:
        return f"{format_angka(d, n)}{akhiran}"
    q = bulatkan(d, MAKS_DESIMAL_PUTUSAN)
    salah = [Decimal(b) for b in batas if _sisi(q, Decimal(b)) != _sisi(d, Decimal(b))]
    dekat = min(salah, key=lambda b: abs(d - b))
    if d == dekat:
        return f"{format_angka_alami(dekat)}{akhiran}"
    return f"{'<' if d < dekat else '>'} {format_angka_alami(dekat)}{akhiran}"


def format_persen_putusan(nilai: Decimal | int | None, batas=BATAS_PERSEN, desimal: int = 2) -> str:
    """A percentage by :func:`format_angka_putusan`: "99,997%", "0,003%", "102,33%"."""
    return format_angka_putusan(nilai, batas, desimal, akhiran="%")


def format_rupiah(d: Decimal | int | None) -> str:
    """ "Rp 3.312.000.900"; amounts that are not whole after rounding to 2 places get
    two decimals ("Rp 1.000,50"); negative → "-Rp 5.000"; None → "-"."""
    if d is None:
        return "-"
    q = bulatkan(Decimal(d), 2)
    desimal = 0 if q == q.to_integral_value() else 2
    teks = format_angka(abs(q), desimal)
    return f"-Rp {teks}" if q < 0 else f"Rp {teks}"


def format_tanggal(tanggal: datetime.date | None) -> str:
    """ "14 April 2025" with an explicit Indonesian month list; None → "-"."""
    if tanggal is None:
        return "-"
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def format_waktu(waktu: datetime.datetime) -> str:
    """ "14 April 2025 pukul 10.32" for a datetime already in local time."""
    return f"{format_tanggal(waktu.date())} pukul {waktu:%H.%M}"


def format_ukuran(n: int) -> str:
    """A file size: "1,5 MB" from a mebibyte up, else "12 KB"."""
    if n >= 1024 * 1024:
        return f"{format_angka(Decimal(n) / 1024 / 1024, 1)} MB"
    return f"{format_angka(Decimal(n) / 1024, 0)} KB"


def romawi(n: int) -> str:
    """``n`` in upper-case roman numerals ("IV"); ``.lower()`` is CSS ``lower-roman``."""
    hasil = []
    for nilai, huruf in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, nilai)
        hasil.append(huruf * count)
    return "".join(hasil)


# The quarters as reports name them: triwulan I … IV.
ROMAWI_TRIWULAN = tuple(romawi(n) for n in range(1, 5))


def format_nip(nip: str | None) -> str:
    """18-digit NIP (PNS or PPPK) as "19670621 199203 1 004" (8-6-1-3).

    Spaces are ignored on input; anything that is not 18 digits is returned stripped
    unchanged (validation is :func:`validasi_nip`'s job). None/empty → "-".
    """
    if nip is None:
        return "-"
    digit = "".join(nip.split())
    if not digit:
        return "-"
    if len(digit) != 18 or not digit.isascii() or not digit.isdigit():
        return nip.strip()
    return f"{digit[:8]} {digit[8:14]} {digit[14]} {digit[15:]}"


# --------------------------------------------------------------------------- terbilang

_SATUAN = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
_SKALA = (
    (10**12, "triliun"),
    (10**9, "miliar"),
    (10**6, "juta"),
    (10**3, "ribu"),
)


def _di_bawah_seribu(n: int) -> list[str]:
    kata: list[str] = []
    ratus, sisa = divmod(n, 100)
    if ratus == 1:
        kata.append("seratus")
    elif ratus > 1:
        kata += [_SATUAN[ratus], "ratus"]
    if sisa == 0:
        return kata
    if sisa < 12:
        kata.append(_SATUAN[sisa])
    elif sisa < 20:
        kata += [_SATUAN[sisa - 10], "belas"]
    else:
        puluh, satuan = divmod(sisa, 10)
        kata += [_SATUAN[puluh], "puluh"]
        if satuan:
            kata.append(_SATUAN[satuan])
    return kata


def terbilang(n: int) -> str:
    """Indonesian words for 0 ≤ n < 10^15: 2130000000 → "dua miliar seratus tiga puluh juta".

    Uses "miliar" (KBBI) and "seribu"/"seratus"/"sebelas".
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise NilaiTidakValid(f"terbilang hanya untuk bilangan bulat, bukan {n!r}")
    if n < 0:
        raise NilaiTidakValid(f"terbilang hanya untuk bilangan tidak negatif, bukan {n}")
    if n >= 10**15:
        raise NilaiTidakValid("terbilang hanya sampai ratusan triliun")
    if n == 0:
        return "nol"
    kata: list[str] = []
    for besar, nama in _SKALA:
        bagian, n = divmod(n, besar)
        if bagian == 0:
            continue
        if bagian == 1 and nama == "ribu":
            kata.append("seribu")
        else:
            kata += [*_di_bawah_seribu(bagian), nama]
    if n:
        kata += _di_bawah_seribu(n)
    return " ".join(kata)
