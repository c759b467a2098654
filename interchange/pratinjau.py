"""What importing a data package would do, before it is done: the perangkat daerah
(new, or its data replaced), per year what the package holds against what is held now,
and every refusal the import itself would give (it is run in a transaction that is
rolled back)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from interchange.simpan import paket_simpan
from kinerja import models as m
from kinerja.paket import types as t
from kinerja.paket.parser import InvalidPaket


class _Batal(Exception):
    pass


@dataclass
class BarisTahun:
    tahun: int
    baru: dict[str, int]
    lama: dict[str, int] = field(default_factory=dict)

    @property
    def kolom(self) -> list[tuple[str, int, int]]:
        """(what, held now, in the package), in the order the preview shows them."""
        return [(nama, self.lama.get(nama, 0), n) for nama, n in self.baru.items()]


@dataclass
class Pratinjau:
    kode: str
    nama: str
    ada: bool  # the perangkat daerah exists: its data will be replaced
    indikator_baru: int
    indikator_lama: int
    tahun: list[BarisTahun]
    tahun_hilang: list[int]  # years held now that the package does not carry
    galat: list = field(default_factory=list)


def _hitung_paket(th: t.Tahun) -> dict[str, int]:
    return {
        "target PK": sum(len(pk.target) for pk in th.perjanjian_kinerja),
        "rencana aksi": sum(sum(v is not None for v in x) for x in th.rencana_aksi.values()),
        "realisasi": sum(sum(v is not None for v in x) for x in th.realisasi.values()),
        "pagu": sum(len(d.pagu) for d in th.dpa),
        "realisasi anggaran": len(th.realisasi_anggaran),
    }


def _hitung_db(pd: m.PerangkatDaerah) -> dict[int, dict[str, int]]:
    from django.db.models import Count

    from anggaran.models import Pagu, RealisasiAnggaran

    hasil: dict[int, dict[str, int]] = {}

    def isi(qs, nama: str, kunci: str = "tahun") -> None:
        for row in qs.values(kunci).annotate(n=Count("id")):
            hasil.setdefault(row[kunci], {})[nama] = row["n"]

    isi(m.TargetPK.objects.filter(perjanjian_kinerja__perangkat_daerah=pd), "target PK",
        "perjanjian_kinerja__tahun")  # fmt: skip
    isi(
        m.RencanaAksi.objects.filter(indikator__renstra__perangkat_daerah=pd).exclude(
            nilai__isnull=True, pembilang__isnull=True
        ),
        "rencana aksi",
    )
    isi(m.Realisasi.objects.filter(indikator__renstra__perangkat_daerah=pd).exclude(
        nilai__isnull=True, pembilang__isnull=True), "realisasi")  # fmt: skip
    isi(Pagu.objects.filter(dpa__perangkat_daerah=pd), "pagu", "dpa__tahun")
    isi(RealisasiAnggaran.objects.filter(perangkat_daerah=pd), "realisasi anggaran")
    return hasil


def paket_pratinjau(paket: t.Paket) -> Pratinjau:
    pd = m.PerangkatDaerah.objects.filter(kode=paket.perangkat_daerah.kode).first()
    lama = _hitung_db(pd) if pd else {}
    tahun = [BarisTahun(th.tahun, _hitung_paket(th), lama.get(th.tahun, {})) for th in paket.tahun]
    hasil = Pratinjau(
        kode=paket.perangkat_daerah.kode,
        nama=paket.perangkat_daerah.nama,
        ada=pd is not None,
        indikator_baru=len(paket.semua_indikator()),
        indikator_lama=m.Indikator.objects.filter(renstra__perangkat_daerah=pd).count()
        if pd
        else 0,
        tahun=tahun,
        tahun_hilang=sorted(set(lama) - {th.tahun for th in paket.tahun}),
    )
    try:
        with transaction.atomic():
            paket_simpan(paket=paket)
            raise _Batal
    except _Batal:
        pass
    except InvalidPaket as e:
        hasil.galat = list(e.errors)
    return hasil
