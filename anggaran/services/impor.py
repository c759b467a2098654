"""A budget file of the finance system onto a DPA version: which amounts it changes
(the preview), then the same save as the DPA screen (``pagu_simpan``: the year lock,
the conflict check and the audit trail apply)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from anggaran.impor_xlsx import BarisAnggaran, PohonKode
from anggaran.models import DPA, Pagu, PaguJenisBelanja, RealisasiAnggaran
from anggaran.selectors import node_per_kode
from anggaran.services.common import rp
from anggaran.services.pagu import BarisPagu, pagu_periksa, pagu_simpan
from anggaran.services.realisasi import (
    BarisRealisasiAnggaran,
    realisasi_anggaran_periksa_triwulan,
    realisasi_anggaran_simpan_triwulan,
)
from kinerja.models import Renstra
from kinerja.services.kunci import pastikan_tahun_terbuka
from kinerja.services.realisasi import ROMAWI
from kinerja.templatetags.kata import label_versi

# Account codes kept as jenis belanja: down to the kelompok (5.1.02); the detailed
# rekening rows of a DPA (5.1.02.01.01.0024) are its breakdown, not read.
KEDALAMAN_REKENING = 3


def _renstra(pd, tahun: int) -> Renstra | None:
    return (
        Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun).first()
        or Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai").first()
    )


@dataclass
class PohonDPA:
    """The program tree of a DPA's year: codes to match a file against, node ids."""

    pohon: PohonKode
    node: dict[tuple[str, str], int]  # (tingkat, kode) → pk

    @classmethod
    def muat(cls, dpa: DPA) -> PohonDPA:
        return cls.muat_tahun(dpa.perangkat_daerah, dpa.tahun)

    @classmethod
    def muat_tahun(cls, pd, tahun: int) -> PohonDPA:
        node: dict[tuple[str, str], int] = {}
        renstra = _renstra(pd, tahun)
        if renstra is not None:
            for kode, per_tingkat in node_per_kode(renstra).items():
                for tingkat, obj in per_tingkat.items():
                    node[(tingkat, kode)] = obj.pk
        return cls(PohonKode.dari((kode, t) for (t, kode) in node), node)


def baris_pagu(dpa: DPA, pohon: PohonDPA, baris: list[BarisAnggaran]) -> list[BarisPagu]:
    """The amounts read as the DPA form's rows, loaded with what is stored now."""
    tersimpan: dict[tuple[str, int], Decimal] = {}
    for p in Pagu.objects.filter(dpa=dpa):
        for tingkat in ("sub_kegiatan", "kegiatan", "program"):
            pk = getattr(p, f"{tingkat}_id")
            if pk:
                tersimpan[(tingkat, pk)] = p.jumlah
                break
    jenis = {j.kode: j.jumlah for j in PaguJenisBelanja.objects.filter(dpa=dpa)}
    hasil = []
    for b in baris:
        if b.tingkat == "jenis_belanja":
            if len(b.kode.split(".")) > KEDALAMAN_REKENING:
                continue
            hasil.append(
                BarisPagu(
                    kunci=b.kode,
                    jenis="jenis_belanja",
                    dimuat=jenis.get(b.kode),
                    baru=b.jumlah,
                    kode=b.kode,
                )
            )
            continue
        pk = pohon.node[(b.tingkat, b.kode)]
        hasil.append(
            BarisPagu(
                kunci=b.kode,
                jenis=b.tingkat,
                dimuat=tersimpan.get((b.tingkat, pk)),
                baru=b.jumlah,
                node_id=pk,
            )
        )
    return hasil


@dataclass(frozen=True)
class PerubahanPagu:
    apa: str
    lama: Decimal | None
    baru: Decimal | None


def pagu_pratinjau(dpa: DPA, baris: list[BarisPagu]) -> list[PerubahanPagu]:
    """What saving ``baris`` changes, checked as the save checks; writes nothing."""
    pastikan_tahun_terbuka(dpa.perangkat_daerah, dpa.tahun)
    return [
        PerubahanPagu(apa, b.dimuat, b.baru) for b, _row, apa, _kunci in pagu_periksa(dpa, baris)
    ]


# --------------------------------------------------------------------------- realisasi


