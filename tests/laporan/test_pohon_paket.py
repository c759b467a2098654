"""The sasaran RPJMD of a tujuan through the package (JSON, database) and the BAB I
figures of the pohon kinerja."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from interchange.simpan import paket_simpan
from kinerja.engine.pohon import IndikatorPohon, Simpul
from kinerja.models import PerangkatDaerah, Tujuan
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import tulis_paket
from kinerja.selectors.paket import paket_kinerja
from laporan.dokumen import susun_dokumen
from laporan.dokumen.blocks import Gambar
from laporan.dokumen.pohon import SKALA_MIN, bagian_pohon, skala

ROOT = Path(__file__).resolve().parents[2]
BOGOREJO = ROOT / "fixtures" / "bogorejo-2024.json"
SCHEMA = json.loads((ROOT / "docs" / "paket.schema.json").read_text())


def _data(tanpa_rpjmd: bool) -> dict:
    data = json.loads(BOGOREJO.read_text())
    if tanpa_rpjmd:
        for tj in data["renstra"]["tujuan"]:
            del tj["sasaran_rpjmd"]
    return data


@pytest.mark.parametrize("tanpa_rpjmd", [False, True])
def test_json_round_trip_with_and_without_sasaran_rpjmd(tanpa_rpjmd):
    data = _data(tanpa_rpjmd)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    paket = baca_paket(muat_json(json.dumps(data)))
    harapan = None if tanpa_rpjmd else "Meningkatnya kualitas pelayanan publik"
    assert paket.renstra.tujuan[0].sasaran_rpjmd == harapan
    keluar = tulis_paket(paket)
    assert ("sasaran_rpjmd" in keluar["renstra"]["tujuan"][0]) is not tanpa_rpjmd
    assert baca_paket(muat_json(json.dumps(keluar, default=str))) == paket


def test_sasaran_rpjmd_must_be_text():
    data = _data(False)
    data["renstra"]["tujuan"][0]["sasaran_rpjmd"] = 5
    with pytest.raises(InvalidPaket) as e:
        baca_paket(muat_json(json.dumps(data)))
    pesan = " ".join(str(x) for x in e.value.errors)
    assert "$.renstra.tujuan[0].sasaran_rpjmd" in pesan and "harus berupa teks" in pesan


@pytest.mark.django_db
@pytest.mark.parametrize("tanpa_rpjmd", [False, True])
def test_database_round_trip_with_and_without_sasaran_rpjmd(tanpa_rpjmd):
    paket = baca_paket(muat_json(json.dumps(_data(tanpa_rpjmd))))
    paket_simpan(paket=paket)
    pd = PerangkatDaerah.objects.get(kode="33.16.15")
    nilai = list(
        Tujuan.objects.filter(renstra__perangkat_daerah=pd).values_list("sasaran_rpjmd", flat=True)
    )
    assert nilai == (
        ["", ""]
        if tanpa_rpjmd
        else [
            "Meningkatnya kualitas pelayanan publik",
            "Meningkatnya akuntabilitas kinerja birokrasi",
        ]
    )
    kembali = paket_kinerja(pd, 2024)
    assert [tj.sasaran_rpjmd for tj in kembali.renstra.tujuan] == [
        tj.sasaran_rpjmd for tj in paket.renstra.tujuan
    ]


def _gambar(dokumen) -> list[Gambar]:
    return list(dokumen.daftar_gambar)


@pytest.mark.django_db
def test_bab1_numbers_the_pohon_figures_and_lists_them(demo):
    dokumen = susun_dokumen(demo["b"], 2024)
    judul = [(g.nomor, g.judul) for g in _gambar(dokumen)]
    assert judul[:2] == [
        ("1.1", "Pohon Kinerja Kecamatan Bogorejo Tahun 2024"),
        ("1.2", "Cascading Perjanjian Kinerja Kecamatan Bogorejo Tahun 2024"),
    ]
    pohon = _gambar(dokumen)[0]
    assert 'role="img"' in pohon.svg and "Meningkatnya kualitas pelayanan publik" in pohon.svg
    # Sized for the page: the document's figure rule (130 × 65 mm) does not squash it.
    assert 'style="width:' in pohon.svg


@pytest.mark.django_db
def test_no_pk_cascade_figure_without_cascaded_pk(demo):
    judul = [g.judul for g in _gambar(susun_dokumen(demo["a"], 2024))]
    assert "Pohon Kinerja Kecamatan Randublatung Tahun 2024" in judul
    assert not any(j.startswith("Cascading") for j in judul)


def _hutan(tujuan: int, program: int, kegiatan: int, sub: int) -> list[Simpul]:
    """A synthetic forest: per tujuan one sasaran with ``program`` programs, each with
    ``kegiatan`` kegiatan of ``sub`` sub kegiatan, every node with two indicators."""

    def ind() -> list[IndikatorPohon]:
        return [IndikatorPohon(f"Persentase capaian layanan nomor {n}") for n in range(2)]

    akar = []
    for a in range(tujuan):
        programs = [
            Simpul(
                f"p{a}{b}",
                "program",
                f"PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH {b}",
                ind(),
                [
                    Simpul(
                        f"k{a}{b}{c}",
                        "kegiatan",
                        f"Kegiatan administrasi umum perangkat daerah {c}",
                        ind(),
                        [
                            Simpul(f"s{a}{b}{c}{d}", "sub_kegiatan", f"Sub kegiatan {d}", ind())
                            for d in range(sub)
                        ],
                    )
                    for c in range(kegiatan)
                ],
            )
            for b in range(program)
        ]
        sasaran = Simpul(f"sas{a}", "sasaran", f"Sasaran {a}", ind(), programs)
        akar.append(Simpul(f"t{a}", "tujuan", f"Tujuan {a}", ind(), [sasaran]))
    return akar


@pytest.mark.parametrize(
    ("ukuran", "jumlah_gambar"),
    [((1, 2, 1, 1), 1), ((2, 3, 4, 5), 1), ((3, 5, 6, 8), 3)],
)
def test_large_trees_fit_the_page_with_less_detail_or_per_root(ukuran, jumlah_gambar):
    akar = _hutan(*ukuran)
    gambar = bagian_pohon(akar, "Pohon Kinerja")
    assert len(gambar) == jumlah_gambar
    for _, kotak in gambar:
        assert skala(kotak) >= SKALA_MIN
    if jumlah_gambar > 1:
        assert [j for j, _ in gambar][0] == "Pohon Kinerja (Tujuan 1)"
    if ukuran == (1, 2, 1, 1):
        # Small: every indicator by name, every sub kegiatan drawn.
        [(_, kotak)] = gambar
        assert kotak[0].anak[0].anak[0].anak[0].anak[0].butir[0].startswith("Persentase")
