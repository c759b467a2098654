"""The screens' row sources (kinerja/tables.py, anggaran/tables.py, laporan/tables.py):
each one's header and a typed row, from the demo year as the pages build them."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from kinerja.engine.sumber_daya import Ketersediaan
from kinerja.tables import tabel_indikator_dasbor
from laporan import tables as lt
from lib.rows import Cell, Kind, Row

HITUNG = "/pd/33.16.05/2024/hitung/"
DASBOR = "/pd/33.16.05/2024/"
ANGGARAN = "/pd/33.16.05/2024/anggaran/"


def _headers(table) -> list[str]:
    return [c.header for c in table.columns]


def _value(v):
    return v.value if isinstance(v, Cell) else v


@pytest.fixture
def halaman(client, operator_a, demo):
    client.force_login(operator_a)
    return lambda url: client.get(url).context


def test_capaian_indikator_and_ikm(halaman):
    ctx = halaman(HITUNG)
    t = ctx["tabel_indikator"]
    assert _headers(t) == [
        "Kode", "Indikator", "Satuan", "Target", "Sumber target", "Realisasi",
        "Capaian", "Skor", "Predikat", "Rumus",
    ]  # fmt: skip
    assert [c.kind for c in t.columns][3:9] == [
        Kind.ANGKA, Kind.TEKS, Kind.ANGKA, Kind.PERSEN, Kind.PERSEN, Kind.PREDIKAT,
    ]  # fmt: skip
    hi = ctx["hasil"].indikator[0]
    row = t.rows[0]
    assert row.kind == hi.tingkat and row.values[0] == hi.kode
    assert _value(row.values[3]) == hi.target and isinstance(_value(row.values[3]), Decimal)
    assert row.values[6] == hi.capaian
    ikm = ctx["tabel_ikm"]
    assert _headers(ikm) == ["Periode", "Responden", "NI", "IKM (NIK)", "Mutu"]
    assert len(ikm.rows) == len(ctx["hasil"].ikm)


def test_anggaran_and_efisiensi(halaman):
    ctx = halaman(HITUNG)
    t = ctx["tabel_anggaran"]
    assert _headers(t) == ["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan"]
    a = ctx["hasil"].anggaran[0]
    assert t.rows[0].values[2] == a["pagu"] and t.rows[0].level == a["kedalaman"]
    assert t.rows[-1].kind == "total"
    e = ctx["tabel_efisiensi"]
    assert _headers(e)[-2:] == ["Nilai", "Kategori"]
    assert e.rows[0].values[6] == ctx["hasil"].efisiensi[0]["nilai"]


def test_dashboard_tables(halaman):
    ctx = halaman(DASBOR)
    p = ctx["tabel_program"]
    assert _headers(p) == ["Kode", "Program", "Pagu", "Realisasi", "Penyerapan"]
    assert p.columns[2].symbol and p.rows[-1].kind == "total" and p.rows[-1].values[0] == ""
    assert all(r.kind in ("program", "total") for r in p.rows)
    i = ctx["tabel_indikator"]
    assert _headers(i)[3] == "Target 2024"
    assert _value(i.rows[0].values[3]) == ctx["indikator"][0].target


def test_dashboard_indicators_before_the_last_quarter_get_the_target_so_far():
    b = SimpleNamespace(
        kode="1.1", nama="Indeks", satuan="%", iku=True, sumber_target="PK murni",
        target=Decimal("80"), target_label=None, target_sd=Decimal("40"),
        realisasi=Decimal("35.5"), realisasi_label=None, capaian=Decimal("88.75"),
        predikat="Baik", warna="#0a0", kosong=["II"],
    )  # fmt: skip
    t = tabel_indikator_dasbor([b], 2024, 2)
    assert _headers(t) == [
        "Kode", "Indikator", "Satuan", "Target 2024", "Target s.d. TW II",
        "Realisasi s.d. TW II", "Capaian", "Predikat", "Triwulan belum diisi",
    ]  # fmt: skip
    v = t.rows[0].values
    assert v[4] == Decimal("40") and _value(v[5]) == Decimal("35.5")
    assert v[8].value == "TW II" and v[8].css == "kurang"
    assert v[1].badge == "IKU" and v[3].note == "PK murni"
    assert len(tabel_indikator_dasbor([b], 2024, 4).columns) == 8


def test_budget_summary_tables(halaman):
    ctx = halaman(ANGGARAN)
    v = ctx["tabel_versi"]
    assert _headers(v) == ["Versi", "Tanggal", "Jumlah pagu", "Keterangan", ""]
    assert v.columns[1].kind == Kind.TANGGAL and v.rows[0].values[1] == ctx["versi"][0]["tanggal"]
    p = ctx["tabel_pohon"]
    assert _headers(p)[1] == "Program / kegiatan / sub kegiatan"
    assert p.rows[0].values[2] == ctx["pohon"][0]["pagu"]
    jb = ctx["tabel_jenis_belanja"]
    assert _headers(jb)[:2] == ["Kode rekening", "Jenis belanja"]
    assert jb.footer[0].values[1] == "Jumlah"
    tw = ctx["tabel_triwulan"]
    assert _headers(tw)[2:6] == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    assert [r.values[1] for r in tw.footer] == [
        "Jumlah sub kegiatan",
        "Penyerapan kumulatif (seluruh anggaran)",
    ]
    assert tw.footer[1].values[2].kind == Kind.PERSEN


def test_resources_tables():
    sdm = lt.tabel_sdm(
        [{"kelompok": "Golongan", "uraian": "III", "pns": 4, "non_pns": 1, "kebutuhan": None}]
    )
    assert _headers(sdm) == ["No", "Kelompok", "Uraian", "PNS", "Non-PNS", "Kebutuhan (ABK)"]
    assert sdm.rows == [Row(["1", "Golongan", "III", 4, 1, None])]
    sarpras = lt.tabel_sarpras(
        [{"uraian": "Meja", "jumlah": 12, "satuan": "unit", "kondisi": "baik", "kebutuhan": 10}]
    )
    assert _headers(sarpras)[2] == "Jumlah" and sarpras.rows[0].values[2] == 12
    k = Ketersediaan(tersedia=5, kebutuhan=18, persen=Decimal("27.78"))
    baris = SimpleNamespace(
        kelompok="Golongan", uraian="III", pns=4, non_pns=1, ketersediaan=k,
        efisiensi=Decimal("72.22"),
    )  # fmt: skip
    e = lt.tabel_efisiensi_sdm([baris], k, Decimal("70"))
    assert _headers(e)[2:] == [
        "Kebutuhan (ABK)", "Tersedia (PNS + non-PNS)", "% ketersediaan",
        "Efisiensi (100 − % ketersediaan)",
    ]  # fmt: skip
    assert e.rows[0].values[2:] == [18, 5, Decimal("27.78"), Decimal("72.22")]
    assert e.footer[0].values[0].row_header and e.footer[0].values[-1] == Decimal("70")
    s = lt.tabel_efisiensi_sarpras(k, None)
    assert s.rows[0].values == [18, 5, Decimal("27.78"), None]
