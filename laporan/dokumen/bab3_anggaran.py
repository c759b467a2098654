"""BAB III section 3.2: realisasi anggaran, efficiency and jenis belanja tables."""

from __future__ import annotations

from django.utils.html import format_html

from anggaran.services import kunci_kode
from kinerja.engine.angka import (
    format_angka,
)
from kinerja.engine.efisiensi import RUMUS_EFISIENSI, MetodeEfisiensi
from laporan.dokumen.blocks import Baris, Sel, Tabel, kepala_tabel, paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import persen, rupiah, terbilang_rupiah, uang


def realisasi_anggaran(k: Context, b: list) -> None:
    r = k.hasil.ringkasan
    baris = []
    for a in k.hasil.anggaran:
        if a["tingkat"] == "total":
            continue
        kelas = {"program": "program", "kegiatan": "kegiatan"}.get(a["tingkat"], "")
        baris.append(
            Baris(
                [
                    Sel(a["kode"]),
                    Sel(a["nama"], f"indent-{a['kedalaman']}"),
                    Sel(uang(a["pagu"]), "angka"),
                    Sel(uang(a["realisasi"]), "angka"),
                    Sel(persen(a["penyerapan"]), "angka"),
                ],
                kelas,
            )
        )
    baris.append(
        Baris(
            [
                Sel("Jumlah", colspan=2),
                Sel(uang(r["pagu_total"]), "angka"),
                Sel(uang(r["realisasi_total"]), "angka"),
                Sel(persen(r["penyerapan_total"]), "angka"),
            ],
            "total",
        )
    )
    tb = Tabel(
        judul=f"Realisasi Anggaran {k.pd} Tahun {k.tahun}",
        kepala=kepala_tabel(
            "Kode Program/ Kegiatan/ Sub Kegiatan",
            "Uraian Program/Kegiatan/Sub Kegiatan",
            "Pagu Anggaran (Rp)",
            "Realisasi (Rp)",
            "Penyerapan",
        ),
        baris=baris,
        lebar=[16, 43, 15, 14, 12],
        kelas="kecil",
    )
    dpa = k.th.dpa_berlaku()
    sisa = r["sisa_anggaran"]
    b.append(
        paragraf(
            "Dalam rangka pelaksanaan tugas pokok dan fungsi serta pencapaian tujuan dan sasaran "
            "strategis tahun {}, {} didukung anggaran belanja{} sebesar {} ({}) yang terealisasi "
            "sebesar {} atau {}{}. Rincian realisasi per program, kegiatan dan sub kegiatan "
            "disajikan pada {}.",
            k.tahun,
            k.pd,
            " setelah perubahan" if dpa and dpa.versi != "murni" else "",
            rupiah(r["pagu_total"]),
            terbilang_rupiah(r["pagu_total"]),
            rupiah(r["realisasi_total"]),
            persen(r["penyerapan_total"]),
            format_html(", sehingga sisa anggaran {}", rupiah(sisa)) if sisa else "",
            k.ke(tb, "3"),
        )
    )
    k.tabel(b, "3", tb)
    # Efficiency table
    metode = k.paket.pemda.aturan.metode_efisiensi
    baris = []
    for e in k.hasil.efisiensi:
        kelas = "total" if e["tingkat"] == "total" else ""
        baris.append(
            Baris(
                [
                    Sel(
                        e["uraian"]
                        if e["tingkat"] == "total"
                        else f"{e['tingkat'].capitalize()}: {e['uraian']}"
                    ),
                    Sel(persen(e["capaian"]), "angka"),
                    Sel(uang(e["pagu"]), "angka"),
                    Sel(uang(e["realisasi"]), "angka"),
                    Sel(persen(e["penyerapan"]), "angka"),
                    Sel(
                        "-"
                        if e["nilai"] is None
                        else format_angka(e["nilai"], 2)
                        + ("" if metode == MetodeEfisiensi.RASIO else "%"),
                        "angka",
                    ),
                    Sel(e["kategori"], "tengah"),
                ],
                kelas,
            )
        )
    tb = Tabel(
        judul=f"Efisiensi Penggunaan Anggaran Tahun {k.tahun}",
        kepala=kepala_tabel(
            "Tujuan/Sasaran",
            "Capaian Kinerja",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Penyerapan",
            "Efisiensi",
            "Kategori",
        ),
        baris=baris,
        lebar=[28, 10, 15, 15, 10, 10, 12],
        kelas="kecil",
    )
    b.append(
        paragraf(
            "Efisiensi penggunaan anggaran diukur dengan membandingkan capaian kinerja dengan "
            "penyerapan anggaran program pendukungnya, menurut metode yang ditetapkan {}. {} "
            "Hasilnya disajikan pada {}.",
            k.ident.pemda_nama,
            RUMUS_EFISIENSI[metode],
            k.ke(tb, "3"),
        )
    )
    k.tabel(b, "3", tb)
    if k.th.realisasi_jenis_belanja:
        berlaku = k.th.dpa_berlaku()
        rows = [x for x in k.hasil.jenis_belanja if berlaku and x["versi"] == berlaku.versi]
        if rows:
            tb = Tabel(
                judul=f"Realisasi Anggaran menurut Jenis Belanja Tahun {k.tahun}",
                kepala=kepala_tabel(
                    "Kode", "Jenis Belanja", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan"
                ),
                baris=[
                    Baris(
                        [
                            Sel(x["kode"]),
                            Sel(x["nama"], f"indent-{min(x['kedalaman'], 3)}"),
                            Sel(uang(x["pagu"]), "angka"),
                            Sel(uang(x["realisasi"]), "angka"),
                            Sel(persen(x["penyerapan"]), "angka"),
                        ],
                        "program" if x["kedalaman"] == 0 else "",
                    )
                    for x in sorted(rows, key=lambda x: kunci_kode(x["kode"]))
                ],
                lebar=[12, 44, 16, 16, 12],
            )
            b.append(
                paragraf(
                    "Realisasi anggaran menurut jenis belanja disajikan pada {}.",
                    k.ke(tb, "3"),
                )
            )
            k.tabel(b, "3", tb)
