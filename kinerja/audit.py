"""The audit trail: every service that changes targets, realisasi, notes, evidence or budget calls this."""

from __future__ import annotations

import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import connections, models, router, transaction
from django.db.models import F
from django.utils import timezone

from kinerja.models import LogPerubahan, Pemda, PerangkatDaerah, RantaiRiwayat
from kinerja.signals import data_tahun_berubah
from lib import rantai
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


def _pemda_id(pengguna, perangkat_daerah, objek, pemda) -> int | None:
    """The pemda whose chain an audit row joins: given, else the perangkat daerah's,
    else the object's when it is a pemda, else the user's (none: the global chain)."""
    if pemda is not None:
        return pemda.pk
    if perangkat_daerah is not None:
        return perangkat_daerah.pemda_id
    if isinstance(objek, Pemda):
        return objek.pk
    peran = getattr(pengguna, "peran", None) if pengguna is not None else None
    return peran.pemda_id if peran is not None else None


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
    pemda: Pemda | None = None,
) -> dict[str, Any]:
    """The column values (``attname``: value; the chain's columns and ``waktu`` left
    out) of one audit row."""
    isi = _json(dict(data or {}))
    if lama is not None or baru is not None:
        isi["lama"] = _json(lama)
        isi["baru"] = _json(baru)
    pengguna = pengguna if getattr(pengguna, "is_authenticated", False) else None
    try:
        pemda_id = _pemda_id(pengguna, perangkat_daerah, objek, pemda)
    except ObjectDoesNotExist:  # a user without a role
        pemda_id = None
    return {
        "pengguna_id": pengguna.pk if pengguna is not None else None,
        "pengguna_nama": pengguna.get_username() if pengguna is not None else "",
        "perangkat_daerah_id": perangkat_daerah.pk if perangkat_daerah is not None else None,
        "pemda_id": pemda_id,
        "aksi": aksi,
        "objek": (uraian or (str(objek) if objek is not None else ""))[:300],
        "objek_tipe": objek._meta.label_lower if objek is not None else "",
        "objek_id": objek.pk if objek is not None else None,
        "tahun": tahun,
        "data": isi,
    }


def kunci_rantai(pemda_id: int | None) -> str:
    return f"pemda:{pemda_id}" if pemda_id is not None else "global"


def _kepala_rantai(kunci: str) -> RantaiRiwayat:
    """The chain's head, locked until the transaction ends; a new chain's head is not
    saved yet (:func:`_simpan_kepala` inserts it), so a first row costs the queries of
    any other."""
    kepala = RantaiRiwayat.objects.select_for_update().filter(kunci=kunci).first()
    return kepala or RantaiRiwayat(kunci=kunci, urutan=0, hash=rantai.AWAL)


def _simpan_kepala(kepala: RantaiRiwayat) -> None:
    if kepala.pk is None:
        kepala.save()
    else:
        kepala.save(update_fields=["urutan", "hash"])


def _sambung(kolom: list[dict[str, Any]], waktu: datetime.datetime) -> None:
    """Give each row its time and its place in its pemda's chain (number, hash of the
    row before, its own hash), in the order given; the heads are moved on. Must run in
    the transaction that writes the rows."""
    kepala: dict[str, RantaiRiwayat] = {}
    for k in kolom:
        k["waktu"] = waktu
        kunci = kunci_rantai(k["pemda_id"])
        if kunci not in kepala:
            kepala[kunci] = _kepala_rantai(kunci)
        h = kepala[kunci]
        h.urutan += 1
        k["urutan"], k["hash_sebelum"] = h.urutan, h.hash
        k["hash"] = h.hash = rantai.hash_baris(h.hash, k)
    for h in kepala.values():
        _simpan_kepala(h)


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
    kolom = _kolom_log(pengguna=pengguna, perangkat_daerah=perangkat_daerah, aksi=aksi, **lain)
    with transaction.atomic():
        _sambung([kolom], timezone.now())
        row = LogPerubahan.objects.create(**kolom)
    _kabarkan([(row.perangkat_daerah_id, row.tahun)])
    return row


