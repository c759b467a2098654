"""A Perjanjian Kinerja as a lampiran (or as a document of its own, laporan.dokumen_pk):
letterhead, parties, statement, targets, budgets, both signature blocks; also the
cascaded PKs of the officials below the kepala.
"""

from __future__ import annotations

from anggaran.selectors import kunci_kode
from kinerja.paket import types as t
from kinerja.penandatangan import jabatan_cetak, jabatan_kepala_daerah
from laporan.dokumen.blocks import Bab, Judul, Kop, Pihak, TandaTanganGanda, paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.data import PejabatDok
from laporan.dokumen.formatting import kode_cetak, label_versi
from laporan.dokumen.identitas import jabatan_kepala_pd, pejabat_dok, ttd_pihak
from laporan.dokumen.pk import tabel_pk_program, tabel_pk_target
from laporan.dokumen.tables import blok_tabel
from lib import rows
from lib.format import format_tanggal
from lib.rows import Cell, Column, Kind, Row


def kop(k: Context) -> Kop:
    i = k.ident
    kontak = " · ".join(
        x
        for x in (
            f"Telp. {i.telepon}" if i.telepon else "",
            f"Laman: {i.situs}" if i.situs else "",
            f"Surel: {i.email}" if i.email else "",
        )
        if x
    )
    return Kop(
        pemda=f"PEMERINTAH {i.pemda_nama.upper()}",
        pd=i.pd_nama.upper(),
        alamat=i.alamat,
        kontak=kontak,
    )


def lampiran_pk(k: Context, n: int, judul: str, pk: t.PerjanjianKinerja, semua, induk) -> Bab:
    bab = k.bab_lampiran(n, judul)
    b = bab.blok
    ident = k.ident
    pertama = pejabat_dok(pk.pihak_pertama) or ident.kepala
    kedua = pejabat_dok(pk.pihak_kedua) or ident.kepala_daerah
    tempat = pk.tempat or ident.ibu_kota or ident.tempat
    tempat_tanggal = tempat_tanggal_pk(tempat, pk.tanggal, k.tahun)
    b.append(kop(k))
    b.append(Judul(4, "", f"PERJANJIAN KINERJA TAHUN {k.tahun}", f"pk-{pk.versi}-{n}"))
    if pk.versi != "murni":
        b.append(paragraf("(PK {})", label_versi(pk.versi), kelas="tengah"))
    b.append(
        paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
            "akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
        )
    )
    b.append(
        Pihak(
            nama=pertama.nama if pertama else "……………………",
            jabatan=pertama.jabatan_cetak if pertama else jabatan_cetak(jabatan_kepala_pd(ident)),
            keterangan="selanjutnya disebut pihak pertama",
        )
    )
    b.append(
        Pihak(
            nama=kedua.nama if kedua else "……………………",
            jabatan=kedua.jabatan_cetak
            if kedua
            else jabatan_cetak(jabatan_kepala_daerah(k.paket.pemda)),
            keterangan="selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua",
        )
    )
    b.append(
        paragraf(
            "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai "
            "lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti "
            "yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan "
            "pencapaian target kinerja tersebut menjadi tanggung jawab kami."
        )
    )
    b.append(
        paragraf(
            "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
            "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
            "dalam rangka pemberian penghargaan dan sanksi."
        )
    )
    b.append(ttd_pk(k, tempat_tanggal, pertama, kedua))
    tb = tabel_pk_target(k, pk, semua, induk, nomor_kolom=True)
    tb.title = f"Lampiran Perjanjian Kinerja Tahun {k.tahun}: Sasaran, Indikator dan Target"
    b.append(blok_tabel(tb))
    if pk.anggaran_program:
        tb = tabel_pk_program(k, pk, nomor_kolom=True)
        tb.title = f"Lampiran Perjanjian Kinerja Tahun {k.tahun}: Program dan Anggaran"
        b.append(blok_tabel(tb))
    b.append(ttd_pk(k, tempat_tanggal, pertama, kedua))
    return bab


def tempat_tanggal_pk(tempat: str, tanggal, tahun: int) -> str:
    """The place and date line of a PK: "Blora, 11 Januari 2024"; a PK whose date is not
    recorded (a PK perubahan imported without it) prints its place and year only, as a
    copy of a document dated elsewhere, not a blank to fill in."""
    if tanggal:
        return f"{tempat}, {format_tanggal(tanggal)}"
    return f"{tempat}, {tahun}"


