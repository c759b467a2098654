"""The quarterly realisasi as a workbook: downloaded pre-filled, filled offline, uploaded
back, previewed, then saved through ``realisasi_simpan_triwulan`` (the screen's own
writer, so the locks, the checks and the audit trail are the same).

The workbook holds one visible sheet (the indicators of the quarter with their targets
and the values already entered; only the realisasi, pembilang, penyebut and catatan
cells can be changed, the sheet is protected) and a hidden sheet naming the perangkat
daerah, year and quarter, signed with the server's key, so that a workbook cannot land
on another perangkat daerah, year or quarter; each row carries its indicator's id (a
hidden column) and must still carry its code, so a row cannot land on another indicator.

Reading is all or nothing: every problem is reported with its sheet, row, column and
reason in Indonesian, and nothing is saved while one remains.
"""

from __future__ import annotations

import hashlib
import hmac
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter

from kinerja.engine.angka import Nilai, NilaiTidakValid, parse_angka, parse_nilai, parse_target
from kinerja.engine.realisasi import Rasio
from kinerja.models import TIPE_CHOICES
from kinerja.services.realisasi import BarisRealisasi, GridTriwulan, romawi
from lib.format import format_waktu
from lib.xlsx_baca import BerkasDitolak, Galat, buka_buku

JENIS = "lkjip-realisasi-triwulan"
FORMAT = "1"
SHEET_ID = "lkjip"
BARIS_MAKS = 5000
UKURAN_MAKS = 5 * 1024 * 1024
BARIS_KEPALA = 6  # the header row of the visible sheet

_TIPE = dict(TIPE_CHOICES)
_GARIS = Side(style="thin", color="808080")
_BINGKAI = Border(left=_GARIS, right=_GARIS, top=_GARIS, bottom=_GARIS)
_ISIAN = PatternFill("solid", fgColor="FFF4C2")
_KEPALA = PatternFill("solid", fgColor="E8EEF4")


@dataclass(frozen=True)
class Kolom:
    kunci: str
    judul: str
    lebar: int
    isian: bool = False


def _kolom(triwulan: int) -> list[Kolom]:
    tw = romawi(triwulan)
    sebelumnya = [Kolom(f"r{q}", f"Realisasi TW {romawi(q)}", 14) for q in range(1, triwulan)]
    return [
        Kolom("no", "No", 5),
        Kolom("kode", "Kode", 12),
        Kolom("indikator", "Indikator", 50),
        Kolom("satuan", "Satuan", 12),
        Kolom("tipe", "Tipe penghitungan", 20),
        Kolom("target", "Target tahunan", 14),
        Kolom("rencana", f"Rencana aksi TW {tw}", 14),
        *sebelumnya,
        Kolom("nilai", f"Realisasi TW {tw}", 16, isian=True),
        Kolom("pembilang", "Pembilang (rasio)", 14, isian=True),
        Kolom("penyebut", "Penyebut (rasio)", 14, isian=True),
        Kolom("catatan", "Catatan", 40, isian=True),
        Kolom("id", "id", 8),
        Kolom("versi", "versi", 8),
    ]


def nama_sheet(triwulan: int) -> str:
    return f"Realisasi TW {romawi(triwulan)}"


def _tanda(kode_pd: str, tahun: int, triwulan: int) -> str:
    pesan = f"{JENIS}|{FORMAT}|{kode_pd}|{tahun}|{triwulan}"
    return hmac.new(settings.SECRET_KEY.encode(), pesan.encode(), hashlib.sha256).hexdigest()


def _sel_nilai(v: Any, label: str | None = None) -> Any:
    if label:
        return label
    if isinstance(v, Rasio):
        return f"{v.pembilang} / {v.penyebut}"
    if isinstance(v, Nilai):
        return v.label or v.angka
    return v


# --------------------------------------------------------------------------- writing


