from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.engine.angka import NilaiTidakValid
from kinerja.engine.predikat import (
    PRESET,
    Band,
    Skala,
    klasifikasi,
    periksa_skala,
    skala_dari_band,
    skala_dari_preset,
)

D = Decimal


def label(preset: str, nilai: str) -> str | None:
    band = klasifikasi(PRESET[preset], D(nilai))
    return None if band is None else band.label


def test_preset_names() -> None:
    assert set(PRESET) == {
        "permendagri-86-2017",
        "blora",
        "jombang",
        "rembang",
        "akip-88-2021",
        "ikm-14-2017",
        "ipp",
    }
    for nama, skala in PRESET.items():
        assert skala.nama == nama
        assert skala.sumber
        for band in skala.band:
            assert band.warna is not None and band.warna.startswith("#") and len(band.warna) == 7


# --------------------------------------------------------------------------- boundaries


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("124", "Sangat Tinggi"),
        ("90.01", "Sangat Tinggi"),
        ("90", "Tinggi"),
        ("75.01", "Tinggi"),
        ("75", "Sedang"),
        ("65", "Rendah"),
        ("50.01", "Rendah"),
        ("50", "Sangat Rendah"),
        ("-10", "Sangat Rendah"),
    ],
)
def test_permendagri(nilai: str, hasil: str) -> None:
    assert label("permendagri-86-2017", nilai) == hasil


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("102.33", "Sangat Baik"),
        ("100.01", "Sangat Baik"),
        ("100", "Baik"),
        ("85", "Baik"),
        ("84.99", "Cukup"),
        ("65", "Cukup"),
        ("64.99", "Kurang"),
        ("50", "Kurang"),
        ("49.99", "Sangat Kurang"),
        ("0", "Sangat Kurang"),
    ],
)
def test_blora(nilai: str, hasil: str) -> None:
    assert label("blora", nilai) == hasil


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("120", "Istimewa (Sangat Berhasil)"),
        ("110.01", "Istimewa (Sangat Berhasil)"),
        ("110", "Baik (Berhasil)"),
        ("100.16", "Baik (Berhasil)"),
        ("90.01", "Baik (Berhasil)"),
        ("90", None),
        ("85", None),
        ("80.01", None),
        ("80", "Butuh Perbaikan (Cukup)"),
        ("70", "Kurang"),
        ("50", "Sangat Kurang"),
        ("0.01", "Sangat Kurang"),
        ("0", None),
        ("120.01", None),
    ],
)
def test_jombang(nilai: str, hasil: str | None) -> None:
    assert label("jombang", nilai) == hasil


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("100", "Amat Baik"),
        ("90", "Amat Baik"),
        ("89.5", "Baik"),
        ("80", "Baik"),
        ("79.99", "Cukup Baik"),
        ("50", "Cukup Baik"),
        ("49.5", "Kurang"),
    ],
)
def test_rembang(nilai: str, hasil: str) -> None:
    assert label("rembang", nilai) == hasil


@pytest.mark.parametrize(
    ("nilai", "hasil", "keterangan"),
    [
        ("100", "AA", "Sangat Memuaskan"),
        ("90.01", "AA", "Sangat Memuaskan"),
        ("90", "A", "Memuaskan"),
        ("83.75", "A", "Memuaskan"),
        ("75.35", "BB", "Sangat Baik"),
        ("73.87", "BB", "Sangat Baik"),
        ("70", "B", "Baik"),
        ("60", "CC", "Cukup (Memadai)"),
        ("50", "C", "Kurang"),
        ("30.01", "C", "Kurang"),
        ("30", "D", "Sangat Kurang"),
        ("0", "D", "Sangat Kurang"),
    ],
)
def test_akip(nilai: str, hasil: str, keterangan: str) -> None:
    band = klasifikasi(PRESET["akip-88-2021"], D(nilai))
    assert band is not None
    assert (band.label, band.keterangan) == (hasil, keterangan)


