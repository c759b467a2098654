"""Who may see and change which perangkat daerah. Called on the first line of every view.

A perangkat daerah the user may not see is a 404 (no information leaks about
its existence); one the user may see but not change is a 403 on writes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from kinerja.models import Peran, PerangkatDaerah


def perangkat_daerah_terlihat(user) -> QuerySet[PerangkatDaerah]:
    """Every perangkat daerah the user may read."""
    semua = PerangkatDaerah.objects.select_related("pemda")
    if user.is_superuser:
        return semua
    peran = getattr(user, "peran", None)
    if peran is None:
        return semua.none()
    if peran.jenis in (Peran.Jenis.OPERATOR, Peran.Jenis.KEPALA):
        return semua.filter(pk=peran.perangkat_daerah_id)
    return semua.filter(pemda_id=peran.pemda_id)


def boleh_ubah_data(user, pd: PerangkatDaerah) -> bool:
    """Only the operator of the perangkat daerah enters its data."""
    if user.is_superuser:
        return True
    peran = getattr(user, "peran", None)
    return bool(
        peran and peran.jenis == Peran.Jenis.OPERATOR and peran.perangkat_daerah_id == pd.pk
    )


def get_perangkat_daerah_for_user(user, kode: str) -> tuple[PerangkatDaerah, bool]:
    """The perangkat daerah and whether the user may change its data; 404 if not visible."""
    pd = perangkat_daerah_terlihat(user).filter(kode=kode).first()
    if pd is None:
        raise Http404("Perangkat daerah tidak ditemukan.")
    return pd, boleh_ubah_data(user, pd)


def get_editable_perangkat_daerah_for_user(user, kode: str) -> PerangkatDaerah:
    pd, boleh = get_perangkat_daerah_for_user(user, kode)
    if not boleh:
        raise PermissionDenied("Anda hanya dapat melihat data perangkat daerah ini.")
    return pd
