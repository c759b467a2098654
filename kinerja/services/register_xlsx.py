"""The indicator register of a Renstra as a workbook: its texts (nama, satuan, formulasi,
definisi operasional, alasan pemilihan, sumber data, penanggung jawab), its yearly
targets and the end target; downloaded, filled offline, uploaded, previewed, then saved
with the checks of the screens' writers (``indikator_tambah``, ``indikator_ubah``,
``target_tahunan_simpan``, all at once through ``indikator_simpan_banyak``): the year
locks, the Renstra revision rule, the conflict check and the audit trail apply. A row
whose code is new adds an indicator (its induk, polaritas and tipe penghitungan given in
their columns). All or nothing: one refused row, and nothing is saved.

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
from openpyxl.utils import get_column_letter

from kinerja.engine.angka import Nilai, NilaiTidakValid
from kinerja.models import (
    POLARITAS_CHOICES,
    TIPE_CHOICES,
    Indikator,
    Program,
    Renstra,
    Sasaran,
    TargetTahunan,
    Tujuan,
)
from kinerja.services.perencanaan.common import teks_isian, teks_nilai
from kinerja.services.perencanaan.indikator import (
    LABEL_INDIKATOR,
    IndikatorBaru,
    UbahIndikator,
    indikator_simpan_banyak,
    kanon_indikator,
)
from kinerja.services.perencanaan.riwayat import UbahRiwayat, riwayat_simpan_banyak
from kinerja.services.realisasi_xlsx import nilai_sel
from kinerja.services.register_riwayat import (
    SHEET_RIWAYAT,
    baca_riwayat,
    judul_riwayat,
    tulis_riwayat,
)
from lib.xlsx_baca import BerkasDitolak, Galat, buka_buku, isi_sheet

JENIS = "lkjip-register-renstra"
SHEET = "Register indikator"
SHEET_ASAL = "lkjip"
UKURAN_MAKS = 5 * 1024 * 1024
POTONGAN = 30000  # characters of the identity text per cell
BARIS_KEPALA = 4
TEKS = ("nama", "satuan", "formulasi", "definisi_operasional", "alasan_pemilihan",
        "sumber_data", "penanggung_jawab")  # fmt: skip
_ISIAN = PatternFill("solid", fgColor="FFF4C2")


# Given for a new indicator (a row whose code is new); of an indicator already in the
# Renstra they are shown, and changed on the Renstra screen.
BARU = ("induk", "polaritas", "tipe_penghitungan")
JUDUL_INDUK = "Induk (kode tujuan, sasaran atau program)"
_POLARITAS = dict(POLARITAS_CHOICES)
_TIPE = dict(TIPE_CHOICES)


def _kolom(renstra: Renstra) -> list[tuple[str, str]]:
    """(key, header) of the visible columns; only the key ``kode`` is not editable, and
    ``BARU`` only for a new indicator."""
    tahun = [(f"t{x}", f"Target {x}") for x in range(renstra.mulai, renstra.selesai + 1)]
    return [
        ("kode", "Kode"),
        *[(k, LABEL_INDIKATOR[k]) for k in TEKS],
        *tahun,
        ("target_akhir", LABEL_INDIKATOR["target_akhir"]),
        ("induk", JUDUL_INDUK),
        ("polaritas", LABEL_INDIKATOR["polaritas"]),
        ("tipe_penghitungan", LABEL_INDIKATOR["tipe_penghitungan"]),
    ]


TANPA_KODE = "(tanpa kode)"


def teks_induk(induk) -> str:
    """How the Induk cell names a node: its code, or for a program, kegiatan or sub
    kegiatan whose code the application made up (the report gave none) its name marked
    "(tanpa kode)", as the program page marks it: the made-up code means nothing to a user."""
    if getattr(induk, "kode_buatan", False):
        return f"{' '.join(induk.nama.split())} {TANPA_KODE}"
    return induk.kode


def _induk_indikator(ind: Indikator):
    for tingkat in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"):
        induk = getattr(ind, tingkat)
        if induk is not None:
            return induk
    return None


def _kode_induk(ind: Indikator) -> str:
    induk = _induk_indikator(ind)
    return teks_induk(induk) if induk is not None else ""


def _sama_induk(teks: str, asal: dict) -> bool:
    """The Induk cell still names the node it named when downloaded: the same text (its
    spaces aside), or the made-up code of a node shown by name."""
    teks = " ".join(teks.split())
    kode = asal.get("kode_induk") or None
    return teks in (" ".join(asal.get("induk", "").split()), kode)


def _tanda(isi: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), isi.encode(), hashlib.sha256).hexdigest()


def _indikator(renstra: Renstra, induk: bool = False):
    qs = Indikator.objects.filter(renstra=renstra).order_by("urutan", "pk")
    if induk:
        qs = qs.select_related("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
    return qs


def _isi_sel(teks: str) -> Any:
    return teks if teks else None


def buku_register(renstra: Renstra) -> bytes:
    """The register workbook of ``renstra``, with what it holds now."""
    kolom = _kolom(renstra)
    indikator = _indikator(renstra, induk=True)
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
        "Target ditulis seperti di layar (98,5, nilai bertingkat seperti BB (73,75), "
        "atau rentang seperti 60 – 70). "
        "Indikator baru: tambahkan baris dengan kode baru, isi induk, nama, satuan, "
        "polaritas dan tipe penghitungannya. Program yang tidak berkode Kepmendagri ditulis "
        'dengan namanya dan "(tanpa kode)", seperti pada kolom induk.'
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
            "induk": _kode_induk(ind),
            "kode_induk": getattr(_induk_indikator(ind), "kode", ""),
            "polaritas": _POLARITAS.get(ind.polaritas, ind.polaritas),
            "tipe_penghitungan": _TIPE.get(ind.tipe_penghitungan, ind.tipe_penghitungan),
        }
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
            if kunci not in ("kode", *BARU):
                c.fill = _ISIAN
            if kunci != "kode":
                c.protection = Protection(locked=False)
    # The empty cells of every column stay open in the protected sheet, so that a new
    # indicator can be written below the others (the filled code cells stay locked).
    for k in range(1, len(kolom) + 1):
        ws.column_dimensions[get_column_letter(k)].protection = Protection(locked=False)
    for huruf, lebar in zip("ABCDEFGH", (12, 40, 12, 40, 40, 30, 30, 24), strict=True):
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = ws.cell(BARIS_KEPALA + 1, 2)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    riwayat = tulis_riwayat(wb, renstra, list(indikator))
    teks = json.dumps(
        {"renstra": renstra.pk, "pd": pd.kode, "asal": asal, "riwayat": riwayat},
        ensure_ascii=False,
    )
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
    """One indicator's changes read from the workbook (``baru``: a new indicator; then
    ``indikator`` is the unsaved indicator, for its code and name)."""

    indikator: Indikator
    baris: int
    data: dict[str, Any] = field(default_factory=dict)  # indikator_ubah's data
    asal: dict[str, str] = field(default_factory=dict)
    target: dict[int, Nilai | None] = field(default_factory=dict)
    asal_target: dict[int, str] = field(default_factory=dict)
    baru: IndikatorBaru | None = None
    # Its earlier years changed on the sheet "Tahun sebelumnya".
    riwayat: list[UbahRiwayat] = field(default_factory=list)

    @property
    def indikator_berubah(self) -> bool:
        return bool(self.baru or self.data or self.target)

    @property
    def perubahan(self) -> list[tuple[str, str, str]]:
        """(what, as downloaded, as uploaded) of each change, for the preview."""
        hasil = []
        if self.baru is not None:
            b = self.baru
            hasil += [
                (JUDUL_INDUK, "", b.induk.kode),
                (LABEL_INDIKATOR["nama"], "", b.nama),
                (LABEL_INDIKATOR["satuan"], "", b.satuan),
                (LABEL_INDIKATOR["polaritas"], "", _POLARITAS[b.polaritas]),
                (LABEL_INDIKATOR["tipe_penghitungan"], "", _TIPE[b.tipe_penghitungan]),
            ]
        hasil += [
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
        for u in self.riwayat:
            baru = u.teks()
            hasil += [
                (f"Tahun {u.tahun}: {apa}", (u.asal or {}).get(k, ""), baru.get(k, ""))
                for k, apa in _RIWAYAT
                if (u.asal or {}).get(k, "") != baru.get(k, "")
            ]
        return hasil


_RIWAYAT = (("target", "target"), ("realisasi", "realisasi"),
            ("capaian", "capaian dilaporkan (%)"))  # fmt: skip


def _teks_sel(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).replace("\r\n", "\n").strip()


def _nilai(v: Any, *, rentang: bool = False) -> Nilai | None:
    if v in (None, "") or (isinstance(v, str) and not v.strip()):
        return None
    return nilai_sel(v, rentang=rentang)


def _isi_riwayat(wb):
    """The values of the sheet "Tahun sebelumnya" (None in a workbook without it)."""
    if SHEET_RIWAYAT not in wb.sheetnames:
        return None
    isi = isi_sheet(wb[SHEET_RIWAYAT])
    judul = judul_riwayat()
    if (isi.sel[BARIS_KEPALA - 1] if len(isi.sel) >= BARIS_KEPALA else [])[: len(judul)] != judul:
        raise BerkasDitolak(
            [
                Galat(
                    "Judul kolom berubah: jangan menambah, menghapus atau memindahkan kolom.",
                    SHEET_RIWAYAT,
                    BARIS_KEPALA,
                )
            ]
        )
    return isi


def renstra_buku(wb) -> int | None:
    """The id of the Renstra a register workbook names (``manage.py impor_xlsx``), or
    None for another workbook; not yet checked against its signature (``baca_register``
    checks it). :class:`BerkasDitolak` when the identity is unreadable."""
    if SHEET_ASAL not in wb.sheetnames:
        return None
    nilai = [row[0] for row in wb[SHEET_ASAL].iter_rows(max_col=1, values_only=True)]
    if not nilai or nilai[0] != JENIS:
        return None
    try:
        return int(json.loads("".join(str(v or "") for v in nilai[2:]))["renstra"])
    except (ValueError, KeyError, TypeError) as e:
        raise BerkasDitolak(
            [Galat("Lembar identitas buku kerja ini diubah. Unduh yang baru.")]
        ) from e


def _identitas(wb, renstra: Renstra) -> tuple[dict, list[list[Any]]]:
    """The identity of the workbook and the register sheet's values."""
    if SHEET_ASAL not in wb.sheetnames:
        raise BerkasDitolak([Galat("Buku kerja ini bukan unduhan register indikator Renstra.")])
    nilai = [row[0] if row else None for row in isi_sheet(wb[SHEET_ASAL]).sel]
    if not nilai or nilai[0] != JENIS:
        raise BerkasDitolak([Galat("Buku kerja ini bukan unduhan register indikator Renstra.")])
    tanda = str(nilai[1] or "") if len(nilai) > 1 else ""
    teks = "".join(str(v or "") for v in nilai[2:])
    if not hmac.compare_digest(tanda, _tanda(teks)):
        raise BerkasDitolak([Galat("Lembar identitas buku kerja ini diubah. Unduh yang baru.")])
    info = json.loads(teks)
    if info["renstra"] != renstra.pk:
        raise BerkasDitolak(
            [Galat(f"Buku kerja ini untuk Renstra lain ({info['pd']}), bukan Renstra ini.")]
        )
    if SHEET not in wb.sheetnames:
        raise BerkasDitolak([Galat(f"Lembar “{SHEET}” tidak ada.")])
    isi = isi_sheet(wb[SHEET])
    n = len(_kolom(renstra))
    judul = (isi.sel[BARIS_KEPALA - 1] if len(isi.sel) >= BARIS_KEPALA else [])[:n]
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
    return info, isi


