"""The consistency findings of the year, printed where they apply.

Nothing inconsistent is printed in silence: every finding of ``hitung``
(:class:`kinerja.engine.temuan.Temuan`) that concerns a table of the document is
printed under that table as a bordered note (:class:`CatatanKonsistensi`), a finding
about one row of a budget table also marks the row ("*1)") and is told in a note row
right under it (on the row's page), and the closing lampiran "Catatan Konsistensi
Data" lists them all with the operator's explanation (``lampiran``). A finding is
numbered where it is first printed; the same number marks it everywhere.

Which table a finding concerns is decided here and only here: a table names its
subject (:data:`SUBJEK`: "realisasi_anggaran", "indikator" with its codes, …) and
:func:`catatan_untuk` picks the findings of that subject. Findings with no table (a
date, the quarterly targets of the rencana aksi, a cascaded PK) go only to the lampiran.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from kinerja.engine.temuan import LABEL_JENIS
from laporan.dokumen.blocks import ButirCatatan, CatatanKonsistensi
from laporan.dokumen.context import Context
from laporan.models import LKjIP
from lib.rows import Cell, Kind, Row

__all__ = [
    "SUBJEK",
    "TemuanCetak",
    "baris_dengan_catatan",
    "blok_catatan",
    "catatan_untuk",
    "semua_catatan",
    "tambah_catatan",
    "tanda",
]

JUDUL = "Catatan konsistensi data"


@dataclass
class TemuanCetak:
    """One finding as the document prints it (the messages of one key together)."""

    kunci: str
    jenis: str
    kode: str
    lokasi: str
    pesan: list[str]
    penjelasan: str
    nomor: int | None = None
    tempat: list[str] = field(default_factory=list)  # the tables it is printed under

    @property
    def tanda(self) -> str:
        return f"*{self.nomor})"

    @property
    def teks(self) -> str:
        """What is inconsistent, in one sentence: where (unless the message says it) and
        the messages; a figure of the perangkat daerah's own earlier report said so."""
        teks = "; ".join(p.rstrip(".") for p in self.pesan)
        if self.jenis in ("angka_dilaporkan_tidak_sesuai", "capaian_riwayat_tidak_sesuai"):
            teks = f"laporan semula perangkat daerah, {teks}"
        elif self.lokasi.lower() not in teks.lower():
            teks = f"{self.lokasi}: {teks}"
        return f"{teks[:1].upper()}{teks[1:]}."

    @property
    def angka(self) -> str | None:
        """For a reported figure that differs from the computed one: which figure
        ("penyerapan", "capaian", …; the keys of ``LABEL_JENIS``)."""
        if self.jenis != "angka_dilaporkan_tidak_sesuai":
            return None
        for kunci, label in LABEL_JENIS.items():
            if self.lokasi == f"{label} {self.kode}":
                return kunci
        return None


class DaftarCatatan:
    """The findings of the year by key, numbered in the order they are printed."""

    def __init__(self, k: Context) -> None:
        self.draf = k.data.lkjip is None or k.data.lkjip.status != LKjIP.Status.DITETAPKAN
        self.berlaku = k.th.dpa_berlaku()
        semua: dict[str, TemuanCetak] = {}
        for x in k.hasil.temuan:
            if x.kunci not in semua:
                semua[x.kunci] = TemuanCetak(
                    x.kunci,
                    x.jenis,
                    x.kode,
                    x.lokasi,
                    [],
                    k.data.penjelasan.get(x.kunci, "").strip(),
                )
            semua[x.kunci].pesan.append(x.pesan)
        self.temuan = list(semua.values())
        self._nomor = 0

    def beri_nomor(self, t: TemuanCetak) -> TemuanCetak:
        if t.nomor is None:
            self._nomor += 1
            t.nomor = self._nomor
        return t

    def pilih(
        self, cocok: Callable[[TemuanCetak], bool], urutan: Iterable[str] = ()
    ) -> list[TemuanCetak]:
        """The findings ``cocok`` picks, numbered (new ones in the order of the rows of
        their codes in ``urutan``, then in the order they were found)."""
        posisi = {kode: i for i, kode in reversed(list(enumerate(urutan)))}
        dipilih = [t for t in self.temuan if cocok(t)]
        for t in sorted(dipilih, key=lambda t: posisi.get(t.kode, len(posisi))):
            self.beri_nomor(t)
        return sorted(dipilih, key=lambda t: t.nomor or 0)


def _daftar(k: Context) -> DaftarCatatan:
    """The document's list of findings, kept on its context while it is built."""
    if k.catatan_konsistensi is None:
        k.catatan_konsistensi = DaftarCatatan(k)
    return k.catatan_konsistensi