def ubah_data_terakhir(row: LogPerubahan, data: dict) -> bool:
    """Replace the data of ``row`` (an edit session's row growing with it) and its hash,
    only while it is still the last row of its chain: a later row, or a signed year's
    record of the chain's head, would no longer fit. False when it is not: the caller
    writes a new row instead."""
    with transaction.atomic():
        kepala = _kepala_rantai(kunci_rantai(row.pemda_id))
        if kepala.pk is None or kepala.urutan != row.urutan or kepala.hash != row.hash:
            return False
        row.data = _json(data)
        row.hash = kepala.hash = rantai.hash_baris(row.hash_sebelum, vars(row))
        row.save(update_fields=["data", "hash"])
        kepala.save(update_fields=["hash"])
    return True


_KOLOM_COPY = ("waktu", "pengguna_id", "pengguna_nama", "perangkat_daerah_id", "pemda_id",
               "aksi", "objek", "objek_tipe", "objek_id", "tahun", "urutan", "hash_sebelum",
               "hash", "data")  # fmt: skip
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


def _sisip_banyak(cursor, conn, kolom: list[dict[str, Any]]) -> None:
    """The audit rows in one ``executemany`` (one statement whatever their number, where
    bulk_create splits them into batches under SQLite's 999 parameters)."""
    field = {f.attname: f for f in LogPerubahan._meta.concrete_fields}
    nama = list(_KOLOM_COPY)
    tabel = conn.ops.quote_name(LogPerubahan._meta.db_table)
    sql = (
        f"INSERT INTO {tabel} ({', '.join(conn.ops.quote_name(field[n].column) for n in nama)}) "
        f"VALUES ({', '.join(['%s'] * len(nama))})"
    )
    cursor.executemany(
        sql, [[field[n].get_db_prep_save(k[n], connection=conn) for n in nama] for k in kolom]
    )


def catat_perubahan_banyak(entri: list[dict]) -> None:
    """Record many changes (each a dict of ``catat_perubahan``'s keywords) at once, in
    their order: on PostgreSQL (psycopg2) through COPY, else in one bulk_create. Every
    row has the same ``waktu`` (the moment of the save)."""
    kolom = [_kolom_log(**e) for e in entri]
    if not kolom:
        return
    waktu = timezone.now()
    conn = connections[router.db_for_write(LogPerubahan)]
    with transaction.atomic(), conn.cursor() as c:
        _sambung(kolom, waktu)
        if conn.vendor == "postgresql" and hasattr(c.cursor, "copy_expert"):
            _salin(c.cursor, kolom, waktu)
        else:
            _sisip_banyak(c, conn, kolom)
    _kabarkan([(k["perangkat_daerah_id"], k["tahun"]) for k in kolom])


def kepala_rantai(pemda_id: int | None) -> tuple[int, str]:
    """(number, hash) of the last row of a pemda's chain as this transaction sees it:
    what a signed year records (``SnapshotLKjIP.riwayat_*``)."""
    kepala = RantaiRiwayat.objects.filter(kunci=kunci_rantai(pemda_id)).first()
    return (kepala.urutan, kepala.hash) if kepala is not None else (0, rantai.AWAL)


@dataclass(frozen=True)
class HasilRantai:
    """A chain checked: its pemda (None: the global chain), rows read, first break."""

    pemda: Pemda | None
    baris: int
    putus: rantai.Putus | None


def periksa_riwayat(pemda: Pemda | None = None) -> list[HasilRantai]:
    """Walk every chain (of ``pemda`` only, when given) and its head, row by row."""
    if pemda is not None:
        daftar = [pemda]
    else:
        daftar = [*Pemda.objects.order_by("kode"), None]
    hasil = []
    for p in daftar:
        rows = (
            LogPerubahan.objects.filter(pemda=p)
            .order_by(F("urutan").asc(nulls_last=True), "id")
            .values("id", "hash_sebelum", "hash", *rantai.KOLOM)
            .iterator(chunk_size=5000)
        )
        n, terakhir, putus = rantai.periksa_rantai(rows)
        if putus is None:
            urutan, h = kepala_rantai(p.pk if p is not None else None)
            if (urutan, h) != (n, terakhir):
                alasan = (
                    f"kepala rantai mencatat {urutan} baris, yang ada {n}: "
                    "baris terakhir dihapus atau diubah"
                )
                putus = rantai.Putus(None, urutan, alasan)
        if p is not None or n:
            hasil.append(HasilRantai(p, n, putus))
    return hasil


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
