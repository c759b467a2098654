"""The sasaran RPJMD a tujuan supports (the top of the pohon kinerja)."""

from __future__ import annotations

from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.models import Renstra, Tujuan
from kinerja.services.renstra import pastikan_revisi


@transaction.atomic
def tujuan_sasaran_rpjmd_ubah(*, tujuan: Tujuan, pengguna, sasaran_rpjmd: str) -> bool:
    """Set the RPJMD sasaran ``tujuan`` supports; True when it changed. Like every change of
    the Renstra, only within an open revision once the Renstra is in use."""
    renstra = Renstra.objects.select_for_update().get(pk=tujuan.renstra_id)
    tujuan = Tujuan.objects.select_for_update().get(pk=tujuan.pk)
    baru = " ".join(sasaran_rpjmd.split())
    if baru == tujuan.sasaran_rpjmd:
        return False
    pastikan_revisi(renstra)
    lama = tujuan.sasaran_rpjmd
    tujuan.sasaran_rpjmd = baru
    tujuan.full_clean()
    tujuan.save(update_fields=["sasaran_rpjmd"])
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=renstra.perangkat_daerah,
        aksi="tujuan.ubah",
        objek=tujuan,
        uraian=f"Sasaran RPJMD yang didukung tujuan {tujuan.uraian}",
        lama=lama,
        baru=baru,
    )
    return True
