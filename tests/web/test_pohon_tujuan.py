"""Editing the sasaran RPJMD a tujuan supports (/pd/<kode>/tujuan/<pk>/ubah/)."""

from __future__ import annotations

import datetime

import pytest

from kinerja.models import LogPerubahan, Tujuan
from kinerja.services.renstra import revisi_buka


@pytest.fixture
def tujuan(demo):
    return Tujuan.objects.filter(renstra__perangkat_daerah=demo["a"]).order_by("urutan").first()


def _url(t: Tujuan) -> str:
    return f"/pd/33.16.05/tujuan/{t.pk}/ubah/"


def test_renstra_page_shows_it_with_a_link_for_the_operator(client, operator_a, kepala_a, tujuan):
    client.force_login(operator_a)
    html = client.get("/pd/33.16.05/renstra/?tahun=2024").content.decode()
    assert "Sasaran RPJMD yang didukung: Meningkatnya kualitas pelayanan publik" in html
    assert _url(tujuan) in html
    client.force_login(kepala_a)
    assert _url(tujuan) not in client.get("/pd/33.16.05/renstra/?tahun=2024").content.decode()


def test_in_use_renstra_asks_for_a_revision(client, operator_a, tujuan):
    client.force_login(operator_a)
    r = client.get(_url(tujuan))
    assert r.status_code == 200 and "Buka revisi" in r.content.decode()
    r = client.post(_url(tujuan), {"sasaran_rpjmd": "Sasaran baru"})
    assert r.status_code == 200
    assert "harus dicatat dalam revisi Renstra" in r.content.decode()
    tujuan.refresh_from_db()
    assert tujuan.sasaran_rpjmd == "Meningkatnya kualitas pelayanan publik"


def test_within_a_revision_it_is_saved_and_recorded(client, operator_a, tujuan):
    revisi_buka(
        renstra=tujuan.renstra, pengguna=None, tanggal=datetime.date(2024, 3, 1), alasan="Uji"
    )
    client.force_login(operator_a)
    r = client.post(_url(tujuan), {"sasaran_rpjmd": "  Meningkatnya   tata kelola  "})
    assert r.status_code == 302 and r["Location"] == "/pd/33.16.05/renstra/?tahun=2021"
    tujuan.refresh_from_db()
    assert tujuan.sasaran_rpjmd == "Meningkatnya tata kelola"
    log = LogPerubahan.objects.get(aksi="tujuan.ubah")
    assert log.data == {
        "lama": "Meningkatnya kualitas pelayanan publik",
        "baru": "Meningkatnya tata kelola",
    }
    # Emptied: the tree starts at the tujuan again.
    client.post(_url(tujuan), {"sasaran_rpjmd": ""})
    tujuan.refresh_from_db()
    assert tujuan.sasaran_rpjmd == ""


def test_readers_get_403_other_pd_404(client, kepala_a, operator_b, tujuan):
    client.force_login(kepala_a)
    assert client.get(_url(tujuan)).status_code == 403
    assert client.post(_url(tujuan), {"sasaran_rpjmd": "x"}).status_code == 403
    client.force_login(operator_b)
    assert client.get(_url(tujuan)).status_code == 404
    # A tujuan of another perangkat daerah under one's own code: 404.
    assert client.get(f"/pd/33.16.15/tujuan/{tujuan.pk}/ubah/").status_code == 404