def _baca_sel(b: BarisRegister, kunci: str, v: Any, asal: dict) -> None:
    """Note the change of one cell's value ``v`` in ``b`` (NilaiTidakValid for a bad value)."""
    if kunci in TEKS:
        baru = _teks_sel(v)
        if baru != asal.get(kunci, ""):
            b.data[kunci], b.asal[kunci] = baru, asal.get(kunci, "")
        return
    semula = asal.get(kunci, "")
    if v == semula or (v is None and not semula):
        # The cell as downloaded (the text buku_register wrote, a stored value's
        # canonical text): unchanged, without parsing and formatting it again.
        return
    # A target, of a year or the end one, may be a range ("60 – 70").
    nilai = _nilai(v, rentang=True)
    if teks_isian(nilai) == asal.get(kunci, ""):
        return
    if kunci == "target_akhir":
        b.data[kunci], b.asal[kunci] = nilai, asal.get(kunci, "")
    else:
        tahun = int(kunci[1:])
        b.target[tahun], b.asal_target[tahun] = nilai, asal.get(kunci, "")


def _pilihan(teks: str, pilihan: dict[str, str]) -> str | None:
    """The stored value of a choice written as its label or its value (any case)."""
    t = teks.strip().lower()
    return next((k for k, v in pilihan.items() if t in (k.lower(), v.lower())), None)