@pytest.mark.parametrize(
    ("nik", "mutu", "kinerja"),
    [
        ("100", "A", "Sangat Baik"),
        ("97.25", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.30", "B", "Baik"),
        ("87.64", "B", "Baik"),
        ("76.61", "B", "Baik"),  # NI 3,0644 × 25
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25", "D", "Tidak Baik"),
    ],
)
def test_ikm(nik: str, mutu: str, kinerja: str) -> None:
    band = klasifikasi(PRESET["ikm-14-2017"], D(nik))
    assert band is not None
    assert (band.label, band.keterangan) == (mutu, kinerja)


def test_ikm_ni_boundaries() -> None:
    skala = PRESET["ikm-14-2017"]
    assert klasifikasi(skala, D("3.0644") * 25).label == "B"  # type: ignore[union-attr]
    assert klasifikasi(skala, D("3.5324") * 25).label == "A"  # type: ignore[union-attr]
    assert klasifikasi(skala, D("3.532") * 25).label == "B"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("nilai", "grade"),
    [
        ("5", "A"),
        ("4.51", "A"),
        ("4.50", "A-"),
        ("4.01", "A-"),
        ("4", "B"),
        ("3.28", "B-"),
        ("3.1625", "B-"),
        ("3.005", "B-"),
        ("3", "C"),
        ("2.97", "C"),
        ("2.55", "C"),
        ("2.5", "C-"),
        ("2", "D"),
        ("1.5", "E"),
        ("1.01", "E"),
        ("1", "F"),
        ("0", "F"),
    ],
)
def test_ipp(nilai: str, grade: str) -> None:
    assert label("ipp", nilai) == grade


def test_klasifikasi_none() -> None:
    assert klasifikasi(PRESET["blora"], None) is None


def test_band_memuat_open_ends() -> None:
    band = Band("x", None, True, None, False)
    assert band.memuat(D("-1e9")) and band.memuat(D("1e9"))


# --------------------------------------------------------------------------- periksa_skala


@pytest.mark.parametrize("nama", [n for n in PRESET if n != "jombang"])
def test_presets_valid(nama: str) -> None:
    assert periksa_skala(PRESET[nama]) == []
    assert periksa_skala(PRESET[nama], batas_bawah=D(0)) == []


@pytest.mark.parametrize(
    ("nama", "atas"), [("permendagri-86-2017", "100"), ("blora", "120"), ("akip-88-2021", "100")]
)
def test_presets_valid_with_cap(nama: str, atas: str) -> None:
    assert periksa_skala(PRESET[nama], batas_bawah=D(0), batas_atas=D(atas)) == []


def test_jombang_fails() -> None:
    masalah = periksa_skala(PRESET["jombang"])
    celah = [m.pesan for m in masalah if m.jenis == "celah"]
    assert (
        'Skala "Kabupaten Jombang": nilai di atas 80 sampai dengan 90 tidak masuk predikat mana pun (celah).'
        in celah
    )
    assert any("sampai dengan 0" in p for p in celah)
    assert any("di atas 120" in p for p in celah)
    assert all(m.jenis == "celah" for m in masalah)


def test_jombang_floor_and_cap() -> None:
    masalah = periksa_skala(PRESET["jombang"], batas_bawah=D(0), batas_atas=D(100))
    pesan = {(m.jenis, m.pesan) for m in masalah}
    assert pesan == {
        ("celah", 'Skala "Kabupaten Jombang": nilai 0 tidak masuk predikat mana pun (celah).'),
        (
            "celah",
            'Skala "Kabupaten Jombang": nilai di atas 80 sampai dengan 90 tidak masuk predikat mana pun (celah).',
        ),
        (
            "tidak-terjangkau",
            'Skala "Kabupaten Jombang": predikat "Istimewa (Sangat Berhasil)" (nilai di atas 110 sampai '
            "dengan 120) tidak dapat dicapai karena nilai dibatasi maks. 100 (tidak terjangkau).",
        ),
    }


def test_jombang_cap_120() -> None:
    masalah = periksa_skala(PRESET["jombang"], batas_bawah=D(0), batas_atas=D(120))
    assert [m.jenis for m in masalah] == ["celah", "celah"]


