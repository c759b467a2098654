"""BAB II section 2.4: the budget of the year by program and by jenis belanja, per DPA version."""

from __future__ import annotations

from anggaran.services import jenis_belanja_berdampingan, pohon_program
from kinerja.engine.angka import (
    format_rupiah,
)
from kinerja.engine.penyerapan import gulung, jumlah
from kinerja.paket import types as t
from laporan.dokumen.blocks import Baris, Sel, Tabel, kepala_tabel, paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import label_versi_dpa, rupiah, uang


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
    # Program budgets of every DPA version, side by side.
    per_versi = []
    for dpa in dpa_urut:
        simpul, _ = gulung(pohon_program(k.paket, dict(dpa.pagu), {}))
        per_versi.append({h.kode: h.pagu for h in simpul if h.kedalaman == 0})
    kolom = [label_versi_dpa(d.versi) for d in dpa_urut]
    baris = []
    for p in k.paket.program:
        nilai = [v.get(p.kode) for v in per_versi]
        baris.append(Baris([Sel(p.kode), Sel(p.nama), *(Sel(uang(x), "angka") for x in nilai)]))
    total = [jumlah(v.values()) for v in per_versi]
    baris.append(
        Baris([Sel("Jumlah", colspan=2), *(Sel(uang(x), "angka") for x in total)], "total")
    )
    lebar_kolom = 18 if len(kolom) > 1 else 22
    tb = Tabel(
        judul=f"Anggaran Program {k.pd} Tahun {k.tahun}",
        kepala=kepala_tabel("Kode", "Program", *(f"{x} (Rp)" for x in kolom)),
        baris=baris,
        lebar=[14, 86 - lebar_kolom * len(kolom), *([lebar_kolom] * len(kolom))],
    )
    k.tabel(b, "2", tb)
    jb = jenis_belanja_berdampingan(k.hasil.jenis_belanja, dpa_urut, berlaku)
    if jb["kolom"]:
        kolom_jb = [label_versi_dpa(v) for v in jb["kolom"]]
        baris = []
        for row in jb["baris"]:
            kelas = (
                "program" if row["kedalaman"] == 0 else "kegiatan" if row["kedalaman"] == 1 else ""
            )
            baris.append(
                Baris(
                    [
                        Sel(row["kode"]),
                        Sel(row["nama"], f"indent-{min(row['kedalaman'], 3)}"),
                        *(Sel(uang(x), "angka") for x in row["pagu"]),
                    ],
                    kelas,
                )
            )
        ada = jb.get("ada_perubahan")
        if ada and jb.get("selisih_total") is not None:
            s = jb["selisih_total"]
            kalimat = (
                f"Setelah perubahan, jumlah belanja {'bertambah' if s > 0 else 'berkurang'} "
                f"{format_rupiah(abs(s))} dari {format_rupiah(jb['total'][0])} menjadi "
                f"{format_rupiah(jb['total'][-1])}."
                if s
                else "Jumlah belanja tidak berubah setelah perubahan."
            )
        else:
            kalimat = ""
        tb = Tabel(
            judul=f"Anggaran {k.pd} Tahun {k.tahun} menurut Jenis Belanja",
            kepala=kepala_tabel("Kode", "Uraian", *(f"{x} (Rp)" for x in kolom_jb)),
            baris=baris,
            lebar=[11, 89 - lebar_kolom * len(kolom_jb), *([lebar_kolom] * len(kolom_jb))],
        )
        b.append(
            paragraf(
                "Rincian anggaran menurut jenis belanja sebelum dan setelah perubahan "
                "disajikan pada {}. {}",
                k.ke(tb, "2"),
                kalimat,
            )
            if ada
            else paragraf(
                "Rincian anggaran menurut jenis belanja disajikan pada {}.", k.ke(tb, "2")
            )
        )
        k.tabel(b, "2", tb)
