"""Writes of the Rencana Aksi: the quarterly targets, and the proposal for a new year.

The year and quarter locks hold; a stale save is refused (``common``'s
optimistic locking); each change is recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.engine.angka import Nilai
from kinerja.engine.realisasi import Rasio, TipePenghitungan
from kinerja.engine.usulan import usulan_target_triwulan
from kinerja.models import (
    Indikator,
    PerangkatDaerah,
    PerjanjianKinerja,
    RencanaAksi,
    TargetPK,
)
from kinerja.services.kunci import (
    pastikan_tahun_terbuka,
    pastikan_triwulan_terbuka,
)
from kinerja.services.perencanaan.common import (
    PESAN_INDIKATOR_ASING,
    conflict_message,
    needs_write,
    teks_isian,
    teks_triwulan,
)
from lib.format import ROMAWI_TRIWULAN

PESAN_RASIO_WAJIB = "Indikator bertipe rasio memerlukan pembilang/penyebut, misalnya 40/45."
PESAN_BUKAN_RASIO = "Indikator ini bukan bertipe rasio; tuliskan satu nilai saja."


def kunci_rencana_aksi(indikator_id: int, triwulan: int) -> str:
    return f"ra-{indikator_id}-{triwulan}"


@transaction.atomic
def rencana_aksi_simpan(
    *,
    perangkat_daerah: PerangkatDaerah,
    tahun: int,
    pengguna,
    nilai: Mapping[tuple[int, int], Nilai | Rasio | None],
    asal: Mapping[str, str],
) -> int:
    """Set (or clear, with None) the quarterly targets (indikator id, triwulan) → value.

    A ratio indicator takes a ``Rasio``, every other a ``Nilai``. Errors are keyed
    "ra-<indikator id>-<triwulan>". Returns the number of changed cells.
    """
    pd = perangkat_daerah
    ids = {i for i, _ in nilai}
    indikator = {
        i.pk: i for i in Indikator.objects.filter(pk__in=ids, renstra__perangkat_daerah=pd)
    }
    ada = {
        (r.indikator_id, r.triwulan): r
        for r in RencanaAksi.objects.select_for_update(of=("self",)).filter(
            indikator__in=ids, tahun=tahun
        )
    }
    errors: dict[str, str] = {}
    ubah: list[tuple[int, int, Nilai | Rasio | None, RencanaAksi | None, str]] = []
    for (i, tw), v in sorted(nilai.items()):
        kunci = kunci_rencana_aksi(i, tw)
        ind = indikator.get(i)
        if ind is None:
            errors[kunci] = PESAN_INDIKATOR_ASING
            continue
        if tw not in (1, 2, 3, 4):
            raise ValueError(f"triwulan {tw} tidak sah")
        rasio = ind.tipe_penghitungan == TipePenghitungan.RASIO.value
        if v is not None and rasio != isinstance(v, Rasio):
            errors[kunci] = PESAN_RASIO_WAJIB if rasio else PESAN_BUKAN_RASIO
            continue
        row = ada.get((i, tw))
        kini = teks_triwulan(row)
        tulis = needs_write(baru=teks_isian(v), asal=asal.get(kunci), kini=kini)
        if tulis is None:
            errors[kunci] = conflict_message(
                f"Target TW {ROMAWI_TRIWULAN[tw - 1]} indikator {ind.kode}",
                kini,
                row,
                "kinerja.rencanaaksi",
            )
        elif tulis:
            ubah.append((i, tw, v, row, kini))
    if errors:
        raise ValidationError(errors)
    if not ubah:
        return 0
    pastikan_tahun_terbuka(pd, tahun)
    for tw in sorted({tw for _, tw, _, _, _ in ubah}):
        try:
            pastikan_triwulan_terbuka(pd, tahun, tw)
        except ValidationError as e:
            raise ValidationError(
                {kunci_rencana_aksi(i, q): e.messages for i, q, _, _, _ in ubah if q == tw}
            ) from None

    for i, tw, v, row, lama in ubah:
        ind = indikator[i]
        if v is None:
            assert row is not None
            objek_id = row.pk
            row.delete()
            row.pk = objek_id
        else:
            if row is None:
                row = RencanaAksi(indikator=ind, tahun=tahun, triwulan=tw)
            if isinstance(v, Rasio):
                row.pembilang, row.penyebut = v.pembilang, v.penyebut
                row.nilai, row.label = None, ""
            else:
                row.nilai, row.label = v.angka, v.label or ""
                row.pembilang = row.penyebut = None
            row.full_clean()
            row.save()
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="rencana_aksi.ubah",
            objek=row,
            uraian=f"Target TW {ROMAWI_TRIWULAN[tw - 1]} {tahun} indikator {ind.kode}",
            tahun=tahun,
            lama=lama or None,
            baru=teks_isian(v) or None,
            data={"indikator_id": i, "triwulan": tw},
        )
    return len(ubah)


@transaction.atomic
def rencana_aksi_usulan_buat(*, perangkat_daerah: PerangkatDaerah, tahun: int, pengguna) -> int:
    """Proposed quarterly targets for every indicator of the year's latest PK that has no
    Rencana Aksi row in ``tahun`` yet (``kinerja.engine.usulan``); returns how many
    indicators got a proposal. Rows of an indicator already planned are left alone.
    """
    pd = perangkat_daerah
    pk = (
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .order_by("-urutan_versi")
        .first()
    )
    if pk is None:
        return 0
    target = list(
        TargetPK.objects.filter(perjanjian_kinerja=pk)
        .select_related("indikator")
        .order_by("indikator__urutan", "indikator__kode")
    )
    sudah = set(
        RencanaAksi.objects.filter(
            indikator__in=[t.indikator_id for t in target], tahun=tahun
        ).values_list("indikator_id", flat=True)
    )
    baru: list[RencanaAksi] = []
    usulan_teks: dict[str, list[str]] = {}
    for t in target:
        if t.indikator_id in sudah:
            continue
        usulan = usulan_target_triwulan(t.sebagai_nilai(), t.indikator.tipe_penghitungan)
        for tw, v in enumerate(usulan, start=1):
            if v is None:
                continue
            row = RencanaAksi(indikator=t.indikator, tahun=tahun, triwulan=tw)
            if isinstance(v, Rasio):
                row.pembilang, row.penyebut = v.pembilang, v.penyebut
            else:
                row.nilai, row.label = v.angka, v.label or ""
            baru.append(row)
        usulan_teks[t.indikator.kode] = [teks_isian(v) for v in usulan]
    if not baru:
        return 0
    for tw in sorted({r.triwulan for r in baru}):
        pastikan_triwulan_terbuka(pd, tahun, tw)
    RencanaAksi.objects.bulk_create(baru)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="rencana_aksi.usulan",
        uraian=f"Usulan target triwulan Rencana Aksi {tahun} ({len(usulan_teks)} indikator)",
        tahun=tahun,
        data={"usulan": usulan_teks},
    )
    return len(usulan_teks)
