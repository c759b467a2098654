"""The Renstra over the years: a new period, revisions, earlier versions, the version of a PK."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from kinerja.models import (
    Indikator,
    LogPerubahan,
    PerjanjianKinerja,
    Program,
    Renstra,
    RevisiRenstra,
    Sasaran,
    TargetTahunan,
    Tujuan,
)
from kinerja.services.perencanaan.pk import perjanjian_kinerja_buat_perubahan
from kinerja.services.renstra import kalimat_versi_renstra, revisi_buka
from kinerja.services.tahun import tahun_daftarkan
from laporan.dokumen import susun_dokumen
from laporan.selectors_paket import paket_muat

RENSTRA = "/pd/33.16.05/renstra/"
BARU = "/pd/33.16.05/renstra/baru/"
REVISI = "/pd/33.16.05/renstra/2021/revisi/baru/"


def _versi(nomor: int) -> str:
    return f"/pd/33.16.05/renstra/2021/versi/{nomor}/"


@pytest.fixture
def iks1(demo):
    return Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKS-1")


def _ubah_url(ind) -> str:
    return f"/pd/33.16.05/indikator/{ind.pk}/ubah/"


def _form_data(client, ind, **ubah) -> dict:
    """The indicator edit form as loaded, with some fields changed."""
    form = client.get(_ubah_url(ind)).context["form"]
    data = {}
    for nama in form.fields:
        nilai = form[nama].value()
        if nama == "iku":
            if nilai:
                data[nama] = "on"
            continue
        data[nama] = "" if nilai is None else str(nilai)
    data.update(ubah)
    return data


# --------------------------------------------------------------------------- a new period


def test_new_period_copies_the_structure_without_targets(client, demo, operator_a):
    lama = Renstra.objects.get(perangkat_daerah=demo["a"])
    client.force_login(operator_a)
    form = client.get(BARU).context["form"]
    assert form.initial["mulai"] == 2027 and form.initial["selesai"] == 2031
    r = client.post(
        BARU,
        {
            "mulai": "2027",
            "selesai": "2031",
            "visi": "Kecamatan yang melayani",
            "misi": "Misi satu\r\n\r\nMisi dua",
            "salin": "on",
        },
    )
    assert r.status_code == 302 and r["Location"] == RENSTRA + "?tahun=2027"
    baru = Renstra.objects.get(perangkat_daerah=demo["a"], mulai=2027)
    assert (baru.selesai, baru.misi) == (2031, ["Misi satu", "Misi dua"])
    assert Indikator.objects.filter(renstra=baru).count() == lama.indikator.count()
    assert Program.objects.filter(renstra=baru).count() == lama.program.count()
    assert (
        Sasaran.objects.filter(tujuan__renstra=baru).count()
        == Sasaran.objects.filter(tujuan__renstra=lama).count()
    )
    assert not TargetTahunan.objects.filter(indikator__renstra=baru).exists()
    assert not Indikator.objects.filter(renstra=baru, target_akhir__isnull=False).exists()
    # The RPJMD sasaran each tujuan supports (top of the pohon kinerja) comes along.
    rpjmd = sorted(Tujuan.objects.filter(renstra=lama).values_list("kode", "sasaran_rpjmd"))
    assert any(s for _k, s in rpjmd)
    assert sorted(Tujuan.objects.filter(renstra=baru).values_list("kode", "sasaran_rpjmd")) == rpjmd
    # Programs keep their links to the copied sasaran, not the old ones.
    assert not Program.objects.filter(renstra=baru, sasaran__tujuan__renstra=lama).exists()
    assert LogPerubahan.objects.filter(aksi="renstra.buat", pengguna=operator_a).exists()

    # Every page picks the Renstra whose period contains the year.
    html = client.get(RENSTRA + "?tahun=2028").content.decode()
    assert "Renstra Kecamatan Randublatung 2027–2031" in html
    assert "Kecamatan yang melayani" in html
    html = client.get(RENSTRA + "?tahun=2024").content.decode()
    assert "Renstra Kecamatan Randublatung 2021–2026" in html
    # The figures of 2024 are still those of the 2021–2026 Renstra.
    assert paket_muat(demo["a"], 2024).renstra.mulai == 2021
    assert paket_muat(demo["a"], 2028).renstra.mulai == 2027
    assert client.get("/pd/33.16.05/2024/").status_code == 200
    assert client.get("/pd/33.16.05/2024/lkjip/").status_code in (200, 302)


def test_admin_pemda_may_create_a_period(client, demo, admin_pemda):
    client.force_login(admin_pemda)
    r = client.post(BARU, {"mulai": "2027", "selesai": "2031", "visi": "", "misi": ""})
    assert r.status_code == 302
    assert Renstra.objects.filter(perangkat_daerah=demo["a"], mulai=2027).exists()
    assert not Indikator.objects.filter(renstra__mulai=2027).exists()  # not copied


@pytest.mark.parametrize(
    ("mulai", "selesai"), [("2026", "2030"), ("2019", "2021"), ("2022", "2023")]
)
def test_overlapping_period_is_refused(client, demo, operator_a, mulai, selesai):
    client.force_login(operator_a)
    r = client.post(BARU, {"mulai": mulai, "selesai": selesai, "salin": "on"})
    assert r.status_code == 200
    html = r.content.decode()
    assert f"Periode {mulai}–{selesai} tumpang tindih dengan Renstra 2021–2026" in html
    assert Renstra.objects.filter(perangkat_daerah=demo["a"]).count() == 1


def test_reversed_period_is_refused(client, demo, operator_a):
    client.force_login(operator_a)
    r = client.post(BARU, {"mulai": "2031", "selesai": "2027"})
    assert "Tahun selesai harus sesudah tahun mulai." in r.content.decode()
    assert Renstra.objects.filter(perangkat_daerah=demo["a"]).count() == 1


# --------------------------------------------------------------------------- revisions


def test_changing_a_target_of_a_renstra_in_use_asks_for_a_revision(client, operator_a, iks1):
    client.force_login(operator_a)
    html = client.get(_ubah_url(iks1)).content.decode()
    assert "perubahan target memerlukan revisi Renstra" in html
    r = client.post(_ubah_url(iks1), _form_data(client, iks1, **{"target-2025": "97"}))
    assert r.status_code == 200
    assert "harus dicatat dalam revisi Renstra" in r.content.decode()
    assert TargetTahunan.objects.get(indikator=iks1, tahun=2025).nilai == Decimal(98)
    # The end target too.
    r = client.post(_ubah_url(iks1), _form_data(client, iks1, target_akhir="99"))
    assert "harus dicatat dalam revisi Renstra" in r.content.decode()
    iks1.refresh_from_db()
    assert iks1.target_akhir == Decimal(98)
    # A change that is not a target needs no revision.
    r = client.post(_ubah_url(iks1), _form_data(client, iks1, penanggung_jawab="Sekcam"))
    assert r.status_code == 302


def test_revision_then_change_is_audited_and_the_old_version_stays_readable(
    client, operator_a, iks1
):
    client.force_login(operator_a)
    # A revision needs a reason.
    r = client.post(REVISI, {"tanggal": "12-03-2025", "alasan": " "})
    assert r.status_code == 200 and "Tuliskan alasan revisi." in r.content.decode()
    assert not RevisiRenstra.objects.exists()
    lanjut = _ubah_url(iks1)
    r = client.post(
        REVISI,
        {"tanggal": "12 Maret 2025", "alasan": "Penyesuaian RPJMD perubahan", "lanjut": lanjut},
    )
    assert r.status_code == 302 and r["Location"] == lanjut
    html = client.get(_ubah_url(iks1)).content.decode()
    assert "bagian revisi ke-1 Renstra 2021–2026" in html
    r = client.post(_ubah_url(iks1), _form_data(client, iks1, **{"target-2025": "97"}))
    assert r.status_code == 302
    assert TargetTahunan.objects.get(indikator=iks1, tahun=2025).nilai == Decimal(97)
    log = LogPerubahan.objects.get(aksi="target_tahunan.ubah", tahun=2025)
    assert log.data["revisi_renstra"] == 1 and log.pengguna == operator_a
    assert LogPerubahan.objects.filter(aksi="renstra.revisi_buka").count() == 1

    # The Renstra page lists the versions; each is readable.
    html = client.get(RENSTRA + "?tahun=2024").content.decode()
    assert "Renstra 2021–2026, versi awal" in html
    assert "Renstra 2021–2026, revisi ke-1 (12 Maret 2025)" in html
    assert "Penyesuaian RPJMD perubahan" in html

    awal = client.get(_versi(0))
    assert awal.status_code == 200
    baris = next(b for b in awal.context["baris"] if b["ind"]["kode"] == "IKS-1")
    tahun_list = awal.context["tahun_list"]
    assert baris["target"][tahun_list.index(2025)] == "98"  # before the revision
    assert "Versi lama, hanya untuk dibaca" in awal.content.decode()
    kini = client.get(_versi(1))
    baris = next(b for b in kini.context["baris"] if b["ind"]["kode"] == "IKS-1")
    assert baris["target"][tahun_list.index(2025)] == "97"
    assert "12 Maret 2025" in kini.content.decode()
    assert client.get(_versi(2)).status_code == 404

    # A second revision cannot be opened while the first is open.
    r = client.post(REVISI, {"tanggal": "01-04-2025", "alasan": "Lagi"})
    assert "Revisi ke-1 masih terbuka" in r.content.decode()
    assert RevisiRenstra.objects.filter(nomor=2).count() == 0

    # Once finished, a change needs a new revision again; version 1 keeps its target.
    r = client.post("/pd/33.16.05/renstra/2021/revisi/1/selesai/")
    assert r.status_code == 302
    r = client.post(_ubah_url(iks1), _form_data(client, iks1, **{"target-2025": "90"}))
    assert "harus dicatat dalam revisi Renstra" in r.content.decode()
    client.post(REVISI, {"tanggal": "02-06-2025", "alasan": "Revisi kedua"})
    client.post(_ubah_url(iks1), _form_data(client, iks1, **{"target-2025": "90"}))
    satu = client.get(_versi(1))
    baris = next(b for b in satu.context["baris"] if b["ind"]["kode"] == "IKS-1")
    assert baris["target"][tahun_list.index(2025)] == "97"


def test_renstra_not_in_use_changes_without_revision(client, demo, operator_a):
    client.force_login(operator_a)
    client.post(BARU, {"mulai": "2027", "selesai": "2031", "salin": "on"})
    ind = Indikator.objects.get(
        renstra__mulai=2027, renstra__perangkat_daerah=demo["a"], kode="IKS-1"
    )
    r = client.post(_ubah_url(ind), _form_data(client, ind, **{"target-2027": "99"}))
    assert r.status_code == 302
    assert TargetTahunan.objects.get(indikator=ind, tahun=2027).nilai == Decimal(99)
    assert not RevisiRenstra.objects.exists()


@pytest.mark.parametrize("user", ["kepala_a", "evaluator"])
def test_read_only_roles_see_versions_without_buttons(client, request, demo, user):
    client.force_login(request.getfixturevalue(user))
    html = client.get(RENSTRA).content.decode()
    assert "Versi Renstra" in html and "Renstra 2021–2026, versi awal" in html
    assert "Renstra periode baru" not in html and "Buka revisi" not in html
    assert client.get(_versi(0)).status_code == 200


# --------------------------------------------------------------------------- PK and LKjIP


def test_pk_and_lkjip_name_the_renstra_version(client, demo, operator_a):
    pd = demo["a"]
    client.force_login(operator_a)
    assert set(
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd).values_list(
            "revisi_renstra", flat=True
        )
    ) == {0}
    html = client.get("/pd/33.16.05/2024/pk/").content.decode()
    assert "Disusun dari Renstra 2021–2026, versi awal." in html
    paket = paket_muat(pd, 2024)
    assert kalimat_versi_renstra(paket.renstra, paket.cari_tahun(2024)) == (
        "Laporan ini menggunakan Renstra 2021–2026, versi awal, yang menjadi dasar Perjanjian "
        "Kinerja tahun 2024."
    )

    renstra = Renstra.objects.get(perangkat_daerah=pd)
    revisi_buka(
        renstra=renstra,
        pengguna=operator_a,
        tanggal=datetime.date(2025, 3, 12),
        alasan="Penyesuaian",
    )
    baru = perjanjian_kinerja_buat_perubahan(
        perangkat_daerah=pd, tahun=2024, pengguna=operator_a, dari_versi="perubahan"
    )
    assert baru.revisi_renstra == 1
    html = client.get(f"/pd/33.16.05/2024/pk/?versi={baru.versi}").content.decode()
    assert "Disusun dari Renstra 2021–2026, revisi ke-1 (12 Maret 2025)." in html
    html = client.get("/pd/33.16.05/2024/pk/?versi=murni").content.decode()
    assert "Disusun dari Renstra 2021–2026, versi awal." in html

    kalimat = (
        "Laporan ini menggunakan Renstra 2021–2026, revisi ke-1 (12 Maret 2025), yang menjadi "
        "dasar Perjanjian Kinerja tahun 2024."
    )
    dokumen = susun_dokumen(pd, 2024)
    bab2 = next(b for b in dokumen.bab if b.nomor == "II")
    assert any(kalimat in str(getattr(x, "isi", "")) for x in bab2.blok)


# --------------------------------------------------------------------------- adding, removing


def _baru_data(renstra, **ubah) -> dict:
    sasaran = Sasaran.objects.filter(tujuan__renstra=renstra).order_by("pk").first()
    data = {
        "induk": f"sasaran-{sasaran.pk}",
        "kode": "IKS-9",
        "nama": "Persentase desa dengan data kependudukan mutakhir",
        "satuan": "%",
        "polaritas": "positif",
        "tipe_penghitungan": "nilai-akhir",
    }
    data.update(ubah)
    return data


def test_adding_and_removing_an_indicator_mid_period_needs_a_revision(client, demo, operator_a):
    renstra = Renstra.objects.get(perangkat_daerah=demo["a"])
    url = "/pd/33.16.05/renstra/2021/indikator/baru/"
    client.force_login(operator_a)
    assert "indikator baru memerlukan revisi Renstra" in client.get(url).content.decode()
    r = client.post(url, _baru_data(renstra))
    assert r.status_code == 200 and "harus dicatat dalam revisi Renstra" in r.content.decode()
    assert not Indikator.objects.filter(kode="IKS-9").exists()
    # A code already used is refused next to the field.
    revisi_buka(
        renstra=renstra, pengguna=operator_a, tanggal=datetime.date(2025, 7, 1), alasan="IKS baru"
    )
    r = client.post(url, _baru_data(renstra, kode="IKS-1"))
    assert r.context["form"].errors["kode"] == [
        "Kode IKS-1 sudah dipakai indikator lain dalam Renstra ini."
    ]
    r = client.post(url, _baru_data(renstra))
    ind = Indikator.objects.get(renstra=renstra, kode="IKS-9")
    assert r.status_code == 302 and r["Location"] == _ubah_url(ind)
    assert ind.sasaran is not None and ind.tipe_penghitungan == "nilai-akhir"
    log = LogPerubahan.objects.get(aksi="indikator.buat")
    assert log.data["revisi_renstra"] == 1 and log.pengguna == operator_a
    # The new indicator is in the current version, not in the version before the revision.
    kode_awal = {b["ind"]["kode"] for b in client.get(_versi(0)).context["baris"]}
    kode_kini = {b["ind"]["kode"] for b in client.get(_versi(1)).context["baris"]}
    assert kode_kini - kode_awal == {"IKS-9"}

    # An indicator holding data of a year cannot be removed; one without can, within the revision.
    iks1 = Indikator.objects.get(renstra=renstra, kode="IKS-1")
    r = client.post(f"/pd/33.16.05/indikator/{iks1.pk}/hapus/", follow=True)
    assert (
        "Indikator IKS-1 tidak dapat dihapus karena sudah memiliki rencana aksi, realisasi dan "
        "riwayat capaian." in r.content.decode()
    )
    assert Indikator.objects.filter(pk=iks1.pk).exists()
    r = client.post(f"/pd/33.16.05/indikator/{ind.pk}/hapus/")
    assert r.status_code == 302 and r["Location"] == RENSTRA + "?tahun=2021"
    assert not Indikator.objects.filter(pk=ind.pk).exists()
    log = LogPerubahan.objects.get(aksi="indikator.hapus")
    assert log.data["revisi_renstra"] == 1 and log.data["lama"]["kode"] == "IKS-9"


def test_removing_an_indicator_of_a_renstra_in_use_without_revision_is_refused(
    client, demo, operator_a
):
    renstra = Renstra.objects.get(perangkat_daerah=demo["a"])
    kosong = Indikator.objects.filter(
        renstra=renstra, target_pk=None, realisasi=None, rencana_aksi=None, riwayat=None
    ).first()
    if kosong is None:  # the demo holds data for every indicator: make one without
        kosong = Indikator.objects.create(
            renstra=renstra,
            sasaran=Sasaran.objects.filter(tujuan__renstra=renstra).first(),
            kode="IKS-X",
            nama="Uji",
            satuan="%",
            polaritas="positif",
            tipe_penghitungan="nilai-akhir",
        )
    client.force_login(operator_a)
    r = client.post(f"/pd/33.16.05/indikator/{kosong.pk}/hapus/", follow=True)
    assert "harus dicatat dalam revisi Renstra" in r.content.decode()
    assert Indikator.objects.filter(pk=kosong.pk).exists()


# --------------------------------------------------------------------------- the data package


def test_versions_travel_in_the_data_package(client, demo, operator_a, tmp_path):
    import json
    from io import StringIO
    from pathlib import Path

    import jsonschema
    from django.core.management import call_command

    from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json

    pd = demo["a"]
    renstra = Renstra.objects.get(perangkat_daerah=pd)
    revisi_buka(
        renstra=renstra,
        pengguna=operator_a,
        tanggal=datetime.date(2025, 3, 12),
        alasan="Penyesuaian",
    )
    iks1 = Indikator.objects.get(renstra=renstra, kode="IKS-1")
    client.force_login(operator_a)
    client.post(_ubah_url(iks1), _form_data(client, iks1, **{"target-2025": "97"}))
    perjanjian_kinerja_buat_perubahan(
        perangkat_daerah=pd, tahun=2024, pengguna=operator_a, dari_versi="perubahan"
    )
    keluar = tmp_path / "paket.json"
    call_command("ekspor_paket", pd=pd.kode, keluar=str(keluar), stdout=StringIO())
    data = json.loads(keluar.read_text())
    schema = json.loads((Path(__file__).parents[2] / "docs" / "paket.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [v["nomor"] for v in data["renstra"]["revisi"]] == [0, 1]
    assert [pk["revisi_renstra"] for pk in data["tahun"][0]["perjanjian_kinerja"]] == [0, 0, 1]

    # Import replaces everything: the versions, the old target and the PK's version come back.
    call_command("impor_paket", str(keluar), stdout=StringIO())
    renstra = Renstra.objects.get(perangkat_daerah=pd)
    assert list(RevisiRenstra.objects.filter(renstra=renstra).values_list("nomor", flat=True)) == [
        0,
        1,
    ]
    assert revisi_terbuka_nomor(renstra) == 1
    awal = client.get(_versi(0))
    baris = next(b for b in awal.context["baris"] if b["ind"]["kode"] == "IKS-1")
    assert baris["target"][awal.context["tahun_list"].index(2025)] == "98"
    html = client.get("/pd/33.16.05/2024/pk/?versi=perubahan-2").content.decode()
    assert "Disusun dari Renstra 2021–2026, revisi ke-1 (12 Maret 2025)." in html

    # A PK naming a version the paket does not hold is refused with its path.
    data["tahun"][0]["perjanjian_kinerja"][0]["revisi_renstra"] = 5
    with pytest.raises(InvalidPaket) as e:
        baca_paket(muat_json(json.dumps(data).encode()))
    assert "$.tahun[0].perjanjian_kinerja[0].revisi_renstra" in str(e.value.errors)


def revisi_terbuka_nomor(renstra) -> int | None:
    from kinerja.services.renstra import revisi_terbuka

    revisi = revisi_terbuka(renstra)
    return revisi.nomor if revisi else None


HALAMAN_2024 = [
    "/pd/33.16.05/2024/",
    "/pd/33.16.05/2024/hitung/",
    "/pd/33.16.05/2024/anggaran/",
    "/pd/33.16.05/2024/anggaran/dpa/murni/",
    "/pd/33.16.05/2024/pk/",
    "/pd/33.16.05/2024/rencana-aksi/",
    "/pd/33.16.05/2024/realisasi/1/",
]


def _tanpa_token(html: str) -> str:
    """The page without its CSRF token and the menu's year selector (which lists the
    years of every period, so it rightly shows 2027 once that year exists)."""
    import re

    html = re.sub(r'<span class="pilih-tahun".*?</span>', "", html, flags=re.S)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_a_new_period_leaves_the_pages_of_earlier_years_unchanged(client, demo, operator_a):
    from laporan.models import LKjIP

    client.force_login(operator_a)
    sebelum = {}
    for url in HALAMAN_2024:
        r = client.get(url)
        assert r.status_code == 200, url
        sebelum[url] = _tanpa_token(r.content.decode())
    client.post(BARU, {"mulai": "2027", "selesai": "2031", "salin": "on"}, follow=True)
    LKjIP.objects.create(perangkat_daerah=demo["a"], tahun=2027)
    tahun_daftarkan(demo["a"], 2027)
    for url in HALAMAN_2024:
        html = client.get(url).content.decode()
        assert _tanpa_token(html) == sebelum[url], url
    assert ">2027</a>" in html  # the year selector offers the new period's year
    # Each year is read with its own Renstra, and only with the years that Renstra covers.
    assert [th.tahun for th in paket_muat(demo["a"], 2024).tahun] == [2024]
    paket = paket_muat(demo["a"], 2027)
    assert paket.renstra.mulai == 2027 and [th.tahun for th in paket.tahun] == [2027]


def test_the_riwayat_names_renstra_actions_in_words(client, demo, operator_a):
    client.force_login(operator_a)
    client.post(BARU, {"mulai": "2027", "selesai": "2031", "salin": "on"}, follow=True)
    client.post(
        "/pd/33.16.05/renstra/2027/revisi/baru/",
        {"tanggal": "12-03-2028", "alasan": "Perubahan SOTK"},
        follow=True,
    )
    html = client.get("/pd/33.16.05/riwayat/").content.decode()
    assert "Renstra periode baru dibuat" in html and "2027–2031" in html
    assert "Revisi Renstra dibuka" in html and "12 Maret 2028" in html
