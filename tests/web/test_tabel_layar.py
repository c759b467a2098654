"""The screens' renderer of a row source: ``{% tabel %}`` (kinerja/templatetags/tabel.py)."""

from __future__ import annotations

from decimal import Decimal as D

from django.template import Context, Template

from lib.rows import Cell, Column, Heading, Kind, Row, Table


def _render(table: Table, args: str = "") -> str:
    return Template("{% load tabel %}{% tabel t " + args + " %}").render(Context({"t": table}))


def _table() -> Table:
    return Table(
        title="Capaian <uji>",
        columns=[
            Column("Kode", css="kode"),
            Column("Indikator"),
            Column("Pagu", Kind.RUPIAH, symbol=True),
            Column("Capaian", Kind.PERSEN),
            Column("Predikat", Kind.PREDIKAT),
        ],
        rows=[
            Row(
                [
                    "1.1",
                    Cell("Indeks <b>", badge="IKU", note="target Renstra", note_css="sumber"),
                    D("1500000"),
                    D("87.5"),
                    Cell("Baik", color="#0a0"),
                ],
                "sasaran",
                css="melebihi",
            ),
            Row(["", Cell("Tautan", url="/x/?a=1&b=2"), None, None, None]),
        ],
        footer=[Row([Cell("Jumlah", colspan=2, row_header=True), D("1500000"), None, None])],
        css="data dasbor",
    )


def test_cells_are_formatted_by_kind_aligned_and_escaped():
    html = _render(_table())
    assert '<table class="data dasbor" aria-label="Capaian &lt;uji&gt;">' in html
    assert '<th scope="col" class="angka">Pagu</th>' in html
    assert '<th scope="col">Indikator</th>' in html
    assert '<tr class="tingkat-sasaran melebihi">' in html
    assert '<td class="kode">1.1</td>' in html
    assert (
        '<td>Indeks &lt;b&gt; <span class="lencana">IKU</span>'
        '<br><small class="sumber">target Renstra</small></td>'
    ) in html
    assert '<td class="angka">Rp 1.500.000</td>' in html
    assert '<td class="angka">87,50%</td>' in html
    assert '<span class="predikat pil" style="--warna: #0a0">Baik</span>' in html
    assert '<td><a href="/x/?a=1&amp;b=2">Tautan</a></td>' in html
    assert '<td class="tengah">-</td>' in html  # a missing predicate: no coloured label
    assert "<tfoot>" in html and '<th scope="row" class="kode" colspan="2">Jumlah</th>' in html


def test_the_accessible_name_a_caption_or_the_heading_and_the_empty_text():
    t = Table("Versi DPA", [Column("Versi"), Column("Tanggal", Kind.TANGGAL)], empty="Kosong.")
    html = _render(t, 'labelledby="judul-versi" id="versi"')
    assert '<table class="data" id="versi" aria-labelledby="judul-versi">' in html
    assert "Versi DPA</caption>" not in html
    assert '<tr><td colspan="2">Kosong.</td></tr>' in html
    html = _render(t, "caption=True")
    assert "<caption>Versi DPA</caption>" in html and "aria-label" not in html


def test_a_multi_row_header_spans_and_scopes_its_groups():
    t = Table(
        "T",
        [Column("a"), Column("b", Kind.ANGKA), Column("c", Kind.ANGKA)],
        header=[
            [Heading("a", rowspan=2), Heading("Nilai", colspan=2)],
            [Heading("b"), Heading("c")],
        ],
    )
    html = _render(t)
    assert '<th scope="col" rowspan="2">a</th>' in html
    assert '<th scope="colgroup" colspan="2">Nilai</th>' in html
