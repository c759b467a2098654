"""Who is asking the API: the holder of a valid token (``Authorization: Bearer …``), or
the user signed in to the site in the same browser."""

from __future__ import annotations

import datetime

from django.utils import timezone

from api.models import TokenAPI, hash_token

# Writes of "last used" at most once a minute per token.
JEDA_CATAT = datetime.timedelta(minutes=1)


def pengguna_api(request):
    """The user of the request, or None (no token, a wrong or revoked token, an inactive
    user). A token that is given but wrong is never replaced by the session."""
    kepala = request.headers.get("Authorization", "")
    if kepala:
        jenis, _, token = kepala.partition(" ")
        if jenis.lower() != "bearer" or not token.strip():
            return None
        row = (
            TokenAPI.objects.select_related("pengguna")
            .filter(hash=hash_token(token.strip()), dicabut__isnull=True)
            .first()
        )
        if row is None or not row.pengguna.is_active:
            return None
        sekarang = timezone.now()
        if row.terakhir_dipakai is None or sekarang - row.terakhir_dipakai > JEDA_CATAT:
            TokenAPI.objects.filter(pk=row.pk).update(terakhir_dipakai=sekarang)
        return row.pengguna
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