def _b(lbl: str, lo: str | None, lo_i: bool, hi: str | None, hi_i: bool) -> Band:
    return Band(lbl, None if lo is None else D(lo), lo_i, None if hi is None else D(hi), hi_i)


def test_overlap_shared_inclusive_endpoint() -> None:
    # S1 as printed: "≥ 85 – 100%" and "≥ 65 – 85%" both include 85
    skala = Skala(
        "s1-cetak",
        (_b("Baik", "85", True, "100", True), _b("Cukup", "65", True, "85", True)),
    )
    masalah = periksa_skala(skala, batas_bawah=D(65), batas_atas=D(100))
    assert [(m.jenis, m.pesan) for m in masalah] == [
        (
            "tumpang-tindih",
            'Skala "s1-cetak": predikat "Cukup" dan predikat "Baik" sama-sama memuat nilai 85 '
            "(tumpang-tindih).",
        )
    ]


def test_overlap_interval() -> None:
    skala = Skala("x", (_b("A", "50", True, None, False), _b("B", None, False, "60", True)))
    masalah = periksa_skala(skala)
    assert len(masalah) == 1 and masalah[0].jenis == "tumpang-tindih"
    assert "nilai mulai 50 sampai dengan 60" in masalah[0].pesan


def test_gap_shared_exclusive_endpoint() -> None:
    skala = Skala("x", (_b("A", "50", False, None, False), _b("B", None, False, "50", False)))
    masalah = periksa_skala(skala)
    assert [(m.jenis, m.pesan) for m in masalah] == [
        ("celah", 'Skala "x": nilai 50 tidak masuk predikat mana pun (celah).')
    ]


def test_gap_rembang_as_printed() -> None:
    # S3 verbatim: 90–100, 80–89, 50–79, < 49 (integer ranges leave gaps)
    skala = Skala(
        "s3-cetak",
        (
            _b("Amat Baik", "90", True, "100", True),
            _b("Baik", "80", True, "89", True),
            _b("Cukup Baik", "50", True, "79", True),
            _b("Kurang", None, False, "49", False),
        ),
    )
    pesan = [m.pesan for m in periksa_skala(skala, batas_bawah=D(0), batas_atas=D(100))]
    assert pesan == [
        'Skala "s3-cetak": nilai mulai 49 sampai kurang dari 50 tidak masuk predikat mana pun (celah).',
        'Skala "s3-cetak": nilai di atas 79 sampai kurang dari 80 tidak masuk predikat mana pun (celah).',
        'Skala "s3-cetak": nilai di atas 89 sampai kurang dari 90 tidak masuk predikat mana pun (celah).',
    ]


def test_empty_bands() -> None:
    skala = Skala(
        "x",
        (
            _b("Terbalik", "90", True, "80", True),
            _b("Titik", "50", True, "50", False),
            _b("Semua", None, False, None, False),
        ),
    )
    masalah = periksa_skala(skala)
    assert [m.jenis for m in masalah] == ["band-kosong", "band-kosong"]
    assert "Terbalik" in masalah[0].pesan and "Titik" in masalah[1].pesan


def test_single_point_band_is_valid() -> None:
    skala = Skala(
        "x",
        (
            _b("Bawah", None, False, "100", False),
            _b("Tepat", "100", True, "100", True),
            _b("Atas", "100", False, None, False),
        ),
    )
    assert periksa_skala(skala) == []
    assert klasifikasi(skala, D(100)).label == "Tepat"  # type: ignore[union-attr]


def test_uncovered_ends() -> None:
    skala = Skala("x", (_b("A", "0", True, "100", True),))
    assert periksa_skala(skala, batas_bawah=D(0), batas_atas=D(100)) == []
    pesan = [m.pesan for m in periksa_skala(skala, batas_bawah=D(0))]
    assert pesan == ['Skala "x": nilai di atas 100 tidak masuk predikat mana pun (celah).']
    pesan = [m.pesan for m in periksa_skala(skala)]
    assert pesan == [
        'Skala "x": nilai di bawah 0 tidak masuk predikat mana pun (celah).',
        'Skala "x": nilai di atas 100 tidak masuk predikat mana pun (celah).',
    ]


