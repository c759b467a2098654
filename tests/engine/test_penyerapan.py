from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.angka import NilaiTidakValid, bulatkan
from kinerja.engine.penyerapan import (
    HasilSimpul,
    SelisihJumlah,
    Simpul,
    gulung,
    jumlah,
    penyerapan,
    pohon_dari_kode,
    realisasi_melebihi_pagu,
)

D = Decimal


def test_penyerapan_seeds() -> None:
    assert bulatkan(penyerapan(D(3312000900), D(3212997594))) == D("97.01")  # type: ignore[arg-type]
    assert bulatkan(penyerapan(D(6778100000), D(6665285195)), 4) == D("98.3356")  # type: ignore[arg-type]
    assert bulatkan(penyerapan(D(6778100000), D(6665285195))) == D("98.34")  # type: ignore[arg-type]
    assert bulatkan(penyerapan(D(63560000), D(59655000))) == D("93.86")  # type: ignore[arg-type]
    assert bulatkan(penyerapan(D(3466099100), D(3452287601))) == D("99.60")  # type: ignore[arg-type]
    assert bulatkan(penyerapan(D(2130000000), D(2012796488)), 3) == D("94.497")  # type: ignore[arg-type]


def test_penyerapan_undefined() -> None:
    assert penyerapan(D(0), D(5)) is None
    assert penyerapan(None, D(5)) is None
    assert penyerapan(D(5), None) is None


def test_jumlah() -> None:
    assert jumlah([D(1), None, D(2)]) == D(3)
    assert jumlah([None, None]) is None
    assert jumlah([]) is None


def _program_7_01_03() -> Simpul:
    """S0 Tabel 3.7, program 7.01.03 as printed (S0:L768–774)."""
    return Simpul(
        "7.01.03",
        "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN",
        "program",
        D(3280809100),
        D(3271477601),
        [
            Simpul(
                "7.01.03.2.01",
                "Koordinasi Kegiatan Pemberdayaan Desa",
                "kegiatan",
                D(66110000),
                D(64810000),
                [
                    Simpul(
                        "7.01.03.2.01.02", "Sinkronisasi", "sub kegiatan", D(21360000), D(21360000)
                    ),
                    Simpul(
                        "7.01.03.2.01.03", "Peningkatan", "sub kegiatan", D(44750000), D(43450000)
                    ),
                ],
            ),
            Simpul(
                "7.01.03.2.02",
                "Kegiatan Pemberdayaan Kelurahan",
                "kegiatan",
                D(3214699100),
                D(2315911670),
                [
                    Simpul(
                        "7.01.03.2.02.02",
                        "Pembangunan",
                        "sub kegiatan",
                        D(2748000000),
                        D(2744366601),
                    ),
                    Simpul(
                        "7.01.03.2.02.03",
                        "Pemberdayaan",
                        "sub kegiatan",
                        D(466699100),
                        D(462301000),
                    ),
                ],
            ),
        ],
    )


def test_s0_kegiatan_2_02_mismatch() -> None:
    hasil, selisih = gulung([_program_7_01_03()])
    assert [h.kode for h in hasil] == [
        "7.01.03",
        "7.01.03.2.01",
        "7.01.03.2.01.02",
        "7.01.03.2.01.03",
        "7.01.03.2.02",
        "7.01.03.2.02.02",
        "7.01.03.2.02.03",
    ]
    assert [h.kedalaman for h in hasil] == [0, 1, 2, 2, 1, 2, 2]
    assert selisih == [
        SelisihJumlah("7.01.03", "realisasi", D(3271477601), D(64810000) + D(2315911670)),
        SelisihJumlah("7.01.03.2.02", "realisasi", D(2315911670), D(3206667601)),
    ]
    kegiatan = hasil[4]
    assert kegiatan.realisasi == D(2315911670)  # stated amount wins
    assert kegiatan.realisasi_anak == D(3206667601)
    assert kegiatan.pagu == kegiatan.pagu_anak == D(3214699100)
    assert bulatkan(kegiatan.penyerapan) == D("72.04")  # type: ignore[arg-type]
    assert bulatkan(penyerapan(kegiatan.pagu, kegiatan.realisasi_anak)) == D("99.75")  # type: ignore[arg-type]
    program = hasil[0]
    assert bulatkan(program.penyerapan) == D("99.72")  # type: ignore[arg-type]
    assert program.pagu == program.pagu_anak
    sub = hasil[2]
    assert sub.pagu_anak is None and sub.realisasi_anak is None


