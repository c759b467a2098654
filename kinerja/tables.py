"""Row sources (:mod:`lib.rows`) of the performance tables the screens show.

Each function returns a ``lib.rows.Table`` of typed values; the screens render it
with ``{% tabel %}`` (kinerja/templatetags/tabel.py) and the xlsx export will
write the same table. See docs/tabel.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from kinerja.engine.hitung import HasilIndikator
from kinerja.templatetags.kata import sumber_target
from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.format import format_angka, format_nip
from lib.rows import Align, Cell, Column, Heading, Kind, Part, Row, Table


def tabel_capaian_indikator(indikator: Sequence[HasilIndikator]) -> Table:
    """The detailed computation of every indicator: target, realisasi, capaian, score,
    predicate and the rule applied (the page "Perhitungan")."""
    return Table(
        title="Capaian indikator",
        columns=[
            Column("Kode"),
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", Kind.ANGKA, max_decimals=None),
            Column("Sumber target"),
            Column("Realisasi", Kind.ANGKA, max_decimals=None),
            Column("Capaian", Kind.PERSEN),
            Column("Skor", Kind.PERSEN),
            Column("Predikat", Kind.PREDIKAT, align=Align.LEFT),
            Column("Rumus", css="rumus"),
        ],
        rows=[
            Row(
                [
                    i.kode,
                    Cell(i.nama, badge="IKU" if i.iku else None),
                    i.satuan,
                    Cell(i.target, label=i.target_label),
                    sumber_target(i.sumber_target),
                    Cell(i.realisasi, label=i.realisasi_label),
                    i.capaian,
                    i.capaian_skor,
                    Cell(i.predikat or None, color=i.warna),
                    Cell(i.rumus or None, note=i.catatan or None),
                ],
                i.tingkat,
            )
            for i in indikator
        ],
    )


def tabel_ikm(ikm: Sequence[dict[str, Any]]) -> Table:
    """The Indeks Kepuasan Masyarakat of each survey of the year."""
    return Table(
        title="Indeks Kepuasan Masyarakat (SKM)",
        columns=[
            Column("Periode"),
            Column("Responden", align=Align.RIGHT),
            Column("NI", Kind.ANGKA, decimals=4),
            Column("IKM (NIK)", Kind.ANGKA, decimals=2),
            Column("Mutu"),
        ],
        rows=[
            Row(
                [
                    x["periode"] or None,
                    x["responden"] or None,
                    x["ni"],
                    x["nik"],
                    f"{x['mutu']} ({x['kinerja']})",
                ]
            )
            for x in ikm
        ],
    )


def tabel_indikator_dasbor(indikator: Sequence[Any], tahun: int, sampai: int) -> Table:
    """The dashboard's indicators so far: target, target and realisasi s.d. triwulan
    ``sampai`` (its own column before the fourth), capaian, predicate, quarters missing.

    ``indikator`` are ``laporan.views.dasbor.BarisIndikator`` rows (any object with
    their attributes)."""
    sebagian = 0 < sampai < 4
    sd = f" s.d. TW {ROMAWI[sampai - 1]}" if sebagian else ""
    columns = [
        Column("Kode", css="kode"),
        Column("Indikator"),
        Column("Satuan"),
        Column(f"Target {tahun}", Kind.ANGKA),
    ]
    if sebagian:
        columns.append(Column(f"Target{sd}", Kind.ANGKA))
    columns += [
        Column(f"Realisasi{sd}", Kind.ANGKA),
        Column("Capaian", Kind.PERSEN),
        Column("Predikat", Kind.PREDIKAT, align=Align.LEFT),
        Column("Triwulan belum diisi"),
    ]
    return Table(
        title=f"Capaian indikator kinerja{sd.replace(' TW', ' triwulan')}",
        columns=columns,
        rows=[_baris_dasbor(b, sebagian) for b in indikator],
        css="data dasbor",
        empty=f"Belum ada indikator yang memiliki target pada tahun {tahun}.",
    )


def _baris_dasbor(b: Any, sebagian: bool) -> Row:
    nilai: list[Any] = [
        b.kode,
        Cell(b.nama, badge="IKU" if b.iku else None),
        b.satuan,
        Cell(b.target, label=b.target_label, note=b.sumber_target, note_css="sumber"),
    ]
    if sebagian:
        nilai.append(b.target_sd)
    kosong = ", ".join(b.kosong)
    nilai += [
        Cell(b.realisasi, label=b.realisasi_label),
        b.capaian,
        Cell(b.predikat or None, color=b.warna),
        Cell(f"TW {kosong}", css="kurang") if kosong else Cell("lengkap", css="lengkap"),
    ]
    return Row(nilai)


def tabel_riwayat(
    baris: Sequence[Mapping[str, Any]], *, tampil_objek: bool = True, kosong: str = ""
) -> Table:
    """The audit trail: when, who, which action (its code as a tooltip), on which object
    (``tampil_objek``: the trail of a perangkat daerah, not of one object) and each change
    as "old → new". ``baris`` are the entries as the audit view describes them."""
    columns = [
        Column("Waktu", Kind.WAKTU, css="waktu"),
        Column("Pengguna"),
        Column("Aksi"),
        *([Column("Objek")] if tampil_objek else []),
        Column("Perubahan", css="perubahan"),
    ]
    return Table(
        title="Riwayat perubahan",
        columns=columns,
        rows=[_baris_riwayat(b, tampil_objek) for b in baris],
        css="data riwayat",
        empty=kosong,
    )


def _baris_riwayat(b: Mapping[str, Any], tampil_objek: bool) -> Row:
    perubahan = b["perubahan"]
    teks_perubahan = "; ".join(
        f"{apa + ': ' if apa else ''}{lama} → {baru}" for apa, lama, baru in perubahan["ubah"]
    )
    objek = Cell(
        b["objek"],
        url=b["url_objek"],
        title="Riwayat objek ini" if b["url_objek"] else None,
        note=b["tipe"] or None,
        note_css="tipe",
    )
    return Row(
        [
            Cell(datetime.datetime.fromisoformat(b["waktu_iso"]), time=b["waktu_iso"]),
            b["pengguna"],
            Cell(b["aksi"], title=b["kode_aksi"], text_css="aksi"),
            *([objek] if tampil_objek else []),
            Cell(
                "; ".join(t for t in (teks_perubahan, perubahan["lain"]) if t),
                changes=tuple(perubahan["ubah"]),
                detail=perubahan["lain"] or None,
                detail_css="lain",
            ),
        ]
    )


def tabel_pejabat(
    daftar: Sequence[Any], *, tahun: int, url_ubah: Callable[[Any], str] | None = None
) -> Table:
    """The officials of a year who sign the documents (of a perangkat daerah or of the
    pemda), the head marked "Kepala"; ``url_ubah`` links each to its form (when the
    user may change them)."""
    columns = [
        Column("No.", Kind.NOMOR, align=Align.RIGHT),
        Column("Jabatan (seperti dicetak)"),
        Column("Nama"),
        Column("Pangkat / golongan"),
        Column("NIP"),
        *([Column("")] if url_ubah else []),
    ]
    return Table(
        title=f"Pejabat tahun {tahun}",
        columns=columns,
        rows=[
            Row(
                [
                    i,
                    Cell(p.jabatan_lengkap, badge="Kepala" if p.kepala else None),
                    p.nama_lengkap,
                    f"{p.pangkat or '-'}{f' ({p.golongan})' if p.golongan else ''}",
                    Cell(p.nip or None, label=format_nip(p.nip) if p.nip else None),
                    *([Cell("Ubah", url=url_ubah(p))] if url_ubah else []),
                ]
            )
            for i, p in enumerate(daftar, 1)
        ],
        empty=f"Belum ada pejabat tahun {tahun}.",
        empty_css="kosong",
    )


def tabel_perangkat_daerah(daftar: Sequence[Any], *, url_ubah: Callable[[Any], str]) -> Table:
    """The pemda's perangkat daerah with their head and number of users (annotated
    ``jumlah_pengguna``), each linked to its form."""
    return Table(
        title="Perangkat daerah",
        columns=[
            Column("Kode", css="kode"),
            Column("Nama"),
            Column("Jenis"),
            Column("Alamat"),
            Column("Kepala"),
            Column("Pengguna", align=Align.RIGHT),
            Column(""),
        ],
        rows=[
            Row(
                [
                    pd.kode,
                    pd.nama,
                    pd.jenis,
                    pd.alamat or None,
                    (pd.kepala.nama if pd.kepala else None) or None,
                    pd.jumlah_pengguna,
                    Cell("Ubah", url=url_ubah(pd)),
                ]
            )
            for pd in daftar
        ],
        empty="Belum ada perangkat daerah.",
        empty_css="kosong",
    )


def tabel_pengguna(daftar: Sequence[Mapping[str, Any]], *, url_ubah: Callable[[Any], str]) -> Table:
    """The pemda's users with their role, scope, status and last login (``daftar``:
    ``{"peran", "user", "login"}`` as the view builds it); a superuser has no "Ubah"."""
    return Table(
        title="Pengguna",
        columns=[
            Column("Nama pengguna"),
            Column("Nama"),
            Column("Surel"),
            Column("Peran"),
            Column("Perangkat daerah"),
            Column("Status"),
            Column("Terakhir masuk", Kind.WAKTU),
            Column(""),
        ],
        rows=[_baris_pengguna(x, url_ubah) for x in daftar],
        empty="Belum ada pengguna.",
        empty_css="kosong",
    )


def _baris_pengguna(x: Mapping[str, Any], url_ubah: Callable[[Any], str]) -> Row:
    user, peran = x["user"], x["peran"]
    pd = peran.perangkat_daerah
    return Row(
        [
            user.username,
            user.get_full_name() or None,
            user.email or None,
            peran.get_jenis_display(),
            (pd.nama if pd else None) or "seluruh pemda",
            "aktif" if user.is_active else "nonaktif",
            Cell(user.last_login, label=x["login"]),
            "" if user.is_superuser else Cell("Ubah", url=url_ubah(user)),
        ],
        css="" if user.is_active else "nonaktif",
    )


def tabel_skm(
    baris: Sequence[tuple[Any, Any]],
    unsur: Sequence[tuple[str, str]],
    *,
    url_ubah: Callable[[Any], str] | None = None,
) -> Table:
    """The year's SKM surveys: the NRR of each unsur (``unsur``: (code, name)), the IKM
    and its mutu; ``baris`` (survey, IKM or None while the unsur are incomplete)."""
    return Table(
        title="Hasil SKM",
        columns=[
            Column("Periode"),
            Column("Indikator"),
            Column("Responden", Kind.ANGKA, decimals=0),
            *(Column(kode, Kind.ANGKA, decimals=2, title=nama) for kode, nama in unsur),
            Column("NI", Kind.ANGKA, decimals=4),
            Column("IKM", Kind.ANGKA, decimals=2),
            Column("Mutu"),
            *([Column("")] if url_ubah else []),
        ],
        rows=[_baris_skm(h, ikm, url_ubah) for h, ikm in baris],
    )


def _baris_skm(h: Any, ikm: Any, url_ubah: Callable[[Any], str] | None) -> Row:
    if ikm:
        hasil = [
            ikm.ni,
            Cell(ikm.nik, parts=(Part(format_angka(ikm.nik), "strong"),)),
            f"{ikm.mutu} ({ikm.kinerja})",
        ]
    else:
        hasil = [Cell("Belum lengkap 9 unsur", colspan=3, kind=Kind.TEKS)]
    return Row(
        [
            h.periode or None,
            h.indikator.kode if h.indikator else None,
            h.responden,
            *(u.nrr for u in h.unsur.all()),
            *hasil,
            *([Cell("Ubah", url=url_ubah(h), kind=Kind.TEKS)] if url_ubah else []),
        ]
    )


def tabel_pembanding_lain(lain: Sequence[Any]) -> Table:
    """Comparison values of other levels or labels than the form's (from an import)."""
    return Table(
        title="Nilai pembanding lain (hasil impor)",
        columns=[
            Column("Indikator"),
            Column("Tingkat"),
            Column("Label"),
            Column("Nilai", Kind.ANGKA, max_decimals=None),
            Column("Sumber"),
        ],
        rows=[
            Row(
                [
                    r.indikator.kode,
                    r.get_tingkat_display(),
                    r.label or None,
                    Cell(r.nilai, label=r.nilai_label or None),
                    r.sumber or None,
                ]
            )
            for r in lain
        ],
    )


