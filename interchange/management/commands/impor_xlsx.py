"""``manage.py impor_xlsx``: a workbook onto the data, as the import screens do it.

- A year's workbook (``ekspor_xlsx``) carries the perangkat daerah's data package: it
  is imported as ``impor_paket`` would (the perangkat daerah created or replaced), after
  checking that none of its visible values was changed.
- A quarterly realisasi workbook (downloaded from the realisasi page) names its
  perangkat daerah, year and quarter itself.
- An indicator register workbook (downloaded from the Renstra page) names its Renstra
  itself: its changed texts and targets and its new indicators, with the checks and
  messages of the Renstra page's import.
- A budget file of the finance system needs ``--pd``, ``--tahun`` and either
  ``--dpa VERSI`` (its pagu) or ``--triwulan N`` (its realisasi anggaran;
  ``--kumulatif`` when the amounts run from the start of the year).

``--pratinjau`` prints what would change and writes nothing. Problems are printed
with their sheet, row and column; the exit status is non-zero when the file is
refused. Nothing is written unless every row can be.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from anggaran.impor_xlsx import (
    UKURAN_MAKS,
    BerkasDitolak,
    baca_anggaran,
    buka_lembar,
    kenali_kolom,
)
from anggaran.models import DPA
from anggaran.services.common import rp
from anggaran.services.impor import Tujuan
from interchange.buku_tahun import baca_buku_tahun
from interchange.pratinjau import paket_pratinjau
from interchange.simpan import paket_simpan
from kinerja.models import PerangkatDaerah, Renstra
from kinerja.paket.parser import InvalidPaket
from kinerja.services.realisasi import (
    SimpanError,
    grid_triwulan,
    realisasi_periksa_triwulan,
    realisasi_simpan_triwulan,
    romawi,
)
from kinerja.services.realisasi_xlsx import BukuDitolak, baca_buku_triwulan, identitas_buku
from kinerja.services.register_xlsx import (
    baca_register,
    register_periksa,
    register_simpan,
    renstra_buku,
)
from lib.xlsx_baca import buka_buku


class Command(BaseCommand):
    help = (
        "Impor buku kerja Excel: buku kerja tahunan, buku kerja realisasi triwulan, "
        "register indikator Renstra, atau berkas DPA/realisasi anggaran dari SIPD atau "
        "aplikasi keuangan pemda."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas .xlsx")
        parser.add_argument(
            "--pratinjau", action="store_true", help="tampilkan saja, tanpa menyimpan"
        )
        parser.add_argument("--pd", help="kode perangkat daerah (berkas anggaran)")
        parser.add_argument("--tahun", type=int, help="tahun (berkas anggaran)")
        parser.add_argument("--dpa", help="versi DPA yang diisi pagunya: murni, perubahan, …")
        parser.add_argument("--triwulan", type=int, help="triwulan realisasi anggaran (1-4)")
        parser.add_argument(
            "--kumulatif", action="store_true", help="realisasi berisi jumlah s.d. triwulan"
        )
        parser.add_argument("--pengguna", help="nama pengguna yang dicatat di riwayat perubahan")

    def handle(self, *args, **o):
        path = Path(o["berkas"])
        try:
            data = path.read_bytes()
        except OSError as e:
            raise CommandError(f"tidak dapat membaca {path}: {e.strerror}") from e
        pengguna = None
        if o["pengguna"]:
            pengguna = get_user_model().objects.filter(username=o["pengguna"]).first()
            if pengguna is None:
                raise CommandError(f"pengguna {o['pengguna']!r} tidak ditemukan")
        try:
            self._impor(data, o, pengguna)
        except (BukuDitolak, BerkasDitolak) as e:
            for g in e.galat:
                self.stderr.write(str(g))
            raise CommandError("berkas ditolak; tidak ada yang disimpan") from e
        except SimpanError as e:
            for daftar in e.per_baris.values():
                for p in daftar:
                    self.stderr.write(p)
            raise CommandError("berkas ditolak; tidak ada yang disimpan") from e
        except ValidationError as e:
            for m in e.messages:
                self.stderr.write(m)
            raise CommandError("berkas ditolak; tidak ada yang disimpan") from e
        except InvalidPaket as e:
            for err in e.errors:
                self.stderr.write(f"{err.path}: {err.pesan}")
            raise CommandError("berkas ditolak; tidak ada yang disimpan") from e

    def _impor(self, data: bytes, o, pengguna) -> None:
        """The workbook's kind decides: a year's, a register, a quarterly one, else a
        budget file."""
        wb = buka_buku(data, UKURAN_MAKS) if data[:2] == b"PK" else None
        tahunan = baca_buku_tahun(wb) if wb is not None else None
        if tahunan is not None:
            return self._tahunan(*tahunan, o["pratinjau"], pengguna)
        renstra = renstra_buku(wb) if wb is not None else None
        if renstra is not None:
            return self._register(data, renstra, o["pratinjau"], pengguna)
        ident = identitas_buku(data) if wb is not None else None
        if ident is not None:
            return self._triwulan(data, ident, o["pratinjau"], pengguna)
        return self._anggaran(data, o, pengguna)

    def _register(self, data: bytes, renstra_id: int, pratinjau: bool, pengguna) -> None:
        r = Renstra.objects.select_related("perangkat_daerah__pemda").filter(pk=renstra_id).first()
        if r is None:
            raise CommandError("Renstra register indikator ini tidak ditemukan di aplikasi ini")
        baris = baca_register(data, r)
        baru = sum(1 for b in baris if b.baru)
        self.stdout.write(
            f"{r.perangkat_daerah.nama}, register indikator Renstra {r.mulai}–{r.selesai}: "
            f"{len(baris)} indikator akan diubah" + (f" ({baru} di antaranya baru)" if baru else "")
        )
        for b in baris:
            tanda = " (baru)" if b.baru else ""
            self.stdout.write(f"  {b.indikator.kode} {b.indikator.nama}{tanda}")
            for apa, lama, isi in b.perubahan:
                self.stdout.write(f"    {apa}: {lama or 'kosong'} → {isi or 'kosong'}")
        if pratinjau:
            tolak = register_periksa(baris, pengguna)
            if tolak:
                raise ValidationError(tolak)
            return
        n = register_simpan(baris, pengguna)
        teks = f"{n} indikator diubah" + (f", {baru} di antaranya baru" if baru else "")
        self.stdout.write(f"Register indikator diimpor: {teks}.")

    def _tahunan(self, paket, tahun: int, pratinjau: bool, pengguna) -> None:
        p = paket_pratinjau(paket)
        if p.galat:
            raise InvalidPaket(p.galat)
        keadaan = "diganti" if p.ada else "baru"
        self.stdout.write(
            f"buku kerja tahun {tahun}: {p.nama} ({p.kode}), {keadaan}; "
            f"{p.indikator_baru} indikator, tahun {', '.join(str(b.tahun) for b in p.tahun)}"
        )
        for b in p.tahun:
            rinci = ", ".join(f"{nama} {lama} → {baru}" for nama, lama, baru in b.kolom)
            self.stdout.write(f"  {b.tahun}: {rinci}")
        if not pratinjau:
            pd = paket_simpan(paket=paket, pengguna=pengguna)
            self.stdout.write(f"tersimpan: {pd.nama} ({pd.kode})")

    def _pd(self, kode: str) -> PerangkatDaerah:
        pd = PerangkatDaerah.objects.select_related("pemda").filter(kode=kode).first()
        if pd is None:
            raise CommandError(f"perangkat daerah dengan kode {kode!r} tidak ditemukan")
        return pd

    def _triwulan(self, data: bytes, ident, pratinjau: bool, pengguna) -> None:
        kode, tahun, triwulan = ident
        pd = self._pd(kode)
        grid = grid_triwulan(pd, tahun, triwulan)
        baris = baca_buku_triwulan(data, grid)
        perubahan = realisasi_periksa_triwulan(pd=pd, tahun=tahun, triwulan=triwulan, baris=baris)
        self.stdout.write(
            f"{pd.nama} tahun {tahun} triwulan {romawi(triwulan)}: "
            f"{len(perubahan)} indikator berubah"
        )
        for p in perubahan:
            lama, baru = p.lama_teks or "kosong", p.baru_teks or "kosong"
            self.stdout.write(f"  {p.grid.indikator.kode}: {lama} → {baru}")
        if not pratinjau:
            n = realisasi_simpan_triwulan(
                pd=pd, tahun=tahun, triwulan=triwulan, baris=baris, pengguna=pengguna
            )
            self.stdout.write(f"tersimpan: {n} indikator diubah")

    def _anggaran(self, data: bytes, o, pengguna) -> None:
        daftar = buka_lembar(data)
        if not o["pd"] or not o["tahun"] or bool(o["dpa"]) == bool(o["triwulan"]):
            raise CommandError(
                "berkas ini bukan buku kerja realisasi triwulan: untuk berkas anggaran isi "
                "--pd dan --tahun, serta --dpa VERSI atau --triwulan N"
            )
        pd = self._pd(o["pd"])
        if o["dpa"]:
            dpa = DPA.objects.filter(perangkat_daerah=pd, tahun=o["tahun"], versi=o["dpa"]).first()
            if dpa is None:
                raise CommandError(f"DPA {o['dpa']} tahun {o['tahun']} tidak ditemukan")
            tujuan = Tujuan.untuk_dpa(dpa)
        else:
            if o["triwulan"] not in (1, 2, 3, 4):
                raise CommandError("triwulan harus 1, 2, 3 atau 4")
            tujuan = Tujuan.untuk_realisasi(pd, o["tahun"], o["triwulan"])
        lembar = pemetaan = None
        for lb in daftar:
            pemetaan = kenali_kolom(lb, tujuan.jenis, tujuan.versi)
            if pemetaan is not None:
                lembar = lb
                break
        if pemetaan is None:
            raise CommandError(
                "judul kolom berkas tidak dikenali; pilih kolomnya di layar impor aplikasi"
            )
        dibaca, galat = baca_anggaran(
            lembar, pemetaan, tujuan.pohon().pohon, jenis_belanja=tujuan.dpa is not None
        )
        if galat:
            raise BerkasDitolak(galat)
        baris, masalah = tujuan.baris(dibaca, o["kumulatif"])
        if masalah:
            raise ValidationError(masalah)
        perubahan = tujuan.pratinjau(baris)
        self.stdout.write(
            f"{pd.nama} tahun {o['tahun']}, {tujuan.judul}: {len(perubahan)} angka berubah "
            f"(kolom “{lembar.judul_kolom(pemetaan.baris_kepala, pemetaan.jumlah)}” "
            f"lembar “{lembar.nama}”)"
        )
        for p in perubahan:
            self.stdout.write(f"  {p.apa}: {rp(p.lama)} → {rp(p.baru)}")
        if not o["pratinjau"]:
            n = tujuan.simpan(baris, pengguna)
            self.stdout.write(f"tersimpan: {n} angka diubah")
