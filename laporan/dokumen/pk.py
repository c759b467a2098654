"""BAB II section 2.3, the Perjanjian Kinerja: its target and program tables (also
printed in the lampiran) and the differences between PK murni and a perubahan.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html

from kinerja.engine.angka import Nilai
from kinerja.paket import types as t
from laporan.dokumen.blocks import Paragraf, paragraf
from laporan.dokumen.catatan import tambah_catatan
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import kode_cetak, label_versi, nilai_satuan, uang
from laporan.dokumen.sentences import kalimat_anggaran_pk, kalimat_target_pk
from lib import rows
from lib.format import format_angka_alami, format_tanggal
from lib.rows import Align, Cell, Column, Kind, Row


def perjanjian_kinerja(k: Context, b: list) -> None:
    th = k.th
    pk = th.pk_berlaku()
    if pk is None:
        b.append(paragraf("Belum ada Perjanjian Kinerja tahun {} yang tercatat.", k.tahun))
        return
    semua = {i.kode: i for i in k.paket.semua_indikator()}
    induk = k.uraian_induk()
    versi_urut = sorted(th.perjanjian_kinerja, key=lambda x: t.urutan_versi(x.versi))
    murni = versi_urut[0]
    tanggal = f" tanggal {format_tanggal(pk.tanggal)}" if pk.tanggal else ""
    kalimat = format_html(
        "Perjanjian Kinerja (PK) tahun {} antara {} dan {} yang berlaku adalah PK {}{}.",
        k.tahun,
        k.ident.kepala.jabatan_kalimat if k.ident.kepala else f"kepala {k.pd}",
        k.ident.kepala_daerah.jabatan_kalimat if k.ident.kepala_daerah else "kepala daerah",
        label_versi(pk.versi),
        tanggal,
    )
    tb_target = tabel_pk_target(k, pk, semua, induk)
    tb_program = tabel_pk_program(k, pk)
    b.append(
        Paragraf(
            format_html(
                "{} Sasaran, indikator dan targetnya disajikan pada {}; program dan "
                "anggarannya pada {}.",
                kalimat,
                k.ke(tb_target, "2"),
                k.no.tabel_berikut("2", 2),
            )
        )
    )
    k.tabel(b, "2", tb_target)
    k.tabel(b, "2", tb_program)
    tambah_catatan(k, b, "pk")
    if pk is not murni:
        beda_pk(k, b, murni, pk, semua)


def tabel_pk_target(
    k: Context, pk: t.PerjanjianKinerja, semua, induk, *, nomor_kolom=False
) -> rows.Table:
    """The sasaran, indicators and targets of a PK, in the Renstra's order."""
    baris = []
    for n, (kode, nilai) in enumerate(
        sorted(pk.target.items(), key=lambda kv: k.urutan_indikator(kv[0])), 1
    ):
        ind = semua.get(kode)
        tingkat, uraian = induk.get(ind.induk if ind else "", ("", "-"))
        satuan = ind.satuan if ind else ""
        baris.append(
            Row(
                [
                    n,
                    f"{tingkat.capitalize()}: {uraian}" if tingkat else uraian,
                    ind.nama if ind else kode,
                    Cell(nilai.angka, label=nilai_satuan(nilai.angka, nilai.label, satuan)),
                ]
            )
        )
    return rows.Table(
        title=f"Perjanjian Kinerja {k.pd} Tahun {k.tahun} (PK {label_versi(pk.versi)})",
        columns=[
            Column("No", Kind.NOMOR, 6),
            Column("Tujuan/Sasaran Strategis", width=40),
            Column("Indikator Kinerja", width=38),
            Column("Target", Kind.ANGKA, 16),
        ],
        rows=baris,
        number_columns=nomor_kolom,
    )


def tabel_pk_program(k: Context, pk: t.PerjanjianKinerja, *, nomor_kolom=False) -> rows.Table:
    """The programs of a PK with their budget and its source, and the total."""
    nama = {p.kode: p.nama for p in k.paket.program}
    urut = {p.kode: n for n, p in enumerate(k.paket.program)}
    items = sorted(pk.anggaran_program.items(), key=lambda kv: urut.get(kv[0], 10**6))
    baris = [
        Row([n, kode_cetak(kode), nama.get(kode, kode), jml, pk.sumber_dana or None])
        for n, (kode, jml) in enumerate(items, 1)
    ]
    total = sum((v for v in pk.anggaran_program.values()), Decimal(0))
    baris.append(
        Row(
            [Cell("Jumlah", colspan=3, kind=Kind.TEKS), total, Cell("", align=Align.LEFT)],
            "total",
        )
    )
    return rows.Table(
        title=f"Program dan Anggaran Perjanjian Kinerja Tahun {k.tahun} (PK {label_versi(pk.versi)})",
        columns=[
            Column("No", Kind.NOMOR, 6),
            Column("Kode", width=13),
            Column("Program", width=48),
            Column("Anggaran (Rp)", Kind.RUPIAH, 20),
            Column("Keterangan", width=13, align=Align.CENTER),
        ],
        rows=baris,
        number_columns=nomor_kolom,
    )


