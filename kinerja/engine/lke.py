"""The LKE AKIP (PermenPANRB 88/2021, DOMAIN §2): the score of an evaluation from its
answers and the weights of its worksheet, and the score's predicate.

Pure module: no Django, ``Decimal`` only. A worksheet (:class:`Lembar`) has four
components whose weights add up to 100; each component's sub-components carry weights
that add up to the component's; each sub-component's criteria share its weight in
proportion to their own (relative) weights; an answer is a code of the criterion's scale
("Y"/"T", "A"…"E") whose value lies between 0 and 1.

The score of a sub-component is ``bobot × Σ(bobot kriteria × nilai jawaban) / Σ bobot
kriteria``, rounded half-up to two decimals (as the LKE worksheet shows it); a component
is the sum of its sub-components, the evaluation the sum of its components (DOMAIN §2.1:
24,50 + 18,14 + 11,96 + 19,25 = 73,85). A criterion without an answer counts 0 and
leaves the result incomplete. The score is never typed: it is always computed here.

The predicate follows the bands of 88/2021 (``kinerja.engine.predikat.PRESET
["akip-88-2021"]``), lower-exclusive and upper-inclusive, on the score rounded to two
decimals: 90,00 is A, 90,01 is AA.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kinerja.engine.angka import NilaiTidakValid, bulatkan
from kinerja.engine.predikat import PRESET, Band, klasifikasi
from lib.format import format_angka_alami

__all__ = [
    "Kriteria",
    "SubKomponen",
    "Komponen",
    "Lembar",
    "HasilSub",
    "HasilKomponen",
    "HasilLke",
    "periksa_lembar",
    "nilai_jawaban",
    "hitung_lke",
    "predikat_lke",
    "BOBOT_TOTAL",
]

BOBOT_TOTAL = Decimal(100)
SKALA_PREDIKAT = PRESET["akip-88-2021"]

PESAN_TOTAL = "Jumlah bobot komponen {jumlah}, seharusnya 100."
PESAN_SUB = "Jumlah bobot subkomponen {kode} {jumlah}, seharusnya {bobot} (bobot komponennya)."
PESAN_SUB_KOSONG = "Subkomponen {kode} belum memiliki kriteria."
PESAN_KOMPONEN_KOSONG = "Komponen {kode} belum memiliki subkomponen."
PESAN_SKALA_ASING = "Kriteria {kode} memakai skala jawaban {skala} yang tidak dikenal."
PESAN_BOBOT_KRITERIA = "Bobot kriteria {kode} harus lebih dari 0."
PESAN_NILAI_SKALA = "Nilai jawaban {jawaban} pada skala {skala} harus antara 0 dan 1."
PESAN_JAWABAN_ASING = 'Jawaban "{jawaban}" tidak ada pada skala {skala} ({pilihan}).'


@dataclass(frozen=True)
class Kriteria:
    kode: str
    skala: str
    bobot: Decimal = Decimal(1)


@dataclass(frozen=True)
class SubKomponen:
    kode: str
    bobot: Decimal
    kriteria: tuple[Kriteria, ...]


@dataclass(frozen=True)
class Komponen:
    kode: str
    bobot: Decimal
    sub: tuple[SubKomponen, ...]


@dataclass(frozen=True)
class Lembar:
    """A worksheet: its components and its answer scales (scale code -> answer -> value)."""

    komponen: tuple[Komponen, ...]
    skala: Mapping[str, Mapping[str, Decimal]]


@dataclass(frozen=True)
class HasilSub:
    kode: str
    bobot: Decimal
    nilai: Decimal
    terjawab: int
    jumlah: int


@dataclass(frozen=True)
class HasilKomponen:
    kode: str
    bobot: Decimal
    nilai: Decimal
    sub: tuple[HasilSub, ...]

    @property
    def persen(self) -> Decimal:
        """The score as a percentage of the weight ("% Capaian (Bobot)", DOMAIN §2.1)."""
        return bulatkan(self.nilai / self.bobot * 100, 2) if self.bobot else Decimal(0)


@dataclass(frozen=True)
class HasilLke:
    nilai: Decimal
    komponen: tuple[HasilKomponen, ...]
    terjawab: int
    jumlah: int

    @property
    def lengkap(self) -> bool:
        return self.terjawab == self.jumlah

    @property
    def predikat(self) -> Band:
        return predikat_lke(self.nilai)


def _angka(d: Decimal) -> str:
    return format_angka_alami(d)


def _periksa_skala(skala: Mapping[str, Mapping[str, Decimal]]) -> list[str]:
    masalah = []
    for kode, pilihan in skala.items():
        for jawaban, nilai in pilihan.items():
            if not (0 <= Decimal(nilai) <= 1):
                masalah.append(PESAN_NILAI_SKALA.format(jawaban=jawaban, skala=kode))
    return masalah


def _periksa_sub(sub: SubKomponen, skala: Mapping) -> list[str]:
    if not sub.kriteria:
        return [PESAN_SUB_KOSONG.format(kode=sub.kode)]
    masalah = []
    for k in sub.kriteria:
        if k.skala not in skala:
            masalah.append(PESAN_SKALA_ASING.format(kode=k.kode, skala=k.skala))
        if k.bobot <= 0:
            masalah.append(PESAN_BOBOT_KRITERIA.format(kode=k.kode))
    return masalah


def periksa_lembar(lembar: Lembar) -> list[str]:
    """What is wrong with a worksheet (empty when it can be used): weights that do not
    add up, empty parts, unknown scales, answer values outside 0..1."""
    masalah = _periksa_skala(lembar.skala)
    total = sum((k.bobot for k in lembar.komponen), Decimal(0))
    if total != BOBOT_TOTAL:
        masalah.append(PESAN_TOTAL.format(jumlah=_angka(total)))
    for komp in lembar.komponen:
        if not komp.sub:
            masalah.append(PESAN_KOMPONEN_KOSONG.format(kode=komp.kode))
            continue
        jumlah = sum((s.bobot for s in komp.sub), Decimal(0))
        if jumlah != komp.bobot:
            masalah.append(
                PESAN_SUB.format(kode=komp.kode, jumlah=_angka(jumlah), bobot=_angka(komp.bobot))
            )
        for sub in komp.sub:
            masalah += _periksa_sub(sub, lembar.skala)
    return masalah


def nilai_jawaban(skala: Mapping[str, Decimal], jawaban: str, nama_skala: str = "") -> Decimal:
    """The value of an answer on a scale; ``NilaiTidakValid`` for an answer not on it."""
    if jawaban not in skala:
        raise NilaiTidakValid(
            PESAN_JAWABAN_ASING.format(jawaban=jawaban, skala=nama_skala, pilihan="/".join(skala))
        )
    return Decimal(skala[jawaban])


def _hitung_sub(sub: SubKomponen, lembar: Lembar, jawaban: Mapping[str, str]) -> HasilSub:
    pembilang = Decimal(0)
    penyebut = Decimal(0)
    terjawab = 0
    for k in sub.kriteria:
        penyebut += k.bobot
        j = jawaban.get(k.kode)
        if j is None or j == "":
            continue
        terjawab += 1
        pembilang += k.bobot * nilai_jawaban(lembar.skala[k.skala], j, k.skala)
    nilai = bulatkan(sub.bobot * pembilang / penyebut, 2) if penyebut else Decimal("0.00")
    return HasilSub(sub.kode, sub.bobot, nilai, terjawab, len(sub.kriteria))


def hitung_lke(lembar: Lembar, jawaban: Mapping[str, str]) -> HasilLke:
    """The score of the answers ``jawaban`` (criterion code -> answer code) on ``lembar``."""
    hasil = []
    for komp in lembar.komponen:
        sub = tuple(_hitung_sub(s, lembar, jawaban) for s in komp.sub)
        nilai = sum((s.nilai for s in sub), Decimal("0.00"))
        hasil.append(HasilKomponen(komp.kode, komp.bobot, nilai, sub))
    return HasilLke(
        nilai=sum((k.nilai for k in hasil), Decimal("0.00")),
        komponen=tuple(hasil),
        terjawab=sum(s.terjawab for k in hasil for s in k.sub),
        jumlah=sum(s.jumlah for k in hasil for s in k.sub),
    )


def predikat_lke(nilai: Decimal) -> Band:
    """AA/A/BB/B/CC/C/D of a score (rounded half-up to two decimals first)."""
    band = klasifikasi(SKALA_PREDIKAT, bulatkan(Decimal(nilai), 2))
    if band is None:  # below 0 is not a score; the scale's lowest band is open below
        raise NilaiTidakValid(f"Nilai {nilai} tidak dapat diberi predikat")
    return band
