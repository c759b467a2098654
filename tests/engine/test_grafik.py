"""The SVG charts: valid XML, Indonesian labels, heights and points proportional to the values.

No database: pytest-django fails any of these tests that touches it.
"""

from __future__ import annotations

import ast
import inspect
import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

from lib import grafik
from lib.grafik import Seri, format_nilai, grafik_batang, grafik_garis, sumbu_nilai

NS = "{http://www.w3.org/2000/svg}"


def _svg(teks: str) -> ET.Element:
    akar = ET.fromstring(teks)
    assert akar.tag == f"{NS}svg"
    return akar


def _semua(akar: ET.Element, tag: str, kelas: str) -> list[ET.Element]:
    return [e for e in akar.iter(f"{NS}{tag}") if e.get("class") == kelas]


def _teks(akar: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in akar.iter(f"{NS}text")]


def _garis_nol(akar: ET.Element) -> float:
    (nol,) = _semua(akar, "line", "garis-nol")
    return float(nol.get("y1"))


def _batang_iku(**kw) -> str:
    data = {
        "judul": "Realisasi IKM Kecamatan 2022–2024",
        "label": ["2022", "2023", "2024"],
        "batang": Seri("Realisasi", [D("50"), D("100"), D("75.35")]),
        "garis": Seri("Target", [D("80"), D("84"), D("86")], "#d73027"),
    }
    data.update(kw)
    return grafik_batang(**data)


def test_bar_chart_is_valid_svg_with_accessible_title_and_description():
    akar = _svg(_batang_iku())
    assert akar.get("role") == "img"
    assert akar.get("aria-label") == "Realisasi IKM Kecamatan 2022–2024"
    assert akar.find(f"{NS}title").text == "Realisasi IKM Kecamatan 2022–2024"
    uraian = akar.find(f"{NS}desc")
    assert akar.get("aria-describedby") == uraian.get("id")
    assert "2024: 75,35" in uraian.text and "Target: 2022: 80" in uraian.text
    assert akar.get("viewBox") == f"0 0 {grafik.LEBAR} {grafik.TINGGI}"


def test_bar_heights_are_proportional_to_values_and_stand_on_zero():
    akar = _svg(_batang_iku())
    batang = _semua(akar, "rect", "batang")
    assert [b.get("data-nilai") for b in batang] == ["50", "100", "75.35"]
    tinggi = [float(b.get("height")) for b in batang]
    assert tinggi[1] == pytest.approx(2 * tinggi[0], abs=0.02)
    assert tinggi[2] == pytest.approx(tinggi[1] * 0.7535, abs=0.02)
    nol = _garis_nol(akar)
    for b in batang:
        assert float(b.get("y")) + float(b.get("height")) == pytest.approx(nol, abs=0.01)


def test_target_line_points_are_proportional_to_the_target():
    akar = _svg(_batang_iku())
    nol = _garis_nol(akar)
    titik = _semua(akar, "circle", "titik-garis")
    assert [t.get("data-nilai") for t in titik] == ["80", "84", "86"]
    h = [nol - float(t.get("cy")) for t in titik]
    assert h[1] / h[0] == pytest.approx(84 / 80, rel=1e-3)
    assert h[2] / h[0] == pytest.approx(86 / 80, rel=1e-3)
    # The target of 80 sits lower than the bar of 100 and higher than the bar of 50.
    batang = _semua(akar, "rect", "batang")
    assert float(batang[1].get("y")) < float(titik[0].get("cy")) < float(batang[0].get("y"))


def test_labels_are_indonesian_numbers():
    akar = _svg(
        grafik_batang(
            judul="Jumlah dokumen",
            label=["TW I", "TW II"],
            batang=Seri("Realisasi", [D("1234.5"), D("98.35")]),
        )
    )
    teks = _teks(akar)
    assert "1.234,5" in teks and "98,35" in teks
    assert "1.234.5" not in " ".join(teks) and "98.35" not in teks
    # Axis ticks too: 0, 500, 1.000, 1.500 (thousands with a dot).
    sumbu = ["".join(e.itertext()) for e in _semua(akar, "text", "label-sumbu")]
    assert sumbu[0] == "0" and "1.000" in sumbu


def test_percentages_get_the_sign_attached():
    akar = _svg(
        grafik_garis(
            judul="Penyerapan anggaran kumulatif",
            label=["TW I", "TW II", "TW III", "TW IV"],
            seri=[Seri("Penyerapan", [D("20.5"), D("45"), D("70.125"), D("98.34")])],
            satuan="%",
            paling_tidak=D(100),
        )
    )
    teks = _teks(akar)
    assert {"20,5%", "45%", "70,13%", "98,34%"} <= set(teks)
    assert "100%" in teks  # the axis reaches 100%


def test_line_points_are_proportional_and_a_missing_value_breaks_the_line():
    akar = _svg(
        grafik_garis(
            judul="Penyerapan",
            label=["TW I", "TW II", "TW III", "TW IV"],
            seri=[Seri("Penyerapan", [D(25), D(50), None, D(100)])],
            satuan="%",
        )
    )
    nol = _garis_nol(akar)
    titik = _semua(akar, "circle", "titik")
    assert [t.get("data-nilai") for t in titik] == ["25", "50", "100"]
    h = [nol - float(t.get("cy")) for t in titik]
    assert h[1] == pytest.approx(2 * h[0], abs=0.02)
    assert h[2] == pytest.approx(4 * h[0], abs=0.02)
    x = [float(t.get("cx")) for t in titik]
    assert x[0] < x[1] < x[2]
    # TW I–II form one segment; TW IV alone draws no line back to TW II.
    garis = list(akar.iter(f"{NS}polyline"))
    assert len(garis) == 1 and len(garis[0].get("points").split()) == 2
    assert "TW III: tidak ada data" in akar.find(f"{NS}desc").text


