"""The running state of one document being built: numbering, table of contents."""

from __future__ import annotations

from collections import defaultdict

from laporan.dokumen.blocks import Bab, EntriIsi, Gambar, Judul, Tabel
from laporan.dokumen.data import AnalisisSasaran, BagianKosong, Identitas
from laporan.dokumen.loader import DataTahun
from laporan.dokumen.narasi import bagian_narasi
from laporan.dokumen.tables import blok_tabel
from lib import rows


class Numbering:
    """Numbers tables and figures per chapter in document order and collects the lists."""

    def __init__(self) -> None:
        self.tabel: list[Tabel] = []
        self.gambar: list[Gambar] = []
        self._hitung: dict[tuple[str, str], int] = defaultdict(int)

    def nomor_tabel(self, bab: str, tabel: Tabel) -> Tabel:
        self._hitung[("tabel", bab)] += 1
        tabel.nomor = f"{bab}.{self._hitung[('tabel', bab)]}"
        self.tabel.append(tabel)
        return tabel

    def nomor_gambar(self, bab: str, gambar: Gambar) -> Gambar:
        self._hitung[("gambar", bab)] += 1
        gambar.nomor = f"{bab}.{self._hitung[('gambar', bab)]}"
        self.gambar.append(gambar)
        return gambar

    def tabel_berikut(self, bab: str, lompat: int = 1) -> str:
        """The label the ``lompat``-th next table of chapter ``bab`` will get ("Tabel 2.3")."""
        return f"Tabel {bab}.{self._hitung[('tabel', bab)] + lompat}"


def uraian_program(paket) -> dict[str, tuple[str, str]]:
    """Code → (level, description) of every program, kegiatan and sub kegiatan."""
    hasil = {}
    for p in paket.program:
        hasil[p.kode] = ("program", p.nama)
        for k in p.kegiatan:
            hasil[k.kode] = ("kegiatan", k.nama)
            for s in k.sub_kegiatan:
                hasil[s.kode] = ("sub_kegiatan", s.nama)
    return hasil


class Context:
    """The year's data and what runs through the whole document as it is built.

    Chapters are built in document order, so that table and figure numbers follow
    the pages and the generated sentences can name the table that comes next; the
    context carries those counters, the table of contents and the narrative
    sections. Each chapter module is a function of a context to its blocks.
    """

    def __init__(self, data: DataTahun, ident: Identitas) -> None:
        self.data = data
        self.ident = ident
        self.paket = data.paket
        self.th = data.th
        self.hasil = data.hasil
        self.tahun = data.th.tahun
        self.no = Numbering()
        self.narasi = bagian_narasi(data)
        self.isi: list[EntriIsi] = []
        self.per_kode = data.hasil.indikator_per_kode()
        self.anggaran = data.hasil.anggaran_per_kode()
        self.efisiensi = {e["kode"]: e for e in data.hasil.efisiensi}
        self.kosong_analisis: list[BagianKosong] = []
        self.analisis: list[AnalisisSasaran] = []
        # The findings placed under the tables so far (laporan.dokumen.catatan).
        self.catatan_konsistensi = None
        self.pd = data.paket.perangkat_daerah.nama
        self.judul_tanpa_nomor = 0
        self._urutan: dict[str, int] | None = None

    def judul(self, blok: list, tingkat: int, nomor: str, teks: str, *, isi: bool = True) -> None:
        if nomor:
            anchor = f"bag-{nomor.replace('.', '-')}"
        else:
            # Unnumbered headings (one per indicator, say) are counted: ids are unique.
            self.judul_tanpa_nomor += 1
            anchor = f"judul-{self.judul_tanpa_nomor}"
        blok.append(Judul(tingkat, nomor, teks, anchor))
        if isi and tingkat <= 3:
            self.isi.append(EntriIsi(f"{nomor} {teks}".strip(), anchor, tingkat))

    def tabel(self, blok: list, bab: str, tabel: Tabel | rows.Table) -> Tabel:
        """Number ``tabel`` (a block, or a row source made into one) and add it to ``blok``."""
        if isinstance(tabel, rows.Table):
            tabel = blok_tabel(tabel)
        self.no.nomor_tabel(bab, tabel)
        blok.append(tabel)
        return tabel

    def gambar(self, blok: list, bab: str, gambar: Gambar) -> Gambar:
        self.no.nomor_gambar(bab, gambar)
        blok.append(gambar)
        return gambar

    def sisip_narasi(self, blok: list, kunci: str) -> None:
        blok.extend(self.narasi[kunci].blok)

    def bab_baru(self, nomor: str, judul: str) -> Bab:
        anchor = f"bab-{nomor.lower()}"
        self.isi.append(EntriIsi(f"BAB {nomor} {judul}", anchor, 1))
        return Bab(nomor=nomor, judul=judul, anchor=anchor)

    def bab_lampiran(self, n: int, judul: str) -> Bab:
        anchor = f"lampiran-{n}"
        self.isi.append(EntriIsi(judul, anchor, 2))
        return Bab(nomor="", judul=judul, anchor=anchor, kelas="lampiran")

    def ke(self, tabel: Tabel | rows.Table, bab: str) -> str:
        """The number ``tabel``, about to be numbered, will get ("Tabel 2.3")."""
        return self.no.tabel_berikut(bab)

    def uraian_induk(self) -> dict[str, tuple[str, str]]:
        """Code → (level, description) of every tujuan, sasaran, program, kegiatan and sub."""
        hasil = {}
        for tj in self.paket.renstra.tujuan:
            hasil[tj.kode] = ("tujuan", tj.uraian)
            for s in tj.sasaran:
                hasil[s.kode] = ("sasaran", s.uraian)
        hasil.update(uraian_program(self.paket))
        return hasil

    def urutan_indikator(self, kode: str) -> int:
        if self._urutan is None:
            self._urutan = {i.kode: n for n, i in enumerate(self.paket.semua_indikator())}
        return self._urutan.get(kode, 10**6)
