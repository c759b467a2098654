"""The whole pemda's year, a row per perangkat daerah: the one row source of the kabupaten
dashboard (``evaluasi-kabupaten``) and of the pemda's summary workbook
(``evaluasi-ringkasan-xlsx``), for its admin pemda and evaluator. Each row holds the
LKjIP status, the number of indicators (and of those without realisasi), the average
capaian of the IKU and its predicate, the latest SAKIP score and its 88/2021 predicate
(the realisasi of the perangkat daerah's "Nilai SAKIP" indicator), pagu, realisasi,
penyerapan, efficiency and the late quarters (as the evaluator's list marks them); a
second sheet lists every IKU of every perangkat daerah. Every figure is the engine's
(``hitung``) on the year's data as held (``paket_muat``), as each dashboard shows it.

Reading a perangkat daerah's year costs a bounded number of queries, but that number
times the perangkat daerah of a kabupaten is too many for one page. The computed
figures of each (perangkat daerah, year) are therefore kept in Django's cache (Redis
in production) under a key that names the last audit-trail row of that perangkat daerah
and the last pemda-level one (``kinerja.audit``: every change of its data is recorded
there, imports included). One query reads those for the whole pemda; a key that
changed is computed again, by the next view or, with workers, by the debounced task
that follows a change of the year (``laporan.jobs.draf_otomatis``). The status, the quarters and the
deadlines are read fresh, a query each for the whole pemda.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import OuterRef, Subquery

from kinerja.engine.hitung import HasilIndikator, HitungError, hitung
from kinerja.engine.predikat import klasifikasi, skala_dari_preset
from kinerja.models import LogPerubahan, Pemda, PerangkatDaerah, StatusTriwulan
from kinerja.services.tenggat import tenggat_tahun
from laporan.models import LKjIP
from laporan.selectors_paket import paket_muat
from lib.format import format_waktu
from lib.rows import Align, Cell, Column, Kind, Row, Table
from lib.xlsx import buku_xlsx

TANPA_DATA = "Belum ada data tahun ini"
BELUM_DIBUKA = "Belum dibuka"
KOSONG = "—"
# Bump when what is cached (``AngkaPD``) or how it is computed changes.
VERSI_CACHE = 1
UMUR_CACHE = 7 * 24 * 3600
SKALA_SAKIP = skala_dari_preset("akip-88-2021")
_SAKIP = re.compile(r"^\s*nilai\s+sakip\b", re.IGNORECASE)


@dataclass(frozen=True)
class NilaiIndikator:
    """What the pemda's screens show of one indicator's year (from ``HasilIndikator``)."""

    kode: str
    nama: str
    satuan: str
    iku: bool
    target: Decimal | None
    target_label: str | None
    realisasi: Decimal | None
    realisasi_label: str | None
    capaian: Decimal | None
    capaian_skor: Decimal | None
    predikat: str | None
    warna: str | None

    @classmethod
    def dari(cls, i: HasilIndikator) -> NilaiIndikator:
        return cls(
            i.kode, i.nama, i.satuan, i.iku, i.target, i.target_label, i.realisasi,
            i.realisasi_label, i.capaian, i.capaian_skor, i.predikat or None, i.warna,
        )  # fmt: skip


@dataclass
class AngkaPD:
    """The computed figures of one perangkat daerah's year (what the cache keeps)."""

    jumlah_indikator: int
    jumlah_iku: int
    rata_rata_iku: Decimal | None
    predikat: str | None
    warna: str | None
    pagu: Decimal | None
    realisasi: Decimal | None
    penyerapan: Decimal | None
    efisiensi: Decimal | None
    kategori_efisiensi: str | None
    indikator: list[NilaiIndikator]


