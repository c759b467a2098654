"""Read a paket file (docs/paket.md) into ``kinerja.paket.types``.

Every problem is collected, not just the first one, each with the JSON path
where it is and an Indonesian message, so that whoever prepared the file can
fix all of them in one pass. Nothing here touches the database.

The package, by part of the paket:

- this module: the entry points (``muat_json``, ``baca_paket``, ``baca_aturan``)
  and the checks on the JSON text itself (size, repeated keys and entries);
- ``reader``: the ``Reader`` that converts values and collects problems
  (``Error``), shared by the parts below;
- ``pemda``: the pemda and its rules (``aturan``), the perangkat daerah, officials;
- ``renstra``: the Renstra, its versions, the program tree and the indicators;
- ``tahun``: each year (PK, cascaded PK, quarters, budget, pembanding, SKM, report);
- ``rujukan``: the checks across the paket (unique codes, references).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from kinerja.paket import types as t
from kinerja.paket.parser.pemda import (
    JENIS_PEMDA,
    STATUS_PEJABAT,
    baca_aturan_pemda,
    baca_pemda,
    baca_perangkat_daerah,
)
from kinerja.paket.parser.reader import (
    BATAS_ATAS_SAH,
    BATAS_BAWAH_SAH,
    FORMAT,
    KOLOM_NILAI,
    KOLOM_UANG,
    VERSI,
    Error,
    InvalidPaket,
    Reader,
    key_path,
    pesan_kolom,
)
from kinerja.paket.parser.renstra import baca_program, baca_renstra
from kinerja.paket.parser.rujukan import periksa_rujukan
from kinerja.paket.parser.tahun import (
    JENIS_ANGKA_DILAPORKAN,
    TINGKAT_PEMBANDING,
    UNSUR,
    baca_tahun,
)

__all__ = [
    "BATAS_ATAS_SAH",
    "BATAS_BAWAH_SAH",
    "FORMAT",
    "ISIAN_MAKS",
    "JENIS_ANGKA_DILAPORKAN",
    "JENIS_PEMDA",
    "KOLOM_NILAI",
    "KOLOM_UANG",
    "STATUS_PEJABAT",
    "TINGKAT_PEMBANDING",
    "UKURAN_MAKS",
    "UNSUR",
    "VERSI",
    "Error",
    "InvalidPaket",
    "baca_aturan",
    "baca_paket",
    "muat_json",
    "pesan_kolom",
]

# The largest paket read (docs/paket.md, "Size and duplicates"). The demo pakets are
# 36 to 62 KB; a kecamatan's whole Renstra period stays well under 1 MB.
UKURAN_MAKS = 5 * 1024 * 1024
# Entries of all the lists of a paket together (every list element counts one).
ISIAN_MAKS = 50_000

# Lists whose entries may not repeat a natural key, even with other values: the key's fields.
_KUNCI_ALAMI = {
    "angka_dilaporkan": ("jenis", "kode", "tahun_banding", "sumber"),
    "skm": ("indikator", "periode"),
    "pk_berjenjang": ("jabatan", "versi"),
    "pembanding": ("tingkat", "label"),
}
# Lists of plain values where a repeated value is a mistake (in the other lists of plain
# values, a quarter list for instance, equal values are normal: [24, 48, 48, 48]).
_DAFTAR_TEKS_UNIK = ("misi", "strategi", "arah_kebijakan", "sasaran")
# Maps of quarter lists [TW I, TW II, TW III, TW IV], e.g. {"IKS-1": [24, 48, 72, 96]}.
_PETA_TRIWULAN = ("rencana_aksi", "realisasi", "catatan_realisasi", "realisasi_anggaran")


class _Objek(dict):
    """A JSON object that remembers the keys written more than once (JSON keeps the last)."""

    ganda: tuple[str, ...] = ()


def _objek(pasangan: list[tuple[str, Any]]) -> _Objek:
    obj = _Objek(pasangan)
    if len(obj) != len(pasangan):
        dilihat: set[str] = set()
        ganda = []
        for k, _ in pasangan:
            if k in dilihat and k not in ganda:
                ganda.append(k)
            dilihat.add(k)
        obj.ganda = tuple(ganda)
    return obj


def _beku(value: Any) -> Any:
    """A hashable form of a JSON value, equal for equal values."""
    if isinstance(value, dict):
        return ("{", tuple(sorted((k, _beku(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("[", tuple(_beku(v) for v in value))
    if isinstance(value, Decimal):
        return ("d", value)
    return (type(value).__name__, value)


def _periksa_ganda(data: Any) -> list[Error]:
    """Keys written twice, entries repeated in a list, and natural keys repeated in a list.

    Also counts the entries of all lists, refused above ISIAN_MAKS. Iterative: a deeply
    nested file does not exhaust the stack.
    """
    errors: list[Error] = []
    isian = 0
    # (value, its path, the key it is under, the key its parent is under)
    tumpukan: list[tuple[Any, str, str, str]] = [(data, "$", "", "")]
    while tumpukan:
        value, path, nama, induk = tumpukan.pop()
        if isinstance(value, dict):
            for k in getattr(value, "ganda", ()):
                errors.append(
                    Error(
                        key_path(path, k), f"kunci {k!r} ditulis lebih dari sekali dalam objek ini"
                    )
                )
            for k, v in value.items():
                if isinstance(v, dict | list):
                    tumpukan.append((v, key_path(path, k), k, nama))
        elif isinstance(value, list):
            isian += len(value)
            if isian > ISIAN_MAKS:
                return [
                    Error(
                        "$",
                        f"paket terlalu besar: lebih dari {ISIAN_MAKS:_} isian daftar".replace(
                            "_", "."
                        ),
                    )
                ]
            if induk in _PETA_TRIWULAN:
                unik = False  # a quarter list: equal quarters are normal
            else:
                unik = all(isinstance(v, dict | list) for v in value) or nama in _DAFTAR_TEKS_UNIK
            label = path.rsplit(".", 1)[-1]  # "angka_dilaporkan", 'pembanding["IKT-1"]'
            dilihat: dict[Any, int] = {}
            kunci_dilihat: dict[tuple, int] = {}
            # pembanding is a map of lists: {"IKT-1": [...]}
            kolom = _KUNCI_ALAMI.get("pembanding" if induk == "pembanding" else nama)
            for i, v in enumerate(value):
                if unik:
                    beku = _beku(v)
                    if beku in dilihat:
                        errors.append(
                            Error(
                                f"{path}[{i}]",
                                f"sama dengan {label}[{dilihat[beku]}]; hapus salah satunya",
                            )
                        )
                        continue
                    dilihat[beku] = i
                if kolom and isinstance(v, dict):
                    kunci = tuple(_beku(v.get(k)) for k in kolom)
                    if kunci in kunci_dilihat:
                        isi = ", ".join(f"{k} {json.dumps(v.get(k), default=str)}" for k in kolom)
                        errors.append(
                            Error(
                                f"{path}[{i}]",
                                f"{label}[{kunci_dilihat[kunci]}] sudah memuat {isi}; "
                                "satu isian saja untuk tiap kombinasi itu",
                            )
                        )
                        continue
                    kunci_dilihat[kunci] = i
                if isinstance(v, dict | list):
                    tumpukan.append((v, f"{path}[{i}]", nama, induk))
    errors.sort(key=lambda g: _urutan_path(g.path))
    return errors


def _urutan_path(path: str) -> list:
    """Sort key of a JSON path that puts [10] after [9]."""
    return [int(x) if x.isdigit() else x for x in re.split(r"\[(\d+)\]", path)]


def muat_json(teks: str | bytes) -> Any:
    """Load JSON reading every non-integer number as an exact Decimal.

    Refused before parsing above UKURAN_MAKS bytes; refused after parsing when an object
    repeats a key or a list repeats an entry (see ``_periksa_ganda``).
    """
    if len(teks) > UKURAN_MAKS:
        raise InvalidPaket([Error("$", f"paket terlalu besar: lebih dari {_ukuran(UKURAN_MAKS)}")])
    try:
        data = json.loads(teks, parse_float=Decimal, object_pairs_hook=_objek)
    except RecursionError as e:
        raise InvalidPaket([Error("$", "bukan JSON yang sah: terlalu bertingkat")]) from e
    except json.JSONDecodeError as e:
        raise InvalidPaket(
            [Error("$", f"bukan JSON yang sah: {e.msg} (baris {e.lineno}, kolom {e.colno})")]
        ) from e
    except UnicodeDecodeError as e:
        raise InvalidPaket([Error("$", "berkas harus berenkode UTF-8")]) from e
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        raise InvalidPaket([Error("$", "bukan JSON yang sah: angka terlalu panjang")]) from e
    errors = _periksa_ganda(data)
    if errors:
        raise InvalidPaket(errors)
    return data


def _ukuran(bita: int) -> str:
    if bita % (1024 * 1024) == 0:
        return f"{bita // (1024 * 1024)} MB"
    return f"{-(-bita // 1024)} KB"


def baca_aturan(data: Any) -> t.Aturan:
    """Convert and check an "aturan" object alone (the rules stored with a signed year)."""
    r = Reader()
    aturan = baca_aturan_pemda(r, data, "$.aturan")
    if r.errors or aturan is None:
        raise InvalidPaket(r.errors or [Error("$.aturan", "aturan tidak dapat dibaca")])
    return aturan


def baca_paket(data: Any) -> t.Paket:
    """Convert and check a loaded JSON document; raise InvalidPaket with every problem."""
    r = Reader()
    paket = _baca(r, data)
    if paket is not None:
        # Cross-references are checked even when the first pass found
        # problems, so that one report lists every error of the file.
        periksa_rujukan(r, paket)
    if r.errors or paket is None:
        raise InvalidPaket(r.errors or [Error("$", "paket tidak dapat dibaca")])
    return paket


def _baca(r: Reader, data: Any) -> t.Paket | None:
    wajib = ("format", "versi", "pemda", "perangkat_daerah", "renstra", "program", "tahun")
    if not r.objek(data, "$", wajib, ("keterangan",)):
        return None
    if data.get("format") != FORMAT:
        r.salah("$.format", f'harus "{FORMAT}"')
    if data.get("versi") != VERSI:
        r.salah(
            "$.versi", f"versi format {data.get('versi')!r} tidak didukung; yang didukung: {VERSI}"
        )
    pemda = baca_pemda(r, data)
    pd = baca_perangkat_daerah(r, data)
    renstra = baca_renstra(r, data.get("renstra"))
    program = baca_program(r, data)
    tahun = []
    for i, item in enumerate(r.daftar(data, "tahun", "$")):
        th = baca_tahun(r, item, f"$.tahun[{i}]")
        if th is not None:
            tahun.append(th)
    if renstra is None:
        return None
    if pemda is None or pd is None:
        if not r.errors:
            return None
        # Only to let the cross-reference checks run; the caller raises.
        pemda = pemda or t.Pemda(kode="", nama="", aturan=None)  # type: ignore[arg-type]
        pd = pd or t.PerangkatDaerah(kode="", nama="")
    return t.Paket(
        pemda=pemda,
        perangkat_daerah=pd,
        renstra=renstra,
        program=program,
        tahun=tahun,
        keterangan=r.teks(data, "keterangan", "$"),
    )
