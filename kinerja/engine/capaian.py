"""Capaian kinerja by polarity, with caps and floors (DOMAIN §3.1–§3.3).

Pure module: no Django imports, ``Decimal`` only. ``Capaian.mentah`` is the raw,
unrounded ratio (what tables print); ``Capaian.skor`` is the clamped value used for
predicates and averages (S2:L596: > 100 counts as 100, < 0 counts as 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kinerja.engine.angka import Nilai, NilaiTidakValid
from lib.format import format_angka_alami

__all__ = [
    "Polaritas",
    "RumusNegatif",
    "AcuanRentang",
    "target_acuan",
    "Capaian",
    "hitung_capaian",
    "capaian_skor",
    "RUMUS_POSITIF",
    "RUMUS_2T_KURANG_R",
    "RUMUS_T_BAGI_R",
]

SERATUS = Decimal(100)
NOL = Decimal(0)

RUMUS_POSITIF = "R/T × 100"
RUMUS_2T_KURANG_R = "(2T − R)/T × 100"
RUMUS_T_BAGI_R = "T/R × 100"


class Polaritas(StrEnum):
    POSITIF = "positif"
    NEGATIF = "negatif"


class RumusNegatif(StrEnum):
    DUA_T_KURANG_R = "2t-r"
    T_BAGI_R = "t/r"


class AcuanRentang(StrEnum):
    """Which number of a target stated as a range ("60 – 70") capaian is computed against."""

    BAWAH = "bawah"
    ATAS = "atas"
    TENGAH = "tengah"


def target_acuan(target: Nilai, acuan: AcuanRentang | str = AcuanRentang.BAWAH) -> Decimal:
    """The number capaian is computed against: the target itself, or for a range the
    bound the pemda's rule names (the lower, the upper, or the middle of the two)."""
    if target.atas is None:
        return target.angka
    pilihan = AcuanRentang(acuan)
    if pilihan is AcuanRentang.ATAS:
        return target.atas
    if pilihan is AcuanRentang.TENGAH:
        return (target.angka + target.atas) / 2
    return target.angka


@dataclass(frozen=True)
class Capaian:
    """Result of :func:`hitung_capaian`.

    ``mentah``: raw ratio in percent, unrounded; None when it is undefined.
    ``skor``: ``mentah`` clamped to [batas_bawah, batas_atas] (or the substitute
    defined for an undefined ratio); None only when nothing can be said.
    ``rumus``: the formula in words/maths, with the cap/floor when one was applied.
    ``catatan``: an Indonesian note explaining an edge case.
    """

    mentah: Decimal | None
    skor: Decimal | None
    rumus: str
    catatan: str | None = None


def capaian_skor(
    mentah: Decimal | None,
    batas_atas: Decimal | None,
    batas_bawah: Decimal | None,
) -> Decimal | None:
    """Clamp ``mentah`` into [batas_bawah, batas_atas] (None bounds = open); None → None."""
    if mentah is None:
        return None
    if batas_atas is not None and mentah > batas_atas:
        return batas_atas
    if batas_bawah is not None and mentah < batas_bawah:
        return batas_bawah
    return mentah


def _sebagai_decimal(nama: str, nilai: object) -> Decimal:
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise NilaiTidakValid(f"{nama} harus berupa angka Decimal, bukan {nilai!r}")
    hasil = Decimal(nilai)
    if not hasil.is_finite():
        raise NilaiTidakValid(f"{nama} bukan angka yang sah")
    return hasil


def hitung_capaian(
    *,
    target: Decimal,
    realisasi: Decimal,
    polaritas: Polaritas | str,
    rumus_negatif: RumusNegatif | str = RumusNegatif.DUA_T_KURANG_R,
    batas_atas: Decimal | None = None,
    batas_bawah: Decimal | None = None,
) -> Capaian:
    """Capaian (%) of ``realisasi`` against ``target``.

    Formulas (T = target, R = realisasi):

    * positive polarity: ``R/T × 100``;
    * negative, "2t-r": ``(2T − R)/T × 100`` (S4:L545–547);
    * negative, "t/r": ``T/R × 100``.

    ``skor`` = clamp(mentah, batas_bawah, batas_atas). When the clamp changes the
    value, ``rumus`` gets " (dibatasi maks. X)" or " (dibatasi min. X)".

    Edge cases (T = 0 and friends):

    * T < 0 → ``NilaiTidakValid`` (any polarity).
    * positive, T = 0, R = 0 → 100, catatan "target 0 dan realisasi 0 dianggap tercapai".
    * positive, T = 0, R > 0 → mentah None, skor = batas_atas if set else 100,
      catatan "target 0: capaian tidak dapat dihitung sebagai rasio, dianggap tercapai penuh".
    * positive, T = 0, R < 0 → mentah None, skor = batas_bawah if set else 0
      (realisasi below a zero target: not achieved).
    * negative "2t-r", T = 0, R = 0 → 100; R > 0 → 0 (the floor still applies to
      the skor); R < 0 → mentah None, skor = batas_atas if set else 100.
    * negative "t/r": R = 0 and T = 0 → 100; R = 0, T > 0 → mentah None,
      skor = batas_atas if set else 100 (with catatan); T = 0, R > 0 → 0;
      R < 0 → ``NilaiTidakValid`` (T/R has no meaning for a negative realisasi).

    ``batas_bawah`` (normally None or 0) raises low values up to it; ``batas_atas``
    (normally None, 100, 110, 120 or 125) caps high values. ``batas_bawah`` greater
    than ``batas_atas`` → ``NilaiTidakValid``.
    """
    t, r, atas, bawah = _masukan(target, realisasi, batas_atas, batas_bawah)
    pol, varian = _rumus(polaritas, rumus_negatif)
    if t < 0:
        raise NilaiTidakValid(
            f"target negatif ({format_angka_alami(t)}) tidak dapat dipakai untuk menghitung capaian"
        )
    if pol is Polaritas.POSITIF:
        return _capaian_positif(t, r, atas, bawah)
    if varian is RumusNegatif.DUA_T_KURANG_R:
        return _capaian_2t_kurang_r(t, r, atas, bawah)
    return _capaian_t_bagi_r(t, r, atas, bawah)