@dataclass
class RingkasanPD:
    """One perangkat daerah's year in the pemda's summary."""

    pd: PerangkatDaerah
    status: str  # the LKjIP's status as the screens name it
    kode_status: str = ""  # LKjIP.Status value; "" when no LKjIP of the year exists
    angka: AngkaPD | None = None
    terlambat: list[str] = field(default_factory=list)
    # Open recommendations of the LHE: None until the evaluation exists (issue 15 §2).
    rekomendasi_terbuka: int | None = None

    @property
    def ada_data(self) -> bool:
        return self.angka is not None

    def __getattr__(self, nama: str):
        # The figures read as the row's own (r.pagu, r.rata_rata_iku), None without data.
        if nama.startswith("_") or nama not in AngkaPD.__dataclass_fields__:
            raise AttributeError(nama)
        angka = self.__dict__.get("angka")
        return getattr(angka, nama) if angka is not None else None

    @property
    def iku(self) -> list[NilaiIndikator]:
        return [i for i in self.angka.indikator if i.iku] if self.angka else []

    @property
    def tanpa_realisasi(self) -> int | None:
        if self.angka is None:
            return None
        return sum(1 for i in self.angka.indikator if i.realisasi is None)

    @property
    def indikator_sakip(self) -> NilaiIndikator | None:
        """The perangkat daerah's "Nilai SAKIP" indicator with a realisasi this year."""
        if self.angka is None:
            return None
        return next(
            (i for i in self.angka.indikator if _SAKIP.match(i.nama) and i.realisasi is not None),
            None,
        )

    @property
    def nilai_sakip(self) -> Decimal | None:
        i = self.indikator_sakip
        return i.realisasi if i else None

    @property
    def predikat_sakip(self) -> tuple[str | None, str | None]:
        """The 88/2021 predicate of the SAKIP score and its colour."""
        band = klasifikasi(SKALA_SAKIP, self.nilai_sakip)
        return (band.label, band.warna) if band is not None else (None, None)


def ringkasan_pemda(
    pemda: Pemda, tahun: int, pada: datetime.date | None = None
) -> list[RingkasanPD]:
    """Every perangkat daerah of ``pemda`` in ``tahun``, in the order of their codes
    (a fixed number of queries once the figures of each are in the cache)."""
    daftar, kunci = _pd_dan_kunci(pemda, tahun)
    status = {
        x.perangkat_daerah_id: (x.get_status_display(), x.status)
        for x in LKjIP.objects.filter(perangkat_daerah__pemda=pemda, tahun=tahun)
    }
    status_tw: dict[int, dict[int, str]] = {}
    for pd_id, tw, s in StatusTriwulan.objects.filter(
        perangkat_daerah__pemda=pemda, tahun=tahun
    ).values_list("perangkat_daerah_id", "triwulan", "status"):
        status_tw.setdefault(pd_id, {})[tw] = s
    angka = _angka_tersimpan(daftar, kunci, tahun)
    hasil = []
    for pd in daftar:
        label, kode = status.get(pd.pk, (BELUM_DIBUKA, ""))
        r = RingkasanPD(pd=pd, status=label, kode_status=kode, angka=angka[pd.pk])
        if pd.pk in status or r.ada_data:
            r.terlambat = [
                t.romawi
                for t in tenggat_tahun(pemda, tahun, status_tw.get(pd.pk, {}), pada)
                if t.terlambat
            ]
        hasil.append(r)
    return hasil


def _pd_dan_kunci(
    pemda: Pemda, tahun: int, **saring
) -> tuple[list[PerangkatDaerah], dict[int, str]]:
    """The pemda's perangkat daerah (those of ``saring`` among them) and the cache key of
    each one's figures of ``tahun``: one query, the last audit row of each and the last
    pemda-level one as subqueries."""
    log = LogPerubahan.objects.order_by("-pk")
    terakhir = log.filter(perangkat_daerah=OuterRef("pk"))
    umum = log.filter(perangkat_daerah=None)
    daftar = list(
        PerangkatDaerah.objects.filter(pemda=pemda, **saring)
        .annotate(
            log_id=Subquery(terakhir.values("pk")[:1]),
            log_waktu=Subquery(terakhir.values("waktu")[:1]),
            umum_id=Subquery(umum.values("pk")[:1]),
            umum_waktu=Subquery(umum.values("waktu")[:1]),
        )
        .order_by("kode")
    )
    kunci = {
        pd.pk: (
            f"ringkasan-pd:{VERSI_CACHE}:{pd.pk}:{tahun}:{pd.log_id}:{_stempel(pd.log_waktu)}:"
            f"{pd.umum_id}:{_stempel(pd.umum_waktu)}"
        )
        for pd in daftar
    }
    return daftar, kunci


