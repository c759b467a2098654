"""The comparison perangkat daerah the admin pemda names for each of its perangkat daerah
(the neighbouring kecamatan its LKjIP is compared with, indicator by indicator).

A setting of the pemda, not of a year: the printed comparison still uses only signed
data, or approved quarters labelled as such (``laporan.dokumen.loader``). Bounded: at
most :data:`MAKS_PEMBANDING` per perangkat daerah, so the comparison table of an
indicator never grows with the pemda. Every change is recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.models import PerangkatDaerah
from laporan.models import PembandingPD

MAKS_PEMBANDING = 3
PESAN_MAKS = "Pilih paling banyak {n} perangkat daerah pembanding."
PESAN_DIRI = "{pd} tidak dapat menjadi pembanding dirinya sendiri."
PESAN_PEMDA_LAIN = "{pd} bukan perangkat daerah {pemda}."
PESAN_USANG = (
    "Pembanding {pd} telah diubah oleh pengguna lain setelah halaman ini Anda buka; "
    "periksa pilihan di bawah lalu simpan lagi."
)


def pembanding_dari(pd: PerangkatDaerah) -> list[PerangkatDaerah]:
    """The comparison perangkat daerah named for ``pd``, by code."""
    return [
        x.pembanding
        for x in PembandingPD.objects.filter(perangkat_daerah=pd)
        .select_related("pembanding")
        .order_by("pembanding__kode")
    ]


def versi_pembanding(pd: PerangkatDaerah) -> str:
    """The state of ``pd``'s comparison list a form was opened on (stale-write check)."""
    return ",".join(x.kode for x in pembanding_dari(pd))


@transaction.atomic
def pembanding_pd_simpan(
    *,
    perangkat_daerah: PerangkatDaerah,
    pembanding: Iterable[PerangkatDaerah],
    pengguna,
    versi: str | None = None,
) -> bool:
    """Replace the comparison perangkat daerah of ``perangkat_daerah``; False when nothing
    changed. Refused (ValidationError, Indonesian message) for itself, a perangkat daerah
    of another pemda, more than :data:`MAKS_PEMBANDING`, or a list changed meanwhile."""
    pd = PerangkatDaerah.objects.select_for_update().get(pk=perangkat_daerah.pk)
    pilihan = {x.pk: x for x in pembanding}
    if pd.pk in pilihan:
        raise ValidationError(PESAN_DIRI.format(pd=pd.nama), code="diri")
    for x in pilihan.values():
        if x.pemda_id != pd.pemda_id:
            raise ValidationError(
                PESAN_PEMDA_LAIN.format(pd=x.nama, pemda=pd.pemda.nama), code="pemda"
            )
    if len(pilihan) > MAKS_PEMBANDING:
        raise ValidationError(PESAN_MAKS.format(n=MAKS_PEMBANDING), code="maks")
    lama = [x.kode for x in pembanding_dari(pd)]
    if versi is not None and versi != ",".join(lama):
        raise ValidationError(PESAN_USANG.format(pd=pd.nama), code="usang")
    baru = sorted(x.kode for x in pilihan.values())
    if baru == lama:
        return False
    PembandingPD.objects.filter(perangkat_daerah=pd).delete()
    PembandingPD.objects.bulk_create(
        PembandingPD(perangkat_daerah=pd, pembanding=x) for x in pilihan.values()
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="pembanding_pd.ubah",
        objek=pd,
        uraian=f"Perangkat daerah pembanding {pd.kode} {pd.nama}",
        lama=lama,
        baru=baru,
    )
    return True
