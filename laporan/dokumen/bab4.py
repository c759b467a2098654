"""BAB IV Penutup: conclusion, recommendations, follow-up and the closing signature."""

from __future__ import annotations

from django.utils.html import format_html

from kinerja.engine.predikat import klasifikasi
from laporan.dokumen.bab3 import tabel_ringkasan
from laporan.dokumen.blocks import Bab, paragraf, tebal
from laporan.dokumen.context import Context
from laporan.dokumen.formatting import persen, rupiah
from laporan.dokumen.identitas import ttd_kepala
from laporan.rekomendasi import tabel_tindak_lanjut


def bab4(k: Context) -> Bab:
    bab = k.bab_baru("IV", "PENUTUP")
    b = bab.blok
    k.judul(b, 2, "4.1", k.narasi["kesimpulan"].judul)
    k.sisip_narasi(b, "kesimpulan")
    semua = [ai.hasil for a in k.analisis for ai in a.indikator]
    tercapai = [h for h in semua if h.tercapai]
    terukur = [h for h in semua if h.tercapai is not None]
    rata = k.hasil.ringkasan["rata_rata_capaian_iku"]
    tb = tabel_ringkasan(k, k.analisis, "Hasil Pengukuran Pencapaian Tujuan dan Sasaran")
    b.append(
        paragraf(
            "Dari {} indikator tujuan dan sasaran yang terukur, {} indikator mencapai targetnya{}. "
            "Rincian capaian dan predikatnya disajikan pada {}.",
            len(terukur),
            len(tercapai),
            format_html(
                "; rata-rata capaian Indikator Kinerja Utama adalah {}{}",
                persen(rata),
                format_html(" dengan predikat {}", tebal(band.label))
                if (band := klasifikasi(k.paket.pemda.aturan.skala, rata)) is not None
                else "",
            )
            if rata is not None
            else "",
            k.ke(tb, "4"),
        )
    )
    k.tabel(b, "4", tb)
    r = k.hasil.ringkasan
    b.append(
        paragraf(
            "Anggaran sebesar {} terealisasi {} ({}).",
            rupiah(r["pagu_total"]),
            rupiah(r["realisasi_total"]),
            persen(r["penyerapan_total"]),
        )
    )
    k.judul(b, 2, "4.2", k.narasi["rekomendasi"].judul)
    k.sisip_narasi(b, "rekomendasi")
    rekomendasi = k.data.rekomendasi
    if rekomendasi or not k.narasi["tindak_lanjut"].kosong:
        k.judul(b, 2, "4.3", k.narasi["tindak_lanjut"].judul)
    if rekomendasi:
        tl = tabel_tindak_lanjut(rekomendasi)
        diterima = sum(r.tinjauan == r.Tinjauan.DITERIMA for r in rekomendasi)
        b.append(
            paragraf(
                "Evaluasi akuntabilitas kinerja tahun {} menghasilkan {} rekomendasi; {} di "
                "antaranya telah ditindaklanjuti dan diterima evaluator. Rencana aksi dan "
                "status tindak lanjut setiap rekomendasi disajikan pada {}.",
                k.tahun - 1,
                len(rekomendasi),
                diterima,
                k.ke(tl, "4"),
            )
        )
        k.tabel(b, "4", tl)
    if not k.narasi["tindak_lanjut"].kosong:
        k.sisip_narasi(b, "tindak_lanjut")
    b.append(
        paragraf(
            "Demikian Laporan Kinerja Instansi Pemerintah {} Tahun {} ini disusun sebagai "
            "pertanggungjawaban kinerja dan bahan perbaikan kinerja tahun berikutnya.",
            k.pd,
            k.tahun,
        )
    )
    b.append(ttd_kepala(k.ident))
    return bab