def buku_triwulan(grid: GridTriwulan, waktu) -> bytes:
    """The workbook of ``grid``'s quarter, pre-filled; ``waktu`` in local time."""
    pd, tahun, triwulan = grid.pd, grid.tahun, grid.triwulan
    kolom = _kolom(triwulan)
    wb = Workbook()
    ws = wb.active
    ws.title = nama_sheet(triwulan)
    ws["A1"] = f"Realisasi triwulan {romawi(triwulan)} tahun {tahun}"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = f"{pd.nama} — {pd.pemda.nama}"
    ws["A3"] = f"Diunduh {format_waktu(waktu)}"
    ws["A4"] = (
        "Isi hanya sel berwarna kuning (realisasi; pembilang dan penyebut untuk indikator "
        "rasio; catatan), lalu unggah kembali berkas ini pada halaman realisasi triwulan."
    )
    for i, k in enumerate(kolom, start=1):
        c = ws.cell(BARIS_KEPALA, i, k.judul)
        c.font, c.fill, c.border = Font(bold=True), _KEPALA, _BINGKAI
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    for n, b in enumerate(grid.baris, start=1):
        r = b.realisasi
        ind = b.indikator
        isi = {
            "no": n,
            "kode": ind.kode,
            "indikator": ind.nama,
            "satuan": ind.satuan,
            "tipe": _TIPE.get(ind.tipe_penghitungan, ind.tipe_penghitungan),
            "target": _sel_nilai(b.target_tahunan),
            "rencana": b.target_tw_teks[triwulan - 1]
            if isinstance(b.target_tw[triwulan - 1], Rasio)
            else b.target_tw[triwulan - 1],
            "nilai": _sel_nilai(r.nilai, r.label) if r and r.nilai is not None else None,
            "pembilang": r.pembilang if r else None,
            "penyebut": r.penyebut if r else None,
            "catatan": (r.catatan or None) if r else None,
            "id": ind.pk,
            "versi": b.versi,
        }
        for q in range(1, triwulan):
            v = b.realisasi_tw[q - 1]
            isi[f"r{q}"] = f"{v.pembilang} / {v.penyebut}" if isinstance(v, Rasio) else v
        baris = BARIS_KEPALA + n
        for i, k in enumerate(kolom, start=1):
            v = isi.get(k.kunci)
            c = ws.cell(baris, i, v.normalize() if isinstance(v, Decimal) else v)
            if isinstance(v, str):
                c.data_type = "s"
            c.border = _BINGKAI
            c.alignment = Alignment(vertical="top", wrap_text=k.kunci in ("indikator", "catatan"))
            if k.isian:
                c.fill = _ISIAN
                c.protection = Protection(locked=False)
    # The row ids and versions stay with the rows but out of sight.
    for k in kolom[-2:]:
        ws.column_dimensions[get_column_letter(kolom.index(k) + 1)].hidden = True
    ws.freeze_panes = ws.cell(BARIS_KEPALA + 1, 4)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False

    info = wb.create_sheet(SHEET_ID)
    for i, (kunci, nilai) in enumerate(
        [
            ("jenis", JENIS),
            ("format", FORMAT),
            ("perangkat_daerah", pd.kode),
            ("tahun", tahun),
            ("triwulan", triwulan),
            ("tanda", _tanda(pd.kode, tahun, triwulan)),
        ],
        start=1,
    ):
        info.cell(i, 1, kunci)
        info.cell(i, 2, nilai)
    info.sheet_state = "veryHidden"
    info.protection.sheet = True
    wb.properties.creator = "LKjIP"
    wb.properties.title = ws["A1"].value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- reading


# One name for the importer's refusal (``lib.xlsx_baca``).
BukuDitolak = BerkasDitolak


def _buka(data: bytes):
    return buka_buku(data, UKURAN_MAKS)


