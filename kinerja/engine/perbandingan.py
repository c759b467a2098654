"""Comparisons and averages (DOMAIN §3.5): year-on-year change, averages over
unrounded values, and the narrative sentence. Progress against the Renstra end
target is a capaian formula: it lives in :mod:`kinerja.engine.penilaian`.

Pure module: no Django imports, ``Decimal`` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from kinerja.engine.angka import bulatkan
from kinerja.engine.capaian import Polaritas
from lib.format import format_angka

__all__ = [
    "perubahan_relatif",
    "perubahan_absolut",
    "rata_rata",
    "kalimat_perubahan",
    "Peringkat",
    "peringkat",
]

SERATUS = Decimal(100)


def perubahan_relatif(baru: Decimal | None, lama: Decimal | None) -> Decimal | None:
    """(baru − lama)/|lama| × 100 (S0:L580: 86,12 → 88,21 = +2,43 %).

    ``lama`` 0 or None, or ``baru`` None → None. The denominator is |lama| so that the
    sign always tells the direction, also for a negative previous value.
    """
    if baru is None or lama is None or lama == 0:
        return None
    return (baru - lama) / abs(lama) * SERATUS


def perubahan_absolut(baru: Decimal, lama: Decimal) -> Decimal:
    """baru − lama (S2:L742: 73,25 → 73,87 = 0,62)."""
    return baru - lama


def rata_rata(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """Mean of the non-None values, unrounded (S2: mean of 100,1627 and 94,1667 = 97,16,
    not 97,17 from rounded values); no values → None."""
    daftar = [v for v in nilai if v is not None]
    if not daftar:
        return None
    return sum(daftar, Decimal(0)) / len(daftar)


def kalimat_perubahan(
    *,
    baru: Decimal,
    lama: Decimal,
    tahun_lama: int,
    relatif: bool = True,
    desimal: int = 2,
) -> str:
    """Narrative phrase for a year-on-year change.

    "meningkat sebesar 2,43% dibandingkan tahun 2023", "menurun sebesar 0,24% …",
    "tidak berubah dibandingkan tahun 2023" (when the change rounds to 0 at
    ``desimal`` places). With ``relatif=False`` the absolute difference without "%":
    "meningkat sebesar 0,62 dibandingkan tahun 2023". When a relative change is
    asked for but the previous value is 0, the absolute difference is given with a
    note that the percentage cannot be computed.
    """
    pembanding = f"dibandingkan tahun {tahun_lama}"
    catatan = ""
    satuan = ""
    if relatif:
        perubahan = perubahan_relatif(baru, lama)
        if perubahan is None:
            perubahan = perubahan_absolut(baru, lama)
            catatan = (
                f" (persentase perubahan tidak dapat dihitung karena nilai tahun {tahun_lama} "
                "adalah 0)"
            )
        else:
            satuan = "%"
    else:
        perubahan = perubahan_absolut(baru, lama)
    dibulatkan = bulatkan(perubahan, desimal)
    if dibulatkan == 0:
        return f"tidak berubah {pembanding}"
    arah = "meningkat" if dibulatkan > 0 else "menurun"
    return f"{arah} sebesar {format_angka(abs(dibulatkan), desimal)}{satuan} {pembanding}{catatan}"


@dataclass(frozen=True)
class Peringkat:
    """Where one perangkat daerah stands among the perangkat daerah sharing an indicator.

    ``n`` counts every value compared, this perangkat daerah's included; ``urutan`` is its
    rank (1 = best, ties share the better rank), None when it has no value itself.
    """

    n: int
    urutan: int | None
    median: Decimal
    terbaik: Decimal
    terendah: Decimal


def peringkat(
    sendiri: Decimal | None,
    lain: Sequence[Decimal],
    polaritas: Polaritas = Polaritas.POSITIF,
) -> Peringkat | None:
    """Rank, median, best and lowest of ``sendiri`` among the other values ``lain``.

    With ``Polaritas.POSITIF`` a higher value is better, with ``NEGATIF`` a lower one.
    A capaian from :func:`kinerja.engine.penilaian.nilai_indikator` already turns a
    negative indicator around, so capaian are ranked POSITIF. No other value → None:
    there is nothing to compare with. The size of the answer does not depend on
    ``len(lain)``.
    """
    if not lain:
        return None
    semua = [*lain, *([sendiri] if sendiri is not None else [])]
    urut = sorted(semua, reverse=polaritas == Polaritas.POSITIF)
    n = len(urut)
    tengah = n // 2
    median = urut[tengah] if n % 2 else (urut[tengah - 1] + urut[tengah]) / 2
    urutan = None
    if sendiri is not None:
        lebih_baik = [
            v for v in lain if (v > sendiri if polaritas == Polaritas.POSITIF else v < sendiri)
        ]
        urutan = len(lebih_baik) + 1
    return Peringkat(n=n, urutan=urutan, median=median, terbaik=urut[0], terendah=urut[-1])
