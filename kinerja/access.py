"""Who may see and change what. Called on the first line of every view.

* A perangkat daerah (or pemda) the user may not see is a 404: nothing leaks
  about its existence.
* Visible but not writable is a 403 on writes.
* Operator and kepala see only their own perangkat daerah; the evaluator (and the
  pengendali teknis, the Inspektorat's second reviewer) reads every perangkat daerah
  of its pemda and writes none of its data; the admin
  pemda manages the pemda's rules, perangkat daerah and users; nobody sees
  another pemda. A Django superuser sees everything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from kinerja.models import Pemda, Peran, PerangkatDaerah

PESAN_HANYA_BACA = (
    "Anda hanya dapat melihat data ini; perubahan dilakukan oleh operator perangkat daerah."
)
PESAN_BUKAN_KEPALA = "Hanya kepala perangkat daerah yang dapat meninjau dan menyetujui."
PESAN_BUKAN_PEMBUKA_TAHUN = (
    "Tahun baru dibuka oleh operator perangkat daerah atau admin pemda; Anda hanya dapat "
    "melihat datanya."
)
PESAN_BUKAN_ADMIN = "Hanya admin pemda yang dapat mengelola aturan, perangkat daerah dan pengguna."


def peran(user) -> Peran | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.peran
    except Peran.DoesNotExist:
        return None


def perangkat_daerah_terlihat(user) -> QuerySet[PerangkatDaerah]:
    """Every perangkat daerah the user may read."""
    semua = PerangkatDaerah.objects.select_related("pemda")
    if getattr(user, "is_superuser", False):
        return semua
    p = peran(user)
    if p is None:
        return semua.none()
    if p.jenis in (Peran.Jenis.OPERATOR, Peran.Jenis.KEPALA):
        return semua.filter(pk=p.perangkat_daerah_id)
    return semua.filter(pemda_id=p.pemda_id)


# The Inspektorat's roles: they read every perangkat daerah of their pemda.
PERAN_INSPEKTORAT = (Peran.Jenis.EVALUATOR, Peran.Jenis.PENGENDALI_TEKNIS)


def berperan(user, pemda: Pemda, *jenis: str) -> bool:
    """Whether the user holds one of the roles ``jenis`` in ``pemda`` (a superuser: always)."""
    if getattr(user, "is_superuser", False):
        return True
    p = peran(user)
    return bool(p and p.jenis in jenis and p.pemda_id == pemda.pk)


def boleh_ubah_data(user, pd: PerangkatDaerah) -> bool:
    """Only the operator of the perangkat daerah enters and changes its data."""
    if getattr(user, "is_superuser", False):
        return True
    p = peran(user)
    return bool(p and p.jenis == Peran.Jenis.OPERATOR and p.perangkat_daerah_id == pd.pk)


def boleh_buka_tahun(user, pd: PerangkatDaerah) -> bool:
    """Opening a new year: the operator of the perangkat daerah or the admin of its pemda."""
    if getattr(user, "is_superuser", False):
        return True
    p = peran(user)
    if p is None:
        return False
    if p.jenis == Peran.Jenis.ADMIN_PEMDA:
        return p.pemda_id == pd.pemda_id
    return p.jenis == Peran.Jenis.OPERATOR and p.perangkat_daerah_id == pd.pk


def boleh_tinjau(user, pd: PerangkatDaerah) -> bool:
    """The kepala reviews (approves or returns) the perangkat daerah's submissions."""
    if getattr(user, "is_superuser", False):
        return True
    p = peran(user)
    return bool(p and p.jenis == Peran.Jenis.KEPALA and p.perangkat_daerah_id == pd.pk)


def boleh_kelola_pemda(user, pemda: Pemda) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    p = peran(user)
    return bool(p and p.jenis == Peran.Jenis.ADMIN_PEMDA and p.pemda_id == pemda.pk)


def get_perangkat_daerah_for_user(user, kode: str) -> tuple[PerangkatDaerah, bool]:
    """The perangkat daerah and whether the user may change its data; 404 if not visible."""
    pd = perangkat_daerah_terlihat(user).filter(kode=kode).first()
    if pd is None:
        raise Http404("Perangkat daerah tidak ditemukan.")
    return pd, boleh_ubah_data(user, pd)


def get_editable_perangkat_daerah_for_user(user, kode: str) -> PerangkatDaerah:
    """For views that change a perangkat daerah's data: 404 if not visible, 403 if read-only."""
    pd, boleh = get_perangkat_daerah_for_user(user, kode)
    if not boleh:
        raise PermissionDenied(PESAN_HANYA_BACA)
    return pd


def get_reviewable_perangkat_daerah_for_user(user, kode: str) -> PerangkatDaerah:
    pd, _ = get_perangkat_daerah_for_user(user, kode)
    if not boleh_tinjau(user, pd):
        raise PermissionDenied(PESAN_BUKAN_KEPALA)
    return pd


def pemda_terlihat(user) -> QuerySet[Pemda]:
    if getattr(user, "is_superuser", False):
        return Pemda.objects.all()
    p = peran(user)
    if p is None:
        return Pemda.objects.none()
    return Pemda.objects.filter(pk=p.pemda_id)


def get_pemda_for_user(user, kode: str) -> tuple[Pemda, bool]:
    """The pemda and whether the user may manage it; 404 if it is not the user's pemda."""
    pemda = pemda_terlihat(user).filter(kode=kode).first()
    if pemda is None:
        raise Http404("Pemda tidak ditemukan.")
    return pemda, boleh_kelola_pemda(user, pemda)


def get_manageable_pemda_for_user(user, kode: str) -> Pemda:
    pemda, boleh = get_pemda_for_user(user, kode)
    if not boleh:
        raise PermissionDenied(PESAN_BUKAN_ADMIN)
    return pemda


PESAN_BUKAN_PENYUSUN_RENSTRA = (
    "Renstra disusun dan direvisi oleh operator perangkat daerah atau admin pemda."
)


def boleh_ubah_renstra(user, pd: PerangkatDaerah) -> bool:
    """A new Renstra period or a revision: the operator of the perangkat daerah or its admin pemda."""
    return boleh_ubah_data(user, pd) or boleh_kelola_pemda(user, pd.pemda)


def get_renstra_editable_perangkat_daerah_for_user(user, kode: str) -> PerangkatDaerah:
    pd, _ = get_perangkat_daerah_for_user(user, kode)
    if not boleh_ubah_renstra(user, pd):
        raise PermissionDenied(PESAN_BUKAN_PENYUSUN_RENSTRA)
    return pd
