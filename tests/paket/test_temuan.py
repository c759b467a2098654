"""Each kind of temuan, raised by hitung from a small change to a demo package (no database)."""

from __future__ import annotations

from pathlib import Path

from kinerja.engine.hitung import hitung
from kinerja.paket.parser import baca_paket, muat_json

ROOT = Path(__file__).resolve().parents[2]


def _data(nama: str = "randublatung-2024") -> dict:
    return muat_json((ROOT / "fixtures" / f"{nama}.json").read_bytes())


def _temuan(data: dict, jenis: str) -> list:
    return [t for t in hitung(baca_paket(data), 2024).temuan if t.jenis == jenis]


def test_realisasi_above_pagu():
    data = _data()
    data["tahun"][0]["realisasi_anggaran"]["7.01.01.2.08.01"] = 1_500_000  # pagu 1.000.000
    temuan = _temuan(data, "realisasi_melebihi_pagu")
    assert [t.kode for t in temuan][:1] == ["7.01.01.2.08.01"]
    assert "Rp 1.500.000" in temuan[0].pesan and "Rp 1.000.000" in temuan[0].pesan


def test_missing_triwulan_of_a_quarterly_indicator():
    data = _data()
    tahun = data["tahun"][0]
    kode = next(k for k, tw in tahun["realisasi"].items() if all(v is not None for v in tw))
    tahun["realisasi"][kode][1] = None
    temuan = _temuan(data, "triwulan_kosong")
    assert [t.kode for t in temuan] == [kode]
    assert "triwulan II" in temuan[0].pesan


def test_a_year_in_progress_only_expects_the_quarters_reported_so_far():
    data = _data()
    tahun = data["tahun"][0]
    for kode, tw in tahun["realisasi"].items():
        tahun["realisasi"][kode] = [tw[0], tw[1], None, None]
    assert _temuan(data, "triwulan_kosong") == []


def test_missing_quarterly_target_in_the_rencana_aksi():
    data = _data()
    tahun = data["tahun"][0]
    pk = tahun["perjanjian_kinerja"][-1]
    kode = next(iter(pk["target"]))
    tahun["rencana_aksi"].pop(kode, None)
    temuan = _temuan(data, "target_triwulan_kosong")
    assert [t.kode for t in temuan] == [kode]


def test_realisasi_without_any_target():
    data = _data()
    ind = data["program"][0]["indikator"][0]
    ind["target_tahunan"] = {}
    for pk in data["tahun"][0]["perjanjian_kinerja"]:
        pk["target"].pop(ind["kode"], None)
    temuan = _temuan(data, "target_kosong")
    assert [t.kode for t in temuan] == [ind["kode"]]
    hasil = hitung(baca_paket(data), 2024).indikator_per_kode()[ind["kode"]]
    assert hasil.capaian is None and hasil.predikat is None


def test_jenis_belanja_total_must_equal_the_program_total():
    data = _data()
    dpa = data["tahun"][0]["dpa"][-1]
    dpa["jenis_belanja"]["5.1.01"] += 1000
    # One account changed alone: its parent no longer sums its children.
    assert "5.1" in {t.kode for t in _temuan(data, "jumlah_tidak_sesuai")}
    # The whole branch changed consistently: only the totals disagree.
    dpa["jenis_belanja"]["5.1"] += 1000
    dpa["jenis_belanja"]["5"] += 1000
    assert not {t.kode for t in _temuan(data, "jumlah_tidak_sesuai")} & {"5.1", "5"}
    temuan = _temuan(data, "total_jenis_belanja_tidak_sesuai")
    assert [t.kode for t in temuan] == [dpa["versi"]]
    assert "Rp 6.778.101.000" in temuan[0].pesan


def test_a_clean_package_has_no_temuan():
    """Remove the seed's own errors from Randublatung: nothing is left to report."""
    data = _data()
    tahun = data["tahun"][0]
    tahun["angka_dilaporkan"] = []
    tahun["skm"] = []
    tahun["realisasi_anggaran"].pop("7.01.03.2.02")
    tahun["realisasi_anggaran"].pop("7.01.03", None)
    for tujuan in data["renstra"]["tujuan"]:
        for ind in tujuan["indikator"] + [i for s in tujuan["sasaran"] for i in s["indikator"]]:
            for pk in tahun["perjanjian_kinerja"]:
                if ind["kode"] in pk["target"]:
                    ind["target_tahunan"]["2024"] = pk["target"][ind["kode"]]
            for rw in ind.get("riwayat", {}).values():
                if (
                    ind["satuan"] == "%"
                    and rw.get("realisasi") is not None
                    and rw["realisasi"] > 100
                ):
                    rw["realisasi"] = 100
    assert [(t.jenis, t.kode) for t in hitung(baca_paket(data), 2024).temuan] == []