def tabel_indikator_renstra_versi(
    baris: Sequence[Mapping[str, Any]], tahun_list: Sequence[int]
) -> Table:
    """The indicators of one Renstra version with their yearly and final targets, as the
    version's frozen copy holds them (``baris``: ``{"ind": {...}}``; targets are text)."""
    kanan = {"align": Align.RIGHT}
    columns = [
        Column("Kode"),
        Column("Indikator"),
        Column("Tujuan / sasaran / program"),
        Column("Satuan"),
        Column("IKU"),
        *(Column(str(t), **kanan) for t in tahun_list),
        Column("Akhir Renstra", css="akhir", **kanan),
    ]
    header = [
        [
            *(Heading(c.header, rowspan=2) for c in columns[:5]),
            Heading("Target", colspan=len(tahun_list) + 1, css="tengah"),
        ],
        [Heading(c.header, css="angka") for c in columns[5:]],
    ]
    return Table(
        title="Indikator versi Renstra",
        columns=columns,
        header=header,
        rows=[_baris_renstra_versi(b["ind"], tahun_list) for b in baris],
        css="data indikator-renstra",
        empty="Versi ini belum memiliki indikator.",
        empty_css="kosong",
    )


def _baris_renstra_versi(ind: Mapping[str, Any], tahun_list: Sequence[int]) -> Row:
    induk = ind.get("induk") or {}
    target = ind.get("target") or {}
    return Row(
        [
            ind.get("kode", ""),
            ind.get("nama", ""),
            f"{induk.get('tingkat', '')} {induk.get('kode', '')}",
            ind.get("satuan", ""),
            Cell("IKU", parts=(Part("IKU", "span", "lencana"),)) if ind.get("iku") else None,
            *(target.get(str(t)) or None for t in tahun_list),
            ind.get("target_akhir") or None,
        ]
    )


