"""Reading the budget files of the finance system (SIPD's DPA and realisation reports,
a pemda's own finance application, a hand-made sheet) into amounts per node of the
program tree and per account code.

No Django here: the caller gives the program tree's codes and gets back rows and
problems. What varies between the layouts is tolerated:

- the header is found by its words, anywhere in the first rows, also when it spans two
  rows with merged cells ("Anggaran" over "Sebelum Perubahan | Setelah Perubahan");
  columns are mapped by those words, never by position, and the caller may name a
  column the words did not decide (:class:`Pemetaan`);
- blank spacer rows, title rows, sub-total rows without a code are skipped;
- codes with or without dots, with 2- or 4-digit last groups ("7.01.01.2.01.0001" is
  the tree's "7.01.01.2.01.01"), or behind the urusan/bidang/unit prefix of the DPA
  ("7.01.0.00.0.00.01.0000 7.01.01.2.01.0001") match their node;
- account codes ("5.1.02", "5.1.02.01.01.0024") are jenis belanja rows;
- amounts as numeric cells or as Indonesian text ("1.234.567,89", "Rp 3.312.000.900").

Every problem names the sheet, the row and the column, in Indonesian.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils import get_column_letter

from kinerja.engine.angka import NilaiTidakValid, parse_angka
from lib.xlsx_baca import BerkasDitolak, Galat, buka_buku, isi_sheet

BARIS_CARI_KEPALA = 30
BARIS_MAKS = 20000
UKURAN_MAKS = 10 * 1024 * 1024

# The words that name each column (lower case, spaces collapsed), most specific first.
KATA_KODE = ("kode rekening", "kode", "kd rek", "kd. rek", "no rek", "no. rek", "rekening")
KATA_URAIAN = ("uraian", "nomenklatur", "nama program", "nama kegiatan", "nama sub", "nama")
KATA_PAGU = ("pagu", "anggaran", "alokasi", "jumlah", "nilai", "total")
KATA_REALISASI = ("realisasi",)
# For the pagu of a DPA perubahan the amount after the change; of a DPA murni, before.
KATA_SESUDAH = ("setelah perubahan", "sesudah perubahan", "perubahan", "p-apbd", "papbd")
KATA_SEBELUM = ("sebelum perubahan", "murni", "semula")
KATA_BUKAN_JUMLAH = ("%", "persen", "sisa", "selisih", "bertambah", "berkurang", "capaian")


@dataclass
class Lembar:
    """A sheet as plain values: ``sel[r][c]`` (0-based) of the used range, merged
    header cells filled with their value."""

    nama: str
    sel: list[list[Any]]
    rumus: set[tuple[int, int]] = field(default_factory=set)

    def judul_kolom(self, baris_kepala: int, kolom: int) -> str:
        """The header text of a column: the header row, with the row above it when the
        header spans two rows ("Anggaran Setelah Perubahan")."""
        bagian = []
        for r in (baris_kepala - 1, baris_kepala):
            if 0 <= r < len(self.sel) and kolom < len(self.sel[r]):
                v = self.sel[r][kolom]
                if v not in (None, "") and str(v).strip() not in bagian:
                    bagian.append(str(v).strip())
        return " ".join(bagian)


@dataclass(frozen=True)
class Pemetaan:
    """Which column holds what (0-based), and the header row (0-based)."""

    baris_kepala: int
    kode: int
    jumlah: int
    uraian: int | None = None


@dataclass(frozen=True)
class BarisAnggaran:
    """An amount read: for a node of the tree (``tingkat`` program/kegiatan/sub_kegiatan,
    ``kode`` the tree's code) or a jenis belanja (``tingkat`` "jenis_belanja", ``kode``
    the account code)."""

    tingkat: str
    kode: str
    uraian: str
    jumlah: Decimal
    baris: int  # the sheet's row number (1-based)
    kode_berkas: str  # the code as the file wrote it


def _normal(teks: Any) -> str:
    return re.sub(r"\s+", " ", str(teks or "")).strip().lower()


# --------------------------------------------------------------------------- opening


def buka_lembar(data: bytes) -> list[Lembar]:
    """Every sheet of an xlsx as values; :class:`BerkasDitolak` for what is no workbook."""
    wb = buka_buku(data, UKURAN_MAKS, hanya_baca=True)
    hasil = []
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            isi = isi_sheet(ws)
            sel, rumus = isi.sel, isi.rumus
            if len(sel) > BARIS_MAKS:
                raise BerkasDitolak([Galat(f"Lebih dari {BARIS_MAKS} baris.", ws.title)])
            for k0, r0, k1, r1 in isi.gabungan:
                nilai = (
                    sel[r0 - 1][k0 - 1] if r0 - 1 < len(sel) and k0 - 1 < len(sel[r0 - 1]) else None
                )
                for r in range(r0 - 1, r1):
                    for k in range(k0 - 1, k1):
                        if r < len(sel) and k < len(sel[r]):
                            sel[r][k] = nilai
            hasil.append(Lembar(ws.title, sel, rumus))
    finally:
        wb.close()
    if not any(any(v not in (None, "") for v in row) for lb in hasil for row in lb.sel):
        raise BerkasDitolak([Galat("Buku kerja kosong.")])
    return hasil


# --------------------------------------------------------------------------- the header


def _cocok(judul: str, kata: Iterable[str]) -> bool:
    j = _normal(judul)
    return any(k in j for k in kata)


def kenali_kolom(lembar: Lembar, jenis: str, versi: str = "murni") -> Pemetaan | None:
    """The columns of a sheet by their header words; None when no header names a code
    column and an amount column. ``jenis`` "pagu" or "realisasi"; ``versi`` of the DPA
    ("murni", "perubahan") picks between before/after columns."""
    for r in range(min(BARIS_CARI_KEPALA, len(lembar.sel))):
        judul = [lembar.judul_kolom(r, k) for k in range(len(lembar.sel[r]))]
        kode = next((k for k, j in enumerate(judul) if _cocok(j, KATA_KODE)), None)
        if kode is None:
            continue
        uraian = next(
            (k for k, j in enumerate(judul) if k != kode and _cocok(j, KATA_URAIAN)), None
        )
        jumlah = pilih_kolom_jumlah(judul, jenis, versi, bukan={kode, uraian})
        if jumlah is not None:
            # A header over two rows: the data start below its lower row.
            bawah = r + 1 if _baris_kepala_lanjut(lembar, r, kode) else r
            return Pemetaan(baris_kepala=bawah, kode=kode, jumlah=jumlah, uraian=uraian)
    return None


def _baris_kepala_lanjut(lembar: Lembar, r: int, kode: int) -> bool:
    """Whether row ``r + 1`` still belongs to the header: its code cell is the header's
    own (merged down) or empty, and it holds only text that is no number."""
    if r + 1 >= len(lembar.sel):
        return False
    bawah = lembar.sel[r + 1]
    sel_kode = bawah[kode] if kode < len(bawah) else None
    if sel_kode not in (None, "", lembar.sel[r][kode]):
        return False
    nilai = [v for v in bawah if v not in (None, "")]
    return bool(nilai) and all(
        isinstance(v, str) and not _kode_tuple(v) and not v.strip().isdigit() for v in nilai
    )


def pilih_kolom_jumlah(judul: list[str], jenis: str, versi: str, bukan=()) -> int | None:
    kata = KATA_REALISASI if jenis == "realisasi" else KATA_PAGU
    calon = [
        k
        for k, j in enumerate(judul)
        if k not in bukan
        and _cocok(j, kata)
        and not _cocok(j, KATA_BUKAN_JUMLAH)
        and (jenis == "realisasi" or not _cocok(j, KATA_REALISASI))
    ]
    if not calon:
        return None
    if len(calon) == 1:
        return calon[0]
    suka = KATA_SESUDAH if versi != "murni" else KATA_SEBELUM
    lebih = [k for k in calon if _cocok(judul[k], suka)]
    if versi != "murni":
        # "Sebelum Perubahan" also contains "perubahan": take the ones that are not before.
        lebih = [k for k in lebih if not _cocok(judul[k], KATA_SEBELUM)]
    if len(lebih) >= 1:
        return lebih[0]
    return None if versi != "murni" else calon[0]


# --------------------------------------------------------------------------- codes


_ANGKA_KODE = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def _kode_tuple(teks: Any) -> tuple[int, ...] | None:
    """ "7.01.01.2.01.0001" → (7, 1, 1, 2, 1, 1); None for what is not a dotted code."""
    if teks is None:
        return None
    s = str(teks).strip().rstrip(".")
    if not _ANGKA_KODE.match(s) or "." not in s:
        return None
    return tuple(int(x) for x in s.split("."))


@dataclass
class PohonKode:
    """The program tree's codes: (tingkat, kode) by their number groups."""

    node: dict[tuple[int, ...], tuple[str, str]]

    @classmethod
    def dari(cls, kode_tingkat: Iterable[tuple[str, str]]) -> PohonKode:
        node = {}
        for kode, tingkat in kode_tingkat:
            t = _kode_tuple(kode)
            if t is not None:
                node[t] = (tingkat, kode)
        return cls(node)

    def cari(self, teks: Any) -> tuple[str, str] | None:
        """The node a code of the file names: exactly, behind a unit prefix, or written
        without dots."""
        s = str(teks or "").strip()
        if not s:
            return None
        # "7.01.0.00.0.00.01.0000 7.01.01.2.01.0001": the last code of the cell.
        s = s.split()[-1]
        t = _kode_tuple(s)
        if t is not None:
            if t in self.node:
                return self.node[t]
            for n in (6, 5, 3):
                if len(t) > n and t[-n:] in self.node and self.node[t[-n:]][0] == _TINGKAT[n]:
                    return self.node[t[-n:]]
            return None
        if s.isdigit():
            bentuk = [(b, nilai) for t, nilai in self.node.items() for b in _bentuk_tanpa_titik(t)]
            sama = [nilai for b, nilai in bentuk if b == s]
            if sama:
                return sama[0]
            # Behind a unit prefix: the longest code the digits end with.
            akhir = [(len(b), nilai) for b, nilai in bentuk if s.endswith(b)]
            if akhir:
                return max(akhir, key=lambda x: x[0])[1]
        return None


