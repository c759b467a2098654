"""The admin pemda's screen of comparison perangkat daerah: who may read and change it,
what the form offers, and that a save is audited and reaches the list."""

from __future__ import annotations

import pytest

from kinerja.models import LogPerubahan
from laporan.models import PembandingPD

pytestmark = pytest.mark.django_db

DAFTAR = "/pemda/{pemda}/pembanding/"
UBAH = "/pemda/{pemda}/pembanding/{pk}/"


@pytest.mark.parametrize(
    ("peran", "harapan"),
    [
        ("admin_pemda", 200),
        ("operator_a", 403),
        ("kepala_a", 403),
        ("evaluator", 403),
        ("operator_b", 403),
        ("evaluator_lain", 404),
    ],
)
def test_only_the_admin_pemda_reads_and_changes(client, demo, request, peran, harapan):
    a, b = demo["a"], demo["b"]
    client.force_login(request.getfixturevalue(peran))
    kode = a.pemda.kode
    assert client.get(DAFTAR.format(pemda=kode)).status_code == harapan
    assert client.get(UBAH.format(pemda=kode, pk=a.pk)).status_code == harapan
    r = client.post(UBAH.format(pemda=kode, pk=a.pk), {"pembanding": [b.pk], "versi": ""})
    assert r.status_code == (302 if harapan == 200 else harapan)
    assert PembandingPD.objects.filter(perangkat_daerah=a).exists() == (harapan == 200)


def test_anonymous_goes_to_login(client, demo):
    r = client.get(DAFTAR.format(pemda=demo["a"].pemda.kode))
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_form_offers_the_pemdas_other_perangkat_daerah_and_saves(client, demo, admin_pemda):
    a, b, lain = demo["a"], demo["b"], demo["lain"]
    client.force_login(admin_pemda)
    kode = a.pemda.kode
    # Another pemda's perangkat daerah is not reachable from this pemda.
    assert client.get(UBAH.format(pemda=kode, pk=lain.pk)).status_code == 404
    r = client.get(UBAH.format(pemda=kode, pk=a.pk))
    html = r.content.decode()
    assert f"{b.kode} {b.nama}" in html
    assert lain.nama not in html and f'value="{a.pk}"' not in html
    r = client.post(UBAH.format(pemda=kode, pk=a.pk), {"pembanding": [b.pk], "versi": ""})
    assert r.status_code == 302
    log = LogPerubahan.objects.get(aksi="pembanding_pd.ubah")
    assert log.data == {"lama": [], "baru": [b.kode]}
    daftar = client.get(DAFTAR.format(pemda=kode))
    assert f"{b.nama} ({b.kode})" in daftar.content.decode()
    assert "Pembanding" in daftar.content.decode()
    # Another pemda's perangkat daerah posted by hand is refused by the form.
    r = client.post(UBAH.format(pemda=kode, pk=a.pk), {"pembanding": [lain.pk], "versi": b.kode})
    assert r.status_code == 200 and "Belum disimpan" in r.content.decode()
    assert list(PembandingPD.objects.values_list("pembanding_id", flat=True)) == [b.pk]


def test_a_stale_form_is_refused_then_saves_on_purpose(client, demo, admin_pemda):
    a, b = demo["a"], demo["b"]
    client.force_login(admin_pemda)
    url = UBAH.format(pemda=a.pemda.kode, pk=a.pk)
    assert client.post(url, {"pembanding": [b.pk], "versi": ""}).status_code == 302
    # A form opened before that save: refused with the current state carried.
    r = client.post(url, {"versi": ""})
    assert r.status_code == 200 and "telah diubah oleh pengguna lain" in r.content.decode()
    assert r.context["form"]["versi"].value() == b.kode
    assert client.post(url, {"versi": b.kode}).status_code == 302
    assert not PembandingPD.objects.exists()