def tabel_sasaran_pk_berjenjang(sasaran: Sequence[Mapping[str, Any]], jabatan: str) -> Table:
    """The targets of one cascaded PK (``sasaran``: ``{"obj", "target"}``, the target
    as the page prints it)."""
    return Table(
        title=f"Sasaran PK {jabatan}",
        columns=[
            Column("No.", Kind.NOMOR, align=Align.RIGHT),
            Column("Sasaran"),
            Column("Indikator kinerja"),
            Column("Target", Kind.ANGKA, max_decimals=None),
        ],
        rows=[
            Row([i, s["obj"].uraian, s["obj"].indikator, Cell(s["obj"].target, label=s["target"])])
            for i, s in enumerate(sasaran, 1)
        ],
        empty="Belum ada sasaran.",
        empty_css="kosong",
    )


def tabel_anggaran_pk_berjenjang(anggaran: Sequence[Mapping[str, Any]], jabatan: str) -> Table:
    """The programs, activities and sub-activities of one cascaded PK with their budget."""
    return Table(
        title=f"Anggaran PK {jabatan}",
        columns=[
            Column("Kode", css="kode"),
            Column("Program / kegiatan / sub kegiatan"),
            Column("Anggaran", Kind.RUPIAH, symbol=True),
        ],
        rows=[Row([a["kode"], a["nama"], a["jumlah"]], a["tingkat"]) for a in anggaran],
    )


