"""Values, parsing, rounding and Indonesian formatting (DOMAIN §11).

Pure module: no Django imports. Every number is a ``Decimal``; rounding is always
ROUND_HALF_UP (never Python's ``round()``, which is banker's rounding).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

__all__ = [
    "NilaiTidakValid",
    "Nilai",
    "parse_angka",
    "parse_nilai",
    "bulatkan",
    "jumlah_desimal",
    "format_angka",
    "format_angka_alami",
    "format_persen",
    "format_rupiah",
    "format_tanggal",
    "format_nip",
    "terbilang",
    "validasi_nip",
    "BULAN",
]


class NilaiTidakValid(ValueError):
    """A value cannot be used (message in Bahasa Indonesia)."""


@dataclass(frozen=True)
class Nilai:
    """A measured value: ``angka`` is used for computing, ``label`` is what is shown.

    ``label`` is None for a plain number; for graded/labelled values it is the
    original text, e.g. "63,25 (B-)", "BB (73,75)", "12 paket".
    """

    angka: Decimal
    label: str | None = None

    def tampil(self, desimal: int = 2) -> str:
        """The label if any, else the number formatted in Indonesian style."""
        if self.label is not None:
            return self.label
        return format_angka(self.angka, desimal)


# --------------------------------------------------------------------------- parsing

_MINUS_UNICODE = "\u2212"
_GRUP_RIBUAN = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_BULAT = re.compile(r"[0-9]+")
_DESIMAL_TITIK = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_PREFIX_RP = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_POLOS = re.compile(r"[-+\u2212]?[0-9][0-9.,]*")
_TOKEN_ANGKA = re.compile(r"[0-9](?:[0-9.,]*[0-9])?")


def parse_angka(teks: str) -> Decimal:
    """Parse Indonesian number text into a Decimal.

    Accepted: "1.234.567,89", "98,35", "98,35%", "Rp 3.312.000.900",
    "Rp. 6.778.100.000,-", "-5,83", "−5,83" (unicode minus) and leniently "75.35", "75".

    Rule: if a comma is present it is the decimal separator and dots are thousands
    separators (which must then be strict 3-digit groups). Without a comma, dots are
    thousands separators only when the text is strict 3-digit grouping
    (``^\\d{1,3}(\\.\\d{3})+$``, so "75.350" is 75350); otherwise a single dot is a
    decimal point ("75.35").
    """
    if not isinstance(teks, str):
        raise NilaiTidakValid(f"{teks!r} bukan angka yang sah")
    pesan = f'"{teks}" bukan angka yang sah'
    s = teks.replace("\u00a0", " ").replace(_MINUS_UNICODE, "-").strip()
    negatif = False
    if s[:1] in ("-", "+"):
        negatif = s[0] == "-"
        s = s[1:].lstrip()
    s = _PREFIX_RP.sub("", s)
    if s[:1] in ("-", "+"):  # "Rp -5.000"
        if negatif:
            raise NilaiTidakValid(pesan)
        negatif = s[0] == "-"
        s = s[1:]
    if s.endswith(",-"):
        s = s[:-2].rstrip()
    if s.endswith("%"):
        s = s[:-1].rstrip()

    if "," in s:
        bagian_bulat, _, pecahan = s.partition(",")
        if not _BULAT.fullmatch(pecahan):
            raise NilaiTidakValid(pesan)
        if _GRUP_RIBUAN.fullmatch(bagian_bulat):
            bagian_bulat = bagian_bulat.replace(".", "")
        elif not _BULAT.fullmatch(bagian_bulat):
            raise NilaiTidakValid(pesan)
        normal = f"{bagian_bulat}.{pecahan}"
    elif _GRUP_RIBUAN.fullmatch(s):
        normal = s.replace(".", "")
    elif _DESIMAL_TITIK.fullmatch(s):
        normal = s
    else:
        raise NilaiTidakValid(pesan)
    hasil = Decimal(normal)
    return -hasil if negatif else hasil


def parse_nilai(nilai: int | Decimal | str) -> Nilai:
    """Turn user/JSON input into a :class:`Nilai`.

    * ``int``/``Decimal`` → ``Nilai(Decimal)``; ``bool`` and ``float`` are rejected
      (JSON must be loaded with ``parse_float=Decimal``).
    * a plain number string → ``Nilai(number, None)``;
    * a labelled string with exactly one number ("63,25 (B-)", "BB (73,75)",
      "7 paket", "100%", "3,44 NI") → ``Nilai(number, label=stripped text)``.
      A minus counts as a sign only when it directly precedes a digit and follows
      the start of the text, a space or "(" — so "B-" and "60 – 70" carry no sign.
    """
    if isinstance(nilai, bool):
        raise NilaiTidakValid("nilai benar/salah (boolean) bukan angka")
    if isinstance(nilai, float):
        raise NilaiTidakValid(
            f"nilai pecahan float ({nilai!r}) tidak diterima; gunakan Decimal atau teks"
        )
    if isinstance(nilai, int):
        return Nilai(Decimal(nilai))
    if isinstance(nilai, Decimal):
        if not nilai.is_finite():
            raise NilaiTidakValid(f'"{nilai}" bukan angka yang sah')
        return Nilai(nilai)
    if not isinstance(nilai, str):
        raise NilaiTidakValid(f"{nilai!r} bukan angka yang sah")

    teks = nilai.strip()
    if _POLOS.fullmatch(teks):
        return Nilai(parse_angka(teks))

    token = list(_TOKEN_ANGKA.finditer(teks))
    if not token:
        raise NilaiTidakValid(f'nilai bertingkat "{teks}" tidak memuat angka')
    if len(token) > 1:
        raise NilaiTidakValid(
            f'nilai "{teks}" memuat lebih dari satu angka; tuliskan satu angka saja'
        )
    m = token[0]
    mulai = m.start()
    sebelum = teks[mulai - 1] if mulai else " "
    sesudah = teks[m.end()] if m.end() < len(teks) else " "
    # A number glued to letters ("95o", "63,2x") is a typo, not a grade: the
    # label must be set apart ("63,25 (B-)", "BB (73,75)", "12 paket", "100%").
    if not (sebelum.isspace() or sebelum in "(-" + _MINUS_UNICODE) or not (
        sesudah.isspace() or sesudah in ")%"
    ):
        raise NilaiTidakValid(
            f'nilai "{teks}" tidak dikenali: pisahkan angka dari keterangannya dengan spasi '
            'atau tanda kurung, misalnya "63,25 (B-)"'
        )
    negatif = (
        mulai >= 1
        and teks[mulai - 1] in ("-", _MINUS_UNICODE)
        and (mulai == 1 or teks[mulai - 2].isspace() or teks[mulai - 2] == "(")
    )
    try:
        angka = parse_angka(m.group())
    except NilaiTidakValid:
        raise NilaiTidakValid(
            f'angka "{m.group()}" dalam nilai "{teks}" bukan angka yang sah'
        ) from None
    return Nilai(-angka if negatif else angka, label=teks)


# --------------------------------------------------------------------------- rounding


def bulatkan(d: Decimal, desimal: int = 2) -> Decimal:
    """Round half-up to ``desimal`` places: ``bulatkan(Decimal("0.125")) == Decimal("0.13")``."""
    if not isinstance(d, Decimal):
        d = Decimal(d)
    eksponen = Decimal(1).scaleb(-desimal)
    with localcontext() as ctx:
        ctx.prec = max(28, d.adjusted() + desimal + 3)
        try:
            return d.quantize(eksponen, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise NilaiTidakValid(f'"{d}" tidak dapat dibulatkan') from None


def jumlah_desimal(d: Decimal) -> int:
    """Number of decimals as written: Decimal('98.50') → 2, Decimal('88') → 0."""
    eksponen = d.as_tuple().exponent
    if not isinstance(eksponen, int):  # NaN / Infinity
        raise NilaiTidakValid(f'"{d}" bukan angka yang sah')
    return -eksponen if eksponen < 0 else 0


# --------------------------------------------------------------------------- formatting

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
    return format_angka(d, jumlah_desimal(d.normalize()))


def format_persen(d: Decimal | int | None, desimal: int = 2) -> str:
    """ "102,33%" (sign attached, no space); None → "-"."""
    if d is None:
        return "-"
    return f"{format_angka(d, desimal)}%"


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


# --------------------------------------------------------------------------- NIP


def _tanggal_lahir_sah(teks: str) -> datetime.date | None:
    try:
        return datetime.date(int(teks[:4]), int(teks[4:6]), int(teks[6:8]))
    except ValueError:
        return None


def validasi_nip(nip: str) -> list[str]:
    """Check an 18-digit NIP (DOMAIN §11.3); returns Indonesian error messages ([] = valid).

    Two structures are accepted, told apart by digit 13 (0/1 = first digit of a
    month → PNS, 2 = PPPK code):

    * PNS:  8 birth date YYYYMMDD + 6 TMT CPNS YYYYMM + 1 sex (1/2) + 3 serial 001–999;
    * PPPK: 8 birth date + 4 TMT year + 1 code "2" + 1 frequency (1–9) + 1 sex (1/2)
      + 3 serial 001–999.

    Birth year must be 1940–2010; the TMT year must be at least birth year + 17.
    """
    if not isinstance(nip, str):
        return ["NIP harus berupa teks"]
    digit = "".join(nip.split())
    if not digit:
        return ["NIP kosong"]
    if not (digit.isascii() and digit.isdigit()):
        return ["NIP hanya boleh berisi angka (dan spasi pemisah)"]
    if len(digit) != 18:
        return [f"NIP harus terdiri dari 18 digit angka, tertulis {len(digit)} digit"]

    galat: list[str] = []
    lahir = _tanggal_lahir_sah(digit[:8])
    tahun_lahir: int | None = None
    if lahir is None:
        galat.append(f'tanggal lahir (digit 1–8) "{digit[:8]}" bukan tanggal yang sah (TTTTBBHH)')
    elif not 1940 <= lahir.year <= 2010:
        galat.append(f"tahun lahir (digit 1–4) {lahir.year} di luar rentang yang wajar (1940–2010)")
    else:
        tahun_lahir = lahir.year

    kode = digit[12]
    tahun_tmt = int(digit[8:12])
    if kode == "2":
        jenis = "PPPK"
        if digit[13] == "0":
            galat.append("digit 14 (frekuensi pengangkatan PPPK) harus 1–9, tertulis 0")
    elif kode in "01":
        jenis = "PNS"
        bulan_tmt = int(digit[12:14])
        if not 1 <= bulan_tmt <= 12:
            galat.append(f"bulan TMT CPNS (digit 13–14) {digit[12:14]} tidak sah; harus 01–12")
    else:
        jenis = "PNS"
        galat.append(
            f"digit 13–14 ({digit[12:14]}) bukan bulan TMT CPNS (01–12) "
            'dan digit 13 bukan kode PPPK "2"'
        )

    label_tmt = "tahun TMT CPNS" if jenis == "PNS" else "tahun TMT PPPK"
    if tahun_lahir is not None and tahun_tmt < tahun_lahir + 17:
        galat.append(
            f"{label_tmt} (digit 9–12) {tahun_tmt} terlalu dekat dengan tahun lahir "
            f"{tahun_lahir} (minimal {tahun_lahir + 17})"
        )

    if digit[14] not in "12":
        galat.append(f"kode jenis kelamin (digit 15) harus 1 atau 2, tertulis {digit[14]}")
    if digit[15:] == "000":
        galat.append("nomor urut (digit 16–18) harus 001–999, tertulis 000")
    return galat
