"""Writes of the officials of a year: those of a perangkat daerah (camat, sekretaris,
kasubag, kasi) and those of the pemda (bupati/wali kota and wakil).

Every change is audited; the officials of a perangkat daerah's signed-off year are
locked with the rest of that year (kinerja.services.kunci). A save is refused when
the row changed since the form was loaded (``versi_pejabat`` is the fingerprint
the form carries).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.models import AWALAN_STATUS, Pejabat, Pemda, PerangkatDaerah, StatusPejabat
from kinerja.services.kunci import pastikan_tahun_terbuka
from kinerja.services.perencanaan.common import pengubah_terakhir
from lib.format import format_nip

KOLOM = (
    "jabatan",
    "status",
    "kepala",
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "pangkat",
    "golongan",
    "nip",
    "urutan",
)
PESAN_KEPALA_GANDA = "{tahun} sudah memiliki {siapa}: {nama}. Hanya satu kepala per tahun."
PESAN_PEJABAT_BERUBAH = (
    "Data pejabat {nama} telah diubah oleh {oleh} setelah halaman ini Anda buka. "
    "Isian Anda di bawah belum disimpan: tekan Simpan sekali lagi untuk menimpa perubahan itu, "
    "atau muat ulang halaman untuk melihat data terbaru."
)


def pejabat_tahun(*, pemda: Pemda, pd: PerangkatDaerah | None, tahun: int):
    """The officials of a perangkat daerah (or, with ``pd`` None, of the pemda) in a year."""
    return Pejabat.objects.filter(pemda=pemda, perangkat_daerah=pd, tahun=tahun).order_by(
        "-kepala", "urutan", "pk"
    )


def kanon_pejabat(p: Pejabat) -> dict[str, Any]:
    return {k: getattr(p, k) for k in KOLOM}


def versi_pejabat(p: Pejabat) -> str:
    teks = json.dumps(kanon_pejabat(p), sort_keys=True, default=str)
    return hashlib.sha256(teks.encode()).hexdigest()[:16]


def _bersih(data: Mapping[str, Any]) -> dict[str, Any]:
    isi = {}
    for k in KOLOM:
        v = data.get(k)
        if k == "kepala":
            isi[k] = bool(v)
        elif k == "urutan":
            isi[k] = int(v or 0)
        elif k == "status":
            isi[k] = v or StatusPejabat.DEFINITIF
        else:
            isi[k] = " ".join(str(v or "").split())
    isi["nip"] = isi["nip"].replace(" ", "")
    return isi


def _tercatat(isi: Mapping[str, Any]) -> dict[str, Any]:
    """Values as the audit trail shows them: the NIP spaced, the status as printed."""
    hasil = dict(isi)
    if hasil.get("nip"):
        hasil["nip"] = format_nip(hasil["nip"])
    if "status" in hasil:
        hasil["status"] = AWALAN_STATUS.get(hasil["status"], "Definitif")
    return hasil


def _uraian(p: Pejabat) -> str:
    tempat = p.perangkat_daerah.nama if p.perangkat_daerah_id else p.pemda.nama
    return f"Pejabat {tempat} tahun {p.tahun}: {p.jabatan_lengkap}"


def _pastikan_satu_kepala(p: Pejabat) -> None:
    if not p.kepala:
        return
    lain = (
        Pejabat.objects.filter(
            pemda_id=p.pemda_id, perangkat_daerah_id=p.perangkat_daerah_id, tahun=p.tahun
        )
        .filter(kepala=True)
        .exclude(pk=p.pk)
        .first()
    )
    if lain is not None:
        siapa = "kepala perangkat daerah" if p.perangkat_daerah_id else "kepala daerah"
        raise ValidationError(
            {
                "kepala": PESAN_KEPALA_GANDA.format(
                    tahun=f"Tahun {p.tahun}", siapa=siapa, nama=lain.nama_lengkap
                )
            }
        )


@transaction.atomic
def pejabat_simpan(
    *,
    pemda: Pemda,
    pd: PerangkatDaerah | None,
    tahun: int,
    data: Mapping[str, Any],
    pengguna,
    pejabat: Pejabat | None = None,
    versi_asal: str = "",
) -> Pejabat | None:
    """Add an official to a year, or change one; return it (None when nothing changed)."""
    if pd is not None:
        pastikan_tahun_terbuka(pd, tahun)
    isi = _bersih(data)
    if pejabat is None:
        p = Pejabat(pemda=pemda, perangkat_daerah=pd, tahun=tahun)
        lama = None
        berubah = list(KOLOM)
    else:
        p = Pejabat.objects.select_for_update().get(pk=pejabat.pk)
        if (p.pemda_id, p.perangkat_daerah_id, p.tahun) != (
            pemda.pk,
            pd.pk if pd else None,
            tahun,
        ):
            raise ValidationError("Pejabat ini bukan pejabat tahun tersebut.")
        if versi_asal and versi_pejabat(p) != versi_asal:
            raise ValidationError(
                PESAN_PEJABAT_BERUBAH.format(
                    nama=p.nama_lengkap,
                    oleh=pengubah_terakhir(objek_tipe="kinerja.pejabat", objek_id=p.pk),
                )
            )
        lama = kanon_pejabat(p)
        berubah = [k for k in KOLOM if isi[k] != lama[k]]
        if not berubah:
            return None
    for k in KOLOM:
        setattr(p, k, isi[k])
    p.full_clean()
    _pastikan_satu_kepala(p)
    p.save()
    if pd is not None and p.kepala and pd.kepala_id is None:
        # Old screens read the perangkat daerah's kepala; give them one.
        PerangkatDaerah.objects.filter(pk=pd.pk).update(kepala=p)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="pejabat.tambah" if lama is None else "pejabat.ubah",
        objek=p,
        uraian=_uraian(p),
        tahun=tahun,
        lama=_tercatat({k: lama[k] for k in berubah}) if lama else None,
        baru=_tercatat({k: isi[k] for k in berubah}),
    )
    return p


@transaction.atomic
def pejabat_hapus(*, pejabat: Pejabat, pengguna) -> None:
    p = Pejabat.objects.select_for_update(of=("self",)).select_related("perangkat_daerah", "pemda")
    p = p.get(pk=pejabat.pk)
    if p.perangkat_daerah_id is not None and p.tahun is not None:
        pastikan_tahun_terbuka(p.perangkat_daerah, p.tahun)
    uraian = _uraian(p)
    lama = _tercatat(kanon_pejabat(p))
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=p.perangkat_daerah,
        aksi="pejabat.hapus",
        objek=p,
        uraian=uraian,
        tahun=p.tahun,
        lama=lama,
        baru={},
    )
    p.delete()


def _kunci_salin(p: Pejabat) -> tuple[str, str, str]:
    return (p.jabatan.casefold(), p.nama.casefold(), p.nip)


@transaction.atomic
def pejabat_salin_tahun(*, pd: PerangkatDaerah, dari: int, ke: int, pengguna) -> int:
    """Copy the officials of ``pd`` from year ``dari`` to year ``ke`` (opening a year).

    Idempotent: an official already in ``ke`` (same jabatan, name and NIP) is not copied
    again, nor is a kepala when ``ke`` already has one. Returns how many were copied.
    """
    pastikan_tahun_terbuka(pd, ke)
    ada = list(Pejabat.objects.select_for_update().filter(perangkat_daerah=pd, tahun=ke))
    kunci_ada = {_kunci_salin(p) for p in ada}
    ada_kepala = any(p.kepala for p in ada)
    baru = []
    for p in Pejabat.objects.filter(perangkat_daerah=pd, tahun=dari).order_by("urutan", "pk"):
        if _kunci_salin(p) in kunci_ada or (p.kepala and ada_kepala):
            continue
        p.pk = None
        p.tahun = ke
        baru.append(p)
    if not baru:
        return 0
    Pejabat.objects.bulk_create(baru)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="pejabat.salin_tahun",
        uraian=f"Pejabat {pd.nama} tahun {dari} disalin ke tahun {ke}",
        tahun=ke,
        data={"dari": dari, "ke": ke, "pejabat": [p.jabatan_lengkap for p in baru]},
    )
    return len(baru)
