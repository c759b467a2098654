"""One indicator, judged by its pemda's rules: capaian, score, predicate and the rule.

Pure module: no Django imports. :func:`nilai_indikator` is the one place where an
indicator's own overrides (negative formula, caps) and the pemda's rules
(scale, formula, caps, threshold) are resolved into a capaian: every screen, the
PDF and ``hitung`` call it, so the same inputs give the same figure everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from kinerja.engine.capaian import Capaian, Polaritas, RumusNegatif, hitung_capaian
from kinerja.engine.predikat import Band, Skala, klasifikasi
from lib.format import format_angka_alami

__all__ = [
    "AturanCapaian",
    "IndikatorCapaian",
    "Penilaian",
    "kemajuan_indikator",
    "nilai_indikator",
    "tingkat_kemajuan",
]


class IndikatorCapaian(Protocol):
    """What of an indicator the rule reads (``kinerja.paket.types.Indikator`` and the ORM
    ``Indikator`` both have it; a caps field may be an int, a Decimal or None)."""

    polaritas: Polaritas | str
    rumus_negatif: RumusNegatif | str | None
    batas_atas_capaian: Decimal | int | None
    batas_bawah_capaian: Decimal | int | None


class AturanCapaian(Protocol):
    """The pemda's rules as :class:`kinerja.paket.types.Aturan` holds them."""

    skala: Skala
    rumus_negatif: RumusNegatif
    batas_atas_capaian: Decimal | None
    batas_bawah_capaian: Decimal | None
    ambang_tercapai: Decimal


@dataclass(frozen=True)
class Penilaian:
    """The judgement of one indicator for one period.

    ``capaian`` keeps the raw ratio and the clamped score; ``band`` is the
    predicate band of the score (None when the scale has no band for it);
    ``aturan`` says in words which formula, cap and floor were applied.
    """

    capaian: Capaian
    band: Band | None
    aturan: str
    tercapai: bool | None

    @property
    def mentah(self) -> Decimal | None:
        return self.capaian.mentah

    @property
    def skor(self) -> Decimal | None:
        return self.capaian.skor

    @property
    def tampil(self) -> Decimal | None:
        """The figure a table prints: the raw ratio, or the score when there is no ratio."""
        return self.capaian.mentah if self.capaian.mentah is not None else self.capaian.skor

    @property
    def predikat(self) -> str | None:
        return self.band.label if self.band else None

    @property
    def warna(self) -> str | None:
        return self.band.warna if self.band else None


def _batas(khusus: Decimal | int | None, pemda: Decimal | None) -> Decimal | None:
    nilai = khusus if khusus is not None else pemda
    return None if nilai is None else Decimal(nilai)


def _rumus_negatif(indikator: IndikatorCapaian, aturan: AturanCapaian) -> RumusNegatif | str:
    """The indicator's own negative formula, else the pemda's."""
    return indikator.rumus_negatif or aturan.rumus_negatif


def nilai_indikator(
    indikator: IndikatorCapaian,
    aturan: AturanCapaian,
    *,
    target: Decimal,
    realisasi: Decimal,
) -> Penilaian:
    """Capaian, score, predicate and the rule of ``indikator`` for ``target``/``realisasi``.

    The indicator's own negative formula and caps win over the pemda's; the
    predicate is the band of the (clamped) score on the pemda's scale. Raises
    ``NilaiTidakValid`` as :func:`hitung_capaian` does (a negative target, …).
    """
    atas = _batas(indikator.batas_atas_capaian, aturan.batas_atas_capaian)
    bawah = _batas(indikator.batas_bawah_capaian, aturan.batas_bawah_capaian)
    capaian = hitung_capaian(
        target=target,
        realisasi=realisasi,
        polaritas=indikator.polaritas,
        rumus_negatif=_rumus_negatif(indikator, aturan),
        batas_atas=atas,
        batas_bawah=bawah,
    )
    band = klasifikasi(aturan.skala, capaian.skor)
    bagian = [f"capaian = {capaian.rumus}"]
    if atas is not None:
        bagian.append(f"batas atas {format_angka_alami(atas)}%")
    if bawah is not None:
        bagian.append(f"batas bawah {format_angka_alami(bawah)}%")
    bagian.append(f"predikat menurut skala {aturan.skala.nama}")
    tercapai = None if capaian.skor is None else capaian.skor >= aturan.ambang_tercapai
    return Penilaian(capaian, band, "; ".join(bagian), tercapai)


def kemajuan_indikator(
    indikator: IndikatorCapaian,
    aturan: AturanCapaian,
    *,
    realisasi: Decimal | None,
    target_akhir: Decimal | None,
) -> Decimal | None:
    """Tingkat kemajuan of ``indikator``: :func:`tingkat_kemajuan` with the indicator's
    negative formula winning over the pemda's (no cap or floor applies)."""
    return tingkat_kemajuan(
        realisasi=realisasi,
        target_akhir=target_akhir,
        polaritas=indikator.polaritas,
        rumus_negatif=_rumus_negatif(indikator, aturan),
    )


def tingkat_kemajuan(
    *,
    realisasi: Decimal | None,
    target_akhir: Decimal | None,
    polaritas: Polaritas | str,
    rumus_negatif: RumusNegatif | str = RumusNegatif.DUA_T_KURANG_R,
) -> Decimal | None:
    """Realisasi against the Renstra end target ("Tingkat Kemajuan", "Capaian % (Akhir Renstra)").

    Same formula as :func:`~kinerja.engine.capaian.hitung_capaian` for the polarity,
    without cap or floor; the raw (unrounded) value. None when undefined (see the
    edge cases of ``hitung_capaian``) or when an input is None.
    """
    if realisasi is None or target_akhir is None:
        return None
    return hitung_capaian(
        target=target_akhir,
        realisasi=realisasi,
        polaritas=polaritas,
        rumus_negatif=rumus_negatif,
    ).mentah