def test_s0_with_corrected_kegiatan_sums() -> None:
    program = _program_7_01_03()
    program.anak[1].realisasi = None  # derive the kegiatan from its sub kegiatan
    hasil, selisih = gulung([program])
    assert selisih == []
    assert hasil[4].realisasi == D(3206667601)
    assert hasil[0].realisasi_anak == D(3271477601)


def test_missing_realisasi_counts_as_zero_only_next_to_a_value() -> None:
    akar = Simpul(
        "1",
        anak=[
            Simpul("1.1", pagu=D(100), realisasi=D(40)),
            Simpul("1.2", pagu=D(50), realisasi=None),
            Simpul("1.3", anak=[Simpul("1.3.1", pagu=D(10)), Simpul("1.3.2", pagu=D(5))]),
        ],
    )
    hasil, selisih = gulung([akar])
    per_kode = {h.kode: h for h in hasil}
    assert per_kode["1"].pagu == D(165)
    assert per_kode["1"].realisasi == D(40)
    assert per_kode["1.3"].realisasi is None and per_kode["1.3"].realisasi_anak is None
    assert per_kode["1.3"].penyerapan is None
    assert selisih == []


def test_stated_parent_without_child_values_is_not_a_mismatch() -> None:
    akar = Simpul("1", realisasi=D(100), anak=[Simpul("1.1"), Simpul("1.2")])
    hasil, selisih = gulung([akar])
    assert hasil[0].realisasi == D(100) and hasil[0].realisasi_anak is None
    assert selisih == []


def test_realisasi_melebihi_pagu() -> None:
    hasil, _ = gulung(
        [
            Simpul("A", pagu=D(100), realisasi=D(101)),
            Simpul("B", pagu=D(100), realisasi=D(100)),
            Simpul("C", pagu=None, realisasi=D(5)),
        ]
    )
    assert [h.kode for h in realisasi_melebihi_pagu(hasil)] == ["A"]


def test_cycle_detected() -> None:
    a = Simpul("a")
    a.anak.append(a)
    with pytest.raises(NilaiTidakValid, match="melingkar"):
        gulung([a])


# --------------------------------------------------------------------------- pohon_dari_kode

TABEL_2_5_PERUBAHAN = {
    "5": D(6778100000),
    "5.1": D(3732850000),
    "5.1.01": D(2623160000),
    "5.1.02": D(1109690000),
    "5.2": D(3045250000),
    "5.2.02": D(97250000),
    "5.2.03": D(550000000),
    "5.2.04": D(2398000000),
}


def test_jenis_belanja_tree_s0_tabel_2_5() -> None:
    akar = pohon_dari_kode(TABEL_2_5_PERUBAHAN, {"5.1": "Belanja Operasi"})
    assert [s.kode for s in akar] == ["5"]
    assert [s.kode for s in akar[0].anak] == ["5.1", "5.2"]
    assert [s.kode for s in akar[0].anak[1].anak] == ["5.2.02", "5.2.03", "5.2.04"]
    assert akar[0].anak[0].nama == "Belanja Operasi"
    hasil, selisih = gulung(akar)
    assert selisih == []
    assert [h.kode for h in hasil] == [
        "5",
        "5.1",
        "5.1.01",
        "5.1.02",
        "5.2",
        "5.2.02",
        "5.2.03",
        "5.2.04",
    ]
    assert hasil[0].pagu_anak == D(6778100000)


def test_jenis_belanja_detects_wrong_subtotal() -> None:
    data = dict(TABEL_2_5_PERUBAHAN, **{"5.2": D(3045250001)})
    _, selisih = gulung(pohon_dari_kode(data))
    assert selisih == [
        SelisihJumlah("5", "pagu", D(6778100000), D(6778100001)),
        SelisihJumlah("5.2", "pagu", D(3045250001), D(3045250000)),
    ]


