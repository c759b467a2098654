"""The analyses of DOMAIN §1.2 as data: per tujuan/sasaran, its indicators with
their history, benchmarks, causes and supporting programs.
"""

from __future__ import annotations

from kinerja.engine.capaian import target_acuan
from kinerja.engine.penilaian import nilai_indikator
from kinerja.engine.perbandingan import peringkat
from kinerja.paket import types as t
from laporan import kerangka
from laporan.dokumen.blocks import paragraf
from laporan.dokumen.context import Context
from laporan.dokumen.data import (
    AnalisisIndikator,
    AnalisisSasaran,
    BagianKosong,
    BagianNarasi,
    NilaiBanding,
    ProgramPendukung,
    TahunKinerja,
)
from laporan.dokumen.formatting import (
    LABEL_TINGKAT_BANDING,
    NAMA_TRIWULAN,
    batas_capaian,
    capaian_tampil,
)
from laporan.dokumen.narasi import blok_narasi
from laporan.dokumen.sentences import kalimat_capaian, kalimat_kemajuan, kalimat_riwayat


def susun_analisis(k: Context) -> list[AnalisisSasaran]:
    hasil = []
    for tj in k.paket.renstra.tujuan:
        for tingkat, kode, uraian, daftar in [
            ("tujuan", tj.kode, tj.uraian, tj.indikator),
            *(("sasaran", s.kode, s.uraian, s.indikator) for s in tj.sasaran),
        ]:
            indikator = [analisis_indikator(k, i) for i in daftar if i.kode in k.per_kode]
            if not indikator:
                continue
            ef = k.efisiensi.get(kode)
            program = []
            for pk in ef["program"] if ef else []:
                ang = k.anggaran.get(pk)
                p = next((x for x in k.paket.program if x.kode == pk), None)
                if p is None:
                    continue
                program.append(
                    ProgramPendukung(
                        kode=p.kode,
                        nama=p.nama,
                        indikator=[k.per_kode[i.kode] for i in p.indikator if i.kode in k.per_kode],
                        pagu=ang["pagu"] if ang else None,
                        realisasi=ang["realisasi"] if ang else None,
                        penyerapan=ang["penyerapan"] if ang else None,
                    )
                )
            hasil.append(AnalisisSasaran(kode, tingkat, uraian, indikator, ef, program))
    return hasil


def riwayat_indikator(k: Context, ind: t.Indikator) -> list[TahunKinerja]:
    """Target, realisasi and capaian of the indicator in every year held, this one last.

    Earlier years come from the imported history (capaian by the pemda's rules) and
    from the years lived in the application (2024 for a kecamatan that imported its
    2024 report and opened 2025), unless imported history already holds that year."""
    aturan = k.paket.pemda.aturan
    riwayat = []
    for tahun in sorted(ind.riwayat):
        if tahun >= k.tahun:
            continue
        rw = ind.riwayat[tahun]
        target = rw.target or ind.target_tahunan.get(tahun)
        real = rw.realisasi
        # Computed where the year's target and realisasi are known; otherwise the capaian
        # the earlier report printed, as it is.
        capaian = rw.capaian
        if target is not None and real is not None:
            capaian = nilai_indikator(
                ind,
                aturan,
                target=target_acuan(target, aturan.acuan_rentang),
                realisasi=real.angka,
            ).tampil
        riwayat.append(
            TahunKinerja(
                tahun,
                target.angka if target else None,
                target.label if target else None,
                real.angka if real else None,
                real.label if real else None,
                capaian,
            )
        )
    for tahun, per_kode in k.data.hasil_lalu.items():
        lalu = per_kode.get(ind.kode)
        if tahun in ind.riwayat or lalu is None or lalu.realisasi is None:
            continue
        riwayat.append(
            TahunKinerja(
                tahun,
                lalu.target,
                lalu.target_label,
                lalu.realisasi,
                lalu.realisasi_label,
                capaian_tampil(lalu),
            )
        )
    riwayat.sort(key=lambda x: x.tahun)
    h = k.per_kode[ind.kode]
    riwayat.append(
        TahunKinerja(
            k.tahun, h.target, h.target_label, h.realisasi, h.realisasi_label, capaian_tampil(h)
        )
    )
    return riwayat


def analisis_indikator(k: Context, ind: t.Indikator) -> AnalisisIndikator:
    """One tujuan/sasaran indicator's analyses; records a required but empty analysis."""
    h = k.per_kode[ind.kode]
    riwayat = riwayat_indikator(k, ind)
    catatan = k.th.catatan_realisasi.get(ind.kode) or [None] * 4
    penyebab = [
        f"{NAMA_TRIWULAN[q]}: {c.strip()}" for q, c in enumerate(catatan) if c and c.strip()
    ]
    kunci = kerangka.kunci_analisis(ind.kode)
    n = k.data.narasi.get(kunci)
    teks = n.teks if n else ""
    judul = (n.judul.strip() if n and n.judul else "") or f"Analisis {ind.nama}"
    wajib = h.tercapai is False and not penyebab
    blok = blok_narasi(teks)
    if wajib and not blok:
        # Said plainly rather than left as "belum diisi"; sign-off stays blocked until the
        # perangkat daerah writes the cause (kosong_analisis, laporan.services.kesiapan).
        blok = [
            paragraf(
                "Penyebab belum tercapainya target indikator {} tahun {} belum diuraikan oleh {}.",
                ind.nama,
                k.tahun,
                k.pd,
            )
        ]
        k.kosong_analisis.append(BagianKosong(kunci, f"Analisis penyebab: {ind.nama} ({ind.kode})"))
    pd_lain = k.data.pd_lain.get(ind.kode, [])
    return AnalisisIndikator(
        hasil=h,
        riwayat=riwayat,
        kalimat_capaian=kalimat_capaian(h, k.tahun, batas_capaian(k.paket.pemda.aturan)),
        kalimat_riwayat=kalimat_riwayat(h, riwayat),
        kalimat_kemajuan=kalimat_kemajuan(h, k.tahun, k.paket.renstra),
        pembanding=[
            NilaiBanding(
                tingkat=p.tingkat,
                label=p.label or LABEL_TINGKAT_BANDING.get(p.tingkat, p.tingkat),
                nilai=p.nilai.angka,
                nilai_label=p.nilai.label,
                sumber=p.sumber or "-",
            )
            for p in k.th.pembanding.get(ind.kode, [])
        ],
        pd_lain=pd_lain,
        peringkat_pd=peringkat(
            capaian_tampil(h),
            [x.capaian for x in pd_lain if x.capaian is not None],
        ),
        penyebab=penyebab,
        narasi=BagianNarasi(kunci, judul, teks, wajib, blok),
        wajib_analisis=wajib,
    )
