"""The budget part of a paket: DPA with pagu and spending types, realisasi anggaran,
the budget stated per sasaran.

The second layer of the paket loader (see ``kinerja.selectors.paket``): it reads
what kinerja holds, then adds the budget rows anggaran owns (five queries).
"""

from __future__ import annotations

from anggaran.models import (
    DPA,
    AnggaranSasaran,
    Pagu,
    PaguJenisBelanja,
    RealisasiAnggaran,
    RealisasiJenisBelanja,
)
from kinerja import models as m
from kinerja.paket import types as t
from kinerja.selectors.paket import LoadedPaket, load_kinerja, strip_scale


def paket_anggaran(
    pd: m.PerangkatDaerah,
    tahun: int | None = None,
    *,
    aturan_hari_ini: bool = False,
    hanya_tahun: bool = False,
) -> t.Paket:
    """The paket of ``pd`` with its budget, without the report's place and date
    (arguments as ``kinerja.selectors.paket.paket_kinerja``; with ``hanya_tahun`` the
    budget of the year ``tahun`` only: no screen shows another year's)."""
    return load_anggaran(pd, tahun, aturan_hari_ini=aturan_hari_ini, hanya_tahun=hanya_tahun).paket


def load_anggaran(
    pd: m.PerangkatDaerah,
    tahun: int | None = None,
    *,
    aturan_hari_ini: bool = False,
    hanya_tahun: bool = False,
) -> LoadedPaket:
    loaded = load_kinerja(pd, tahun, aturan_hari_ini=aturan_hari_ini, hanya_tahun=hanya_tahun)
    _add_dpa(pd, loaded)
    _add_realisasi_anggaran(pd, loaded)
    _add_anggaran_sasaran(pd, loaded)
    return loaded


def _add_dpa(pd: m.PerangkatDaerah, loaded: LoadedPaket) -> None:
    per_tahun = loaded.per_tahun()
    # Rows as named tuples, not model instances: a DPA holds one pagu per node.
    dpa = {}
    for d in (
        loaded.saring_tahun(DPA.objects.filter(perangkat_daerah=pd))
        .order_by("tahun", "urutan_versi")
        .values_list("id", "tahun", "versi", "tanggal", named=True)
    ):
        dpa[d.id] = t.DPA(versi=d.versi, pagu={}, jenis_belanja={}, tanggal=d.tanggal)
        per_tahun[d.tahun].dpa.append(dpa[d.id])
    if not dpa:
        return
    for row in (
        Pagu.objects.filter(dpa__in=dpa)
        .order_by("id")
        .values_list("dpa_id", "jumlah", "program_id", "kegiatan_id", "sub_kegiatan_id", named=True)
    ):
        dpa[row.dpa_id].pagu[loaded.node_kode(row)] = strip_scale(row.jumlah)
    for dpa_id, kode, jumlah in (
        PaguJenisBelanja.objects.filter(dpa__in=dpa)
        .order_by("dpa", "kode")
        .values_list("dpa_id", "kode", "jumlah")
    ):
        dpa[dpa_id].jenis_belanja[kode] = strip_scale(jumlah)


def _add_realisasi_anggaran(pd: m.PerangkatDaerah, loaded: LoadedPaket) -> None:
    per_tahun = loaded.per_tahun()
    # Rows as named tuples, not model instances: a year holds one per node and quarter.
    for row in (
        loaded.saring_tahun(RealisasiAnggaran.objects.filter(perangkat_daerah=pd))
        .order_by("tahun", "id")
        .values_list(
            "tahun",
            "triwulan",
            "jumlah",
            "program_id",
            "kegiatan_id",
            "sub_kegiatan_id",
            named=True,
        )
    ):
        th = per_tahun[row.tahun]
        kode = loaded.node_kode(row)
        if row.triwulan is None:
            th.realisasi_anggaran[kode] = strip_scale(row.jumlah)
        else:
            th.realisasi_anggaran.setdefault(kode, [None] * 4)[row.triwulan - 1] = strip_scale(
                row.jumlah
            )
    for row in loaded.saring_tahun(
        RealisasiJenisBelanja.objects.filter(perangkat_daerah=pd)
    ).order_by("tahun", "kode"):
        per_tahun[row.tahun].realisasi_jenis_belanja[row.kode] = strip_scale(row.jumlah)


def _add_anggaran_sasaran(pd: m.PerangkatDaerah, loaded: LoadedPaket) -> None:
    """The budget stated per sasaran, of the sasaran of the paket's Renstra."""
    if loaded.renstra is None:
        return
    per_tahun = loaded.per_tahun()
    for row in (
        loaded.saring_tahun(
            AnggaranSasaran.objects.filter(
                perangkat_daerah=pd, sasaran__tujuan__renstra=loaded.renstra
            )
        )
        .select_related("sasaran")
        .order_by("tahun", "sasaran__tujuan__urutan", "sasaran__urutan")
    ):
        th = per_tahun.get(row.tahun)
        if th is not None:
            th.anggaran_sasaran[row.sasaran.kode] = t.AnggaranSasaran(
                pagu=strip_scale(row.pagu), realisasi=strip_scale(row.realisasi)
            )
