"""Quarterly realisasi and its evidence: what the grid shows, and every write to them.

``grid_triwulan`` reads one quarter of a perangkat daerah with a fixed number of
queries; ``hitung_baris`` computes the capaian of one row with the engine (so the
browser preview, the form check and the submission check agree);
``realisasi_simpan_triwulan``, ``bukti_unggah`` and ``bukti_hapus`` are the only
writers, and each enforces the locks and writes the audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from kinerja.antrean_impor import lapor_kemajuan
from kinerja.aturan import aturan_berlaku
from kinerja.audit import catat_perubahan, catat_perubahan_banyak, format_waktu, nama_pengguna
from kinerja.bukti import UKURAN_MAKS_BAWAAN, BuktiTidakSah, nama_aman, periksa_bukti
from kinerja.engine.angka import Nilai, NilaiTidakValid
from kinerja.engine.capaian import Capaian
from kinerja.engine.penilaian import nilai_indikator
from kinerja.engine.predikat import Band
from kinerja.engine.realisasi import Rasio, TipePenghitungan, nilai_sd_triwulan
from kinerja.models import (
    BuktiDukung,
    Indikator,
    PerangkatDaerah,
    Realisasi,
    RencanaAksi,
    StatusTriwulan,
    TargetPK,
    TargetTahunan,
)
from kinerja.paket.types import Aturan, urutan_versi
from kinerja.services.kunci import (
    pastikan_bukti_dapat_dihapus,
    pastikan_bukti_dapat_ditambah,
    pastikan_triwulan_terbuka,
)
from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.format import format_angka_alami, format_persen

PESAN_USANG = (
    "Realisasi {kode} sudah diubah oleh {oleh} pada {waktu} setelah halaman ini Anda buka "
    "(nilai tersimpan sekarang: {nilai}). Periksa isian Anda, lalu simpan lagi untuk "
    "menggantinya."
)
PESAN_CATATAN_WAJIB = (
    "Catatan wajib diisi: capaian {capaian} berada di bawah ambang tercapai {ambang}. "
    "Jelaskan penyebab dan upaya perbaikannya."
)
PESAN_BUKAN_RASIO = "Indikator {kode} dihitung sebagai rasio: isi pembilang dan penyebut."
PESAN_HANYA_RASIO = "Indikator {kode} bukan rasio: isi realisasi sebagai satu nilai."
PESAN_INDIKATOR_ASING = (
    "Indikator dengan id {id} tidak memiliki target tahun {tahun} di perangkat daerah ini."
)


def romawi(triwulan: int) -> str:
    return ROMAWI[triwulan - 1]


def aturan_pemda(pd: PerangkatDaerah, tahun: int) -> Aturan:
    """The computing rules of ``tahun`` of ``pd`` (scale, negative formula, caps, threshold):
    the rules a signed year was signed with, the pemda's current rules otherwise."""
    return aturan_berlaku(pd, tahun)


# --------------------------------------------------------------------------- reading


def _nilai_tw(nilai: Decimal | None, pembilang: Decimal | None, penyebut: Decimal | None):
    if pembilang is not None and penyebut is not None:
        return Rasio(pembilang.normalize(), penyebut.normalize())
    return nilai.normalize() if nilai is not None else None


def teks_nilai(
    nilai: Decimal | None,
    label: str = "",
    pembilang: Decimal | None = None,
    penyebut: Decimal | None = None,
) -> str | None:
    """How a stored value is shown: its label, the number, or "pembilang / penyebut"."""
    if pembilang is not None and penyebut is not None:
        return f"{format_angka_alami(pembilang)} / {format_angka_alami(penyebut)}"
    if label:
        return label
    if nilai is not None:
        return format_angka_alami(nilai.normalize())
    return None


@dataclass
class BarisGrid:
    """One indicator of the grid with its targets and stored values."""

    indikator: Indikator
    target_tw: list[Decimal | Rasio | None]
    target_tw_teks: list[str | None]
    target_tahunan: Nilai | None
    realisasi_tw: list[Decimal | Rasio | None]
    realisasi: Realisasi | None = None
    bukti: list[BuktiDukung] = field(default_factory=list)

    @property
    def rasio(self) -> bool:
        return self.indikator.tipe_penghitungan == TipePenghitungan.RASIO

    @property
    def versi(self) -> int:
        return self.realisasi.versi if self.realisasi else 0


