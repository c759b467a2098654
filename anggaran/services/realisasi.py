"""Storing the realisasi anggaran of sub kegiatan within one triwulan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from anggaran.models import DPA, Pagu, RealisasiAnggaran
from anggaran.selectors import node_milik_pd, pengubah_terakhir
from anggaran.services.common import PESAN_KONFLIK, PESAN_NODE_ASING, rp, sama, teks_audit
from kinerja.antrean_impor import lapor_kemajuan
from kinerja.audit import catat_perubahan_banyak
from kinerja.models import PerangkatDaerah
from kinerja.services.kunci import pastikan_triwulan_terbuka
from kinerja.services.realisasi import ROMAWI
from kinerja.tulis_banyak import perbarui_banyak
from lib.format import format_rupiah

PESAN_TAHUNAN_TW4 = (
    "Realisasi tahunan sub kegiatan {kode} dihitung pada triwulan IV, sehingga tidak dapat "
    "diganti: {pesan}"
)
PESAN_MELEBIHI_PAGU = (
    "Perhatian: jumlah realisasi triwulan sub kegiatan {kode} tahun {tahun} ({realisasi}) "
    "melebihi pagu ({pagu}). Data tetap disimpan; periksa kembali angkanya."
)


@dataclass(frozen=True)
class BarisRealisasiAnggaran:
    """The realisasi of one sub kegiatan within one triwulan, as typed in the form.

    ``dimuat``: the amount of that triwulan when the form was loaded;
    ``tahunan_dimuat``: the annual amount (a row without triwulan) then;
    ``baru``: the amount typed (None: no amount for this triwulan).
    """

    kunci: str
    sub_kegiatan_id: int
    dimuat: Decimal | None
    tahunan_dimuat: Decimal | None
    baru: Decimal | None


@dataclass
class HasilRealisasiAnggaran:
    berubah: int = 0
    peringatan: list[str] = field(default_factory=list)


def kunci_audit_realisasi(pd: PerangkatDaerah, tahun: int, sub_id: int, tw: int | None) -> str:
    return f"realisasi_anggaran:{pd.pk}:{tahun}:{sub_id}:{tw or 'tahunan'}"


@transaction.atomic
def realisasi_anggaran_simpan_triwulan(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    baris: Sequence[BarisRealisasiAnggaran],
    pengguna,
) -> HasilRealisasiAnggaran:
    """Store the realisasi anggaran of sub kegiatan within ``triwulan``.

    A sub kegiatan that only has an annual amount (triwulan empty) loses it when a
    quarterly amount is saved: the year is then the sum of its quarters. Realisasi
    above pagu is allowed (it happens in real reports) but comes back as a warning.
    """
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError("Triwulan harus I, II, III atau IV.")
    pastikan_triwulan_terbuka(pd, tahun, triwulan)
    ids = {b.sub_kegiatan_id for b in baris}
    kode_sub = node_milik_pd(pd, "sub_kegiatan", ids)
    ada = _Tersimpan.muat(pd, tahun, triwulan, ids)
    ubah = _periksa_baris(pd, tahun, triwulan, baris, kode_sub, ada)

    hasil = HasilRealisasiAnggaran()
    for b, lama in _simpan_banyak(pd, tahun, triwulan, ubah, kode_sub, ada, pengguna):
        hasil.berubah += 1
        ada.total_tw[b.sub_kegiatan_id] = (
            ada.total_tw.get(b.sub_kegiatan_id, Decimal(0)) - (lama or 0) + (b.baru or 0)
        )

    if ubah:
        hasil.peringatan = _melebihi_pagu(
            pd, tahun, {b.sub_kegiatan_id for b in ubah}, ada.total_tw
        )
    return hasil


@transaction.atomic
def realisasi_anggaran_periksa_triwulan(
    *, pd: PerangkatDaerah, tahun: int, triwulan: int, baris: Sequence[BarisRealisasiAnggaran]
) -> list[BarisRealisasiAnggaran]:
    """The rows ``realisasi_anggaran_simpan_triwulan`` would change, checked the same way;
    writes nothing (the preview of an imported file)."""
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError("Triwulan harus I, II, III atau IV.")
    pastikan_triwulan_terbuka(pd, tahun, triwulan)
    ids = {b.sub_kegiatan_id for b in baris}
    kode_sub = node_milik_pd(pd, "sub_kegiatan", ids)
    return _periksa_baris(
        pd, tahun, triwulan, baris, kode_sub, _Tersimpan.muat(pd, tahun, triwulan, ids)
    )


@dataclass
class _Tersimpan:
    """The stored realisasi rows of the sub kegiatan of a save, locked until it ends."""

    per_tw: dict[int, RealisasiAnggaran]  # sub kegiatan pk → its row of the triwulan
    tahunan: dict[int, RealisasiAnggaran]  # sub kegiatan pk → its annual row (no triwulan)
    total_tw: dict[int, Decimal]  # sub kegiatan pk → sum of its quarterly rows

    @classmethod
    def muat(cls, pd: PerangkatDaerah, tahun: int, triwulan: int, ids: set[int]) -> _Tersimpan:
        rows = list(
            RealisasiAnggaran.objects.select_for_update(of=("self",))
            .filter(perangkat_daerah=pd, tahun=tahun, sub_kegiatan_id__in=ids)
            .order_by("id")
        )
        ada = cls(per_tw={}, tahunan={}, total_tw={})
        for r in rows:
            if r.triwulan is None:
                ada.tahunan.setdefault(r.sub_kegiatan_id, r)
            else:
                ada.total_tw[r.sub_kegiatan_id] = (
                    ada.total_tw.get(r.sub_kegiatan_id, Decimal(0)) + r.jumlah
                )
                if r.triwulan == triwulan:
                    ada.per_tw.setdefault(r.sub_kegiatan_id, r)
        return ada


def _periksa_baris(
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    baris: Sequence[BarisRealisasiAnggaran],
    kode_sub: dict[int, str],
    ada: _Tersimpan,
) -> list[BarisRealisasiAnggaran]:
    """The rows that change; ValidationError (keyed by ``kunci``) when a row names a sub
    kegiatan that is not the pd's, an amount changed since the form was loaded, or an
    annual amount would be replaced while triwulan IV is closed."""
    error: dict[str, list[str]] = {}
    ubah: list[BarisRealisasiAnggaran] = []
    kunci_tw4_dicek = False
    for b in baris:
        kode = kode_sub.get(b.sub_kegiatan_id)
        if kode is None:
            error[b.kunci] = [PESAN_NODE_ASING.format(apa="Sub kegiatan ini")]
            continue
        konflik = _konflik(pd, tahun, triwulan, b, kode, ada)
        if konflik:
            error[b.kunci] = [konflik]
            continue
        row = ada.per_tw.get(b.sub_kegiatan_id)
        if sama(row.jumlah if row is not None else None, b.baru):
            continue
        th_row = ada.tahunan.get(b.sub_kegiatan_id)
        if b.baru is not None and th_row is not None and triwulan != 4 and not kunci_tw4_dicek:
            # The annual amount counts in triwulan IV: replacing it changes that quarter.
            try:
                pastikan_triwulan_terbuka(pd, tahun, 4)
            except ValidationError as e:
                error[b.kunci] = [PESAN_TAHUNAN_TW4.format(kode=kode, pesan=" ".join(e.messages))]
                continue
            kunci_tw4_dicek = True
        ubah.append(b)
    if error:
        raise ValidationError(error)
    return ubah


def _konflik(
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    b: BarisRealisasiAnggaran,
    kode: str,
    ada: _Tersimpan,
) -> str | None:
    """Why the row cannot be saved over what is stored now (None: it can)."""
    row = ada.per_tw.get(b.sub_kegiatan_id)
    th_row = ada.tahunan.get(b.sub_kegiatan_id)
    kini = row.jumlah if row is not None else None
    kini_tahunan = th_row.jumlah if th_row is not None else None
    if not sama(kini, b.dimuat):
        kunci = kunci_audit_realisasi(pd, tahun, b.sub_kegiatan_id, triwulan)
        return PESAN_KONFLIK.format(
            apa=f"Realisasi anggaran {kode} triwulan {ROMAWI[triwulan - 1]}",
            oleh=pengubah_terakhir(pd, kunci),
            kini=rp(kini),
        )
    if not sama(kini_tahunan, b.tahunan_dimuat):
        kunci = kunci_audit_realisasi(pd, tahun, b.sub_kegiatan_id, None)
        return PESAN_KONFLIK.format(
            apa=f"Realisasi anggaran tahunan {kode}",
            oleh=pengubah_terakhir(pd, kunci),
            kini=rp(kini_tahunan),
        )
    return None


def _simpan_banyak(
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    ubah: Sequence[BarisRealisasiAnggaran],
    kode_sub: dict[int, str],
    ada: _Tersimpan,
    pengguna,
) -> list[tuple[BarisRealisasiAnggaran, Decimal | None]]:
    """Store the changed amounts in a few queries whatever their number: an amount
    replacing an annual amount drops it, an emptied amount drops its row; each change is
    validated as the model's ``full_clean`` does and recorded in the audit trail (the
    entries and their order as one save per row would write them). Returns each row with
    the amount it replaced."""
    hapus: list[int] = []
    baru: list[RealisasiAnggaran] = []
    ganti: list[RealisasiAnggaran] = []
    # (b, kode, row, annual row replaced, amount replaced), in the rows' order
    rencana: list[tuple[BarisRealisasiAnggaran, str, RealisasiAnggaran | None, Any, Any]] = []
    for b in ubah:
        row = ada.per_tw.get(b.sub_kegiatan_id)
        th_row = ada.tahunan.get(b.sub_kegiatan_id)
        lama = row.jumlah if row is not None else None
        diganti = th_row if b.baru is not None and th_row is not None else None
        if diganti is not None:
            hapus.append(diganti.pk)
        if b.baru is None:
            hapus.append(row.pk)
        elif row is None:
            row = RealisasiAnggaran(
                perangkat_daerah=pd,
                tahun=tahun,
                triwulan=triwulan,
                sub_kegiatan_id=b.sub_kegiatan_id,
                jumlah=b.baru,
            )
            _validasi(row)
            baru.append(row)
        else:
            row.jumlah = b.baru
            _validasi(row)
            ganti.append(row)
        rencana.append((b, kode_sub[b.sub_kegiatan_id], row, diganti, lama))
    if hapus:
        RealisasiAnggaran.objects.filter(pk__in=hapus).delete()
    lapor_kemajuan(1, 4)
    if baru:
        RealisasiAnggaran.objects.bulk_create(baru)
    lapor_kemajuan(2, 4)
    if ganti:
        perbarui_banyak(RealisasiAnggaran, ganti, ["jumlah"])
    lapor_kemajuan(3, 4)

    entri: list[dict] = []
    for b, kode, row, diganti, lama in rencana:
        if diganti is not None:
            entri.append(
                dict(
                    pengguna=pengguna,
                    perangkat_daerah=pd,
                    aksi="realisasi_anggaran.ganti_tahunan",
                    objek=diganti,
                    uraian=f"Realisasi anggaran tahunan {kode} tahun {tahun} "
                    "(diganti rincian triwulan)",
                    tahun=tahun,
                    lama=teks_audit(diganti.jumlah),
                    baru=None,
                    data={"kunci": kunci_audit_realisasi(pd, tahun, b.sub_kegiatan_id, None)},
                )
            )
        entri.append(
            dict(
                pengguna=pengguna,
                perangkat_daerah=pd,
                aksi="realisasi_anggaran.ubah",
                objek=row,
                uraian=f"Realisasi anggaran {kode} tahun {tahun} triwulan {ROMAWI[triwulan - 1]}",
                tahun=tahun,
                lama=teks_audit(lama),
                baru=teks_audit(b.baru) if b.baru is not None else None,
                data={"kunci": kunci_audit_realisasi(pd, tahun, b.sub_kegiatan_id, triwulan)},
            )
        )
    catat_perubahan_banyak(entri)
    lapor_kemajuan(4, 4)
    return [(b, lama) for b, _kode, _row, _diganti, lama in rencana]


def _validasi(row: RealisasiAnggaran) -> None:
    """The model's ``full_clean`` without its per-row queries: the fields but the foreign
    keys (the perangkat daerah is the save's, its sub kegiatan were checked as the pd's by
    ``node_milik_pd``), then the check constraints evaluated here (the row names one sub
    kegiatan and a quarter 1–4 by construction; the amount must not be negative)."""
    row.full_clean(
        exclude=["perangkat_daerah", "program", "kegiatan", "sub_kegiatan"],
        validate_unique=False,
        validate_constraints=False,
    )
    if row.jumlah < 0:
        c = next(
            c
            for c in RealisasiAnggaran._meta.constraints
            if c.name == "realisasi_anggaran_tidak_negatif"
        )
        raise ValidationError(c.get_violation_error_message())


def _melebihi_pagu(
    pd: PerangkatDaerah, tahun: int, ids: set[int], total: dict[int, Decimal]
) -> list[str]:
    """Warnings for sub kegiatan whose quarterly realisasi exceeds the pagu of the latest DPA."""
    dpa = DPA.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by("-urutan_versi").first()
    if dpa is None:
        return []
    pagu = {
        p.sub_kegiatan_id: p
        for p in Pagu.objects.filter(dpa=dpa, sub_kegiatan_id__in=ids).select_related(
            "sub_kegiatan"
        )
    }
    pesan = []
    for sub_id, p in sorted(pagu.items(), key=lambda x: x[1].sub_kegiatan.kode):
        realisasi = total.get(sub_id)
        if realisasi is not None and realisasi > p.jumlah:
            pesan.append(
                PESAN_MELEBIHI_PAGU.format(
                    kode=p.sub_kegiatan.kode,
                    tahun=tahun,
                    realisasi=format_rupiah(realisasi),
                    pagu=format_rupiah(p.jumlah),
                )
            )
    return pesan
