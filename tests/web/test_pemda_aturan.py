"""The pemda's rules (/pemda/<kode>/aturan/) and the live scale check (…/aturan/periksa/)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import BandPredikat, LogPerubahan, Pemda
from kinerja.services.pemda import pemda_aturan_ubah, versi_aturan

URL = "/pemda/33.16/aturan/"
URL_PERIKSA = "/pemda/33.16/aturan/periksa/"


def _blora():
    return Pemda.objects.get(kode="33.16")


def _data(client, **ubah):
    form = client.get(URL).context["form"]
    data = {n: ("" if form[n].value() is None else str(form[n].value())) for n in form.fields}
    data.update(ubah)
    return data


def _band(*rows):
    """Editor rows (label, bawah_op, bawah, atas_op, atas) as POST lists."""
    kolom = ("label", "bawah_op", "bawah", "atas_op", "atas")
    data = {f"band_{k}": [r[i] for r in rows] for i, k in enumerate(kolom)}
    data["band_warna"] = ["#1a9850"] * len(rows)
    data["band_keterangan"] = [""] * len(rows)
    return data


BAND_SAH = _band(
    ("Tinggi", "gt", "90", "le", ""),
    ("Sedang", "gt", "60,5", "le", "90"),
    ("Rendah", "gt", "", "le", "60,5"),
)


def test_anonymous_is_sent_to_login(client, demo):
    for r in (client.get(URL), client.post(URL_PERIKSA, {})):
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.parametrize("user", ["operator_a", "kepala_a", "evaluator"])
def test_other_users_of_the_pemda_get_403(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403
    assert client.post(URL_PERIKSA, {}).status_code == 403


def test_users_of_another_pemda_get_404(client, evaluator_lain, django_user_model, demo):
    from kinerja.models import Peran

    client.force_login(evaluator_lain)
    assert client.get(URL).status_code == 404
    admin_lain = django_user_model.objects.create_user("admin_jombang")
    Peran.objects.create(pengguna=admin_lain, jenis="admin_pemda", pemda=demo["lain"].pemda)
    client.force_login(admin_lain)
    assert client.get(URL).status_code == 404
    assert client.post(URL_PERIKSA, {}).status_code == 404
    assert client.get("/pemda/35.17/aturan/").status_code == 200


def test_it_rejects_get(client, admin_pemda):
    client.force_login(admin_pemda)
    assert client.get(URL_PERIKSA).status_code == 405


def test_page_shows_the_current_rules_and_presets(client, admin_pemda):
    client.force_login(admin_pemda)
    r = client.get(URL)
    assert r.status_code == 200
    assert r.context["form"]["skala_preset"].value() == "blora"
    html = r.content.decode()
    assert "85 ≤ x ≤ 100" in html and "x &gt; 100" in html  # the Blora bands
    assert "Skala sah" in html
    assert "js/skala.js" in html and 'data-periksa="/pemda/33.16/aturan/periksa/"' in html
    assert "DOMAIN" not in html


def test_it_saves_rules_with_audit(client, admin_pemda):
    client.force_login(admin_pemda)
    data = _data(
        client,
        skala_preset="permendagri-86-2017",
        rumus_negatif="t/r",
        batas_atas_capaian="120",
        batas_bawah_capaian="0",
        ambang_tercapai="85,5",
    )
    r = client.post(URL, data)
    assert r.status_code == 302 and r["Location"] == URL
    p = _blora()
    assert (p.skala_preset, p.rumus_negatif, p.batas_atas_capaian, p.batas_bawah_capaian) == (
        "permendagri-86-2017",
        "t/r",
        120,
        0,
    )
    assert p.ambang_tercapai == Decimal("85.5")
    log = LogPerubahan.objects.get(aksi="pemda.aturan_ubah")
    assert log.pengguna == admin_pemda and log.objek_id == p.pk
    assert log.data["lama"]["skala_preset"] == "blora"
    assert log.data["baru"]["skala_preset"] == "permendagri-86-2017"
    assert (
        log.data["lama"]["ambang_tercapai"] == "100"
        and log.data["baru"]["ambang_tercapai"] == "85,5"
    )
    assert "Aturan Kabupaten Blora disimpan" in client.get(URL).content.decode()


def test_it_saves_own_bands(client, admin_pemda):
    client.force_login(admin_pemda)
    r = client.post(URL, {**_data(client, skala_preset=""), **BAND_SAH})
    assert r.status_code == 302
    band = list(BandPredikat.objects.filter(pemda=_blora()).order_by("urutan"))
    assert [(b.label, b.bawah, b.bawah_inklusif, b.atas, b.atas_inklusif) for b in band] == [
        ("Tinggi", Decimal(90), False, None, True),
        ("Sedang", Decimal("60.5"), False, Decimal(90), True),
        ("Rendah", None, False, Decimal("60.5"), True),
    ]
    assert _blora().skala_preset == ""
    html = client.get(URL).content.decode()
    assert 'value="60,5"' in html
    # choosing a preset again drops the own bands
    client.post(URL, _data(client, skala_preset="blora"))
    assert not BandPredikat.objects.filter(pemda=_blora()).exists()


def test_scale_with_a_gap_is_refused(client, admin_pemda):
    client.force_login(admin_pemda)
    data = {
        **_data(client, skala_preset=""),
        **_band(("Tinggi", "gt", "90", "le", ""), ("Rendah", "gt", "", "le", "80")),
    }
    r = client.post(URL, data)
    assert r.status_code == 200
    form = r.context["form"]
    assert any(
        "di atas 80 sampai dengan 90 tidak masuk predikat mana pun (celah)" in e
        for e in form.galat_skala
    )
    html = r.content.decode()
    assert "Skala belum sah" in html and "Belum disimpan" in html
    assert 'value="Rendah"' in html  # the typed bands are kept
    assert _blora().skala_preset == "blora"
    assert not LogPerubahan.objects.filter(aksi="pemda.aturan_ubah").exists()


def test_scale_with_an_overlap_is_refused(client, admin_pemda):
    client.force_login(admin_pemda)
    data = {
        **_data(client, skala_preset=""),
        **_band(("Tinggi", "ge", "90", "le", ""), ("Rendah", "gt", "", "le", "90")),
    }
    r = client.post(URL, data)
    assert r.status_code == 200
    assert any("tumpang-tindih" in e for e in r.context["form"].galat_skala)
    assert not BandPredikat.objects.filter(pemda=_blora()).exists()


def test_preset_with_a_gap_is_refused_too(client, admin_pemda):
    client.force_login(admin_pemda)
    r = client.post(URL, _data(client, skala_preset="jombang", batas_bawah_capaian="0"))
    assert r.status_code == 200
    assert any("celah" in e for e in r.context["form"].galat_skala)
    assert _blora().skala_preset == "blora"


def test_bad_band_rows_are_marked(client, admin_pemda):
    client.force_login(admin_pemda)
    data = {
        **_data(client, skala_preset="", ambang_tercapai="seratus"),
        **_band(("", "gt", "90", "le", ""), ("Rendah", "gt", "", "le", "sembilan")),
    }
    r = client.post(URL, data)
    form = r.context["form"]
    assert form.baris_band[0]["galat"] == ["Nama predikat wajib diisi."]
    assert form.baris_band[1]["galat"] == ['Batas atas "sembilan" bukan angka yang sah.']
    assert form.errors["ambang_tercapai"] == ['"seratus" bukan angka yang sah.']
    assert "Nama predikat wajib diisi." in r.content.decode()


def test_live_check_answers_with_the_engine_messages(client, admin_pemda):
    client.force_login(admin_pemda)
    base = _data(client, skala_preset="")
    gap = {**base, **_band(("Tinggi", "gt", "90", "le", ""), ("Rendah", "gt", "", "le", "80"))}
    j = client.post(URL_PERIKSA, gap).json()
    assert j["sah"] is False
    assert j["galat"] == [
        'Skala "skala sendiri": nilai di atas 80 sampai dengan 90 tidak masuk predikat mana pun (celah).'
    ]
    j = client.post(URL_PERIKSA, {**base, **BAND_SAH, "batas_atas_capaian": "100"}).json()
    assert j == {
        "sah": True,
        "galat": [],
        "peringatan": [],
        "galat_band": [[], [], []],
        "galat_kolom": {},
    }
    j = client.post(URL_PERIKSA, {**base, **_band(("Tinggi", "gt", "abc", "le", ""))}).json()
    assert j["sah"] is False and j["galat_band"] == [['Batas bawah "abc" bukan angka yang sah.']]
    j = client.post(
        URL_PERIKSA, _data(client, skala_preset="blora", batas_atas_capaian="100")
    ).json()
    assert j["sah"] is True
    assert "tidak dapat dicapai karena nilai dibatasi maks. 100" in j["peringatan"][0]
    assert _blora().batas_atas_capaian is None  # checking saves nothing


def test_stale_rules_are_refused_naming_who_changed_them(client, admin_pemda, django_user_model):
    client.force_login(admin_pemda)
    data = _data(client, rumus_negatif="t/r")
    rekan = django_user_model.objects.create_user("rekan_admin", first_name="Rekan Admin")
    p = _blora()
    pemda_aturan_ubah(
        pemda=p,
        pengguna=rekan,
        skala_preset="blora",
        band=[],
        rumus_negatif=p.rumus_negatif,
        batas_atas_capaian=110,
        batas_bawah_capaian=None,
        metode_efisiensi=p.metode_efisiensi,
        ambang_tercapai=p.ambang_tercapai,
        versi_asal=versi_aturan(p),
    )
    r = client.post(URL, data)
    assert r.status_code == 200
    assert "telah diubah oleh Rekan Admin pada" in r.content.decode()
    p.refresh_from_db()
    assert (p.rumus_negatif, p.batas_atas_capaian) == ("2t-r", 110)
    # the form now carries the current version: saving again replaces knowingly
    r = client.post(URL, r.context["form"].data)
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.rumus_negatif == "t/r"


def test_page_queries_are_bounded(client, admin_pemda):
    client.force_login(admin_pemda)
    client.get(URL)
    with CaptureQueriesContext(connection) as q:
        client.get(URL)
    assert len(q) <= 8


def test_it_saves_the_bound_range_targets_count_by(client, admin_pemda):
    client.force_login(admin_pemda)
    assert "Target berupa rentang dihitung terhadap" in client.get(URL).content.decode()
    r = client.post(URL, _data(client, acuan_rentang="tengah"))
    assert r.status_code == 302
    assert _blora().acuan_rentang == "tengah"
    log = LogPerubahan.objects.get(aksi="pemda.aturan_ubah")
    assert (log.data["lama"]["acuan_rentang"], log.data["baru"]["acuan_rentang"]) == (
        "bawah",
        "tengah",
    )
