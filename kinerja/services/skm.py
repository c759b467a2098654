"""Survei Kepuasan Masyarakat per period, and the comparison values of the indicators.

Both are data only an import could fill before: the nine unsur of an SKM
(PermenPAN-RB 14/2017, the IKM is computed by ``kinerja.engine.ikm``) and the
kabupaten/provinsi/nasional values an indicator is compared with. Every write
refuses a signed-off year and is recorded in the audit trail, old → new.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.engine.angka import Nilai, NilaiTidakValid
from kinerja.engine.ikm import UNSUR_SKM, HasilIkm, ikm_dari_unsur
from kinerja.forms import kalimat
from kinerja.models import HasilSKM, Indikator, NilaiPembanding, NilaiUnsurSKM, PerangkatDaerah
from kinerja.services.kunci import pastikan_tahun_terbuka

PESAN_PERIODE_GANDA = "SKM periode “{periode}” tahun {tahun} sudah ada; ubah data yang ada."
PESAN_INDIKATOR_ASING = "Indikator yang dipilih bukan milik perangkat daerah ini."
PESAN_USANG = (
    "{apa} sudah diubah pengguna lain setelah halaman ini Anda buka; muat ulang halaman, "
    "periksa isinya, lalu simpan lagi."
)
PESAN_SUMBER_TANPA_NILAI = "Sumber diisi tetapi nilainya kosong: isi nilai, atau kosongkan sumber."

# The comparison levels this screen edits; "lainnya" rows come from imports and stay.
TINGKAT_PEMBANDING = ("kabupaten", "provinsi", "nasional")


def indikator_tahun(pd: PerangkatDaerah, tahun: int):
    """The indicators of the Renstra that covers ``tahun``, in Renstra order."""
    return Indikator.objects.filter(
        renstra__perangkat_daerah=pd, renstra__mulai__lte=tahun, renstra__selesai__gte=tahun
    ).order_by("renstra__mulai", "urutan", "pk")


def fingerprint(isi: Any) -> str:
    """A fingerprint of stored values as a page loaded them, to refuse saving over a change
    made meanwhile by someone else."""
    teks = json.dumps(isi, sort_keys=True, default=str)
    return hashlib.sha256(teks.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- SKM


def ikm_hasil(hasil: HasilSKM) -> HasilIkm | None:
    """The IKM of a stored SKM, or None when not all nine unsur are filled."""
    nrr = {u.unsur: u.nrr for u in hasil.unsur.all()}
    try:
        return ikm_dari_unsur(nrr)
    except NilaiTidakValid:
        return None


def daftar_skm(pd: PerangkatDaerah, tahun: int) -> list[HasilSKM]:
    return list(
        HasilSKM.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .select_related("indikator")
        .prefetch_related("unsur")
        .order_by("urutan", "pk")
    )


def versi_skm(hasil: HasilSKM) -> str:
    return fingerprint(_isi_skm(hasil))


def _isi_skm(hasil: HasilSKM | None) -> dict[str, Any] | None:
    if hasil is None or hasil.pk is None:
        return None
    return {
        "periode": hasil.periode,
        "responden": hasil.responden,
        "indikator": hasil.indikator.kode if hasil.indikator_id else "",
        **{u.unsur: u.nrr for u in hasil.unsur.all()},
    }


@transaction.atomic
def hasil_skm_simpan(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    hasil: HasilSKM | None,
    periode: str,
    responden: int,
    indikator: Indikator | None,
    nrr: Mapping[str, Decimal],
    pengguna,
    versi: str | None = None,
) -> HasilSKM:
    """Create (``hasil`` None) or change an SKM of a period: its respondents and nine NRR.

    ``versi`` is ``versi_skm`` of the SKM as the page loaded it (None: not checked).
    """
    pastikan_tahun_terbuka(pd, tahun)
    periode = periode.strip()
    try:
        ikm_dari_unsur(nrr)
    except NilaiTidakValid as e:
        raise ValidationError(kalimat(str(e))) from e
    if indikator is not None and not indikator_tahun(pd, tahun).filter(pk=indikator.pk).exists():
        raise ValidationError({"indikator": PESAN_INDIKATOR_ASING})
    ganda = HasilSKM.objects.filter(perangkat_daerah=pd, tahun=tahun, periode__iexact=periode)
    if hasil is not None:
        hasil = HasilSKM.objects.select_for_update().get(
            pk=hasil.pk, perangkat_daerah=pd, tahun=tahun
        )
        ganda = ganda.exclude(pk=hasil.pk)
    if ganda.exists():
        raise ValidationError({"periode": PESAN_PERIODE_GANDA.format(periode=periode, tahun=tahun)})
    lama = _isi_skm(hasil)
    if lama is not None and versi is not None and versi != fingerprint(lama):
        raise ValidationError(PESAN_USANG.format(apa=f"SKM periode {hasil.periode}"))
    if hasil is None:
        urutan = HasilSKM.objects.filter(perangkat_daerah=pd, tahun=tahun).count() + 1
        hasil = HasilSKM(perangkat_daerah=pd, tahun=tahun, urutan=urutan)
    baru = {
        "periode": periode,
        "responden": responden,
        "indikator": indikator.kode if indikator else "",
        **{kode: Decimal(nrr[kode]) for kode, _ in UNSUR_SKM},
    }
    # Decimal("3.400000") == Decimal("3.4"): a re-save of the same values is no change.
    if lama == baru:
        return hasil
    hasil.periode, hasil.responden, hasil.indikator = periode, responden, indikator
    hasil.full_clean()
    hasil.save()
    for kode, _ in UNSUR_SKM:
        NilaiUnsurSKM.objects.update_or_create(
            hasil=hasil, unsur=kode, defaults={"nrr": baru[kode]}
        )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="skm.tambah" if lama is None else "skm.ubah",
        objek=hasil,
        uraian=f"SKM {periode} ({tahun})",
        tahun=tahun,
        lama=lama or {},
        baru=baru,
    )
    return hasil


@transaction.atomic
def hasil_skm_hapus(*, pd: PerangkatDaerah, hasil: HasilSKM, pengguna) -> None:
    pastikan_tahun_terbuka(pd, hasil.tahun)
    hasil = HasilSKM.objects.select_for_update().get(pk=hasil.pk, perangkat_daerah=pd)
    lama = _isi_skm(hasil)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="skm.hapus",
        objek=hasil,
        uraian=f"SKM {hasil.periode} ({hasil.tahun})",
        tahun=hasil.tahun,
        lama=lama,
        baru={},
    )
    hasil.delete()


# --------------------------------------------------------------------------- comparison values


@dataclass(frozen=True)
class IsianPembanding:
    """One cell pair of the comparison screen: the value of a level and its source."""

    indikator_id: int
    tingkat: str
    nilai: Nilai | None
    sumber: str


def _isi_pembanding(row: NilaiPembanding | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"nilai": row.nilai, "label": row.nilai_label, "sumber": row.sumber}


def _fingerprint_pembanding(ada: Mapping[tuple[int, str], NilaiPembanding]) -> str:
    return fingerprint(sorted((f"{i}-{t}", _isi_pembanding(row)) for (i, t), row in ada.items()))


def versi_pembanding(pd: PerangkatDaerah, tahun: int) -> str:
    """The fingerprint of the values the comparison screen edits, as stored now."""
    ada: dict[tuple[int, str], NilaiPembanding] = {}
    for row in NilaiPembanding.objects.filter(
        indikator__in=indikator_tahun(pd, tahun), tahun=tahun, tingkat__in=TINGKAT_PEMBANDING
    ).order_by("urutan", "pk"):
        ada.setdefault((row.indikator_id, row.tingkat), row)
    return _fingerprint_pembanding(ada)


@transaction.atomic
def pembanding_simpan(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    isian: Sequence[IsianPembanding],
    pengguna,
    versi: str | None = None,
) -> int:
    """Set the kabupaten/provinsi/nasional values of the year's indicators.

    An empty value with an empty source removes the row. ``versi`` is
    ``versi_pembanding`` as the page loaded it (None: not checked). Returns how
    many rows changed (0 when nothing did).
    """
    pastikan_tahun_terbuka(pd, tahun)
    indikator = {i.pk: i for i in indikator_tahun(pd, tahun)}
    errors = []
    for x in isian:
        if x.indikator_id not in indikator or x.tingkat not in TINGKAT_PEMBANDING:
            raise ValidationError(PESAN_INDIKATOR_ASING)
        if x.nilai is None and x.sumber.strip():
            ind = indikator[x.indikator_id]
            errors.append(f"{ind.kode} ({x.tingkat}): {PESAN_SUMBER_TANPA_NILAI}")
    if errors:
        raise ValidationError(errors)
    ada: dict[tuple[int, str], NilaiPembanding] = {}
    for row in (
        NilaiPembanding.objects.select_for_update()
        .filter(indikator_id__in=indikator, tahun=tahun, tingkat__in=TINGKAT_PEMBANDING)
        .order_by("urutan", "pk")
    ):
        ada.setdefault((row.indikator_id, row.tingkat), row)
    if versi is not None and versi != _fingerprint_pembanding(ada):
        raise ValidationError(PESAN_USANG.format(apa=f"Nilai pembanding tahun {tahun}"))
    berubah = 0
    for x in isian:
        row = ada.get((x.indikator_id, x.tingkat))
        lama = _isi_pembanding(row)
        ind = indikator[x.indikator_id]
        uraian = f"Nilai pembanding {x.tingkat} {ind.kode} ({tahun})"
        if x.nilai is None:
            if row is None:
                continue
            catat_perubahan(
                pengguna=pengguna,
                perangkat_daerah=pd,
                aksi="pembanding.hapus",
                objek=row,
                uraian=uraian,
                tahun=tahun,
                lama=lama,
                baru={},
            )
            row.delete()
            berubah += 1
            continue
        baru = {"nilai": x.nilai.angka, "label": x.nilai.label or "", "sumber": x.sumber.strip()}
        if lama is not None and lama["nilai"] == baru["nilai"] and lama["label"] == baru["label"]:
            if lama["sumber"] == baru["sumber"]:
                continue
        if row is None:
            urutan = NilaiPembanding.objects.filter(indikator=ind, tahun=tahun).count() + 1
            row = NilaiPembanding(indikator=ind, tahun=tahun, tingkat=x.tingkat, urutan=urutan)
        row.nilai, row.nilai_label, row.sumber = baru["nilai"], baru["label"], baru["sumber"]
        row.full_clean()
        row.save()
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="pembanding.tambah" if lama is None else "pembanding.ubah",
            objek=row,
            uraian=uraian,
            tahun=tahun,
            lama=lama or {},
            baru=baru,
        )
        berubah += 1
    return berubah
