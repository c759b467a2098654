"""Cascaded PKs (sekretaris, kasubag, kasi) created and edited in the browser: signer from
the officials of the year, sasaran typed or taken from the perangkat daerah's indicators,
budget rows of the Renstra, audit, year lock."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.models import Indikator, LogPerubahan, Pejabat, PKBerjenjang
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP

URL_DAFTAR = "/pd/33.16.05/2024/pk-berjenjang/"
URL_BARU = "/pd/33.16.05/2024/pk-berjenjang/baru/"


@pytest.fixture
def sekcam(demo):
    pd = demo["a"]
    return Pejabat.objects.create(
        pemda=pd.pemda,
        perangkat_daerah=pd,
        tahun=2024,
        urutan=1,
        jabatan="Sekretaris Kecamatan Randublatung",
        status="plt",
        nama="Dwi Astuti",
        gelar_belakang="S.Sos.",
        pangkat="Penata Tingkat I",
        golongan="III/d",
        nip="197905222005012004",
    )


def _kosong(prefix: str, n: int = 3) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(n),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _ubah(client, pkb, **isi):
    url = f"{URL_DAFTAR}{pkb.pk}/ubah/"
    form = client.get(url).context["form"]
    data = {
        "pejabat": form["pejabat"].value() or "",
        "jabatan": form["jabatan"].value() or "",
        "versi": form["versi"].value(),
        **_kosong("sasaran"),
        **_kosong("anggaran"),
    }
    data.update(isi)
    return client.post(url, data)


def _buat(client, sekcam):
    r = client.post(URL_BARU, {"pejabat": str(sekcam.pk), "jabatan": ""})
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    return PKBerjenjang.objects.get(perangkat_daerah=sekcam.perangkat_daerah, tahun=2024)


def test_empty_year_offers_the_button_to_the_operator_only(client, demo, operator_a, kepala_a):
    client.force_login(kepala_a)
    r = client.get(URL_DAFTAR)
    assert "Belum ada Perjanjian Kinerja berjenjang" in r.text
    assert URL_BARU not in r.text
    client.force_login(operator_a)
    assert URL_BARU in client.get(URL_DAFTAR).text


def test_create_with_an_official_of_the_year(client, demo, operator_a, sekcam):
    client.force_login(operator_a)
    pkb = _buat(client, sekcam)
    assert pkb.jabatan == "Sekretaris Kecamatan Randublatung"
    assert pkb.pejabat == sekcam
    assert LogPerubahan.objects.filter(aksi="pk_berjenjang.buat", objek_id=pkb.pk).exists()
    teks = client.get(URL_DAFTAR).text
    assert "Plt. SEKRETARIS KECAMATAN RANDUBLATUNG" in teks
    assert "Dwi Astuti, S.Sos." in teks
    assert "NIP. 19790522 200501 2 004" in teks
    # The camat signs as pihak kedua.
    assert "CAMAT RANDUBLATUNG" in teks


def test_the_same_jabatan_twice_is_refused(client, demo, operator_a, sekcam):
    client.force_login(operator_a)
    _buat(client, sekcam)
    r = client.post(URL_BARU, {"pejabat": str(sekcam.pk), "jabatan": ""})
    assert r.status_code == 200
    assert "sudah memiliki PK berjenjang" in r.text


def test_official_of_another_pd_cannot_sign(client, demo, operator_a):
    lain = Pejabat.objects.filter(perangkat_daerah=demo["b"], tahun=2024, kepala=False).first()
    client.force_login(operator_a)
    r = client.post(URL_BARU, {"pejabat": str(lain.pk), "jabatan": ""})
    assert r.status_code == 200
    assert not PKBerjenjang.objects.filter(perangkat_daerah=demo["a"]).exists()


def test_sasaran_from_an_indicator_and_typed_with_budget(client, demo, operator_a, sekcam):
    client.force_login(operator_a)
    pkb = _buat(client, sekcam)
    r = _ubah(
        client,
        pkb,
        **{
            "sasaran-0-uraian": "Meningkatnya kepuasan masyarakat",
            "sasaran-0-indikator_pd": "IKT-1",
            "sasaran-1-uraian": "Tersusunnya dokumen perencanaan",
            "sasaran-1-indikator": "Jumlah dokumen perencanaan",
            "sasaran-1-target": "3 dokumen",
            "anggaran-0-kode": "7.01.01",
            "anggaran-0-jumlah": "1.250.000,50",
        },
    )
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    pkb.refresh_from_db()
    s0, s1 = pkb.sasaran.order_by("urutan")
    ikt1 = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKT-1")
    assert s0.indikator == ikt1.nama
    assert s0.target == ikt1.target_tahunan.get(tahun=2024).nilai
    assert (s1.target, s1.target_label) == (Decimal(3), "3 dokumen")
    assert pkb.anggaran == {"7.01.01": "1250000.5"}
    log = LogPerubahan.objects.get(aksi="pk_berjenjang.ubah", objek_id=pkb.pk)
    assert log.pengguna == operator_a
    assert set(log.data["baru"]) == {"sasaran", "anggaran"}
    teks = client.get(URL_DAFTAR).text
    assert "Jumlah dokumen perencanaan" in teks
    assert "1.250.000,50" in teks


def test_half_filled_row_is_an_error(client, demo, operator_a, sekcam):
    client.force_login(operator_a)
    pkb = _buat(client, sekcam)
    r = _ubah(client, pkb, **{"sasaran-0-uraian": "Sasaran tanpa indikator"})
    assert r.status_code == 200
    assert "Tulis indikatornya" in r.text
    assert not pkb.sasaran.exists()


def test_unknown_budget_code_is_refused(client, demo, operator_a, sekcam):
    client.force_login(operator_a)
    pkb = _buat(client, sekcam)
    r = _ubah(client, pkb, **{"anggaran-0-kode": "9.99.99", "anggaran-0-jumlah": "5"})
    assert r.status_code == 200
    pkb.refresh_from_db()
    assert pkb.anggaran == {}


def test_unchanged_save_records_nothing(client, demo, operator_a, sekcam):
    client.force_login(operator_a)
    pkb = _buat(client, sekcam)
    r = _ubah(client, pkb)
    assert r.status_code == 302
    assert not LogPerubahan.objects.filter(aksi="pk_berjenjang.ubah").exists()


def test_locked_year_refuses_and_hides_the_buttons(client, demo, operator_a, sekcam):
    client.force_login(operator_a)
    pkb = _buat(client, sekcam)
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="ditetapkan")
    tahun_kunci(demo["a"], 2024)
    teks = client.get(URL_DAFTAR).text
    assert URL_BARU not in teks
    assert f"{pkb.pk}/ubah/" not in teks
    r = _ubah(client, pkb, **{"sasaran-0-uraian": "X", "sasaran-0-indikator": "Y"})
    assert r.status_code == 200
    assert "sudah terkunci" in r.text
    assert not pkb.sasaran.exists()
    client.post(f"{URL_DAFTAR}{pkb.pk}/hapus/")
    assert PKBerjenjang.objects.filter(pk=pkb.pk).exists()


def test_delete_is_audited(client, demo, operator_a, sekcam):
    client.force_login(operator_a)
    pkb = _buat(client, sekcam)
    r = client.post(f"{URL_DAFTAR}{pkb.pk}/hapus/")
    assert r.status_code == 302
    assert not PKBerjenjang.objects.filter(pk=pkb.pk).exists()
    assert LogPerubahan.objects.filter(aksi="pk_berjenjang.hapus").exists()


def test_kepala_reads_but_may_not_edit(client, demo, kepala_a, operator_a, sekcam):
    client.force_login(operator_a)
    pkb = _buat(client, sekcam)
    client.force_login(kepala_a)
    assert client.get(f"{URL_DAFTAR}{pkb.pk}/ubah/").status_code == 403
    assert client.get(URL_DAFTAR).status_code == 200
