"""kinerja 0012: every year held before (a laporan.LKjIP row) is registered as a
kinerja.Tahun, locked when its LKjIP is signed off."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SEBELUM = [("kinerja", "0011_tahun"), ("laporan", "0004_kebutuhan_sdm_sarpras")]
SESUDAH = [("kinerja", "0012_tahun_dari_lkjip")]


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
def test_each_lkjip_row_becomes_a_registered_year(kembali_ke_terbaru):
    apps = _pindah(SEBELUM)
    Pemda = apps.get_model("kinerja", "Pemda")
    PerangkatDaerah = apps.get_model("kinerja", "PerangkatDaerah")
    LKjIP = apps.get_model("laporan", "LKjIP")
    kab = Pemda.objects.create(kode="33.16", nama="Kabupaten Blora")
    a = PerangkatDaerah.objects.create(pemda=kab, kode="33.16.05", nama="Kecamatan A")
    b = PerangkatDaerah.objects.create(pemda=kab, kode="33.16.15", nama="Kecamatan B")
    LKjIP.objects.create(perangkat_daerah=a, tahun=2023, status="ditetapkan")
    LKjIP.objects.create(perangkat_daerah=a, tahun=2024, status="diajukan")
    LKjIP.objects.create(perangkat_daerah=b, tahun=2024, status="draf")

    apps = _pindah(SESUDAH)
    Tahun = apps.get_model("kinerja", "Tahun")
    assert sorted(Tahun.objects.values_list("perangkat_daerah_id", "tahun", "terkunci")) == [
        (a.pk, 2023, True),
        (a.pk, 2024, False),
        (b.pk, 2024, False),
    ]
    assert all(t.dibuat_pada for t in Tahun.objects.all())
