"""Storing the budget a report states per sasaran (pagu and realisasi matching no program)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from anggaran.models import AnggaranSasaran
from anggaran.selectors import pengubah_terakhir, sasaran_milik_pd
from anggaran.services.common import PESAN_KONFLIK, PESAN_NODE_ASING, rp, sama, teks_audit
from kinerja.audit import catat_perubahan
from kinerja.models import PerangkatDaerah
from kinerja.services.kunci import pastikan_tahun_terbuka

JENIS_ANGKA = ("pagu", "realisasi")


@dataclass(frozen=True)
class BarisAnggaranSasaran:
    """One amount of the per-sasaran form: the ``jenis`` ("pagu" or "realisasi") of the
    sasaran ``sasaran_id``; ``dimuat`` the amount the form was loaded with, ``baru`` the
    amount typed (None: none). ``kunci`` is the caller's name for it, echoed in the errors.
    """

    kunci: str
    sasaran_id: int
    jenis: str
    dimuat: Decimal | None
    baru: Decimal | None


def kunci_audit_sasaran(pd: PerangkatDaerah, tahun: int, sasaran_id: int, jenis: str) -> str:
    """The stable name of one amount in the audit trail (survives delete and re-create)."""
    return f"anggaran_sasaran:{pd.pk}:{tahun}:{sasaran_id}:{jenis}"


@transaction.atomic
def anggaran_sasaran_simpan(
    *, pd: PerangkatDaerah, tahun: int, baris: Sequence[BarisAnggaranSasaran], pengguna
) -> int:
    """Store the pagu and realisasi stated per sasaran for ``tahun``; returns how many
    amounts changed.

    Raises ValidationError (a dict keyed by ``BarisAnggaranSasaran.kunci``) when the year
    is locked, a sasaran is not the perangkat daerah's, or an amount changed since the
    form was loaded; nothing is stored then. A sasaran left with neither amount loses
    its row.
    """
    pastikan_tahun_terbuka(pd, tahun)
    for b in baris:
        if b.jenis not in JENIS_ANGKA:
            raise ValueError(f"jenis angka anggaran sasaran tidak dikenal: {b.jenis!r}")
    ids = {b.sasaran_id for b in baris}
    kode = sasaran_milik_pd(pd, ids)
    # Lock the rows of the save: a second save waits, then sees the first's amounts.
    ada = {
        row.sasaran_id: row
        for row in AnggaranSasaran.objects.select_for_update().filter(
            perangkat_daerah=pd, tahun=tahun, sasaran_id__in=ids
        )
    }
    error: dict[str, list[str]] = {}
    ubah: list[tuple[BarisAnggaranSasaran, str, str]] = []
    for b in baris:
        if b.sasaran_id not in kode:
            error[b.kunci] = [PESAN_NODE_ASING.format(apa="Sasaran ini")]
            continue
        apa = f"{b.jenis.capitalize()} sasaran {kode[b.sasaran_id]}"
        row = ada.get(b.sasaran_id)
        kini = getattr(row, b.jenis) if row is not None else None
        kunci = kunci_audit_sasaran(pd, tahun, b.sasaran_id, b.jenis)
        if not sama(kini, b.dimuat):
            oleh = pengubah_terakhir(pd, kunci)
            error[b.kunci] = [PESAN_KONFLIK.format(apa=apa, oleh=oleh, kini=rp(kini))]
            continue
        if not sama(kini, b.baru):
            ubah.append((b, apa, kunci))
    if error:
        raise ValidationError(error)
    lama: dict[str, Decimal | None] = {}
    for b, _, kunci in ubah:
        row = ada.get(b.sasaran_id)
        if row is None:
            row = AnggaranSasaran(perangkat_daerah=pd, tahun=tahun, sasaran_id=b.sasaran_id)
            ada[b.sasaran_id] = row
        lama[kunci] = getattr(row, b.jenis)
        setattr(row, b.jenis, b.baru)
    kosong = []
    for sasaran_id in dict.fromkeys(b.sasaran_id for b, _, _ in ubah):
        row = ada[sasaran_id]
        if row.pagu is None and row.realisasi is None:
            kosong.append(row)
        else:
            row.full_clean()
            row.save()
    for b, apa, kunci in ubah:
        row = ada[b.sasaran_id]
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="anggaran_sasaran.ubah",
            objek=row if row.pk else None,
            uraian=f"{apa} tahun {tahun}",
            tahun=tahun,
            lama=teks_audit(lama[kunci]),
            baru=teks_audit(b.baru),
            data={"kunci": kunci},
        )
    for row in kosong:
        if row.pk:
            row.delete()
    return len(ubah)
