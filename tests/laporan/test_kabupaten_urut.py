"""The kabupaten dashboard's order, filter, indicator matching and ranking
(laporan/kabupaten.py) on rows built in memory: no database."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kinerja.models import PerangkatDaerah
from laporan import kabupaten as k
from laporan.ringkasan_pemda import AngkaPD, NilaiIndikator, RingkasanPD


def _ind(nama: str, capaian: Decimal | None, kode: str = "I-1") -> NilaiIndikator:
    return NilaiIndikator(
        kode, nama, "%", True, Decimal(80), None, None, None, capaian, capaian, None, None
    )


def _baris(n: int, rata: Decimal | None, indikator=(), status: str = "") -> RingkasanPD:
    pd = PerangkatDaerah(pk=n, kode=f"33.16.{n:02d}", nama=f"Kecamatan {n}")
    angka = AngkaPD(
        len(indikator), len(indikator), rata, None, None, None, None, None, None, None,
        list(indikator),
    )  # fmt: skip
    return RingkasanPD(pd=pd, status=status or "Belum dibuka", kode_status=status, angka=angka)


nilai = st.one_of(st.none(), st.decimals(min_value=0, max_value=200, places=2))


@given(st.lists(nilai, max_size=12), st.booleans())
def test_sorting_keeps_every_row_orders_the_values_and_puts_missing_ones_last(daftar, turun):
    rows = [_baris(n + 1, v) for n, v in enumerate(daftar)]
    hasil = k.urutkan(rows, "-capaian" if turun else "capaian")
    assert sorted(r.pd.kode for r in hasil) == sorted(r.pd.kode for r in rows)
    ada = [r.rata_rata_iku for r in hasil if r.rata_rata_iku is not None]
    assert ada == sorted(ada, reverse=turun)
    n = len(ada)
    assert all(r.rata_rata_iku is None for r in hasil[n:])


def test_equal_values_stay_in_code_order_either_way():
    rows = [_baris(3, Decimal(90)), _baris(1, Decimal(90)), _baris(2, Decimal(95))]
    assert [r.pd.pk for r in k.urutkan(rows, "-capaian")] == [2, 1, 3]
    assert [r.pd.pk for r in k.urutkan(rows, "capaian")] == [1, 3, 2]


def test_filter_by_status_and_text():
    rows = [_baris(1, None), _baris(2, None, status="draf"), _baris(3, None, status="ditetapkan")]
    assert [r.pd.pk for r in k.saring(rows, k.BELUM)] == [1]
    assert [r.pd.pk for r in k.saring(rows, "draf")] == [2]
    assert [r.pd.pk for r in k.saring(rows, "", "  KECAMATAN   3 ")] == [3]
    assert [r.pd.pk for r in k.saring(rows, "", "33.16.0")] == [1, 2, 3]


def test_indicators_are_matched_by_name_and_ranked_by_capaian():
    assert k.kunci_indikator(" Persentase  Layanan SOP. ") == "persentase layanan sop"
    a = _baris(1, None, [_ind("Persentase layanan SOP", Decimal(95), "A-1")])
    b = _baris(2, None, [_ind("persentase  layanan sop.", Decimal(99), "B-7")])
    c = _baris(3, None, [_ind("Persentase layanan SOP", Decimal(95)), _ind("Lain", Decimal(1))])
    d = _baris(4, None, [_ind("Persentase layanan SOP", None)])
    bersama = k.indikator_bersama([a, b, c, d])
    assert [(g.kunci, g.jumlah_pd) for g in bersama] == [("persentase layanan sop", 4)]
    lalu = [_baris(2, None, [_ind("Persentase Layanan SOP", Decimal(90))])]
    baris = k.peringkat(bersama[0], lalu)
    # 99 first; the two 95 share rank 2; no capaian, no rank.
    assert [(rank, r.pd.pk) for rank, r, _, _ in baris] == [(1, 2), (2, 1), (2, 3), (None, 4)]
    assert baris[0][3].capaian == Decimal(90) and baris[1][3] is None
    tabel = k.tabel_peringkat(bersama[0], baris, 2024)
    assert tabel.rows[0].values[-1] == Decimal(9)  # 99 − 90 points
    svg = k.grafik_peringkat(bersama[0], baris, 2024)
    assert svg.count('class="batang"') == 3
