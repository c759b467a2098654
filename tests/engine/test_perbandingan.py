from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.angka import bulatkan
from kinerja.engine.capaian import Polaritas, RumusNegatif
from kinerja.engine.penilaian import tingkat_kemajuan
from kinerja.engine.perbandingan import (
    kalimat_perubahan,
    perubahan_absolut,
    perubahan_relatif,
    rata_rata,
)

D = Decimal


def test_perubahan_relatif_seeds() -> None:
    assert bulatkan(perubahan_relatif(D("88.21"), D("86.12")), 4) == D("2.4268")  # type: ignore[arg-type]
    assert bulatkan(perubahan_relatif(D("88"), D("88.21"))) == D("-0.24")  # type: ignore[arg-type]
    assert bulatkan(perubahan_relatif(D("75.35"), D("70.30"))) == D("7.18")  # type: ignore[arg-type]
    assert bulatkan(perubahan_relatif(D("70.30"), D("60.20"))) == D("16.78")  # type: ignore[arg-type]


def test_perubahan_relatif_edge() -> None:
    assert perubahan_relatif(D(5), D(0)) is None
    assert perubahan_relatif(None, D(5)) is None
    assert perubahan_relatif(D(5), None) is None
    assert perubahan_relatif(D(-1), D(-2)) == D(50)  # improvement from a negative value


def test_perubahan_absolut() -> None:
    assert perubahan_absolut(D("73.87"), D("73.25")) == D("0.62")
    assert perubahan_absolut(D("102"), D("93.48")) == D("8.52")
    assert perubahan_absolut(D("86.07"), D("77.5")) == D("8.57")


def test_rata_rata_unrounded() -> None:
    a = D(75122) / D(75000) * 100  # 100,1627
    b = D("7.91") / D("8.4") * 100  # 94,1667
    assert bulatkan(a, 4) == D("100.1627") and bulatkan(b, 4) == D("94.1667")
    assert bulatkan(rata_rata([a, b])) == D("97.16")  # type: ignore[arg-type]
    assert bulatkan(rata_rata([bulatkan(a), bulatkan(b)])) == D("97.17")  # type: ignore[arg-type]


def test_rata_rata_ignores_none() -> None:
    assert rata_rata([D(1), None, D(3)]) == D(2)
    assert rata_rata([None, None]) is None
    assert rata_rata([]) is None
    assert rata_rata(iter([D("105.7"), D("119.6")])) == D("112.65")


def test_tingkat_kemajuan() -> None:
    # S0: 88 vs akhir Renstra 86,50
    t = tingkat_kemajuan(realisasi=D(88), target_akhir=D("86.50"), polaritas=Polaritas.POSITIF)
    assert bulatkan(t) == D("101.73")  # type: ignore[arg-type]
    # S0:L598: 100,63 vs 98 → 102,68 (uncapped)
    t = tingkat_kemajuan(realisasi=D("100.63"), target_akhir=D(98), polaritas="positif")
    assert bulatkan(t) == D("102.68")  # type: ignore[arg-type]
    # S2: 79,21 / 80
    t = tingkat_kemajuan(realisasi=D("79.21"), target_akhir=D(80), polaritas=Polaritas.POSITIF)
    assert bulatkan(t) == D("99.01")  # type: ignore[arg-type]


def test_tingkat_kemajuan_negative_and_undefined() -> None:
    kw = {"polaritas": Polaritas.NEGATIF}
    assert tingkat_kemajuan(realisasi=D(8), target_akhir=D(10), **kw) == D(120)  # type: ignore[arg-type]
    assert tingkat_kemajuan(
        realisasi=D(8),
        target_akhir=D(10),
        rumus_negatif=RumusNegatif.T_BAGI_R,
        **kw,  # type: ignore[arg-type]
    ) == D(125)
    assert (
        tingkat_kemajuan(realisasi=D(0), target_akhir=D(10), rumus_negatif="t/r", **kw)  # type: ignore[arg-type]
        is None
    )
    assert tingkat_kemajuan(realisasi=D(5), target_akhir=D(0), polaritas="positif") is None
    assert tingkat_kemajuan(realisasi=None, target_akhir=D(10), polaritas="positif") is None


def test_kalimat_perubahan() -> None:
    assert (
        kalimat_perubahan(baru=D("88.21"), lama=D("86.12"), tahun_lama=2023)
        == "meningkat sebesar 2,43% dibandingkan tahun 2023"
    )
    assert (
        kalimat_perubahan(baru=D("88"), lama=D("88.21"), tahun_lama=2023)
        == "menurun sebesar 0,24% dibandingkan tahun 2023"
    )
    assert (
        kalimat_perubahan(baru=D("75.35"), lama=D("70.30"), tahun_lama=2023)
        == "meningkat sebesar 7,18% dibandingkan tahun 2023"
    )
    assert (
        kalimat_perubahan(baru=D("88.21"), lama=D("88.21"), tahun_lama=2023)
        == "tidak berubah dibandingkan tahun 2023"
    )
    # a change that rounds to zero
    assert (
        kalimat_perubahan(baru=D("100.001"), lama=D("100"), tahun_lama=2023)
        == "tidak berubah dibandingkan tahun 2023"
    )


def test_kalimat_perubahan_absolut() -> None:
    assert (
        kalimat_perubahan(baru=D("73.87"), lama=D("73.25"), tahun_lama=2023, relatif=False)
        == "meningkat sebesar 0,62 dibandingkan tahun 2023"
    )
    assert (
        kalimat_perubahan(baru=D("7.91"), lama=D("8.3"), tahun_lama=2023, relatif=False, desimal=1)
        == "menurun sebesar 0,4 dibandingkan tahun 2023"
    )


def test_kalimat_perubahan_from_zero() -> None:
    teks = kalimat_perubahan(baru=D(5), lama=D(0), tahun_lama=2023)
    assert teks.startswith("meningkat sebesar 5,00 dibandingkan tahun 2023")
    assert "tidak dapat dihitung" in teks
    assert (
        kalimat_perubahan(baru=D(0), lama=D(0), tahun_lama=2023)
        == "tidak berubah dibandingkan tahun 2023"
    )


nilai_st = st.decimals(
    min_value=D("0.01"), max_value=D(10**6), places=2, allow_nan=False, allow_infinity=False
)


@given(baru=nilai_st, lama=nilai_st)
def test_sign_of_change_matches_direction(baru: Decimal, lama: Decimal) -> None:
    rel = perubahan_relatif(baru, lama)
    assert rel is not None
    assert (rel > 0) == (baru > lama)
    assert (rel == 0) == (baru == lama)
    teks = kalimat_perubahan(baru=baru, lama=lama, tahun_lama=2023)
    if bulatkan(rel) > 0:
        assert teks.startswith("meningkat")
    elif bulatkan(rel) < 0:
        assert teks.startswith("menurun")
    else:
        assert teks.startswith("tidak berubah")
