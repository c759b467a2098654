"""The row sources of the remaining read-only screen tables (issue 11): each one's header,
a typed row, and the markup the renderer keeps (links, <time>, "menjadi")."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.template import Context, Template

from kinerja.tables import (
    tabel_anggaran_pk,
    tabel_anggaran_pk_berjenjang,
    tabel_beda_anggaran_pk,
    tabel_beda_target_pk,
    tabel_indikator_renstra_versi,
    tabel_log_indikator,
    tabel_pejabat,
    tabel_pembanding_lain,
    tabel_pengguna,
    tabel_perangkat_daerah,
    tabel_program,
    tabel_riwayat,
    tabel_riwayat_capaian,
    tabel_sasaran_pk_berjenjang,
    tabel_skm,
    tabel_target_pk,
    tabel_target_pk_indikator,
    tabel_target_renstra_indikator,
    tabel_tenggat,
)
from laporan.tables import (
    tabel_evaluasi,
    tabel_ringkasan_beranda,
    tabel_triwulan_beranda,
    tabel_versi_lkjip,
)
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


def _tahun_evaluasi(tahun: int, snapshot=None, **lain) -> dict:
    return {
        "tahun": tahun,
        "status": "ditetapkan" if snapshot else "draf",
        "label": "Ditetapkan" if snapshot else "Draf",
        "snapshot": snapshot,
        "jumlah_versi": 2 if snapshot else 0,
        "waktu": "14 April 2025 pukul 10.32" if snapshot else None,
        "url_pdf": "/pdf/" if snapshot else None,
        "url_verifikasi": "/verifikasi/" if snapshot else None,
        "url_editor": f"/editor/{tahun}/",
        "url_draf": "/draf.pdf",
        "url_bukti": "/bukti.zip",
        "bukti": 0,
        "terlambat": [],
        **lain,
    }


def test_evaluasi_header_typed_rows_and_row_groups():
    a = SimpleNamespace(nama="Kecamatan A", kode="1.01")
    b = SimpleNamespace(nama="Kecamatan B", kode="1.02")
    s = SimpleNamespace(versi=2, nama_penandatangan="Budi")
    daftar = [
        {"pd": a, "tahun": [_tahun_evaluasi(2024, s, bukti=3), _tahun_evaluasi(2023, terlambat=["I", "II"])]},
        {"pd": b, "tahun": []},
    ]  # fmt: skip
    t = tabel_evaluasi(daftar)
    assert _headers(t) == [
        "Perangkat daerah", "Tahun", "Status", "Versi ditetapkan", "PDF", "Bukti dukung",
    ]  # fmt: skip
    assert [_value(v) for v in t.rows[0].values][:4] == ["Kecamatan A", 2024, "Ditetapkan", 2]
    assert _value(t.rows[0].values[-1]) == 3 and _value(t.rows[1].values[2]) is None
    html = _render(t)
    assert html.count("<tbody>") == 2
    assert (
        '<th scope="rowgroup" class="nama-pd" rowspan="2">Kecamatan A<small>1.01</small></th>'
    ) in html
    assert '<tr class="status-ditetapkan">' in html
    assert "Versi 2, 14 April 2025 pukul 10.32<small>Budi · 2 versi</small>" in html
    assert '<a href="/pdf/">Unduh PDF versi 2</a> · <a href="/verifikasi/">Verifikasi</a>' in html
    assert '<a href="/bukti.zip">Unduh 3 berkas (zip)</a>' in html
    assert (
        '<small>Triwulan I, II <span class="lencana-terlambat">terlambat</span></small>'
    ) in html
    assert '<th scope="row" class="nama-pd">Kecamatan B<small>1.02</small></th>' in html
    assert '<td class="kosong" colspan="5">Belum ada data LKjIP.</td>' in html
    assert '<td colspan="6" class="kosong">Pemda ini belum' in _render(tabel_evaluasi([]))


def test_pejabat_header_typed_row_and_links():
    p = SimpleNamespace(
        pk=7, jabatan_lengkap="Camat", kepala=True, nama_lengkap="Budi, S.H.",
        pangkat="Pembina", golongan="IV/a", nip="198001012005011001",
    )  # fmt: skip
    t = tabel_pejabat([p], tahun=2024, url_ubah=lambda x: f"/ubah/{x.pk}/")
    assert _headers(t) == [
        "No.",
        "Jabatan (seperti dicetak)",
        "Nama",
        "Pangkat / golongan",
        "NIP",
        "",
    ]
    assert [_value(v) for v in t.rows[0].values] == [
        1, "Camat", "Budi, S.H.", "Pembina (IV/a)", "198001012005011001", "Ubah",
    ]  # fmt: skip
    html = _render(t)
    assert '<td class="angka">1</td><td>Camat <span class="lencana">Kepala</span></td>' in html
    assert "19800101 200501 1 001" in html and '<a href="/ubah/7/">Ubah</a>' in html
    kosong = tabel_pejabat([], tahun=2024)
    assert len(kosong.columns) == 5
    assert '<td colspan="5" class="kosong">Belum ada pejabat tahun 2024.</td>' in _render(kosong)


def test_perangkat_daerah_header_and_typed_row():
    pd = SimpleNamespace(
        pk=3, kode="33.16.05", nama="Kecamatan A", jenis="kecamatan", alamat="",
        kepala=SimpleNamespace(nama="Budi"), jumlah_pengguna=2,
    )  # fmt: skip
    t = tabel_perangkat_daerah([pd], url_ubah=lambda x: f"/ubah/{x.pk}/")
    assert _headers(t) == ["Kode", "Nama", "Jenis", "Alamat", "Kepala", "Pengguna", ""]
    assert [_value(v) for v in t.rows[0].values] == [
        "33.16.05", "Kecamatan A", "kecamatan", None, "Budi", 2, "Ubah",
    ]  # fmt: skip
    html = _render(t)
    assert '<td class="kode">33.16.05</td>' in html and '<td class="angka">2</td>' in html
    assert "<td>-</td>" in html and '<a href="/ubah/3/">Ubah</a>' in html


def test_pengguna_header_typed_row_and_inactive():
    masuk = datetime.datetime(2025, 4, 14, 10, 32)
    user = SimpleNamespace(
        pk=5, username="op", email="", is_active=False, is_superuser=False, last_login=masuk,
        get_full_name=lambda: "Operator Satu",
    )  # fmt: skip
    peran = SimpleNamespace(perangkat_daerah=None, get_jenis_display=lambda: "Operator")
    daftar = [{"user": user, "peran": peran, "login": "14 April 2025 pukul 10.32"}]
    t = tabel_pengguna(daftar, url_ubah=lambda u: f"/u/{u.pk}/")
    assert _headers(t) == [
        "Nama pengguna", "Nama", "Surel", "Peran", "Perangkat daerah", "Status",
        "Terakhir masuk", "",
    ]  # fmt: skip
    assert [_value(v) for v in t.rows[0].values] == [
        "op", "Operator Satu", None, "Operator", "seluruh pemda", "nonaktif", masuk, "Ubah",
    ]  # fmt: skip
    html = _render(t)
    assert '<tr class="nonaktif">' in html and "<td>14 April 2025 pukul 10.32</td>" in html


def test_skm_header_typed_rows_and_markup():
    unsur = [("U1", "Persyaratan"), ("U2", "Prosedur")]
    nrr = SimpleNamespace(
        all=lambda: [SimpleNamespace(nrr=Decimal("3.4")), SimpleNamespace(nrr=Decimal("3"))]
    )
    lengkap = SimpleNamespace(pk=1, periode="TW IV", indikator=None, responden=100, unsur=nrr)
    kurang = SimpleNamespace(pk=2, periode="", indikator=SimpleNamespace(kode="IKT-1"), responden=None,
                             unsur=SimpleNamespace(all=lambda: []))  # fmt: skip
    ikm = SimpleNamespace(ni=Decimal("3.5056"), nik=Decimal("87.64"), mutu="B", kinerja="Baik")
    t = tabel_skm([(lengkap, ikm), (kurang, None)], unsur, url_ubah=lambda h: f"/skm/{h.pk}/")
    assert _headers(t) == ["Periode", "Indikator", "Responden", "U1", "U2", "NI", "IKM", "Mutu", ""]
    assert [_value(v) for v in t.rows[0].values][:7] == [
        "TW IV", None, 100, Decimal("3.4"), Decimal("3"), Decimal("3.5056"), Decimal("87.64"),
    ]  # fmt: skip
    html = _render(t)
    assert '<th scope="col" class="angka" title="Persyaratan">U1</th>' in html
    assert '<td class="angka">3,40</td>' in html and '<td class="angka">3,5056</td>' in html
    assert '<td class="angka"><strong>87,64</strong></td><td>B (Baik)</td>' in html
    assert '<td colspan="3">Belum lengkap 9 unsur</td><td><a href="/skm/2/">Ubah</a></td>' in html
    assert '<td>-</td><td>IKT-1</td><td class="angka">-</td>' in html


def test_pembanding_lain_header_and_typed_row():
    r = SimpleNamespace(
        indikator=SimpleNamespace(kode="IKT-1"), get_tingkat_display=lambda: "Provinsi",
        label="", nilai=Decimal("75.125"), nilai_label="", sumber="BPS",
    )  # fmt: skip
    t = tabel_pembanding_lain([r])
    assert _headers(t) == ["Indikator", "Tingkat", "Label", "Nilai", "Sumber"]
    assert [_value(v) for v in t.rows[0].values] == [
        "IKT-1",
        "Provinsi",
        None,
        Decimal("75.125"),
        "BPS",
    ]
    assert '<td>-</td><td class="angka">75,125</td><td>BPS</td>' in _render(t)


def test_indikator_renstra_versi_header_and_typed_row():
    ind = {
        "kode": "IKT-1", "nama": "IKM", "induk": {"tingkat": "Tujuan", "kode": "T1"},
        "satuan": "indeks", "iku": True, "target": {"2024": "85"}, "target_akhir": "86,5",
    }  # fmt: skip
    t = tabel_indikator_renstra_versi([{"ind": ind}], [2024, 2025])
    assert _headers(t) == [
        "Kode", "Indikator", "Tujuan / sasaran / program", "Satuan", "IKU", "2024", "2025",
        "Akhir Renstra",
    ]  # fmt: skip
    assert [_value(v) for v in t.rows[0].values] == [
        "IKT-1", "IKM", "Tujuan T1", "indeks", "IKU", "85", None, "86,5",
    ]  # fmt: skip
    html = _render(t)
    assert '<th scope="colgroup" class="tengah" colspan="3">Target</th>' in html
    assert '<th scope="col" class="angka">2025</th>' in html
    assert '<td><span class="lencana">IKU</span></td><td class="angka">85</td>' in html
    assert '<td class="angka">-</td><td class="angka akhir">86,5</td>' in html
    assert 'colspan="8" class="kosong">Versi ini' in _render(
        tabel_indikator_renstra_versi([], [2024, 2025])
    )


def test_pk_berjenjang_sasaran_and_anggaran():
    s = SimpleNamespace(
        uraian="Layanan prima", indikator="Persentase layanan", target=Decimal("90")
    )
    t = tabel_sasaran_pk_berjenjang([{"obj": s, "target": "90"}], "Sekretaris")
    assert _headers(t) == ["No.", "Sasaran", "Indikator kinerja", "Target"]
    assert [_value(v) for v in t.rows[0].values] == [
        1,
        "Layanan prima",
        "Persentase layanan",
        Decimal("90"),
    ]
    assert '<td class="angka">1</td><td>Layanan prima</td>' in _render(t)
    assert 'colspan="4" class="kosong">Belum ada sasaran.' in _render(
        tabel_sasaran_pk_berjenjang([], "X")
    )
    a = {"kode": "7.01.01", "nama": "Program", "tingkat": "program", "jumlah": Decimal("2500000")}
    t = tabel_anggaran_pk_berjenjang([a], "Sekretaris")
    assert _headers(t) == ["Kode", "Program / kegiatan / sub kegiatan", "Anggaran"]
    assert [_value(v) for v in t.rows[0].values] == ["7.01.01", "Program", Decimal("2500000")]
    assert (
        '<tr class="tingkat-program"><td class="kode">7.01.01</td><td>Program</td>'
        '<td class="angka">Rp 2.500.000</td></tr>'
    ) in _render(t)


def _pk():
    ind = SimpleNamespace(pk=9, kode="IKT-1", nama="IKM", iku=True, satuan="indeks")
    program = SimpleNamespace(kode="7.01.01", nama="Penunjang")
    anggaran = [SimpleNamespace(program=program, jumlah=Decimal("2500000"))]
    isi = {
        "obj": SimpleNamespace(sumber_dana="APBD"),
        "target": [{"ind": ind, "induk": "Sasaran 1", "target": "86"}],
        "anggaran": anggaran,
        "total": Decimal("2500000"),
    }
    beda = {
        "nama_perubahan": "Perubahan",
        "target": [{"ind": ind, "murni": "85", "perubahan": "86", "berubah": True, "selisih": "+1"}],
        "anggaran": [
            {"program": program, "murni": Decimal("1"), "perubahan": None, "berubah": True, "selisih": ""}
        ],
        "total_murni": Decimal("1"),
        "total_perubahan": Decimal("0"),
        "total_selisih": "−Rp 1",
    }  # fmt: skip
    return isi, beda


def test_pk_target_and_anggaran():
    isi, _ = _pk()
    t = tabel_target_pk(isi, lambda ind: f"/ind/{ind.pk}/")
    assert _headers(t) == [
        "No.",
        "Tujuan / sasaran / program",
        "Indikator kinerja",
        "Satuan",
        "Target",
    ]
    assert [_value(v) for v in t.rows[0].values] == [1, "Sasaran 1", "IKM", "indeks", "86"]
    assert '<a href="/ind/9/">IKM</a> <span class="lencana">IKU</span>' in _render(t)
    t = tabel_anggaran_pk(isi)
    assert _headers(t) == ["No.", "Kode", "Program", "Anggaran", "Keterangan"]
    assert [_value(v) for v in t.rows[0].values] == [
        1,
        "7.01.01",
        "Penunjang",
        Decimal("2500000"),
        "APBD",
    ]
    assert (
        '<tr class="tingkat-total"><td colspan="3">Jumlah</td><td class="angka">Rp 2.500.000</td>'
        "<td></td></tr>"
    ) in _render(t)


def test_pk_beda():
    _, beda = _pk()
    t = tabel_beda_target_pk(beda)
    assert _headers(t) == ["Indikator kinerja", "Target murni", "Target perubahan", "Selisih"]
    assert [_value(v) for v in t.rows[0].values] == ["IKT-1 IKM", "85", "86", "+1"]
    assert '<tr class="berubah"><td>IKT-1 IKM</td><td class="angka">85</td>' in _render(t)
    t = tabel_beda_anggaran_pk(beda)
    assert _headers(t) == ["Program", "Anggaran murni", "Anggaran perubahan", "Selisih"]
    assert [_value(v) for v in t.rows[0].values][1:] == [Decimal("1"), None, None]
    html = _render(t)
    assert '<td><span class="kode">7.01.01</span> Penunjang</td><td class="angka">Rp 1</td>' in html
    assert '<tr class="tingkat-total berubah"><td>Jumlah</td>' in html


def test_tenggat_header_and_typed_row():
    tw = [SimpleNamespace(tanggal=datetime.date(2025, 4, 14 + i)) for i in range(4)]
    t = tabel_tenggat({2025: tw})
    assert _headers(t) == ["Tahun", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    assert [_value(v) for v in t.rows[0].values][:2] == [2025, datetime.date(2025, 4, 14)]
    assert "<tr><td>2025</td><td>14 April 2025</td><td>15 April 2025</td>" in _render(t)


def _triwulan(romawi, status, terlambat=False, sudah=False, **lain):
    tenggat = SimpleNamespace(
        romawi=romawi, status=status, terlambat=terlambat, sudah_masuk=sudah,
        tanggal=datetime.date(2024, 4, 12),
    )  # fmt: skip
    isi = {"tanpa_realisasi": 0, "tanpa_bukti": 0, "komentar": ""} | lain
    return SimpleNamespace(
        tenggat=tenggat,
        status_label=status.capitalize(),
        url=f"/tw/{romawi}/",
        kode_status=status,
        **isi,
    )


def test_beranda_triwulan_header_typed_row_and_todo():
    r = SimpleNamespace(
        tahun=2024,
        triwulan=[
            _triwulan("I", "disetujui", sudah=True),
            _triwulan("II", "draf", terlambat=True, komentar="Lengkapi", tanpa_bukti=2),
            _triwulan("III", "draf"),
        ],
    )
    t = tabel_triwulan_beranda(r, operator=True)
    assert _headers(t) == ["Triwulan", "Status", "Tenggat", "Yang masih harus dikerjakan"]
    assert [_value(v) for v in t.rows[0].values] == [
        "Triwulan I",
        "Disetujui",
        datetime.date(2024, 4, 12),
        None,
    ]
    html = _render(t)
    assert '<tr class="status-draf terlambat"><td><a href="/tw/II/">Triwulan II</a></td>' in html
    assert (
        'Draf <strong class="lencana-terlambat">terlambat</strong></td><td>12 April 2024</td>'
        in html
    )
    assert '<p>Dikembalikan kepala: <q class="komentar-kepala">Lengkapi</q></p>' in html
    assert "<p>2 realisasi belum memiliki bukti dukung.</p>" in html
    assert "<p>Isian lengkap: ajukan ke kepala.</p>" in html
    assert len(tabel_triwulan_beranda(r, operator=False).columns) == 3


def test_beranda_ringkasan_header_typed_row_and_links():
    pd = SimpleNamespace(kode="1.01", nama="Kecamatan A", pemda=SimpleNamespace(nama="Kab"))
    lkjip = SimpleNamespace(get_status_display=lambda: "Draf")
    r = SimpleNamespace(
        pd=pd, tahun=2024, tahun_semua=[2024, 2023], lkjip=lkjip,
        triwulan=[_triwulan("I", "disetujui"), _triwulan("II", "draf", terlambat=True)],
    )  # fmt: skip
    kosong = SimpleNamespace(pd=pd, tahun=None, tahun_semua=[], lkjip=None, triwulan=[])
    t = tabel_ringkasan_beranda([r, kosong], lambda kode, tahun: f"/pd/{kode}/{tahun}/")
    assert _headers(t) == ["Kode", "Perangkat daerah", "Pemda", "Tahun", "Triwulan", "LKjIP"]
    assert [_value(v) for v in t.rows[0].values] == [
        "1.01", "Kecamatan A", "Kab", "2024, 2023",
        "TW I: disetujui; TW II: draf terlambat", "Draf (2024)",
    ]  # fmt: skip
    assert [_value(v) for v in t.rows[1].values][3:] == [None, None, None]
    html = _render(t)
    assert '<a href="/pd/1.01/2024/">2024</a>, <a href="/pd/1.01/2023/">2023</a></td>' in html
    assert (
        '<a href="/tw/I/" class="status-disetujui">TW I: disetujui</a>; <a href="/tw/II/" '
        'class="status-draf">TW II: draf <strong class="lencana-terlambat">terlambat</strong></a>'
    ) in html
    assert "<td>-</td><td>-</td><td>-</td>" in html


def test_versi_lkjip_header_typed_row_and_markup():
    waktu = datetime.datetime(2025, 4, 14, 10, 32)
    s = SimpleNamespace(
        versi=2, ditetapkan_pada=waktu, nama_penandatangan="Budi", jabatan_penandatangan="Camat",
        halaman=40, sha256="ab" * 32,
    )  # fmt: skip
    v = {
        "obj": s,
        "waktu": "14 April 2025 pukul 10.32",
        "url": "/v2.pdf",
        "url_verifikasi": "/cek/",
    }
    t = tabel_versi_lkjip([v, v], "ditetapkan")
    assert _headers(t) == [
        "Versi",
        "Ditetapkan",
        "Penandatangan",
        "Halaman",
        "SHA-256 berkas",
        "Berkas",
    ]
    assert [_value(x) for x in t.rows[0].values][:5] == [2, waktu, "Budi", 40, "ab" * 32]
    html = _render(t)
    assert html.count("berlaku") == 1 and '<td>2 <span class="lencana">berlaku</span></td>' in html
    assert '<td>Budi<small class="jabatan">Camat</small></td><td class="angka">40</td>' in html
    assert f'<code class="sidik" title="{"ab" * 32}">{"ab" * 8}…</code>' in html
    assert (
        '<a href="/v2.pdf">Unduh PDF versi 2</a> · <a href="/cek/">Halaman verifikasi</a>' in html
    )
    assert "berlaku" not in _render(tabel_versi_lkjip([v], "draf"))


def test_indikator_page_tables():
    t = tabel_target_renstra_indikator({"target": ["85", "-"], "akhir": "86"}, [2024, 2025])
    assert _headers(t) == ["2024", "2025", "Akhir Renstra"]
    assert [_value(v) for v in t.rows[0].values] == ["85", "-", "86"]
    assert '<td class="angka">-</td><td class="angka akhir">86</td>' in _render(t)
    pk = [{"tahun": 2024, "versi": "murni", "target": "85"}]
    t = tabel_target_pk_indikator(pk, lambda x: f"/pk/{x['tahun']}/?versi={x['versi']}")
    assert _headers(t) == ["Tahun", "Versi", "Target"]
    assert [_value(v) for v in t.rows[0].values] == [2024, "Murni", "85"]
    assert '<td><a href="/pk/2024/?versi=murni">2024</a></td><td>Murni</td>' in _render(t)
    t = tabel_riwayat_capaian(
        [{"tahun": 2023, "target": "80", "realisasi": "82", "capaian": "102,50%"}]
    )
    assert _headers(t) == ["Tahun", "Target", "Realisasi", "Capaian"]
    assert [_value(v) for v in t.rows[0].values] == [2023, "80", "82", "102,50%"]
    log = [
        {
            "waktu": "1 Mei 2025 pukul 09.00",
            "pengguna": "op",
            "uraian": "Target",
            "lama": "1",
            "baru": "2",
        }
    ]
    t = tabel_log_indikator(log)
    assert _headers(t) == ["Waktu", "Pengguna", "Perubahan", "Semula", "Menjadi"]
    assert '<td class="waktu">1 Mei 2025 pukul 09.00</td><td>op</td>' in _render(t)


def test_program_tree_header_typed_rows_and_markup():
    ind = {"obj": SimpleNamespace(pk=4, nama="Cakupan", satuan="%"), "target_tahun": [(2024, "90")]}
    sub = {
        "obj": SimpleNamespace(kode="7.01.01.2.01.01", nama="Sub", kode_buatan=False),
        "kode": "01",
        "indikator": [],
    }
    keg = {
        "obj": SimpleNamespace(kode="7.01.01.2.01", nama="Keg", kode_buatan=False),
        "kode": "2.01",
        "indikator": [ind],
        "sub": [sub],
    }
    program = {
        "obj": SimpleNamespace(kode="7.01.01", nama="Prog", kode_buatan=False), "kode": "7.01.01", "indikator": [],
        "sasaran": [SimpleNamespace(kode="S1", uraian="Layanan")], "kegiatan": [keg],
    }  # fmt: skip
    t = tabel_program([program], lambda x: f"/ind/{x.pk}/")
    assert _headers(t) == [
        "Kode",
        "Program / kegiatan / sub kegiatan",
        "Indikator dan target",
        "Sasaran yang didukung",
    ]
    assert [r.kind for r in t.rows] == ["program", "kegiatan", "sub"]
    assert [_value(v) for v in t.rows[1].values] == ["2.01", "Keg", "Cakupan (%) 2024: 90", ""]
    html = _render(t)
    assert '<td class="kode" title="7.01.01.2.01"><span class="indent-1">2.01</span></td>' in html
    assert '<div class="sasaran-didukung"><strong>S1</strong> Layanan</div>' in html
    assert (
        '<ul class="indikator-node"><li><a href="/ind/4/">Cakupan</a> <span class="satuan">(%)</span>'
        '<span class="target-kecil">2024: 90</span></li></ul>'
    ) in html
    assert 'colspan="4" class="kosong">Renstra ini belum memiliki program.' in _render(
        tabel_program([], str)
    )