def tabel_target_pk(pk: Mapping[str, Any], url_indikator: Callable[[Any], str]) -> Table:
    """The targets of a Perjanjian Kinerja version (``pk``: ``isi_pk``), each indicator
    linked to its page."""
    return Table(
        title="Sasaran, indikator kinerja dan target",
        columns=[
            Column("No.", Kind.NOMOR, align=Align.RIGHT),
            Column("Tujuan / sasaran / program"),
            Column("Indikator kinerja"),
            Column("Satuan"),
            Column("Target", align=Align.RIGHT),
        ],
        rows=[
            Row(
                [
                    i,
                    t["induk"],
                    Cell(
                        t["ind"].nama,
                        url=url_indikator(t["ind"]),
                        badge="IKU" if t["ind"].iku else None,
                    ),
                    t["ind"].satuan,
                    t["target"],
                ]
            )
            for i, t in enumerate(pk["target"], 1)
        ],
        empty="Versi ini belum memuat target.",
        empty_css="kosong",
    )


def tabel_anggaran_pk(pk: Mapping[str, Any]) -> Table:
    """The programs of a Perjanjian Kinerja version with their budget and its total."""
    sumber_dana = pk["obj"].sumber_dana or None
    anggaran = pk["anggaran"]
    return Table(
        title="Program dan anggaran",
        columns=[
            Column("No.", Kind.NOMOR, align=Align.RIGHT),
            Column("Kode", css="kode"),
            Column("Program"),
            Column("Anggaran", Kind.RUPIAH, symbol=True),
            Column("Keterangan"),
        ],
        rows=[
            Row([i, a.program.kode, a.program.nama, a.jumlah, sumber_dana])
            for i, a in enumerate(anggaran, 1)
        ],
        footer=[Row([Cell("Jumlah", colspan=3, kind=Kind.TEKS), pk["total"], ""], "total")]
        if anggaran
        else [],
        empty="Versi ini belum memuat anggaran program.",
        empty_css="kosong",
    )


