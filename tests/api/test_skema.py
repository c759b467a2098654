"""The API against its own OpenAPI schema (schemathesis): for generated requests, every
answer has a documented status, content type and shape, and nothing fails."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.models import TokenAPI
from api.skema import skema
from lkjip.wsgi import application

schema = schemathesis.openapi.from_dict(skema())
schema.app = application


@pytest.fixture
def token(db, request):
    from anggaran.models import AnggaranSasaran
    from kinerja.models import Sasaran
    from tests.conftest import _pengguna

    demo = request.getfixturevalue("demo")
    # A budget stated per sasaran, so that its endpoint answers with rows too.
    s1 = Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=demo["a"]).first()
    AnggaranSasaran.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, sasaran=s1, pagu=3466099100, realisasi=12.5
    )
    return TokenAPI.buat(_pengguna("api_operator", "operator", pd=demo["a"]), "uji")[1]


@pytest.fixture(autouse=True)
def _koneksi_tetap():
    """The WSGI handler closes the database connection after each request; the test's
    transaction lives on it (Django's test client disconnects the same receivers)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_follows_the_schema(case, token):
    case.call_and_validate(app=application, headers={"Authorization": f"Bearer {token}"})