_TINGKAT = {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}
_LEBAR = (1, 2, 2, 1, 2, 4)


def _bentuk_tanpa_titik(t: tuple[int, ...]) -> set[str]:
    """A code written without dots: each group at its width (the last group of a sub
    kegiatan with 2 or 4 digits)."""
    dasar = "".join(str(x).zfill(w) for x, w in zip(t, _LEBAR, strict=False))
    bentuk = {dasar}
    if len(t) == 6:
        bentuk.add("".join(str(x).zfill(w) for x, w in zip(t, (1, 2, 2, 1, 2, 2), strict=True)))
    return {b for b in bentuk if len(b) >= 5}


def kode_rekening(teks: Any) -> str | None:
    """An account code of a belanja row ("5", "5.1.02", "5.1.02.01.01.0024"), or None."""
    s = str(teks or "").strip().rstrip(".")
    if _ANGKA_KODE.match(s) and s.split(".")[0] == "5":
        return s
    return None


# --------------------------------------------------------------------------- rows


def _jumlah(v: Any) -> Decimal:
    if isinstance(v, bool):
        raise NilaiTidakValid("nilai benar/salah bukan angka")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        try:
            return Decimal(repr(v))
        except InvalidOperation as e:
            raise NilaiTidakValid(f"{v!r} bukan angka yang sah") from e
    if isinstance(v, Decimal):
        return v
    if isinstance(v, str):
        return parse_angka(v)
    raise NilaiTidakValid("isi sel bukan angka")


