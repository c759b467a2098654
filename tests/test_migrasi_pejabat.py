"""kinerja 0005: the officials held before are filed under the years of their
perangkat daerah, the parties written on a PK stay the PK's own, and the pemda's
type is derived from its name."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SEBELUM = [("kinerja", "0007_revisi_renstra")]
SESUDAH = [("kinerja", "0008_pejabat_per_tahun")]


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
def test_existing_officials_are_given_their_years(kembali_ke_terbaru):
    apps = _pindah(SEBELUM)
    Pemda = apps.get_model("kinerja", "Pemda")
    PerangkatDaerah = apps.get_model("kinerja", "PerangkatDaerah")
    Pejabat = apps.get_model("kinerja", "Pejabat")
    PK = apps.get_model("kinerja", "PerjanjianKinerja")
    kota = Pemda.objects.create(kode="33.74", nama="Kota Semarang")
    kab = Pemda.objects.create(kode="33.16", nama="Kabupaten Blora")
    bupati = Pejabat.objects.create(pemda=kab, nama="Bagus", jabatan="Bupati Blora")
    kab.kepala = bupati
    kab.save()
    pd = PerangkatDaerah.objects.create(pemda=kab, kode="33.16.05", nama="Kecamatan R")
    camat = Pejabat.objects.create(pemda=kab, perangkat_daerah=pd, nama="S", jabatan="Camat R")
    sekcam = Pejabat.objects.create(
        pemda=kab, perangkat_daerah=pd, urutan=1, nama="D", jabatan="Sekretaris Kecamatan"
    )
    pd.kepala = camat
    pd.save()
    pihak = Pejabat.objects.create(
        pemda=kab, perangkat_daerah=pd, urutan=100, nama="S", jabatan="Camat R"
    )
    PK.objects.create(perangkat_daerah=pd, tahun=2023, versi="murni", pihak_pertama=pihak)
    PK.objects.create(perangkat_daerah=pd, tahun=2024, versi="murni")

    apps = _pindah(SESUDAH)
    Pemda = apps.get_model("kinerja", "Pemda")
    Pejabat = apps.get_model("kinerja", "Pejabat")
    assert Pemda.objects.get(pk=kota.pk).jenis == "kota"
    assert Pemda.objects.get(pk=kab.pk).jenis == "kabupaten"
    di_pd = Pejabat.objects.filter(perangkat_daerah_id=pd.pk)
    assert sorted(di_pd.filter(kepala=True).values_list("tahun", flat=True)) == [2023, 2024]
    assert Pejabat.objects.get(pk=camat.pk).tahun == 2023
    assert sorted(di_pd.filter(jabatan="Sekretaris Kecamatan").values_list("tahun", flat=True)) == [
        2023,
        2024,
    ]
    assert Pejabat.objects.get(pk=sekcam.pk).kepala is False
    assert Pejabat.objects.get(pk=pihak.pk).tahun is None
    daerah = Pejabat.objects.filter(pemda_id=kab.pk, perangkat_daerah=None, kepala=True)
    assert sorted(daerah.values_list("tahun", flat=True)) == [2023, 2024]
    assert all(p.status == "definitif" for p in Pejabat.objects.all())