def _induk_renstra(renstra: Renstra) -> dict[str, list]:
    """The tujuan, sasaran and program of the Renstra by their code."""
    induk: dict[str, list] = {}
    for obj in (
        *Tujuan.objects.filter(renstra=renstra),
        *Sasaran.objects.filter(tujuan__renstra=renstra).select_related("tujuan"),
        *Program.objects.filter(renstra=renstra),
    ):
        induk.setdefault(obj.kode, []).append(obj)
        if getattr(obj, "kode_buatan", False):
            # Named as the Induk cell shows it ("Nama program (tanpa kode)").
            induk.setdefault(" ".join(teks_induk(obj).split()), []).append(obj)
    return induk


def _baris_baru(
    renstra: Renstra, r: int, kode: str, nilai: dict[str, Any], induk: dict, galat: list[Galat]
) -> BarisRegister | None:
    """A row whose code is new: a new indicator, or None with its problems in ``galat``."""
    huruf = {k: get_column_letter(i) for i, (k, _) in enumerate(_kolom(renstra), start=1)}
    teks = {k: _teks_sel(nilai[k]) for k in (*TEKS, *BARU)}
    awal = len(galat)
    for k in ("nama", "satuan"):
        if not teks[k]:
            galat.append(Galat(f"{LABEL_INDIKATOR[k].lower()} indikator baru wajib diisi",
                               SHEET, r, huruf[k]))  # fmt: skip
    calon = induk.get(" ".join(teks["induk"].split()), [])
    if len(calon) != 1:
        pesan = (
            "isi induk indikator baru: kode tujuan, sasaran atau program Renstra ini"
            if not calon
            else f"kode {teks['induk']} dipakai lebih dari satu tingkat; induk tidak jelas"
        )
        galat.append(Galat(pesan, SHEET, r, huruf["induk"]))
    pol = _pilihan(teks["polaritas"], _POLARITAS)
    if pol is None:
        galat.append(Galat("polaritas: " + " atau ".join(_POLARITAS.values()), SHEET, r,
                           huruf["polaritas"]))  # fmt: skip
    tipe = _pilihan(teks["tipe_penghitungan"], _TIPE)
    if tipe is None:
        galat.append(Galat("tipe penghitungan: " + ", ".join(_TIPE.values()), SHEET, r,
                           huruf["tipe_penghitungan"]))  # fmt: skip
    if len(galat) > awal:
        return None
    baru = IndikatorBaru(kode=kode, nama=teks["nama"], satuan=teks["satuan"], polaritas=pol,
                         tipe_penghitungan=tipe, induk=calon[0])  # fmt: skip
    b = BarisRegister(Indikator(renstra=renstra, kode=kode, nama=baru.nama), r, baru=baru)
    for kunci, v in nilai.items():
        if kunci not in ("kode", "nama", "satuan", *BARU):
            try:
                _baca_sel(b, kunci, v, {})
            except NilaiTidakValid as e:
                galat.append(Galat(str(e), SHEET, r, huruf[kunci]))
    return b


