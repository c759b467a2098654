"""kinerja 0018: audit rows written before the hash chain join their pemda's chain in
id order, with the user's name; the chains then pass ``periksa_riwayat``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SEBELUM = [("kinerja", "0017_rentang_lain")]
SESUDAH = [("kinerja", "0018_riwayat_rantai")]


def _pindah(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def kembali_ke_terbaru():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_earlier_rows_are_chained_per_pemda(kembali_ke_terbaru):
    apps = _pindah(SEBELUM)
    Pemda = apps.get_model("kinerja", "Pemda")
    PD = apps.get_model("kinerja", "PerangkatDaerah")
    Peran = apps.get_model("kinerja", "Peran")
    Log = apps.get_model("kinerja", "LogPerubahan")
    User = apps.get_model("auth", "User")
    blora = Pemda.objects.create(kode="33.16", nama="Kabupaten Blora")
    jombang = Pemda.objects.create(kode="35.17", nama="Kabupaten Jombang")
    a = PD.objects.create(pemda=blora, kode="33.16.05", nama="Kecamatan A")
    b = PD.objects.create(pemda=jombang, kode="35.17.12", nama="Kecamatan B")
    admin = User.objects.create(username="admin_blora")
    Peran.objects.create(pengguna=admin, jenis="admin_pemda", pemda=blora)
    Log.objects.create(perangkat_daerah=a, aksi="x.ubah", data={"lama": 1, "baru": 2})
    Log.objects.create(perangkat_daerah=b, aksi="x.ubah", data={})
    Log.objects.create(pengguna=admin, aksi="pemda.aturan_ubah", objek_tipe="", data={})
    Log.objects.create(aksi="token_api.buat", data={})  # no pemda: the global chain
    Log.objects.create(perangkat_daerah=a, pengguna=admin, aksi="x.ubah", data={"a": "é"})

    apps = _pindah(SESUDAH)
    Log = apps.get_model("kinerja", "LogPerubahan")
    rows = list(Log.objects.order_by("id"))
    assert [(r.pemda_id, r.urutan) for r in rows] == [
        (blora.pk, 1), (jombang.pk, 1), (blora.pk, 2), (None, 1), (blora.pk, 3)
    ]  # fmt: skip
    assert rows[2].pengguna_nama == "admin_blora" and rows[2].hash_sebelum == rows[0].hash
    _pindah(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )  # the command needs today's models
    out = StringIO()
    call_command("periksa_riwayat", stdout=out)
    assert out.getvalue().strip().endswith("Riwayat utuh."), out.getvalue()
