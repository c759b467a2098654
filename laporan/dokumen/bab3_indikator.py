"""BAB III, one tujuan/sasaran indicator: its analyses a.–e. (capaian, earlier years,
end target, benchmarks, causes) and f.–g. (efficiency, supporting programs).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from kinerja.engine.angka import (
    format_angka,
)
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.hitung import HasilIndikator
from kinerja.engine.ikm import UNSUR_SKM
from laporan.dokumen.blocks import (
    Baris,
    Daftar,
    Gambar,
    Paragraf,
    Sel,
    Tabel,
    kepala_tabel,
    paragraf,
    tebal,
)
from laporan.dokumen.context import Context
from laporan.dokumen.data import AnalisisIndikator, AnalisisSasaran
from laporan.dokumen.formatting import (
    LABEL_TINGKAT_BANDING,
    dasar_perhitungan,
    persen,
    rupiah,
    tampil,
    uang,
)
from laporan.grafik import WARNA_GARIS, Seri, grafik_batang


def blok_analisis_indikator(k: Context, b: list, ai: AnalisisIndikator) -> None:
    h = ai.hasil
    k.judul(b, 4, "", f"Indikator: {h.nama}", isi=False)
    # 1. target vs realisasi, 2. previous years, 3. end target — one table like S0 Tabel 3.1.
    riwayat_lalu = [r for r in ai.riwayat if r.tahun < k.tahun]
    r = k.paket.renstra
    kepala = [
        [
            *(Sel(f"Realisasi {x.tahun}", rowspan=2) for x in riwayat_lalu),
            Sel(f"Tahun {k.tahun}", colspan=4),
            Sel(f"Akhir Renstra ({r.selesai})", colspan=2),
        ],
        [
            Sel("Target"),
            Sel("Realisasi"),
            Sel("Capaian"),
            Sel("Predikat"),
            Sel("Target"),
            Sel("Tingkat Kemajuan"),
        ],
    ]
    baris = [
        Baris(
            [
                *(Sel(tampil(x.realisasi, x.realisasi_label), "angka") for x in riwayat_lalu),
                Sel(tampil(h.target, h.target_label), "angka"),
                Sel(tampil(h.realisasi, h.realisasi_label), "angka"),
                Sel(
                    persen(h.capaian if h.capaian is not None else h.capaian_skor),
                    "angka tebal",
                ),
                Sel(h.predikat or "-", "tengah"),
                Sel(tampil(h.target_akhir), "angka"),
                Sel(persen(h.tingkat_kemajuan), "angka"),
            ]
        ),
        Baris(
            [
                Sel(
                    f"Dasar perhitungan: {dasar_perhitungan(h)}",
                    "rumus",
                    colspan=len(riwayat_lalu) + 6,
                )
            ]
        ),
    ]
    n_lalu = len(riwayat_lalu)
    lebar_lalu = 10 if n_lalu else 0
    sisa = 100 - lebar_lalu * n_lalu
    lebar = [*([lebar_lalu] * n_lalu)]
    bagian = [12, 12, 12, 16, 12, 16]
    skala = sisa / sum(bagian)
    lebar += [int(x * skala) for x in bagian]
    lebar[-1] += 100 - sum(lebar)
    tb = Tabel(
        judul=f"Capaian Indikator {h.nama} Tahun {k.tahun}",
        kepala=kepala,
        baris=baris,
        lebar=lebar,
    )
    b.append(
        paragraf(
            "a. Perbandingan target dan realisasi kinerja tahun {} ({}).",
            k.tahun,
            k.ke(tb, "3"),
            kelas="analisis",
        )
    )
    b.append(paragraf("{}", ai.kalimat_capaian))
    k.tabel(b, "3", tb)
    ikm = [x for x in k.hasil.ikm if x["indikator"] == h.kode]
    for x in ikm:
        tabel_skm(k, b, h, x)
    # 2. previous years: table + chart
    b.append(paragraf("b. Perbandingan dengan tahun-tahun sebelumnya.", kelas="analisis"))
    for kalimat in ai.kalimat_riwayat:
        b.append(paragraf("{}", kalimat))
    if len(ai.riwayat) > 1:
        tb = Tabel(
            judul=f"Perbandingan Kinerja {h.nama} Tahun {ai.riwayat[0].tahun}–{k.tahun}",
            kepala=kepala_tabel("Tahun", "Target", "Realisasi", "Capaian"),
            baris=[
                Baris(
                    [
                        Sel(str(x.tahun), "tengah"),
                        Sel(tampil(x.target, x.target_label), "angka"),
                        Sel(tampil(x.realisasi, x.realisasi_label), "angka"),
                        Sel(persen(x.capaian), "angka"),
                    ]
                )
                for x in ai.riwayat
            ],
            lebar=[16, 28, 28, 28],
        )
        k.tabel(b, "3", tb)
        ada_nilai = [x for x in ai.riwayat if x.realisasi is not None or x.target is not None]
        if len(ada_nilai) > 1:
            satuan_persen = h.satuan.strip() in ("%", "persen", "persentase")
            svg = grafik_batang(
                judul=f"Realisasi dan target {h.nama}",
                label=[str(x.tahun) for x in ai.riwayat],
                batang=Seri("Realisasi", [x.realisasi for x in ai.riwayat]),
                garis=Seri("Target", [x.target for x in ai.riwayat], WARNA_GARIS),
                satuan="%" if satuan_persen else "",
                paling_tidak=Decimal(100) if satuan_persen else None,
                ident=f"grafik-{re.sub(r'[^a-zA-Z0-9]+', '-', h.kode)}",
            )
            k.gambar(
                b,
                "3",
                Gambar(
                    judul=f"Realisasi dan Target {h.nama} Tahun {ai.riwayat[0].tahun}–{k.tahun}",
                    svg=mark_safe(svg),  # noqa: S308 - generated by laporan.grafik, escaped there
                ),
            )
    # 3. end target
    b.append(paragraf("c. Perbandingan dengan target jangka menengah (Renstra).", kelas="analisis"))
    b.append(paragraf("{}", ai.kalimat_kemajuan))
    # 4. benchmark
    b.append(
        paragraf(
            "d. Perbandingan dengan standar nasional, provinsi, kabupaten dan perangkat daerah lain.",
            kelas="analisis",
        )
    )
    blok_pembanding(k, b, ai)
    # 5. causes and solutions
    b.append(
        paragraf(
            "e. Analisis penyebab keberhasilan/kegagalan dan alternatif solusi.",
            kelas="analisis",
        )
    )
    if ai.penyebab:
        b.append(paragraf("Catatan realisasi triwulan yang disampaikan bersama data realisasi:"))
        b.append(Daftar([escape(x) for x in ai.penyebab], berurut=False))
    b.extend(ai.narasi.blok)
    if not ai.penyebab and not ai.narasi.blok:
        b.append(
            paragraf(
                "Tidak ada catatan penyebab pada realisasi triwulan indikator ini; target {}.",
                "tercapai"
                if h.tercapai
                else "belum dapat dinilai"
                if h.tercapai is None
                else "belum tercapai",
            )
        )


def tabel_skm(k: Context, b: list, h: HasilIndikator, x: dict) -> None:
    nama_unsur = dict(UNSUR_SKM)
    baris = []
    for n, (u, nrr) in enumerate(sorted(x["unsur"].items(), key=lambda kv: int(kv[0][1:])), 1):
        baris.append(
            Baris(
                [
                    Sel(str(n), "tengah"),
                    Sel(nama_unsur.get(u, u)),
                    Sel(format_angka(nrr, 2), "angka"),
                ]
            )
        )
    baris.append(
        Baris(
            [
                Sel("Nilai Indeks (NI) / Nilai Interval Konversi (NIK)", colspan=2),
                Sel(f"{format_angka(x['ni'], 4)} / {format_angka(x['nik'], 2)}", "angka"),
            ],
            "total",
        )
    )
    baris.append(
        Baris(
            [Sel("Mutu pelayanan", colspan=2), Sel(f"{x['mutu']} ({x['kinerja']})", "angka")],
            "total",
        )
    )
    tb = Tabel(
        judul=f"Nilai Unsur Survei Kepuasan Masyarakat {x['periode'] or ''} Tahun {k.tahun}".replace(
            "  ", " "
        ),
        kepala=kepala_tabel("No", "Unsur Pelayanan", "Nilai Rata-rata"),
        baris=baris,
        lebar=[8, 67, 25],
        catatan=(
            "IKM = rata-rata tertimbang 9 unsur × 25 (PermenPANRB 14/2017)"
            + (f"; {x['responden']} responden." if x.get("responden") else ".")
        ),
    )
    b.append(
        paragraf(
            "IKM dihitung dari nilai 9 unsur Survei Kepuasan Masyarakat pada {}: NIK {} dengan mutu "
            "pelayanan {}.",
            k.ke(tb, "3"),
            format_angka(x["nik"], 2),
            x["mutu"],
        )
    )
    k.tabel(b, "3", tb)


def blok_pembanding(k: Context, b: list, ai: AnalisisIndikator) -> None:
    h = ai.hasil
    baris = []
    for p in ai.pembanding:
        baris.append(
            Baris(
                [
                    Sel(p.label),
                    Sel(LABEL_TINGKAT_BANDING.get(p.tingkat, p.tingkat)),
                    Sel("-", "angka"),
                    Sel(tampil(p.nilai, p.nilai_label), "angka"),
                    Sel("-", "angka"),
                    Sel(p.sumber),
                ]
            )
        )
    baris.append(
        Baris(
            [
                Sel(k.pd),
                Sel("Perangkat daerah ini"),
                Sel(tampil(h.target, h.target_label), "angka"),
                Sel(tampil(h.realisasi, h.realisasi_label), "angka"),
                Sel(persen(h.capaian if h.capaian is not None else h.capaian_skor), "angka"),
                Sel("Data LKjIP ini"),
            ],
            "sendiri",
        )
    )
    for x in ai.pd_lain:
        baris.append(
            Baris(
                [
                    Sel(x.pd_nama),
                    Sel(f"Perangkat daerah {k.ident.pemda_nama}"),
                    Sel(tampil(x.target, x.target_label), "angka"),
                    Sel(tampil(x.realisasi, x.realisasi_label), "angka"),
                    Sel(persen(x.capaian), "angka"),
                    Sel(f"Data aplikasi, indikator {x.indikator_kode}: {x.indikator_nama}"),
                ]
            )
        )
    if not ai.pembanding and not ai.pd_lain:
        b.append(
            paragraf(
                "Belum tersedia nilai indikator {} pada tingkat kabupaten, provinsi maupun "
                "nasional, dan tidak ada perangkat daerah lain di {} dengan indikator yang sama.",
                h.nama,
                k.ident.pemda_nama,
            )
        )
        return
    kal = []
    if ai.pembanding:
        kal.append(
            "nilai pada tingkat "
            + ", ".join(
                f"{p.label.lower() if p.label == LABEL_TINGKAT_BANDING.get(p.tingkat) else p.label} "
                f"{tampil(p.nilai, p.nilai_label)}"
                for p in ai.pembanding
            )
        )
    if ai.pd_lain:
        dengan = [x for x in ai.pd_lain if x.realisasi is not None]
        if dengan:
            kal.append(
                "realisasi perangkat daerah lain "
                + ", ".join(f"{x.pd_nama} {tampil(x.realisasi, x.realisasi_label)}" for x in dengan)
            )
        else:
            kal.append(
                f"{len(ai.pd_lain)} perangkat daerah lain dengan indikator yang sama belum "
                f"mencatat realisasi tahun {k.tahun}"
            )
    tb = Tabel(
        judul=f"Perbandingan {h.nama} dengan Nilai Pembanding Tahun {k.tahun}",
        kepala=kepala_tabel("Pembanding", "Tingkat", "Target", "Realisasi", "Capaian", "Sumber"),
        baris=baris,
        lebar=[22, 18, 11, 11, 11, 27],
        kelas="kecil",
    )
    b.append(
        paragraf(
            "Realisasi {} tahun {} sebesar {} dibandingkan dengan {} ({}).",
            k.pd,
            k.tahun,
            tampil(h.realisasi, h.realisasi_label),
            "; ".join(kal),
            k.ke(tb, "3"),
        )
    )
    k.tabel(b, "3", tb)


def blok_efisiensi(k: Context, b: list, a: AnalisisSasaran) -> None:
    label = "tujuan" if a.tingkat == "tujuan" else "sasaran"
    k.judul(b, 4, "", f"Efisiensi dan program pendukung {label} ini", isi=False)
    ef = a.efisiensi
    b.append(paragraf("f. Analisis efisiensi penggunaan sumber daya.", kelas="analisis"))
    if ef is None:
        b.append(paragraf("Efisiensi {} ini tidak dapat dihitung.", label))
    else:
        kode_program = ", ".join(ef["program"]) or "-"
        anggaran = format_html(
            "Anggaran yang mendukung {} ini berasal dari program {} dengan pagu {} dan "
            "realisasi {} (penyerapan {}).",
            label,
            kode_program,
            rupiah(ef["pagu"]),
            rupiah(ef["realisasi"]),
            persen(ef["penyerapan"]),
        )
        if ef["nilai"] is None:
            hasil = format_html(
                "Efisiensinya {} karena capaian kinerja atau penyerapan anggarannya belum "
                "tersedia.",
                tebal("belum dapat dihitung"),
            )
        else:
            nilai = format_angka(ef["nilai"], 2) + (
                "" if ef["metode"] == MetodeEfisiensi.RASIO.value else "%"
            )
            hasil = format_html(
                "Dengan capaian kinerja {}, efisiensinya {} dengan kategori {}.",
                persen(ef["capaian"]),
                nilai,
                tebal(ef["kategori"]),
            )
        b.append(Paragraf(format_html("{} {}", anggaran, hasil)))
        b.append(paragraf("{}", ef["rumus"], kelas="rumus"))
    b.append(
        paragraf("g. Program dan kegiatan yang menunjang pencapaian kinerja.", kelas="analisis")
    )
    if not a.program:
        b.append(paragraf("Tidak ada program yang dipetakan untuk mendukung {} ini.", label))
        return
    baris = []
    for p in a.program:
        ind = p.indikator or [None]
        for j, i in enumerate(ind):
            sel = []
            if j == 0:
                sel.append(Sel(f"{p.kode} {p.nama}", rowspan=len(ind)))
            if i is None:
                sel += [Sel("-"), Sel("-", "angka"), Sel("-", "angka"), Sel("-", "angka")]
            else:
                sel += [
                    Sel(i.nama),
                    Sel(tampil(i.target, i.target_label), "angka"),
                    Sel(tampil(i.realisasi, i.realisasi_label), "angka"),
                    Sel(persen(i.capaian if i.capaian is not None else i.capaian_skor), "angka"),
                ]
            if j == 0:
                sel += [
                    Sel(uang(p.pagu), "angka", rowspan=len(ind)),
                    Sel(uang(p.realisasi), "angka", rowspan=len(ind)),
                    Sel(persen(p.penyerapan), "angka", rowspan=len(ind)),
                ]
            baris.append(Baris(sel))
    tb = Tabel(
        judul=f"Program Pendukung {label.capitalize()} {a.uraian}",
        kepala=[
            [
                Sel("Program", rowspan=2),
                Sel("Indikator Program", colspan=4),
                Sel("Anggaran", colspan=3),
            ],
            [
                Sel("Indikator"),
                Sel("Target"),
                Sel("Realisasi"),
                Sel("Capaian"),
                Sel("Pagu (Rp)"),
                Sel("Realisasi (Rp)"),
                Sel("%"),
            ],
        ],
        baris=baris,
        lebar=[19, 21, 8, 8, 9, 13, 13, 9],
        kelas="kecil",
    )
    tercapai = [i for p in a.program for i in p.indikator if i.tercapai is True]
    semua = [i for p in a.program for i in p.indikator if i.tercapai is not None]
    b.append(
        paragraf(
            "{} didukung oleh {} program ({}); {} dari {} indikator program yang terukur "
            "mencapai targetnya.",
            f"{label.capitalize()} ini",
            len(a.program),
            k.ke(tb, "3"),
            len(tercapai),
            len(semua),
        )
    )
    k.tabel(b, "3", tb)