def _baris_ada(
    renstra: Renstra, ind: Indikator, r: int, nilai: dict[str, Any], asal: dict, galat: list
) -> BarisRegister:
    """The changes of a row of an indicator in the Renstra; its problems in ``galat``."""
    b = BarisRegister(ind, r)
    for k, kunci in enumerate(nilai):
        huruf = get_column_letter(k + 1)
        if kunci == "kode":
            continue
        if kunci in BARU:
            teks = _teks_sel(nilai[kunci])
            sama = _sama_induk(teks, asal) if kunci == "induk" else teks == asal.get(kunci, "")
            if not sama:
                pesan = (
                    f"{LABEL_INDIKATOR.get(kunci, 'induk').lower()} indikator yang sudah "
                    "ada diubah di layar Renstra, bukan melalui berkas ini"
                )
                galat.append(Galat(pesan, SHEET, r, huruf))
            continue
        try:
            _baca_sel(b, kunci, nilai[kunci], asal)
        except NilaiTidakValid as e:
            galat.append(Galat(str(e), SHEET, r, huruf))
    if "nama" in b.data and not b.data["nama"]:
        galat.append(Galat("nama indikator tidak boleh kosong", SHEET, r, "B"))
    return b


def baca_register(data: bytes, renstra: Renstra) -> list[BarisRegister]:
    """The changes and the new indicators of an uploaded register workbook of
    ``renstra``; :class:`BerkasDitolak` with every problem found."""
    wb = buka_buku(data, UKURAN_MAKS, hanya_baca=True)
    try:
        info, isi = _identitas(wb, renstra)
        isi_riwayat = _isi_riwayat(wb)
    finally:
        wb.close()
    kolom = _kolom(renstra)
    huruf = [get_column_letter(k) for k in range(1, len(kolom) + 1)]
    # What a row names of its indicator (the save loads and locks the indicators itself).
    per_kode = {i.kode: i for i in _indikator(renstra).only("kode", "nama", "renstra")}
    for i in per_kode.values():
        i.renstra = renstra
    induk: dict | None = None
    galat: list[Galat] = []
    hasil: list[BarisRegister] = []
    dilihat: dict[str, int] = {}
    for r0 in range(BARIS_KEPALA, len(isi.sel)):
        r = r0 + 1
        row = isi.sel[r0]
        nilai = {kunci: (row[k] if k < len(row) else None) for k, (kunci, _) in enumerate(kolom)}
        if all(v in (None, "") for v in nilai.values()):
            continue
        rumus = [k for k in range(len(kolom)) if (r0, k) in isi.rumus]
        for k in rumus:
            galat.append(Galat("sel berisi rumus; isikan nilainya saja", SHEET, r, huruf[k]))
        if rumus:
            continue
        kode = _teks_sel(nilai["kode"])
        if not kode:
            galat.append(Galat("kode indikator wajib diisi", SHEET, r, "A"))
            continue
        if kode in dilihat:
            galat.append(Galat(f"kode {kode} sudah ada di baris {dilihat[kode]}", SHEET, r, "A"))
            continue
        dilihat[kode] = r
        asal = info["asal"].get(kode)
        if asal is None:
            if kode in per_kode:
                pesan = f"indikator {kode} ditambahkan setelah berkas ini diunduh; unduh yang baru"
                galat.append(Galat(pesan, SHEET, r, "A"))
                continue
            if induk is None:
                induk = _induk_renstra(renstra)
            b = _baris_baru(renstra, r, kode, nilai, induk, galat)
            if b is not None:
                hasil.append(b)
            continue
        if kode not in per_kode:
            galat.append(Galat(f"indikator {kode} sudah tidak ada di Renstra ini", SHEET, r, "A"))
            continue
        b = _baris_ada(renstra, per_kode[kode], r, nilai, asal, galat)
        if b.data or b.target:
            hasil.append(b)
    _tambah_riwayat(hasil, isi_riwayat, info.get("riwayat", {}), per_kode, galat)
    if galat:
        raise BerkasDitolak(galat)
    return hasil


