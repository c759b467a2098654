"""The indicator register of a Renstra as a workbook: its texts (nama, satuan, formulasi,
definisi operasional, alasan pemilihan, sumber data, penanggung jawab), its yearly
targets and the end target; downloaded, filled offline, uploaded, previewed, then saved
through the screens' writers (``indikator_ubah``, ``target_tahunan_simpan``): the year
locks, the Renstra revision rule, the conflict check and the audit trail apply. All or
nothing: one refused row, and nothing is saved.

The values as downloaded travel in a hidden sheet (signed with the server's key), so a
cell changed on screen after the download is a conflict, not silently overwritten.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection

from kinerja.engine.angka import Nilai, NilaiTidakValid
from kinerja.models import Indikator, Renstra, TargetTahunan
from kinerja.services.perencanaan.common import teks_isian, teks_nilai
from kinerja.services.perencanaan.indikator import (
    LABEL_INDIKATOR,
    indikator_ubah,
    kanon_indikator,
    target_tahunan_simpan,
)
from kinerja.services.realisasi_xlsx import nilai_sel
from lib.xlsx_baca import BerkasDitolak, Galat, buka_buku

JENIS = "lkjip-register-renstra"
SHEET = "Register indikator"
SHEET_ASAL = "lkjip"
UKURAN_MAKS = 5 * 1024 * 1024
POTONGAN = 30000  # characters of the identity text per cell
BARIS_KEPALA = 4
TEKS = ("nama", "satuan", "formulasi", "definisi_operasional", "alasan_pemilihan",
        "sumber_data", "penanggung_jawab")  # fmt: skip
_ISIAN = PatternFill("solid", fgColor="FFF4C2")


def _kolom(renstra: Renstra) -> list[tuple[str, str]]:
    """(key, header) of the visible columns; only the key ``kode`` is not editable."""
    tahun = [(f"t{x}", f"Target {x}") for x in range(renstra.mulai, renstra.selesai + 1)]
    return [
        ("kode", "Kode"),
        *[(k, LABEL_INDIKATOR[k]) for k in TEKS],
        *tahun,
        ("target_akhir", LABEL_INDIKATOR["target_akhir"]),
    ]


def _tanda(isi: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), isi.encode(), hashlib.sha256).hexdigest()


def _indikator(renstra: Renstra) -> list[Indikator]:
    return list(Indikator.objects.filter(renstra=renstra).order_by("urutan", "pk"))


def _isi_sel(teks: str) -> Any:
    return teks if teks else None


def buku_register(renstra: Renstra) -> bytes:
    """The register workbook of ``renstra``, with what it holds now."""
    kolom = _kolom(renstra)
    indikator = _indikator(renstra)
    target: dict[int, dict[int, str]] = {}
    for row in TargetTahunan.objects.filter(indikator__renstra=renstra):
        target.setdefault(row.indikator_id, {})[row.tahun] = teks_nilai(row.nilai, row.label)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    pd = renstra.perangkat_daerah
    ws["A1"] = f"Register indikator Renstra {renstra.mulai}–{renstra.selesai}"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = f"{pd.nama} — {pd.pemda.nama}"
    ws["A3"] = (
        "Ubah sel berwarna kuning, lalu unggah kembali berkas ini pada halaman Renstra. "
        "Target ditulis seperti di layar (98,5 atau nilai bertingkat seperti BB (73,75))."
    )
    for k, (_, judul) in enumerate(kolom, start=1):
        c = ws.cell(BARIS_KEPALA, k, judul)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
    asal = {}
    for r, ind in enumerate(indikator, start=BARIS_KEPALA + 1):
        kanon = kanon_indikator(ind)
        isi = {k: kanon[k] for k in TEKS} | {"target_akhir": kanon["target_akhir"]}
        isi |= {
            f"t{x}": target.get(ind.pk, {}).get(x, "")
            for x in range(renstra.mulai, renstra.selesai + 1)
        }
        asal[ind.kode] = isi
        for k, (kunci, _) in enumerate(kolom, start=1):
            c = ws.cell(r, k)
            c.value = ind.kode if kunci == "kode" else _isi_sel(isi[kunci])
            c.data_type = "s" if isinstance(c.value, str) else c.data_type
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if kunci != "kode":
                c.fill = _ISIAN
                c.protection = Protection(locked=False)
    for huruf, lebar in zip("ABCDEFGH", (12, 40, 12, 40, 40, 30, 30, 24), strict=True):
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = ws.cell(BARIS_KEPALA + 1, 2)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    teks = json.dumps({"renstra": renstra.pk, "pd": pd.kode, "asal": asal}, ensure_ascii=False)
    info = wb.create_sheet(SHEET_ASAL)
    # A cell holds at most 32,767 characters (openpyxl cuts a longer one when reading):
    # the text goes in pieces down column A, after the kind and the signature.
    info["A1"], info["A2"] = JENIS, _tanda(teks)
    for i in range(0, len(teks), POTONGAN):
        info.cell(3 + i // POTONGAN, 1).value = teks[i : i + POTONGAN]
    info.sheet_state = "veryHidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class BarisRegister:
    """One indicator's changes read from the workbook."""

    indikator: Indikator
    baris: int
    data: dict[str, Any] = field(default_factory=dict)  # indikator_ubah's data
    asal: dict[str, str] = field(default_factory=dict)
    target: dict[int, Nilai | None] = field(default_factory=dict)
    asal_target: dict[int, str] = field(default_factory=dict)

    @property
    def perubahan(self) -> list[tuple[str, str, str]]:
        """(what, as downloaded, as uploaded) of each change, for the preview."""
        hasil = [
            (
                LABEL_INDIKATOR[k],
                self.asal.get(k, ""),
                teks_isian(v) if k == "target_akhir" else (v or ""),
            )
            for k, v in self.data.items()
        ]
        hasil += [
            (f"Target {x}", self.asal_target.get(x, ""), teks_isian(v))
            for x, v in self.target.items()
        ]
        return hasil