NAMA_TINGKAT = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran strategis",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub kegiatan",
}


@dataclass
class Kelompok:
    """The indicators of one tujuan, sasaran, program, kegiatan or sub kegiatan."""

    tingkat: str
    induk: Model
    baris: list[BarisGrid] = field(default_factory=list)

    @property
    def judul(self) -> str:
        uraian = getattr(self.induk, "uraian", None) or getattr(self.induk, "nama", "")
        return f"{NAMA_TINGKAT[self.tingkat]} {self.induk.kode} — {uraian}"


@dataclass
class GridTriwulan:
    pd: PerangkatDaerah
    tahun: int
    triwulan: int
    aturan: Aturan
    baris: list[BarisGrid]

    def per_indikator(self) -> dict[int, BarisGrid]:
        return {b.indikator.pk: b for b in self.baris}

    def bagian(self) -> list[tuple[str, list[Kelompok]]]:
        """Rows grouped by their owner, tujuan/sasaran first, then the program tree."""
        hasil: list[tuple[str, list[Kelompok]]] = []
        for judul, tingkat in (
            ("Indikator tujuan dan sasaran strategis", ("tujuan", "sasaran")),
            (
                "Indikator program, kegiatan dan sub kegiatan",
                ("program", "kegiatan", "sub_kegiatan"),
            ),
        ):
            kelompok: list[Kelompok] = []
            for b in self.baris:
                ind = b.indikator
                if ind.tingkat not in tingkat:
                    continue
                induk = getattr(ind, ind.tingkat)
                if not kelompok or kelompok[-1].induk != induk:
                    kelompok.append(Kelompok(ind.tingkat, induk))
                kelompok[-1].baris.append(b)
            if kelompok:
                hasil.append((judul, kelompok))
        return hasil


def _kunci_urut(ind: Indikator) -> tuple:
    """Tujuan/sasaran first (by tujuan, then its sasaran), then program → kegiatan → sub."""
    nol = (0, 0, 0)

    def u(obj) -> tuple[int, int, int]:
        return (1, obj.urutan, obj.pk)

    if ind.tujuan_id:
        return (0, u(ind.tujuan), nol, nol, ind.urutan, ind.pk)
    if ind.sasaran_id:
        return (0, u(ind.sasaran.tujuan), u(ind.sasaran), nol, ind.urutan, ind.pk)
    if ind.program_id:
        return (1, u(ind.program), nol, nol, ind.urutan, ind.pk)
    if ind.kegiatan_id:
        return (1, u(ind.kegiatan.program), u(ind.kegiatan), nol, ind.urutan, ind.pk)
    sub = ind.sub_kegiatan
    return (1, u(sub.kegiatan.program), u(sub.kegiatan), u(sub), ind.urutan, ind.pk)