def baris_realisasi_anggaran(
    pd, tahun: int, triwulan: int, pohon: PohonDPA, baris: list[BarisAnggaran], kumulatif: bool
) -> tuple[list[BarisRealisasiAnggaran], list[str]]:
    """The sub kegiatan amounts read as the realisasi form's rows of ``triwulan`` (program
    and kegiatan rows are totals of the report, not read). With ``kumulatif`` the file
    gives the amount up to the end of the quarter: the quarter's own amount is that less
    the quarters before it as stored. Problems: an amount up to the quarter below what
    the quarters before it already hold."""
    tw: dict[int, list[Decimal | None]] = {}
    tahunan: dict[int, Decimal] = {}
    for r in RealisasiAnggaran.objects.filter(
        perangkat_daerah=pd, tahun=tahun, sub_kegiatan__isnull=False
    ).order_by("id"):
        if r.triwulan is None:
            tahunan.setdefault(r.sub_kegiatan_id, r.jumlah)
        else:
            tw.setdefault(r.sub_kegiatan_id, [None] * 4)[r.triwulan - 1] = r.jumlah
    hasil, galat = [], []
    for b in baris:
        if b.tingkat != "sub_kegiatan":
            continue
        pk = pohon.node[("sub_kegiatan", b.kode)]
        nilai = tw.get(pk, [None] * 4)
        jumlah = b.jumlah
        if kumulatif:
            sebelum = sum((v for v in nilai[: triwulan - 1] if v is not None), Decimal(0))
            jumlah = b.jumlah - sebelum
            if jumlah < 0:
                galat.append(
                    f"baris {b.baris}: realisasi {b.kode} s.d. triwulan {ROMAWI[triwulan - 1]} "
                    f"({rp(b.jumlah)}) lebih kecil dari jumlah triwulan sebelumnya ({rp(sebelum)})"
                )
                continue
        hasil.append(
            BarisRealisasiAnggaran(
                kunci=b.kode,
                sub_kegiatan_id=pk,
                dimuat=nilai[triwulan - 1],
                tahunan_dimuat=tahunan.get(pk),
                baru=jumlah,
            )
        )
    return hasil, galat


# --------------------------------------------------------------------------- targets


@dataclass
class Tujuan:
    """Where an imported budget file goes: a DPA version's pagu, or a quarter's realisasi
    anggaran; its rows, their preview and their save (the screens' own services)."""

    judul: str
    jenis: str  # "pagu" or "realisasi"
    versi: str  # "murni"/"perubahan": which amount column of a DPA
    pd: object
    tahun: int
    dpa: DPA | None = None
    triwulan: int | None = None

    @classmethod
    def untuk_dpa(cls, dpa: DPA) -> Tujuan:
        return cls(
            judul=f"pagu DPA {label_versi(dpa.versi)}",
            jenis="pagu",
            versi="murni" if dpa.versi == "murni" else "perubahan",
            pd=dpa.perangkat_daerah,
            tahun=dpa.tahun,
            dpa=dpa,
        )

    @classmethod
    def untuk_realisasi(cls, pd, tahun: int, triwulan: int) -> Tujuan:
        return cls(
            judul=f"realisasi anggaran triwulan {ROMAWI[triwulan - 1]}",
            jenis="realisasi",
            versi="perubahan",
            pd=pd,
            tahun=tahun,
            triwulan=triwulan,
        )

    @property
    def tw_romawi(self) -> str:
        return ROMAWI[self.triwulan - 1] if self.triwulan else ""

    @functools.cached_property
    def _pohon(self) -> PohonDPA:
        return PohonDPA.muat_tahun(self.pd, self.tahun)

    def pohon(self) -> PohonDPA:
        """The program tree of the year, read once per target."""
        return self._pohon

    def baris(self, baris: list, kumulatif: bool) -> tuple[list, list[str]]:
        if self.dpa is not None:
            return baris_pagu(self.dpa, self.pohon(), baris), []
        return baris_realisasi_anggaran(
            self.pd, self.tahun, self.triwulan, self.pohon(), baris, kumulatif
        )

    def pratinjau(self, baris: list) -> list[PerubahanPagu]:
        if self.dpa is not None:
            return pagu_pratinjau(self.dpa, baris)
        kode = {b.sub_kegiatan_id: b.kunci for b in baris}
        return [
            PerubahanPagu(
                f"Realisasi sub kegiatan {kode[b.sub_kegiatan_id]} triwulan "
                f"{ROMAWI[self.triwulan - 1]}",
                b.dimuat,
                b.baru,
            )
            for b in realisasi_anggaran_periksa_triwulan(
                pd=self.pd, tahun=self.tahun, triwulan=self.triwulan, baris=baris
            )
        ]

    def simpan(self, baris: list, pengguna) -> int:
        if self.dpa is not None:
            return pagu_simpan(dpa=self.dpa, baris=baris, pengguna=pengguna)
        return realisasi_anggaran_simpan_triwulan(
            pd=self.pd, tahun=self.tahun, triwulan=self.triwulan, baris=baris, pengguna=pengguna
        ).berubah