def test_empty_scale() -> None:
    masalah = periksa_skala(Skala("kosong", ()))
    assert [m.pesan for m in masalah] == [
        'Skala "kosong": semua nilai tidak masuk predikat mana pun (celah).'
    ]


def test_unreachable_below_floor() -> None:
    skala = Skala("x", (_b("Negatif", None, False, "0", False), _b("Lain", "0", True, None, False)))
    masalah = periksa_skala(skala, batas_bawah=D(0))
    assert [m.jenis for m in masalah] == ["tidak-terjangkau"]
    assert "dibatasi min. 0" in masalah[0].pesan


def test_invalid_bounds() -> None:
    with pytest.raises(NilaiTidakValid):
        periksa_skala(PRESET["blora"], batas_bawah=D(10), batas_atas=D(0))


# --------------------------------------------------------------------------- builders


def test_skala_dari_preset() -> None:
    assert skala_dari_preset("blora") is PRESET["blora"]
    with pytest.raises(KeyError, match="tidak dikenal") as info:
        skala_dari_preset("sleman")
    assert "jombang" in str(info.value)


def test_skala_dari_band() -> None:
    skala = skala_dari_band(
        "kustom",
        [
            {
                "label": "Tinggi",
                "bawah": D(80),
                "bawah_inklusif": False,
                "atas": None,
                "atas_inklusif": False,
                "warna": "#1a9850",
            },
            {
                "label": "Rendah",
                "bawah": None,
                "bawah_inklusif": False,
                "atas": "80",
                "atas_inklusif": True,
                "keterangan": "perlu perbaikan",
            },
        ],
        sumber="Perbup",
    )
    assert skala.nama == "kustom" and skala.sumber == "Perbup"
    assert skala.band[0] == Band("Tinggi", D(80), False, None, False, "#1a9850", None)
    assert skala.band[1].atas == D(80) and skala.band[1].keterangan == "perlu perbaikan"
    assert periksa_skala(skala) == []
    with pytest.raises(NilaiTidakValid, match="atas_inklusif"):
        skala_dari_band("x", [{"label": "A", "bawah": None, "bawah_inklusif": True, "atas": None}])
    with pytest.raises(NilaiTidakValid, match="label"):
        skala_dari_band("x", [{"bawah": None}])


# --------------------------------------------------------------------------- properties

titik = st.decimals(
    min_value=D(-1000), max_value=D(1000), places=2, allow_nan=False, allow_infinity=False
)


@st.composite
def skala_valid(draw: st.DrawFn) -> Skala:
    cuts = sorted(draw(st.sets(titik, min_size=0, max_size=8)))
    ke_atas = draw(st.lists(st.booleans(), min_size=len(cuts), max_size=len(cuts)))
    ujung: list[tuple[Decimal | None, bool]] = [(None, False)]
    bands: list[Band] = []
    for c, inkl_atas in zip(cuts, ke_atas, strict=True):
        lo, lo_i = ujung[-1]
        # the cut point belongs to the upper band when inkl_atas, else to the lower one
        bands.append(Band(f"b{len(bands)}", lo, lo_i, c, not inkl_atas))
        ujung.append((c, inkl_atas))
    lo, lo_i = ujung[-1]
    bands.append(Band(f"b{len(bands)}", lo, lo_i, None, False))
    return Skala("acak", tuple(draw(st.permutations(bands))))


@given(skala=skala_valid(), nilai=st.lists(titik, max_size=20))
def test_random_valid_scale(skala: Skala, nilai: list[Decimal]) -> None:
    assert periksa_skala(skala) == []
    uji = nilai + [b.bawah for b in skala.band if b.bawah is not None]
    for x in uji:
        assert sum(1 for b in skala.band if b.memuat(x)) == 1
        assert klasifikasi(skala, x) is not None
