"""Storing the pagu amounts of one DPA version (program tree and jenis belanja)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from anggaran.models import DPA, Pagu, PaguJenisBelanja
from anggaran.selectors import node_milik_pd, pengubah_terakhir
from anggaran.services.common import (
    NAMA_TINGKAT,
    PESAN_KONFLIK,
    PESAN_NODE_ASING,
    TINGKAT_NODE,
    rp,
    sama,
    teks_audit,
)
from kinerja.antrean_impor import lapor_kemajuan
from kinerja.audit import catat_perubahan
from kinerja.engine.hitung import pesan_kode_rekening
from kinerja.services.kunci import pastikan_tahun_terbuka

KODE_REKENING = re.compile(r"^[0-9]+(\.[0-9]+)*$")
PESAN_KODE_REKENING = 'Kode rekening "{kode}" tidak sah; contoh yang benar: 5.1.02.'


@dataclass(frozen=True)
class BarisPagu:
    """One amount of a DPA form.

    ``jenis`` is "program", "kegiatan", "sub_kegiatan" (``node_id`` is its pk) or
    "jenis_belanja" (``kode`` is the account code). ``dimuat`` is the amount the
    form was loaded with, ``baru`` the amount typed (None: no amount, a parent
    then being the sum of its children). ``kunci`` is the caller's name for the
    row, echoed in the errors.
    """

    kunci: str
    jenis: str
    dimuat: Decimal | None
    baru: Decimal | None
    node_id: int | None = None
    kode: str = ""


def kunci_audit_pagu(dpa: DPA, jenis: str, node_id: int | None, kode: str) -> str:
    """The stable name of one amount in the audit trail (survives delete and re-create)."""
    if jenis == "jenis_belanja":
        return f"pagu:{dpa.pk}:jenis_belanja:{kode}"
    return f"pagu:{dpa.pk}:{jenis}:{node_id}"


# One amount to change: its form row, its stored row (None: new), what it is, its audit key.
_Ubah = tuple[BarisPagu, Pagu | PaguJenisBelanja | None, str, str]


@transaction.atomic
def pagu_simpan(*, dpa: DPA, baris: Sequence[BarisPagu], pengguna) -> int:
    """Store the pagu amounts of one DPA version; returns how many amounts changed.

    Raises ValidationError (a dict keyed by ``BarisPagu.kunci``) when the year is
    locked, a node is not the perangkat daerah's, or an amount changed since the
    form was loaded; nothing is stored then.
    """
    pd = dpa.perangkat_daerah
    pastikan_tahun_terbuka(pd, dpa.tahun)
    # One save of a DPA at a time: the second waits, then sees the first's amounts.
    DPA.objects.select_for_update(of=("self",)).filter(pk=dpa.pk).first()
    ubah = _periksa_baris(dpa, baris)
    _salinan_diperiksa(dpa, pengguna)
    for i, item in enumerate(ubah, start=1):
        _simpan_satu(dpa, item, pengguna)
        lapor_kemajuan(i, len(ubah))
    return len(ubah)


def _pagu_tersimpan(dpa: DPA) -> dict[tuple[str, int], Pagu]:
    """(tingkat, node pk) → the stored pagu row of the DPA."""
    ada: dict[tuple[str, int], Pagu] = {}
    for p in Pagu.objects.filter(dpa=dpa):
        if p.sub_kegiatan_id:
            ada[("sub_kegiatan", p.sub_kegiatan_id)] = p
        elif p.kegiatan_id:
            ada[("kegiatan", p.kegiatan_id)] = p
        else:
            ada[("program", p.program_id)] = p
    return ada


def _kode_node(dpa: DPA, baris: Sequence[BarisPagu]) -> dict[tuple[str, int], str]:
    """(tingkat, node pk) → kode of the nodes named in ``baris`` that are the pd's."""
    kode_node: dict[tuple[str, int], str] = {}
    for tingkat in TINGKAT_NODE:
        ids = {b.node_id for b in baris if b.jenis == tingkat and b.node_id is not None}
        for pk, kode in node_milik_pd(dpa.perangkat_daerah, tingkat, ids).items():
            kode_node[(tingkat, pk)] = kode
    return kode_node


