"""Budget absorption and budget trees (DOMAIN §10, §12.6 rule 2).

Pure module: no Django imports, ``Decimal`` only. The same functions serve the
program → kegiatan → sub kegiatan tree, the jenis belanja tree (5 → 5.1 → 5.1.01 …)
and cascaded Perjanjian Kinerja budgets.

Rule for missing amounts in a sum (:func:`jumlah`): None values count as 0 when at
least one other value in the sum is stated; when every value is None the sum is
None ("not stated"), so a parent is never given a made-up 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.engine.angka import NilaiTidakValid

__all__ = [
    "penyerapan",
    "jumlah",
    "Simpul",
    "HasilSimpul",
    "SelisihJumlah",
    "gulung",
    "realisasi_melebihi_pagu",
    "pohon_dari_kode",
]

SERATUS = Decimal(100)


def penyerapan(pagu: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """realisasi/pagu × 100, unrounded; pagu 0/None or realisasi None → None."""
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return realisasi / pagu * SERATUS


def jumlah(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """Sum where None counts as 0 if at least one value is stated; all None (or empty) → None.

    Use it for a total over the roots returned by :func:`gulung`.
    """
    total = Decimal(0)
    ada = False
    for v in nilai:
        if v is not None:
            total += v
            ada = True
    return total if ada else None


@dataclass
class Simpul:
    """A node of a budget tree; ``pagu``/``realisasi`` are the node's OWN stated amounts
    (None = not stated, to be derived from the children)."""

    kode: str
    nama: str = ""
    tingkat: str = ""
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    anak: list[Simpul] = field(default_factory=list)


@dataclass(frozen=True)
class HasilSimpul:
    """Resolved node: ``pagu``/``realisasi`` = stated amount if given, else the sum of the
    children; ``pagu_anak``/``realisasi_anak`` = the sum of the children (None for a leaf,
    or when no child has a value); ``penyerapan`` from the resolved amounts."""

    kode: str
    nama: str
    tingkat: str
    kedalaman: int
    pagu: Decimal | None
    realisasi: Decimal | None
    penyerapan: Decimal | None
    pagu_anak: Decimal | None
    realisasi_anak: Decimal | None


@dataclass(frozen=True)
class SelisihJumlah:
    """A stated parent amount that differs from the sum of its children."""

    kode: str
    jenis: str  # "pagu" | "realisasi"
    dinyatakan: Decimal
    jumlah_anak: Decimal


def gulung(akar: Sequence[Simpul]) -> tuple[list[HasilSimpul], list[SelisihJumlah]]:
    """Resolve every node of the forest ``akar``.

    Returns (depth-first pre-order list of every node's :class:`HasilSimpul`, so that a
    table prints in tree order; every :class:`SelisihJumlah` where a stated parent
    amount differs from the sum of its children, in the same order).

    A child's amount that resolves to None counts as 0 in its parent's sum only if at
    least one sibling has a value (see :func:`jumlah`); a node whose children all lack
    an amount has ``pagu_anak``/``realisasi_anak`` None, and no difference is reported.
    The total over the roots is the caller's job: ``jumlah(h.pagu for h in roots)``.
    """
    hasil: list[HasilSimpul | None] = []  # None = placeholder kept for pre-order
    selisih: list[SelisihJumlah] = []
    sedang_diproses: set[int] = set()

    def proses(simpul: Simpul, kedalaman: int) -> tuple[Decimal | None, Decimal | None]:
        if id(simpul) in sedang_diproses:
            raise NilaiTidakValid(f'pohon anggaran melingkar pada kode "{simpul.kode}"')
        sedang_diproses.add(id(simpul))
        posisi = len(hasil)
        hasil.append(None)
        awal_selisih = len(selisih)
        pagu_list: list[Decimal | None] = []
        realisasi_list: list[Decimal | None] = []
        for anak in simpul.anak:
            p, r = proses(anak, kedalaman + 1)
            pagu_list.append(p)
            realisasi_list.append(r)
        sedang_diproses.discard(id(simpul))
        pagu_anak = jumlah(pagu_list) if simpul.anak else None
        realisasi_anak = jumlah(realisasi_list) if simpul.anak else None
        pagu = simpul.pagu if simpul.pagu is not None else pagu_anak
        realisasi = simpul.realisasi if simpul.realisasi is not None else realisasi_anak
        hasil[posisi] = HasilSimpul(
            kode=simpul.kode,
            nama=simpul.nama,
            tingkat=simpul.tingkat,
            kedalaman=kedalaman,
            pagu=pagu,
            realisasi=realisasi,
            penyerapan=penyerapan(pagu, realisasi),
            pagu_anak=pagu_anak,
            realisasi_anak=realisasi_anak,
        )
        milik_sendiri: list[SelisihJumlah] = []
        if simpul.pagu is not None and pagu_anak is not None and simpul.pagu != pagu_anak:
            milik_sendiri.append(SelisihJumlah(simpul.kode, "pagu", simpul.pagu, pagu_anak))
        if (
            simpul.realisasi is not None
            and realisasi_anak is not None
            and simpul.realisasi != realisasi_anak
        ):
            milik_sendiri.append(
                SelisihJumlah(simpul.kode, "realisasi", simpul.realisasi, realisasi_anak)
            )
        selisih[awal_selisih:awal_selisih] = milik_sendiri  # parent before its descendants
        return pagu, realisasi

    for simpul in akar:
        proses(simpul, 0)
    return [h for h in hasil if h is not None], selisih


def realisasi_melebihi_pagu(hasil: Iterable[HasilSimpul]) -> list[HasilSimpul]:
    """Nodes whose (resolved) realisasi exceeds their (resolved) pagu."""
    return [
        h for h in hasil if h.pagu is not None and h.realisasi is not None and h.realisasi > h.pagu
    ]


_BAGIAN_ANGKA = re.compile(r"[0-9]+")


def _kunci_kode(kode: str) -> tuple[tuple[int, int, str], ...]:
    """Natural order of dotted codes: numeric segments compare as numbers."""
    return tuple(
        (0, int(b), b) if _BAGIAN_ANGKA.fullmatch(b) else (1, 0, b) for b in kode.split(".")
    )


def pohon_dari_kode(
    jumlah: Mapping[str, Decimal],
    nama: Mapping[str, str] | None = None,
    *,
    realisasi: Mapping[str, Decimal] | None = None,
) -> list[Simpul]:
    """Build a forest from dotted codes ("5" → "5.1" → "5.1.01" …).

    ``jumlah`` gives each code's stated pagu; ``realisasi`` (optional) each code's
    stated realisasi; a code present in either mapping becomes a node. A code's parent
    is the longest other code that is a dotted prefix of it ("5.1.01" under "5.1"
    under "5"; "7.01.02.2.01" under "7.01.02"). Siblings and roots are in natural code
    order. Run :func:`gulung` on the result to get sums and differences.
    """
    nama = nama or {}
    realisasi = realisasi or {}
    semua: dict[str, Simpul] = {}
    for kode_asli in [*jumlah, *realisasi]:
        kode = kode_asli.strip()
        if not kode:
            raise NilaiTidakValid("kode rekening/program tidak boleh kosong")
        if kode in semua:
            continue
        semua[kode] = Simpul(
            kode=kode,
            nama=nama.get(kode_asli, nama.get(kode, "")),
            pagu=jumlah.get(kode_asli, jumlah.get(kode)),
            realisasi=realisasi.get(kode_asli, realisasi.get(kode)),
        )

    akar: list[Simpul] = []
    for kode in sorted(semua, key=_kunci_kode):
        simpul = semua[kode]
        bagian = kode.split(".")
        induk: Simpul | None = None
        for n in range(len(bagian) - 1, 0, -1):
            induk = semua.get(".".join(bagian[:n]))
            if induk is not None:
                break
        if induk is None:
            akar.append(simpul)
        else:
            induk.anak.append(simpul)
    return akar