def _tambah_riwayat(hasil: list[BarisRegister], isi, asal: dict, per_kode: dict, galat) -> None:
    """The changed earlier years of the sheet "Tahun sebelumnya", each with the row of its
    indicator (a row of its own when its indicator has no other change)."""
    if isi is None:
        return
    per_baris = {b.indikator.kode: b for b in hasil}
    for u in baca_riwayat(isi, asal, set(per_kode) | set(per_baris), galat):
        b = per_baris.get(u.kode)
        if b is None:
            b = per_baris[u.kode] = BarisRegister(per_kode[u.kode], u.kunci)
            hasil.append(b)
        b.riwayat.append(u)


def _daftar(baris: list[BarisRegister]) -> list[UbahIndikator]:
    baris = [b for b in baris if b.indikator_berubah]
    return [
        UbahIndikator(
            kunci=b,
            indikator=None if b.baru else b.indikator,
            baru=b.baru,
            data=b.data,
            asal=b.asal,
            target=b.target,
            asal_target=b.asal_target,
        )
        for b in baris
    ]


def _pesan(tolak) -> list[str]:
    return [f"baris {b.baris} ({b.indikator.kode}): {m}" for b, pesan in tolak for m in pesan]


def _riwayat(baris: list[BarisRegister], renstra: Renstra, pengguna, tulis: bool) -> list[str]:
    """The earlier years of ``baris`` saved (or, ``tulis`` False, checked); the refusals."""
    daftar = [u for b in baris for u in b.riwayat]
    if not daftar:
        return []
    tolak = riwayat_simpan_banyak(
        renstra=renstra,
        pengguna=pengguna,
        daftar=daftar,
        baru={b.indikator.kode for b in baris if b.baru},
        tulis=tulis,
    )
    return [f"{SHEET_RIWAYAT} baris {r}: {m}" for r, pesan in tolak for m in pesan]


@transaction.atomic
def register_simpan(baris: list[BarisRegister], pengguna) -> int:
    """Save every change and new indicator with the screens' checks
    (``indikator_simpan_banyak``), or none; the number of indicators changed or added.
    ``ValidationError`` lists each refusal with its row."""
    if not baris:
        return 0
    renstra = baris[0].indikator.renstra
    tolak = indikator_simpan_banyak(renstra=renstra, pengguna=pengguna, daftar=_daftar(baris))
    if tolak:
        raise ValidationError(_pesan(tolak))
    tolak_riwayat = _riwayat(baris, renstra, pengguna, tulis=True)
    if tolak_riwayat:
        raise ValidationError(tolak_riwayat)
    return len(baris)


def register_periksa(baris: list[BarisRegister], pengguna) -> list[str]:
    """The refusals a save would give (checked as the save checks, nothing written);
    [] when it would pass."""
    if not baris:
        return []
    renstra = baris[0].indikator.renstra
    with transaction.atomic():
        tolak = indikator_simpan_banyak(
            renstra=renstra, pengguna=pengguna, daftar=_daftar(baris), tulis=False
        )
        return _pesan(tolak) + _riwayat(baris, renstra, pengguna, tulis=False)
