"""The budget summary of a year: DPA versions, program tree, jenis belanja, quarters."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from anggaran import tables
from anggaran.selectors import (
    jenis_belanja_berdampingan,
    penyerapan_per_triwulan,
    tabel_realisasi_triwulan,
    total_pagu_versi,
)
from anggaran.selectors_paket import paket_anggaran
from anggaran.views.common import label_versi
from kinerja.access import get_perangkat_daerah_for_user
from kinerja.engine.hitung import hitung
from kinerja.engine.penyerapan import penyerapan
from kinerja.paket.types import urutan_versi
from kinerja.services.realisasi import ROMAWI
from kinerja.views.tahun import halaman_tahun_belum_dibuka


def ringkasan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    paket = paket_anggaran(pd, tahun, hanya_tahun=True)
    th = paket.cari_tahun(tahun)
    if th is None:
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Anggaran")
    hasil = hitung(paket, tahun)
    dpa_urut = sorted(th.dpa, key=lambda d: urutan_versi(d.versi))
    berlaku = th.dpa_berlaku()

    melebihi = {x.kode for x in hasil.temuan if x.jenis == "realisasi_melebihi_pagu"}
    pohon = [dict(a, melebihi=a["kode"] in melebihi) for a in hasil.anggaran]

    versi = [
        {
            "versi": d.versi,
            "label": label_versi(d.versi),
            "tanggal": d.tanggal,
            "total": total_pagu_versi(paket, d),
            "berlaku": d is berlaku,
            "url": reverse("anggaran-dpa", args=[pd.kode, tahun, d.versi]),
        }
        for d in dpa_urut
    ]

    jb = jenis_belanja_berdampingan(hasil.jenis_belanja, dpa_urut, berlaku, tahun)
    jb["kolom"] = [label_versi(v) for v in jb["kolom"]]
    triwulan = tabel_realisasi_triwulan(paket, th, hasil.anggaran_per_kode())
    penyerapan_tw = penyerapan_per_triwulan(paket, tahun)
    label_berlaku = label_versi(berlaku.versi) if berlaku else None
    uraian_sasaran = {s.kode: s.uraian for tj in paket.renstra.tujuan for s in tj.sasaran}
    anggaran_sasaran = [
        {
            "kode": kode,
            "uraian": uraian_sasaran.get(kode, ""),
            "pagu": a.pagu,
            "realisasi": a.realisasi,
            "penyerapan": penyerapan(a.pagu, a.realisasi),
        }
        for kode, a in th.anggaran_sasaran.items()
    ]
    ctx = {
        "page": "anggaran",
        "tabel_anggaran_sasaran": tables.tabel_anggaran_sasaran(anggaran_sasaran)
        if anggaran_sasaran
        else None,
        "url_anggaran_sasaran": reverse("anggaran-sasaran", args=[pd.kode, tahun]),
        "pd": pd,
        "tahun": tahun,
        "rw": rw,
        "versi": versi,
        "berlaku": label_berlaku,
        "pohon": pohon,
        "jenis_belanja": jb,
        "triwulan": triwulan,
        "penyerapan_tw": penyerapan_tw,
        "tabel_versi": tables.tabel_versi_dpa(versi, rw=rw),
        "tabel_pohon": tables.tabel_pohon_anggaran(pohon, label_berlaku),
        "tabel_jenis_belanja": tables.tabel_jenis_belanja(jb) if jb["baris"] else None,
        "tabel_triwulan": tables.tabel_realisasi_triwulan(triwulan, penyerapan_tw),
        "url_triwulan": [
            (ROMAWI[q - 1], reverse("anggaran-realisasi", args=[pd.kode, tahun, q]))
            for q in (1, 2, 3, 4)
        ],
        "temuan": [x for x in hasil.temuan if _temuan_anggaran(x)],
    }
    return render(request, "anggaran/ringkasan.html", ctx)


def _temuan_anggaran(x) -> bool:
    if x.jenis == "jumlah_tidak_sesuai":
        return not x.lokasi.startswith("PK")
    return x.jenis in (
        "realisasi_melebihi_pagu",
        "total_jenis_belanja_tidak_sesuai",
        "anggaran_pk_tidak_cocok_dpa",
        "anggaran_sasaran_tidak_sesuai",
    )
