"""The evaluator's recommendations on an evaluation: written before it is final, stored as
``laporan.Rekomendasi`` rows by the final step, locked afterwards; screens per role."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from evaluasi.services import evaluasi as svc
from kinerja.models import LogPerubahan
from laporan.models import Rekomendasi
from tests.evaluasi.test_alur import _jawab_semua, _nilai_semua

pytestmark = pytest.mark.django_db

URL = "/pd/33.16.05/2023/lke/"


def final_dengan_rekomendasi(pd, operator, evaluator, pengendali, tahun=2023, daftar=None):
    """An evaluation of ``tahun`` made final with recommendations (for other tests too)."""
    e = svc.evaluasi_buat(pd=pd, tahun=tahun, pengguna=evaluator)
    _jawab_semua(e, operator)
    e = svc.evaluasi_ajukan(evaluasi=e, pengguna=operator)
    _nilai_semua(e, evaluator, "B")
    for teks, target in daftar or [
        ("Menyusun SOP pengukuran kinerja secara periodik", datetime.date(2024, 3, 31)),
        ("Melakukan evaluasi internal pada seluruh komponen", None),
    ]:
        svc.rekomendasi_tambah(evaluasi=e, teks=teks, target=target, pengguna=evaluator)
    e = svc.evaluasi_kirim(evaluasi=e, pengguna=evaluator)
    return svc.evaluasi_setujui(evaluasi=e, pengguna=pengendali)


def test_final_step_stores_the_recommendations_in_laporan(demo, operator_a, evaluator, pengendali):
    e = final_dengan_rekomendasi(demo["a"], operator_a, evaluator, pengendali)
    rows = list(Rekomendasi.objects.filter(evaluasi_id=e.pk).order_by("urutan"))
    assert [(r.urutan, r.tahun, r.perangkat_daerah_id) for r in rows] == [
        (1, 2023, demo["a"].pk),
        (2, 2023, demo["a"].pk),
    ]
    assert rows[0].teks.startswith("Menyusun SOP") and rows[0].target == datetime.date(2024, 3, 31)
    assert rows[1].target is None
    assert LogPerubahan.objects.filter(aksi="rekomendasi.buat").count() == 2
    # Final: nothing more is written on the evaluation.
    with pytest.raises(ValidationError, match="sudah final"):
        svc.rekomendasi_tambah(evaluasi=e, teks="Lagi", pengguna=evaluator)


def test_recommendations_only_while_the_evaluator_scores(demo, operator_a, evaluator):
    e = svc.evaluasi_buat(pd=demo["a"], tahun=2023, pengguna=evaluator)
    with pytest.raises(ValidationError):
        svc.rekomendasi_tambah(evaluasi=e, teks="Terlalu awal", pengguna=evaluator)
    _jawab_semua(e, operator_a)
    e = svc.evaluasi_ajukan(evaluasi=e, pengguna=operator_a)
    with pytest.raises(ValidationError):
        svc.rekomendasi_tambah(evaluasi=e, teks="  ", pengguna=evaluator)
    r = svc.rekomendasi_tambah(evaluasi=e, teks="Satu", pengguna=evaluator)
    svc.rekomendasi_hapus(evaluasi=e, pk=r.pk, pengguna=evaluator)
    assert not e.rekomendasi.exists()
    assert LogPerubahan.objects.filter(aksi__startswith="lke.rekomendasi").count() == 2


def test_screens_per_role(client, demo, operator_a, evaluator, evaluator_lain):
    e = svc.evaluasi_buat(pd=demo["a"], tahun=2023, pengguna=evaluator)
    _jawab_semua(e, operator_a)
    svc.evaluasi_ajukan(evaluasi=e, pengguna=operator_a)
    client.force_login(operator_a)
    assert client.post(f"{URL}rekomendasi/", {"teks": "X"}).status_code == 403
    assert "Tambah rekomendasi" not in client.get(URL).content.decode()
    client.force_login(evaluator_lain)
    assert client.post(f"{URL}rekomendasi/", {"teks": "X"}).status_code == 404
    client.force_login(evaluator)
    assert "Tambah rekomendasi" in client.get(URL).content.decode()
    r = client.post(f"{URL}rekomendasi/", {"teks": "Susun SOP", "target": "2024-03-31"})
    assert r.status_code == 302
    html = client.get(URL).content.decode()
    assert "Susun SOP" in html and "31 Maret 2024" in html
    (rek,) = e.rekomendasi.all()
    client.force_login(operator_a)
    assert client.post(f"{URL}rekomendasi/{rek.pk}/hapus/").status_code == 403
    client.force_login(evaluator)
    assert client.post(f"{URL}rekomendasi/{rek.pk}/hapus/").status_code == 302
    assert not e.rekomendasi.exists()
