"""SKM/IKM (PermenPAN-RB 14/2017), Jombang's IKPP and the IPP grade (DOMAIN §6, §7).

Pure module: no Django imports, ``Decimal`` only. The unsur weight is exactly 1/9
(computed as Σ/9), never 0,111.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kinerja.engine.angka import NilaiTidakValid, bulatkan
from kinerja.engine.predikat import PRESET, Band, klasifikasi
from lib.format import format_angka_alami

__all__ = [
    "UNSUR_SKM",
    "HasilIkm",
    "ikm_dari_unsur",
    "ikm_bobot_0111",
    "ikpp",
    "grade_ipp",
    "ipp_dari_skala_100",
]

UNSUR_SKM: tuple[tuple[str, str], ...] = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, Mekanisme, dan Prosedur"),
    ("U3", "Waktu Penyelesaian"),
    ("U4", "Biaya/Tarif"),
    ("U5", "Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "Kompetensi Pelaksana"),
    ("U7", "Perilaku Pelaksana"),
    ("U8", "Sarana dan Prasarana"),
    ("U9", "Penanganan Pengaduan, Saran dan Masukan"),
)

_NAMA_UNSUR = dict(UNSUR_SKM)
NILAI_DASAR = Decimal(25)
BOBOT_0111 = Decimal("0.111")


@dataclass(frozen=True)
class HasilIkm:
    """``ni``: Nilai Interval (1–4, unrounded); ``nik``: Nilai Interval Konversi = NI × 25
    (unrounded); ``mutu``: A/B/C/D; ``kinerja``: "Sangat Baik" … "Tidak Baik"."""

    ni: Decimal
    nik: Decimal
    mutu: str
    kinerja: str


def _periksa_nrr(nrr: Mapping[str, Decimal]) -> list[Decimal]:
    kunci = set(nrr)
    wajib = set(_NAMA_UNSUR)
    if kunci != wajib:
        kurang = sorted(wajib - kunci, key=lambda k: int(k[1:]))
        lebih = sorted(str(k) for k in kunci - wajib)
        bagian: list[str] = []
        if kurang:
            bagian.append(
                "unsur belum diisi: " + ", ".join(f"{k} ({_NAMA_UNSUR[k]})" for k in kurang)
            )
        if lebih:
            bagian.append("unsur tidak dikenal: " + ", ".join(lebih))
        raise NilaiTidakValid("SKM harus memuat tepat 9 unsur U1–U9; " + "; ".join(bagian))
    nilai: list[Decimal] = []
    for kode, nama in UNSUR_SKM:
        v = nrr[kode]
        if isinstance(v, bool) or not isinstance(v, Decimal | int):
            raise NilaiTidakValid(f"NRR unsur {kode} ({nama}) harus berupa angka Decimal")
        v = Decimal(v)
        if not v.is_finite() or not Decimal(1) <= v <= Decimal(4):
            raise NilaiTidakValid(
                f"NRR unsur {kode} ({nama}) harus antara 1 dan 4, tertulis "
                f"{format_angka_alami(v) if v.is_finite() else v}"
            )
        nilai.append(v)
    return nilai


def ikm_dari_unsur(nrr: Mapping[str, Decimal]) -> HasilIkm:
    """IKM from the nine NRR per unsur (keys U1..U9, each 1–4).

    NI = ΣNRR/9 (exact weight 1/9); NIK = ΣNRR × 25/9; mutu from the "ikm-14-2017"
    preset on NIK rounded half-up to 2 decimals. S0: ΣNRR 31,55 → NI 3,5056 →
    NIK 87,64 → B "Baik".
    """
    jumlah = sum(_periksa_nrr(nrr), Decimal(0))
    ni = jumlah / 9
    nik = jumlah * NILAI_DASAR / 9
    band = klasifikasi(PRESET["ikm-14-2017"], bulatkan(nik, 2))
    assert band is not None and band.keterangan is not None  # the preset is continuous
    return HasilIkm(ni=ni, nik=nik, mutu=band.label, kinerja=band.keterangan)


def ikm_bobot_0111(nrr: Mapping[str, Decimal]) -> Decimal:
    """The (wrong) NIK with weight 0,111 per unsur — only to show the difference:
    S0 gives 87,55 instead of 87,64. Do not use for reporting."""
    return sum((v * BOBOT_0111 for v in _periksa_nrr(nrr)), Decimal(0)) * NILAI_DASAR


def ikpp(*, ikm_ni: Decimal, ipp: Decimal) -> Decimal:
    """Indeks Kualitas Pelayanan Publik (Kab. Jombang): 1,25 × IKM(NI) + IPP (max 10).

    ``ikm_ni`` must be on the NI scale (1–4) and ``ipp`` on 0–5; an IKM on the NIK
    scale (25–100) is rejected.
    """
    if not Decimal(1) <= ikm_ni <= Decimal(4):
        raise NilaiTidakValid(
            f"IKM untuk IKPP harus pada skala Nilai Interval (1–4), tertulis "
            f"{format_angka_alami(ikm_ni)}; nilai skala 25–100 (NIK) harus dibagi 25"
        )
    if not Decimal(0) <= ipp <= Decimal(5):
        raise NilaiTidakValid(
            f"IPP untuk IKPP harus pada skala 0–5, tertulis {format_angka_alami(ipp)}"
        )
    return Decimal("1.25") * ikm_ni + ipp


def grade_ipp(nilai_0_5: Decimal) -> Band:
    """IPP grade (A … F) from the "ipp" preset; the value must be on the 0–5 scale."""
    if not Decimal(0) <= nilai_0_5 <= Decimal(5):
        raise NilaiTidakValid(
            f"IPP harus pada skala 0–5, tertulis {format_angka_alami(nilai_0_5)}; "
            "nilai skala 0–100 harus dibagi 20"
        )
    band = klasifikasi(PRESET["ipp"], nilai_0_5)
    assert band is not None  # the preset is continuous
    return band


def ipp_dari_skala_100(x: Decimal) -> Decimal:
    """IPP on 0–100 (as S4 writes it, "63,25 (B-)") → 0–5: x/20."""
    return x / 20
