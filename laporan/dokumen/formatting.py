"""Numbers, labels and rules as the document prints them (Indonesian style, from the
unrounded values of ``kinerja.engine.hitung``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from kinerja.engine.angka import jumlah_desimal
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.hitung import HasilIndikator
from kinerja.engine.predikat import Band
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.paket.types import kode_disusun_aplikasi
from lib.format import (
    BATAS_PERSEN,
    format_angka,
    format_angka_alami,
    format_angka_putusan,
    format_persen_putusan,
    format_rupiah,
    terbilang,
)


def kode_cetak(kode: str) -> str:
    """A program/kegiatan/sub kegiatan code as printed: blank for a code the application
    made up for a node an earlier report gave without one (no fake code on paper)."""
    return "" if kode_disusun_aplikasi(kode) else kode


def tampil(x: Decimal | None, label: str | None = None) -> str:
    """A target or realisasi as printed: its label, or the number with the decimals it needs
    (at most two)."""
    if label:
        return label
    if x is None:
        return "-"
    x = Decimal(x)
    if jumlah_desimal(x.normalize()) > 2:
        return format_angka(x, 2)
    return format_angka_alami(x)


def persen(x: Decimal | None, batas: tuple = ()) -> str:
    """A percentage as printed beside a verdict: never rounded onto 0, 100 or one of
    ``batas`` (:func:`lib.format.format_persen_putusan`): "99,997%", not "100,00%"."""
    return format_persen_putusan(x, (*BATAS_PERSEN, *batas)) if x is not None else "-"


def batas_capaian(aturan) -> tuple[Decimal, ...]:
    """The capaian values a verdict changes at under the pemda's rules: the ends of every
    predicate band, the threshold of "tercapai" and the caps of the score."""
    batas = {aturan.ambang_tercapai}
    for band in aturan.skala.band:
        batas |= {x for x in (band.bawah, band.atas) if x is not None}
    batas |= {x for x in (aturan.batas_atas_capaian, aturan.batas_bawah_capaian) if x is not None}
    return tuple(sorted(Decimal(x) for x in batas))


def batas_efisiensi(metode: str) -> tuple[Decimal, ...]:
    """The value an efficiency category changes at: 1 for a ratio, else 0."""
    return (Decimal(1),) if metode == MetodeEfisiensi.RASIO.value else (Decimal(0),)


def efisiensi_tampil(nilai: Decimal | None, metode: str) -> str:
    """An efficiency as printed beside its category: a ratio "1,02", else a percentage
    "2,72%"; never rounded onto the value its category changes at ("0,003%", not "0,00%")."""
    if nilai is None:
        return "-"
    rasio = metode == MetodeEfisiensi.RASIO.value
    return format_angka_putusan(nilai, batas_efisiensi(metode), akhiran="" if rasio else "%")


def uang(x: Decimal | None) -> str:
    return format_angka(x, 0) if x is not None else "-"


def rupiah(x: Decimal | None) -> str:
    return format_rupiah(x) if x is not None else "-"


def nilai_satuan(x: Decimal | None, label: str | None, satuan: str) -> str:
    teks = tampil(x, label)
    if label or x is None:
        return teks
    s = satuan.strip()
    if s in ("%", "persen", "persentase"):
        return f"{teks}%"
    if s.lower() in ("indeks", "nilai", "skor", ""):
        return teks
    return f"{teks} {s}"


LABEL_TIPE = {
    TipePenghitungan.JUMLAH.value: "jumlah empat triwulan",
    TipePenghitungan.KUMULATIF.value: "kumulatif (nilai s.d. triwulan terakhir)",
    TipePenghitungan.RASIO.value: "rasio (Σ pembilang ÷ Σ penyebut × 100)",
    TipePenghitungan.RATA_RATA.value: "rata-rata triwulan",
    TipePenghitungan.NILAI_AKHIR.value: "nilai akhir tahun",
}


LABEL_TINGKAT_BANDING = {
    "kabupaten": "Kabupaten/Kota",
    "provinsi": "Provinsi",
    "nasional": "Nasional",
    "lainnya": "Lainnya",
}


NAMA_TRIWULAN = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")


def sumber_target(sumber: str | None) -> str:
    if not sumber:
        return "-"
    if sumber == "renstra":
        return "Renstra"
    if sumber.startswith("pk-"):
        versi = sumber[3:]
        return f"PK {label_versi(versi)}"
    return sumber


def label_versi(versi: str) -> str:
    if versi == "murni":
        return "murni"
    if versi == "perubahan":
        return "perubahan"
    if versi.startswith("perubahan-"):
        return f"perubahan ke-{versi.split('-', 1)[1]}"
    return versi


def label_versi_dpa(versi: str) -> str:
    return "Sebelum Perubahan" if versi == "murni" else f"Setelah {label_versi(versi).capitalize()}"


def dasar_perhitungan(i: HasilIndikator) -> str:
    """The rule that produced a capaian, so that an evaluator can recompute it."""
    bagian = []
    if i.rumus:
        bagian.append(i.rumus)
    bagian.append(f"polaritas {i.polaritas}")
    bagian.append(LABEL_TIPE.get(i.tipe_penghitungan, i.tipe_penghitungan))
    bagian.append(f"target {sumber_target(i.sumber_target)}")
    teks = "; ".join(bagian)
    if i.catatan:
        teks = f"{teks} ({i.catatan})"
    return teks


def rentang(b: Band) -> str:
    """ "> 100", "≥ 85 s.d. ≤ 100", "< 50"."""
    bawah = (
        None
        if b.bawah is None
        else f"{'≥' if b.bawah_inklusif else '>'} {format_angka_alami(b.bawah)}"
    )
    atas = (
        None
        if b.atas is None
        else f"{'≤' if b.atas_inklusif else '<'} {format_angka_alami(b.atas)}"
    )
    if bawah and atas:
        return f"{bawah} s.d. {atas}"
    return bawah or atas or "semua nilai"


def sumber_skala(sumber: str) -> str:
    """The source of a preset scale without the developers' cross-references ("DOMAIN §4.2, …")."""
    teks = re.sub(r";?\s*DOMAIN §[^;)]*", "", sumber)
    teks = re.sub(r"\(\s*\)", "", teks)
    return re.sub(r"\s+", " ", teks).strip().rstrip(";")


def judul_kapital(teks: str) -> str:
    return teks.upper()


def terbilang_rupiah(x: Decimal | None) -> str:
    if x is None or x != x.to_integral_value() or x < 0:
        return "-"
    teks = terbilang(int(x))
    return f"{teks[:1].upper()}{teks[1:]} rupiah"


def capaian_tampil(h: HasilIndikator) -> Decimal | None:
    """The capaian a table prints: the raw ratio, or the score when there is no ratio."""
    return h.capaian if h.capaian is not None else h.capaian_skor
