"""The audit trail: every service that changes targets, realisasi, notes, evidence or budget calls this."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from kinerja.models import LogPerubahan, PerangkatDaerah
from kinerja.signals import data_tahun_berubah
from lib.format import format_waktu as format_waktu_lokal


def _json(nilai: Any) -> Any:
    if isinstance(nilai, Decimal):
        # Plain notation: 2315000, never 2.315E+6.
        return format(nilai.normalize(), "f") if nilai.is_finite() else str(nilai)
    if isinstance(nilai, datetime.date | datetime.datetime):
        return nilai.isoformat()
    if isinstance(nilai, dict):
        return {k: _json(v) for k, v in nilai.items()}
    if isinstance(nilai, list | tuple):
        return [_json(v) for v in nilai]
    if isinstance(nilai, models.Model):
        return str(nilai)
    return nilai


def _log(
    *,
    pengguna,
    perangkat_daerah: PerangkatDaerah | None,
    aksi: str,
    objek: models.Model | None = None,
    uraian: str = "",
    tahun: int | None = None,
    lama: Any = None,
    baru: Any = None,
    data: dict | None = None,
) -> LogPerubahan:
    isi = dict(data or {})
    if lama is not None or baru is not None:
        isi["lama"] = _json(lama)
        isi["baru"] = _json(baru)
    return LogPerubahan(
        pengguna=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        perangkat_daerah=perangkat_daerah,
        aksi=aksi,
        objek=uraian or (str(objek) if objek is not None else ""),
        objek_tipe=objek._meta.label_lower if objek is not None else "",
        objek_id=objek.pk if objek is not None else None,
        tahun=tahun,
        data=_json(isi),
    )


def _kabarkan(rows: list[LogPerubahan]) -> None:
    """Tell who listens (``kinerja.signals.data_tahun_berubah``) which years changed."""
    for pd_id, tahun in dict.fromkeys((x.perangkat_daerah_id, x.tahun) for x in rows):
        if pd_id and tahun:
            data_tahun_berubah.send(sender=LogPerubahan, perangkat_daerah_id=pd_id, tahun=tahun)


def catat_perubahan(
    *, pengguna, perangkat_daerah: PerangkatDaerah | None, aksi: str, **lain: Any
) -> LogPerubahan:
    """Record who did ``aksi`` (a namespaced code such as "realisasi.ubah") on what, old → new;
    ``lain``: ``objek``, ``uraian``, ``tahun``, ``lama``, ``baru``, ``data`` (see ``_log``)."""
    row = _log(pengguna=pengguna, perangkat_daerah=perangkat_daerah, aksi=aksi, **lain)
    row.save()
    _kabarkan([row])
    return row


def catat_perubahan_banyak(entri: list[dict]) -> list[LogPerubahan]:
    """Record many changes (each a dict of ``catat_perubahan``'s keywords) in one query."""
    rows = LogPerubahan.objects.bulk_create([_log(**e) for e in entri])
    _kabarkan(rows)
    return rows


def format_waktu(waktu: datetime.datetime | None) -> str:
    """ "14 April 2025 pukul 10.32" in the site's time zone (Asia/Jakarta)."""
    if waktu is None:
        return "-"
    return format_waktu_lokal(timezone.localtime(waktu))


def nama_pengguna(user) -> str:
    """How a user is named in messages and the audit trail; "sistem" for changes
    without a user (imports, or a user since removed)."""
    if user is None:
        return "sistem"
    return user.get_full_name() or user.get_username()