def grid_triwulan(
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    *,
    indikator_id: int | None = None,
    aturan: Aturan | None = None,
) -> GridTriwulan:
    """Every indicator of ``pd`` with a PK target or a rencana aksi in ``tahun`` (or only
    ``indikator_id``), with its targets, its realisasi of the four quarters and the
    evidence of ``triwulan``. The number of queries does not depend on the number of
    indicators."""
    milik_pd = {"indikator__renstra__perangkat_daerah": pd}
    if indikator_id is not None:
        milik_pd["indikator_id"] = indikator_id
    target_pk: dict[int, tuple[int, Nilai]] = {}
    for row in TargetPK.objects.filter(
        perjanjian_kinerja__perangkat_daerah=pd, perjanjian_kinerja__tahun=tahun, **milik_pd
    ).select_related("perjanjian_kinerja"):
        urut = urutan_versi(row.perjanjian_kinerja.versi)
        if row.indikator_id not in target_pk or target_pk[row.indikator_id][0] < urut:
            target_pk[row.indikator_id] = (urut, row.sebagai_nilai())
    rencana: dict[int, list[RencanaAksi | None]] = {}
    for row in RencanaAksi.objects.filter(tahun=tahun, **milik_pd):
        rencana.setdefault(row.indikator_id, [None] * 4)[row.triwulan - 1] = row
    ids = set(target_pk) | set(rencana)
    indikator = sorted(
        Indikator.objects.filter(pk__in=ids).select_related(
            "tujuan",
            "sasaran__tujuan",
            "program",
            "kegiatan__program",
            "sub_kegiatan__kegiatan__program",
        ),
        key=_kunci_urut,
    )
    renstra = {
        row.indikator_id: row.sebagai_nilai()
        for row in TargetTahunan.objects.filter(indikator_id__in=ids - set(target_pk), tahun=tahun)
    }
    realisasi: dict[int, list[Realisasi | None]] = {}
    for row in Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun).select_related(
        "diubah_oleh"
    ):
        realisasi.setdefault(row.indikator_id, [None] * 4)[row.triwulan - 1] = row
    bukti: dict[int, list[BuktiDukung]] = {}
    for b in BuktiDukung.objects.filter(
        realisasi__indikator_id__in=ids, realisasi__tahun=tahun, realisasi__triwulan=triwulan
    ).order_by("waktu", "id"):
        bukti.setdefault(b.realisasi_id, []).append(b)

    baris = []
    for ind in indikator:
        ra = rencana.get(ind.pk, [None] * 4)
        rs = realisasi.get(ind.pk, [None] * 4)
        kini = rs[triwulan - 1]
        baris.append(
            BarisGrid(
                indikator=ind,
                target_tw=[_nilai_tw(r.nilai, r.pembilang, r.penyebut) if r else None for r in ra],
                target_tw_teks=[
                    teks_nilai(r.nilai, r.label, r.pembilang, r.penyebut) if r else None for r in ra
                ],
                target_tahunan=target_pk[ind.pk][1] if ind.pk in target_pk else renstra.get(ind.pk),
                realisasi_tw=[
                    _nilai_tw(r.nilai, r.pembilang, r.penyebut) if r else None for r in rs
                ],
                realisasi=kini,
                bukti=bukti.get(kini.pk, []) if kini else [],
            )
        )
    return GridTriwulan(pd, tahun, triwulan, aturan or aturan_pemda(pd, tahun), baris)


# --------------------------------------------------------------------------- computing


@dataclass(frozen=True)
class HasilBaris:
    """The capaian of one row "s.d. triwulan" and whether it needs a note."""

    target_sd: Decimal | None = None
    realisasi_sd: Decimal | None = None
    capaian: Capaian | None = None
    band: Band | None = None
    perlu_catatan: bool = False
    error: str | None = None

    @property
    def capaian_teks(self) -> str:
        if self.capaian is None:
            return "-"
        if self.capaian.mentah is None:
            return format_persen(self.capaian.skor)
        return format_persen(self.capaian.mentah)

    def pesan_catatan(self, aturan: Aturan) -> str:
        return PESAN_CATATAN_WAJIB.format(
            capaian=self.capaian_teks, ambang=f"{format_angka_alami(aturan.ambang_tercapai)}%"
        )


def hitung_baris(
    baris: BarisGrid,
    aturan: Aturan,
    triwulan: int,
    nilai: Decimal | Rasio | None,
) -> HasilBaris:
    """Capaian s.d. ``triwulan`` when this quarter's value is ``nilai`` (typed or stored).

    The target s.d. triwulan follows the tipe penghitungan like the realisasi does
    (for kumulatif: the cumulative target of the quarter). No value this quarter or
    no target so far → no capaian.
    """
    ind = baris.indikator
    tipe = ind.tipe_penghitungan
    seri = list(baris.realisasi_tw)
    seri[triwulan - 1] = nilai
    try:
        target_sd = nilai_sd_triwulan(baris.target_tw, tipe, triwulan)
        realisasi_sd = nilai_sd_triwulan(seri, tipe, triwulan) if nilai is not None else None
        if target_sd is None or realisasi_sd is None:
            return HasilBaris(target_sd, realisasi_sd)
        nilai = nilai_indikator(ind, aturan, target=target_sd, realisasi=realisasi_sd)
    except NilaiTidakValid as e:
        pesan = str(e)
        return HasilBaris(error=pesan[:1].upper() + pesan[1:] + ".")
    return HasilBaris(target_sd, realisasi_sd, nilai.capaian, nilai.band, nilai.tercapai is False)


