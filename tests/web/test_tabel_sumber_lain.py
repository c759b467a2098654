"""The row sources of the remaining read-only screen tables (issue 11): each one's header,
a typed row, and the markup the renderer keeps (links, <time>, "menjadi")."""

from __future__ import annotations

import datetime

from django.template import Context, Template

from kinerja.tables import tabel_riwayat
from lib.rows import Cell, Kind


def _headers(table) -> list[str]:
    return [c.header for c in table.columns]


def _value(v):
    return v.value if isinstance(v, Cell) else v


def _render(table) -> str:
    return Template("{% load tabel %}{% tabel t %}").render(Context({"t": table}))


BARIS_RIWAYAT = {
    "waktu": "14 April 2025 pukul 10.32",
    "waktu_iso": "2025-04-14T10:32+07:00",
    "pengguna": "operator",
    "aksi": "Pagu diubah",
    "kode_aksi": "pagu.ubah",
    "objek": "Pagu sub kegiatan 7.01",
    "tipe": "Pagu",
    "url_objek": "/pd/33.16.05/riwayat/anggaran.pagu/3/",
    "perubahan": {"ubah": [("", "Rp 1", "Rp 2")], "lain": "tahun: 2024"},
}


def test_riwayat_header_and_typed_row():
    t = tabel_riwayat([BARIS_RIWAYAT], kosong="Belum ada.")
    assert _headers(t) == ["Waktu", "Pengguna", "Aksi", "Objek", "Perubahan"]
    assert t.columns[0].kind == Kind.WAKTU
    waktu, pengguna, aksi, objek, perubahan = (_value(v) for v in t.rows[0].values)
    assert isinstance(waktu, datetime.datetime) and (waktu.hour, waktu.minute) == (10, 32)
    assert (pengguna, aksi, objek) == ("operator", "Pagu diubah", "Pagu sub kegiatan 7.01")
    assert perubahan == "Rp 1 → Rp 2; tahun: 2024"
    assert _headers(tabel_riwayat([], tampil_objek=False)) == [
        "Waktu", "Pengguna", "Aksi", "Perubahan",
    ]  # fmt: skip


def test_riwayat_renders_time_tooltip_link_and_changes():
    html = _render(tabel_riwayat([BARIS_RIWAYAT]))
    assert '<time datetime="2025-04-14T10:32+07:00">14 April 2025 pukul 10.32</time>' in html
    assert '<span class="aksi" title="pagu.ubah">Pagu diubah</span>' in html
    assert (
        '<a href="/pd/33.16.05/riwayat/anggaran.pagu/3/" title="Riwayat objek ini">'
        'Pagu sub kegiatan 7.01</a><br><small class="tipe">Pagu</small>'
    ) in html
    assert (
        '<span class="lama">Rp 1</span> <span aria-label="menjadi">→</span> '
        '<span class="baru">Rp 2</span>'
    ) in html
    assert '<div class="lain">tahun: 2024</div>' in html
    assert "Rp 1 → Rp 2; tahun" not in html  # the plain text is the xlsx's, not the screen's
    kosong = _render(tabel_riwayat([], tampil_objek=False, kosong="Belum ada."))
    assert '<td colspan="4">Belum ada.</td>' in kosong
