"""The pohon kinerja drawing (lib.pohon_svg): geometry, wrapping, escaping."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from lib.pohon_svg import PAD, Kotak, bungkus, lebar_teks, pohon_svg, tata_letak

TINGKAT = [
    ("sasaran_rpjmd", "Sasaran RPJMD"),
    ("tujuan", "Tujuan"),
    ("sasaran", "Sasaran Strategis"),
    ("program", "Program"),
    ("kegiatan", "Kegiatan"),
    ("sub_kegiatan", "Sub Kegiatan"),
]
SVG = "{http://www.w3.org/2000/svg}"
PANJANG = (
    "Persentase penyusunan dokumen perencanaan, penganggaran dan evaluasi kinerja yang "
    "berkualitas dan tepat waktu sesuai ketentuan peraturan perundang-undangan"
)


def _besar() -> list[Kotak]:
    """A synthetic large tree: 2 tujuan, 4 sasaran, 8 programs, 16 kegiatan, 48 sub
    kegiatan; 150 indicators, some with very long names and unbreakable words."""
    nomor = itertools.count(1)

    def ind(n: int) -> list[str]:
        return [
            f"Indikator {next(nomor)} {PANJANG if i % 3 == 0 else 'jumlah laporan'}: 100%"
            for i in range(n)
        ]

    tujuan = []
    for a in range(2):
        sasaran = []
        for b in range(2):
            program = []
            for c in range(2):
                kegiatan = []
                for d in range(2):
                    sub = [
                        Kotak(
                            f"sub-{a}{b}{c}{d}{e}",
                            "sub_kegiatan",
                            f"Sub kegiatan {e} " + "X" * 40,
                            ind(1),
                            bertumpuk=True,
                        )
                        for e in range(3)
                    ]
                    kegiatan.append(
                        Kotak(
                            f"keg-{a}{b}{c}{d}",
                            "kegiatan",
                            f"Kegiatan {d} {PANJANG}",
                            ind(3),
                            sub,
                            bertumpuk=True,
                        )
                    )
                program.append(
                    Kotak(
                        f"prog-{a}{b}{c}",
                        "program",
                        f"PROGRAM PENUNJANG URUSAN {c}",
                        ind(3),
                        kegiatan,
                    )
                )
            sasaran.append(Kotak(f"sas-{a}{b}", "sasaran", f"Sasaran {b}", ind(4), program))
        tujuan.append(Kotak(f"tuj-{a}", "tujuan", f"Tujuan {a}", ind(7), sasaran))
    return [Kotak("rpjmd", "sasaran_rpjmd", "Meningkatnya kualitas pelayanan publik", [], tujuan)]


def _semua(kotak: list[Kotak]) -> list[Kotak]:
    return [x for k in kotak for x in [k, *_semua(k.anak)]]


def test_the_synthetic_tree_has_150_indicators():
    assert sum(len(k.butir) for k in _semua(_besar())) == 150


def test_no_two_boxes_overlap():
    tata = tata_letak([("", _besar())], TINGKAT)
    assert len(tata.kotak) == 1 + 2 + 4 + 8 + 16 + 48
    for a, b in itertools.combinations(tata.kotak, 2):
        terpisah = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
        assert terpisah, (a.ident, b.ident)
    for k in tata.kotak:
        assert 0 <= k.x and k.x + k.w <= tata.lebar and 0 <= k.y and k.y + k.h <= tata.tinggi


def test_every_line_stays_inside_its_box():
    tata = tata_letak([("", _besar())], TINGKAT)
    for k in tata.kotak:
        assert k.baris
        for b in k.baris:
            assert k.x + PAD <= b.x and b.x + b.lebar <= k.x + k.w - PAD + 1e-6, (k.ident, b.teks)
            assert k.y < b.y - b.ukuran * 0.7 and b.y <= k.y + k.h - PAD, (k.ident, b.teks)


def test_levels_are_layered_and_stacks_stay_in_their_column():
    tata = tata_letak([("", _besar())], TINGKAT)
    per = {k.ident: k for k in tata.kotak}
    # Every box of one side-by-side level starts on the same row, below its parent.
    for tingkat in ("tujuan", "sasaran", "program"):
        assert len({k.y for k in tata.kotak if k.tingkat == tingkat}) == 1
    for k in tata.kotak:
        if k.induk is not None:
            assert k.y >= k.induk.y + k.induk.h
    # A sub kegiatan sits inside its program's column, indented under its kegiatan.
    sub, keg, prog = per["sub-00000"], per["keg-0000"], per["prog-000"]
    assert prog.x < keg.x < sub.x and sub.x + sub.w == prog.x + prog.w
    # A parent spans exactly its children.
    sas = per["sas-00"]
    assert sas.x == per["prog-000"].x and sas.x + sas.w == per["prog-001"].x + per["prog-001"].w


def test_wrap_never_exceeds_the_width_and_cuts_long_words():
    for lebar in (30, 60, 120):
        baris = bungkus(PANJANG + " " + "Y" * 80, lebar, 7, True)
        assert all(lebar_teks(b, 7, True) <= lebar for b in baris)
        assert "".join(baris).replace(" ", "") == (PANJANG + "Y" * 80).replace(" ", "")
    assert bungkus("", 50, 7) == [""]


def test_user_text_is_escaped_and_the_svg_is_valid_xml():
    jahat = '<script>alert("x")</script> & </text><text>'
    akar = [Kotak("a", "tujuan", jahat, [jahat, "Target: 5 < 6"], [Kotak("b", "sasaran", "S & T")])]
    svg = pohon_svg([("Bagian <b>", akar)], TINGKAT, judul=f"Pohon {jahat}", uraian=jahat)
    assert "<script" not in svg and "</text><text>" not in svg.replace("</text>\n<text", "")
    assert "&lt;script&gt;" in svg and "S &amp; T" in svg
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == f"Pohon {jahat}"
    assert jahat in root.get("aria-label")
    teks = [t.text for t in root.iter(f"{SVG}text")]
    assert "Bagian <b>" in teks and "S & T" in teks
    assert not root.findall(f".//{SVG}script")


@pytest.mark.parametrize(("lebar_mm", "tinggi_mm"), [(160, 205), (40, 400), (400, 30)])
def test_printed_size_fits_the_page(lebar_mm, tinggi_mm):
    svg = pohon_svg(
        [("", _besar())], TINGKAT, judul="Pohon", lebar_maks_mm=lebar_mm, tinggi_maks_mm=tinggi_mm
    )
    root = ET.fromstring(svg)
    w, h = (float(root.get(x).removesuffix("mm")) for x in ("width", "height"))
    assert w <= lebar_mm + 0.1 and h <= tinggi_mm + 0.1
    assert f"width:{root.get('width')}" in root.get("style")
    # The aspect ratio of the viewBox is kept.
    _, _, vw, vh = (float(x) for x in root.get("viewBox").split())
    assert abs(w / h - vw / vh) < 0.02


def test_legend_lists_only_levels_present():
    akar = [Kotak("a", "tujuan", "T", anak=[Kotak("b", "program", "P")])]
    tata = tata_letak([("", akar)], TINGKAT)
    assert [t for _, _, t in tata.legenda] == ["tujuan", "program"]
    assert [b.teks for b in tata.teks_lain] == ["Tujuan", "Program"]


def test_screen_drawing_uses_real_pixel_sizes_of_at_least_12_px():
    svg = pohon_svg([("Cascading", _besar())], TINGKAT, judul="Pohon")
    root = ET.fromstring(svg)
    _, _, vw, vh = (float(x) for x in root.get("viewBox").split())
    assert abs(float(root.get("width")) - vw) <= 1 and abs(float(root.get("height")) - vh) <= 1
    ukuran = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    assert min(ukuran) >= 12
    # The boxes are the layout's, scaled.
    kotak = [r for r in root.iter(f"{SVG}rect") if float(r.get("width")) > 30]
    assert len(kotak) == len(tata_letak([("Cascading", _besar())], TINGKAT).kotak)


def test_printed_drawing_also_has_12_unit_text_scaled_by_its_mm_size():
    svg = pohon_svg([("", _besar())], TINGKAT, judul="Pohon", lebar_maks_mm=160)
    root = ET.fromstring(svg)
    assert min(float(t.get("font-size")) for t in root.iter(f"{SVG}text")) >= 12