def hitung_tersimpan(grid: GridTriwulan, baris: BarisGrid) -> HasilBaris:
    return hitung_baris(baris, grid.aturan, grid.triwulan, baris.realisasi_tw[grid.triwulan - 1])


# --------------------------------------------------------------------------- saving


@dataclass(frozen=True)
class BarisRealisasi:
    """What the operator entered for one indicator; ``versi`` is the version it was loaded
    with (0 when no value was saved yet)."""

    indikator_id: int
    nilai: Nilai | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    catatan: str = ""
    versi: int = 0


class SimpanError(ValidationError):
    """The grid was not saved; ``per_baris`` maps indikator id → messages for its row and
    ``versi_kini`` the current version of rows that someone else changed."""

    def __init__(self, per_baris: dict[int, list[str]], versi_kini: dict[int, int]):
        super().__init__([m for daftar in per_baris.values() for m in daftar])
        self.per_baris = per_baris
        self.versi_kini = versi_kini


_KOLOM_ISI = ("nilai", "label", "pembilang", "penyebut", "catatan")


def _isi(row: Realisasi | None) -> dict[str, Any]:
    if row is None:
        return {"nilai": None, "label": "", "pembilang": None, "penyebut": None, "catatan": ""}
    return {
        "nilai": row.nilai,
        "label": row.label,
        "pembilang": row.pembilang,
        "penyebut": row.penyebut,
        "catatan": row.catatan,
    }


def _isi_baru(b: BarisRealisasi) -> dict[str, Any]:
    return {
        "nilai": b.nilai.angka if b.nilai else None,
        "label": (b.nilai.label or "") if b.nilai else "",
        "pembilang": b.pembilang,
        "penyebut": b.penyebut,
        "catatan": b.catatan.strip(),
    }


def _sama(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a[k] == b[k] for k in ("nilai", "pembilang", "penyebut")) and (
        a["label"] == b["label"] and a["catatan"].strip() == b["catatan"]
    )


def _untuk_log(isi: dict[str, Any]) -> dict[str, Any]:
    return {
        "nilai": teks_nilai(isi["nilai"], isi["label"], isi["pembilang"], isi["penyebut"]),
        "catatan": isi["catatan"],
    }


def _kunci_status(pd: PerangkatDaerah, tahun: int, triwulan: int) -> None:
    # Serialises a save against a concurrent submission of the same quarter.
    list(
        StatusTriwulan.objects.select_for_update(of=("self",)).filter(
            perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
        )
    )


@dataclass(frozen=True)
class Perubahan:
    """A row a save would change: its grid row, the stored row (None: a new one), and the
    values before and after (``_isi`` form)."""

    grid: BarisGrid
    row: Realisasi | None
    lama: dict[str, Any]
    baru: dict[str, Any]

    @property
    def lama_teks(self) -> str | None:
        return _untuk_log(self.lama)["nilai"]

    @property
    def baru_teks(self) -> str | None:
        return _untuk_log(self.baru)["nilai"]