def baca_anggaran(
    lembar: Lembar, pemetaan: Pemetaan, pohon: PohonKode, *, jenis_belanja: bool = True
) -> tuple[list[BarisAnggaran], list[Galat]]:
    """The amounts of the sheet's rows below the header. A row with a tree code is a node
    amount; with an account code (5.…) a jenis belanja amount (when ``jenis_belanja``);
    rows without a code (titles, spacers, sub-totals) are skipped. A code that is
    neither is a problem: the file is for another perangkat daerah or another tree."""
    hasil: list[BarisAnggaran] = []
    galat: list[Galat] = []
    kolom_jumlah = f"{get_column_letter(pemetaan.jumlah + 1)}"
    kolom_kode = f"{get_column_letter(pemetaan.kode + 1)}"
    for r in range(pemetaan.baris_kepala + 1, len(lembar.sel)):
        row = lembar.sel[r]
        kode_sel = row[pemetaan.kode] if pemetaan.kode < len(row) else None
        teks_kode = "" if kode_sel is None else str(kode_sel).strip()
        if not teks_kode:  # no code, or only spaces: a title, spacer or sub-total row
            continue
        node = pohon.cari(teks_kode)
        rek = None if node else kode_rekening(teks_kode.split()[-1])
        if node is None and rek is None:
            if _kode_tuple(teks_kode.split()[-1]) or teks_kode.replace(" ", "").isdigit():
                galat.append(
                    Galat(
                        f"kode {teks_kode} tidak ada di pohon program perangkat daerah ini",
                        lembar.nama,
                        r + 1,
                        kolom_kode,
                    )
                )
            continue
        if rek is not None and not jenis_belanja:
            continue
        if (r, pemetaan.jumlah) in lembar.rumus:
            galat.append(
                Galat("sel berisi rumus; isikan nilainya saja", lembar.nama, r + 1, kolom_jumlah)
            )
            continue
        v = row[pemetaan.jumlah] if pemetaan.jumlah < len(row) else None
        if v in (None, ""):
            continue
        try:
            jumlah = _jumlah(v)
        except NilaiTidakValid as e:
            galat.append(Galat(str(e), lembar.nama, r + 1, kolom_jumlah))
            continue
        if jumlah < 0:
            galat.append(Galat("jumlah tidak boleh negatif", lembar.nama, r + 1, kolom_jumlah))
            continue
        uraian = ""
        if pemetaan.uraian is not None and pemetaan.uraian < len(row):
            uraian = str(row[pemetaan.uraian] or "").strip()
        tingkat, kode = node if node else ("jenis_belanja", rek)
        hasil.append(BarisAnggaran(tingkat, kode, uraian, jumlah, r + 1, teks_kode))
    # The same node twice (a report repeating a program on a new page) must agree.
    pertama: dict[tuple[str, str], BarisAnggaran] = {}
    unik = []
    for b in hasil:
        ada = pertama.get((b.tingkat, b.kode))
        if ada is None:
            pertama[(b.tingkat, b.kode)] = b
            unik.append(b)
        elif ada.jumlah != b.jumlah:
            galat.append(
                Galat(
                    f"kode {b.kode} muncul lagi dengan jumlah berbeda (baris {ada.baris})",
                    lembar.nama,
                    b.baris,
                    kolom_jumlah,
                )
            )
    return unik, galat
