"""What each kind of import job does (``interchange.antrean``): check the user's right
again, read the stored upload (or the preview's rows), check it, and return its save —
the import's own service, the same one the confirm step calls for a small file."""

from __future__ import annotations

from django.core.files.storage import default_storage

from anggaran.impor_xlsx import Pemetaan, baca_anggaran, buka_lembar
from anggaran.models import DPA
from anggaran.services.impor import Tujuan
from interchange.antrean import Ditolak, Pelari
from interchange.models import ImporJob
from interchange.simpan import paket_simpan
from kinerja.access import get_editable_perangkat_daerah_for_user, get_manageable_pemda_for_user
from kinerja.models import Indikator, Renstra
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.services.realisasi import (
    SimpanError,
    realisasi_periksa_triwulan,
    realisasi_simpan_triwulan,
    romawi,
)
from kinerja.services.register_xlsx import baca_register, register_simpan
from kinerja.views.realisasi_xlsx import baris_dari_sesi
from lib.xlsx_baca import BerkasDitolak, Galat

BACA, PERIKSA = (10, "Membaca berkas"), (35, "Memeriksa isi berkas")


def _baca_berkas(job: ImporJob) -> bytes:
    with default_storage.open(job.berkas, "rb") as f:
        return f.read()


def _galat_xlsx(galat: list[Galat]) -> list[tuple[str, str]]:
    return [(g.letak, g.pesan) for g in galat]


def anggaran(job: ImporJob, pengguna, tahap):
    """A budget file onto a DPA version's pagu or a quarter's realisasi anggaran."""
    pd = get_editable_perangkat_daerah_for_user(pengguna, job.perangkat_daerah.kode)
    m = job.muatan
    if m.get("dpa"):
        dpa = DPA.objects.filter(pk=m["dpa"], perangkat_daerah=pd).first()
        if dpa is None:
            raise Ditolak([("", "Versi DPA tidak ditemukan.")])
        tujuan = Tujuan.untuk_dpa(dpa)
    else:
        tujuan = Tujuan.untuk_realisasi(pd, m["tahun"], m["triwulan"])
    tahap(*BACA)
    try:
        lembar = next(
            (lb for lb in buka_lembar(_baca_berkas(job)) if lb.nama == m["pemetaan"]["sheet"]),
            None,
        )
    except BerkasDitolak as e:
        raise Ditolak(_galat_xlsx(e.galat)) from None
    if lembar is None:
        raise Ditolak([("", f"Lembar “{m['pemetaan']['sheet']}” tidak ada di berkas.")])
    dibaca, galat = baca_anggaran(
        lembar,
        Pemetaan(**m["pemetaan"]["kolom"]),
        tujuan.pohon().pohon,
        jenis_belanja=tujuan.dpa is not None,
    )
    if galat:
        raise Ditolak(_galat_xlsx(galat))
    tahap(*PERIKSA)
    baris, masalah = tujuan.baris(dibaca, m.get("kumulatif", False))
    if masalah:
        raise Ditolak([("", x) for x in masalah])

    def simpan() -> tuple[int, str]:
        n = tujuan.simpan(baris, pengguna)
        if not n:
            return 0, "Berkas tidak mengubah angka apa pun."
        return n, f"Impor {tujuan.judul} tersimpan: {n} angka diubah."

    return simpan


def _galat_realisasi(e: SimpanError) -> list[tuple[str, str]]:
    kode = dict(Indikator.objects.filter(pk__in=e.per_baris).values_list("pk", "kode"))
    return [(kode.get(i, ""), p) for i, daftar in e.per_baris.items() for p in daftar]


def realisasi(job: ImporJob, pengguna, tahap):
    """The quarterly realisasi workbook: its rows that change, read at the preview."""
    pd = get_editable_perangkat_daerah_for_user(pengguna, job.perangkat_daerah.kode)
    m = job.muatan
    tahun, triwulan = m["tahun"], m["triwulan"]
    tahap(*BACA)
    baris = baris_dari_sesi(m["baris"])
    tahap(*PERIKSA)
    try:
        realisasi_periksa_triwulan(pd=pd, tahun=tahun, triwulan=triwulan, baris=baris)
    except SimpanError as e:
        raise Ditolak(_galat_realisasi(e)) from None

    def simpan() -> tuple[int, str]:
        try:
            n = realisasi_simpan_triwulan(
                pd=pd, tahun=tahun, triwulan=triwulan, baris=baris, pengguna=pengguna
            )
        except SimpanError as e:
            raise Ditolak(_galat_realisasi(e)) from None
        if not n:
            return 0, "Tidak ada perubahan untuk disimpan."
        return n, f"Impor buku kerja triwulan {romawi(triwulan)} tersimpan: {n} indikator diubah."

    return simpan


def register(job: ImporJob, pengguna, tahap):
    """The indicator register of a Renstra."""
    pd = get_editable_perangkat_daerah_for_user(pengguna, job.perangkat_daerah.kode)
    renstra = (
        Renstra.objects.select_related("perangkat_daerah__pemda")
        .filter(pk=job.muatan["renstra"], perangkat_daerah=pd)
        .first()
    )
    if renstra is None:
        raise Ditolak([("", "Renstra tidak ditemukan.")])
    tahap(*BACA)
    try:
        baris = baca_register(_baca_berkas(job), renstra)
    except BerkasDitolak as e:
        raise Ditolak(_galat_xlsx(e.galat)) from None
    tahap(*PERIKSA)

    def simpan() -> tuple[int, str]:
        n = register_simpan(baris, pengguna)
        return n, f"Register indikator diimpor: {n} indikator diubah."

    return simpan


def paket(job: ImporJob, pengguna, tahap):
    """A data package of the pemda (the admin pemda's import)."""
    pemda = get_manageable_pemda_for_user(pengguna, job.pemda.kode)
    tahap(*BACA)
    try:
        isi = baca_paket(muat_json(_baca_berkas(job)))
    except InvalidPaket as e:
        raise Ditolak([(g.path, g.pesan) for g in e.errors]) from None
    tahap(*PERIKSA)
    if isi.pemda.kode != pemda.kode:
        raise Ditolak(
            [("", f"Paket ini milik {isi.pemda.nama} ({isi.pemda.kode}), bukan {pemda.nama}.")]
        )

    def simpan() -> tuple[int, str]:
        try:
            pd = paket_simpan(paket=isi, pengguna=pengguna)
        except InvalidPaket as e:
            raise Ditolak([(g.path, g.pesan) for g in e.errors]) from None
        n = len(isi.semua_indikator())
        tahun = ", ".join(str(th.tahun) for th in isi.tahun) or "-"
        return n, f"Paket {pd.nama} diimpor: {n} indikator, tahun {tahun}."

    return simpan


PELARI: dict[str, Pelari] = {
    ImporJob.Jenis.ANGGARAN: anggaran,
    ImporJob.Jenis.REALISASI: realisasi,
    ImporJob.Jenis.REGISTER: register,
    ImporJob.Jenis.PAKET: paket,
}
