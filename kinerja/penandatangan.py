"""Who signs a document of a perangkat daerah's year, and how the signature block prints.

One place decides it for the PK (murni/perubahan), the cascaded PK and the LKjIP:
the officials of that year (kinerja.Pejabat with ``tahun``), including acting ones
printed the Indonesian way ("Plt. CAMAT RANDUBLATUNG"). The second party of a
kecamatan's PK is the head of its pemda, whose jabatan follows the pemda's type
(Kabupaten Blora → BUPATI BLORA, Kota Semarang → WALI KOTA SEMARANG).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from kinerja.models import (
    AWALAN_STATUS,
    JenisPemda,
    Pejabat,
    Pemda,
    PerangkatDaerah,
    jenis_pemda_dari_nama,
)
from lib.format import format_nip, format_tanggal

TITIK = "……………………"


def jabatan_cetak(jabatan: str, status: str = "") -> str:
    """ "Plt. CAMAT RANDUBLATUNG": the jabatan in capitals, the acting prefix as written."""
    awalan = AWALAN_STATUS.get(status)
    return f"{awalan} {jabatan.upper()}" if awalan else jabatan.upper()


def jabatan_kalimat(jabatan: str, status: str = "") -> str:
    """ "Plt. Camat Randublatung": the jabatan as written, within a sentence."""
    awalan = AWALAN_STATUS.get(status)
    return f"{awalan} {jabatan}" if awalan else jabatan


def jabatan_kepala_daerah(pemda) -> str:
    """ "Bupati Blora" for Kabupaten Blora, "Wali Kota Semarang" for Kota Semarang.

    ``pemda``: a Pemda, or the pemda of a paket (whose ``jenis`` may be None: then the
    name decides)."""
    jenis = pemda.jenis or jenis_pemda_dari_nama(pemda.nama)
    wilayah = pemda.nama.strip()
    for awalan in ("Kabupaten ", "Kota ", "Kab. "):
        if wilayah.lower().startswith(awalan.lower()):
            wilayah = wilayah[len(awalan) :]
            break
    gelar = "Wali Kota" if jenis == JenisPemda.KOTA else "Bupati"
    return f"{gelar} {wilayah}"


@dataclass(frozen=True)
class BlokTandaTangan:
    """One signature block as printed (every line already formatted)."""

    jabatan: str  # "Plt. CAMAT RANDUBLATUNG"
    nama: str  # "Drs. Sutrisno Wibowo, M.Si", dotted when unknown
    pangkat: str = ""  # "Pembina Tingkat I (IV/b)"
    nip: str = ""  # "NIP. 19680314 199403 1 007"
    ada: bool = True  # False: nobody holds the jabatan in that year

    @classmethod
    def dari(cls, p: Pejabat | None, *, jabatan: str = "") -> BlokTandaTangan:
        """The block of ``p``; ``jabatan`` replaces the official's own (keeping Plt./Plh.)."""
        if p is None:
            return cls(jabatan=jabatan_cetak(jabatan), nama=TITIK, ada=False)
        pangkat = p.pangkat
        if p.pangkat and p.golongan:
            pangkat = f"{p.pangkat} ({p.golongan})"
        return cls(
            jabatan=jabatan_cetak(jabatan or p.jabatan, p.status),
            nama=p.nama_lengkap,
            pangkat=pangkat or p.golongan,
            nip=f"NIP. {format_nip(p.nip)}" if p.nip else "",
        )


@dataclass(frozen=True)
class Penandatanganan:
    """The signers of one document: pihak pertama (the one who signs, or the camat of the
    LKjIP), pihak kedua (for a PK) and the place and date line."""

    pertama: BlokTandaTangan
    kedua: BlokTandaTangan | None
    tempat_tanggal: str
    pejabat_pertama: Pejabat | None = None
    pejabat_kedua: Pejabat | None = None


def pejabat_tahun(pd: PerangkatDaerah, tahun: int) -> list[Pejabat]:
    """The officials of ``pd`` and of its pemda in ``tahun`` (one query), for the
    functions below when a document needs several of them."""
    return list(
        Pejabat.objects.filter(
            Q(perangkat_daerah=pd) | Q(pemda_id=pd.pemda_id, perangkat_daerah=None),
            tahun=tahun,
        ).order_by("urutan", "pk")
    )


def kepala_dari(daftar: list[Pejabat], pd_id: int | None) -> tuple[Pejabat | None, bool]:
    """The kepala among the officials of one body (a pd, or the pemda when ``pd_id`` is
    None), and whether that body has any official that year."""
    milik = [p for p in daftar if p.perangkat_daerah_id == pd_id]
    kepala = [p for p in milik if p.kepala]
    return (kepala[-1] if kepala else None), bool(milik)


