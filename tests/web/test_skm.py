"""SKM per period and comparison values: entry, validation, audit trail, year lock, roles."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.models import HasilSKM, LogPerubahan, NilaiPembanding, NilaiUnsurSKM
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP

pytestmark = pytest.mark.django_db

URL = "/pd/33.16.05/2024/skm/"
URL_PEMBANDING = "/pd/33.16.05/2024/pembanding/"
# S0 Tabel 3.6: ΣNRR 31,55 → NI 3,5056 → IKM 87,64 (B, Baik).
S0 = ["3,40", "3,33", "3,33", "4,00", "3,40", "3,36", "3,47", "3,33", "3,93"]


def _isian(**extra) -> dict:
    data = {"periode": "Triwulan I 2024", "responden": "120"}
    data |= {f"U{i}": v for i, v in enumerate(S0, start=1)}
    return data | extra


def _kunci_tahun(pd):
    LKjIP.objects.filter(perangkat_daerah=pd, tahun=2024).update(status="ditetapkan")
    tahun_kunci(pd, 2024)


def test_list_shows_the_imported_skm_with_its_ikm(client, operator_a):
    client.force_login(operator_a)
    r = client.get(URL)
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Triwulan IV 2024" in teks
    assert "87,64" in teks and "B (Baik)" in teks
    assert "Tambah hasil SKM" in teks


def test_operator_adds_an_skm_and_sees_its_ikm(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(URL, _isian())
    assert r.status_code == 302
    hasil = HasilSKM.objects.get(perangkat_daerah=demo["a"], tahun=2024, periode="Triwulan I 2024")
    assert hasil.responden == 120
    assert {u.unsur: u.nrr for u in hasil.unsur.all()}["U9"] == Decimal("3.93")
    log = LogPerubahan.objects.get(aksi="skm.tambah", objek_id=hasil.pk)
    assert log.pengguna == operator_a
    assert log.data["baru"]["U4"] == "4"
    assert log.data["baru"]["responden"] == 120
    r = client.get(URL)
    assert r.content.decode().count("87,64") == 2


def test_change_is_audited_old_to_new(client, operator_a, demo):
    client.force_login(operator_a)
    hasil = HasilSKM.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    url = f"/pd/33.16.05/2024/skm/{hasil.pk}/"
    r = client.get(url)
    assert r.status_code == 200
    assert 'value="3,4"' in r.content.decode()
    r = client.post(url, _isian(periode="Triwulan IV 2024", responden="100", U1="4"))
    assert r.status_code == 302
    assert NilaiUnsurSKM.objects.get(hasil=hasil, unsur="U1").nrr == 4
    log = LogPerubahan.objects.get(aksi="skm.ubah", objek_id=hasil.pk)
    assert log.data["lama"]["U1"] == "3.4" and log.data["baru"]["U1"] == "4"
    # The same values again change nothing and record nothing.
    client.post(url, _isian(periode="Triwulan IV 2024", responden="100", U1="4"))
    assert LogPerubahan.objects.filter(aksi="skm.ubah").count() == 1
    # The audit trail of the object shows the change in Indonesian.
    r = client.get(f"/pd/33.16.05/riwayat/kinerja.hasilskm/{hasil.pk}/")
    assert "Hasil SKM diubah" in r.content.decode()


def test_invalid_input_is_refused_in_indonesian(client, operator_a):
    client.force_login(operator_a)
    r = client.post(URL, _isian(U3="4,5", U5="", responden="0", periode=""))
    assert r.status_code == 400
    teks = r.content.decode()
    assert "NRR harus antara 1 dan 4 (skala jawaban SKM), tertulis 4,5." in teks
    assert "Isi NRR unsur U5 (Produk Spesifikasi Jenis Pelayanan)." in teks
    assert "Jumlah responden paling sedikit 1." in teks
    assert "Isi periode survei" in teks
    assert not LogPerubahan.objects.filter(aksi__startswith="skm.").exists()


def test_same_period_twice_is_refused(client, operator_a):
    client.force_login(operator_a)
    r = client.post(URL, _isian(periode="triwulan iv 2024"))
    assert r.status_code == 400
    assert "sudah ada" in r.content.decode()


def test_delete_is_audited(client, operator_a, demo):
    client.force_login(operator_a)
    hasil = HasilSKM.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    r = client.post(f"/pd/33.16.05/2024/skm/{hasil.pk}/hapus/")
    assert r.status_code == 302
    assert not HasilSKM.objects.filter(pk=hasil.pk).exists()
    log = LogPerubahan.objects.get(aksi="skm.hapus")
    assert log.data["lama"]["periode"] == "Triwulan IV 2024"


def test_year_lock_refuses_changes(client, operator_a, demo):
    _kunci_tahun(demo["a"])
    client.force_login(operator_a)
    r = client.get(URL)
    assert "Tambah hasil SKM" not in r.content.decode()
    r = client.post(URL, _isian())
    assert r.status_code == 400
    assert "sudah terkunci" in r.content.decode()
    hasil = HasilSKM.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    html = client.get(f"/pd/33.16.05/2024/skm/{hasil.pk}/").content.decode()
    assert "sudah ditetapkan" in html and "Hapus SKM ini" not in html
    assert "Simpan perubahan" not in html
    client.post(f"/pd/33.16.05/2024/skm/{hasil.pk}/hapus/")
    assert HasilSKM.objects.filter(pk=hasil.pk).exists()
    r = client.post(URL_PEMBANDING, {})
    assert r.status_code == 400
    assert "sudah terkunci" in r.content.decode()
    assert not LogPerubahan.objects.filter(aksi__startswith=("skm", "pembanding")).exists()


@pytest.mark.parametrize("peran", ["kepala_a", "evaluator", "admin_pemda"])
def test_readers_see_but_cannot_write(client, request, peran, demo):
    client.force_login(request.getfixturevalue(peran))
    r = client.get(URL)
    assert r.status_code == 200
    assert "87,64" in r.content.decode()
    assert "Tambah hasil SKM" not in r.content.decode()
    assert client.post(URL, _isian()).status_code == 403
    r = client.get(URL_PEMBANDING)
    assert r.status_code == 200 and "<input" not in r.content.decode().split("<main")[1]
    assert client.post(URL_PEMBANDING, {}).status_code == 403


def test_other_perangkat_daerah_is_404(client, operator_b):
    client.force_login(operator_b)
    assert client.get(URL).status_code == 404
    assert client.get(URL_PEMBANDING).status_code == 404


def test_year_without_renstra_is_404(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/1999/skm/").status_code == 404


# --------------------------------------------------------------------------- comparison values


def _indikator(pd):
    from kinerja.services.skm import indikator_tahun

    return list(indikator_tahun(pd, 2024))


def test_comparison_values_saved_changed_removed_and_audited(client, operator_a, demo):
    client.force_login(operator_a)
    ind = _indikator(demo["a"])[0]
    r = client.get(URL_PEMBANDING)
    assert r.status_code == 200
    assert ind.kode in r.content.decode()
    data = {
        f"nilai_{ind.pk}_kabupaten": "1.234,5",
        f"sumber_{ind.pk}_kabupaten": "BPS Blora 2024",
        f"nilai_{ind.pk}_provinsi": "63,25 (B-)",
    }
    assert client.post(URL_PEMBANDING, data).status_code == 302
    kab = NilaiPembanding.objects.get(indikator=ind, tahun=2024, tingkat="kabupaten")
    assert kab.nilai == Decimal("1234.5") and kab.sumber == "BPS Blora 2024"
    prov = NilaiPembanding.objects.get(indikator=ind, tahun=2024, tingkat="provinsi")
    assert prov.nilai == Decimal("63.25") and prov.nilai_label == "63,25 (B-)"
    assert LogPerubahan.objects.filter(aksi="pembanding.tambah").count() == 2
    r = client.get(URL_PEMBANDING)
    assert 'value="1.234,5"' in r.content.decode()

    data[f"nilai_{ind.pk}_kabupaten"] = "1.300"
    del data[f"nilai_{ind.pk}_provinsi"]
    assert client.post(URL_PEMBANDING, data).status_code == 302
    log = LogPerubahan.objects.get(aksi="pembanding.ubah")
    assert log.data["lama"]["nilai"] == "1234.5" and log.data["baru"]["nilai"] == "1300"
    assert not NilaiPembanding.objects.filter(indikator=ind, tingkat="provinsi").exists()
    assert LogPerubahan.objects.filter(aksi="pembanding.hapus").count() == 1


def test_comparison_value_validation(client, operator_a, demo):
    client.force_login(operator_a)
    ind = _indikator(demo["a"])[0]
    r = client.post(
        URL_PEMBANDING,
        {f"nilai_{ind.pk}_kabupaten": "abc", f"sumber_{ind.pk}_nasional": "Kemenpan"},
    )
    assert r.status_code == 400
    assert "galat" in r.content.decode()
    r = client.post(URL_PEMBANDING, {f"sumber_{ind.pk}_nasional": "Kemenpan"})
    assert r.status_code == 400
    assert "Sumber diisi tetapi nilainya kosong" in r.content.decode()
    assert not NilaiPembanding.objects.filter(indikator=ind).exists()


def test_imported_comparison_values_are_shown(client, kepala_a, demo):
    # Kesamben's package carries comparison values; check them through its own kepala.
    from tests.conftest import _pengguna

    kepala = _pengguna("kepala_kesamben", "kepala", pd=demo["lain"])
    client.force_login(kepala)
    r = client.get("/pd/35.17.12/2024/pembanding/")
    assert r.status_code == 200
    teks = r.content.decode()
    assert "72,33" in teks and "Tabel 3.8" in teks and "S2:L" not in teks


def _versi(html: str) -> str:
    import re

    return re.search(r'name="versi" value="([0-9a-f]+)"', html).group(1)


def test_skm_changed_meanwhile_is_not_overwritten(client, operator_a, demo):
    client.force_login(operator_a)
    hasil = HasilSKM.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    url = f"/pd/33.16.05/2024/skm/{hasil.pk}/"
    versi = _versi(client.get(url).content.decode())
    # Someone else changes U2 after the page was opened.
    NilaiUnsurSKM.objects.filter(hasil=hasil, unsur="U2").update(nrr=Decimal("2.5"))
    r = client.post(url, _isian(periode="Triwulan IV 2024", versi=versi))
    assert r.status_code == 400
    assert "sudah diubah pengguna lain" in r.content.decode()
    assert NilaiUnsurSKM.objects.get(hasil=hasil, unsur="U2").nrr == Decimal("2.5")
    # With the page reloaded, the save goes through.
    versi = _versi(client.get(url).content.decode())
    assert client.post(url, _isian(periode="Triwulan IV 2024", versi=versi)).status_code == 302


def test_comparison_values_changed_meanwhile_are_not_overwritten(client, operator_a, demo):
    client.force_login(operator_a)
    ind = _indikator(demo["a"])[0]
    versi = _versi(client.get(URL_PEMBANDING).content.decode())
    NilaiPembanding.objects.create(indikator=ind, tahun=2024, tingkat="nasional", nilai=5)
    data = {"versi": versi, f"nilai_{ind.pk}_kabupaten": "7"}
    r = client.post(URL_PEMBANDING, data)
    assert r.status_code == 400
    assert "sudah diubah pengguna lain" in r.content.decode()
    assert not NilaiPembanding.objects.filter(indikator=ind, tingkat="kabupaten").exists()