def _teks_sel(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).replace("\r\n", "\n").strip()


def _nilai(v: Any) -> Nilai | None:
    if v in (None, ""):
        return None
    return nilai_sel(v)


def _identitas(wb, renstra: Renstra) -> dict:
    if SHEET_ASAL not in wb.sheetnames or wb[SHEET_ASAL]["A1"].value != JENIS:
        raise BerkasDitolak([Galat("Buku kerja ini bukan unduhan register indikator Renstra.")])
    nilai = [c.value for c in wb[SHEET_ASAL]["A"]]
    tanda, teks = str(nilai[1] or ""), "".join(str(v or "") for v in nilai[2:])
    if not hmac.compare_digest(str(tanda), _tanda(str(teks))):
        raise BerkasDitolak([Galat("Lembar identitas buku kerja ini diubah. Unduh yang baru.")])
    info = json.loads(teks)
    if info["renstra"] != renstra.pk:
        raise BerkasDitolak(
            [Galat(f"Buku kerja ini untuk Renstra lain ({info['pd']}), bukan Renstra ini.")]
        )
    if SHEET not in wb.sheetnames:
        raise BerkasDitolak([Galat(f"Lembar “{SHEET}” tidak ada.")])
    judul = [ws_cell.value for ws_cell in wb[SHEET][BARIS_KEPALA]][: len(_kolom(renstra))]
    if judul != [j for _, j in _kolom(renstra)]:
        raise BerkasDitolak(
            [
                Galat(
                    "Judul kolom berubah: jangan menambah, menghapus atau memindahkan kolom.",
                    SHEET,
                    BARIS_KEPALA,
                )
            ]
        )
    return info


def _baca_sel(b: BarisRegister, kunci: str, c, asal: dict) -> None:
    """Note the change of one cell in ``b`` (NilaiTidakValid for a bad value)."""
    if kunci in TEKS:
        baru = _teks_sel(c.value)
        if baru != asal[kunci]:
            b.data[kunci], b.asal[kunci] = baru, asal[kunci]
        return
    nilai = _nilai(c.value)
    if teks_isian(nilai) == asal[kunci]:
        return
    if kunci == "target_akhir":
        b.data[kunci], b.asal[kunci] = nilai, asal[kunci]
    else:
        tahun = int(kunci[1:])
        b.target[tahun], b.asal_target[tahun] = nilai, asal[kunci]


def baca_register(data: bytes, renstra: Renstra) -> list[BarisRegister]:
    """The changes of an uploaded register workbook of ``renstra``;
    :class:`BerkasDitolak` with every problem found."""
    wb = buka_buku(data, UKURAN_MAKS)
    info = _identitas(wb, renstra)
    ws = wb[SHEET]
    kolom = _kolom(renstra)
    per_kode = {i.kode: i for i in _indikator(renstra)}
    galat: list[Galat] = []
    hasil: list[BarisRegister] = []
    for r in range(BARIS_KEPALA + 1, ws.max_row + 1):
        sel = {kunci: ws.cell(r, k) for k, (kunci, _) in enumerate(kolom, start=1)}
        if all(c.value in (None, "") for c in sel.values()):
            continue
        kode = _teks_sel(sel["kode"].value)
        if kode not in per_kode or kode not in info["asal"]:
            pesan = (
                f"indikator {kode or '(tanpa kode)'} tidak ada di Renstra ini; indikator baru "
                "ditambahkan di layar Renstra"
            )
            galat.append(Galat(pesan, SHEET, r, "A"))
            continue
        b = BarisRegister(per_kode[kode], r)
        for kunci, c in sel.items():
            if kunci == "kode":
                continue
            if c.data_type == "f":
                galat.append(
                    Galat("sel berisi rumus; isikan nilainya saja", SHEET, r, c.column_letter)
                )
                continue
            try:
                _baca_sel(b, kunci, c, info["asal"][kode])
            except NilaiTidakValid as e:
                galat.append(Galat(str(e), SHEET, r, c.column_letter))
        if "nama" in b.data and not b.data["nama"]:
            galat.append(Galat("nama indikator tidak boleh kosong", SHEET, r, "B"))
        if b.data or b.target:
            hasil.append(b)
    if galat:
        raise BerkasDitolak(galat)
    return hasil


@transaction.atomic
def register_simpan(baris: list[BarisRegister], pengguna) -> int:
    """Save every change through the screens' writers, or none; the number of
    indicators changed. ``ValidationError`` lists each refusal with its row."""
    pesan: list[str] = []
    for b in baris:
        try:
            if b.data:
                indikator_ubah(indikator=b.indikator, pengguna=pengguna, data=b.data, asal=b.asal)
            if b.target:
                target_tahunan_simpan(
                    indikator=b.indikator, pengguna=pengguna, target=b.target, asal=b.asal_target
                )
        except ValidationError as e:
            pesan += [f"baris {b.baris} ({b.indikator.kode}): {m}" for m in e.messages]
    if pesan:
        raise ValidationError(pesan)
    return len(baris)


def register_periksa(baris: list[BarisRegister], pengguna) -> list[str]:
    """The refusals a save would give (run and rolled back); [] when it would pass."""

    class _Batal(Exception):
        pass

    try:
        with transaction.atomic():
            register_simpan(baris, pengguna)
            raise _Batal
    except _Batal:
        return []
    except ValidationError as e:
        return list(e.messages)