def tabel_beda_target_pk(beda: Mapping[str, Any]) -> Table:
    """Targets of the murni version beside the latest perubahan, changed rows marked."""
    nama = beda["nama_perubahan"].lower()
    kanan = {"align": Align.RIGHT}
    return Table(
        title=f"Target murni dan {nama}",
        columns=[
            Column("Indikator kinerja"),
            Column("Target murni", **kanan),
            Column(f"Target {nama}", **kanan),
            Column("Selisih", **kanan),
        ],
        rows=[
            Row(
                [
                    f"{b['ind'].kode} {b['ind'].nama}",
                    b["murni"],
                    b["perubahan"],
                    (b["selisih"] or "berubah") if b["berubah"] else None,
                ],
                css="berubah" if b["berubah"] else "",
            )
            for b in beda["target"]
        ],
        css="data beda",
    )


def tabel_beda_anggaran_pk(beda: Mapping[str, Any]) -> Table:
    """Program budgets of the murni version beside the latest perubahan, with the total."""
    nama = beda["nama_perubahan"].lower()
    rupiah = {"kind": Kind.RUPIAH, "symbol": True}
    return Table(
        title=f"Anggaran murni dan {nama}",
        columns=[
            Column("Program"),
            Column("Anggaran murni", **rupiah),
            Column(f"Anggaran {nama}", **rupiah),
            Column("Selisih", align=Align.RIGHT),
        ],
        rows=[
            Row(
                [
                    Cell(
                        f"{b['program'].kode} {b['program'].nama}",
                        parts=(
                            Part(b["program"].kode, "span", "kode"),
                            Part(f" {b['program'].nama}"),
                        ),
                    ),
                    b["murni"],
                    b["perubahan"],
                    b["selisih"] or None,
                ],
                css="berubah" if b["berubah"] else "",
            )
            for b in beda["anggaran"]
        ],
        footer=[
            Row(
                [
                    "Jumlah",
                    beda["total_murni"],
                    beda["total_perubahan"],
                    beda["total_selisih"] or None,
                ],
                "total",
                css="berubah" if beda["total_selisih"] else "",
            )
        ],
        css="data beda",
    )


def tabel_tenggat(contoh: Mapping[int, Sequence[Any]]) -> Table:
    """The deadline of each quarter's report, for the years of ``contoh`` (year → the
    four ``TenggatTriwulan``)."""
    return Table(
        title="Tenggat laporan triwulan",
        columns=[
            Column("Tahun"),
            *(Column(f"Triwulan {r}", Kind.TANGGAL) for r in ROMAWI),
        ],
        rows=[Row([tahun, *(t.tanggal for t in daftar)]) for tahun, daftar in contoh.items()],
    )


def tabel_target_renstra_indikator(baris: Mapping[str, Any], tahun_list: Sequence[int]) -> Table:
    """An indicator's Renstra targets, one column a year and the final target (as the
    planning pages print them)."""
    kanan = {"align": Align.RIGHT}
    return Table(
        title="Target Renstra",
        columns=[
            *(Column(str(t), **kanan) for t in tahun_list),
            Column("Akhir Renstra", css="akhir", **kanan),
        ],
        rows=[Row([*baris["target"], baris["akhir"]])],
        css="data sempit",
    )


def tabel_target_pk_indikator(
    target_pk: Sequence[Mapping[str, Any]], url_pk: Callable[[Mapping[str, Any]], str]
) -> Table:
    """An indicator's target in each Perjanjian Kinerja version, linked to the version."""
    return Table(
        title="Target Perjanjian Kinerja",
        columns=[Column("Tahun"), Column("Versi"), Column("Target", align=Align.RIGHT)],
        rows=[
            Row(
                [
                    Cell(t["tahun"], url=url_pk(t)),
                    t["versi"][:1].upper() + t["versi"][1:],
                    t["target"],
                ]
            )
            for t in target_pk
        ],
        css="data sempit",
    )


