"""A demo package moved to 2020 (Permendagri 13/2006 accounts) or given a budget per sasaran:
the shapes of reports made before this application (issue 14 §4)."""

from __future__ import annotations

from pathlib import Path

from kinerja.paket.parser import muat_json

ROOT = Path(__file__).resolve().parents[1]

# Belanja Tidak Langsung 40 + Belanja Langsung 60 (pegawai 10, barang dan jasa 30, modal 20).
JENIS_BELANJA_2020 = {
    "5": 100_000_000,
    "5.1": 40_000_000,
    "5.1.1": 40_000_000,
    "5.2": 60_000_000,
    "5.2.1": 10_000_000,
    "5.2.2": 30_000_000,
    "5.2.3": 20_000_000,
}


def data_demo(nama: str = "randublatung-2024") -> dict:
    return muat_json((ROOT / "fixtures" / f"{nama}.json").read_bytes())


def _tanpa_riwayat(node: dict) -> None:
    for ind in node.get("indikator", []):
        ind.pop("riwayat", None)


def data_2020() -> dict:
    """Randublatung's year as if it were 2020: a Renstra from 2020, the old account codes."""
    data = data_demo()
    data["renstra"]["mulai"] = 2020
    for tujuan in data["renstra"]["tujuan"]:
        _tanpa_riwayat(tujuan)
        for sasaran in tujuan.get("sasaran", []):
            _tanpa_riwayat(sasaran)
    for program in data["program"]:
        _tanpa_riwayat(program)
        for kegiatan in program.get("kegiatan", []):
            _tanpa_riwayat(kegiatan)
            for sub in kegiatan.get("sub_kegiatan", []):
                _tanpa_riwayat(sub)
    tahun = data["tahun"][0]
    tahun["tahun"] = 2020
    for dpa in tahun["dpa"]:
        dpa["jenis_belanja"] = dict(JENIS_BELANJA_2020)
    tahun["realisasi_jenis_belanja"] = {
        "5.2": 55_000_000,
        "5.2.1": 9_000_000,
        "5.2.2": 28_000_000,
        "5.2.3": 18_000_000,
    }
    for a in tahun.get("angka_dilaporkan", []):
        a.pop("tahun_banding", None)
    return data