# --------------------------------------------------------------------------- subjects

ANGKA_ANGGARAN = {"pagu", "realisasi", "penyerapan", "sisa_anggaran"}
ANGKA_INDIKATOR = {
    "capaian",
    "tingkat_kemajuan",
    "perubahan_relatif",
    "perubahan_absolut",
    "ikm",
    "predikat",
}
JENIS_INDIKATOR = {
    "persentase_di_luar_rentang",
    "triwulan_kosong",
    "target_kosong",
    "skala_predikat",
    "ikm_tidak_sesuai_skm",
    "capaian_riwayat_tidak_sesuai",
}


def _anggaran_program(t: TemuanCetak, d: DaftarCatatan, kode: set[str]) -> bool:
    """BAB II 2.4: a stated pagu of any DPA version against its details."""
    return (t.jenis == "jumlah_tidak_sesuai" and t.lokasi.startswith("DPA ")) or t.angka == "pagu"


def _realisasi_anggaran(t: TemuanCetak, d: DaftarCatatan, kode: set[str]) -> bool:
    """BAB III 3.2: pagu (of the DPA in force) and realisasi of every program, kegiatan and
    sub kegiatan, realisasi above pagu, and the reported budget figures."""
    if t.jenis == "jumlah_tidak_sesuai":
        dpa = f"DPA {d.berlaku.versi} " if d.berlaku else None
        return t.lokasi.startswith("realisasi anggaran ") or bool(dpa and t.lokasi.startswith(dpa))
    return t.jenis == "realisasi_melebihi_pagu" or t.angka in ANGKA_ANGGARAN


def _jenis_belanja(t: TemuanCetak, d: DaftarCatatan, kode: set[str]) -> bool:
    return t.jenis == "total_jenis_belanja_tidak_sesuai" or (
        t.jenis == "jumlah_tidak_sesuai" and t.lokasi.startswith("jenis belanja ")
    )


def _efisiensi(t: TemuanCetak, d: DaftarCatatan, kode: set[str]) -> bool:
    """BAB III 3.2: the efficiency per tujuan/sasaran, with the budget stated per sasaran."""
    return t.angka == "efisiensi" or t.jenis == "anggaran_sasaran_tidak_sesuai"


def _skala(t: TemuanCetak, d: DaftarCatatan, kode: set[str]) -> bool:
    return t.jenis == "skala_predikat" and t.kode == "skala"


def _ringkasan(t: TemuanCetak, d: DaftarCatatan, kode: set[str]) -> bool:
    return t.angka == "rata_rata_capaian_iku" or (t.angka == "predikat" and t.kode == "total")


def _pk(t: TemuanCetak, d: DaftarCatatan, kode: set[str]) -> bool:
    """BAB II 2.3: the PK's budget against the DPA, its targets against the Renstra."""
    return t.jenis in ("anggaran_pk_tidak_cocok_dpa", "target_pk_berbeda_renstra") or (
        t.angka == "jumlah_anggaran_pk"
    )


def _indikator(t: TemuanCetak, d: DaftarCatatan, kode: set[str]) -> bool:
    """The tables of the indicators ``kode``: their values, range, quarters and SKM."""
    if t.kode not in kode:
        return False
    return t.jenis in JENIS_INDIKATOR or t.angka in ANGKA_INDIKATOR


# Subject of a table → whether a finding concerns it (given the table's codes).
SUBJEK: dict[str, Callable[[TemuanCetak, DaftarCatatan, set[str]], bool]] = {
    "anggaran_program": _anggaran_program,
    "realisasi_anggaran": _realisasi_anggaran,
    "jenis_belanja": _jenis_belanja,
    "efisiensi": _efisiensi,
    "skala": _skala,
    "ringkasan": _ringkasan,
    "pk": _pk,
    "indikator": _indikator,
}


# --------------------------------------------------------------------------- printing


def catatan_untuk(
    k: Context, subjek: str, kode: Iterable[str] = (), *, urutan: Iterable[str] = ()
) -> list[TemuanCetak]:
    """The findings a table of ``subjek`` (for the codes ``kode``) prints, numbered in the
    order of the table's rows (``urutan``: their codes) where they are new."""
    d = _daftar(k)
    cocok = SUBJEK[subjek]
    kode = set(kode)
    return d.pilih(lambda t: cocok(t, d, kode), urutan)


def semua_catatan(k: Context) -> list[TemuanCetak]:
    """Every finding of the year, in the order of their numbers (those printed nowhere
    else numbered last): the closing lampiran."""
    return _daftar(k).pilih(lambda t: True)