def tabel_riwayat_capaian(riwayat: Sequence[Mapping[str, Any]]) -> Table:
    """An indicator's target, realisasi and capaian in the years before."""
    kanan = {"align": Align.RIGHT}
    return Table(
        title="Riwayat capaian tahun sebelumnya",
        columns=[
            Column("Tahun"),
            Column("Target", **kanan),
            Column("Realisasi", **kanan),
            Column("Capaian", **kanan),
        ],
        rows=[Row([r["tahun"], r["target"], r["realisasi"], r["capaian"]]) for r in riwayat],
        css="data sempit",
    )


def tabel_log_indikator(log: Sequence[Mapping[str, Any]]) -> Table:
    """The recorded changes of an indicator: when, who, what, from and to."""
    return Table(
        title="Riwayat perubahan",
        columns=[
            Column("Waktu", css="waktu"),
            Column("Pengguna"),
            Column("Perubahan"),
            Column("Semula"),
            Column("Menjadi"),
        ],
        rows=[Row([x["waktu"], x["pengguna"], x["uraian"], x["lama"], x["baru"]]) for x in log],
    )


def tabel_program(pohon: Sequence[Mapping[str, Any]], url_indikator: Callable[[Any], str]) -> Table:
    """The Renstra's program → kegiatan → sub kegiatan tree with the indicators and yearly
    targets of each node and the sasaran each program supports (``baca.pohon_renstra``)."""
    rows: list[Row] = []
    for p in pohon:
        sasaran = [
            Part(
                "",
                "div",
                "sasaran-didukung",
                parts=(Part(s.kode, "strong"), Part(f" {s.uraian}")),
            )
            for s in p["sasaran"]
        ]
        rows.append(
            Row(
                [
                    _sel_kode(p),
                    p["obj"].nama,
                    _indikator_node(p["indikator"], url_indikator),
                    Cell(
                        "; ".join(f"{s.kode} {s.uraian}" for s in p["sasaran"]),
                        parts=tuple(sasaran),
                    )
                    if sasaran
                    else None,
                ],
                "program",
            )
        )
        for k in p["kegiatan"]:
            rows.append(_baris_program(k, "kegiatan", 1, url_indikator))
            rows.extend(_baris_program(s, "sub", 2, url_indikator) for s in k["sub"])
    return Table(
        title="Program, kegiatan dan sub kegiatan",
        columns=[
            Column("Kode", css="kode"),
            Column("Program / kegiatan / sub kegiatan"),
            Column("Indikator dan target"),
            Column("Sasaran yang didukung"),
        ],
        rows=rows,
        css="data pohon-program",
        empty="Renstra ini belum memiliki program.",
        empty_css="kosong",
    )


def _sel_kode(node: Mapping[str, Any], css: str = "") -> Cell:
    """The code of a program tree node; a code the application made up is marked."""
    obj = node["obj"]
    if obj.kode_buatan:
        return Cell(
            "tanpa kode",
            text_css=f"{css} kode-buatan".strip(),
            cell_title=f"Laporan semula tidak mencantumkan kode Kepmendagri; kode {obj.kode} "
            "disusun aplikasi",
        )
    return Cell(node["kode"], text_css=css, cell_title=obj.kode)


def _baris_program(node: Mapping[str, Any], tingkat: str, indent: int, url_indikator) -> Row:
    css = f"indent-{indent}"
    return Row(
        [
            _sel_kode(node, css),
            Cell(node["obj"].nama, text_css=css),
            _indikator_node(node["indikator"], url_indikator),
            "",
        ],
        tingkat,
    )


def _indikator_node(daftar: Sequence[Mapping[str, Any]], url_indikator) -> Cell:
    """A node's indicators: name (linked), unit and the target of each year."""
    if not daftar:
        return Cell("")
    items = tuple(
        Part(
            "",
            "li",
            parts=(
                Part(b["obj"].nama, url=url_indikator(b["obj"])),
                Part(" "),
                Part(f"({b['obj'].satuan})", "span", "satuan"),
                *(
                    Part(f"{th}: {nilai}", "span", "target-kecil")
                    for th, nilai in b["target_tahun"]
                ),
            ),
        )
        for b in daftar
    )
    teks = "; ".join(
        f"{b['obj'].nama} ({b['obj'].satuan})"
        + "".join(f" {th}: {nilai}" for th, nilai in b["target_tahun"])
        for b in daftar
    )
    return Cell(teks, parts=(Part("", "ul", "indikator-node", parts=items),))
