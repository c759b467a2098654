"""The whole pemda's summary of a year as one workbook, for its admin pemda and evaluator
(``evaluasi-ringkasan-xlsx``): a row per perangkat daerah — the LKjIP status, the number
of indicators, the average capaian of the IKU and its predicate, pagu, realisasi,
penyerapan, efficiency and the late quarters (as the evaluator's list marks them) —
and a sheet of every IKU of every perangkat daerah. Every figure is the engine's
(``hitung``) on the year's data as held (``paket_muat``), as each dashboard shows it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.engine.hitung import HasilIndikator, HitungError, hitung
from kinerja.engine.predikat import klasifikasi
from kinerja.models import Pemda, PerangkatDaerah, StatusTriwulan
from kinerja.services.tenggat import tenggat_tahun
from laporan.models import LKjIP
from laporan.selectors_paket import paket_muat
from lib.format import format_waktu
from lib.rows import Align, Cell, Column, Kind, Row, Table
from lib.xlsx import buku_xlsx

TANPA_DATA = "Belum ada data tahun ini"


@dataclass
class RingkasanPD:
    """One perangkat daerah's year in the pemda's summary."""

    pd: PerangkatDaerah
    status: str  # the LKjIP's status as the screens name it
    ada_data: bool = False
    jumlah_indikator: int | None = None
    jumlah_iku: int | None = None
    rata_rata_iku: Decimal | None = None
    predikat: str | None = None
    warna: str | None = None
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    penyerapan: Decimal | None = None
    efisiensi: Decimal | None = None
    kategori_efisiensi: str | None = None
    terlambat: list[str] = field(default_factory=list)
    iku: list[HasilIndikator] = field(default_factory=list)


def ringkasan_pemda(
    pemda: Pemda, tahun: int, pada: datetime.date | None = None
) -> list[RingkasanPD]:
    """Every perangkat daerah of ``pemda`` in ``tahun``, in the order of their codes."""
    daftar = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("kode"))
    status = {
        x.perangkat_daerah_id: x.get_status_display()
        for x in LKjIP.objects.filter(perangkat_daerah__pemda=pemda, tahun=tahun)
    }
    status_tw: dict[int, dict[int, str]] = {}
    for pd_id, tw, s in StatusTriwulan.objects.filter(
        perangkat_daerah__pemda=pemda, tahun=tahun
    ).values_list("perangkat_daerah_id", "triwulan", "status"):
        status_tw.setdefault(pd_id, {})[tw] = s
    hasil = []
    for pd in daftar:
        r = RingkasanPD(pd=pd, status=status.get(pd.pk, "Belum dibuka"))
        _isi_angka(r, tahun)
        if pd.pk in status or r.ada_data:
            r.terlambat = [
                t.romawi
                for t in tenggat_tahun(pemda, tahun, status_tw.get(pd.pk, {}), pada)
                if t.terlambat
            ]
        hasil.append(r)
    return hasil


def _isi_angka(r: RingkasanPD, tahun: int) -> None:
    paket = paket_muat(r.pd, tahun, hanya_tahun=True)
    if paket.cari_tahun(tahun) is None:
        return
    try:
        h = hitung(paket, tahun)
    except HitungError:
        return
    ring = h.ringkasan
    r.ada_data = True
    r.jumlah_indikator = len(h.indikator)
    r.jumlah_iku = ring["jumlah_iku"]
    r.rata_rata_iku = ring["rata_rata_capaian_iku"]
    band = klasifikasi(paket.pemda.aturan.skala, r.rata_rata_iku)
    if band is not None:
        r.predikat, r.warna = band.label, band.warna
    r.pagu, r.realisasi, r.penyerapan = (
        ring["pagu_total"],
        ring["realisasi_total"],
        ring["penyerapan_total"],
    )
    total = next((e for e in h.efisiensi if e["tingkat"] == "total"), None)
    if total is not None:
        r.efisiensi, r.kategori_efisiensi = total["nilai"], total["kategori"]
    r.iku = [i for i in h.indikator if i.iku]


def tabel_ringkasan_pemda(daftar: list[RingkasanPD], tahun: int) -> Table:
    return Table(
        title=f"Ringkasan perangkat daerah tahun {tahun}",
        columns=[
            Column("Kode"),
            Column("Perangkat daerah", row_header=True),
            Column("Status LKjIP"),
            Column("Jumlah indikator", Kind.ANGKA, decimals=0),
            Column("IKU terukur", Kind.ANGKA, decimals=0),
            Column("Rata-rata capaian IKU", Kind.PERSEN),
            Column("Predikat", Kind.PREDIKAT, align=Align.LEFT),
            Column("Pagu (Rp)", Kind.RUPIAH),
            Column("Realisasi (Rp)", Kind.RUPIAH),
            Column("Penyerapan", Kind.PERSEN),
            Column("Efisiensi", Kind.ANGKA, decimals=2),
            Column("Kategori efisiensi"),
            Column("Triwulan terlambat"),
        ],
        rows=[_baris(r) for r in daftar],
        empty="Pemda ini belum memiliki perangkat daerah.",
    )


def _baris(r: RingkasanPD) -> Row:
    if not r.ada_data:
        kosong: list = [Cell(None, label=TANPA_DATA), *[None] * 8]
        return Row([r.pd.kode, r.pd.nama, r.status, *kosong, ", ".join(r.terlambat) or None])
    return Row(
        [
            r.pd.kode,
            r.pd.nama,
            r.status,
            r.jumlah_indikator,
            r.jumlah_iku,
            r.rata_rata_iku,
            Cell(r.predikat, color=r.warna),
            r.pagu,
            r.realisasi,
            r.penyerapan,
            r.efisiensi,
            r.kategori_efisiensi,
            ", ".join(r.terlambat) or "-",
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
                    Cell(i.predikat or None, color=i.warna),
                ]
            )
            for r in daftar
            for i in r.iku
        ],
        empty="Belum ada IKU dengan data tahun ini.",
    )


def buku_ringkasan_pemda(pemda: Pemda, tahun: int, waktu: datetime.datetime) -> bytes:
    """The workbook: the summary sheet and the IKU sheet; ``waktu`` in local time."""
    daftar = ringkasan_pemda(pemda, tahun, waktu.date())
    return buku_xlsx(
        [tabel_ringkasan_pemda(daftar, tahun), tabel_iku_pemda(daftar, tahun)],
        kepala=[pemda.nama, f"Tahun {tahun}", f"Diunduh {format_waktu(waktu)}"],
        nama=["Ringkasan", "IKU per PD"],
    )
