"""Reading the budget files of the finance system (anggaran/impor_xlsx.py) from the
sample files of tests/data/anggaran/ (made by buat_contoh.py): no database."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from anggaran.impor_xlsx import (
    BerkasDitolak,
    PohonKode,
    baca_anggaran,
    buka_lembar,
    kenali_kolom,
)

TEKS = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=25)
DATA = Path(__file__).resolve().parents[1] / "data" / "anggaran"
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "randublatung-2024.json"


@pytest.fixture(scope="module")
def pohon() -> PohonKode:
    d = json.loads(FIXTURE.read_text())
    kode = []
    for p in d["program"]:
        kode.append((p["kode"], "program"))
        for k in p.get("kegiatan", []):
            kode.append((k["kode"], "kegiatan"))
            for s in k.get("sub_kegiatan", []):
                kode.append((s["kode"], "sub_kegiatan"))
    return PohonKode.dari(kode)


def _baca(nama: str, jenis: str, versi: str, pohon: PohonKode):
    (lembar,) = buka_lembar((DATA / nama).read_bytes())
    pemetaan = kenali_kolom(lembar, jenis, versi)
    assert pemetaan is not None
    return lembar, pemetaan, *baca_anggaran(lembar, pemetaan, pohon)


def test_a_sipd_dpa_perubahan_with_merged_header_and_unit_prefix(pohon):
    lembar, pemetaan, baris, galat = _baca("sipd-dpa-perubahan.xlsx", "pagu", "perubahan", pohon)
    assert galat == []
    assert lembar.judul_kolom(pemetaan.baris_kepala, pemetaan.jumlah) == (
        "Jumlah (Rp) Setelah Perubahan"
    )
    per_kode = {(b.tingkat, b.kode): b.jumlah for b in baris}
    assert per_kode[("program", "7.01.01")] == 3_300_000_000
    # "7.01.0.00.0.00.05.0000 7.01.01.2.01.0001" is the tree's 7.01.01.2.01.01.
    assert per_kode[("sub_kegiatan", "7.01.01.2.01.01")] == 2_300_000
    assert per_kode[("sub_kegiatan", "7.01.01.2.01.07")] == 1_100_000
    assert per_kode[("jenis_belanja", "5.1.02")] == 950_000_000
    # The sub-total row without a code is not an amount.
    assert len(baris) == 10


def test_the_same_file_as_dpa_murni_reads_the_amounts_before_the_change(pohon):
    _, _, baris, galat = _baca("sipd-dpa-perubahan.xlsx", "pagu", "murni", pohon)
    assert galat == []
    assert {b.kode: b.jumlah for b in baris}["7.01.01"] == 3_100_000_000


def test_a_finance_application_report_without_dots_and_with_text_amounts(pohon):
    _, _, baris, galat = _baca("keuangan-realisasi-tw2.xlsx", "realisasi", "murni", pohon)
    assert galat == []
    assert [(b.tingkat, b.kode, b.jumlah) for b in baris] == [
        ("program", "7.01.01", Decimal("1520000000.50")),
        ("sub_kegiatan", "7.01.01.2.01.01", Decimal(1150000)),
        ("sub_kegiatan", "7.01.01.2.01.07", Decimal(0)),
    ]


def test_a_simple_hand_made_sheet(pohon):
    _, pemetaan, baris, galat = _baca("pagu-sederhana.xlsx", "pagu", "murni", pohon)
    assert galat == [] and pemetaan.baris_kepala == 0
    assert {b.kode: b.jumlah for b in baris} == {
        "7.01.03": 2_878_810_000,
        "7.01.03.2.02.02": 1_250_000_000,
    }


def _buku(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_every_problem_names_sheet_row_and_column(pohon):
    data = _buku(
        [
            ["Kode", "Uraian", "Pagu"],
            ["7.01.01", "Program", "tiga juta"],
            ["9.99.99", "Program lain", 5],
            ["7.01.02", "Program", "=1+1"],
            ["7.01.03", "Program", -5],
        ]
    )
    (lembar,) = buka_lembar(data)
    baris, galat = baca_anggaran(lembar, kenali_kolom(lembar, "pagu"), pohon)
    assert baris == []
    assert [(g.baris, g.kolom) for g in galat] == [(2, "C"), (3, "A"), (4, "C"), (5, "C")]
    assert "bukan angka" in galat[0].pesan
    assert "tidak ada di pohon program" in galat[1].pesan
    assert "rumus" in galat[2].pesan and "negatif" in galat[3].pesan
    assert str(galat[0]).startswith("lembar “Sheet”, baris 2, kolom C: ")


def test_a_header_that_is_not_recognised_gives_no_mapping(pohon):
    (lembar,) = buka_lembar(_buku([["No", "Keterangan", "Angka"], [1, "x", 5]]))
    assert kenali_kolom(lembar, "pagu") is None


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        (b"bukan excel", "bukan buku kerja Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "dilindungi kata sandi"),
        (b"PK\x03\x04 rusak", "bukan buku kerja Excel"),
    ],
)
def test_files_that_are_no_workbook_are_refused(data, pesan):
    with pytest.raises(BerkasDitolak, match=pesan):
        buka_lembar(data)


def test_an_empty_workbook_is_refused():
    with pytest.raises(BerkasDitolak, match="kosong"):
        buka_lembar(_buku([]))


@settings(max_examples=150, deadline=None)
@example([("   ", 5), (" 7.01.01 ", 10)])  # a code cell of spaces only (a crash once)
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.none(),
                TEKS,
                st.sampled_from(["7.01.01", "5.1", "7.01.01.2.01.0001"]),
            ),
            st.one_of(
                st.none(),
                TEKS,
                st.integers(-10, 10**12),
                st.floats(allow_nan=False, allow_infinity=False),
            ),
        ),
        max_size=15,
    )
)
def test_any_sheet_gives_rows_or_problems_never_another_error(rows):
    pohon = PohonKode.dari([("7.01.01", "program"), ("7.01.01.2.01.01", "sub_kegiatan")])
    data = _buku([["Kode", "Uraian", "Pagu"], *[[k, "x", v] for k, v in rows]])
    (lembar,) = buka_lembar(data)
    baris, galat = baca_anggaran(lembar, kenali_kolom(lembar, "pagu"), pohon)
    assert all(b.jumlah >= 0 for b in baris)
    assert all(g.baris and g.pesan for g in galat)
