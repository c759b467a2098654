"""The generated sentences: about one indicator (capaian, earlier years, progress
towards the Renstra end target, benchmarks), the PK perubahan and the budget by
jenis belanja. Plain functions of the figures; the chapters put them in paragraphs.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString

from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.hitung import HasilIndikator
from kinerja.engine.perbandingan import kalimat_perubahan
from kinerja.paket import types as t
from laporan.dokumen.data import SUMBER_TRIWULAN, AnalisisIndikator, TahunKinerja
from laporan.dokumen.formatting import (
    LABEL_TINGKAT_BANDING,
    capaian_tampil,
    efisiensi_tampil,
    nilai_satuan,
    persen,
    sumber_target,
    tampil,
)
from lib.format import format_rupiah


def kalimat_capaian(h: HasilIndikator, tahun: int, batas: tuple = ()) -> str:
    """Realisasi against target, capaian and predicate of the year, in one sentence;
    ``batas`` the capaian values the predicate changes at (``formatting.batas_capaian``),
    which the printed capaian is never rounded onto."""
    if h.realisasi is None:
        return (
            f"Realisasi indikator {h.nama} tahun {tahun} belum tersedia, sehingga "
            "capaiannya belum dapat dihitung."
        )
    target = nilai_satuan(h.target, h.target_label, h.satuan)
    real = nilai_satuan(h.realisasi, h.realisasi_label, h.satuan)
    if h.target is None:
        return (
            f"Realisasi indikator {h.nama} tahun {tahun} sebesar {real}; indikator ini "
            "tidak memiliki target pada PK maupun Renstra sehingga capaiannya tidak dapat dihitung."
        )
    capaian = h.capaian if h.capaian is not None else h.capaian_skor
    kal = (
        f"Realisasi indikator {h.nama} tahun {tahun} sebesar {real} dari target {target} "
        f"({sumber_target(h.sumber_target)}), sehingga capaian kinerjanya {persen(capaian, batas)}"
    )
    if h.capaian is not None and h.capaian_skor is not None and h.capaian != h.capaian_skor:
        kal += (
            f" (untuk penilaian dihitung {persen(h.capaian_skor, batas)} sesuai batas capaian "
            "pemda)"
        )
    if h.predikat:
        kal += f" dengan predikat {h.predikat}"
    kal += "."
    if h.tercapai is True:
        kal += " Target tahun ini tercapai."
    elif h.tercapai is False:
        kal += " Target tahun ini belum tercapai."
    return kal


def kalimat_efisiensi(ef: dict, label: str, batas: tuple = ()) -> SafeString:
    """The efficiency of a tujuan/sasaran (``label``) with its category, the figure printed
    with the digits that keep it on its side of the category's boundary; said plainly
    when the capaian is missing (the efficiency cannot be judged) or nothing is computed.
    ``batas``: the capaian values a predicate changes at (``formatting.batas_capaian``)."""
    hemat = ef["metode"] == MetodeEfisiensi.HEMAT_ANGGARAN.value
    if ef["capaian"] is None:
        kal = format_html(
            "Capaian kinerja {} ini belum tersedia, sehingga efisiensi penggunaan anggaran "
            "terhadap kinerjanya <strong>belum dapat dinilai</strong>",
            label,
        )
        if hemat and ef["nilai"] is not None:
            kal = format_html(
                "{}; anggaran yang tidak terserap sebesar {}",
                kal,
                efisiensi_tampil(ef["nilai"], ef["metode"]),
            )
        return format_html("{}.", kal)
    if ef["nilai"] is None:
        return format_html(
            "Dengan capaian kinerja {}, efisiensinya <strong>belum dapat dihitung</strong> "
            "karena penyerapan anggarannya belum tersedia atau bernilai nol.",
            persen(ef["capaian"], batas),
        )
    return format_html(
        "Dengan capaian kinerja {}, efisiensinya {} dengan kategori <strong>{}</strong>.",
        persen(ef["capaian"], batas),
        efisiensi_tampil(ef["nilai"], ef["metode"]),
        ef["kategori"],
    )


def kalimat_riwayat(h: HasilIndikator, riwayat: list[TahunKinerja]) -> list[str]:
    """One sentence per pair of consecutive years with a realisasi: how it changed."""
    hasil = []
    ada = [r for r in riwayat if r.realisasi is not None]
    for lama, baru in zip(ada, ada[1:], strict=False):
        perubahan = kalimat_perubahan(
            baru=baru.realisasi, lama=lama.realisasi, tahun_lama=lama.tahun
        )
        hasil.append(
            f"Realisasi tahun {baru.tahun} sebesar "
            f"{nilai_satuan(baru.realisasi, baru.realisasi_label, h.satuan)} {perubahan} yang "
            f"sebesar {nilai_satuan(lama.realisasi, lama.realisasi_label, h.satuan)}."
        )
    if not hasil:
        hasil.append(
            f"Belum ada realisasi tahun-tahun sebelumnya untuk indikator {h.nama} yang dapat "
            "dibandingkan."
        )
    return hasil


def kalimat_kemajuan(h: HasilIndikator, tahun: int, r: t.Renstra) -> str:
    """How far the year's realisasi is towards the Renstra end target."""
    if h.target_akhir is None:
        return f"Indikator {h.nama} tidak memiliki target akhir Renstra {r.mulai}–{r.selesai}."
    akhir = nilai_satuan(h.target_akhir, h.target_akhir_label, h.satuan)
    if h.tingkat_kemajuan is None:
        return (
            f"Target akhir Renstra {r.mulai}–{r.selesai} sebesar {akhir}; tingkat kemajuan "
            f"belum dapat dihitung karena realisasi tahun {tahun} belum tersedia."
        )
    sisa = r.selesai - tahun
    kal = (
        f"Dibandingkan target akhir Renstra tahun {r.selesai} sebesar {akhir}, realisasi tahun "
        f"{tahun} mencapai tingkat kemajuan {persen(h.tingkat_kemajuan)}"
    )
    if h.tingkat_kemajuan >= 100:
        kal += ", sehingga target akhir Renstra telah terlampaui atau tercapai"
    elif sisa > 0:
        kal += f"; masih tersisa {sisa} tahun periode Renstra untuk mencapainya"
    return kal + "."


