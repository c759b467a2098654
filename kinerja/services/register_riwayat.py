"""The sheet "Tahun sebelumnya" of the register workbook: the earlier years of the
Renstra's indicators (before the first year opened here), one row per indicator and
year, as an earlier report states them: target (a range too), realisasi, or only the
capaian it printed. Rows are added below; a row whose target, realisasi and capaian
are emptied removes that year; a row left out changes nothing. Saved by
``kinerja.services.perencanaan.riwayat.riwayat_simpan_banyak``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from kinerja.engine.angka import Nilai, NilaiTidakValid, parse_angka
from kinerja.models import Indikator, Renstra, RiwayatIndikator, Tahun
from kinerja.services.perencanaan.riwayat import TAHUN_MIN, UbahRiwayat, kanon_riwayat
from kinerja.services.realisasi_xlsx import nilai_sel
from lib.xlsx_baca import Galat

SHEET_RIWAYAT = "Tahun sebelumnya"
BARIS_KEPALA = 4
KOLOM = (
    ("kode", "Kode indikator", 16),
    ("nama", "Nama indikator (keterangan)", 48),
    ("tahun", "Tahun", 8),
    ("target", "Target", 14),
    ("realisasi", "Realisasi", 14),
    ("capaian", "Capaian dilaporkan (%)", 14),
)
_ISIAN = PatternFill("solid", fgColor="FFF4C2")


def kunci_asal(kode: str, tahun: int) -> str:
    return f"{kode}|{tahun}"


def tulis_riwayat(wb, renstra: Renstra, indikator: list[Indikator]) -> dict[str, dict]:
    """Add the sheet to ``wb``; the texts as downloaded by :func:`kunci_asal`."""
    ws = wb.create_sheet(SHEET_RIWAYAT)
    awal = (
        Tahun.objects.filter(perangkat_daerah=renstra.perangkat_daerah)
        .order_by("tahun")
        .values_list("tahun", flat=True)
        .first()
    )
    ws["A1"] = "Realisasi tahun sebelumnya (sebelum data tahunan di aplikasi)"
    ws["A1"].font = Font(bold=True, size=12)
    batas = f" (sebelum {awal})" if awal else ""
    ws["A2"] = (
        f"Satu baris untuk setiap indikator dan tahun{batas}, seperti laporan lama "
        "menyebutkannya: target (boleh rentang, misalnya 60 – 70), realisasi, atau hanya "
        "capaian (%) bila laporan itu hanya memuat capaiannya. Tambahkan baris di bawah; "
        "kosongkan target, realisasi dan capaian untuk menghapus tahun itu."
    )
    for k, (_, judul, lebar) in enumerate(KOLOM, start=1):
        c = ws.cell(BARIS_KEPALA, k, judul)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(k)].width = lebar
        # Empty cells stay open in the protected sheet so that rows can be added.
        ws.column_dimensions[get_column_letter(k)].protection = Protection(locked=False)
    per_id = {i.pk: i for i in indikator}
    rows = sorted(
        (r for r in RiwayatIndikator.objects.filter(indikator__renstra=renstra)),
        key=lambda r: (per_id[r.indikator_id].urutan, r.indikator_id, r.tahun),
    )
    asal: dict[str, dict] = {}
    for n, row in enumerate(rows, start=BARIS_KEPALA + 1):
        ind = per_id[row.indikator_id]
        isi = kanon_riwayat(row)
        asal[kunci_asal(ind.kode, row.tahun)] = isi
        nilai = {"kode": ind.kode, "nama": ind.nama, "tahun": row.tahun} | isi
        for k, (kunci, _, _) in enumerate(KOLOM, start=1):
            c = ws.cell(n, k)
            c.value = nilai[kunci] if nilai[kunci] != "" else None
            c.data_type = "s" if isinstance(c.value, str) else c.data_type
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if kunci in ("target", "realisasi", "capaian"):
                c.fill = _ISIAN
                c.protection = Protection(locked=False)
    ws.freeze_panes = ws.cell(BARIS_KEPALA + 1, 3)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return asal


def judul_riwayat() -> list[str]:
    return [j for _, j, _ in KOLOM]


def _teks(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _tahun(v: Any) -> int | None:
    teks = _teks(v)
    return int(teks) if teks.isdigit() and len(teks) == 4 else None


def _capaian(v: Any) -> Decimal | None:
    """A capaian as printed: a number cell, or text with its decimals ("98,50", "98,50%")."""
    if isinstance(v, str):
        teks = v.strip().removesuffix("%").strip()
        return parse_angka(teks) if teks else None
    if v is None:
        return None
    return nilai_sel(v).angka


def _nilai(v: Any, rentang: bool) -> Nilai | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    return nilai_sel(v, rentang=rentang)


def _baris(r: int, nilai: dict, galat: list[Galat]) -> tuple[Nilai | None, ...] | None:
    huruf = {k: get_column_letter(i) for i, (k, _, _) in enumerate(KOLOM, start=1)}
    hasil = []
    for kunci, baca in (
        ("target", lambda v: _nilai(v, True)),
        ("realisasi", lambda v: _nilai(v, False)),
        ("capaian", _capaian),
    ):
        try:
            hasil.append(baca(nilai[kunci]))
        except NilaiTidakValid as e:
            galat.append(Galat(str(e), SHEET_RIWAYAT, r, huruf[kunci]))
            return None
    return tuple(hasil)


def baca_riwayat(isi, asal: dict[str, dict], kode_sah: set[str], galat: list[Galat]) -> list:
    """The changed earlier years of the sheet's values ``isi`` (``kode_sah``: the codes of
    the register, new ones too); problems in ``galat``."""
    hasil: list[UbahRiwayat] = []
    dilihat: dict[tuple[str, int], int] = {}
    for r0 in range(BARIS_KEPALA, len(isi.sel)):
        r = r0 + 1
        row = isi.sel[r0]
        nilai = {k: (row[i] if i < len(row) else None) for i, (k, _, _) in enumerate(KOLOM)}
        if all(_teks(v) == "" for k, v in nilai.items() if k != "nama"):
            continue
        rumus = [i for i in range(len(KOLOM)) if (r0, i) in isi.rumus]
        for i in rumus:
            galat.append(Galat("sel berisi rumus; isikan nilainya saja", SHEET_RIWAYAT, r,
                               get_column_letter(i + 1)))  # fmt: skip
        if rumus:
            continue
        kode, tahun = _teks(nilai["kode"]), _tahun(nilai["tahun"])
        if kode not in kode_sah:
            pesan = f"indikator {kode} tidak ada di register" if kode else "kode indikator wajib"
            galat.append(Galat(pesan, SHEET_RIWAYAT, r, "A"))
            continue
        if tahun is None or tahun < TAHUN_MIN:
            galat.append(Galat("tahun ditulis empat angka, misalnya 2020", SHEET_RIWAYAT, r, "C"))
            continue
        if (kode, tahun) in dilihat:
            pesan = f"tahun {tahun} indikator {kode} sudah ada di baris {dilihat[kode, tahun]}"
            galat.append(Galat(pesan, SHEET_RIWAYAT, r, "C"))
            continue
        dilihat[kode, tahun] = r
        baca = _baris(r, nilai, galat)
        if baca is None:
            continue
        semula = asal.get(kunci_asal(kode, tahun))
        u = UbahRiwayat(r, kode, tahun, *baca, asal=semula or {})
        if u.teks() != (semula or {}):
            hasil.append(u)
    return hasil
