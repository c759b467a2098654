"""The kabupaten dashboard's logic over the pemda's rows (``laporan.ringkasan_pemda``):
the order and filter the screen and the workbook share (``?urut=``, ``?status=``,
``?q=``), the indicators several perangkat daerah share and their ranking, and the
comparison of a year with the one before. No queries here: the views read the rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from laporan.models import LKjIP
from laporan.ringkasan_pemda import KOSONG, NilaiIndikator, RingkasanPD
from lib.grafik import Seri, grafik_batang
from lib.rows import Align, Cell, Column, Kind, Row, Table

# ?urut= keys: label, and the value a row is ordered by (None always last).
URUTAN: dict[str, tuple[str, Callable[[RingkasanPD], Any]]] = {
    "kode": ("Kode", lambda r: r.pd.kode),
    "nama": ("Nama perangkat daerah", lambda r: r.pd.nama.lower()),
    "status": ("Status LKjIP", lambda r: r.status),
    "capaian": ("Rata-rata capaian IKU", lambda r: r.rata_rata_iku),
    "sakip": ("Nilai SAKIP", lambda r: r.nilai_sakip),
    "penyerapan": ("Penyerapan", lambda r: r.penyerapan),
    "efisiensi": ("Efisiensi", lambda r: r.efisiensi),
    "tanpa-realisasi": ("Indikator tanpa realisasi", lambda r: r.tanpa_realisasi),
    "terlambat": ("Triwulan terlambat", lambda r: len(r.terlambat)),
}
BELUM = "belum"  # ?status= of the perangkat daerah without an LKjIP of the year


def pilihan_urut() -> list[tuple[str, str]]:
    """The ?urut= values with their labels, ascending and descending."""
    hasil = []
    for kunci, (label, _) in URUTAN.items():
        hasil.append((kunci, f"{label} (naik)"))
        hasil.append((f"-{kunci}", f"{label} (turun)"))
    return hasil


def pilihan_status() -> list[tuple[str, str]]:
    return [("", "Semua status"), (BELUM, "Belum dibuka"), *LKjIP.Status.choices]


def urutkan(daftar: list[RingkasanPD], urut: str) -> list[RingkasanPD]:
    """``daftar`` in the order ``urut`` names ("capaian", "-capaian"; unknown: by code);
    rows without the value last either way, ties by code."""
    turun = urut.startswith("-")
    kunci = URUTAN.get(urut.lstrip("-"), URUTAN["kode"])[1]
    ada = [r for r in daftar if kunci(r) is not None]
    tanpa = [r for r in daftar if kunci(r) is None]
    ada.sort(key=lambda r: r.pd.kode)
    ada.sort(key=kunci, reverse=turun)  # stable: equal values stay by code
    return ada + sorted(tanpa, key=lambda r: r.pd.kode)


def saring(daftar: list[RingkasanPD], status: str = "", teks: str = "") -> list[RingkasanPD]:
    """The rows of LKjIP status ``status`` ("" every one, ``BELUM`` none) whose code or
    name holds ``teks`` (any case)."""
    teks = " ".join(teks.split()).lower()
    return [
        r
        for r in daftar
        if (not status or (r.kode_status or BELUM) == status)
        and (not teks or teks in r.pd.kode.lower() or teks in r.pd.nama.lower())
    ]


def kunci_indikator(nama: str) -> str:
    """How indicators of different perangkat daerah are matched: by name, with case,
    spaces and final punctuation ignored (codes are each perangkat daerah's own)."""
    return re.sub(r"[\s.;:,]+$", "", " ".join(nama.split()).lower())


@dataclass
class IndikatorBersama:
    kunci: str
    nama: str
    satuan: str
    anggota: list[tuple[RingkasanPD, NilaiIndikator]]

    @property
    def jumlah_pd(self) -> int:
        return len(self.anggota)


def indikator_bersama(daftar: list[RingkasanPD]) -> list[IndikatorBersama]:
    """The indicators that two or more perangkat daerah share (``kunci_indikator``), most
    shared first; a perangkat daerah's first indicator of a name counts."""
    grup: dict[str, IndikatorBersama] = {}
    for r in daftar:
        if r.angka is None:
            continue
        dilihat: set[str] = set()
        for i in r.angka.indikator:
            k = kunci_indikator(i.nama)
            if k in dilihat:
                continue
            dilihat.add(k)
            g = grup.setdefault(k, IndikatorBersama(k, i.nama, i.satuan, []))
            g.anggota.append((r, i))
    bersama = [g for g in grup.values() if g.jumlah_pd >= 2]
    bersama.sort(key=lambda g: (-g.jumlah_pd, g.kunci))
    return bersama


def _selisih(baru: Decimal | None, lama: Decimal | None) -> Decimal | None:
    return None if baru is None or lama is None else baru - lama


def peringkat(
    g: IndikatorBersama, lalu: list[RingkasanPD]
) -> list[tuple[int | None, RingkasanPD, NilaiIndikator, NilaiIndikator | None]]:
    """The perangkat daerah of ``g`` ranked by capaian (highest first; equal capaian
    share a rank, no capaian no rank), each with its indicator of the year before
    (from ``lalu``, the rows of that year) matched the same way."""
    sebelum: dict[int, NilaiIndikator] = {}
    for r in lalu:
        for i in r.angka.indikator if r.angka else []:
            if kunci_indikator(i.nama) == g.kunci:
                sebelum.setdefault(r.pd.pk, i)
    ada = sorted(
        (x for x in g.anggota if x[1].capaian is not None),
        key=lambda x: (-x[1].capaian, x[0].pd.kode),
    )
    tanpa = [x for x in g.anggota if x[1].capaian is None]
    hasil: list[tuple[int | None, RingkasanPD, NilaiIndikator, NilaiIndikator | None]] = []
    for n, (r, i) in enumerate(ada):
        rank = hasil[-1][0] if hasil and hasil[-1][2].capaian == i.capaian else n + 1
        hasil.append((rank, r, i, sebelum.get(r.pd.pk)))
    hasil.extend((None, r, i, sebelum.get(r.pd.pk)) for r, i in tanpa)
    return hasil


def tabel_peringkat(g: IndikatorBersama, baris: list, tahun: int) -> Table:
    return Table(
        title=f"Peringkat capaian: {g.nama}",
        columns=[
            Column("Peringkat", Kind.ANGKA, decimals=0, align=Align.CENTER),
            Column("Perangkat daerah", row_header=True),
            Column("Kode indikator", css="kode"),
            Column("Satuan"),
            Column("Target", Kind.ANGKA, max_decimals=None),
            Column("Realisasi", Kind.ANGKA, max_decimals=None),
            Column(f"Capaian {tahun}", Kind.PERSEN),
            Column("Predikat", Kind.PREDIKAT, align=Align.LEFT),
            Column(f"Capaian {tahun - 1}", Kind.PERSEN),
            Column("Perubahan (poin)", Kind.ANGKA, decimals=2),
        ],
        rows=[
            Row(
                [
                    rank if rank is not None else Cell(None, label=KOSONG),
                    r.pd.nama,
                    i.kode,
                    i.satuan,
                    Cell(i.target, label=i.target_label),
                    Cell(i.realisasi, label=i.realisasi_label),
                    i.capaian,
                    Cell(i.predikat, color=i.warna),
                    lalu.capaian if lalu else None,
                    _selisih(i.capaian, lalu.capaian if lalu else None),
                ]
            )
            for rank, r, i, lalu in baris
        ],
        css="data peringkat",
    )


def grafik_peringkat(g: IndikatorBersama, baris: list, tahun: int) -> str:
    """Bars of each perangkat daerah's capaian in rank order, last year's as the line."""
    return grafik_batang(
        judul=f"Capaian {g.nama}",
        label=[r.pd.nama for _, r, _, _ in baris],
        batang=Seri(f"Capaian {tahun}", [i.capaian for _, _, i, _ in baris]),
        garis=Seri(f"Capaian {tahun - 1}", [lalu.capaian if lalu else None for *_, lalu in baris]),
        satuan="%",
        paling_tidak=Decimal(100),
    )


def banding_tahun(
    daftar: list[RingkasanPD], lalu: list[RingkasanPD]
) -> list[tuple[RingkasanPD, RingkasanPD | None]]:
    """Each row of the year with the same perangkat daerah's row of the year before."""
    sebelum = {r.pd.pk: r for r in lalu}
    return [(r, sebelum.get(r.pd.pk)) for r in daftar]


def tabel_banding(pasangan: list, tahun: int) -> Table:
    lama, baru = tahun - 1, tahun

    def nilai(r: RingkasanPD | None, nama: str) -> Decimal | None:
        return getattr(r, nama) if r is not None else None

    rows = []
    for r, s in pasangan:
        sel = [r.pd.nama]
        for nama in ("rata_rata_iku", "penyerapan", "nilai_sakip"):
            a, b = nilai(s, nama), nilai(r, nama)
            sel += [a, b, _selisih(b, a)]
        rows.append(Row(sel))
    kolom = [Column("Perangkat daerah", row_header=True)]
    for judul, kind in (
        ("Rata-rata capaian IKU", Kind.PERSEN),
        ("Penyerapan", Kind.PERSEN),
        ("Nilai SAKIP", Kind.ANGKA),
    ):
        kolom += [
            Column(f"{judul} {lama}", kind, decimals=2 if kind == Kind.ANGKA else None),
            Column(f"{judul} {baru}", kind, decimals=2 if kind == Kind.ANGKA else None),
            Column(f"{judul}: perubahan (poin)", Kind.ANGKA, decimals=2),
        ]
    return Table(
        title=f"Perbandingan tahun {baru} dengan tahun {lama}",
        columns=kolom,
        rows=rows,
        css="data banding",
        empty="Pemda ini belum memiliki perangkat daerah.",
        empty_css="kosong",
    )


def grafik_banding(pasangan: list, tahun: int) -> str:
    return grafik_batang(
        judul=f"Rata-rata capaian IKU {tahun} dan {tahun - 1}",
        label=[r.pd.nama for r, _ in pasangan],
        batang=Seri(f"Rata-rata capaian IKU {tahun}", [r.rata_rata_iku for r, _ in pasangan]),
        garis=Seri(
            f"Rata-rata capaian IKU {tahun - 1}",
            [s.rata_rata_iku if s else None for _, s in pasangan],
        ),
        satuan="%",
        paling_tidak=Decimal(100),
    )
