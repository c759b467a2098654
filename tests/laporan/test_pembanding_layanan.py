"""The service that names a perangkat daerah's comparison perangkat daerah: same pemda,
never itself, bounded, refused when changed meanwhile, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kinerja.models import LogPerubahan, PerangkatDaerah
from laporan.models import PembandingPD
from laporan.services.pembanding import (
    MAKS_PEMBANDING,
    pembanding_dari,
    pembanding_pd_simpan,
    versi_pembanding,
)

pytestmark = pytest.mark.django_db


def test_saved_and_audited_old_to_new(demo, admin_pemda):
    a, b = demo["a"], demo["b"]
    assert pembanding_pd_simpan(perangkat_daerah=a, pembanding=[b], pengguna=admin_pemda)
    assert pembanding_dari(a) == [b]
    log = LogPerubahan.objects.get(aksi="pembanding_pd.ubah")
    assert log.perangkat_daerah == a and log.pengguna == admin_pemda
    assert log.data == {"lama": [], "baru": [b.kode]}
    # The same choice again changes nothing and records nothing.
    assert not pembanding_pd_simpan(perangkat_daerah=a, pembanding=[b], pengguna=admin_pemda)
    assert LogPerubahan.objects.filter(aksi="pembanding_pd.ubah").count() == 1
    assert pembanding_pd_simpan(perangkat_daerah=a, pembanding=[], pengguna=admin_pemda)
    assert not PembandingPD.objects.exists()


@pytest.mark.parametrize("kasus", ["diri", "pemda", "maks", "usang"])
def test_refused_with_a_message(demo, kasus):
    a, b = demo["a"], demo["b"]
    versi = None
    if kasus == "diri":
        pilihan, pesan = [a], "tidak dapat menjadi pembanding dirinya sendiri"
    elif kasus == "pemda":
        pilihan, pesan = [demo["lain"]], "bukan perangkat daerah Kabupaten Blora"
    elif kasus == "maks":
        lain = [
            PerangkatDaerah.objects.create(pemda=a.pemda, kode=f"33.16.{90 + n}", nama=f"Kec {n}")
            for n in range(MAKS_PEMBANDING)
        ]
        pilihan, pesan = [b, *lain], f"paling banyak {MAKS_PEMBANDING}"
    else:
        versi = versi_pembanding(a)
        pembanding_pd_simpan(perangkat_daerah=a, pembanding=[b], pengguna=None)
        pilihan, pesan = [], "telah diubah oleh pengguna lain"
    sebelum = list(PembandingPD.objects.values_list("pembanding_id", flat=True))
    with pytest.raises(ValidationError) as e:
        pembanding_pd_simpan(perangkat_daerah=a, pembanding=pilihan, pengguna=None, versi=versi)
    assert pesan in e.value.messages[0]
    assert list(PembandingPD.objects.values_list("pembanding_id", flat=True)) == sebelum