def _periksa_baris(
    grid: GridTriwulan, tersimpan: dict[int, Realisasi], baris: list[BarisRealisasi]
) -> list[Perubahan]:
    """The rows of ``baris`` that change something, each checked as a save checks it;
    :class:`SimpanError` naming every row that cannot be saved."""
    per_id = grid.per_indikator()
    errors: dict[int, list[str]] = {}
    versi_kini: dict[int, int] = {}
    ubah: list[Perubahan] = []
    for b in baris:
        g = per_id.get(b.indikator_id)
        if g is None:
            raise ValidationError(PESAN_INDIKATOR_ASING.format(id=b.indikator_id, tahun=grid.tahun))
        lama_row = tersimpan.get(b.indikator_id)
        lama, baru = _isi(lama_row), _isi_baru(b)
        if _sama(lama, baru):
            continue
        pesan: list[str] = []
        kini = lama_row.versi if lama_row else 0
        if b.versi != kini:
            versi_kini[b.indikator_id] = kini
            pesan.append(
                PESAN_USANG.format(
                    kode=g.indikator.kode,
                    oleh=nama_pengguna(lama_row.diubah_oleh) if lama_row else "pengguna lain",
                    waktu=format_waktu(lama_row.diubah_pada) if lama_row else "-",
                    nilai=_untuk_log(lama)["nilai"] or "kosong",
                )
            )
        if g.rasio and b.nilai is not None:
            pesan.append(PESAN_BUKAN_RASIO.format(kode=g.indikator.kode))
        elif not g.rasio and (b.pembilang is not None or b.penyebut is not None):
            pesan.append(PESAN_HANYA_RASIO.format(kode=g.indikator.kode))
        else:
            hasil = hitung_baris(
                g, grid.aturan, grid.triwulan, _nilai_tw(baru["nilai"], b.pembilang, b.penyebut)
            )
            if hasil.error:
                pesan.append(hasil.error)
            elif hasil.perlu_catatan and not baru["catatan"]:
                pesan.append(hasil.pesan_catatan(grid.aturan))
        if pesan:
            errors[b.indikator_id] = pesan
        else:
            ubah.append(Perubahan(g, lama_row, lama, baru))
    if errors:
        raise SimpanError(errors, versi_kini)
    return ubah


def realisasi_periksa_triwulan(
    *, pd: PerangkatDaerah, tahun: int, triwulan: int, baris: list[BarisRealisasi]
) -> list[Perubahan]:
    """What ``realisasi_simpan_triwulan`` would change, checked the same way, writing
    nothing (the preview of an imported workbook). Refused in the same cases."""
    pastikan_triwulan_terbuka(pd, tahun, triwulan)
    grid = grid_triwulan(pd, tahun, triwulan)
    tersimpan = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=grid.per_indikator(), tahun=tahun, triwulan=triwulan
        ).select_related("diubah_oleh")
    }
    return _periksa_baris(grid, tersimpan, baris)


@transaction.atomic
def realisasi_simpan_triwulan(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    baris: list[BarisRealisasi],
    pengguna,
) -> int:
    """Save every changed row of the quarter, or none. Returns the number of rows changed.

    Refused (``ValidationError``) when the quarter or the year is locked; refused with
    :class:`SimpanError` naming the rows when a row was changed by someone else since it
    was loaded (optimistic locking on ``Realisasi.versi``), when a value does not fit the
    indicator, or when a capaian below the pemda's threshold has no note.
    """
    _kunci_status(pd, tahun, triwulan)
    pastikan_triwulan_terbuka(pd, tahun, triwulan)
    grid = grid_triwulan(pd, tahun, triwulan)
    tersimpan = {
        r.indikator_id: r
        for r in Realisasi.objects.select_for_update(of=("self",))
        .filter(indikator_id__in=grid.per_indikator(), tahun=tahun, triwulan=triwulan)
        .select_related("diubah_oleh")
    }
    ubah = [(p.grid, p.row, p.lama, p.baru) for p in _periksa_baris(grid, tersimpan, baris)]

    # In bulk: one insert, one update and one insert of audit rows, whatever the count.
    baru_rows: list[Realisasi] = []
    lama_rows: list[Realisasi] = []
    tersimpan_kini: list[Realisasi] = []
    sekarang = timezone.now()
    for g, row, _lama, baru in ubah:
        if row is None:
            row = Realisasi(indikator=g.indikator, tahun=tahun, triwulan=triwulan, versi=0)
            baru_rows.append(row)
        else:
            lama_rows.append(row)
        for kunci, nilai in baru.items():
            setattr(row, kunci, nilai)
        row.versi += 1
        row.diubah_oleh = pengguna
        row.diubah_pada = sekarang
        tersimpan_kini.append(row)
    Realisasi.objects.bulk_create(baru_rows)
    lapor_kemajuan(1, 3)
    if lama_rows:
        Realisasi.objects.bulk_update(
            lama_rows, [*_KOLOM_ISI, "versi", "diubah_oleh", "diubah_pada"]
        )
    lapor_kemajuan(2, 3)
    catat_perubahan_banyak(
        [
            {
                "pengguna": pengguna,
                "perangkat_daerah": pd,
                "aksi": "realisasi.ubah",
                "objek": row,
                "uraian": f"Realisasi {g.indikator.kode} tahun {tahun} triwulan {romawi(triwulan)}",
                "tahun": tahun,
                "lama": _untuk_log(lama),
                "baru": _untuk_log(baru),
                "data": {"indikator": g.indikator.kode, "triwulan": triwulan},
            }
            for (g, _row, lama, baru), row in zip(ubah, tersimpan_kini, strict=True)
        ]
    )
    lapor_kemajuan(3, 3)
    return len(ubah)