def _periksa_baris(dpa: DPA, baris: Sequence[BarisPagu]) -> list[_Ubah]:
    """The amounts that change; ValidationError (keyed by ``BarisPagu.kunci``) when a row
    names a bad account code, a node that is not the pd's, or an amount changed since the
    form was loaded."""
    ada = _pagu_tersimpan(dpa)
    jenis_ada = {j.kode: j for j in PaguJenisBelanja.objects.filter(dpa=dpa)}
    kode_node = _kode_node(dpa, baris)
    error: dict[str, list[str]] = {}
    ubah: list[_Ubah] = []
    for b in baris:
        if b.jenis == "jenis_belanja":
            if not KODE_REKENING.match(b.kode):
                error[b.kunci] = [PESAN_KODE_REKENING.format(kode=b.kode)]
                continue
            if pesan := pesan_kode_rekening(b.kode, dpa.tahun):
                error[b.kunci] = [pesan[0].upper() + pesan[1:] + "."]
                continue
            row = jenis_ada.get(b.kode)
            apa = f"Pagu jenis belanja {b.kode}"
        elif b.jenis in TINGKAT_NODE:
            kode = kode_node.get((b.jenis, b.node_id))
            if kode is None:
                error[b.kunci] = [PESAN_NODE_ASING.format(apa=f"{NAMA_TINGKAT[b.jenis]} ini")]
                continue
            row = ada.get((b.jenis, b.node_id))
            apa = f"Pagu {NAMA_TINGKAT[b.jenis]} {kode}"
        else:
            raise ValueError(f"jenis baris pagu tidak dikenal: {b.jenis!r}")
        kini = row.jumlah if row is not None else None
        kunci = kunci_audit_pagu(dpa, b.jenis, b.node_id, b.kode)
        if not sama(kini, b.dimuat):
            oleh = pengubah_terakhir(dpa.perangkat_daerah, kunci)
            error[b.kunci] = [PESAN_KONFLIK.format(apa=apa, oleh=oleh, kini=rp(kini))]
            continue
        if not sama(kini, b.baru):
            ubah.append((b, row, apa, kunci))
    if error:
        raise ValidationError(error)
    return ubah


def pagu_periksa(dpa: DPA, baris: Sequence[BarisPagu]) -> list[_Ubah]:
    """The amounts ``pagu_simpan`` would change, checked the same way; writes nothing."""
    return _periksa_baris(dpa, baris)


def _salinan_diperiksa(dpa: DPA, pengguna) -> None:
    """Saving the page is the user's word that a copied pagu was checked."""
    if DPA.objects.filter(pk=dpa.pk, pagu_disalin_dari__isnull=False).update(
        pagu_disalin_dari=None
    ):
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=dpa.perangkat_daerah,
            aksi="salinan_pagu.diperiksa",
            objek=dpa,
            uraian=f"Pagu DPA {dpa.versi} tahun {dpa.tahun} (salinan) diperiksa dan disimpan",
            tahun=dpa.tahun,
            data={"salinan_dari": f"DPA {dpa.pagu_disalin_dari}"},
        )
        dpa.pagu_disalin_dari = None


def _simpan_satu(dpa: DPA, item: _Ubah, pengguna) -> None:
    """Store (or delete, when emptied) one changed amount and record it old → new."""
    b, row, apa, kunci = item
    lama = row.jumlah if row is not None else None
    aksi = "pagu_jenis_belanja.ubah" if b.jenis == "jenis_belanja" else "pagu.ubah"
    uraian = f"{apa} DPA {dpa.versi} tahun {dpa.tahun}"
    if b.baru is None:
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=dpa.perangkat_daerah,
            aksi=aksi,
            objek=row,
            uraian=uraian,
            tahun=dpa.tahun,
            lama=teks_audit(lama),
            baru=None,
            data={"kunci": kunci},
        )
        row.delete()
        return
    if row is None:
        if b.jenis == "jenis_belanja":
            row = PaguJenisBelanja(dpa=dpa, kode=b.kode, jumlah=b.baru)
        else:
            row = Pagu(dpa=dpa, jumlah=b.baru, **{f"{b.jenis}_id": b.node_id})
        row.full_clean()
        row.save()
    else:
        row.jumlah = b.baru
        row.full_clean()
        row.save(update_fields=["jumlah"])
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=dpa.perangkat_daerah,
        aksi=aksi,
        objek=row,
        uraian=uraian,
        tahun=dpa.tahun,
        lama=teks_audit(lama),
        baru=teks_audit(b.baru),
        data={"kunci": kunci},
    )