def _stempel(waktu: datetime.datetime | None) -> str:
    return waktu.isoformat() if waktu is not None else "-"


def _angka_tersimpan(
    daftar: list[PerangkatDaerah], kunci: dict[int, str], tahun: int
) -> dict[int, AngkaPD | None]:
    """Each perangkat daerah's figures: from the cache, else computed and cached."""
    simpan = cache.get_many(list(kunci.values()))
    hasil: dict[int, AngkaPD | None] = {}
    baru = {}
    for pd in daftar:
        k = kunci[pd.pk]
        if k in simpan:
            hasil[pd.pk] = simpan[k][0]
            continue
        hasil[pd.pk] = angka_pd(pd, tahun)
        baru[k] = (hasil[pd.pk],)  # a tuple, so a year without data is cached too
    if baru:
        cache.set_many(baru, UMUR_CACHE)
    return hasil


def ringkasan_hangatkan(pd_id: int, tahun: int) -> bool:
    """Compute and cache the figures of ``pd_id``'s ``tahun`` under its current key, so
    that the next view of the dashboard finds them (the queue's debounced task after a
    change of the year, ``laporan.jobs.draf_otomatis``, does it); False for a perangkat
    daerah that no longer exists."""
    pd = PerangkatDaerah.objects.select_related("pemda").filter(pk=pd_id).first()
    if pd is None:
        return False
    daftar, kunci = _pd_dan_kunci(pd.pemda, tahun, pk=pd_id)
    _angka_tersimpan(daftar, kunci, tahun)
    return True


def angka_pd(pd: PerangkatDaerah, tahun: int) -> AngkaPD | None:
    """The engine's figures of ``pd`` in ``tahun``; None without data of the year."""
    paket = paket_muat(pd, tahun, hanya_tahun=True)
    if paket.cari_tahun(tahun) is None:
        return None
    try:
        h = hitung(paket, tahun)
    except HitungError:
        return None
    ring = h.ringkasan
    rata = ring["rata_rata_capaian_iku"]
    band = klasifikasi(paket.pemda.aturan.skala, rata)
    total = next((e for e in h.efisiensi if e["tingkat"] == "total"), None)
    return AngkaPD(
        jumlah_indikator=len(h.indikator),
        jumlah_iku=ring["jumlah_iku"],
        rata_rata_iku=rata,
        predikat=band.label if band else None,
        warna=band.warna if band else None,
        pagu=ring["pagu_total"],
        realisasi=ring["realisasi_total"],
        penyerapan=ring["penyerapan_total"],
        efisiensi=total["nilai"] if total else None,
        kategori_efisiensi=total["kategori"] if total else None,
        indikator=[NilaiIndikator.dari(i) for i in h.indikator],
    )


