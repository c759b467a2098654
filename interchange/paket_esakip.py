"""The e-SAKIP Reviu submission pack: one zip per PD and year.

Folders follow the e-SAKIP document types (see docs, "Paket e-SAKIP"). The zip
assembly and manifest are pure; collecting the documents needs the database.
An LHE is included when a provider registered with ``daftar_lhe`` returns one.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

FOLDER = {
    "renstra": "01_Renstra",
    "iku": "02_IKU",
    "pk": "03_PK",
    "rencana_aksi": "04_Rencana_Aksi",
    "lkjip": "05_LKjIP",
    "lhe": "06_LHE",
}


@dataclass(frozen=True)
class Berkas:
    jenis: str  # key of FOLDER
    nama: str
    isi: bytes
    sumber: str  # where the bytes came from (for the manifest)

    @property
    def path(self) -> str:
        return f"{FOLDER[self.jenis]}/{self.nama}"


def manifest(berkas: list[Berkas]) -> dict:
    """Path, SHA-256, size and source of every file, in zip order."""
    return {
        "berkas": [
            {
                "path": b.path,
                "sha256": hashlib.sha256(b.isi).hexdigest(),
                "ukuran": len(b.isi),
                "sumber": b.sumber,
            }
            for b in berkas
        ]
    }


def rakit_zip(berkas: list[Berkas]) -> bytes:
    """The zip of ``berkas`` plus ``MANIFEST.json``; duplicate paths are refused."""
    paths = [b.path for b in berkas]
    if len(set(paths)) != len(paths):
        raise ValueError("nama berkas ganda di dalam paket")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for b in berkas:
            zf.writestr(b.path, b.isi)
        zf.writestr("MANIFEST.json", json.dumps(manifest(berkas), indent=2, ensure_ascii=False))
    return buf.getvalue()


# LHE providers: callables (pd, tahun) -> (pdf bytes, file name) | None.
_PENYEDIA_LHE: list[Callable] = []


def daftar_lhe(fungsi: Callable) -> Callable:
    """Register an LHE provider (used by the evaluasi LHE once it exists)."""
    _PENYEDIA_LHE.append(fungsi)
    return fungsi


def _lhe(pd, tahun: int) -> Berkas | None:
    for fungsi in _PENYEDIA_LHE:
        hasil = fungsi(pd, tahun)
        if hasil is not None:
            pdf, nama = hasil
            return Berkas("lhe", nama, pdf, f"LHE {fungsi.__module__}")
    return None


@daftar_lhe
def lhe_final(pd, tahun: int) -> tuple[bytes, str] | None:
    """The LHE of the final evaluation of ``pd``'s ``tahun``: its stored PDF, printed
    now when nobody downloaded it yet (the QR code points at ``LKJIP_URL_DASAR``)."""
    from django.conf import settings
    from django.db import transaction
    from django.urls import reverse

    from evaluasi.lhe import lhe_cetak
    from evaluasi.models import EvaluasiLke

    e = EvaluasiLke.objects.filter(
        perangkat_daerah=pd, tahun=tahun, status=EvaluasiLke.Status.FINAL
    ).first()
    if e is None:
        return None

    def alamat(kode_isi: str) -> str:
        return settings.LKJIP_URL_DASAR.rstrip("/") + reverse(
            "verifikasi", kwargs={"kode_isi": kode_isi}
        )

    with transaction.atomic():
        s = lhe_cetak(evaluasi=e, alamat_verifikasi=alamat, pengguna=None)
    with s.berkas.open("rb") as f:
        return f.read(), f"LHE-{tahun}-{_nama_pd(pd)}.pdf"


def _nama_pd(pd) -> str:
    return "-".join(pd.nama.split())


def _lkjip(pd, tahun: int) -> Berkas:
    from laporan.models import SnapshotLKjIP
    from laporan.pdf import buat_pdf

    snap = (
        SnapshotLKjIP.objects.filter(lkjip__perangkat_daerah=pd, lkjip__tahun=tahun)
        .order_by("-versi")
        .first()
    )
    if snap is not None:
        with snap.berkas.open("rb") as f:
            isi = f.read()
        nama = f"LKjIP-{tahun}-{_nama_pd(pd)}-v{snap.versi}.pdf"
        return Berkas("lkjip", nama, isi, f"SnapshotLKjIP versi {snap.versi} (ditandatangani)")
    hasil = buat_pdf(pd, tahun)
    nama = f"DRAF-LKjIP-{tahun}-{_nama_pd(pd)}.pdf"
    return Berkas("lkjip", nama, hasil.pdf, "cetak draf LKjIP (belum ditandatangani)")


def _pk(pd, tahun: int) -> list[Berkas]:
    from kinerja.models import PerjanjianKinerja
    from laporan.dokumen_pk import pdf_pk

    hasil = []
    daftar = PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
    for versi in daftar.values_list("versi", flat=True):
        pdf, nama = pdf_pk(pd, tahun, versi)
        hasil.append(Berkas("pk", nama, pdf, f"Perjanjian Kinerja versi {versi}"))
    return hasil


def _pdf_tabel(pd, tahun: int, judul: str, tabel) -> bytes:
    """A row-source table as a small PDF in the document style."""
    import re

    from django.template.loader import render_to_string

    from laporan.pdf import CSS_RELATIVE, html_to_pdf

    html = render_to_string(
        "interchange/paket_tabel.html",
        {
            "judul": judul,
            "pd_nama": pd.nama,
            "tahun": tahun,
            "tabel": tabel,
            "css": CSS_RELATIVE,
            "kepala_halaman": re.sub(r'["\\<>\n]', "", f"{judul} {pd.nama}"),
        },
    )
    pdf, _ = html_to_pdf(html)
    return pdf


def tabel_iku(renstra):
    """The Renstra indicator table kept to the rows marked IKU."""
    from dataclasses import replace

    kolom = [c.header for c in renstra.columns].index("IKU")
    baris = [r for r in renstra.rows if r.values[kolom] == "Ya"]
    return replace(renstra, title="Indikator Kinerja Utama", rows=baris)


def _tabel(pd, tahun: int) -> list[Berkas]:
    """Renstra indicators and rencana aksi from the year's package tables."""
    from kinerja.tabel_paket import tabel_indikator_renstra, tabel_rencana_aksi
    from laporan.selectors_paket import paket_muat

    paket = paket_muat(pd, tahun)
    th = paket.cari_tahun(tahun)
    if th is None:
        return []
    nama = _nama_pd(pd)
    renstra = tabel_indikator_renstra(paket, tahun)
    aksi = tabel_rencana_aksi(paket, th)
    iku = tabel_iku(renstra)
    return [
        Berkas(
            "renstra",
            f"Renstra-Indikator-{tahun}-{nama}.pdf",
            _pdf_tabel(pd, tahun, "Indikator Renstra", renstra),
            "tabel indikator Renstra (kinerja.tabel_paket)",
        ),
        Berkas(
            "iku",
            f"IKU-{tahun}-{nama}.pdf",
            _pdf_tabel(pd, tahun, "Indikator Kinerja Utama", iku),
            "indikator Renstra bertanda IKU (kinerja.tabel_paket)",
        ),
        Berkas(
            "rencana_aksi",
            f"Rencana-Aksi-{tahun}-{nama}.pdf",
            _pdf_tabel(pd, tahun, "Rencana Aksi", aksi),
            "tabel rencana aksi (kinerja.tabel_paket)",
        ),
    ]


def kumpulkan(pd, tahun: int) -> list[Berkas]:
    """The documents of ``pd`` for ``tahun`` that exist today."""
    berkas = [*_tabel(pd, tahun), *_pk(pd, tahun), _lkjip(pd, tahun)]
    lhe = _lhe(pd, tahun)
    if lhe is not None:
        berkas.append(lhe)
    return berkas


def buat_paket(pd, tahun: int) -> bytes:
    return rakit_zip(kumpulkan(pd, tahun))