def _beda_target(a: Nilai | None, z: Nilai | None) -> str:
    """How a target changed from PK murni (a) to the perubahan (z)."""
    if a is not None and z is not None and (a.angka, a.atas) == (z.angka, z.atas):
        return "tetap"
    if a is None:
        return "ditambahkan"
    if z is None:
        return "dihapus"
    if a.atas is not None or z.atas is not None:
        return "diubah"  # a range on either side: no single difference to state
    arah = "naik " if z.angka > a.angka else "turun "
    return arah + format_angka_alami(abs(z.angka - a.angka))


def _beda_anggaran(selisih: Decimal | None) -> str:
    if selisih == 0:
        return "tetap"
    if selisih is None:
        return "-"
    return ("+" if selisih > 0 else "−") + uang(abs(selisih))


def _target_dengan_satuan(x: Nilai | None, satuan: str) -> Cell | None:
    return Cell(x.angka, label=nilai_satuan(x.angka, x.label, satuan)) if x else None


def tabel_beda_pk(
    k: Context, murni: t.PerjanjianKinerja, pk: t.PerjanjianKinerja, semua
) -> rows.Table:
    """Targets and program budgets of PK murni beside those of the PK perubahan."""
    baris = []
    for kode in sorted(set(murni.target) | set(pk.target), key=k.urutan_indikator):
        a, z = murni.target.get(kode), pk.target.get(kode)
        ind = semua.get(kode)
        sat = ind.satuan if ind else ""
        baris.append(
            Row(
                [
                    f"Target {ind.nama if ind else kode}",
                    _target_dengan_satuan(a, sat),
                    _target_dengan_satuan(z, sat),
                    Cell(_beda_target(a, z), align=Align.CENTER),
                ]
            )
        )
    for p in k.paket.program:
        a, z = murni.anggaran_program.get(p.kode), pk.anggaran_program.get(p.kode)
        if a is None and z is None:
            continue
        selisih = None if a is None or z is None else z - a
        baris.append(
            Row(
                [
                    " ".join(x for x in ("Anggaran", kode_cetak(p.kode), p.nama) if x),
                    Cell(a, kind=Kind.RUPIAH),
                    Cell(z, kind=Kind.RUPIAH),
                    Cell(_beda_anggaran(selisih), align=Align.RIGHT),
                ]
            )
        )
    total_a = sum(murni.anggaran_program.values(), Decimal(0))
    total_z = sum(pk.anggaran_program.values(), Decimal(0))
    baris.append(
        Row(
            [
                "Jumlah anggaran program",
                Cell(total_a, kind=Kind.RUPIAH),
                Cell(total_z, kind=Kind.RUPIAH),
                Cell(_beda_anggaran(total_z - total_a), align=Align.RIGHT),
            ],
            "total",
        )
    )
    versi = label_versi(pk.versi).capitalize()
    return rows.Table(
        title=f"Perbedaan PK Murni dan PK {versi} Tahun {k.tahun}",
        columns=[
            Column("Uraian", width=52),
            Column("PK Murni", Kind.ANGKA, 16),
            Column(f"PK {versi}", Kind.ANGKA, 16),
            Column("Perubahan", width=16),
        ],
        rows=baris,
    )


def beda_pk(
    k: Context, b: list, murni: t.PerjanjianKinerja, pk: t.PerjanjianKinerja, semua
) -> None:
    """The paragraph and table of what the PK perubahan changed."""
    tb = tabel_beda_pk(k, murni, pk, semua)
    berubah = sum(
        1
        for kode in set(murni.target) | set(pk.target)
        if _beda_target(murni.target.get(kode), pk.target.get(kode)) != "tetap"
    )
    b.append(
        paragraf(
            "PK {} menggantikan PK murni{} setelah perubahan anggaran: {} dan {}. "
            "Perbedaannya disajikan pada {}; kedua dokumen PK dilampirkan.",
            label_versi(pk.versi),
            f" tanggal {format_tanggal(murni.tanggal)}" if murni.tanggal else "",
            kalimat_target_pk(berubah),
            kalimat_anggaran_pk(
                sum(murni.anggaran_program.values(), Decimal(0)),
                sum(pk.anggaran_program.values(), Decimal(0)),
            ),
            k.ke(tb, "2"),
        )
    )
    k.tabel(b, "2", tb)