def kepala_pd(
    pd: PerangkatDaerah, tahun: int, daftar: list[Pejabat] | None = None
) -> Pejabat | None:
    """The kepala of ``pd`` in ``tahun`` (definitive or acting); the perangkat daerah's
    kepala of old data when no official is kept for that year."""
    daftar = pejabat_tahun(pd, tahun) if daftar is None else daftar
    p, ada = kepala_dari(daftar, pd.pk)
    return p if ada else pd.kepala


def kepala_daerah(pemda: Pemda, tahun: int, daftar: list[Pejabat] | None = None) -> Pejabat | None:
    """The bupati/wali kota (or acting) of ``pemda`` in ``tahun``."""
    if daftar is None:
        daftar = list(
            Pejabat.objects.filter(pemda=pemda, perangkat_daerah=None, tahun=tahun).order_by(
                "urutan", "pk"
            )
        )
    p, ada = kepala_dari(daftar, None)
    return p if ada else pemda.kepala


def pejabat_jabatan(
    pd: PerangkatDaerah, tahun: int, jabatan: str, daftar: list[Pejabat] | None = None
) -> Pejabat | None:
    """The official of ``pd`` in ``tahun`` holding ``jabatan`` ("Sekretaris Kecamatan"
    matches "Sekretaris Kecamatan Randublatung")."""
    cari = " ".join(jabatan.split()).casefold()
    if not cari:
        return None
    daftar = pejabat_tahun(pd, tahun) if daftar is None else daftar
    for p in daftar:
        if p.perangkat_daerah_id == pd.pk and " ".join(p.jabatan.split()).casefold().startswith(
            cari
        ):
            return p
    return None


def _tempat_tanggal(tempat: str, tanggal: datetime.date | None, tahun: int) -> str:
    return f"{tempat or '……………'}, {format_tanggal(tanggal) if tanggal else f'{TITIK} {tahun}'}"


def penandatanganan(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    dokumen: str,
    pk=None,
    pkb=None,
    tempat: str = "",
    tanggal: datetime.date | None = None,
    daftar: list[Pejabat] | None = None,
) -> Penandatanganan:
    """The signature blocks of a document of ``pd`` for ``tahun``.

    ``dokumen`` is "pk" (with ``pk``, a PerjanjianKinerja of any version), "pk_berjenjang"
    (with ``pkb``) or "lkjip" (with ``tempat``/``tanggal`` of the report). An official
    written on the document itself (an imported PK's party) wins over the year's list.
    ``daftar``: the officials of the year already read (``pejabat_tahun``).
    """
    pemda = pd.pemda
    daftar = pejabat_tahun(pd, tahun) if daftar is None else daftar
    if dokumen == "pk":
        pertama = pk.pihak_pertama or kepala_pd(pd, tahun, daftar)
        kedua = pk.pihak_kedua or kepala_daerah(pemda, tahun, daftar)
        return Penandatanganan(
            pertama=BlokTandaTangan.dari(pertama, jabatan="" if pertama else f"Camat {pd.nama}"),
            kedua=BlokTandaTangan.dari(kedua, jabatan=jabatan_kepala_daerah(pemda)),
            tempat_tanggal=_tempat_tanggal(pk.tempat or pemda.ibu_kota, pk.tanggal, tahun),
            pejabat_pertama=pertama,
            pejabat_kedua=kedua,
        )
    if dokumen == "pk_berjenjang":
        pertama = pkb.pejabat or pejabat_jabatan(pd, tahun, pkb.jabatan, daftar)
        kedua = kepala_pd(pd, tahun, daftar)
        return Penandatanganan(
            pertama=BlokTandaTangan.dari(pertama, jabatan=pkb.jabatan),
            kedua=BlokTandaTangan.dari(kedua, jabatan="" if kedua else f"Kepala {pd.nama}"),
            tempat_tanggal=_tempat_tanggal(
                getattr(pkb, "tempat", "") or pemda.ibu_kota,
                getattr(pkb, "tanggal", None),
                tahun,
            ),
            pejabat_pertama=pertama,
            pejabat_kedua=kedua,
        )
    if dokumen == "lkjip":
        pertama = kepala_pd(pd, tahun, daftar)
        return Penandatanganan(
            pertama=BlokTandaTangan.dari(pertama, jabatan="" if pertama else f"Kepala {pd.nama}"),
            kedua=None,
            tempat_tanggal=_tempat_tanggal(tempat or pemda.ibu_kota, tanggal, tahun),
            pejabat_pertama=pertama,
        )
    raise ValueError(f"dokumen {dokumen!r} tidak dikenal")
