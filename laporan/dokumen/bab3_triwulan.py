"""BAB III, the quarters: the Rencana Aksi target and the realisasi of every tujuan/sasaran
indicator in TW I–IV beside the annual target, the annual realisasi by the indicator's
tipe penghitungan and the capaian; and the kegiatan and sub kegiatan indicators.

Row sources of plain data (the computed year, ``kinerja.engine.hitung.Hasil``, and the
package's Renstra), so the document and the computation screen show the same table.
Nothing is computed here: every figure is ``hitung``'s.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.engine.hitung import Hasil, HasilIndikator
from kinerja.paket import types as t
from laporan.dokumen.blocks import paragraf
from laporan.dokumen.context import Context, uraian_program
from laporan.dokumen.formatting import LABEL_TIPE, batas_capaian, capaian_tampil, kode_cetak
from lib import rows
from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.rows import Cell, Column, Heading, Kind, Row

TINGKAT_SASARAN = ("tujuan", "sasaran")
KOLOM_TRIWULAN = 14  # No, indicator, target, 4 × (T, R), realisasi, tipe, capaian
# The tipe penghitungan in a narrow column; the table's note says what each means.
TIPE_SINGKAT = {
    "jumlah": "jumlah",
    "kumulatif": "kumulatif",
    "rasio": "rasio",
    "rata-rata": "rata-rata",
    "nilai-akhir": "nilai akhir",
}


def _nilai_tw(v: Any) -> Decimal | None:
    """A quarter's figure as ``hitung`` keeps it: a number, or a ratio's percentage."""
    if isinstance(v, dict):
        return v.get("persen")
    return v


def indikator_triwulan(hasil: Hasil, renstra: t.Renstra) -> list[tuple[str, HasilIndikator]]:
    """The tujuan/sasaran indicators of the year in document order, each with the
    tujuan/sasaran it measures ("Sasaran: …")."""
    uraian = {}
    for tj in renstra.tujuan:
        uraian[tj.kode] = f"Tujuan: {tj.uraian}"
        for s in tj.sasaran:
            uraian[s.kode] = f"Sasaran: {s.uraian}"
    return [
        (uraian.get(h.induk, h.induk), h) for h in hasil.indikator if h.tingkat in TINGKAT_SASARAN
    ]


def tabel_realisasi_triwulan(
    hasil: Hasil, renstra: t.Renstra, tahun: int, batas: tuple = ()
) -> rows.Table:
    """Target of the year, the four quarters (Rencana Aksi target and realisasi), the annual
    realisasi with its tipe penghitungan, and the capaian of every tujuan/sasaran indicator;
    a group row names the tujuan/sasaran."""
    baris: list[Row] = []
    induk = None
    n = 0
    for uraian, h in indikator_triwulan(hasil, renstra):
        if uraian != induk:
            induk = uraian
            baris.append(
                Row([Cell(uraian, colspan=KOLOM_TRIWULAN, kind=Kind.TEKS, bold=True)], "kelompok")
            )
        n += 1
        tw = h.triwulan or [{} for _ in ROMAWI]
        nilai: list[Any] = [n, h.nama, Cell(h.target, label=h.target_label)]
        for q in tw:
            nilai += [_nilai_tw(q.get("target")), _nilai_tw(q.get("realisasi"))]
        nilai += [
            Cell(h.realisasi, label=h.realisasi_label),
            TIPE_SINGKAT.get(h.tipe_penghitungan, h.tipe_penghitungan),
            capaian_tampil(h),
        ]
        baris.append(Row(nilai))
    kolom_tw = [
        Column(f"{judul} TW {r}", Kind.ANGKA, 5)
        for r in ROMAWI
        for judul in ("Target", "Realisasi")
    ]
    dipakai = sorted({h.tipe_penghitungan for _, h in indikator_triwulan(hasil, renstra)})
    return rows.Table(
        title=f"Target dan Realisasi Triwulan Indikator Tujuan dan Sasaran Tahun {tahun}",
        columns=[
            Column("No", Kind.NOMOR, 5),
            Column("Indikator Kinerja", width=21),
            Column("Target", Kind.ANGKA, 7),
            *kolom_tw,
            Column("Realisasi", Kind.ANGKA, 8, bold=True),
            Column("Tipe", width=10),
            Column("Capaian", Kind.PERSEN, 9, bold=True, batas=batas),
        ],
        header=[
            [
                Heading("No", rowspan=2),
                Heading("Indikator Kinerja", rowspan=2),
                Heading(f"Target {tahun}", rowspan=2),
                *(Heading(f"TW {r}", colspan=2) for r in ROMAWI),
                Heading(f"Realisasi {tahun}", rowspan=2),
                Heading("Tipe Penghitungan", rowspan=2),
                Heading("Capaian", rowspan=2),
            ],
            [
                Heading(x, title=f"{judul} TW {r}")
                for r in ROMAWI
                for x, judul in (("T", "Target"), ("R", "Realisasi"))
            ],
        ],
        rows=baris,
        small=True,
        note=(
            "T: target triwulan (Rencana Aksi); R: realisasi triwulan. Realisasi tahunan "
            "dihitung dari realisasi triwulan menurut tipe penghitungan indikator: "
            + "; ".join(f"{TIPE_SINGKAT.get(x, x)} = {LABEL_TIPE.get(x, x)}" for x in dipakai)
            + "."
        ),
    )


def blok_realisasi_triwulan(k: Context, b: list) -> None:
    """The quarterly table of BAB III with the sentence that introduces it."""
    tb = tabel_realisasi_triwulan(
        k.hasil, k.paket.renstra, k.tahun, batas_capaian(k.paket.pemda.aturan)
    )
    if not tb.rows:
        return
    b.append(
        paragraf(
            "Target triwulan (Rencana Aksi) dan realisasi setiap triwulan indikator tujuan dan "
            "sasaran disajikan pada {}; realisasi tahunan dihitung menurut tipe penghitungan "
            "masing-masing indikator (kumulatif, jumlah, rata-rata, rasio atau nilai akhir).",
            k.ke(tb, "3"),
        )
    )
    k.tabel(b, "3", tb)


def tabel_indikator_tingkat(
    hasil: Hasil,
    tingkat: str,
    judul: str,
    induk: dict[str, tuple[str, str]],
    tahun: int,
    batas: tuple = (),
) -> rows.Table:
    """Target, realisasi and capaian of the indicators of one level (program, kegiatan or
    sub kegiatan), each beside the program/kegiatan/sub kegiatan it measures."""
    daftar = [i for i in hasil.indikator if i.tingkat == tingkat]
    return rows.Table(
        title=f"Capaian Indikator Kinerja {judul} Tahun {tahun}",
        columns=[
            Column("No", Kind.NOMOR, 5),
            Column("Kode", width=15),
            Column(judul, width=20),
            Column("Indikator", width=24),
            Column("Target", Kind.ANGKA, 8),
            Column("Realisasi", Kind.ANGKA, 8),
            Column("Capaian", Kind.PERSEN, 9, batas=batas),
            Column("Predikat", Kind.PREDIKAT, 11),
        ],
        rows=[
            Row(
                [
                    n,
                    kode_cetak(i.induk),
                    induk.get(i.induk, ("", i.induk))[1],
                    i.nama,
                    Cell(i.target, label=i.target_label),
                    Cell(i.realisasi, label=i.realisasi_label),
                    capaian_tampil(i),
                    i.predikat,
                ]
            )
            for n, i in enumerate(daftar, 1)
        ],
        small=True,
        empty=f"Belum ada indikator {judul.lower()} dengan target atau realisasi tahun {tahun}.",
    )


TINGKAT_PROGRAM = (
    ("program", "Program"),
    ("kegiatan", "Kegiatan"),
    ("sub_kegiatan", "Sub Kegiatan"),
)


def uraian_induk(paket: t.Paket) -> dict[str, tuple[str, str]]:
    """Code → (level, description) of every program, kegiatan and sub kegiatan."""
    return uraian_program(paket)


def tabel_layar(paket: t.Paket, hasil: Hasil, tahun: int) -> dict[str, Any]:
    """The tables of this module for the computation screen (``pd-hitung``): the same row
    sources as the document."""
    induk = uraian_induk(paket)
    batas = batas_capaian(paket.pemda.aturan)
    return {
        "tabel_triwulan": tabel_realisasi_triwulan(hasil, paket.renstra, tahun, batas),
        "tabel_tingkat": [
            tabel_indikator_tingkat(hasil, tingkat, judul, induk, tahun, batas)
            for tingkat, judul in TINGKAT_PROGRAM[1:]
        ],
    }
