"""The LKE pages speak the users' language (the checks of tests/web/test_kata_layar.py)."""

from __future__ import annotations

import pytest

from evaluasi.services.evaluasi import evaluasi_buat, jawaban_simpan
from tests.web.test_kata_layar import periksa, teks_tampil

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("peran", ["operator_a", "evaluator", "admin_pemda", "pengendali"])
def test_the_lke_pages_speak_the_users_language(client, demo, request, peran, evaluator):
    e = evaluasi_buat(pd=demo["a"], tahun=2024, pengguna=evaluator)
    j = e.jawaban.order_by("pk").first()
    jawaban_simpan(evaluasi=e, kriteria_id=j.kriteria_id, jawaban="Y", pengguna=None,
                   tautan="https://blorakab.go.id/")  # fmt: skip
    client.force_login(request.getfixturevalue(peran))
    salah = []
    for url in [
        "/pd/33.16.05/2024/lke/",
        "/pd/33.16.15/2024/lke/",
        "/evaluasi/33.16/lke/",
        "/pemda/33.16/lke/",
        "/pemda/33.16/lke/1/",
        f"/pemda/33.16/lke/1/kriteria/{j.kriteria_id}/",
    ]:
        r = client.get(url)
        assert r.status_code in (200, 403, 404), (url, r.status_code)
        if r.status_code == 200:
            salah += periksa(teks_tampil(r.content.decode()), url)
    assert salah == [], "\n".join(salah)
