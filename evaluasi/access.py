"""Who does what in an LKE evaluation (on top of ``kinerja.access``).

Everyone who may read a perangkat daerah reads its evaluation (a perangkat daerah or
pemda the user may not see is a 404). The perangkat daerah's operator and kepala answer
the self-assessment; the evaluator of its pemda scores; the pengendali teknis of its
pemda approves or returns; the evaluator and the admin pemda start an evaluation; the
admin pemda keeps the worksheet versions. A superuser may do everything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from kinerja.access import PERAN_INSPEKTORAT, berperan, get_pemda_for_user, peran
from kinerja.models import Pemda, Peran, PerangkatDaerah

PESAN_BUKAN_PD = "Penilaian mandiri diisi oleh operator atau kepala perangkat daerah."
PESAN_BUKAN_EVALUATOR = "Nilai tiap kriteria diberikan oleh evaluator (Inspektorat) pemda."
PESAN_BUKAN_PENGENDALI = "Evaluasi disetujui atau dikembalikan oleh pengendali teknis."
PESAN_BUKAN_PEMBUAT = "Evaluasi dimulai oleh evaluator (Inspektorat) atau admin pemda."
PESAN_BUKAN_PEMDA = (
    "Template LKE dan daftar evaluasi untuk Inspektorat dan admin pemda; buka evaluasi "
    "perangkat daerah Anda dari halaman tahunnya."
)

J = Peran.Jenis


def boleh_jawab(user, pd: PerangkatDaerah) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    p = peran(user)
    return bool(p and p.jenis in (J.OPERATOR, J.KEPALA) and p.perangkat_daerah_id == pd.pk)


def boleh_nilai(user, pd: PerangkatDaerah) -> bool:
    return berperan(user, pd.pemda, J.EVALUATOR)


def boleh_kendali(user, pd: PerangkatDaerah) -> bool:
    return berperan(user, pd.pemda, J.PENGENDALI_TEKNIS)


def boleh_buat(user, pemda: Pemda) -> bool:
    return berperan(user, pemda, J.EVALUATOR, J.ADMIN_PEMDA)


def pastikan(boleh: bool, pesan: str) -> None:
    if not boleh:
        raise PermissionDenied(pesan)


def get_pemda_lke_for_user(user, kode: str) -> tuple[Pemda, bool]:
    """The pemda for its Inspektorat and admin pemda (and whether the user manages it):
    404 for another pemda, 403 for the users of a perangkat daerah."""
    pemda, kelola = get_pemda_for_user(user, kode)
    pastikan(berperan(user, pemda, *PERAN_INSPEKTORAT, J.ADMIN_PEMDA), PESAN_BUKAN_PEMDA)
    return pemda, kelola
