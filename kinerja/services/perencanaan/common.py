"""What the planning services share: canonical texts, the audit lookup, optimistic locking.

Optimistic locking compares three texts per value: what the form was loaded
with (``asal``), what the user sent, and what is stored now. A value the user
did not touch is left alone; a value the user changed is refused when the
stored one changed in the meantime, naming who changed it and when.
Values are compared in their canonical display text (``teks_nilai``), so
"96", "96,0" and "96,00" are the same value and "63,25 (B-)" keeps its grade.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.audit import format_waktu, nama_pengguna
from kinerja.engine.angka import Nilai
from kinerja.engine.realisasi import Rasio
from kinerja.models import (
    LogPerubahan,
    RencanaAksi,
)
from lib.format import format_angka_alami

PESAN_KONFLIK = (
    "{apa} telah diubah oleh {oleh} setelah halaman ini Anda buka; nilai tersimpan sekarang "
    "{kini}. Isian Anda belum disimpan: periksa nilai itu, lalu simpan lagi bila tetap ingin "
    "menggantinya."
)
PESAN_INDIKATOR_ASING = "Indikator yang dipilih bukan milik perangkat daerah ini."


def teks_nilai(angka: Decimal | None, label: str | None = "") -> str:
    """The display text of a stored value: its label, else the number ("96", "73,75"); "" if none."""
    if angka is None:
        return ""
    return label or format_angka_alami(angka)


def teks_isian(nilai: Nilai | Rasio | Decimal | None) -> str:
    """The display text of a typed value (see :func:`teks_nilai`)."""
    if nilai is None:
        return ""
    if isinstance(nilai, Rasio):
        return f"{format_angka_alami(nilai.pembilang)}/{format_angka_alami(nilai.penyebut)}"
    if isinstance(nilai, Nilai):
        return teks_nilai(nilai.angka, nilai.label)
    return format_angka_alami(nilai)


def teks_triwulan(row: RencanaAksi | None) -> str:
    if row is None:
        return ""
    if row.pembilang is not None and row.penyebut is not None:
        return teks_isian(Rasio(row.pembilang, row.penyebut))
    return teks_nilai(row.nilai, row.label)


def pengubah_terakhir(*, objek_tipe: str, objek_id: int | None, aksi: str = "") -> str:
    """ "operator_a pada 14 April 2025 pukul 10.15" from the audit trail; "pengguna lain" if unknown."""
    if objek_id is None:
        return "pengguna lain"
    log = LogPerubahan.objects.filter(objek_tipe=objek_tipe, objek_id=objek_id)
    if aksi:
        log = log.filter(aksi=aksi)
    terakhir = log.select_related("pengguna").first()
    if terakhir is None:
        return "pengguna lain"
    return f"{nama_pengguna(terakhir.pengguna)} pada {format_waktu(terakhir.waktu)}"


def _kutip(teks: str) -> str:
    return f'"{teks}"' if teks else "kosong"


def conflict_message(apa: str, kini: str, objek: Any, objek_tipe: str) -> str:
    oleh = pengubah_terakhir(objek_tipe=objek_tipe, objek_id=getattr(objek, "pk", None))
    return PESAN_KONFLIK.format(apa=apa, oleh=oleh, kini=_kutip(kini))


def needs_write(*, baru: str, asal: str | None, kini: str) -> bool | None:
    """True: write; False: nothing to do; None: conflict (changed by someone else meanwhile)."""
    if asal is None:
        asal = kini  # a value the form did not show cannot be stale
    if baru == asal or baru == kini:
        return False
    if kini != asal:
        return None
    return True