def draf(k: Context) -> bool:
    return _daftar(k).draf


def tanda(catatan: list[TemuanCetak], kode: str) -> str:
    """The mark of a row of ``kode`` ("*1)", "*1,3)"), "" when nothing concerns it."""
    nomor = [str(t.nomor) for t in catatan if t.kode == kode]
    return f"*{','.join(nomor)})" if nomor else ""


def _butir(t: TemuanCetak, draf: bool) -> str:
    if t.penjelasan:
        penjelasan = f" Penjelasan perangkat daerah: {t.penjelasan}"
    else:
        penjelasan = " Belum dijelaskan." if draf else ""
    return f"{t.tanda} {JUDUL}: {t.teks}{penjelasan}"


def _indeks_kolom(nilai: list, kolom: int) -> int:
    """The index of the value of a row that covers column ``kolom`` (spans counted)."""
    awal = 0
    for i, x in enumerate(nilai):
        lebar = x.colspan if isinstance(x, Cell) else 1
        if awal <= kolom < awal + lebar:
            return i
        awal += lebar
    return len(nilai) - 1


def baris_dengan_catatan(
    k: Context,
    baris: list[Row],
    kode: list[str | None],
    catatan: list[TemuanCetak],
    kolom_uraian: int,
) -> list[Row]:
    """``baris`` (the row of ``kode[i]`` at ``i``) with the rows a finding concerns marked in
    their ``kolom_uraian`` value, and under each such row one note row per finding (a cell
    across the table), so that the note is on the flagged row's page."""
    hasil = []
    for row, kd in zip(baris, kode, strict=True):
        milik = [t for t in catatan if kd is not None and t.kode == kd]
        if not milik:
            hasil.append(row)
            continue
        nilai = list(row.values)
        i = _indeks_kolom(nilai, kolom_uraian)
        asli, mark = nilai[i], tanda(milik, kd)
        if isinstance(asli, Cell):
            nilai[i] = replace(
                asli,
                value=f"{asli.value} {mark}",
                label=f"{asli.label} {mark}" if asli.label else None,
            )
        else:
            nilai[i] = f"{asli} {mark}"
        hasil.append(Row(nilai, row.kind, level=row.level))
        lebar = sum(x.colspan if isinstance(x, Cell) else 1 for x in row.values)
        for t in milik:
            hasil.append(Row([Cell(_butir(t, draf(k)), colspan=lebar, kind=Kind.TEKS)], "catatan"))
    return hasil


def blok_catatan(
    k: Context, catatan: list[TemuanCetak], *, di_baris: Iterable[str] = ()
) -> CatatanKonsistensi | None:
    """The note under the table just numbered: its findings, those already told under a
    row (``di_baris``, codes) summed up by their marks; records where each is printed."""
    if not catatan:
        return None
    label = k.no.tabel[-1].label if k.no.tabel else ""
    for t in catatan:
        if label and label not in t.tempat:
            t.tempat.append(label)
    di_baris = set(di_baris)
    baris = [t for t in catatan if t.kode in di_baris]
    lain = [t for t in catatan if t.kode not in di_baris]
    butir = []
    if baris:
        butir.append(
            ButirCatatan(
                "",
                f"Baris bertanda {_daftar_tanda([t.nomor or 0 for t in baris])} memuat temuan "
                "konsistensi data yang diuraikan tepat di bawah baris tersebut; seluruh temuan "
                "tercantum pada lampiran Catatan Konsistensi Data.",
                petunjuk=True,
            )
        )
    butir += [ButirCatatan(t.tanda, t.teks, t.penjelasan) for t in lain]
    return CatatanKonsistensi(butir, judul=JUDUL.capitalize(), draf=draf(k))


def _daftar_tanda(nomor: list[int]) -> str:
    """ "*1)", "*1), *3)", "*10) s.d. *19)" (a run of consecutive numbers)."""
    bagian: list[str] = []
    awal = 0
    for i in range(1, len(nomor) + 1):
        if i == len(nomor) or nomor[i] != nomor[i - 1] + 1:
            a, z = nomor[awal], nomor[i - 1]
            bagian.append(f"*{a})" if a == z else f"*{a}) s.d. *{z})")
            awal = i
    return ", ".join(bagian)


def tambah_catatan(k: Context, b: list, subjek: str, *kode: str) -> None:
    """Append under the table just added to ``b`` the note of its findings (the one-line
    hook of a chapter: ``tambah_catatan(k, b, "indikator", h.kode)``)."""
    blok = blok_catatan(k, catatan_untuk(k, subjek, kode))
    if blok is not None:
        b.append(blok)
