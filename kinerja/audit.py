"""The audit trail: every service that changes targets, realisasi, notes, evidence or budget calls this."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

from kinerja.models import LogPerubahan, PerangkatDaerah
from kinerja.signals import data_tahun_berubah
from lib.format import format_waktu as format_waktu_lokal


def _json(nilai: Any) -> Any:
    if nilai is None or type(nilai) in (str, int, bool, float):
        return nilai
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


def _kolom_log(
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
) -> dict[str, Any]:
    """The column values (``attname``: value, ``waktu`` left out) of one audit row."""
    isi = _json(dict(data or {}))
    if lama is not None or baru is not None:
        isi["lama"] = _json(lama)
        isi["baru"] = _json(baru)
    pengguna = pengguna if getattr(pengguna, "is_authenticated", False) else None
    return {
        "pengguna_id": pengguna.pk if pengguna is not None else None,
        "perangkat_daerah_id": perangkat_daerah.pk if perangkat_daerah is not None else None,
        "aksi": aksi,
        "objek": uraian or (str(objek) if objek is not None else ""),
        "objek_tipe": objek._meta.label_lower if objek is not None else "",
        "objek_id": objek.pk if objek is not None else None,
        "tahun": tahun,
        "data": isi,
    }


def _log(**entri: Any) -> LogPerubahan:
    return LogPerubahan(**_kolom_log(**entri))


def _kabarkan(tahun: list[tuple[int | None, int | None]]) -> None:
    """Tell who listens (``kinerja.signals.data_tahun_berubah``) which years changed
    (``tahun``: the (perangkat daerah id, year) of each audit row)."""
    for pd_id, th in dict.fromkeys(tahun):
        if pd_id and th:
            data_tahun_berubah.send(sender=LogPerubahan, perangkat_daerah_id=pd_id, tahun=th)


def catat_perubahan(
    *, pengguna, perangkat_daerah: PerangkatDaerah | None, aksi: str, **lain: Any
) -> LogPerubahan:
    """Record who did ``aksi`` (a namespaced code such as "realisasi.ubah") on what, old → new;
    ``lain``: ``objek``, ``uraian``, ``tahun``, ``lama``, ``baru``, ``data`` (see ``_log``)."""
    row = _log(pengguna=pengguna, perangkat_daerah=perangkat_daerah, aksi=aksi, **lain)
    row.save()
    _kabarkan([(row.perangkat_daerah_id, row.tahun)])
    return row


_KOLOM_COPY = ("waktu", "pengguna_id", "perangkat_daerah_id", "aksi", "objek", "objek_tipe",
               "objek_id", "tahun", "data")  # fmt: skip
_ESCAPE_COPY = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _sel_copy(v: Any) -> str:
    """One value in PostgreSQL COPY's text format."""
    if v is None:
        return "\\N"
    s = str(v)
    if "\\" in s or "\t" in s or "\n" in s or "\r" in s:
        return s.translate(_ESCAPE_COPY)
    return s


def _salin(cursor, kolom: list[dict[str, Any]], waktu: datetime.datetime) -> None:
    """The audit rows ``kolom`` into PostgreSQL through COPY (in their order, so their
    ids run in that order as bulk_create's do)."""
    buf = io.StringIO()
    w = waktu.isoformat()
    for k in kolom:
        nilai = [w, *(k[n] for n in _KOLOM_COPY[1:-1]), json.dumps(k["data"])]
        buf.write("\t".join(map(_sel_copy, nilai)))
        buf.write("\n")
    buf.seek(0)
    tabel = LogPerubahan._meta.db_table
    cursor.copy_expert(f'COPY "{tabel}" ({", ".join(_KOLOM_COPY)}) FROM STDIN', buf)


def catat_perubahan_banyak(entri: list[dict]) -> None:
    """Record many changes (each a dict of ``catat_perubahan``'s keywords) at once, in
    their order: on PostgreSQL (psycopg2) through COPY, else in one bulk_create. Every
    row has the same ``waktu`` (the moment of the save)."""
    kolom = [_kolom_log(**e) for e in entri]
    if not kolom:
        return
    waktu = timezone.now()
    conn = connections[router.db_for_write(LogPerubahan)]
    with conn.cursor() as c:
        if conn.vendor == "postgresql" and hasattr(c.cursor, "copy_expert"):
            _salin(c.cursor, kolom, waktu)
        else:
            LogPerubahan.objects.bulk_create([LogPerubahan(waktu=waktu, **k) for k in kolom])
    _kabarkan([(k["perangkat_daerah_id"], k["tahun"]) for k in kolom])


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
