"""Budget efficiency (analysis 6, DOMAIN §8.1): four selectable methods.

Pure module: no Django imports, ``Decimal`` only. Inputs are percentages
(capaian kinerja %, penyerapan anggaran %), unrounded; every comparison is made on
the unrounded values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kinerja.engine.angka import NilaiTidakValid

__all__ = ["MetodeEfisiensi", "Efisiensi", "hitung_efisiensi", "RUMUS_EFISIENSI"]

SERATUS = Decimal(100)
TIDAK_DAPAT_DIHITUNG = "Tidak Dapat Dihitung"


class MetodeEfisiensi(StrEnum):
    SELISIH = "selisih"  # capaian − penyerapan (S2, S4)
    RASIO = "rasio"  # capaian / penyerapan (S1)
    HEMAT_ANGGARAN = "hemat-anggaran"  # 100 − penyerapan (S3, S0 Tabel 3.8)
    ATURAN_S0 = "aturan-s0"  # rule stated in S0:L790–793


RUMUS_EFISIENSI: dict[MetodeEfisiensi, str] = {
    MetodeEfisiensi.SELISIH: (
        "Efisiensi dihitung sebagai selisih antara persentase capaian kinerja dan persentase "
        "penyerapan anggaran (efisiensi = capaian kinerja − penyerapan anggaran); selisih "
        "lebih dari nol berarti sangat efisien, sama dengan nol berarti efisien, dan kurang "
        "dari nol berarti kurang efisien."
    ),
    MetodeEfisiensi.RASIO: (
        "Efisiensi dihitung sebagai perbandingan antara persentase capaian kinerja dan "
        "persentase penyerapan anggaran (efisiensi = capaian kinerja ÷ penyerapan anggaran); "
        "nilai lebih dari 1 berarti sangat efisien, sama dengan 1 berarti efisien, dan kurang "
        "dari 1 berarti kurang efisien."
    ),
    MetodeEfisiensi.HEMAT_ANGGARAN: (
        "Efisiensi dihitung sebagai persentase anggaran yang tidak terserap "
        "(efisiensi = 100% − realisasi anggaran ÷ pagu anggaran × 100%); nilai lebih dari "
        "nol berarti efisien, sama dengan nol berarti sesuai pagu, dan kurang dari nol "
        "berarti melebihi pagu."
    ),
    MetodeEfisiensi.ATURAN_S0: (
        "Efisiensi ditentukan dengan membandingkan capaian kinerja dengan penyerapan "
        "anggaran: efisien apabila capaian kinerja mencapai 100% atau lebih besar dari "
        "persentase penyerapan anggaran, dan tidak efisien apabila capaian kinerja kurang "
        "dari 100% dan persentase penyerapan anggaran lebih besar daripada capaian kinerja; "
        "angka yang ditampilkan adalah selisih capaian kinerja dan penyerapan anggaran."
    ),
}


@dataclass(frozen=True)
class Efisiensi:
    """``nilai`` unrounded (None when it cannot be computed); ``kategori`` the Indonesian
    category; ``rumus`` the full sentence stating the method, for the report."""

    metode: MetodeEfisiensi
    nilai: Decimal | None
    kategori: str
    rumus: str


def _tanda(nilai: Decimal, netral: Decimal, atas: str, sama: str, bawah: str) -> str:
    if nilai > netral:
        return atas
    if nilai == netral:
        return sama
    return bawah


def hitung_efisiensi(
    *,
    capaian: Decimal | None,
    penyerapan: Decimal | None,
    metode: MetodeEfisiensi | str,
) -> Efisiensi:
    """Efficiency of one indicator/group by ``metode``.

    * selisih: capaian − penyerapan; > 0 "Sangat Efisien", = 0 "Efisien",
      < 0 "Kurang Efisien" (S1 Tabel 3.6 words);
    * rasio: capaian / penyerapan; > 1 "Sangat Efisien", = 1 "Efisien", < 1 "Kurang Efisien";
    * hemat-anggaran: 100 − penyerapan; > 0 "Efisien", = 0 "Sesuai Pagu", < 0 "Melebihi Pagu"
      (needs only penyerapan);
    * aturan-s0: nilai = capaian − penyerapan; "Efisien" if capaian ≥ 100 or
      capaian > penyerapan; "Tidak Efisien" if capaian < 100 and penyerapan > capaian;
      otherwise (capaian < 100 and equal to penyerapan) "Tidak Dapat Ditentukan".

    A missing input (or penyerapan 0 for rasio) → nilai None, kategori "Tidak Dapat Dihitung".
    """
    try:
        m = MetodeEfisiensi(metode)
    except ValueError:
        pilihan = ", ".join(f'"{x.value}"' for x in MetodeEfisiensi)
        raise NilaiTidakValid(
            f'metode efisiensi "{metode}" tidak dikenal; pilihan: {pilihan}'
        ) from None
    rumus = RUMUS_EFISIENSI[m]

    def tidak_dapat() -> Efisiensi:
        return Efisiensi(m, None, TIDAK_DAPAT_DIHITUNG, rumus)

    if m is MetodeEfisiensi.HEMAT_ANGGARAN:
        if penyerapan is None:
            return tidak_dapat()
        nilai = SERATUS - penyerapan
        return Efisiensi(
            m, nilai, _tanda(nilai, Decimal(0), "Efisien", "Sesuai Pagu", "Melebihi Pagu"), rumus
        )

    if capaian is None or penyerapan is None:
        return tidak_dapat()

    if m is MetodeEfisiensi.SELISIH:
        nilai = capaian - penyerapan
        kategori = _tanda(nilai, Decimal(0), "Sangat Efisien", "Efisien", "Kurang Efisien")
        return Efisiensi(m, nilai, kategori, rumus)

    if m is MetodeEfisiensi.RASIO:
        if penyerapan == 0:
            return tidak_dapat()
        nilai = capaian / penyerapan
        kategori = _tanda(nilai, Decimal(1), "Sangat Efisien", "Efisien", "Kurang Efisien")
        return Efisiensi(m, nilai, kategori, rumus)

    nilai = capaian - penyerapan
    if capaian >= SERATUS or capaian > penyerapan:
        kategori = "Efisien"
    elif penyerapan > capaian:
        kategori = "Tidak Efisien"
    else:
        kategori = "Tidak Dapat Ditentukan"
    return Efisiensi(m, nilai, kategori, rumus)
