"""The officials of a year (perangkat daerah and pemda), their screens, and who signs
which document (kinerja.penandatangan)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.models import LogPerubahan, Pejabat, PerjanjianKinerja
from kinerja.penandatangan import jabatan_cetak, jabatan_kepala_daerah, penandatanganan
from kinerja.services.pejabat import pejabat_salin_tahun, pejabat_simpan
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP

URL = "/pd/33.16.05/2024/pejabat/"
URL_PEMDA = "/pemda/33.16/pejabat/"

NIP_SAH = "197507172006041011"


def _isian(**ubah):
    data = {
        "jabatan": "Camat Randublatung",
        "status": "plt",
        "kepala": "",
        "gelar_depan": "",
        "nama": "Bambang Riyadi",
        "gelar_belakang": "S.Sos.",
        "pangkat": "Penata Tingkat I",
        "golongan": "III/d",
        "nip": "19750717 200604 1 011",
        "urutan": "0",
        "versi": "",
    }
    data.update(ubah)
    return data


def _kepala_2024(pd):
    return Pejabat.objects.get(perangkat_daerah=pd, tahun=2024, kepala=True)


# ------------------------------------------------------------------ the package files officials per year


def test_imported_officials_belong_to_the_years_of_the_package(demo):
    kepala = _kepala_2024(demo["a"])
    assert kepala.nama == "Sutrisno Wibowo"
    assert kepala.status == "definitif"
    assert demo["a"].kepala_id == kepala.pk
    bogorejo = Pejabat.objects.filter(perangkat_daerah=demo["b"], tahun=2024)
    assert bogorejo.count() == 8  # the camat and seven staff
    blora = Pejabat.objects.get(
        pemda=demo["a"].pemda, perangkat_daerah=None, tahun=2024, kepala=True
    )
    assert blora.jabatan == "Bupati Blora"
    assert demo["a"].pemda.jenis == "kabupaten"


# ------------------------------------------------------------------ screens


def test_everyone_of_the_pd_reads_the_list(client, demo, kepala_a, evaluator):
    for user in (kepala_a, evaluator):
        client.force_login(user)
        r = client.get(URL)
        assert r.status_code == 200
        assert "Camat Randublatung" in r.text
        assert "Sutrisno Wibowo" in r.text
        assert "Tambah pejabat" not in r.text


def test_operator_adds_an_acting_official_audited(client, demo, operator_a):
    client.force_login(operator_a)
    r = client.post(URL, _isian())
    assert r.status_code == 302
    p = Pejabat.objects.get(perangkat_daerah=demo["a"], tahun=2024, nama="Bambang Riyadi")
    assert p.status == "plt"
    assert p.nip == NIP_SAH
    assert p.jabatan_lengkap == "Plt. Camat Randublatung"
    log = LogPerubahan.objects.get(aksi="pejabat.tambah", objek_id=p.pk)
    assert log.pengguna == operator_a
    assert log.tahun == 2024
    assert log.data["baru"]["status"] == "Plt."
    assert log.data["baru"]["nip"] == "19750717 200604 1 011"
    assert "Plt. Camat Randublatung" in client.get(URL).text


def test_invalid_nip_is_refused_and_nothing_saved(client, demo, operator_a):
    client.force_login(operator_a)
    r = client.post(URL, _isian(nip="12345"))
    assert r.status_code == 200
    assert r.context["form"].errors["nip"]
    assert not Pejabat.objects.filter(nama="Bambang Riyadi").exists()


def test_a_year_has_one_kepala(client, demo, operator_a):
    client.force_login(operator_a)
    r = client.post(URL, _isian(kepala="on"))
    assert r.status_code == 200
    assert "Hanya satu kepala per tahun" in r.text
    assert not Pejabat.objects.filter(nama="Bambang Riyadi").exists()


def test_admin_pemda_edits_and_kepala_may_not(client, demo, admin_pemda, kepala_a):
    kepala = _kepala_2024(demo["a"])
    url = f"{URL}{kepala.pk}/ubah/"
    client.force_login(kepala_a)
    assert client.get(url).status_code == 403
    assert client.post(URL, _isian()).status_code == 403
    client.force_login(admin_pemda)
    form = client.get(url).context["form"]
    data = {n: ("" if form[n].value() is None else str(form[n].value())) for n in form.fields}
    data.update(status="plt", kepala="on")
    r = client.post(url, data)
    assert r.status_code == 302
    kepala.refresh_from_db()
    assert kepala.status == "plt"
    log = LogPerubahan.objects.get(aksi="pejabat.ubah", objek_id=kepala.pk)
    assert log.data == {"lama": {"status": "Definitif"}, "baru": {"status": "Plt."}}
    # The audit trail of the perangkat daerah names it in words.
    teks = client.get("/pd/33.16.05/riwayat/").text
    assert "Pejabat diubah" in teks
    assert "Definitif" in teks


def test_a_stale_form_is_refused(client, demo, operator_a):
    kepala = _kepala_2024(demo["a"])
    url = f"{URL}{kepala.pk}/ubah/"
    client.force_login(operator_a)
    form = client.get(url).context["form"]
    data = {n: ("" if form[n].value() is None else str(form[n].value())) for n in form.fields}
    Pejabat.objects.filter(pk=kepala.pk).update(pangkat="Pembina Utama Muda")
    data["golongan"] = "IV/c"
    r = client.post(url, data)
    assert r.status_code == 200
    assert "setelah halaman ini Anda buka" in r.text
    kepala.refresh_from_db()
    assert kepala.golongan == "IV/b"


def test_signed_year_is_locked(client, demo, operator_a):
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="ditetapkan")
    tahun_kunci(demo["a"], 2024)
    client.force_login(operator_a)
    r = client.post(URL, _isian())
    assert r.status_code == 200
    assert "sudah terkunci" in r.text
    assert not Pejabat.objects.filter(nama="Bambang Riyadi").exists()
    kepala = _kepala_2024(demo["a"])
    r = client.post(f"{URL}{kepala.pk}/hapus/")
    assert Pejabat.objects.filter(pk=kepala.pk).exists()


def test_delete_is_audited(client, demo, operator_a):
    kepala = _kepala_2024(demo["a"])
    client.force_login(operator_a)
    r = client.post(f"{URL}{kepala.pk}/hapus/")
    assert r.status_code == 302
    assert not Pejabat.objects.filter(pk=kepala.pk).exists()
    assert LogPerubahan.objects.get(aksi="pejabat.hapus").data["lama"]["nama"] == "Sutrisno Wibowo"


def test_official_of_another_year_or_pd_is_404(client, demo, operator_a):
    lain = Pejabat.objects.filter(perangkat_daerah=demo["b"], tahun=2024).first()
    client.force_login(operator_a)
    assert client.get(f"{URL}{lain.pk}/ubah/").status_code == 404
    kepala = _kepala_2024(demo["a"])
    assert client.get(f"/pd/33.16.05/2023/pejabat/{kepala.pk}/ubah/").status_code == 404


def test_admin_pemda_keeps_the_pemda_officials(client, demo, admin_pemda):
    client.force_login(admin_pemda)
    r = client.get(URL_PEMDA + "?tahun=2024")
    assert r.status_code == 200
    assert "Bupati Blora" in r.text
    r = client.post(
        URL_PEMDA + "?tahun=2025",
        _isian(
            jabatan="Bupati Blora",
            status="plh",
            kepala="on",
            nama="Sri Wahyuni",
            nip="",
            tahun="2025",
        ),
    )
    assert r.status_code == 302
    p = Pejabat.objects.get(pemda=demo["a"].pemda, perangkat_daerah=None, tahun=2025)
    assert p.kepala and p.status == "plh"
    assert LogPerubahan.objects.filter(aksi="pejabat.tambah", objek_id=p.pk).exists()


# ------------------------------------------------------------------ copying a year


def test_copying_a_year_is_idempotent(demo, operator_a):
    pd = demo["b"]
    assert pejabat_salin_tahun(pd=pd, dari=2024, ke=2025, pengguna=operator_a) == 8
    assert pejabat_salin_tahun(pd=pd, dari=2024, ke=2025, pengguna=operator_a) == 0
    baru = Pejabat.objects.filter(perangkat_daerah=pd, tahun=2025)
    assert baru.count() == 8
    assert baru.filter(kepala=True).count() == 1
    assert LogPerubahan.objects.filter(aksi="pejabat.salin_tahun").count() == 1


def test_copying_keeps_the_kepala_already_there(demo, operator_a):
    pd = demo["a"]
    pejabat_simpan(
        pemda=pd.pemda,
        pd=pd,
        tahun=2025,
        data={"jabatan": "Camat Randublatung", "nama": "Bambang Riyadi", "kepala": True},
        pengguna=operator_a,
    )
    assert pejabat_salin_tahun(pd=pd, dari=2024, ke=2025, pengguna=operator_a) == 0
    assert _kepala_2025(pd).nama == "Bambang Riyadi"


def _kepala_2025(pd):
    return Pejabat.objects.get(perangkat_daerah=pd, tahun=2025, kepala=True)


def test_copying_into_a_signed_year_is_refused(demo, operator_a):
    LKjIP.objects.create(perangkat_daerah=demo["b"], tahun=2025, status="ditetapkan")
    tahun_kunci(demo["b"], 2025)
    with pytest.raises(ValidationError):
        pejabat_salin_tahun(pd=demo["b"], dari=2024, ke=2025, pengguna=operator_a)


# ------------------------------------------------------------------ signatories


def test_jabatan_as_printed():
    assert jabatan_cetak("Camat Randublatung", "plt") == "Plt. CAMAT RANDUBLATUNG"
    assert jabatan_cetak("Camat Randublatung", "plh") == "Plh. CAMAT RANDUBLATUNG"
    assert jabatan_cetak("Camat Randublatung", "definitif") == "CAMAT RANDUBLATUNG"


def test_kepala_daerah_by_the_pemda_type(demo):
    pemda = demo["a"].pemda
    assert jabatan_kepala_daerah(pemda) == "Bupati Blora"
    pemda.nama, pemda.jenis = "Kota Semarang", "kota"
    assert jabatan_kepala_daerah(pemda) == "Wali Kota Semarang"


def test_pk_signers_come_from_the_year(demo):
    pd = demo["a"]
    kepala = _kepala_2024(pd)
    kepala.status = "plt"
    kepala.save()
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=pd, tahun=2024, versi="murni")
    ttd = penandatanganan(pd=pd, tahun=2024, dokumen="pk", pk=pk)
    assert ttd.pertama.jabatan == "Plt. CAMAT RANDUBLATUNG"
    assert ttd.pertama.nama == "Drs. Sutrisno Wibowo, M.Si"
    assert ttd.pertama.pangkat == "Pembina Tingkat I (IV/b)"
    assert ttd.pertama.nip == "NIP. 19680314 199403 1 007"
    assert ttd.kedua.jabatan == "BUPATI BLORA"
    assert ttd.kedua.nama == "H. Bagus Prasetyo, S.T."
    assert ttd.tempat_tanggal == "Blora, 11 Januari 2024"


def test_lkjip_signer_of_a_year_without_kepala_is_dotted(demo):
    pd = demo["a"]
    _kepala_2024(pd).delete()
    Pejabat.objects.create(
        pemda=pd.pemda, perangkat_daerah=pd, tahun=2024, jabatan="Sekretaris", nama="X"
    )
    ttd = penandatanganan(
        pd=pd, tahun=2024, dokumen="lkjip", tempat="Blora", tanggal=datetime.date(2025, 4, 14)
    )
    assert not ttd.pertama.ada
    assert ttd.pertama.nama.startswith("……")
    assert ttd.tempat_tanggal == "Blora, 14 April 2025"


def test_pk_page_prints_the_acting_camat(client, demo, kepala_a):
    kepala = _kepala_2024(demo["a"])
    kepala.status = "plt"
    kepala.save()
    client.force_login(kepala_a)
    r = client.get("/pd/33.16.05/2024/pk/?versi=murni")
    assert "Plt. CAMAT RANDUBLATUNG" in r.text
    assert "BUPATI BLORA" in r.text


def test_an_empty_year_offers_to_copy_the_previous_one(client, demo, operator_a):
    client.force_login(operator_a)
    url = "/pd/33.16.05/2025/pejabat/"
    r = client.get(url)
    assert r.status_code == 200
    assert "Salin pejabat tahun 2024" in r.text
    r = client.post(url + "salin/", {"dari": "2024"})
    assert r.status_code == 302
    assert _kepala_2025(demo["a"]).nama == "Sutrisno Wibowo"
    assert "Salin pejabat tahun 2024" not in client.get(url).text
