"""Which data can still be changed: the locks of the review and of the signed-off year."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from kinerja.models import PerangkatDaerah, StatusTriwulan

# ``tahun_terkunci`` is asked through this module by the services and views of the year's data.
from kinerja.selectors.tahun import tahun_terkunci

PESAN_TAHUN_TERKUNCI = (
    "Data tahun {tahun} sudah terkunci karena LKjIP telah ditetapkan; "
    "perubahan memerlukan pembukaan kembali oleh kepala atau admin pemda."
)
PESAN_TRIWULAN_TERKUNCI = (
    "Triwulan {triwulan} tahun {tahun} sudah {status}; data triwulan ini tidak dapat diubah."
)
PESAN_BUKTI_TERKUNCI = (
    "Triwulan {triwulan} tahun {tahun} sudah disetujui: bukti dukungnya dapat ditambah, tetapi "
    "hanya dapat dihapus setelah kepala membuka kembali triwulan ini."
)


def status_triwulan(pd: PerangkatDaerah, tahun: int, triwulan: int) -> StatusTriwulan:
    """The review state of a quarter (an unsaved draf when nothing happened yet)."""
    status = StatusTriwulan.objects.filter(
        perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
    ).first()
    return status or StatusTriwulan(perangkat_daerah=pd, tahun=tahun, triwulan=triwulan)


def pastikan_tahun_terbuka(pd: PerangkatDaerah, tahun: int) -> None:
    if tahun_terkunci(pd, tahun):
        raise ValidationError(PESAN_TAHUN_TERKUNCI.format(tahun=tahun))


def pastikan_triwulan_terbuka(pd: PerangkatDaerah, tahun: int, triwulan: int) -> None:
    """Raise unless the operator may still change the data of this quarter."""
    pastikan_tahun_terbuka(pd, tahun)
    _tolak_bila_terkunci(status_triwulan(pd, tahun, triwulan))


def pastikan_bukti_dapat_ditambah(pd: PerangkatDaerah, tahun: int, triwulan: int) -> bool:
    """Raise unless evidence may be added to this quarter; True when it is added after the
    kepala approved the quarter (its values stay locked, only evidence is added)."""
    pastikan_tahun_terbuka(pd, tahun)
    status = status_triwulan(pd, tahun, triwulan)
    if status.status == StatusTriwulan.Status.DISETUJUI:
        return True
    _tolak_bila_terkunci(status)
    return False


def pastikan_bukti_dapat_dihapus(pd: PerangkatDaerah, tahun: int, triwulan: int) -> None:
    """Evidence of an approved quarter is removed only after the quarter is reopened."""
    pastikan_tahun_terbuka(pd, tahun)
    status = status_triwulan(pd, tahun, triwulan)
    if status.status == StatusTriwulan.Status.DISETUJUI:
        raise ValidationError(
            PESAN_BUKTI_TERKUNCI.format(
                triwulan=("I", "II", "III", "IV")[triwulan - 1], tahun=tahun
            )
        )
    _tolak_bila_terkunci(status)


def _tolak_bila_terkunci(status: StatusTriwulan) -> None:
    if status.terkunci:
        raise ValidationError(
            PESAN_TRIWULAN_TERKUNCI.format(
                triwulan=("I", "II", "III", "IV")[status.triwulan - 1],
                tahun=status.tahun,
                status=status.get_status_display().lower(),
            )
        )
