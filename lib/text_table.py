"""Plain-text tables for a terminal: the ``hitung`` command's readable output.

Pure module: no Django, no app import. :func:`sebagai_teks` prints the result of
``kinerja.engine.hitung.hitung`` (read by attribute, so this module needs no
import of the engine) as Indonesian tables, rounded half-up for display.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from lib.decimals import jumlah_desimal
from lib.format import format_angka, format_persen, format_rupiah

__all__ = ["sebagai_teks"]


def _pd(x: Decimal | None) -> str:
    return "-" if x is None else format_persen(x)


def _tabel(judul: str, kepala: list[str], baris: Iterable[list[str]], kanan: set[int]) -> str:
    baris = list(baris)
    lebar = [len(h) for h in kepala]
    for b in baris:
        for i, sel in enumerate(b):
            lebar[i] = max(lebar[i], len(sel))

    def fmt(b: list[str]) -> str:
        return "  ".join(
            sel.rjust(lebar[i]) if i in kanan else sel.ljust(lebar[i]) for i, sel in enumerate(b)
        )

    garis = "  ".join("-" * w for w in lebar)
    return "\n".join([judul, fmt(kepala), garis, *(fmt(b) for b in baris), ""])


def _truncate(teks: str, n: int = 48) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def sebagai_teks(hasil: Any, nama_pd: str) -> str:
    """The result as readable Indonesian tables (rounded half-up for display)."""

    def angka_atau_label(x: Decimal | None, label: str | None) -> str:
        if label:
            return label
        return (
            "-"
            if x is None
            else format_angka(
                x, max(jumlah_desimal(x.normalize()), 0) if x == x.to_integral_value() else 2
            )
        )

    bagian = [f"Hasil perhitungan {nama_pd} tahun {hasil.tahun}", ""]
    bagian.append(
        _tabel(
            "Capaian indikator",
            ["Kode", "Indikator", "Target", "Sumber", "Realisasi", "Capaian", "Skor", "Predikat"],
            (
                [
                    i.kode,
                    _truncate(i.nama),
                    angka_atau_label(i.target, i.target_label),
                    i.sumber_target or "-",
                    angka_atau_label(i.realisasi, i.realisasi_label),
                    _pd(i.capaian),
                    _pd(i.capaian_skor),
                    i.predikat or "-",
                ]
                for i in hasil.indikator
            ),
            {2, 4, 5, 6},
        )
    )
    bagian.append(
        _tabel(
            "Realisasi anggaran",
            ["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan"],
            (
                [
                    a["kode"],
                    _truncate(("  " * a["kedalaman"]) + a["nama"]),
                    format_angka(a["pagu"], 0) if a["pagu"] is not None else "-",
                    format_angka(a["realisasi"], 0) if a["realisasi"] is not None else "-",
                    _pd(a["penyerapan"]),
                ]
                for a in hasil.anggaran
            ),
            {2, 3, 4},
        )
    )
    bagian.append(
        _tabel(
            f"Efisiensi (metode {hasil.aturan['metode_efisiensi']})",
            ["Kode", "Uraian", "Capaian", "Penyerapan", "Nilai", "Kategori"],
            (
                [
                    e["kode"],
                    _truncate(e["uraian"], 40),
                    _pd(e["capaian"]),
                    _pd(e["penyerapan"]),
                    "-" if e["nilai"] is None else format_angka(e["nilai"]),
                    e["kategori"],
                ]
                for e in hasil.efisiensi
            ),
            {2, 3, 4},
        )
    )
    r = hasil.ringkasan
    bagian.append("Ringkasan")
    bagian.append(f"  Rata-rata capaian IKU : {_pd(r['rata_rata_capaian_iku'])}")
    bagian.append(f"  Pagu total            : {format_rupiah(r['pagu_total'])}")
    bagian.append(f"  Realisasi total       : {format_rupiah(r['realisasi_total'])}")
    bagian.append(f"  Penyerapan total      : {_pd(r['penyerapan_total'])}")
    bagian.append("")
    if hasil.temuan:
        bagian.append(f"Temuan ({len(hasil.temuan)})")
        for n, x in enumerate(hasil.temuan, 1):
            bagian.append(f"  {n}. [{x.jenis}] {x.lokasi}: {x.pesan}")
    else:
        bagian.append("Temuan: tidak ada")
    return "\n".join(bagian) + "\n"
