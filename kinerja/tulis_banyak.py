"""Writing many rows of a model at once.

Django's ``bulk_update`` builds a ``CASE WHEN`` per column over every row, which costs
more to build in Python than the database takes to run; on PostgreSQL the same update is
one ``UPDATE … FROM (VALUES …)`` per batch here. Other databases use ``bulk_update``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, models, router

BATCH = 2000


def perbarui_banyak(model: type[models.Model], objs: Sequence[models.Model], kolom: list[str]):
    """Write the fields ``kolom`` of the saved instances ``objs`` (as ``bulk_update``)."""
    if not objs:
        return
    db = router.db_for_write(model)
    conn = connections[db]
    if conn.vendor != "postgresql":
        model.objects.using(db).bulk_update(objs, kolom)
        return
    meta = model._meta
    pk = meta.pk
    fields = [meta.get_field(k) for k in kolom]
    q = conn.ops.quote_name
    nama = [q(pk.column), *(q(f.column) for f in fields)]
    # The first row casts each value to its column's type, so VALUES has those types.
    tipe = [pk.rel_db_type(conn), *(f.db_type(conn) for f in fields)]
    pertama = "(" + ", ".join(f"%s::{t}" for t in tipe) + ")"
    lain = "(" + ", ".join(["%s"] * len(nama)) + ")"
    atur = ", ".join(f"{n} = v.{n}" for n in nama[1:])
    with conn.cursor() as c:
        for i in range(0, len(objs), BATCH):
            bagian = objs[i : i + BATCH]
            params: list = []
            for o in bagian:
                params.append(pk.get_db_prep_save(o.pk, conn))
                params += [f.get_db_prep_save(getattr(o, f.attname), conn) for f in fields]
            nilai = ", ".join([pertama] + [lain] * (len(bagian) - 1))
            c.execute(
                f"UPDATE {q(meta.db_table)} AS t SET {atur} FROM (VALUES {nilai}) "
                f"AS v({', '.join(nama)}) WHERE t.{nama[0]} = v.{nama[0]}",
                params,
            )
