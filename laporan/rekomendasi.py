"""The recommendations of the LHE and their follow-up: read-only queries and the matrix
"tindak lanjut hasil evaluasi" as a row source (``lib.rows``), shown on the screens of
the perangkat daerah and of the evaluator and printed in BAB IV of the next LKjIP.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from kinerja.models import Pemda, PerangkatDaerah
from laporan.models import Rekomendasi
from lib.rows import Cell, Column, Kind, Row, Table

JUDUL = "Matriks Tindak Lanjut Hasil Evaluasi AKIP"


def rekomendasi_pd(pd: PerangkatDaerah, tahun: int | None = None) -> list[Rekomendasi]:
    """The recommendations of a perangkat daerah (of one evaluated year, or all)."""
    q = Rekomendasi.objects.filter(perangkat_daerah=pd).select_related("perangkat_daerah")
    if tahun is not None:
        q = q.filter(tahun=tahun)
    return list(q.order_by("-tahun", "urutan"))


def rekomendasi_pemda(pemda: Pemda) -> list[Rekomendasi]:
    return list(
        Rekomendasi.objects.filter(perangkat_daerah__pemda=pemda)
        .select_related("perangkat_daerah")
        .order_by("perangkat_daerah__kode", "-tahun", "urutan")
    )


def status_teks(r: Rekomendasi) -> str:
    """The status of a follow-up as the matrix prints it."""
    teks = r.get_status_display()
    if r.tinjauan:
        teks += f"; {r.get_tinjauan_display().lower()}"
    return teks


def tabel_tindak_lanjut(
    daftar: Sequence[Rekomendasi],
    *,
    hari_ini: datetime.date | None = None,
    pd: bool = False,
    url: Callable[[Rekomendasi], str] | None = None,
    judul: str = JUDUL,
) -> Table:
    """The matrix of seed 002 Tabel 3.20: no., recommendation, rencana aksi, target,
    completion date, person responsible, status. With ``hari_ini`` (a screen) an overdue
    follow-up is flagged; ``pd`` adds the perangkat daerah's column (the evaluator's
    page); ``url`` links the recommendation to its form."""
    columns = [Column("No.", Kind.NOMOR, width=5)]
    if pd:
        columns.append(Column("Perangkat daerah"))
    columns += [
        Column("Rekomendasi", width=25 if not pd else None),
        Column("Rencana aksi tindak lanjut"),
        Column("Target"),
        Column("Waktu penyelesaian", Kind.TANGGAL),
        Column("Penanggung jawab"),
        Column("Status / progres penyelesaian"),
    ]
    rows = []
    for r in daftar:
        terlambat = hari_ini is not None and r.terlambat(hari_ini)
        status = Cell(
            status_teks(r),
            note="Terlambat: melewati waktu penyelesaian" if terlambat else (r.komentar or None),
            note_css="peringatan" if terlambat else "",
            css="terlambat" if terlambat else "",
        )
        sel = [r.urutan]
        if pd:
            sel.append(f"{r.perangkat_daerah.nama} ({r.tahun})")
        sel += [
            Cell(r.teks, url=url(r) if url else None),
            r.rencana_aksi or "—",
            r.keluaran or "—",
            r.tenggat,
            r.penanggung_jawab or "—",
            status,
        ]
        rows.append(Row(sel, kind="terlambat" if terlambat else ""))
    return Table(
        title=judul,
        columns=columns,
        rows=rows,
        css="data tindak-lanjut",
        empty="Belum ada rekomendasi hasil evaluasi.",
        empty_css="kosong",
    )
