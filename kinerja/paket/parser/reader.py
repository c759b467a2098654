"""The reader every part of the paket parser uses: JSON shapes, values and problems.

``Reader`` walks the JSON tree, converts values (text, numbers, money, dates,
quarter lists) and collects every problem as an ``Error`` (JSON path and an
Indonesian message) instead of stopping at the first one.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from kinerja.engine.angka import Nilai, NilaiTidakValid, parse_angka, parse_nilai, parse_target
from kinerja.engine.realisasi import Rasio
from kinerja.paket import types as t

FORMAT = "lkjip-paket"
VERSI = 1

BATAS_ATAS_SAH = (100, 110, 120, 125)
BATAS_BAWAH_SAH = (0,)
# A Kepmendagri code as a program, kegiatan or sub kegiatan states it.
KODE_KEPMENDAGRI_RE = re.compile(r"^[0-9]+(\.[0-9]+)*$")
# A code referring to a node of the program tree: a Kepmendagri code or one the
# application made up for a node given without a code (kinerja.paket.types).
KODE_PROGRAM_RE = re.compile(r"^(X|[0-9]+)(\.X?[0-9]+)*$")
KODE_REKENING_RE = re.compile(r"^5(\.[0-9]+)*$")
_VERSI_RE = re.compile(r"^(murni|perubahan(-[0-9]+)?)$")

# Digits before and after the comma of the columns (kinerja.models.NILAI and UANG).
KOLOM_NILAI = (14, 6)
KOLOM_UANG = (16, 2)


def pesan_kolom(angka: Decimal, digit_bulat: int, digit_desimal: int) -> str | None:
    """Why a column of that size cannot hold ``angka``; None when it can.

    The size is judged on the exponent first: quantizing a number of 28 digits or more
    would overflow the default decimal context.
    """
    if not angka.is_finite():
        return f'"{angka}" bukan angka yang sah'
    if angka and angka.adjusted() >= digit_bulat:
        return f"angka terlalu besar: paling banyak {digit_bulat} angka sebelum koma"
    with localcontext() as ctx:
        ctx.prec = digit_bulat + digit_desimal + 2
        if angka != angka.quantize(Decimal(1).scaleb(-digit_desimal)):
            return f"paling banyak {digit_desimal} angka di belakang koma"
    return None


@dataclass(frozen=True)
class Error:
    """One problem in a paket: where (JSON path) and what (Indonesian)."""

    path: str
    pesan: str

    def __str__(self) -> str:
        return f"{self.path}: {self.pesan}"


class InvalidPaket(Exception):
    def __init__(self, errors: list[Error]):
        self.errors = errors
        super().__init__(f"{len(errors)} kesalahan dalam paket data")


def json_text(value: Any) -> str:
    """A value read from the package as it was written: numbers read as Decimal print as
    numbers (json.dumps cannot write a Decimal)."""
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, default=str)


def key_path(path: str, key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


class Reader:
    """Walks the JSON tree, converting values and collecting problems."""

    def __init__(self) -> None:
        self.errors: list[Error] = []

    def salah(self, path: str, pesan: str) -> None:
        self.errors.append(Error(path, pesan))

    # -- basic shapes ---------------------------------------------------------

    def objek(self, data: Any, path: str, wajib: tuple[str, ...], boleh: tuple[str, ...]) -> bool:
        if not isinstance(data, dict):
            self.salah(path, f"harus berupa objek JSON, bukan {json_type(data)}")
            return False
        for key in wajib:
            if key not in data:
                self.salah(key_path(path, key), "wajib ada")
        for key in data:
            if key not in wajib and key not in boleh:
                self.salah(key_path(path, key), f"kunci {key!r} tidak dikenal dalam format ini")
        return True

    def teks(self, data: dict, key: str, path: str, *, wajib: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if wajib and key in data:
                self.salah(key_path(path, key), "wajib diisi")
            return None
        if not isinstance(value, str):
            self.salah(key_path(path, key), f"harus berupa teks, bukan {json_type(value)}")
            return None
        if wajib and not value.strip():
            self.salah(key_path(path, key), "tidak boleh kosong")
            return None
        return value

    def daftar_teks(self, data: dict, key: str, path: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.salah(key_path(path, key), "harus berupa daftar teks")
            return []
        return list(value)

    def daftar(self, data: dict, key: str, path: str) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.salah(key_path(path, key), f"harus berupa daftar, bukan {json_type(value)}")
            return []
        return value

    def peta(self, data: dict, key: str, path: str) -> dict:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.salah(key_path(path, key), f"harus berupa objek, bukan {json_type(value)}")
            return {}
        return value

    def bilangan_bulat(
        self, value: Any, path: str, minimum: int = 0, maksimum: int = 32767
    ) -> int | None:
        """A whole number within what its column holds (a small positive integer unless
        told otherwise): a larger one would fail in the database, not here."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.salah(path, f"harus berupa bilangan bulat, bukan {json_type(value)}")
            return None
        if not minimum <= value <= maksimum:
            self.salah(path, f"harus antara {minimum} dan {maksimum}, tertulis {value}")
            return None
        return value

    def tahun(self, value: Any, path: str) -> int | None:
        """A year: a whole number from 2000 to 2100."""
        if isinstance(value, int) and not isinstance(value, bool) and not 2000 <= value <= 2100:
            self.salah(path, f"tahun {value} di luar rentang 2000–2100")
            return None
        return self.bilangan_bulat(value, path)

    def angka(self, value: Any, path: str, kolom: tuple[int, int] = KOLOM_NILAI) -> Decimal | None:
        if isinstance(value, bool):
            self.salah(path, "harus berupa angka, bukan true/false")
            return None
        if isinstance(value, int | Decimal):
            return self.muat(Decimal(value), path, kolom)
        if isinstance(value, str):
            try:
                return self.muat(parse_angka(value), path, kolom)
            except NilaiTidakValid as e:
                self.salah(path, str(e))
                return None
        self.salah(path, f"harus berupa angka, bukan {json_type(value)}")
        return None

    def muat(self, angka: Decimal, path: str, kolom: tuple[int, int]) -> Decimal | None:
        """The number, or None and a problem when its database column cannot hold it."""
        pesan = pesan_kolom(angka, *kolom)
        if pesan:
            self.salah(path, pesan)
            return None
        return angka

    def uang(self, value: Any, path: str) -> Decimal | None:
        jumlah = self.angka(value, path, KOLOM_UANG)
        if jumlah is not None and jumlah < 0:
            self.salah(path, f"jumlah uang tidak boleh negatif ({value})")
            return None
        return jumlah

    def nilai(self, value: Any, path: str, *, rentang: bool = False) -> Nilai | None:
        """A measured value; with ``rentang`` (any target: yearly, end of the Renstra, an
        earlier year's, PK, cascaded PK) also a range "60 – 70"."""
        if isinstance(value, float):
            value = Decimal(str(value))
        try:
            nilai = (parse_target if rentang else parse_nilai)(value)
            if nilai.atas is not None and self.muat(nilai.atas, path, KOLOM_NILAI) is None:
                return None
            return nilai if self.muat(nilai.angka, path, KOLOM_NILAI) is not None else None
        except NilaiTidakValid as e:
            self.salah(path, str(e))
        except (TypeError, ValueError):
            self.salah(path, f"nilai tidak sah: {json_type(value)}")
        return None

    def nilai_opsional(self, value: Any, path: str, *, rentang: bool = False) -> Nilai | None:
        return None if value is None else self.nilai(value, path, rentang=rentang)

    def tanggal(self, data: dict, key: str, path: str) -> datetime.date | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.salah(key_path(path, key), f"tanggal harus berformat TTTT-BB-HH, bukan {value!r}")
            return None

    def pilihan(self, data: dict, key: str, path: str, pilihan: tuple, *, wajib: bool = True):
        if key not in data:
            if wajib:
                self.salah(key_path(path, key), "wajib ada")
            return None
        value = data[key]
        if value not in pilihan:
            daftar = ", ".join(json.dumps(p) for p in pilihan)
            self.salah(
                key_path(path, key), f"nilai {json_text(value)} tidak sah; pilihan: {daftar}"
            )
            return None
        return value

    def versi(self, data: dict, path: str) -> str | None:
        value = data.get("versi")
        if not isinstance(value, str) or not _VERSI_RE.match(value):
            self.salah(
                key_path(path, "versi"),
                f'versi {json_text(value)} tidak sah; gunakan "murni", "perubahan", '
                '"perubahan-2", …',
            )
            return None
        return value

    def triwulan(self, value: Any, path: str, rasio: bool) -> list[t.NilaiTW] | None:
        if not isinstance(value, list) or len(value) != 4:
            self.salah(path, "harus berupa daftar 4 nilai triwulan [TW I, TW II, TW III, TW IV]")
            return None
        hasil: list[t.NilaiTW] = []
        for i, v in enumerate(value):
            p = f"{path}[{i}]"
            if v is None:
                hasil.append(None)
            elif isinstance(v, dict):
                if not rasio:
                    self.salah(p, 'pembilang/penyebut hanya untuk indikator bertipe "rasio"')
                    hasil.append(None)
                    continue
                if self.objek(v, p, ("pembilang", "penyebut"), ()):
                    x = self.angka(v.get("pembilang"), f"{p}.pembilang")
                    y = self.angka(v.get("penyebut"), f"{p}.penyebut")
                    for nama, angka in (("pembilang", x), ("penyebut", y)):
                        if angka is not None and angka < 0:
                            self.salah(f"{p}.{nama}", "tidak boleh negatif")
                    hasil.append(Rasio(x, y) if x is not None and y is not None else None)
                else:
                    hasil.append(None)
            else:
                if rasio:
                    self.salah(p, 'indikator bertipe "rasio" diisi {"pembilang": …, "penyebut": …}')
                    hasil.append(None)
                    continue
                hasil.append(self.nilai(v, p))
        return hasil

    def tahun_kunci(self, key: str, path: str) -> int | None:
        if not re.fullmatch(r"[0-9]{4}", key):
            self.salah(path, f"kunci tahun harus 4 angka, bukan {key!r}")
            return None
        return int(key)

    def jumlah_per_kode(
        self, data: dict, key: str, path: str, pola: re.Pattern
    ) -> dict[str, Decimal]:
        hasil: dict[str, Decimal] = {}
        p = key_path(path, key)
        for kode, value in self.peta(data, key, path).items():
            pk = key_path(p, kode)
            if not pola.match(kode):
                self.salah(pk, f"kode {kode!r} tidak berformat kode yang sah")
                continue
            jumlah = self.uang(value, pk)
            if jumlah is not None:
                hasil[kode] = jumlah
        return hasil


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | Decimal):
        return "angka"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "objek"
    return type(value).__name__
