"""The Django admin cannot change audited data around the services (no year lock, no
audit trail there): for every model of the three apps, a superuser may list and read
the rows, and every add, change or delete is refused. Only the roles stay editable."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin

from kinerja.models import Peran, Realisasi

pytestmark = pytest.mark.django_db

MODEL_DAPAT_DIUBAH = {Peran}  # the superuser gives a new deployment its first admin pemda


def _model_terkunci():
    for app in ("kinerja", "anggaran", "laporan", "evaluasi"):
        for model in apps.get_app_config(app).get_models():
            if model not in MODEL_DAPAT_DIUBAH:
                yield model


@pytest.mark.parametrize("model", list(_model_terkunci()), ids=lambda m: m._meta.label)
def test_a_superuser_cannot_add_change_or_delete(admin_client, demo, model):
    opts = model._meta
    dasar = f"/admin/{opts.app_label}/{opts.model_name}/"
    assert admin_client.get(dasar).status_code == 200
    assert admin_client.get(dasar + "add/").status_code == 403
    obj = model.objects.first()
    if obj is None:
        return
    # The row can be read, but not saved or deleted.
    r = admin_client.get(f"{dasar}{obj.pk}/change/")
    assert r.status_code == 200 and 'name="_save"' not in r.content.decode(), opts.label
    assert admin_client.post(f"{dasar}{obj.pk}/change/", {}).status_code == 403
    assert admin_client.post(f"{dasar}{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_realisasi_posted_to_the_admin_is_not_saved(admin_client, demo):
    r = Realisasi.objects.filter(nilai__isnull=False).first()
    lama = r.nilai
    admin_client.post(
        f"/admin/kinerja/realisasi/{r.pk}/change/",
        {"indikator": r.indikator_id, "tahun": r.tahun, "triwulan": r.triwulan, "nilai": "1"},
    )
    r.refresh_from_db()
    assert r.nilai == lama


def test_every_inline_is_read_only():
    for model_admin in admin.site._registry.values():
        if model_admin.model in MODEL_DAPAT_DIUBAH:
            continue
        for inline in model_admin.inlines:
            i = inline(model_admin.model, admin.site)
            assert not i.has_add_permission(None, None), inline
            assert not i.has_change_permission(None), inline
            assert not i.has_delete_permission(None), inline


def test_the_roles_stay_editable(admin_client, demo):
    assert admin_client.get("/admin/kinerja/peran/add/").status_code == 200