def _identitas(wb) -> dict[str, Any]:
    if SHEET_ID not in wb.sheetnames:
        raise BukuDitolak(
            [
                Galat(
                    "Buku kerja ini bukan unduhan realisasi triwulan dari LKjIP. Unduh buku "
                    "kerja dari halaman realisasi triwulan, isi, lalu unggah berkas itu."
                )
            ]
        )
    info = wb[SHEET_ID]
    return {
        str(r[0].value): r[1].value for r in info.iter_rows(min_row=1, max_row=10) if r[0].value
    }


def _angka_sel(v: Any) -> Decimal:
    if isinstance(v, bool):
        raise NilaiTidakValid("nilai benar/salah bukan angka")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        try:
            return Decimal(repr(v)).normalize()
        except InvalidOperation as e:
            raise NilaiTidakValid(f"{v!r} bukan angka yang sah") from e
    if isinstance(v, str):
        return parse_angka(v)
    raise NilaiTidakValid("isi sel bukan angka")


def nilai_sel(v: Any, *, rentang: bool = False) -> Nilai:
    """A value cell as a Nilai: text as typed on screen (graded labels too; with
    ``rentang``, a target, also a range "60 – 70"), a number exactly as the cell holds it."""
    if isinstance(v, str):
        return parse_target(v) if rentang else parse_nilai(v)
    return Nilai(_angka_sel(v))


def _periksa_identitas(wb, grid: GridTriwulan) -> None:
    pd, tahun, triwulan = grid.pd, grid.tahun, grid.triwulan
    ident = _identitas(wb)
    if ident.get("jenis") != JENIS:
        raise BukuDitolak([Galat("Buku kerja ini bukan unduhan realisasi triwulan dari LKjIP.")])
    asal = (str(ident.get("perangkat_daerah")), ident.get("tahun"), ident.get("triwulan"))
    if not hmac.compare_digest(str(ident.get("tanda", "")), _tanda(*asal)):
        raise BukuDitolak(
            [Galat("Lembar identitas buku kerja ini diubah. Unduh buku kerja yang baru.")]
        )
    if asal != (pd.kode, tahun, triwulan):
        tw = romawi(asal[2]) if asal[2] in (1, 2, 3, 4) else asal[2]
        raise BukuDitolak(
            [
                Galat(
                    f"Buku kerja ini untuk perangkat daerah {asal[0]} tahun {asal[1]} "
                    f"triwulan {tw}, bukan {pd.nama} tahun {tahun} triwulan {romawi(triwulan)}."
                )
            ]
        )


class _Baris:
    """One row of the sheet being read, with the problems found in it."""

    def __init__(self, row, nomor: int, sheet: str, kolom: list[Kolom], galat: list[Galat]):
        self.row, self.nomor, self.sheet = row, nomor, sheet
        self.posisi = {k.kunci: i for i, k in enumerate(kolom)}
        self.kolom = kolom
        self.galat = galat
        self.awal = len(galat)

    def sel(self, kunci: str):
        return self.row[self.posisi[kunci]]

    def salah(self, kunci: str, pesan: str) -> None:
        judul = self.kolom[self.posisi[kunci]].judul
        letak = f"{self.sel(kunci).column_letter} ({judul})"
        self.galat.append(Galat(pesan, self.sheet, self.nomor, letak))

    @property
    def ada_galat(self) -> bool:
        return len(self.galat) > self.awal

    def baca(self, kunci: str, fungsi) -> Any:
        v = self.sel(kunci).value
        if v in (None, ""):
            return None
        try:
            return fungsi(v)
        except NilaiTidakValid as e:
            self.salah(kunci, str(e))
            return None