def _masukan(
    target: object, realisasi: object, batas_atas: object, batas_bawah: object
) -> tuple[Decimal, Decimal, Decimal | None, Decimal | None]:
    """The four numbers as Decimals, the floor not above the cap."""
    t = _sebagai_decimal("target", target)
    r = _sebagai_decimal("realisasi", realisasi)
    atas = None if batas_atas is None else _sebagai_decimal("batas atas", batas_atas)
    bawah = None if batas_bawah is None else _sebagai_decimal("batas bawah", batas_bawah)
    if atas is not None and bawah is not None and bawah > atas:
        raise NilaiTidakValid(
            f"batas bawah capaian ({format_angka_alami(bawah)}) lebih besar dari "
            f"batas atas ({format_angka_alami(atas)})"
        )
    return t, r, atas, bawah


def _rumus(
    polaritas: Polaritas | str, rumus_negatif: RumusNegatif | str
) -> tuple[Polaritas, RumusNegatif]:
    try:
        pol = Polaritas(polaritas)
    except ValueError:
        raise NilaiTidakValid(
            f'polaritas "{polaritas}" tidak dikenal; pilih "positif" atau "negatif"'
        ) from None
    try:
        varian = RumusNegatif(rumus_negatif)
    except ValueError:
        raise NilaiTidakValid(
            f'rumus polaritas negatif "{rumus_negatif}" tidak dikenal; pilih "2t-r" atau "t/r"'
        ) from None
    return pol, varian


def _capaian_positif(
    t: Decimal, r: Decimal, atas: Decimal | None, bawah: Decimal | None
) -> Capaian:
    rumus = RUMUS_POSITIF
    if t != 0:
        return _hasil(r / t * SERATUS, rumus, atas, bawah)
    if r == 0:
        return _hasil(SERATUS, rumus, atas, bawah, "target 0 dan realisasi 0 dianggap tercapai")
    if r > 0:
        return Capaian(
            None,
            atas if atas is not None else SERATUS,
            rumus,
            "target 0: capaian tidak dapat dihitung sebagai rasio, dianggap tercapai penuh",
        )
    return Capaian(
        None,
        bawah if bawah is not None else NOL,
        rumus,
        "target 0 dan realisasi negatif: capaian tidak dapat dihitung sebagai rasio, "
        "dianggap tidak tercapai",
    )


def _capaian_2t_kurang_r(
    t: Decimal, r: Decimal, atas: Decimal | None, bawah: Decimal | None
) -> Capaian:
    rumus = RUMUS_2T_KURANG_R
    if t != 0:
        return _hasil((2 * t - r) / t * SERATUS, rumus, atas, bawah)
    if r == 0:
        return _hasil(SERATUS, rumus, atas, bawah, "target 0 dan realisasi 0 dianggap tercapai")
    if r > 0:
        return _hasil(
            NOL,
            rumus,
            atas,
            bawah,
            "target 0 dengan realisasi di atas 0 (polaritas negatif): capaian dianggap 0",
        )
    return Capaian(
        None,
        atas if atas is not None else SERATUS,
        rumus,
        "target 0 dengan realisasi di bawah 0 (polaritas negatif): capaian tidak dapat "
        "dihitung sebagai rasio, dianggap tercapai penuh",
    )


def _capaian_t_bagi_r(
    t: Decimal, r: Decimal, atas: Decimal | None, bawah: Decimal | None
) -> Capaian:
    rumus = RUMUS_T_BAGI_R
    if r < 0:
        raise NilaiTidakValid(
            f"realisasi negatif ({format_angka_alami(r)}) tidak dapat dihitung dengan rumus T/R"
        )
    if r == 0:
        if t == 0:
            return _hasil(SERATUS, rumus, atas, bawah, "target 0 dan realisasi 0 dianggap tercapai")
        return Capaian(
            None,
            atas if atas is not None else SERATUS,
            rumus,
            "realisasi 0 (polaritas negatif, rumus T/R): capaian tidak dapat dihitung sebagai "
            "rasio, dianggap tercapai penuh",
        )
    if t == 0:
        return _hasil(
            NOL,
            rumus,
            atas,
            bawah,
            "target 0 dengan realisasi di atas 0 (polaritas negatif): capaian dianggap 0",
        )
    return _hasil(t / r * SERATUS, rumus, atas, bawah)


def _hasil(
    mentah: Decimal,
    rumus: str,
    atas: Decimal | None,
    bawah: Decimal | None,
    catatan: str | None = None,
) -> Capaian:
    skor = capaian_skor(mentah, atas, bawah)
    assert skor is not None
    if atas is not None and mentah > atas:
        rumus = f"{rumus} (dibatasi maks. {format_angka_alami(atas)})"
    elif bawah is not None and mentah < bawah:
        rumus = f"{rumus} (dibatasi min. {format_angka_alami(bawah)})"
    return Capaian(mentah, skor, rumus, catatan)
