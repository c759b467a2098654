"""Shared data steps of the LKjIP workflow tests: evidence, narratives, a complete year."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from pathlib import Path

import pikepdf
from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.engine.hitung import hitung
from kinerja.models import BuktiDukung, PerangkatDaerah, Realisasi
from kinerja.paket.parser import muat_json
from kinerja.paket.serializer import dumps
from laporan.kerangka import BAGIAN
from laporan.models import LKjIP, Narasi, SnapshotLKjIP
from laporan.selectors_paket import paket_muat
from laporan.services.tetap import penjelasan_simpan_banyak

PDF_BUKTI = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
KODE_A = "33.16.05"
EDITOR = f"/pd/{KODE_A}/2024/lkjip/"


def lkjip(pd: PerangkatDaerah, tahun: int = 2024) -> LKjIP:
    return LKjIP.objects.get(perangkat_daerah=pd, tahun=tahun)


def realisasi(pd: PerangkatDaerah, kode: str, triwulan: int = 4) -> Realisasi:
    return Realisasi.objects.get(
        indikator__renstra__perangkat_daerah=pd, indikator__kode=kode, tahun=2024, triwulan=triwulan
    )


def tambah_bukti(
    pd: PerangkatDaerah, kode: str, *, triwulan: int = 4, nama: str = "bukti.pdf", isi=PDF_BUKTI
) -> BuktiDukung:
    r = realisasi(pd, kode, triwulan)
    b = BuktiDukung(realisasi=r, nama_asli=nama, ukuran=len(isi), jenis="pdf")
    b.berkas.save(nama, ContentFile(isi), save=False)
    b.save()
    return b


def tulis_narasi(pd: PerangkatDaerah, bagian: str, teks: str, *, judul: str = "") -> Narasi:
    n, _ = Narasi.objects.update_or_create(
        lkjip=lkjip(pd), bagian=bagian, defaults={"teks": teks, "judul": judul, "versi": 1}
    )
    return n


def narasi_wajib(pd: PerangkatDaerah, *, kecuali: tuple[str, ...] = ()) -> None:
    for b in BAGIAN:
        if b.wajib and b.kunci not in kecuali:
            tulis_narasi(pd, b.kunci, f"{b.judul} {pd.nama} tahun 2024 ditulis oleh operator.")


def kunci_temuan(pd: PerangkatDaerah, tahun: int = 2024) -> list[str]:
    """The keys of the consistency findings of the year, in order, without repeats."""
    hasil = hitung(paket_muat(pd, tahun=tahun), tahun)
    return list(dict.fromkeys(x.kunci for x in hasil.temuan))


def jelaskan_temuan(pd: PerangkatDaerah, tahun: int = 2024, *, pengguna=None) -> list[str]:
    """Explain every finding of the year through the service (the demo's data copy the
    figures of a real report, whose printed numbers the engine finds inconsistent)."""
    kunci = kunci_temuan(pd, tahun)
    penjelasan_simpan_banyak(
        pd=pd,
        tahun=tahun,
        teks={k: f"Angka mengikuti dokumen sumber ({k.split('|')[0]})." for k in kunci},
        pengguna=pengguna,
    )
    return kunci


def lengkapi(pd: PerangkatDaerah, *, kecuali_narasi: tuple[str, ...] = ()) -> LKjIP:
    """Randublatung 2024 ready to sign: evidence for both PK indicators, every required
    text, an explanation of every consistency finding."""
    for kode in ("IKT-1", "IKT-2"):
        tambah_bukti(pd, kode, nama=f"Bukti {kode} TW IV.pdf")
    narasi_wajib(pd, kecuali=kecuali_narasi)
    jelaskan_temuan(pd)
    return lkjip(pd)


def simpan_snapshot(
    x: LKjIP,
    *,
    versi: int,
    isi: bytes,
    halaman: int,
    kode_isi: str | None = None,
    ditetapkan_pada: datetime.datetime | None = None,
    penandatangan: tuple[str, str] = ("Drs. Sutrisno Wibowo, M.Si", "Camat Randublatung"),
    berkas: str = "lkjip.pdf",
) -> SnapshotLKjIP:
    """A signed version of ``x`` stored with the file ``isi`` (not rendered)."""
    s = SnapshotLKjIP(
        lkjip=x,
        versi=versi,
        sha256=hashlib.sha256(isi).hexdigest(),
        kode_isi=kode_isi or hashlib.sha256(uuid.uuid4().bytes).hexdigest(),
        halaman=halaman,
        ukuran=len(isi),
        ditetapkan_pada=ditetapkan_pada or timezone.now(),
        nama_penandatangan=penandatangan[0],
        jabatan_penandatangan=penandatangan[1],
    )
    s.berkas.save(berkas, ContentFile(isi), save=False)
    s.save()
    return s


def pdf_palsu(html: str, **_) -> tuple[bytes, int]:
    """A stand-in for WeasyPrint (2–3 s per render) where the PDF's look does not matter:
    different content still gives different bytes."""
    return b"%PDF-1.4\n% " + hashlib.sha256(html.encode()).hexdigest().encode() + b"\n%%EOF\n", 3


def ubah_paket_pdf(sumber: Path, tujuan: Path, kode: str, nilai) -> None:
    """A copy of ``sumber`` whose embedded paket.json has another realisasi for ``kode``."""
    with pikepdf.open(sumber) as pdf:
        # Read and written as the print wrote it: exact decimals (98.50 stays 98.50).
        paket = muat_json(pdf.attachments["paket.json"].get_file().read_bytes())
        th = next(t for t in paket["tahun"] if t["tahun"] == 2024)
        th["realisasi"][kode][-1] = nilai
        pdf.attachments["paket.json"] = pikepdf.AttachedFileSpec(
            pdf,
            dumps(paket).encode(),
            filename="paket.json",
            mime_type="application/json",
            relationship=pikepdf.Name.Data,
        )
        pdf.save(tujuan)
