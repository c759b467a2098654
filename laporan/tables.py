"""Row sources (:mod:`lib.rows`) of the laporan screens' read-only tables: the BAB I
tables of staff and facilities as saved, and their availability and efficiency.

Each function returns a ``lib.rows.Table`` of typed values; the screens render it
with ``{% tabel %}`` (kinerja/templatetags/tabel.py) and the xlsx export will
write the same table. See docs/tabel.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from kinerja.engine.sumber_daya import Ketersediaan
from lib.rows import Align, Cell, Column, Kind, Part, Row, Table

# Counts as the form holds them (no thousands separator).
_JUMLAH = {"align": Align.RIGHT}


def tabel_sdm(baris: Sequence[dict[str, Any]]) -> Table:
    """The staff table as saved (``laporan.selectors.baris_tabel(lkjip, "sdm")``)."""
    return Table(
        title="Tabel SDM menurut kelompok (eselon, golongan, pendidikan)",
        columns=[
            Column("No", css="no"),
            Column("Kelompok"),
            Column("Uraian"),
            Column("PNS", **_JUMLAH),
            Column("Non-PNS", **_JUMLAH),
            Column("Kebutuhan (ABK)", **_JUMLAH),
        ],
        rows=[
            Row([str(i), r["kelompok"], r["uraian"], r["pns"], r["non_pns"], r["kebutuhan"]])
            for i, r in enumerate(baris, 1)
        ],
    )


def tabel_sarpras(baris: Sequence[dict[str, Any]]) -> Table:
    """The facilities table as saved (``laporan.selectors.baris_tabel(lkjip, "sarpras")``)."""
    return Table(
        title="Tabel sarana dan prasarana",
        columns=[
            Column("No", css="no"),
            Column("Uraian"),
            Column("Jumlah", **_JUMLAH),
            Column("Satuan"),
            Column("Kondisi"),
            Column("Kebutuhan (standar)", **_JUMLAH),
        ],
        rows=[
            Row(
                [
                    str(i),
                    r["uraian"],
                    r["jumlah"],
                    r["satuan"],
                    r["kondisi"],
                    r["kebutuhan"],
                ]
            )
            for i, r in enumerate(baris, 1)
        ],
    )


def tabel_efisiensi_sdm(
    baris: Sequence[Any], total: Ketersediaan, efisiensi: Decimal | None
) -> Table:
    """Availability of staff against their need (ABK) per row and in total, and the
    efficiency (``baris``: ``laporan.views.sumber_daya.BarisSDM``)."""
    return Table(
        title="Efisiensi SDM",
        columns=[
            Column("Kelompok"),
            Column("Uraian"),
            Column("Kebutuhan (ABK)", Kind.ANGKA, decimals=0),
            Column("Tersedia (PNS + non-PNS)", Kind.ANGKA, decimals=0),
            Column("% ketersediaan", Kind.PERSEN),
            Column("Efisiensi (100 − % ketersediaan)", Kind.ANGKA, decimals=2),
        ],
        rows=[
            Row(
                [
                    b.kelompok,
                    b.uraian,
                    b.ketersediaan.kebutuhan if b.ketersediaan.persen is not None else None,
                    b.pns + b.non_pns,
                    b.ketersediaan.persen,
                    b.efisiensi,
                ]
            )
            for b in baris
        ],
        footer=[
            Row(
                [
                    Cell("Jumlah (baris yang kebutuhannya diisi)", colspan=2, row_header=True),
                    total.kebutuhan,
                    total.tersedia,
                    total.persen,
                    efisiensi,
                ]
            )
        ],
    )


def tabel_efisiensi_sarpras(total: Ketersediaan, efisiensi: Decimal | None) -> Table:
    """Availability of the facilities against the standard need, and the efficiency."""
    return Table(
        title="Efisiensi sarana prasarana",
        columns=[
            Column("Kebutuhan (standar)", Kind.ANGKA, decimals=0),
            Column("Tersedia", Kind.ANGKA, decimals=0),
            Column("% ketersediaan", Kind.PERSEN),
            Column("Efisiensi (capaian IKU − % ketersediaan)", Kind.ANGKA, decimals=2),
        ],
        rows=[Row([total.kebutuhan, total.tersedia, total.persen, efisiensi])],
    )


def tabel_evaluasi(daftar: Sequence[dict[str, Any]]) -> Table:
    """The evaluator's list (``evaluasi-daftar``): each perangkat daerah of the pemda, a
    row group of its LKjIP per year with the status, the signed version, the PDFs and
    the evidence. ``daftar`` as the view builds it: ``{"pd", "tahun": [...]}``."""
    rows: list[Row] = []
    for x in daftar:
        rows.extend(_baris_evaluasi(x["pd"], x["tahun"]))
    return Table(
        title="LKjIP perangkat daerah",
        columns=[
            Column("Perangkat daerah", row_header=True),
            Column("Tahun"),
            Column("Status"),
            Column("Versi ditetapkan"),
            Column("PDF"),
            Column("Bukti dukung", Kind.ANGKA, align=Align.LEFT),
        ],
        rows=rows,
        css="data evaluasi",
        empty="Pemda ini belum memiliki perangkat daerah.",
        empty_css="kosong",
    )


def _baris_evaluasi(pd: Any, tahun: Sequence[dict[str, Any]]) -> list[Row]:
    nama = (Part(pd.nama), Part(pd.kode, tag="small"))
    if not tahun:
        kepala = Cell(pd.nama, parts=nama, css="nama-pd")
        kosong = Cell(None, label="Belum ada data LKjIP.", colspan=5, css="kosong")
        return [Row([kepala, kosong], group=pd.kode)]
    kepala = Cell(pd.nama, parts=nama, css="nama-pd", rowspan=len(tahun), scope="rowgroup")
    return [
        Row(
            ([kepala] if i == 0 else []) + _sel_evaluasi(th),
            css=f"status-{th['status']}",
            group=pd.kode,
        )
        for i, th in enumerate(tahun)
    ]


def _sel_evaluasi(th: dict[str, Any]) -> list[Cell]:
    s = th["snapshot"]
    status = [Part(th["label"], tag="span", css=f"lencana-status status-{th['status']}")]
    if th["terlambat"]:
        terlambat = Part("terlambat", tag="span", css="lencana-terlambat")
        status.append(Part(f"Triwulan {', '.join(th['terlambat'])} ", "small", parts=(terlambat,)))
    if s:
        lagi = f" · {th['jumlah_versi']} versi" if th["jumlah_versi"] > 1 else ""
        versi = (
            Part(f"Versi {s.versi}, {th['waktu']}"),
            Part(s.nama_penandatangan + lagi, "small"),
        )
        pdf = (
            Part(f"Unduh PDF versi {s.versi}", url=th["url_pdf"]),
            Part(" · "),
            Part("Verifikasi", url=th["url_verifikasi"]),
        )
    else:
        versi = (Part("belum ditetapkan", "span", "kosong"),)
        pdf = (Part("Draf PDF", url=th["url_draf"]),)
    bukti = th["bukti"]
    return [
        Cell(th["tahun"], url=th["url_editor"]),
        Cell(th["label"], parts=tuple(status)),
        Cell(s.versi if s else None, parts=versi),
        Cell("".join(p.text for p in pdf), parts=pdf),
        Cell(
            bukti,
            parts=(Part(f"Unduh {bukti} berkas (zip)", url=th["url_bukti"]),)
            if bukti
            else (Part("belum ada", "span", "kosong"),),
        ),
    ]


TERLAMBAT = Part("terlambat", "strong", "lencana-terlambat")


def tabel_triwulan_beranda(r: Any, *, operator: bool) -> Table:
    """The quarters of a perangkat daerah's working year against their deadlines (``r``:
    ``laporan.tugas.RingkasanPD``); for its operator, what is still to do."""
    return Table(
        title=f"Laporan triwulan tahun {r.tahun}",
        columns=[
            Column("Triwulan"),
            Column("Status"),
            Column("Tenggat", Kind.TANGGAL),
            *([Column("Yang masih harus dikerjakan")] if operator else []),
        ],
        rows=[
            Row(
                [
                    Cell(f"Triwulan {t.tenggat.romawi}", url=t.url),
                    _status_triwulan(t),
                    t.tenggat.tanggal,
                    *([_kekurangan(t)] if operator else []),
                ],
                css=f"status-{t.kode_status}{' terlambat' if t.tenggat.terlambat else ''}",
            )
            for t in r.triwulan
        ],
    )


def _status_triwulan(t: Any) -> Cell:
    if not t.tenggat.terlambat:
        return Cell(t.status_label)
    return Cell(t.status_label, parts=(Part(f"{t.status_label} "), TERLAMBAT))


def _kekurangan(t: Any) -> Cell:
    """What the operator still has to do for a quarter not yet submitted, one line each."""
    if t.tenggat.sudah_masuk:
        return Cell(None)
    baris: list[Part] = []
    if t.komentar:
        komentar = Part(t.komentar, "q", "komentar-kepala")
        baris.append(Part("Dikembalikan kepala: ", "p", parts=(komentar,)))
    if t.tanpa_realisasi:
        baris.append(
            Part(f"{t.tanpa_realisasi} indikator bertarget belum diisi realisasinya.", "p")
        )
    if t.tanpa_bukti:
        baris.append(Part(f"{t.tanpa_bukti} realisasi belum memiliki bukti dukung.", "p"))
    if not baris:
        baris.append(Part("Isian lengkap: ajukan ke kepala.", "p"))
    teks = " ".join(p.text + "".join(c.text for c in p.parts) for p in baris)
    return Cell(teks, parts=tuple(baris))


def tabel_ringkasan_beranda(
    ringkasan: Sequence[Any], url_tahun: Callable[[str, int], str]
) -> Table:
    """The perangkat daerah a user sees: their years (linked to each dashboard), the
    quarters of the working year and the LKjIP status (``laporan.tugas.RingkasanPD``)."""
    return Table(
        title="Perangkat daerah",
        columns=[
            Column("Kode"),
            Column("Perangkat daerah"),
            Column("Pemda"),
            Column("Tahun"),
            Column("Triwulan"),
            Column("LKjIP"),
        ],
        rows=[
            Row(
                [
                    r.pd.kode,
                    r.pd.nama,
                    r.pd.pemda.nama,
                    _daftar_tautan(
                        [Part(str(t), url=url_tahun(r.pd.kode, t)) for t in r.tahun_semua], ", "
                    ),
                    _daftar_tautan([_tautan_triwulan(t) for t in r.triwulan], "; "),
                    f"{r.lkjip.get_status_display()} ({r.tahun})" if r.lkjip else None,
                ]
            )
            for r in ringkasan
        ],
    )


def _tautan_triwulan(t: Any) -> Part:
    teks = f"TW {t.tenggat.romawi}: {t.status_label.lower()}"
    if t.tenggat.terlambat:
        return Part(f"{teks} ", url=t.url, css=f"status-{t.kode_status}", parts=(TERLAMBAT,))
    return Part(teks, url=t.url, css=f"status-{t.kode_status}")


def _daftar_tautan(tautan: list[Part], pemisah: str) -> Cell:
    """Links one after another, ``pemisah`` between; "-" without any."""
    if not tautan:
        return Cell(None)
    parts: list[Part] = []
    for i, p in enumerate(tautan):
        if i:
            parts.append(Part(pemisah))
        parts.append(p)
    teks = pemisah.join(p.text + "".join(c.text for c in p.parts) for p in tautan)
    return Cell(teks, parts=tuple(parts))


def tabel_versi_lkjip(versi: Sequence[dict[str, Any]], status: str) -> Table:
    """The signed versions of an LKjIP, newest first, the first marked "berlaku" while
    the LKjIP is ditetapkan (``versi``: ``{"obj": SnapshotLKjIP, "waktu", "url",
    "url_verifikasi"}``)."""
    return Table(
        title="Versi yang ditetapkan",
        columns=[
            Column("Versi"),
            Column("Ditetapkan", Kind.WAKTU),
            Column("Penandatangan"),
            Column("Halaman", align=Align.RIGHT),
            Column("SHA-256 berkas"),
            Column("Berkas"),
        ],
        rows=[
            _baris_versi(v, berlaku=i == 0 and status == "ditetapkan") for i, v in enumerate(versi)
        ],
        css="data versi",
    )


def _baris_versi(v: dict[str, Any], *, berlaku: bool) -> Row:
    s = v["obj"]
    berkas = (
        Part(f"Unduh PDF versi {s.versi}", url=v["url"]),
        Part(" · "),
        Part("Halaman verifikasi", url=v["url_verifikasi"]),
    )
    return Row(
        [
            Cell(s.versi, badge="berlaku" if berlaku else None),
            Cell(s.ditetapkan_pada, label=v["waktu"]),
            Cell(
                s.nama_penandatangan,
                parts=(
                    Part(s.nama_penandatangan),
                    Part(s.jabatan_penandatangan, "small", "jabatan"),
                ),
            ),
            s.halaman,
            Cell(s.sha256, parts=(Part(f"{s.sha256[:16]}…", "code", "sidik", title=s.sha256),)),
            Cell(v["url"], parts=berkas),
        ]
    )


def tabel_pembanding_pd(
    daftar: Sequence[tuple[Any, Sequence[Any]]], *, url_ubah: Callable
) -> Table:
    """The pemda's perangkat daerah, each with the perangkat daerah the admin pemda named
    as its comparison (``daftar``: (perangkat daerah, its comparison list)), linked to the
    form."""
    return Table(
        title="Perangkat daerah pembanding",
        columns=[
            Column("Kode", css="kode"),
            Column("Perangkat daerah", row_header=True),
            Column("Dibandingkan dengan"),
            Column(""),
        ],
        rows=[
            Row(
                [
                    pd.kode,
                    pd.nama,
                    ", ".join(f"{x.nama} ({x.kode})" for x in pembanding) or None,
                    Cell("Ubah", url=url_ubah(pd), title=f"Ubah pembanding {pd.nama}"),
                ]
            )
            for pd, pembanding in daftar
        ],
        empty="Belum ada perangkat daerah.",
        empty_css="kosong",
    )