def tabel_ringkasan_pemda(
    daftar: list[RingkasanPD], tahun: int, url_pd: Callable[[str], str] | None = None
) -> Table:
    """The row source of the dashboard and of the workbook's first sheet; ``url_pd``
    (a perangkat daerah's code → its dashboard) links the names on a screen."""
    return Table(
        title=f"Ringkasan perangkat daerah tahun {tahun}",
        columns=[
            Column("Kode", css="kode"),
            Column("Perangkat daerah", row_header=True),
            Column("Status LKjIP"),
            Column("Jumlah indikator", Kind.ANGKA, decimals=0),
            Column("Indikator tanpa realisasi", Kind.ANGKA, decimals=0),
            Column("IKU terukur", Kind.ANGKA, decimals=0),
            Column("Rata-rata capaian IKU", Kind.PERSEN),
            Column("Predikat", Kind.PREDIKAT, align=Align.LEFT),
            Column("Nilai SAKIP", Kind.ANGKA, decimals=2),
            Column("Predikat SAKIP", Kind.PREDIKAT, align=Align.LEFT),
            Column("Pagu (Rp)", Kind.RUPIAH),
            Column("Realisasi (Rp)", Kind.RUPIAH),
            Column("Penyerapan", Kind.PERSEN),
            Column("Efisiensi", Kind.ANGKA, decimals=2),
            Column("Kategori efisiensi"),
            Column("Rekomendasi terbuka", Kind.ANGKA, decimals=0),
            Column("Triwulan terlambat"),
        ],
        rows=[_baris(r, url_pd) for r in daftar],
        css="data kabupaten",
        empty="Tidak ada perangkat daerah yang cocok.",
        empty_css="kosong",
    )


def _baris(r: RingkasanPD, url_pd: Callable[[str], str] | None) -> Row:
    nama = Cell(r.pd.nama, url=url_pd(r.pd.kode)) if url_pd else r.pd.nama
    rekomendasi = (
        r.rekomendasi_terbuka if r.rekomendasi_terbuka is not None else Cell(None, label=KOSONG)
    )
    terlambat = ", ".join(r.terlambat) or None
    if r.angka is None:
        kosong: list = [Cell(None, label=TANPA_DATA), *[None] * 11]
        return Row([r.pd.kode, nama, r.status, *kosong, rekomendasi, terlambat])
    a = r.angka
    sakip, warna_sakip = r.predikat_sakip
    return Row(
        [
            r.pd.kode,
            nama,
            r.status,
            a.jumlah_indikator,
            r.tanpa_realisasi,
            a.jumlah_iku,
            a.rata_rata_iku,
            Cell(a.predikat, color=a.warna),
            r.nilai_sakip if r.nilai_sakip is not None else Cell(None, label=KOSONG),
            Cell(sakip, color=warna_sakip) if sakip else Cell(None, label=KOSONG),
            a.pagu,
            a.realisasi,
            a.penyerapan,
            a.efisiensi,
            a.kategori_efisiensi,
            rekomendasi,
            terlambat or "-",
        ]
    )


def tabel_iku_pemda(daftar: list[RingkasanPD], tahun: int) -> Table:
    return Table(
        title=f"Capaian IKU per perangkat daerah tahun {tahun}",
        columns=[
            Column("Perangkat daerah"),
            Column("Kode"),
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", Kind.ANGKA, max_decimals=None),
            Column("Realisasi", Kind.ANGKA, max_decimals=None),
            Column("Capaian", Kind.PERSEN),
            Column("Skor", Kind.PERSEN),
            Column("Predikat", Kind.PREDIKAT, align=Align.LEFT),
        ],
        rows=[
            Row(
                [
                    r.pd.nama,
                    i.kode,
                    i.nama,
                    i.satuan,
                    Cell(i.target, label=i.target_label),
                    Cell(i.realisasi, label=i.realisasi_label),
                    i.capaian,
                    i.capaian_skor,
                    Cell(i.predikat, color=i.warna),
                ]
            )
            for r in daftar
            for i in r.iku
        ],
        empty="Belum ada IKU dengan data tahun ini.",
    )


def buku_ringkasan_pemda(
    daftar: list[RingkasanPD], pemda: Pemda, tahun: int, waktu: datetime.datetime
) -> bytes:
    """The workbook of ``daftar`` (``ringkasan_pemda``, sorted and filtered as the
    dashboard shows it): the summary sheet and the IKU sheet; ``waktu`` in local time."""
    return buku_xlsx(
        [tabel_ringkasan_pemda(daftar, tahun), tabel_iku_pemda(daftar, tahun)],
        kepala=[pemda.nama, f"Tahun {tahun}", f"Diunduh {format_waktu(waktu)}"],
        nama=["Ringkasan", "IKU per PD"],
    )
