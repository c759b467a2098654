"""The identity of the document and its signature blocks."""

from __future__ import annotations

from kinerja.paket import types as t
from kinerja.penandatangan import jabatan_cetak
from laporan.dokumen.blocks import TandaTangan
from laporan.dokumen.data import Identitas, PejabatDok
from laporan.dokumen.loader import DataTahun
from lib.format import format_nip, format_tanggal


def pejabat_dok(p: t.Pejabat | None) -> PejabatDok | None:
    if p is None:
        return None
    return PejabatDok(
        nama=p.nama_lengkap,
        jabatan=p.jabatan,
        pangkat=p.pangkat or "",
        golongan=p.golongan or "",
        nip=format_nip(p.nip) if p.nip else "",
        status=p.status or "",
    )


def susun_identitas(m: DataTahun, tahun: int) -> Identitas:
    paket = m.paket
    pemda, pd = paket.pemda, paket.perangkat_daerah
    tempat = (m.lkjip.tempat if m.lkjip else "") or pemda.ibu_kota or ""
    tanggal = m.lkjip.tanggal if m.lkjip else None
    return Identitas(
        pemda_kode=pemda.kode,
        pemda_nama=pemda.nama,
        provinsi=pemda.provinsi or "",
        ibu_kota=pemda.ibu_kota or "",
        pd_kode=pd.kode,
        pd_nama=pd.nama,
        pd_jenis=pd.jenis,
        alamat=pd.alamat or "",
        telepon=pd.telepon or "",
        email=pd.email or "",
        situs=pd.situs or "",
        tahun=tahun,
        renstra_mulai=paket.renstra.mulai,
        renstra_selesai=paket.renstra.selesai,
        kepala=m.kepala or pejabat_dok(pd.kepala),
        kepala_daerah=m.kepala_daerah or pejabat_dok(pemda.kepala),
        tempat=tempat or "……………",
        tanggal=tanggal,
        tanggal_teks=format_tanggal(tanggal) if tanggal else f"…………………… {tahun + 1}",
    )


def jabatan_kepala_pd(ident: Identitas) -> str:
    """The head's title when no official is recorded: "Camat Randublatung" for a kecamatan,
    "Kepala Dinas …" otherwise."""
    nama = ident.pd_nama.strip()
    if (ident.pd_jenis or "").lower() == "kecamatan":
        if nama.lower().startswith("kecamatan "):
            nama = nama[len("kecamatan ") :]
        return f"Camat {nama}"
    return f"Kepala {nama}"


def ttd_kepala(ident: Identitas, *, pengantar: str = "") -> TandaTangan:
    k = ident.kepala
    return TandaTangan(
        tempat_tanggal=ident.tempat_tanggal,
        jabatan=k.jabatan_cetak if k else jabatan_cetak(jabatan_kepala_pd(ident)),
        nama=k.nama if k else "……………………………",
        pangkat=k.pangkat if k else "",
        nip=f"NIP. {k.nip}" if k and k.nip else "",
        pengantar=pengantar,
    )


def ttd_pihak(
    pengantar: str, pejabat: PejabatDok | None, *, jabatan: str | None = None
) -> TandaTangan:
    """One party's signature block of a Perjanjian Kinerja (dotted name when unknown)."""
    return TandaTangan(
        tempat_tanggal="",
        pengantar=pengantar,
        jabatan=jabatan_cetak(
            jabatan if jabatan is not None else pejabat.jabatan if pejabat else "",
            pejabat.status if pejabat else "",
        ),
        nama=pejabat.nama if pejabat else "……………………",
        pangkat=pejabat.pangkat if pejabat else "",
        nip=f"NIP. {pejabat.nip}" if pejabat and pejabat.nip else "",
    )