def _baca_baris(b: _Baris, per_id: dict) -> BarisRealisasi | None:
    for k in b.kolom:
        if b.sel(k.kunci).data_type == "f":
            b.salah(k.kunci, "sel berisi rumus; isikan nilainya saja")
    id_ = b.sel("id").value
    if not isinstance(id_, int) or id_ not in per_id:
        b.salah("id", "baris ini bukan baris unduhan (indikator tidak dikenal)")
        return None
    kode = per_id[id_].indikator.kode
    if b.sel("kode").value != kode:
        b.salah("kode", f"kode indikator diubah (seharusnya {kode})")
        return None
    if b.ada_galat:
        return None
    nilai = b.baca("nilai", nilai_sel)
    pembilang = b.baca("pembilang", _angka_sel)
    penyebut = b.baca("penyebut", _angka_sel)
    for kunci, v in (("pembilang", pembilang), ("penyebut", penyebut)):
        if v is not None and v < 0:
            b.salah(kunci, "tidak boleh negatif")
    if (pembilang is None) != (penyebut is None) and not b.ada_galat:
        b.salah("penyebut", "isi pembilang dan penyebut bersama-sama")
    if b.ada_galat:
        return None
    catatan, versi = b.sel("catatan").value, b.sel("versi").value
    return BarisRealisasi(
        indikator_id=id_,
        nilai=nilai,
        pembilang=pembilang,
        penyebut=penyebut,
        catatan="" if catatan is None else str(catatan).strip(),
        versi=versi if isinstance(versi, int) else 0,
    )


def baca_buku_triwulan(data: bytes, grid: GridTriwulan) -> list[BarisRealisasi]:
    """The rows of an uploaded workbook of ``grid``'s quarter, as the screen would send
    them; :class:`BukuDitolak` listing every problem found."""
    wb = _buka(data)
    _periksa_identitas(wb, grid)
    nama = nama_sheet(grid.triwulan)
    if nama not in wb.sheetnames:
        raise BukuDitolak([Galat(f"Lembar “{nama}” tidak ada di buku kerja ini.")])
    ws = wb[nama]
    kolom = _kolom(grid.triwulan)
    judul = [ws.cell(BARIS_KEPALA, i).value for i in range(1, len(kolom) + 1)]
    if judul != [k.judul for k in kolom]:
        raise BukuDitolak(
            [
                Galat(
                    "Judul kolom berubah: jangan menambah, menghapus atau memindahkan kolom.",
                    nama,
                    BARIS_KEPALA,
                )
            ]
        )
    if ws.max_row - BARIS_KEPALA > BARIS_MAKS:
        raise BukuDitolak([Galat(f"Lebih dari {BARIS_MAKS} baris.", nama)])
    per_id = grid.per_indikator()
    galat: list[Galat] = []
    hasil: list[BarisRealisasi] = []
    for nomor, row in enumerate(
        ws.iter_rows(min_row=BARIS_KEPALA + 1, max_col=len(kolom)), start=BARIS_KEPALA + 1
    ):
        if all(c.value in (None, "") for c in row):
            continue
        baris = _baca_baris(_Baris(row, nomor, nama, kolom, galat), per_id)
        if baris is not None:
            hasil.append(baris)
    if not galat and not hasil:
        raise BukuDitolak([Galat("Lembar realisasi tidak berisi baris indikator.", nama)])
    if galat:
        raise BukuDitolak(galat)
    return hasil


def identitas_buku(data: bytes) -> tuple[str, int, int] | None:
    """(kode perangkat daerah, tahun, triwulan) named by a quarterly workbook's signed
    sheet; None for another workbook. :class:`BukuDitolak` when it is no workbook or
    its identity was altered."""
    wb = _buka(data)
    if SHEET_ID not in wb.sheetnames:
        return None
    ident = _identitas(wb)
    if ident.get("jenis") != JENIS:
        return None
    asal = (str(ident.get("perangkat_daerah")), ident.get("tahun"), ident.get("triwulan"))
    if not hmac.compare_digest(str(ident.get("tanda", "")), _tanda(*asal)):
        raise BukuDitolak(
            [Galat("Lembar identitas buku kerja ini diubah. Unduh buku kerja yang baru.")]
        )
    return asal
