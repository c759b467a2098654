"""Availability and efficiency of SDM and sarana prasarana (DOMAIN §8.2, §8.3).

Pure module: no Django imports, ``Decimal`` only.

* % ketersediaan = tersedia / kebutuhan × 100 (SDM: pegawai against the ABK
  need; sarpras: the reconciled count against the standard need).
* Per row of the SDM table, S2 writes efisiensi = 100 − % ketersediaan
  (5/18 → 27,78 → 72,22).
* For the whole table (SDM total, and sarpras), S2 writes efisiensi = average
  capaian of the IKU − % ketersediaan (97,17 − 31,71 = 65,46 for SDM; 97,17 −
  95,89 = 1,28 for sarpras): how much performance was reached beyond what the
  resources available would predict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Ketersediaan", "ketersediaan", "efisiensi_baris", "efisiensi_total"]

SERATUS = Decimal(100)


@dataclass(frozen=True)
class Ketersediaan:
    tersedia: int
    kebutuhan: int
    # None when there is no need to compare with (kebutuhan 0 or not filled).
    persen: Decimal | None


def ketersediaan(pasangan: Iterable[tuple[int, int | None]]) -> Ketersediaan:
    """Σ tersedia / Σ kebutuhan × 100 over rows (tersedia, kebutuhan); rows without a
    need are left out of both sums."""
    tersedia = kebutuhan = 0
    for t, k in pasangan:
        if k is None:
            continue
        if t < 0 or k < 0:
            raise ValueError("jumlah tersedia dan kebutuhan tidak boleh negatif")
        tersedia += t
        kebutuhan += k
    persen = Decimal(tersedia) * SERATUS / kebutuhan if kebutuhan else None
    return Ketersediaan(tersedia=tersedia, kebutuhan=kebutuhan, persen=persen)


def efisiensi_baris(persen_ketersediaan: Decimal | None) -> Decimal | None:
    """A row of the SDM table: 100 − % ketersediaan (S2: 27,78 → 72,22)."""
    return None if persen_ketersediaan is None else SERATUS - persen_ketersediaan


def efisiensi_total(
    rata_rata_capaian: Decimal | None, persen_ketersediaan: Decimal | None
) -> Decimal | None:
    """Average capaian of the IKU − % ketersediaan (S2: 97,17 − 95,89 = 1,28)."""
    if rata_rata_capaian is None or persen_ketersediaan is None:
        return None
    return rata_rata_capaian - persen_ketersediaan
