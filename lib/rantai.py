"""The hash chain of the audit trail: each row's hash covers its content and the hash
of the row before it in its chain (one chain per pemda), so that a row altered,
removed or inserted afterwards no longer fits (``manage.py periksa_riwayat``).

Pure module: no Django. The content is written canonically (fixed field order, JSON
with sorted keys, the time in UTC with microseconds) so that it reads back the same
from SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["AWAL", "FORMAT", "KOLOM", "Putus", "hash_baris", "periksa_rantai"]

# The hash before the first row of a chain.
AWAL = "0" * 64
# The version of the canonical form below (a change would need a new one).
FORMAT = "lkjip-riwayat-1"
# The columns a row's hash covers, in this order.
KOLOM = (
    "urutan",
    "waktu",
    "pengguna_id",
    "pengguna_nama",
    "perangkat_daerah_id",
    "aksi",
    "objek",
    "objek_tipe",
    "objek_id",
    "tahun",
    "data",
)


def _waktu(w: datetime.datetime) -> str:
    if w.tzinfo is None:
        raise ValueError("waktu riwayat harus memiliki zona waktu")
    return w.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _kanon(baris: Mapping[str, Any]) -> str:
    isi = []
    for k in KOLOM:
        v = baris[k]
        if k == "waktu":
            v = _waktu(v)
        isi.append(v)
    return json.dumps(
        [FORMAT, *isi], sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )


def hash_baris(hash_sebelum: str, baris: Mapping[str, Any]) -> str:
    """The hash of a row (``baris``: its values of :data:`KOLOM`) after ``hash_sebelum``."""
    return hashlib.sha256((hash_sebelum + "\n" + _kanon(baris)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Putus:
    """The first row that does not fit its chain, and why (Indonesian)."""

    id: Any
    urutan: int | None
    alasan: str


def periksa_rantai(baris: Iterable[Mapping[str, Any]]) -> tuple[int, str, Putus | None]:
    """Walk a chain's rows in their order (each with ``id``, ``hash_sebelum``, ``hash``
    and the :data:`KOLOM`): (rows read, the last hash, the first break or None)."""
    sebelum, n, urutan = AWAL, 0, 0
    for b in baris:
        n += 1
        urutan += 1
        if b["urutan"] != urutan:
            alasan = (
                f"nomor urut {b['urutan']}, seharusnya {urutan}: "
                "ada baris yang dihapus atau disisipkan sebelumnya"
            )
            return n, sebelum, Putus(b["id"], b["urutan"], alasan)
        if b["hash_sebelum"] != sebelum:
            alasan = "tidak tersambung ke baris sebelumnya (baris sebelumnya diubah atau dihapus)"
            return n, sebelum, Putus(b["id"], b["urutan"], alasan)
        if hash_baris(sebelum, b) != b["hash"]:
            return n, sebelum, Putus(b["id"], b["urutan"], "isinya diubah setelah dicatat")
        sebelum = b["hash"]
    return n, sebelum, None
