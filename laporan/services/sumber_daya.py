"""The BAB I tables of the LKjIP (SDM, sarana prasarana): replaced as a whole, refused when
someone else changed them since the page was opened.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from laporan.models import LKjIP
from laporan.selectors import TABEL, baris_tabel, versi_tabel
from laporan.services.kunci import lkjip_for_update, pastikan_draf

PESAN_TABEL_USANG = (
    "Tabel {tabel} sudah diubah oleh pengguna lain setelah halaman ini Anda buka; "
    "muat ulang halaman, periksa isinya, lalu simpan lagi."
)


@transaction.atomic
def tabel_simpan(
    *, lkjip: LKjIP, tabel: str, baris: list[dict], versi: str, pengguna
) -> list[dict]:
    """Replace the rows of a BAB I table (SDM or sarana prasarana) in the order given."""
    model, kolom, nama, aksi = TABEL[tabel]
    lkjip = lkjip_for_update(lkjip)
    pastikan_draf(lkjip)
    lama = baris_tabel(lkjip, tabel)
    if versi != versi_tabel(lama):
        raise ValidationError(PESAN_TABEL_USANG.format(tabel=nama), code="usang")
    baru = [{k: b[k] for k in kolom} for b in baris]
    if baru == lama:
        return lama
    model.objects.filter(lkjip=lkjip).delete()
    model.objects.bulk_create(
        model(lkjip=lkjip, urutan=i, **b) for i, b in enumerate(baru, start=1)
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=lkjip.perangkat_daerah,
        aksi=aksi,
        objek=lkjip,
        uraian=f"Tabel {nama} LKjIP {lkjip.tahun}",
        tahun=lkjip.tahun,
        lama=lama,
        baru=baru,
    )
    return baru