def kalimat_target_pk(berubah: int) -> str:
    """How many targets the PK perubahan changed."""
    if berubah == 0:
        return "target indikator tidak berubah"
    return f"{berubah} target indikator berubah"


def kalimat_anggaran_pk(total_murni: Decimal, total_perubahan: Decimal) -> str:
    """How the PK perubahan changed the total program budget."""
    selisih = total_perubahan - total_murni
    if selisih == 0:
        return "jumlah anggaran program tidak berubah"
    arah = "bertambah" if selisih > 0 else "berkurang"
    return (
        f"jumlah anggaran program {arah} {format_rupiah(abs(selisih))} dari "
        f"{format_rupiah(total_murni)} menjadi {format_rupiah(total_perubahan)}"
    )


def kalimat_jenis_belanja(jb: dict) -> str:
    """How the total by jenis belanja changed from DPA murni to the perubahan ("" unknown)."""
    s = jb.get("selisih_total")
    if s is None:
        return ""
    if not s:
        return "Jumlah belanja tidak berubah setelah perubahan."
    return (
        f"Setelah perubahan, jumlah belanja {'bertambah' if s > 0 else 'berkurang'} "
        f"{format_rupiah(abs(s))} dari {format_rupiah(jb['total'][0])} menjadi "
        f"{format_rupiah(jb['total'][-1])}."
    )


def kalimat_pembanding(ai: AnalisisIndikator, tahun: int, pd: str, pemda: str) -> str:
    """The sentences that introduce the comparison table, saying what is compared: the
    realisasi beside the benchmark values, and the capaian among the other perangkat
    daerah of the pemda with the same indicator (rank, median, best, lowest, and whose
    data). Without the closing full stop: the caller adds the table reference."""
    h = ai.hasil
    kal = []
    if ai.pembanding:
        kal.append(
            f"Realisasi {pd} tahun {tahun} sebesar {tampil(h.realisasi, h.realisasi_label)} "
            "dibandingkan dengan nilai pada tingkat "
            + ", ".join(
                f"{p.label.lower() if p.label == LABEL_TINGKAT_BANDING.get(p.tingkat) else p.label} "
                f"{tampil(p.nilai, p.nilai_label)}"
                for p in ai.pembanding
            )
        )
    p = ai.peringkat_pd
    if p is not None:
        ringkas = (
            f"median {persen(p.median)}, capaian terbaik {persen(p.terbaik)} dan terendah "
            f"{persen(p.terendah)}, dari {sumber_pd_lain(ai)}"
        )
        if p.urutan is not None:
            kal.append(
                f"Capaian {pd} tahun {tahun} sebesar {persen(capaian_tampil(h))} berada pada "
                f"peringkat {p.urutan} dari {p.n} perangkat daerah di {pemda} dengan indikator "
                f"yang sama; {ringkas}"
            )
        else:
            kal.append(
                f"Capaian {pd} tahun {tahun} belum dapat dihitung sehingga tidak diberi "
                f"peringkat; capaian {p.n} perangkat daerah lain di {pemda} dengan indikator "
                f"yang sama: {ringkas}"
            )
    elif ai.pd_lain:
        realisasi = (
            ""
            if kal
            else f"Realisasi {pd} tahun {tahun} sebesar {tampil(h.realisasi, h.realisasi_label)}; "
        )
        kal.append(
            f"{realisasi}{len(ai.pd_lain)} perangkat daerah lain di {pemda} dengan indikator yang "
            f"sama belum mempunyai capaian tahun {tahun} dari data yang telah ditetapkan atau "
            "triwulan yang telah disetujui"
        )
    return ". ".join(kal)


def sumber_pd_lain(ai: AnalisisIndikator) -> str:
    """Where the other perangkat daerah's capaian come from: signed years, approved
    quarters (said so), never a draft."""
    dihitung = [x for x in ai.pd_lain if x.capaian is not None]
    triwulan = sum(x.sumber == SUMBER_TRIWULAN for x in dihitung)
    if not triwulan:
        return "data LKjIP yang telah ditetapkan"
    if triwulan == len(dihitung):
        return SUMBER_TRIWULAN
    return f"data LKjIP yang telah ditetapkan; {triwulan} perangkat daerah: {SUMBER_TRIWULAN}"
