"""The pengendali teknis: a pemda-wide role of the Inspektorat, given by the admin pemda."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kinerja.models import Peran
from kinerja.services.pemda import pengguna_buat

pytestmark = pytest.mark.django_db


def _buat(demo, admin, pd=None):
    return pengguna_buat(
        pemda=demo["a"].pemda,
        pengguna=admin,
        username="dalnis",
        nama="Pengendali Teknis",
        email="",
        sandi="Sandi-yang-kuat-2024!",
        jenis="pengendali_teknis",
        perangkat_daerah=pd,
    )


def test_the_admin_pemda_gives_the_role_across_the_pemda(demo, admin_pemda):
    with pytest.raises(ValidationError):
        _buat(demo, admin_pemda, pd=demo["a"])
    user = _buat(demo, admin_pemda)
    assert user.peran.jenis == Peran.Jenis.PENGENDALI_TEKNIS
    assert user.peran.perangkat_daerah is None


def test_the_role_is_never_bound_to_one_perangkat_daerah(demo, pengendali):
    with pytest.raises(IntegrityError), transaction.atomic():
        Peran.objects.filter(pengguna=pengendali).update(perangkat_daerah=demo["a"])
