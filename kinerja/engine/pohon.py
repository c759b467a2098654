"""The pohon kinerja (cascading kinerja) of one year of a perangkat daerah.

Pure: reads the plain package types and returns plain nodes and edges.

The Renstra cascade: the RPJMD sasaran a tujuan supports → tujuan → sasaran →
program (linked to the sasaran or tujuan it names in ``Program.sasaran``) →
kegiatan → sub kegiatan, each node with its indicators and the target of the year.

The PK cascade: the head of the perangkat daerah's PK (the indicators of the PK in
force with their PK target) → each official's cascaded PK (``pk_berjenjang``, the
latest version per jabatan); a kepala subbagian hangs under the sekretaris.

``tabel_pohon_kinerja`` is the same tree as a row source (levels as indented rows);
``kotak_pohon`` turns it into the boxes ``lib.pohon_svg`` draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kinerja.engine.angka import Nilai
from kinerja.paket.types import urutan_versi
from lib import rows
from lib.format import format_angka_alami
from lib.pohon_svg import Kotak
from lib.rows import Cell, Column, Kind, Row

if TYPE_CHECKING:
    from kinerja.paket import types as t

# Levels in cascade order (the rows of the drawing).
TINGKAT = (
    "sasaran_rpjmd",
    "tujuan",
    "sasaran",
    "program",
    "kegiatan",
    "sub_kegiatan",
    "pk_kepala",
    "pk_pejabat",
)

NAMA_TINGKAT = {
    "sasaran_rpjmd": "Sasaran RPJMD",
    "tujuan": "Tujuan",
    "sasaran": "Sasaran Strategis",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub Kegiatan",
    "pk_kepala": "Perjanjian Kinerja Kepala",
    "pk_pejabat": "Perjanjian Kinerja Berjenjang",
}

TINGKAT_PK = frozenset({"pk_kepala", "pk_pejabat"})

# Levels drawn stacked under their parent (a column) rather than side by side.
TINGKAT_BERTUMPUK = frozenset({"kegiatan", "sub_kegiatan"})


@dataclass(frozen=True)
class IndikatorPohon:
    nama: str
    target: Nilai | None = None
    satuan: str = ""
    # The sasaran of an official's cascaded PK the indicator measures.
    uraian: str = ""

    def teks(self) -> str:
        """ "Indeks Kepuasan Masyarakat: 86" (the target of the year, if any)."""
        if self.target is None:
            return self.nama
        if self.target.label is not None:
            return f"{self.nama}: {self.target.label}"
        nilai = format_angka_alami(self.target.angka)
        if self.satuan:
            nilai = f"{nilai}%" if self.satuan.strip() == "%" else f"{nilai} {self.satuan}"
        return f"{self.nama}: {nilai}"


@dataclass
class Simpul:
    ident: str
    tingkat: str
    label: str
    indikator: list[IndikatorPohon] = field(default_factory=list)
    anak: list[Simpul] = field(default_factory=list)
    # A sasaran of an official: stacked under the official (the sekretaris's kasubag).
    bertumpuk: bool = False

    def semua(self) -> list[Simpul]:
        """This node and its descendants, depth first."""
        hasil = [self]
        for a in self.anak:
            hasil.extend(a.semua())
        return hasil


@dataclass
class Pohon:
    """Two forests: the Renstra cascade and the PK cascade (empty without a PK)."""

    tahun: int
    renstra: list[Simpul] = field(default_factory=list)
    pk: list[Simpul] = field(default_factory=list)

    def simpul(self) -> list[Simpul]:
        return [s for akar in self.renstra + self.pk for s in akar.semua()]

    def tepi(self) -> list[tuple[str, str]]:
        """(parent, child) identities of every edge."""
        return [(s.ident, a.ident) for s in self.simpul() for a in s.anak]


def _indikator(daftar: list[t.Indikator], tahun: int) -> list[IndikatorPohon]:
    return [IndikatorPohon(i.nama, i.target_tahunan.get(tahun), i.satuan) for i in daftar]


def _pohon_renstra(paket: t.Paket, tahun: int) -> list[Simpul]:
    akar: list[Simpul] = []
    rpjmd: dict[str, Simpul] = {}
    induk_program: dict[str, Simpul] = {}
    for tj in paket.renstra.tujuan:
        s_tj = Simpul(f"tujuan-{tj.kode}", "tujuan", tj.uraian, _indikator(tj.indikator, tahun))
        induk_program[tj.kode] = s_tj
        for s in tj.sasaran:
            s_s = Simpul(f"sasaran-{s.kode}", "sasaran", s.uraian, _indikator(s.indikator, tahun))
            s_tj.anak.append(s_s)
            induk_program[s.kode] = s_s
        teks = (tj.sasaran_rpjmd or "").strip()
        if not teks:
            akar.append(s_tj)
            continue
        if teks not in rpjmd:
            rpjmd[teks] = Simpul(f"rpjmd-{len(rpjmd) + 1}", "sasaran_rpjmd", teks)
            akar.append(rpjmd[teks])
        rpjmd[teks].anak.append(s_tj)
    for p in paket.program:
        s_p = Simpul(f"program-{p.kode}", "program", p.nama, _indikator(p.indikator, tahun))
        for k in p.kegiatan:
            s_k = Simpul(f"kegiatan-{k.kode}", "kegiatan", k.nama, _indikator(k.indikator, tahun))
            s_p.anak.append(s_k)
            for sub in k.sub_kegiatan:
                s_k.anak.append(
                    Simpul(
                        f"sub_kegiatan-{sub.kode}",
                        "sub_kegiatan",
                        sub.nama,
                        _indikator(sub.indikator, tahun),
                    )
                )
        # The first sasaran (or tujuan) the program names; a program naming none is a root.
        induk = next((induk_program[x] for x in p.sasaran if x in induk_program), None)
        (induk.anak if induk is not None else akar).append(s_p)
    return akar


def _kasubag(jabatan: str) -> bool:
    j = jabatan.lower().replace(" ", "")
    return j.startswith(("kepalasubbag", "kepalasubbagian", "kasubag", "kasubbag"))


def _pohon_pk(paket: t.Paket, th: t.Tahun) -> list[Simpul]:
    pk = th.pk_berlaku()
    terakhir: dict[str, t.PKBerjenjang] = {}
    for b in th.pk_berjenjang:
        lama = terakhir.get(b.jabatan)
        if lama is None or urutan_versi(b.versi) >= urutan_versi(lama.versi):
            terakhir[b.jabatan] = b
    if pk is None and not terakhir:
        return []
    per_kode = {i.kode: i for i in paket.semua_indikator()}
    kepala = None
    if pk is not None and pk.pihak_pertama is not None:
        kepala = pk.pihak_pertama.jabatan_lengkap
    elif paket.perangkat_daerah.kepala is not None:
        kepala = paket.perangkat_daerah.kepala.jabatan_lengkap
    indikator = []
    if pk is not None:
        for kode, target in pk.target.items():
            i = per_kode.get(kode)
            if i is not None and i.tingkat in ("tujuan", "sasaran"):
                indikator.append(IndikatorPohon(i.nama, target, i.satuan))
    akar = Simpul(
        "pk-kepala", "pk_kepala", kepala or f"Kepala {paket.perangkat_daerah.nama}", indikator
    )
    sekretaris = None
    for n, b in enumerate(terakhir.values(), 1):
        s = Simpul(
            f"pk-{n}",
            "pk_pejabat",
            b.pejabat.jabatan_lengkap if b.pejabat is not None else b.jabatan,
            [IndikatorPohon(x.indikator, x.target, uraian=x.uraian) for x in b.sasaran],
        )
        if _kasubag(b.jabatan) and sekretaris is not None:
            s.bertumpuk = True
            sekretaris.anak.append(s)
            continue
        if b.jabatan.lower().startswith("sekretaris"):
            sekretaris = s
        akar.anak.append(s)
    return [akar]


def pohon_kinerja(paket: t.Paket, tahun: int) -> Pohon:
    """The pohon kinerja of ``tahun``: targets of that year, the PK in force that year."""
    pohon = Pohon(tahun, _pohon_renstra(paket, tahun))
    th = paket.cari_tahun(tahun)
    if th is not None:
        pohon.pk = _pohon_pk(paket, th)
    return pohon


# --------------------------------------------------------------------------- row source


def _baris(s: Simpul, level: int) -> list[Row]:
    nama = NAMA_TINGKAT[s.tingkat]
    uraian = f"{nama}: {s.label}"
    if not s.indikator:
        return [Row([uraian, None, None, None], kind=s.tingkat, level=level)]
    hasil = []
    for n, i in enumerate(s.indikator):
        target = None
        if i.target is not None:
            target = Cell(i.target.angka, label=i.target.label)
        indikator = f"{i.uraian} — {i.nama}" if i.uraian else i.nama
        teks = Cell(uraian, rowspan=len(s.indikator)) if n == 0 else None
        nilai = [teks] if teks is not None else []
        hasil.append(Row([*nilai, indikator, target, i.satuan or None], s.tingkat, level))
    return hasil


def tabel_pohon_kinerja(pohon: Pohon, judul: str) -> rows.Table:
    """The cascade as indented rows: level and uraian, indicator, target of the year, satuan."""
    baris: list[Row] = []

    def turun(s: Simpul, level: int) -> None:
        baris.extend(_baris(s, level))
        for a in s.anak:
            turun(a, level + 1)

    for akar in pohon.renstra + pohon.pk:
        turun(akar, 0)
    return rows.Table(
        title=judul,
        columns=[
            Column("Tingkat dan Uraian", width=42, indent=True),
            Column("Indikator", width=38),
            Column(f"Target {pohon.tahun}", Kind.ANGKA, 11),
            Column("Satuan", width=9),
        ],
        rows=baris,
        small=True,
        empty="Belum ada tujuan, sasaran atau program.",
    )


# --------------------------------------------------------------------------- drawing


def _ringkas_turunan(s: Simpul) -> str:
    """ "2 kegiatan, 5 sub kegiatan" under ``s``."""
    jumlah: dict[str, int] = {}
    for x in s.semua()[1:]:
        jumlah[x.tingkat] = jumlah.get(x.tingkat, 0) + 1
    return ", ".join(f"{n} {NAMA_TINGKAT[t].lower()}" for t, n in jumlah.items())


def kotak_pohon(
    akar: list[Simpul],
    *,
    maks_indikator: int = 3,
    hitung_dari: str | None = None,
    sampai: str | None = None,
) -> list[Kotak]:
    """The boxes ``lib.pohon_svg`` draws. ``maks_indikator``: indicator lines per box
    (the rest counted); ``hitung_dari``: from this level down, only the number of
    indicators; ``sampai``: the deepest level drawn, whose boxes count the levels
    under them instead."""
    batas = TINGKAT.index(hitung_dari) if hitung_dari else len(TINGKAT)

    def kotak(s: Simpul) -> Kotak:
        butir = [i.teks() for i in s.indikator]
        # The Renstra cascade and the PK cascade are compacted each by its own levels.
        if TINGKAT.index(s.tingkat) >= batas and (s.tingkat in TINGKAT_PK) == (
            hitung_dari in TINGKAT_PK
        ):
            butir = [f"{len(butir)} indikator"] if butir else []
        elif len(butir) > maks_indikator:
            sisa = len(butir) - maks_indikator
            butir = [*butir[:maks_indikator], f"… dan {sisa} indikator lainnya"]
        anak = s.anak
        if sampai is not None and s.tingkat == sampai and anak:
            butir.append(_ringkas_turunan(s))
            anak = []
        return Kotak(
            ident=s.ident,
            tingkat=s.tingkat,
            judul=s.label,
            butir=butir,
            anak=[kotak(a) for a in anak],
            bertumpuk=s.bertumpuk or s.tingkat in TINGKAT_BERTUMPUK,
        )

    return [kotak(s) for s in akar]


def daftar_tingkat() -> list[tuple[str, str]]:
    """(level, name) in cascade order: the legend of the drawing."""
    return list(NAMA_TINGKAT.items())


# The steps from full detail to the least: indicator counts instead of names from the
# lowest level up, sub kegiatan counted in their kegiatan, kegiatan in their program.
TANGGA: tuple[dict, ...] = (
    {},
    {"hitung_dari": "sub_kegiatan"},
    {"hitung_dari": "kegiatan"},
    {"hitung_dari": "kegiatan", "sampai": "kegiatan"},
    {"hitung_dari": "program", "sampai": "kegiatan"},
    {"hitung_dari": "program", "sampai": "program"},
    {"hitung_dari": "tujuan", "sampai": "program"},
)
TANGGA_PK: tuple[dict, ...] = ({}, {"hitung_dari": "pk_pejabat"}, {"hitung_dari": "pk_kepala"})


def kotak_muat(
    akar: list[Simpul], cukup: Callable[[list[Kotak]], bool]
) -> tuple[list[Kotak], bool]:
    """The boxes of the most detailed step ``cukup`` accepts (the least detailed when none
    does), and whether one did."""
    kotak: list[Kotak] = []
    pk = any(a.tingkat in TINGKAT_PK for a in akar)
    for opsi in TANGGA_PK if pk else TANGGA:
        kotak = kotak_pohon(akar, **opsi)
        if cukup(kotak):
            return kotak, True
    return kotak, False
