"""The body rows of ``{% tabel %}``, written in Python (``BarisIsi.html``): escaped like a
template's ``{{ value }}``, every kind of cell."""

from __future__ import annotations

from django.template import Context, Template

from lib.rows import Cell, Column, Part, Row, Table


def _html(*rows: Row, columns=None) -> str:
    table = Table("Uji <tabel>", columns or [Column("Kode", row_header=True), Column("Isi")])
    table.rows = list(rows)
    return Template("{% load tabel %}{% tabel t %}").render(Context({"t": table}))


def test_text_is_escaped_once():
    html = _html(Row(["<b>1</b>", Cell("A & B", url="/x?a=1&b=2", title='"judul"')], css="x<y"))
    assert '<tr class="x&lt;y">' in html
    assert '<th scope="row">&lt;b&gt;1&lt;/b&gt;</th>' in html
    assert '<td><a href="/x?a=1&amp;b=2" title="&quot;judul&quot;">A &amp; B</a></td>' in html


def test_every_kind_of_cell():
    html = _html(
        Row(
            [
                Cell("K", colspan=2, note="catatan <i>", note_css="sumber", badge="IKU"),
            ]
        ),
        Row(["a", Cell("t", time="2024-01-02T03:04:05", changes=(("Nilai", "1", "2"),))]),
        Row(["b", Cell("x", detail="lain", detail_css="lain")]),
        Row(
            [
                "c",
                Cell(
                    "",
                    parts=(
                        Part("satu", url="/1", css="c"),
                        Part("dua", tag="small", title="T", parts=(Part("<tiga>"),)),
                    ),
                ),
            ]
        ),
        Row(["d", Cell("teks", text_css="aksi", title="judul")]),
    )
    assert (
        '<th scope="row" colspan="2">K <span class="lencana">IKU</span>'
        '<br><small class="sumber">catatan &lt;i&gt;</small></th>'
    ) in html
    assert (
        '<td><div><span class="apa">Nilai:</span> <span class="lama">1</span> '
        '<span aria-label="menjadi">→</span> <span class="baru">2</span></div></td>'
    ) in html
    assert '<td><div class="lain">lain</div></td>' in html
    assert (
        '<td><a href="/1" class="c">satu</a><small title="T">dua&lt;tiga&gt;</small></td>'
    ) in html
    assert '<td><span class="aksi" title="judul">teks</span></td>' in html
    # Rows keep the layout of the table's template: one per line.
    assert html.count("\n<tr") == 5
