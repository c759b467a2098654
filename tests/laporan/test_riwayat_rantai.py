"""The audit trail is a hash chain per pemda (lib/rantai.py, kinerja.audit):
``manage.py periksa_riwayat`` passes on untouched data and names the first row that
no longer fits after an edit made directly in the database; a signed year records the
chain's head, so even a history rewritten whole is caught."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja import audit
from kinerja.models import LogPerubahan, RantaiRiwayat
from lib import rantai


def _periksa(*args) -> str:
    out = StringIO()
    call_command("periksa_riwayat", *args, stdout=out)
    return out.getvalue()


def _gagal(*args) -> str:
    out = StringIO()
    with pytest.raises(CommandError) as e:
        call_command("periksa_riwayat", *args, stdout=out)
    assert e.value.returncode == 1
    return out.getvalue()


def _ubah(demo, operator_a, n=3):
    pd = demo["a"]
    for i in range(n):
        audit.catat_perubahan(
            pengguna=operator_a, perangkat_daerah=pd, aksi="uji.ubah", tahun=2024,
            lama={"nilai": i}, baru={"nilai": i + 1},
        )  # fmt: skip
    return list(LogPerubahan.objects.filter(pemda=pd.pemda).order_by("urutan"))


@pytest.mark.django_db
def test_the_demo_chains_hold(demo, operator_a):
    rows = _ubah(demo, operator_a)
    assert [r.urutan for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0].hash_sebelum == rantai.AWAL
    assert all(b.hash_sebelum == a.hash for a, b in zip(rows, rows[1:], strict=False))
    teks = _periksa()
    assert "Kabupaten Blora: " in teks and "baris riwayat utuh" in teks
    assert teks.strip().endswith("Riwayat utuh.")
    assert "Riwayat utuh." in _periksa("--pemda", demo["a"].pemda.kode)


@pytest.mark.django_db
def test_a_row_altered_in_the_database_is_named(demo, operator_a):
    rows = _ubah(demo, operator_a)
    sasaran = rows[-2]
    LogPerubahan.objects.filter(pk=sasaran.pk).update(data={"lama": 0, "baru": 999})
    teks = _gagal("--pemda", demo["a"].pemda.kode)
    assert f"baris riwayat id {sasaran.pk} (nomor urut {sasaran.urutan}" in teks
    assert "isinya diubah setelah dicatat" in teks
    # Another pemda's chain is untouched.
    assert "Riwayat utuh." in _periksa("--pemda", demo["lain"].pemda.kode)


@pytest.mark.django_db
def test_a_removed_row_and_a_removed_last_row_are_found(demo, operator_a):
    rows = _ubah(demo, operator_a)
    LogPerubahan.objects.filter(pk=rows[-2].pk).delete()
    teks = _gagal()
    assert f"baris riwayat id {rows[-1].pk}" in teks and "dihapus" in teks
    # The last row removed instead: the head no longer fits.
    LogPerubahan.objects.filter(pk=rows[-1].pk).delete()
    rows[-2].save()  # put the middle one back as it was
    teks = _gagal("--pemda", demo["a"].pemda.kode)
    assert "akhir rantai" in teks and "baris terakhir dihapus" in teks


@pytest.mark.django_db
def test_the_user_and_the_time_are_covered(demo, operator_a):
    rows = _ubah(demo, operator_a)
    LogPerubahan.objects.filter(pk=rows[0].pk).update(pengguna_nama="orang_lain")
    assert f"baris riwayat id {rows[0].pk}" in _gagal()


@pytest.mark.django_db
def test_bulk_rows_join_the_chain_in_their_order(demo, operator_a):
    pd = demo["a"]
    audit.catat_perubahan_banyak(
        [
            {"pengguna": operator_a, "perangkat_daerah": pd, "aksi": "uji.banyak",
             "tahun": 2024, "lama": i, "baru": i + 1}
            for i in range(5)
        ]
    )  # fmt: skip
    rows = list(LogPerubahan.objects.filter(aksi="uji.banyak").order_by("id"))
    assert [r.data["lama"] for r in rows] == [0, 1, 2, 3, 4]
    assert [r.urutan for r in rows] == list(range(rows[0].urutan, rows[0].urutan + 5))
    kepala = RantaiRiwayat.objects.get(kunci=f"pemda:{pd.pemda_id}")
    assert (kepala.urutan, kepala.hash) == (rows[-1].urutan, rows[-1].hash)
    assert "Riwayat utuh." in _periksa()


@pytest.mark.django_db
def test_a_pemda_level_change_joins_its_pemdas_chain(demo, admin_pemda):
    from kinerja.services.tenggat import pemda_tenggat_ubah

    pemda = demo["a"].pemda
    pemda_tenggat_ubah(pemda=pemda, hari_kerja=12, pengguna=admin_pemda)
    row = LogPerubahan.objects.get(aksi="pemda.tenggat_ubah")
    assert row.pemda_id == pemda.pk and row.pengguna_nama == admin_pemda.username
    assert "Riwayat utuh." in _periksa()


def _tulis_ulang_rantai(pemda_id):
    """What a careful intruder would do: recompute every hash after an edit."""
    sebelum = rantai.AWAL
    for row in LogPerubahan.objects.filter(pemda_id=pemda_id).order_by("urutan"):
        row.hash_sebelum = sebelum
        row.hash = sebelum = rantai.hash_baris(sebelum, vars(row))
        row.save(update_fields=["hash_sebelum", "hash"])
    RantaiRiwayat.objects.filter(kunci=f"pemda:{pemda_id}").update(hash=sebelum)


@pytest.mark.django_db
def test_a_signed_year_catches_a_history_rewritten_whole(pdf_cepat, ditetapkan):
    pd = ditetapkan.lkjip.perangkat_daerah
    assert ditetapkan.riwayat_urutan and len(ditetapkan.riwayat_hash) == 64
    row = LogPerubahan.objects.get(pemda_id=pd.pemda_id, urutan=ditetapkan.riwayat_urutan)
    assert row.hash == ditetapkan.riwayat_hash
    assert "Riwayat utuh." in _periksa()
    # An earlier row changed, and the chain recomputed from there on: the chain holds,
    # the signed year's record does not.
    awal = LogPerubahan.objects.filter(pemda_id=pd.pemda_id).order_by("urutan").first()
    LogPerubahan.objects.filter(pk=awal.pk).update(objek="diubah diam-diam")
    _tulis_ulang_rantai(pd.pemda_id)
    teks = _gagal()
    assert "baris riwayat utuh" in teks
    assert f"mencatat riwayat #{ditetapkan.riwayat_urutan}" in teks


@pytest.mark.django_db
def test_the_stamp_prints_the_chains_head(client, kepala_a, diajukan):
    from unittest import mock

    from laporan.models import SnapshotLKjIP
    from tests.laporan.data_alur import EDITOR, pdf_palsu

    html = []

    def cetak(h, **kw):
        html.append(h)
        return pdf_palsu(h, **kw)

    client.force_login(kepala_a)
    with mock.patch("laporan.pdf.cetak_html", side_effect=cetak):
        assert client.post(EDITOR + "tetapkan/").status_code == 302
    s = SnapshotLKjIP.objects.get(lkjip=diajukan)
    assert f"riwayat #{s.riwayat_urutan} {s.riwayat_hash[:16]}" in html[-1]
