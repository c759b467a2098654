"""Annual (and "so far") realisasi from quarterly values — tipe penghitungan (DOMAIN §3.4).

Pure module: no Django imports, ``Decimal`` only. A quarter that was not reported
is ``None``; a quarter of a ratio indicator is a :class:`Rasio` (numerator and
denominator), so that the annual value is Σpembilang/Σpenyebut, never a mean of
percentages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from kinerja.engine.angka import Nilai, NilaiTidakValid

if TYPE_CHECKING:
    from kinerja.paket import types as t

__all__ = [
    "TipePenghitungan",
    "Rasio",
    "nilai_tahunan",
    "nilai_sd_triwulan",
    "triwulan_kosong",
    "angka_tw",
    "realisasi_tahun",
]

SERATUS = Decimal(100)


class TipePenghitungan(StrEnum):
    JUMLAH = "jumlah"  # Σ TW (counts of events/documents)
    KUMULATIF = "kumulatif"  # running "s.d. triwulan": the last reported TW
    RASIO = "rasio"  # Σ pembilang / Σ penyebut × 100
    RATA_RATA = "rata-rata"  # mean of reported TW
    NILAI_AKHIR = "nilai-akhir"  # last reported value (IKM, IPP, nilai SAKIP)


@dataclass(frozen=True)
class Rasio:
    """The value of one quarter for tipe rasio."""

    pembilang: Decimal
    penyebut: Decimal

    def persen(self) -> Decimal | None:
        """pembilang/penyebut × 100; None when penyebut is 0."""
        if self.penyebut == 0:
            return None
        return self.pembilang / self.penyebut * SERATUS


NilaiTriwulan = Decimal | Rasio | None


def _tipe(tipe: TipePenghitungan | str) -> TipePenghitungan:
    try:
        return TipePenghitungan(tipe)
    except ValueError:
        pilihan = ", ".join(f'"{t.value}"' for t in TipePenghitungan)
        raise NilaiTidakValid(
            f'tipe penghitungan "{tipe}" tidak dikenal; pilihan: {pilihan}'
        ) from None


def _periksa_empat(nilai_tw: Sequence[NilaiTriwulan]) -> None:
    if len(nilai_tw) != 4:
        raise NilaiTidakValid(
            f"nilai triwulan harus berisi tepat 4 isian (TW I–IV), tertulis {len(nilai_tw)}"
        )


def _hitung(nilai: Sequence[NilaiTriwulan], tipe: TipePenghitungan) -> Decimal | None:
    """The rules of :func:`nilai_tahunan` over any prefix of the quarters."""
    if tipe is TipePenghitungan.RASIO:
        pembilang = Decimal(0)
        penyebut = Decimal(0)
        ada = False
        for i, v in enumerate(nilai, start=1):
            if v is None:
                continue
            if not isinstance(v, Rasio):
                raise NilaiTidakValid(
                    f"triwulan {i}: tipe penghitungan rasio memerlukan pembilang dan "
                    "penyebut, bukan satu angka"
                )
            pembilang += v.pembilang
            penyebut += v.penyebut
            ada = True
        if not ada or penyebut == 0:
            return None
        return pembilang / penyebut * SERATUS

    angka: list[Decimal] = []
    for v in nilai:
        if isinstance(v, Rasio):
            persen = v.persen()  # 0/0 in a non-ratio type: undefined, counts as not reported
            if persen is not None:
                angka.append(persen)
        elif v is not None:
            if isinstance(v, bool) or not isinstance(v, Decimal | int):
                raise NilaiTidakValid(f"nilai triwulan {v!r} bukan angka Decimal")
            angka.append(Decimal(v))
    if not angka:
        return None
    if tipe is TipePenghitungan.JUMLAH:
        return sum(angka, Decimal(0))
    if tipe is TipePenghitungan.RATA_RATA:
        return sum(angka, Decimal(0)) / len(angka)
    # KUMULATIF (running total) and NILAI_AKHIR: the last reported value
    return angka[-1]


def nilai_tahunan(
    nilai_tw: Sequence[Decimal | Rasio | None],
    tipe: TipePenghitungan | str,
) -> Decimal | None:
    """Annual value from the 4 quarters (None = not reported).

    * jumlah: sum of the reported quarters;
    * kumulatif (running "s.d. triwulan"): the last reported quarter (29, 51, 71, 89 → 89);
    * rasio: Σpembilang/Σpenyebut × 100 over reported quarters (Σpenyebut 0 → None);
    * rata-rata: mean of the reported quarters (unrounded);
    * nilai-akhir: the last reported quarter.

    All quarters None → None. Outside tipe rasio a :class:`Rasio` quarter counts as
    its percentage (0/0 counts as not reported); in tipe rasio a plain number is an
    error (``NilaiTidakValid``).
    """
    _periksa_empat(nilai_tw)
    return _hitung(nilai_tw, _tipe(tipe))


def nilai_sd_triwulan(
    nilai_tw: Sequence[Decimal | Rasio | None],
    tipe: TipePenghitungan | str,
    triwulan: int,
) -> Decimal | None:
    """The value "so far" (s.d. triwulan ``triwulan``) with the rules of :func:`nilai_tahunan`.

    Used for dashboards and quarterly capaian. Apply it to the quarterly *targets*
    too: for kumulatif the target of TW n is then the cumulative target to date.
    """
    _periksa_empat(nilai_tw)
    if isinstance(triwulan, bool) or triwulan not in (1, 2, 3, 4):
        raise NilaiTidakValid(f"triwulan harus 1–4, tertulis {triwulan!r}")
    return _hitung(nilai_tw[:triwulan], _tipe(tipe))


def triwulan_kosong(
    nilai_tw: Sequence[Decimal | Rasio | None],
    tipe: TipePenghitungan | str,
    *,
    diharapkan: Sequence[bool] | None = None,
    sampai_triwulan: int = 4,
) -> list[int]:
    """Quarters (1..4) up to ``sampai_triwulan`` that are expected but not reported (None).

    Expected: ``diharapkan[q-1]`` when given; otherwise every quarter for jumlah,
    kumulatif, rasio and rata-rata, and only quarter 4 for nilai-akhir (and only
    once ``sampai_triwulan`` is 4).
    """
    _periksa_empat(nilai_tw)
    jenis = _tipe(tipe)
    if isinstance(sampai_triwulan, bool) or sampai_triwulan not in (0, 1, 2, 3, 4):
        raise NilaiTidakValid(f"sampai triwulan harus 0–4, tertulis {sampai_triwulan!r}")
    if diharapkan is not None and len(diharapkan) != 4:
        raise NilaiTidakValid(
            f"daftar triwulan yang diharapkan harus berisi 4 isian, tertulis {len(diharapkan)}"
        )
    kosong: list[int] = []
    for q in range(1, sampai_triwulan + 1):
        if diharapkan is not None:
            harap = bool(diharapkan[q - 1])
        elif jenis is TipePenghitungan.NILAI_AKHIR:
            harap = q == 4
        else:
            harap = True
        if harap and nilai_tw[q - 1] is None:
            kosong.append(q)
    return kosong


def angka_tw(v: Nilai | Rasio | None) -> Decimal | Rasio | None:
    """The computing value of a reported quarter: a measured value's number, a Rasio as is."""
    if isinstance(v, Nilai):
        return v.angka
    return v


def realisasi_tahun(paket: t.Paket, ind: t.Indikator, tahun: int) -> Decimal | None:
    """The annual realisasi of ``ind`` in ``tahun``: from the year's quarters when the
    package has them, else the realisasi of the indicator's history; None if neither."""
    th = paket.cari_tahun(tahun)
    if th is not None and ind.kode in th.realisasi:
        return nilai_tahunan([angka_tw(v) for v in th.realisasi[ind.kode]], ind.tipe_penghitungan)
    riwayat = ind.riwayat.get(tahun)
    if riwayat and riwayat.realisasi:
        return riwayat.realisasi.angka
    return None
