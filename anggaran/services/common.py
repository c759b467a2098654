"""What the budget writes share: the messages of a refused save and the amounts as the
messages and the audit trail spell them.
"""

from __future__ import annotations

from decimal import Decimal

from lib.format import format_rupiah

TINGKAT_NODE = ("program", "kegiatan", "sub_kegiatan")
NAMA_TINGKAT = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}

PESAN_KONFLIK = (
    "{apa} sudah diubah oleh {oleh} setelah formulir ini dibuka "
    "(nilai tersimpan sekarang {kini}). Periksa isian Anda, lalu simpan sekali lagi "
    "bila tetap ingin menggantinya."
)
PESAN_NODE_ASING = "{apa} bukan bagian dari Renstra perangkat daerah ini."


def rp(jumlah_uang: Decimal | None) -> str:
    return "kosong" if jumlah_uang is None else format_rupiah(jumlah_uang)


def teks_audit(jumlah_uang: Decimal | None) -> str | None:
    """An amount for the audit trail in plain notation: "2315000", never "2.315E+6"."""
    return None if jumlah_uang is None else format(jumlah_uang.normalize(), "f")


def sama(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b
