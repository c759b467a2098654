"""Proposed quarterly targets (Rencana Aksi) from an annual target, by tipe penghitungan.

Pure module: no Django imports, ``Decimal`` only. The proposal is a draft the
operator edits; its one promise is that rolling the four quarters up by the
indicator's own rule (:func:`kinerja.engine.realisasi.nilai_tahunan`) gives the
annual target back exactly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from kinerja.engine.angka import Nilai, NilaiTidakValid
from kinerja.engine.realisasi import Rasio, TipePenghitungan, _tipe

__all__ = ["usulan_target_triwulan"]

SERATUS = Decimal(100)

UsulanTriwulan = Nilai | Rasio | None


def _kuantum(angka: Decimal) -> Decimal:
    """The smallest step of the number as written: 12 → 1, 73,75 → 0,01 (never above 1)."""
    eksponen = angka.normalize().as_tuple().exponent
    if not isinstance(eksponen, int):
        raise NilaiTidakValid(f"target {angka} bukan angka terhingga")
    return Decimal(1).scaleb(min(eksponen, 0))


def _bagi_empat(angka: Decimal) -> list[Decimal]:
    """Four parts at the precision of ``angka`` that add up to it exactly.

    The remainder goes to the last quarters: 7 → 1, 2, 2, 2; 12 → 3, 3, 3, 3.
    """
    kuantum = _kuantum(angka)
    satuan = int((abs(angka) / kuantum).to_integral_value())
    dasar, sisa = divmod(satuan, 4)
    tanda = -1 if angka < 0 else 1
    bagian = [dasar + (1 if q >= 4 - sisa else 0) for q in range(4)]
    return [(tanda * b * kuantum).quantize(kuantum) for b in bagian]


def usulan_target_triwulan(target: Nilai, tipe: TipePenghitungan | str) -> list[UsulanTriwulan]:
    """The proposed targets of TW I–IV for the annual ``target``.

    By tipe penghitungan (DOMAIN §3.4; the quarterly target uses the same type):

    * jumlah: the annual target split in four parts at its own precision, the
      remainder on the last quarters (12 → 3, 3, 3, 3; 7 → 1, 2, 2, 2); the
      parts carry no label (a grade of the year is not a grade of a quarter);
    * kumulatif (running "s.d. triwulan"): a rising path ending at the target,
      TW n = n/4 of it at its precision, TW IV the target itself with its label;
    * rata-rata: the target every quarter, with its label;
    * nilai-akhir: only TW IV, the target with its label (the value is measured
      once, as the Rencana Aksi page asks: "cukup TW IV"); TW I–III empty;
    * rasio: every quarter ``target/100`` (pembilang = the target, penyebut
      100), whose Σpembilang/Σpenyebut × 100 is the target; the operator then
      writes the real numerator and denominator.

    ``nilai_tahunan`` of the proposal equals ``target.angka``.
    """
    jenis = _tipe(tipe)
    angka = target.angka
    if isinstance(angka, bool) or not isinstance(angka, Decimal) or not angka.is_finite():
        raise NilaiTidakValid(f"target {angka!r} bukan angka Decimal")
    # A range target ("60 – 70") proposes its lower bound: a quarter holds one value.
    label = None if target.atas is not None else (target.label or None)
    if jenis is TipePenghitungan.JUMLAH:
        return [Nilai(b) for b in _bagi_empat(angka)]
    if jenis is TipePenghitungan.KUMULATIF:
        kuantum = _kuantum(angka)
        jalur: list[UsulanTriwulan] = [
            Nilai((angka * q / 4).quantize(kuantum, rounding=ROUND_HALF_UP)) for q in (1, 2, 3)
        ]
        return [*jalur, Nilai(angka, label)]
    if jenis is TipePenghitungan.RATA_RATA:
        return [Nilai(angka, label) for _ in range(4)]
    if jenis is TipePenghitungan.NILAI_AKHIR:
        return [None, None, None, Nilai(angka, label)]
    # RASIO
    return [Rasio(angka, SERATUS) for _ in range(4)]
