"""Query counts of the planning pages do not grow with the number of indicators."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import Indikator, PerjanjianKinerja, PKBerjenjang, SasaranPKBerjenjang
from kinerja.services.perencanaan.pk import perjanjian_kinerja_buat_perubahan
from tests.sintetis import buat_pd_sintetis

# A fixed ceiling per page; the PD menu's year selector takes one of them.
BATAS = 16
# The Renstra page also draws the pohon kinerja of the year from the year's package
# (kinerja.selectors.paket.paket_kinerja): more queries, still the same for 10 or 100.
BATAS_HALAMAN = {"/pd/{kode}/renstra/?tahun=2024": 40}
HALAMAN = [
    "/pd/{kode}/renstra/?tahun=2024",
    "/pd/{kode}/program/?tahun=2024",
    "/pd/{kode}/indikator/{ind}/",
    "/pd/{kode}/indikator/{ind}/ubah/",
    "/pd/{kode}/2024/pk/",
    "/pd/{kode}/2024/pk/murni/ubah/",
    "/pd/{kode}/2024/pk-berjenjang/",
    "/pd/{kode}/2024/rencana-aksi/",
    "/pd/{kode}/2024/pejabat/",
    "/pd/{kode}/2024/pk-berjenjang/{pkb}/ubah/",
]


def _siapkan(n: int, kode: str, kode_pemda: str, pengguna) -> dict[str, object]:
    pd = buat_pd_sintetis(n, kode=kode, kode_pemda=kode_pemda)
    # A perubahan, so that the PK page also builds its murni ↔ perubahan difference.
    perjanjian_kinerja_buat_perubahan(
        perangkat_daerah=pd, tahun=2024, pengguna=pengguna, dari_versi="murni"
    )
    for i in range(n // 10):
        b = PKBerjenjang.objects.create(
            perangkat_daerah=pd,
            tahun=2024,
            urutan=i,
            jabatan=f"Kepala Seksi {i}",
            anggaran={"7.01.01": "1000000", "7.01.01.2.01": "500000"},
        )
        SasaranPKBerjenjang.objects.bulk_create(
            SasaranPKBerjenjang(pk_berjenjang=b, urutan=j, uraian="s", indikator="i", target=j)
            for j in range(5)
        )
    ind = Indikator.objects.filter(renstra__perangkat_daerah=pd).order_by("urutan").first()
    pkb = PKBerjenjang.objects.filter(perangkat_daerah=pd).order_by("urutan").first()
    return {"kode": kode, "ind": ind.pk, "pkb": pkb.pk}


@pytest.mark.parametrize("pola", HALAMAN)
def test_queries_do_not_grow_with_indicators(admin_client, admin_user, pola):
    kecil = _siapkan(10, "99.01.01", "99.01", admin_user)
    besar = _siapkan(100, "99.02.01", "99.02", admin_user)
    assert PerjanjianKinerja.objects.filter(perangkat_daerah__kode="99.02.01").count() == 2
    jumlah = []
    for isi in (kecil, besar):
        url = pola.format(**isi)
        admin_client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as q:
            r = admin_client.get(url)
        assert r.status_code == 200, url
        jumlah.append(len(q))
    assert jumlah[0] == jumlah[1], (pola, jumlah)
    assert jumlah[0] <= BATAS_HALAMAN.get(pola, BATAS), (pola, jumlah)


def test_pages_really_show_the_hundred_indicators(admin_client, admin_user):
    _siapkan(100, "99.02.01", "99.02", admin_user)
    html = admin_client.get("/pd/99.02.01/renstra/").content.decode()
    assert "Indikator sintetis 100" in html
    r = admin_client.get("/pd/99.02.01/2024/rencana-aksi/")
    assert len(r.context["baris"]) == 100
    assert len(admin_client.get("/pd/99.02.01/program/").context["pohon"]) == 10