def ttd_pk(
    k: Context, tempat_tanggal: str, pertama: PejabatDok | None, kedua: PejabatDok | None
) -> TandaTanganGanda:
    return TandaTanganGanda(
        tempat_tanggal=tempat_tanggal,
        kiri=ttd_pihak("Pihak Kedua,", kedua),
        kanan=ttd_pihak("Pihak Pertama,", pertama),
    )


def lampiran_pk_berjenjang(k: Context, n: int, pkb: t.PKBerjenjang) -> Bab:
    pejabat = pejabat_dok(pkb.pejabat) or k.data.pejabat_pkb.get(pkb.jabatan)
    judul = f"Lampiran {n}. Perjanjian Kinerja {pkb.jabatan} Tahun {k.tahun}"
    bab = k.bab_lampiran(n, judul)
    b = bab.blok
    b.append(kop(k))
    b.append(Judul(4, "", f"PERJANJIAN KINERJA TAHUN {k.tahun}", f"pkb-{n}"))
    b.append(paragraf("{}", pkb.jabatan.upper(), kelas="tengah"))
    b.append(
        Pihak(
            nama=pejabat.nama if pejabat else "……………………",
            jabatan=jabatan_cetak(pkb.jabatan, pejabat.status if pejabat else ""),
            keterangan="selanjutnya disebut pihak pertama",
        )
    )
    kepala = k.ident.kepala
    b.append(
        Pihak(
            nama=kepala.nama if kepala else "……………………",
            jabatan=kepala.jabatan_cetak if kepala else jabatan_cetak(jabatan_kepala_pd(k.ident)),
            keterangan="selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua",
        )
    )
    b.append(
        paragraf(
            "Pihak pertama berjanji akan mewujudkan target kinerja sesuai lampiran perjanjian ini "
            "untuk mendukung pencapaian kinerja {}.",
            k.pd,
        )
    )
    b.append(blok_tabel(tabel_pkb_target(pkb)))
    if pkb.anggaran:
        b.append(blok_tabel(tabel_pkb_anggaran(k, pkb)))
    tempat_tanggal = tempat_tanggal_pk(k.ident.ibu_kota or k.ident.tempat, None, k.tahun)
    b.append(
        TandaTanganGanda(
            tempat_tanggal=tempat_tanggal,
            kiri=ttd_pihak("Pihak Kedua,", kepala),
            kanan=ttd_pihak("Pihak Pertama,", pejabat, jabatan=pkb.jabatan),
        )
    )
    return bab


def tabel_pkb_target(pkb: t.PKBerjenjang) -> rows.Table:
    """The sasaran, indicators and targets of a cascaded PK."""
    return rows.Table(
        title="Sasaran, Indikator dan Target",
        columns=[
            Column("No", Kind.NOMOR, 6),
            Column("Sasaran", width=40),
            Column("Indikator Kinerja", width=40),
            Column("Target", Kind.ANGKA, 14),
        ],
        rows=[
            Row(
                [
                    i,
                    s.uraian,
                    s.indikator,
                    Cell(s.target.angka, label=s.target.label) if s.target else None,
                ]
            )
            for i, s in enumerate(pkb.sasaran, 1)
        ],
    )


def tabel_pkb_anggaran(k: Context, pkb: t.PKBerjenjang) -> rows.Table:
    """The programs, kegiatan and sub kegiatan of a cascaded PK with their budget."""
    node = k.paket.nama_node_anggaran()
    items = sorted(pkb.anggaran.items(), key=lambda kv: kunci_kode(kv[0]))
    return rows.Table(
        title="Program/Kegiatan/Sub Kegiatan dan Anggaran",
        columns=[
            Column("Kode", width=20),
            Column("Uraian", width=58),
            Column("Anggaran (Rp)", Kind.RUPIAH, 22),
        ],
        rows=[
            Row(
                [kode_cetak(kode), node.get(kode, (kode, ""))[0], v],
                {"program": "program", "kegiatan": "kegiatan"}.get(node.get(kode, ("", ""))[1], ""),
            )
            for kode, v in items
        ],
    )
