"""Writes of the cascaded PKs (PK berjenjang) of sekretaris, kasubag and kasi.

The signer is one of the officials of the year (kinerja.services.pejabat); the
sasaran carry an indicator typed or taken from the perangkat daerah's own
indicators (with its target of the year); budget rows name a program, kegiatan
or sub kegiatan of the Renstra covering the year. Locked with the signed-off
year, audited, refused when the PK changed since the form was loaded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.engine.angka import Nilai
from kinerja.models import (
    Kegiatan,
    Pejabat,
    PerangkatDaerah,
    PKBerjenjang,
    Program,
    Renstra,
    SasaranPKBerjenjang,
    SubKegiatan,
)
from kinerja.services.kunci import pastikan_tahun_terbuka
from kinerja.services.perencanaan.common import pengubah_terakhir, teks_nilai

PESAN_PKB_BERUBAH = (
    "PK berjenjang {jabatan} telah diubah oleh {oleh} setelah halaman ini Anda buka. "
    "Isian Anda di bawah belum disimpan: tekan Simpan sekali lagi untuk menimpa perubahan itu, "
    "atau muat ulang halaman untuk melihat data terbaru."
)
PESAN_JABATAN_GANDA = "Tahun {tahun} sudah memiliki PK berjenjang {jabatan} versi {versi}."
PESAN_PEJABAT_LAIN = "Pilih pejabat {pd} tahun {tahun}."
PESAN_KODE_TIDAK_ADA = (
    "Kode {kode} bukan program, kegiatan atau sub kegiatan Renstra yang berlaku tahun {tahun}."
)
PESAN_KODE_GANDA = "Kode {kode} ditulis lebih dari sekali."


@dataclass(frozen=True)
class IsianSasaran:
    uraian: str
    indikator: str
    target: Nilai | None


def kode_anggaran_sah(pd: PerangkatDaerah, tahun: int) -> dict[str, str]:
    """Code → name of every program, kegiatan and sub kegiatan of the Renstra of the year."""
    renstra = (
        Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun)
        .order_by("-mulai")
        .first()
    )
    if renstra is None:
        return {}
    kode = {p.kode: p.nama for p in Program.objects.filter(renstra=renstra).only("kode", "nama")}
    kode.update(
        (k.kode, k.nama)
        for k in Kegiatan.objects.filter(program__renstra=renstra).only("kode", "nama")
    )
    kode.update(
        (s.kode, s.nama)
        for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).only("kode", "nama")
    )
    return kode


def kanon_pk_berjenjang(pkb: PKBerjenjang) -> dict[str, Any]:
    return {
        "jabatan": pkb.jabatan,
        "pejabat": str(pkb.pejabat) if pkb.pejabat_id else "",
        "sasaran": [
            [s.uraian, s.indikator, teks_nilai(s.target, s.target_label)]
            for s in pkb.sasaran.order_by("urutan", "pk")
        ],
        "anggaran": {k: str(v) for k, v in sorted(pkb.anggaran.items())},
    }


def versi_pk_berjenjang(pkb: PKBerjenjang) -> str:
    teks = json.dumps(kanon_pk_berjenjang(pkb), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(teks.encode()).hexdigest()[:16]


def _pastikan_pejabat(pd: PerangkatDaerah, tahun: int, pejabat: Pejabat | None) -> None:
    if pejabat is not None and (pejabat.perangkat_daerah_id, pejabat.tahun) != (pd.pk, tahun):
        raise ValidationError({"pejabat": PESAN_PEJABAT_LAIN.format(pd=pd.nama, tahun=tahun)})


def _pastikan_jabatan_bebas(
    pd: PerangkatDaerah, tahun: int, jabatan: str, versi: str, kecuali: int | None = None
) -> None:
    ada = PKBerjenjang.objects.filter(
        perangkat_daerah=pd, tahun=tahun, versi=versi, jabatan__iexact=jabatan
    ).exclude(pk=kecuali)
    if ada.exists():
        raise ValidationError(
            {"jabatan": PESAN_JABATAN_GANDA.format(tahun=tahun, jabatan=jabatan, versi=versi)}
        )


@transaction.atomic
def pk_berjenjang_buat(
    *, pd: PerangkatDaerah, tahun: int, jabatan: str, pejabat: Pejabat | None, pengguna
) -> PKBerjenjang:
    """A new (empty) cascaded PK of ``jabatan`` for the year, signed by ``pejabat``."""
    pastikan_tahun_terbuka(pd, tahun)
    jabatan = " ".join(jabatan.split())
    _pastikan_pejabat(pd, tahun, pejabat)
    _pastikan_jabatan_bebas(pd, tahun, jabatan, "murni")
    urutan = PKBerjenjang.objects.filter(perangkat_daerah=pd, tahun=tahun).count()
    pkb = PKBerjenjang(
        perangkat_daerah=pd, tahun=tahun, urutan=urutan, jabatan=jabatan, pejabat=pejabat
    )
    pkb.full_clean()
    pkb.save()
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="pk_berjenjang.buat",
        objek=pkb,
        uraian=f"PK berjenjang {jabatan} {tahun}",
        tahun=tahun,
        baru=kanon_pk_berjenjang(pkb),
    )
    return pkb


@transaction.atomic
def pk_berjenjang_ubah(
    *,
    pkb: PKBerjenjang,
    pengguna,
    jabatan: str,
    pejabat: Pejabat | None,
    sasaran: Sequence[IsianSasaran],
    anggaran: Sequence[tuple[str, Decimal]],
    versi_asal: str = "",
) -> bool:
    """Replace the signer, sasaran and budget rows of a cascaded PK; False when unchanged."""
    obj = PKBerjenjang.objects.select_for_update().get(pk=pkb.pk)
    pd = obj.perangkat_daerah
    pastikan_tahun_terbuka(pd, obj.tahun)
    if versi_asal and versi_pk_berjenjang(obj) != versi_asal:
        raise ValidationError(
            PESAN_PKB_BERUBAH.format(
                jabatan=obj.jabatan,
                oleh=pengubah_terakhir(objek_tipe="kinerja.pkberjenjang", objek_id=obj.pk),
            )
        )
    jabatan = " ".join(jabatan.split())
    _pastikan_pejabat(pd, obj.tahun, pejabat)
    _pastikan_jabatan_bebas(pd, obj.tahun, jabatan, obj.versi, kecuali=obj.pk)
    sah = kode_anggaran_sah(pd, obj.tahun)
    baru_anggaran: dict[str, str] = {}
    errors = []
    for kode, jumlah in anggaran:
        if kode not in sah:
            errors.append(PESAN_KODE_TIDAK_ADA.format(kode=kode, tahun=obj.tahun))
        elif kode in baru_anggaran:
            errors.append(PESAN_KODE_GANDA.format(kode=kode))
        else:
            baru_anggaran[kode] = format(jumlah.normalize(), "f")
    if errors:
        raise ValidationError({"anggaran": errors})
    lama = kanon_pk_berjenjang(obj)
    obj.jabatan = jabatan
    obj.pejabat = pejabat
    obj.anggaran = baru_anggaran
    obj.full_clean()
    obj.save()
    obj.sasaran.all().delete()
    SasaranPKBerjenjang.objects.bulk_create(
        SasaranPKBerjenjang(
            pk_berjenjang=obj,
            urutan=i,
            uraian=s.uraian,
            indikator=s.indikator,
            target=s.target.angka if s.target else None,
            target_label=(s.target.label or "") if s.target else "",
            target_atas=s.target.atas if s.target else None,
        )
        for i, s in enumerate(sasaran)
    )
    baru = kanon_pk_berjenjang(obj)
    if baru == lama:
        transaction.set_rollback(True)
        return False
    berubah = [k for k in baru if baru[k] != lama[k]]
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="pk_berjenjang.ubah",
        objek=obj,
        uraian=f"PK berjenjang {obj.jabatan} {obj.tahun}",
        tahun=obj.tahun,
        lama={k: lama[k] for k in berubah},
        baru={k: baru[k] for k in berubah},
    )
    return True


@transaction.atomic
def pk_berjenjang_hapus(*, pkb: PKBerjenjang, pengguna) -> None:
    obj = PKBerjenjang.objects.select_for_update().get(pk=pkb.pk)
    pastikan_tahun_terbuka(obj.perangkat_daerah, obj.tahun)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=obj.perangkat_daerah,
        aksi="pk_berjenjang.hapus",
        objek=obj,
        uraian=f"PK berjenjang {obj.jabatan} {obj.tahun}",
        tahun=obj.tahun,
        lama=kanon_pk_berjenjang(obj),
        baru={},
    )
    obj.delete()
