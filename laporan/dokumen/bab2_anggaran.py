"""BAB II section 2.4: the budget of the year by program and by jenis belanja, per DPA version."""

from __future__ import annotations

from anggaran.selectors import jenis_belanja_berdampingan
from kinerja.engine.hitung import pohon_program
from kinerja.engine.penyerapan import gulung, jumlah
from kinerja.paket import types as t
from laporan.dokumen.blocks import paragraf
from laporan.dokumen.catatan import (
    TemuanCetak,
    baris_dengan_catatan,
    blok_catatan,
    catatan_untuk,
)
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import kode_cetak, label_versi_dpa, rupiah
from laporan.dokumen.sentences import kalimat_jenis_belanja
from lib import rows
from lib.rows import Cell, Column, Kind, Row


def anggaran_bab2(k: Context, b: list) -> None:
    th = k.th
    dpa_urut = sorted(th.dpa, key=lambda d: t.urutan_versi(d.versi))
    if not dpa_urut:
        b.append(paragraf("Belum ada DPA tahun {} yang tercatat.", k.tahun))
        return
    berlaku = th.dpa_berlaku()
    r = k.hasil.ringkasan
    b.append(
        paragraf(
            "Untuk mencapai sasaran tersebut {} melaksanakan {} program, {} kegiatan dan {} "
            "sub kegiatan dengan anggaran belanja {} sebesar {}.",
            k.pd,
            r["jumlah_program"],
            r["jumlah_kegiatan"],
            r["jumlah_sub_kegiatan"],
            "setelah perubahan" if berlaku and berlaku.versi != "murni" else "murni",
            rupiah(r["pagu_total"]),
        )
    )
    catatan = catatan_untuk(
        k, "anggaran_program", urutan=[p.kode for p in k.paket.program] + ["total"]
    )
    k.tabel(b, "2", tabel_anggaran_program(k, dpa_urut, catatan))
    _catatan(k, b, catatan, [p.kode for p in k.paket.program] + ["total"])
    jb = jenis_belanja_berdampingan(k.hasil.jenis_belanja, dpa_urut, berlaku, k.tahun)
    if jb["kolom"]:
        tb = tabel_jenis_belanja_dpa(k, jb, lebar_versi=18 if len(dpa_urut) > 1 else 22)
        if jb.get("ada_perubahan"):
            b.append(
                paragraf(
                    "Rincian anggaran menurut jenis belanja sebelum dan setelah perubahan "
                    "disajikan pada {}. {}",
                    k.ke(tb, "2"),
                    kalimat_jenis_belanja(jb),
                )
            )
        else:
            b.append(
                paragraf("Rincian anggaran menurut jenis belanja disajikan pada {}.", k.ke(tb, "2"))
            )
        k.tabel(b, "2", tb)
        _catatan(k, b, catatan_untuk(k, "jenis_belanja"), [])


def _catatan(k: Context, b: list, catatan: list[TemuanCetak], kode_baris: list[str]) -> None:
    """The note under the table just added (the findings not told under a row of it)."""
    blok = blok_catatan(k, catatan, di_baris=kode_baris)
    if blok is not None:
        b.append(blok)


def tabel_anggaran_program(
    k: Context, dpa_urut: list[t.DPA], catatan: list[TemuanCetak] = ()
) -> rows.Table:
    """The budget of every program in every DPA version, side by side, and the totals; a
    program a consistency finding (``catatan``) concerns is marked and followed by its note."""
    per_versi = []
    for dpa in dpa_urut:
        simpul, _ = gulung(pohon_program(k.paket, dict(dpa.pagu), {}))
        per_versi.append({h.kode: h.pagu for h in simpul if h.kedalaman == 0})
    kolom = [label_versi_dpa(d.versi) for d in dpa_urut]
    baris = [
        Row([kode_cetak(p.kode), p.nama, *(v.get(p.kode) for v in per_versi)])
        for p in k.paket.program
    ]
    total = [jumlah(v.values()) for v in per_versi]
    baris.append(Row([Cell("Jumlah", colspan=2), *total], "total"))
    kode = [p.kode for p in k.paket.program] + ["total"]
    baris = baris_dengan_catatan(k, baris, kode, list(catatan), 1)
    lebar = 18 if len(kolom) > 1 else 22
    return rows.Table(
        title=f"Anggaran Program {k.pd} Tahun {k.tahun}",
        columns=[
            Column("Kode", width=14),
            Column("Program", width=86 - lebar * len(kolom)),
            *(Column(f"{x} (Rp)", Kind.RUPIAH, lebar) for x in kolom),
        ],
        rows=baris,
    )


def tabel_jenis_belanja_dpa(k: Context, jb: dict, *, lebar_versi: int) -> rows.Table:
    """The budget by jenis belanja (a tree of account codes) in every DPA version."""
    kolom = [label_versi_dpa(v) for v in jb["kolom"]]
    kelompok = {0: "program", 1: "kegiatan"}
    return rows.Table(
        title=f"Anggaran {k.pd} Tahun {k.tahun} menurut Jenis Belanja",
        columns=[
            Column("Kode", width=11),
            Column("Uraian", width=89 - lebar_versi * len(kolom), indent=True),
            *(Column(f"{x} (Rp)", Kind.RUPIAH, lebar_versi) for x in kolom),
        ],
        rows=[
            Row(
                [row["kode"], row["nama"], *row["pagu"]],
                kelompok.get(row["kedalaman"], ""),
                level=min(row["kedalaman"], 3),
            )
            for row in jb["baris"]
        ],
    )
