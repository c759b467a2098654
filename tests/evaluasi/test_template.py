"""The pemda's LKE worksheet: the default version, versions in use never changed, the
Admin pemda's screens."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from evaluasi.models import KriteriaLke, SubKomponenLke, TemplateLke
from evaluasi.selectors import lembar, pilihan_skala
from evaluasi.services.evaluasi import evaluasi_buat
from evaluasi.services.template import (
    DATA_BAWAAN,
    kriteria_tambah,
    kriteria_ubah,
    sub_ubah,
    template_bawaan_muat,
    template_salin,
)
from kinerja.engine.lke import periksa_lembar
from kinerja.models import LogPerubahan

pytestmark = pytest.mark.django_db


def test_the_default_version_follows_88_2021(demo):
    t = template_bawaan_muat(demo["a"].pemda)
    assert t.versi == 1
    komponen = list(t.komponen.order_by("nomor"))
    assert [(k.nama, k.bobot) for k in komponen] == [
        ("Perencanaan Kinerja", 30),
        ("Pengukuran Kinerja", 30),
        ("Pelaporan Kinerja", 15),
        ("Evaluasi Akuntabilitas Kinerja Internal", 25),
    ]
    assert [s.bobot for s in komponen[0].sub.order_by("nomor")] == [6, 9, 15]
    assert [s.bobot for s in komponen[2].sub.order_by("nomor")] == [3, Decimal("4.5"), 7.5]
    assert KriteriaLke.objects.filter(sub__komponen__template=t).count() == 80
    assert periksa_lembar(lembar(t)) == []
    assert pilihan_skala(t, "ae") == [
        ("A", 1), ("B", Decimal("0.75")), ("C", Decimal("0.5")), ("D", Decimal("0.25")), ("E", 0)
    ]  # fmt: skip
    assert [j for j, _ in pilihan_skala(t, "yt")] == ["Y", "T"]
    # Loaded once per pemda.
    assert template_bawaan_muat(demo["a"].pemda).pk == t.pk
    assert LogPerubahan.objects.filter(aksi="lke.template.bawaan").count() == 1


def test_the_data_file_names_its_sources():
    data = json.loads(DATA_BAWAAN.read_text(encoding="utf-8"))
    teks = " ".join(data["_keterangan"]) + data["sumber"]
    assert "PermenPANRB" in teks and "88" in teks and "DOMAIN" in teks
    assert "belum terverifikasi" in teks


def test_a_version_not_in_use_is_changed_in_place(demo, admin_pemda):
    t = template_bawaan_muat(demo["a"].pemda)
    k = KriteriaLke.objects.filter(sub__komponen__template=t).order_by("pk").first()
    hasil = kriteria_ubah(kriteria=k, uraian="Baru.", skala="ae", bobot="2", pengguna=admin_pemda)
    assert hasil.pk == k.pk and TemplateLke.objects.count() == 1
    k.refresh_from_db()
    assert (k.uraian, k.skala, k.bobot) == ("Baru.", "ae", 2)
    log = LogPerubahan.objects.get(aksi="lke.kriteria.ubah")
    assert log.data["baru"]["uraian"] == "Baru." and log.data["lama"]["skala"] == "yt"


def test_a_version_in_use_is_never_changed_a_new_one_is_made(demo, evaluator, admin_pemda):
    e = evaluasi_buat(pd=demo["a"], tahun=2024, pengguna=evaluator)
    t = e.template
    k = KriteriaLke.objects.filter(sub__komponen__template=t).order_by("pk").first()
    lama = k.uraian
    hasil = kriteria_ubah(kriteria=k, uraian="Diubah.", skala="yt", bobot="1", pengguna=admin_pemda)
    k.refresh_from_db()
    assert k.uraian == lama
    baru = hasil.sub.komponen.template
    assert (baru.versi, baru.dari_versi) == (2, 1) and hasil.uraian == "Diubah."
    assert KriteriaLke.objects.filter(sub__komponen__template=baru).count() == 80
    e.refresh_from_db()
    assert e.template_id == t.pk
    # A sub-component and a new criterion of version 1 (in use) land in version 3, 4.
    sub = SubKomponenLke.objects.filter(komponen__template=t).order_by("pk").first()
    assert sub_ubah(sub=sub, nama="X", bobot="6", pengguna=admin_pemda).komponen.template.versi == 3
    tambah = kriteria_tambah(sub=sub, uraian="K", skala="yt", bobot="1", pengguna=admin_pemda)
    assert tambah.sub.komponen.template.versi == 4 and tambah.nomor == 8


def test_weights_that_no_longer_add_up_keep_a_version_from_use(demo, evaluator, admin_pemda):
    t = template_bawaan_muat(demo["a"].pemda)
    sub = SubKomponenLke.objects.filter(komponen__template=t, komponen__nomor=1, nomor=1).get()
    sub_ubah(sub=sub, nama=sub.nama, bobot="7", pengguna=admin_pemda)
    with pytest.raises(ValidationError, match="Jumlah bobot subkomponen 1 31, seharusnya 30"):
        evaluasi_buat(pd=demo["a"], tahun=2024, pengguna=evaluator)


def test_bad_edits_are_refused(demo, admin_pemda):
    t = template_bawaan_muat(demo["a"].pemda)
    k = KriteriaLke.objects.filter(sub__komponen__template=t).first()
    with pytest.raises(ValidationError) as e:
        kriteria_ubah(kriteria=k, uraian=" ", skala="xyz", bobot="0", pengguna=admin_pemda)
    assert set(e.value.message_dict) == {"uraian", "skala", "bobot"}


def test_a_copy_is_a_new_version(demo, admin_pemda):
    t = template_bawaan_muat(demo["a"].pemda)
    baru = template_salin(template=t, pengguna=admin_pemda)
    assert baru.versi == 2 and baru.dari_versi == 1 and periksa_lembar(lembar(baru)) == []


# ---------------------------------------------------------------- screens


URL = "/pemda/33.16/lke/"


def test_the_admin_pemda_loads_and_edits_on_screens(client, demo, admin_pemda, evaluator):
    client.force_login(admin_pemda)
    assert "belum memiliki template" in client.get(URL).content.decode()
    r = client.post(URL)
    assert r.status_code == 302 and r["Location"] == f"{URL}1/"
    html = client.get(f"{URL}1/").content.decode()
    assert "Perencanaan Kinerja" in html and "Buat versi baru" in html
    evaluasi_buat(pd=demo["a"], tahun=2024, pengguna=evaluator)
    k = KriteriaLke.objects.filter(sub__komponen__template__versi=1).order_by("pk").first()
    url = f"{URL}1/kriteria/{k.pk}/"
    assert "akan disimpan pada versi baru" in client.get(url).content.decode()
    r = client.post(url, {"uraian": "Uraian baru.", "skala": "yt", "bobot": "1,5"}, follow=True)
    assert r.redirect_chain[-1][0] == f"{URL}2/"
    assert "tidak diubah; perubahan kriteria disimpan pada versi baru 2" in r.content.decode()
    assert KriteriaLke.objects.get(
        sub__komponen__template__versi=2, uraian="Uraian baru."
    ).bobot == (Decimal("1.5"))
    r = client.post(url, {"uraian": "x", "skala": "yt", "bobot": "nol"})
    assert r.status_code == 400 and "Bobot harus berupa angka" in r.content.decode()


def test_the_inspektorat_reads_the_kecamatan_may_not(
    client, demo, evaluator, operator_a, evaluator_lain
):
    template_bawaan_muat(demo["a"].pemda)
    client.force_login(evaluator)
    assert client.get(f"{URL}1/").status_code == 200
    assert "Buat versi baru" not in client.get(f"{URL}1/").content.decode()
    assert client.post(f"{URL}1/salin/").status_code == 403
    client.force_login(operator_a)
    assert client.get(URL).status_code == 403
    client.force_login(evaluator_lain)
    assert client.get(URL).status_code == 404
