"""The engine's values: measured values, parsing of Indonesian number text, NIP checks.

Pure module: no Django imports. Every number is a ``Decimal``. The engine keeps
the values (:class:`Nilai`), the parsing of user and package input
(:func:`parse_angka`, :func:`parse_nilai`) and the NIP check
(:func:`validasi_nip`). Rounding (``bulatkan``, ``jumlah_desimal``) and the
error ``NilaiTidakValid`` live in :mod:`lib.decimals` because display formatting
rounds the same way; they are re-exported here. Display formatting
(``format_angka``, ``format_persen``, ``format_rupiah``, ``format_tanggal``,
``format_nip``, ``terbilang``, ``BULAN``) lives in :mod:`lib.format`, outside the
calculation.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from lib.decimals import NilaiTidakValid, bulatkan, jumlah_desimal
from lib.format import format_angka, format_angka_alami

__all__ = [
    "NilaiTidakValid",
    "Nilai",
    "parse_angka",
    "parse_nilai",
    "parse_target",
    "bulatkan",
    "jumlah_desimal",
    "validasi_nip",
]


@dataclass(frozen=True)
class Nilai:
    """A measured value: ``angka`` is used for computing, ``label`` is what is shown.

    ``label`` is None for a plain number; for graded/labelled values it is the
    original text, e.g. "63,25 (B-)", "BB (73,75)", "12 paket".
    """

    angka: Decimal
    label: str | None = None
    # The upper bound of a target stated as a range ("60 – 70"): ``angka`` is then the
    # lower bound and ``label`` the range as printed. None for a single value.
    atas: Decimal | None = None

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


_ANGKA_RENTANG = r"([0-9](?:[0-9.,]*[0-9])?)"
_RENTANG = re.compile(
    rf"{_ANGKA_RENTANG}\s*(?:-|\u2013|\u2014|s\.\s*d\.?|s/d|sampai dengan|sampai)\s*"
    rf"{_ANGKA_RENTANG}\s*(%?)",
    re.IGNORECASE,
)
PEMISAH_RENTANG = " \u2013 "


def parse_target(nilai: int | Decimal | str) -> Nilai:
    """A target: what :func:`parse_nilai` accepts, or a range of two numbers.

    "60 – 70", "60-70", "60 s.d. 70", "60 s/d 70", "60 sampai dengan 70" (and with
    a "%" after the second number) → ``Nilai(60, label="60 – 70", atas=70)``: the
    label is the range written the one way it is printed, so reading it again gives
    the same value. The lower bound must be below the upper one.
    """
    if isinstance(nilai, str):
        m = _RENTANG.fullmatch(nilai.strip())
        if m:
            teks_bawah, teks_atas, persen = m.groups()
            try:
                bawah, atas = parse_angka(teks_bawah), parse_angka(teks_atas)
            except NilaiTidakValid:
                raise NilaiTidakValid(
                    f'rentang "{nilai.strip()}" memuat angka yang tidak sah'
                ) from None
            if bawah >= atas:
                raise NilaiTidakValid(
                    f'rentang "{nilai.strip()}": batas bawah harus lebih kecil dari batas atas'
                )
            label = (
                f"{format_angka_alami(bawah)}{PEMISAH_RENTANG}{format_angka_alami(atas)}{persen}"
            )
            return Nilai(bawah, label=label, atas=atas)
    return parse_nilai(nilai)


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

    errors: list[str] = []
    lahir = _tanggal_lahir_sah(digit[:8])
    tahun_lahir: int | None = None
    if lahir is None:
        errors.append(f'tanggal lahir (digit 1–8) "{digit[:8]}" bukan tanggal yang sah (TTTTBBHH)')
    elif not 1940 <= lahir.year <= 2010:
        errors.append(
            f"tahun lahir (digit 1–4) {lahir.year} di luar rentang yang wajar (1940–2010)"
        )
    else:
        tahun_lahir = lahir.year

    kode = digit[12]
    tahun_tmt = int(digit[8:12])
    if kode == "2":
        jenis = "PPPK"
        if digit[13] == "0":
            errors.append("digit 14 (frekuensi pengangkatan PPPK) harus 1–9, tertulis 0")
    elif kode in "01":
        jenis = "PNS"
        bulan_tmt = int(digit[12:14])
        if not 1 <= bulan_tmt <= 12:
            errors.append(f"bulan TMT CPNS (digit 13–14) {digit[12:14]} tidak sah; harus 01–12")
    else:
        jenis = "PNS"
        errors.append(
            f"digit 13–14 ({digit[12:14]}) bukan bulan TMT CPNS (01–12) "
            'dan digit 13 bukan kode PPPK "2"'
        )

    label_tmt = "tahun TMT CPNS" if jenis == "PNS" else "tahun TMT PPPK"
    if tahun_lahir is not None and tahun_tmt < tahun_lahir + 17:
        errors.append(
            f"{label_tmt} (digit 9–12) {tahun_tmt} terlalu dekat dengan tahun lahir "
            f"{tahun_lahir} (minimal {tahun_lahir + 17})"
        )

    if digit[14] not in "12":
        errors.append(f"kode jenis kelamin (digit 15) harus 1 atau 2, tertulis {digit[14]}")
    if digit[15:] == "000":
        errors.append("nomor urut (digit 16–18) harus 001–999, tertulis 000")
    return errors