# --------------------------------------------------------------------------- evidence


def ukuran_bukti_maks() -> int:
    return getattr(settings, "BUKTI_UKURAN_MAKS", UKURAN_MAKS_BAWAAN)


def _data_bukti(bukti: BuktiDukung) -> dict[str, Any]:
    return {"nama": bukti.nama_asli, "jenis": bukti.jenis, "ukuran": bukti.ukuran}


@transaction.atomic
def bukti_unggah(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    indikator_id: int,
    berkas: UploadedFile,
    pengguna,
) -> BuktiDukung:
    """Store an evidence file for the realisasi of an indicator in a quarter.

    The kind is taken from the content (``kinerja.bukti``), the stored name is random.
    The quarter must be open or approved: evidence added to an approved quarter leaves
    its values locked and is audited as added after approval. A realisasi row without
    a value is created when needed, with version 0, so that a grid loaded before stays
    current.
    """
    _kunci_status(pd, tahun, triwulan)
    setelah_disetujui = pastikan_bukti_dapat_ditambah(pd, tahun, triwulan)
    grid = grid_triwulan(pd, tahun, triwulan, indikator_id=indikator_id)
    if not grid.baris:
        raise ValidationError(PESAN_INDIKATOR_ASING.format(id=indikator_id, tahun=tahun))
    try:
        jenis = periksa_bukti(berkas, ukuran=berkas.size, ukuran_maks=ukuran_bukti_maks())
    except BuktiTidakSah as e:
        raise ValidationError(str(e), code="berkas") from e
    ind = grid.baris[0].indikator
    realisasi, _ = Realisasi.objects.get_or_create(
        indikator=ind, tahun=tahun, triwulan=triwulan, defaults={"versi": 0}
    )
    bukti = BuktiDukung(
        realisasi=realisasi,
        jenis=jenis,
        nama_asli=nama_aman(berkas.name or "", jenis),
        ukuran=berkas.size,
        diunggah_oleh=pengguna,
    )
    bukti.berkas.save(f"bukti.{jenis}", berkas, save=False)
    try:
        bukti.save()
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="bukti.unggah",
            objek=bukti,
            uraian=f"Bukti dukung {ind.kode} tahun {tahun} triwulan {romawi(triwulan)}"
            + (" (ditambahkan setelah disetujui)" if setelah_disetujui else ""),
            tahun=tahun,
            baru=_data_bukti(bukti),
            data={
                "indikator": ind.kode,
                "triwulan": triwulan,
                "setelah_disetujui": setelah_disetujui,
            },
        )
    except Exception:
        bukti.berkas.delete(save=False)
        raise
    return bukti


@transaction.atomic
def bukti_hapus(*, pd: PerangkatDaerah, bukti: BuktiDukung, pengguna) -> None:
    """Delete an evidence file (the row now, the stored file once the transaction commits).

    Refused in a submitted or approved quarter: an approved quarter is reopened first."""
    realisasi = bukti.realisasi
    _kunci_status(pd, realisasi.tahun, realisasi.triwulan)
    pastikan_bukti_dapat_dihapus(pd, realisasi.tahun, realisasi.triwulan)
    kode = realisasi.indikator.kode
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="bukti.hapus",
        objek=bukti,
        uraian=(
            f"Bukti dukung {kode} tahun {realisasi.tahun} triwulan {romawi(realisasi.triwulan)}"
        ),
        tahun=realisasi.tahun,
        lama=_data_bukti(bukti),
        data={"indikator": kode, "triwulan": realisasi.triwulan},
    )
    penyimpanan, nama = bukti.berkas.storage, bukti.berkas.name
    bukti.delete()
    transaction.on_commit(lambda: penyimpanan.delete(nama))