def test_pohon_dari_kode_longest_prefix_and_order() -> None:
    akar = pohon_dari_kode(
        {
            "7.01.02.2.01.0001": D(1),
            "7.01.02": D(3),
            "7.01.02.2.01": D(1),
            "7.01.10": D(1),
            "7.01.9": D(1),
            "5.1.02.01.001.00024": D(7),
        },
        realisasi={"7.01.02.2.02": D(2)},
    )
    assert [s.kode for s in akar] == ["5.1.02.01.001.00024", "7.01.02", "7.01.9", "7.01.10"]
    program = akar[1]
    assert [s.kode for s in program.anak] == ["7.01.02.2.01", "7.01.02.2.02"]
    assert [s.kode for s in program.anak[0].anak] == ["7.01.02.2.01.0001"]
    assert program.anak[1].pagu is None and program.anak[1].realisasi == D(2)
    hasil, selisih = gulung(akar)
    assert selisih == [SelisihJumlah("7.01.02", "pagu", D(3), D(1))]
    assert jumlah(h.pagu for h in hasil if h.kedalaman == 0) == D(12)


def test_pohon_dari_kode_ignores_non_dotted_prefix() -> None:
    akar = pohon_dari_kode({"5.1": D(1), "5.10": D(2), "5.1.01": D(1)})
    assert [s.kode for s in akar] == ["5.1", "5.10"]
    assert [s.kode for s in akar[0].anak] == ["5.1.01"]


def test_pohon_dari_kode_empty_code() -> None:
    with pytest.raises(NilaiTidakValid):
        pohon_dari_kode({" ": D(1)})


# --------------------------------------------------------------------------- properties

jumlah_st = st.one_of(
    st.none(),
    st.decimals(
        min_value=D(0), max_value=D(10**12), places=0, allow_nan=False, allow_infinity=False
    ),
)


def _daun(pagu: Decimal | None, realisasi: Decimal | None) -> Simpul:
    return Simpul("", pagu=pagu, realisasi=realisasi)


def _induk(anak: list[Simpul]) -> Simpul:
    return Simpul("", anak=anak)


pohon_st = st.recursive(
    st.builds(_daun, jumlah_st, jumlah_st),
    lambda anak: st.builds(_induk, st.lists(anak, min_size=1, max_size=4)),
    max_leaves=25,
)


def _pre_order(simpul: Simpul) -> Iterator[Simpul]:
    yield simpul
    for anak in simpul.anak:
        yield from _pre_order(anak)


def _daun_dari(simpul: Simpul) -> Iterator[Simpul]:
    return (s for s in _pre_order(simpul) if not s.anak)


@given(st.lists(pohon_st, min_size=1, max_size=3))
def test_random_trees_sum(hutan: list[Simpul]) -> None:
    for i, akar in enumerate(hutan):
        for j, s in enumerate(_pre_order(akar)):
            s.kode = f"{i}-{j}"
    hasil, selisih = gulung(hutan)
    semua = [s for akar in hutan for s in _pre_order(akar)]
    assert [h.kode for h in hasil] == [s.kode for s in semua]
    assert selisih == []
    per_kode: dict[str, HasilSimpul] = {h.kode: h for h in hasil}
    for s in semua:
        h = per_kode[s.kode]
        if s.anak:
            anak = [per_kode[a.kode] for a in s.anak]
            assert h.pagu == h.pagu_anak == jumlah(a.pagu for a in anak)
            assert h.realisasi == h.realisasi_anak == jumlah(a.realisasi for a in anak)
        else:
            assert (h.pagu, h.realisasi) == (s.pagu, s.realisasi)
            assert h.pagu_anak is None and h.realisasi_anak is None
    for akar in hutan:
        h = per_kode[akar.kode]
        assert h.pagu == jumlah(d.pagu for d in _daun_dari(akar))
        assert h.realisasi == jumlah(d.realisasi for d in _daun_dari(akar))


@given(pohon_st, st.data())
def test_random_trees_stated_parent_mismatch(akar: Simpul, data: st.DataObject) -> None:
    for j, s in enumerate(_pre_order(akar)):
        s.kode = str(j)
    induk = [s for s in _pre_order(akar) if s.anak]
    hasil_awal, _ = gulung([akar])
    per_kode = {h.kode: h for h in hasil_awal}
    if not induk:
        return
    dipilih = data.draw(st.sampled_from(induk))
    anak_sum = per_kode[dipilih.kode].pagu_anak
    if anak_sum is None:
        return
    dipilih.pagu = anak_sum + 1
    _, selisih = gulung([akar])
    assert SelisihJumlah(dipilih.kode, "pagu", anak_sum + 1, anak_sum) in selisih
