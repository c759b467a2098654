"""The demo narratives (fixtures/narasi/) and their loader (interchange.demo)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interchange.demo import NarasiDemoTidakValid, muat_narasi_demo
from laporan.dokumen import susun_dokumen
from laporan.kerangka import AWALAN_ANALISIS, BAGIAN
from laporan.models import DataSDM, LKjIP, Narasi, SaranaPrasarana

ROOT = Path(__file__).resolve().parents[2]
DEMO = [("a", "randublatung"), ("b", "bogorejo"), ("lain", "kesamben")]
# Officials named in the seed reports: the demo must use the fictional ones of fixtures/*.json.
NAMA_ASLI = ["BUKHRI", "BHISWANTO", "FUSYANTO", "YULIANTO", "ARIEF ROHMAN", "F. ROHMAN"]


def _berkas(slug: str) -> Path:
    return ROOT / "fixtures" / "narasi" / f"{slug}-2024.json"


@pytest.mark.parametrize(("kunci", "slug"), DEMO)
def test_every_section_written_without_real_names(kunci, slug):
    data = json.loads(_berkas(slug).read_text(encoding="utf-8"))
    narasi = data["narasi"]
    for b in BAGIAN:
        assert narasi.get(b.kunci, "").strip(), (slug, b.kunci)
    assert any(k.startswith(AWALAN_ANALISIS) for k in narasi)
    semua = json.dumps(data, ensure_ascii=False)
    for nama in NAMA_ASLI:
        assert nama.lower() not in semua.lower(), (slug, nama)
    assert not re.search(r"\b\d{8} ?\d{6} ?\d ?\d{3}\b", semua), "no NIP in narratives"
    assert data["sdm"] and data["sarana_prasarana"]


@pytest.mark.django_db
@pytest.mark.parametrize(("kunci", "slug"), DEMO)
def test_loaded_narrative_completes_the_document(demo, kunci, slug):
    pd = demo[kunci]
    # Before: every required section prints its draft from the data.
    assert any(b.draf for b in susun_dokumen(pd, 2024).narasi.values())
    lkjip = muat_narasi_demo(pd, 2024, _berkas(slug))
    assert lkjip == LKjIP.objects.get(perangkat_daerah=pd, tahun=2024)
    dokumen = susun_dokumen(pd, 2024)
    assert dokumen.kosong == []
    assert not any(b.draf for b in dokumen.narasi.values() if b.wajib)
    assert DataSDM.objects.filter(lkjip=lkjip).count() > 0
    assert SaranaPrasarana.objects.filter(lkjip=lkjip).count() > 0
    # Loading again replaces, never duplicates.
    jumlah = Narasi.objects.filter(lkjip=lkjip).count()
    muat_narasi_demo(pd, 2024, _berkas(slug))
    assert Narasi.objects.filter(lkjip=lkjip).count() == jumlah


@pytest.mark.django_db
def test_loader_refuses_wrong_target_and_unknown_sections(demo, tmp_path):
    with pytest.raises(
        NarasiDemoTidakValid, match="untuk perangkat daerah 33.16.05, bukan 33.16.15"
    ):
        muat_narasi_demo(demo["b"], 2024, _berkas("randublatung"))
    with pytest.raises(NarasiDemoTidakValid, match="untuk tahun 2024, bukan 2023"):
        muat_narasi_demo(demo["a"], 2023, _berkas("randublatung"))
    data = json.loads(_berkas("randublatung").read_text(encoding="utf-8"))
    data["narasi"]["bab_v"] = "tidak ada"
    salah = tmp_path / "salah.json"
    salah.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(NarasiDemoTidakValid, match='bagian "bab_v"'):
        muat_narasi_demo(demo["a"], 2024, salah)
    with pytest.raises(NarasiDemoTidakValid, match="tidak ditemukan"):
        muat_narasi_demo(demo["a"], 2024, tmp_path / "tidak-ada.json")
    (tmp_path / "rusak.json").write_text("{", encoding="utf-8")
    with pytest.raises(NarasiDemoTidakValid, match="tidak dapat dibaca"):
        muat_narasi_demo(demo["a"], 2024, tmp_path / "rusak.json")
    assert not Narasi.objects.exists()