def test_a_missing_bar_is_not_drawn_and_is_described():
    akar = _svg(_batang_iku(batang=Seri("Realisasi", [D(50), None, D(60)])))
    assert len(_semua(akar, "rect", "batang")) == 2
    assert "2023: tidak ada data" in akar.find(f"{NS}desc").text


def test_negative_values_hang_below_zero():
    akar = _svg(
        grafik_batang(judul="Perubahan", label=["a", "b"], batang=Seri("Perubahan", [D(-5), D(10)]))
    )
    nol = _garis_nol(akar)
    turun, naik = _semua(akar, "rect", "batang")
    assert float(turun.get("y")) == pytest.approx(nol, abs=0.01)
    assert float(naik.get("y")) + float(naik.get("height")) == pytest.approx(nol, abs=0.01)
    assert float(naik.get("height")) == pytest.approx(2 * float(turun.get("height")), abs=0.02)
    assert "-5" in _teks(akar)


def test_text_is_escaped_and_stays_valid_xml():
    akar = _svg(
        grafik_batang(
            judul='Sarana & prasarana <kelurahan> "baru"',
            label=["A & B", "C<D"],
            batang=Seri("R&D", [D(1), D(2)]),
        )
    )
    assert akar.get("aria-label") == 'Sarana & prasarana <kelurahan> "baru"'
    assert "A & B" in _teks(akar) and "R&D" in _teks(akar)


def test_multiline_category_labels():
    akar = _svg(
        _batang_iku(label=["2022", "2023", "2024\n(s.d. TW II)"]),
    )
    spans = [s.text for s in akar.iter(f"{NS}tspan")]
    assert spans == ["2024", "(s.d. TW II)"]


def test_output_is_deterministic_and_ids_differ_between_charts():
    assert _batang_iku() == _batang_iku()
    a = _svg(_batang_iku())
    b = _svg(_batang_iku(judul="Nilai SAKIP"))
    assert a.find(f"{NS}title").get("id") != b.find(f"{NS}title").get("id")
    c = _svg(_batang_iku(ident="iku-IKT-1"))
    assert c.find(f"{NS}title").get("id") == "iku-IKT-1-judul"


def test_series_length_must_match_labels():
    with pytest.raises(ValueError, match="3 kategori"):
        grafik_batang(judul="x", label=["a", "b", "c"], batang=Seri("R", [D(1)]))


def test_empty_chart_is_still_a_chart():
    akar = _svg(grafik_garis(judul="Kosong", label=[], seri=[Seri("Penyerapan", [])]))
    assert _semua(akar, "circle", "titik") == []


@pytest.mark.parametrize(
    ("nilai", "paling_tidak", "harapan"),
    [
        ([D("97.01"), D(45)], D(100), (D(0), D(100), 6)),
        ([D("0.35")], None, (D(0), D("0.4"), 5)),
        ([D(-5), D(12)], None, (D(-5), D(15), 5)),
        ([], None, (D(0), D(1), 6)),
        ([D(6_778_100_000)], None, (D(0), D(8_000_000_000), 5)),
        ([D(88), D(86)], None, (D(0), D(100), 6)),
    ],
)
def test_axis_starts_at_zero_and_covers_every_value(nilai, paling_tidak, harapan):
    bawah, atas, garis = sumbu_nilai(nilai, paling_tidak=paling_tidak)
    assert (bawah, atas, len(garis)) == harapan
    assert garis[0] == bawah and garis[-1] == atas
    assert all(bawah <= v <= atas for v in nilai)
    assert all("E" not in str(g) for g in garis)


def test_format_nilai():
    assert format_nilai(D("75.350000")) == "75,35"
    assert format_nilai(D("88.000")) == "88"
    assert format_nilai(D("102.3333")) == "102,33"
    assert format_nilai(D("98.34"), "%") == "98,34%"
    assert format_nilai(None) == "-"


def test_module_stays_free_of_django():
    pohon = ast.parse(inspect.getsource(grafik))
    modul = {a.name for n in ast.walk(pohon) if isinstance(n, ast.Import) for a in n.names}
    modul |= {n.module for n in ast.walk(pohon) if isinstance(n, ast.ImportFrom)}
    assert modul and not any(m.split(".")[0] in ("django", "kinerja.models") for m in modul)
    assert not any(m.endswith(("models", "views", "hitung")) for m in modul), modul


def test_value_label_clears_a_higher_target_point():
    akar = _svg(_batang_iku())
    label = {"".join(t.itertext()): float(t.get("y")) for t in _semua(akar, "text", "label-nilai")}
    titik = {t.get("data-nilai"): float(t.get("cy")) for t in _semua(akar, "circle", "titik-garis")}
    batang = {b.get("data-nilai"): float(b.get("y")) for b in _semua(akar, "rect", "batang")}
    # 2022: bar 50 under a target of 80 → the label sits above the target point.
    assert label["50"] < titik["80"] < batang["50"]
    # 2023: bar 100 above its target of 84 → the label sits right above the bar.
    assert titik["84"] > batang["100"] > label["100"]
