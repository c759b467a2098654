"""BAB II section 2.3, the Perjanjian Kinerja: its target and program tables (also
printed in the lampiran) and the differences between PK murni and a perubahan.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html

from kinerja.engine.angka import (
    format_angka_alami,
    format_rupiah,
    format_tanggal,
)
from kinerja.paket import types as t
from laporan.dokumen.blocks import (
    Baris,
    Paragraf,
    Sel,
    Tabel,
    baris_nomor_kolom,
    kepala_tabel,
    paragraf,
)
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import label_versi, nilai_satuan, uang


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
    if pk is not murni:
        beda_pk(k, b, murni, pk, semua)


def tabel_pk_target(
    k: Context, pk: t.PerjanjianKinerja, semua, induk, *, nomor_kolom=False
) -> Tabel:
    baris = []
    for n, (kode, nilai) in enumerate(
        sorted(pk.target.items(), key=lambda kv: k.urutan_indikator(kv[0])), 1
    ):
        ind = semua.get(kode)
        tingkat, uraian = induk.get(ind.induk if ind else "", ("", "-"))
        baris.append(
            Baris(
                [
                    Sel(str(n), "tengah"),
                    Sel(f"{tingkat.capitalize()}: {uraian}" if tingkat else uraian),
                    Sel(ind.nama if ind else kode),
                    Sel(
                        nilai_satuan(nilai.angka, nilai.label, ind.satuan if ind else ""),
                        "angka",
                    ),
                ]
            )
        )
    kepala = kepala_tabel("No", "Tujuan/Sasaran Strategis", "Indikator Kinerja", "Target")
    if nomor_kolom:
        kepala.append(baris_nomor_kolom(4))
    return Tabel(
        judul=f"Perjanjian Kinerja {k.pd} Tahun {k.tahun} (PK {label_versi(pk.versi)})",
        kepala=kepala,
        baris=baris,
        lebar=[6, 40, 38, 16],
    )


def tabel_pk_program(k: Context, pk: t.PerjanjianKinerja, *, nomor_kolom=False) -> Tabel:
    nama = {p.kode: p.nama for p in k.paket.program}
    urut = {p.kode: n for n, p in enumerate(k.paket.program)}
    baris = []
    items = sorted(pk.anggaran_program.items(), key=lambda kv: urut.get(kv[0], 10**6))
    for n, (kode, jml) in enumerate(items, 1):
        baris.append(
            Baris(
                [
                    Sel(str(n), "tengah"),
                    Sel(kode),
                    Sel(nama.get(kode, kode)),
                    Sel(uang(jml), "angka"),
                    Sel(pk.sumber_dana or "-", "tengah"),
                ]
            )
        )
    total = sum((v for v in pk.anggaran_program.values()), Decimal(0))
    baris.append(Baris([Sel("Jumlah", colspan=3), Sel(uang(total), "angka"), Sel("")], "total"))
    kepala = kepala_tabel("No", "Kode", "Program", "Anggaran (Rp)", "Keterangan")
    if nomor_kolom:
        kepala.append(baris_nomor_kolom(5))
    return Tabel(
        judul=f"Program dan Anggaran Perjanjian Kinerja Tahun {k.tahun} (PK {label_versi(pk.versi)})",
        kepala=kepala,
        baris=baris,
        lebar=[6, 13, 48, 20, 13],
    )


def beda_pk(
    k: Context, b: list, murni: t.PerjanjianKinerja, pk: t.PerjanjianKinerja, semua
) -> None:
    baris = []
    berubah = 0
    for kode in sorted(set(murni.target) | set(pk.target), key=k.urutan_indikator):
        a, z = murni.target.get(kode), pk.target.get(kode)
        ind = semua.get(kode)
        sat = ind.satuan if ind else ""
        beda = (
            "tetap"
            if a is not None and z is not None and a.angka == z.angka
            else (
                "ditambahkan"
                if a is None
                else "dihapus"
                if z is None
                else ("naik " if z.angka > a.angka else "turun ")
                + format_angka_alami(abs(z.angka - a.angka))
            )
        )
        if beda != "tetap":
            berubah += 1
        baris.append(
            Baris(
                [
                    Sel(f"Target {ind.nama if ind else kode}"),
                    Sel(nilai_satuan(a.angka, a.label, sat) if a else "-", "angka"),
                    Sel(nilai_satuan(z.angka, z.label, sat) if z else "-", "angka"),
                    Sel(beda, "tengah"),
                ]
            )
        )
    nama = {p.kode: p.nama for p in k.paket.program}
    for p in k.paket.program:
        a, z = murni.anggaran_program.get(p.kode), pk.anggaran_program.get(p.kode)
        if a is None and z is None:
            continue
        selisih = None if a is None or z is None else z - a
        baris.append(
            Baris(
                [
                    Sel(f"Anggaran {p.kode} {nama[p.kode]}"),
                    Sel(uang(a), "angka"),
                    Sel(uang(z), "angka"),
                    Sel(
                        "tetap"
                        if selisih == 0
                        else "-"
                        if selisih is None
                        else ("+" if selisih > 0 else "−") + uang(abs(selisih)),
                        "angka",
                    ),
                ]
            )
        )
    total_a = sum(murni.anggaran_program.values(), Decimal(0))
    total_z = sum(pk.anggaran_program.values(), Decimal(0))
    selisih = total_z - total_a
    baris.append(
        Baris(
            [
                Sel("Jumlah anggaran program"),
                Sel(uang(total_a), "angka"),
                Sel(uang(total_z), "angka"),
                Sel(
                    "tetap" if selisih == 0 else ("+" if selisih > 0 else "−") + uang(abs(selisih)),
                    "angka",
                ),
            ],
            "total",
        )
    )
    tb = Tabel(
        judul=f"Perbedaan PK Murni dan PK {label_versi(pk.versi).capitalize()} Tahun {k.tahun}",
        kepala=kepala_tabel(
            "Uraian", "PK Murni", f"PK {label_versi(pk.versi).capitalize()}", "Perubahan"
        ),
        baris=baris,
        lebar=[52, 16, 16, 16],
    )
    tgl = f" tanggal {format_tanggal(murni.tanggal)}" if murni.tanggal else ""
    if selisih == 0:
        kal_anggaran = "jumlah anggaran program tidak berubah"
    else:
        arah = "bertambah" if selisih > 0 else "berkurang"
        kal_anggaran = (
            f"jumlah anggaran program {arah} {format_rupiah(abs(selisih))} dari "
            f"{format_rupiah(total_a)} menjadi {format_rupiah(total_z)}"
        )
    kal_target = (
        "target indikator tidak berubah" if berubah == 0 else f"{berubah} target indikator berubah"
    )
    b.append(
        paragraf(
            "PK {} menggantikan PK murni{} setelah perubahan anggaran: {} dan {}. "
            "Perbedaannya disajikan pada {}; kedua dokumen PK dilampirkan.",
            label_versi(pk.versi),
            tgl,
            kal_target,
            kal_anggaran,
            k.ke(tb, "2"),
        )
    )
    k.tabel(b, "2", tb)
