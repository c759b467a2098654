"""Decimal values: the one half-up rounding rule and the number of decimals as written.

Pure module: no Django, no app import. Every number of the application is a
``Decimal``; rounding is always ROUND_HALF_UP (never Python's ``round()``, which
is banker's rounding). The calculation (``kinerja.engine``) rounds with these
functions when a value is compared or stored, and the display formatting
(:mod:`lib.format`) rounds with them when a value is printed, so a figure is
rounded the same way on the screen, in the PDF and in a finding.
``kinerja.engine.angka`` re-exports them as part of the engine's vocabulary.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

__all__ = ["NilaiTidakValid", "bulatkan", "jumlah_desimal", "strip_scale"]


class NilaiTidakValid(ValueError):
    """A value cannot be used (message in Bahasa Indonesia)."""


# The context of a rounding: enough precision for the rounded value (never less than
# Python's default 28 digits); made once for the usual precision, it is the hot path of
# every figure printed and computed.
_PRESISI = 28
_KONTEKS = Context(prec=_PRESISI)
_EKSPONEN = {n: Decimal(1).scaleb(-n) for n in range(-6, 13)}


def bulatkan(d: Decimal, desimal: int = 2) -> Decimal:
    """Round half-up to ``desimal`` places: ``bulatkan(Decimal("0.125")) == Decimal("0.13")``."""
    if not isinstance(d, Decimal):
        d = Decimal(d)
    eksponen = _EKSPONEN.get(desimal)
    if eksponen is None:
        eksponen = Decimal(1).scaleb(-desimal)
    presisi = d.adjusted() + desimal + 3
    ctx = _KONTEKS if presisi <= _PRESISI else Context(prec=presisi)
    try:
        return d.quantize(eksponen, rounding=ROUND_HALF_UP, context=ctx)
    except InvalidOperation:
        raise NilaiTidakValid(f'"{d}" tidak dapat dibulatkan') from None


def jumlah_desimal(d: Decimal) -> int:
    """Number of decimals as written: Decimal('98.50') → 2, Decimal('88') → 0."""
    eksponen = d.as_tuple().exponent
    if not isinstance(eksponen, int):  # NaN / Infinity
        raise NilaiTidakValid(f'"{d}" bukan angka yang sah')
    return -eksponen if eksponen < 0 else 0


def strip_scale(d: Decimal | None) -> Decimal | None:
    """Stored decimals carry the column's scale (75.350000); drop it."""
    if d is None:
        return None
    return d.normalize() if d != d.to_integral_value() else Decimal(int(d))
