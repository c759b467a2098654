"""A signed year is whole and fixed: the rules it was signed with, and the explanations
of the consistency findings its data keep.

``aturan_tetapkan`` stores the rules in force when a year is signed off (the
LKjIP sign-off calls it); ``aturan_lepas`` drops them when a reopened year is
to be recomputed with the pemda's rules of today. ``penjelasan_simpan`` is the
only writer of the operator's explanation of a finding. Every write is audited;
explanations respect the year lock.

Signing a year off is an act on its LKjIP that checks every finding, the
budget's too, so it lives in laporan; which years keep their own rules is
asked through ``kinerja.selectors.tahun.tahun_beraturan_tetap``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.aturan import aturan_berlaku, aturan_ke_json
from kinerja.audit import catat_perubahan
from kinerja.engine.hitung import HitungError, hitung
from kinerja.engine.temuan import Temuan
from kinerja.models import AturanTahun, PenjelasanTemuan, PerangkatDaerah
from kinerja.services.kunci import pastikan_tahun_terbuka
from laporan.selectors_paket import paket_muat

BATAS_PENJELASAN = 4000
PESAN_TEMUAN_TIDAK_ADA = (
    "Temuan ini tidak ada lagi pada data tahun {tahun} (mungkin datanya sudah diperbaiki); "
    "muat ulang halaman."
)
PESAN_PENJELASAN_PANJANG = "Penjelasan paling panjang {batas} karakter."


# --------------------------------------------------------------------------- rules


@transaction.atomic
def aturan_tetapkan(*, pd: PerangkatDaerah, tahun: int, pengguna) -> AturanTahun:
    """Store the rules ``tahun`` is computed with now, so that it keeps them once signed.

    The rules in force are those ``aturan_berlaku`` gives: the rules kept from
    an earlier sign-off of a reopened year, or the pemda's rules of today.
    """
    aturan = aturan_ke_json(aturan_berlaku(pd, tahun))
    lama = AturanTahun.objects.select_for_update().filter(perangkat_daerah=pd, tahun=tahun).first()
    if lama is not None and lama.aturan == aturan:
        return lama
    obj, _ = AturanTahun.objects.update_or_create(
        perangkat_daerah=pd, tahun=tahun, defaults={"aturan": aturan}
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="aturan_tahun.tetapkan",
        objek=obj,
        uraian=f"Aturan perhitungan tahun {tahun}",
        tahun=tahun,
        lama=lama.aturan if lama else None,
        baru=aturan,
    )
    return obj


@transaction.atomic
def aturan_lepas(*, pd: PerangkatDaerah, tahun: int, pengguna) -> bool:
    """Drop the stored rules of ``tahun``: from now on it is computed with today's rules."""
    lama = AturanTahun.objects.select_for_update().filter(perangkat_daerah=pd, tahun=tahun).first()
    if lama is None:
        return False
    lama.delete()
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="aturan_tahun.lepas",
        uraian=f"Aturan perhitungan tahun {tahun}",
        tahun=tahun,
        lama=lama.aturan,
        baru=aturan_ke_json(aturan_berlaku(pd, tahun)),
    )
    return True


# --------------------------------------------------------------------------- explanations


@dataclass
class TemuanDijelaskan:
    """A finding of the year (one key may cover several messages) and its explanation."""

    kunci: str
    lokasi: str
    pesan: list[str]
    penjelasan: PenjelasanTemuan | None


def kelompok_temuan(
    temuan: list[Temuan], penjelasan: dict[str, PenjelasanTemuan]
) -> list[TemuanDijelaskan]:
    """The findings grouped by key, in order of first appearance, with their explanation."""
    hasil: dict[str, TemuanDijelaskan] = {}
    for x in temuan:
        k = x.kunci
        if k not in hasil:
            hasil[k] = TemuanDijelaskan(k, x.lokasi, [], penjelasan.get(k))
        hasil[k].pesan.append(x.pesan)
    return list(hasil.values())


def penjelasan_tahun(pd: PerangkatDaerah, tahun: int) -> dict[str, PenjelasanTemuan]:
    """Key → explanation of every finding the operator explained for ``tahun`` (one query)."""
    return {
        p.kunci: p
        for p in PenjelasanTemuan.objects.filter(perangkat_daerah=pd, tahun=tahun).select_related(
            "oleh"
        )
    }


def penjelasan_simpan(
    *, pd: PerangkatDaerah, tahun: int, kunci: str, teks: str, pengguna
) -> PenjelasanTemuan | None:
    """Write (or, with an empty text, remove) the explanation of a current finding."""
    return penjelasan_simpan_banyak(pd=pd, tahun=tahun, teks={kunci: teks}, pengguna=pengguna)[
        kunci
    ]


@transaction.atomic
def penjelasan_simpan_banyak(
    *, pd: PerangkatDaerah, tahun: int, teks: dict[str, str], pengguna
) -> dict[str, PenjelasanTemuan | None]:
    """Write the explanations of several current findings (key → text; empty removes)."""
    pastikan_tahun_terbuka(pd, tahun)
    for isi in teks.values():
        if len(isi.strip()) > BATAS_PENJELASAN:
            raise ValidationError({"teks": PESAN_PENJELASAN_PANJANG.format(batas=BATAS_PENJELASAN)})
    try:
        temuan = hitung(paket_muat(pd, tahun=tahun), tahun).temuan
    except HitungError:
        temuan = []
    lokasi = {x.kunci: x.lokasi for x in temuan}
    if any(k not in lokasi for k in teks):
        raise ValidationError(PESAN_TEMUAN_TIDAK_ADA.format(tahun=tahun), code="tidak_ada")
    tersimpan = {
        p.kunci: p
        for p in PenjelasanTemuan.objects.select_for_update().filter(
            perangkat_daerah=pd, tahun=tahun, kunci__in=list(teks)
        )
    }
    hasil: dict[str, PenjelasanTemuan | None] = {}
    for kunci, isi in teks.items():
        hasil[kunci] = _simpan_satu(
            pd, tahun, kunci, isi.strip(), tersimpan.get(kunci), lokasi[kunci], pengguna
        )
    return hasil


def _simpan_satu(
    pd: PerangkatDaerah,
    tahun: int,
    kunci: str,
    teks: str,
    lama: PenjelasanTemuan | None,
    lokasi: str,
    pengguna,
) -> PenjelasanTemuan | None:
    teks_lama = lama.teks if lama else ""
    if teks == teks_lama:
        return lama
    if teks:
        obj, _ = PenjelasanTemuan.objects.update_or_create(
            perangkat_daerah=pd,
            tahun=tahun,
            kunci=kunci,
            defaults={
                "teks": teks,
                "oleh": pengguna if getattr(pengguna, "is_authenticated", False) else None,
            },
        )
    else:
        assert lama is not None
        obj_id = lama.pk
        lama.delete()
        lama.pk, obj = obj_id, None
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="temuan.penjelasan",
        objek=obj or lama,
        uraian=f"Penjelasan temuan {lokasi} tahun {tahun}",
        tahun=tahun,
        lama=teks_lama,
        baru=teks,
        data={"kunci": kunci},
    )
    return obj
