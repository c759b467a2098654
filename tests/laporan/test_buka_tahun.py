"""Opening a year: the service and the ``buka_tahun`` command on the demo kecamatan."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from anggaran.models import DPA, Pagu, PaguJenisBelanja
from anggaran.services.pagu import pagu_simpan
from kinerja.models import (
    LogPerubahan,
    Pejabat,
    PerjanjianKinerja,
    RencanaAksi,
    TargetPK,
    TargetTahunan,
)
from laporan.models import LKjIP
from laporan.services.tahun import tahun_buka

KECAMATAN = ["33.16.05", "33.16.15", "35.17.12"]
TABEL = [
    LKjIP,
    Pejabat,
    PerjanjianKinerja,
    TargetPK,
    RencanaAksi,
    DPA,
    Pagu,
    PaguJenisBelanja,
    LogPerubahan,
]


def _jumlah_baris() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in TABEL}


def _buka(kode: str, tahun: int = 2025, *extra: str) -> str:
    out = StringIO()
    call_command("buka_tahun", "--pd", kode, "--tahun", str(tahun), *extra, stdout=out)
    return out.getvalue()


def _hitung(kode: str, tahun: int) -> dict:
    out = StringIO()
    call_command("hitung", "--pd", kode, "--tahun", str(tahun), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_opens_2025_for_each_demo_kecamatan_and_a_second_run_changes_nothing(demo):
    for kode in KECAMATAN:
        sebelum = _jumlah_baris()
        teks = _buka(kode)
        assert "Tahun 2025 dibuka" in teks
        setelah = _jumlah_baris()
        assert setelah["LKjIP"] == sebelum["LKjIP"] + 1
        assert setelah["PerjanjianKinerja"] == sebelum["PerjanjianKinerja"] + 1
        assert setelah["DPA"] == sebelum["DPA"] + 1
        assert setelah["LogPerubahan"] > sebelum["LogPerubahan"]

        teks = _buka(kode)
        assert "sudah dibuka sebelumnya; tidak ada yang diubah" in teks
        assert _jumlah_baris() == setelah  # nothing created, nothing audited


@pytest.mark.django_db
@pytest.mark.parametrize("kode", ["33.16.05", "33.16.15"])
def test_hitung_2025_answers_with_the_renstra_targets(demo, kode):
    _buka(kode)
    renstra = {
        t.indikator.kode: t.nilai
        for t in TargetTahunan.objects.filter(
            tahun=2025, indikator__renstra__perangkat_daerah__kode=kode
        ).select_related("indikator")
    }
    assert len(renstra) == 4
    hasil = _hitung(kode, 2025)
    target = {i["kode"]: i for i in hasil["indikator"]}
    for k, nilai in renstra.items():
        assert Decimal(str(target[k]["target"])) == nilai
        assert target[k]["sumber_target"] == "pk-murni"


@pytest.mark.django_db
def test_kesamben_has_no_2025_targets_and_says_so(demo):
    teks = _buka("35.17.12")
    assert "0 indikator" in teks
    assert "belum memuat target tahun 2025" in teks
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo["lain"], tahun=2025)
    assert not pk.target.exists()


@pytest.mark.django_db
def test_rencana_aksi_proposal_follows_the_tipe_penghitungan(demo):
    _buka("33.16.05")
    ra = {
        (r.indikator.kode, r.triwulan): r
        for r in RencanaAksi.objects.filter(
            tahun=2025, indikator__renstra__perangkat_daerah=demo["a"]
        ).select_related("indikator")
    }
    # IKT-1 is nilai-akhir (86,5): only TW IV; IKS-1 is kumulatif (98): a rising path to 98.
    assert {tw for k, tw in ra if k == "IKT-1"} == {4}
    assert ra[("IKT-1", 4)].nilai == Decimal("86.5")
    assert [ra[("IKS-1", tw)].nilai for tw in (1, 2, 3, 4)] == [25, 49, 74, 98]
    log = LogPerubahan.objects.get(aksi="rencana_aksi.usulan", perangkat_daerah=demo["a"])
    assert log.tahun == 2025
    assert log.data["usulan"]["IKS-1"] == ["25", "49", "74", "98"]


@pytest.mark.django_db
def test_each_created_kind_is_audited_once(demo):
    _buka("33.16.05")
    aksi = list(
        LogPerubahan.objects.filter(perangkat_daerah=demo["a"], tahun=2025).values_list(
            "aksi", flat=True
        )
    )
    assert sorted(aksi) == sorted(
        [
            "lkjip.buat",
            "pejabat.salin_tahun",
            "perjanjian_kinerja.buat_draf",
            "rencana_aksi.usulan",
            "dpa.buat",
            "tahun.buka",
        ]
    )


@pytest.mark.django_db
def test_a_year_outside_the_renstra_is_refused_without_a_trace(demo):
    sebelum = _jumlah_baris()
    with pytest.raises(CommandError, match="di luar periode Renstra .*2021–2026.*Renstra baru"):
        _buka("33.16.05", 2027)
    with pytest.raises(ValidationError):
        tahun_buka(pd=demo["a"], tahun=2020, pengguna=None)
    assert _jumlah_baris() == sebelum


@pytest.mark.django_db
def test_salin_pagu_copies_the_previous_dpa_as_a_marked_draft_until_saved(demo, operator_b):
    teks = _buka("33.16.15", 2025, "--salin-pagu")
    assert "pagu disalin dari DPA 2024" in teks
    lalu = DPA.objects.filter(perangkat_daerah=demo["b"], tahun=2024).order_by("-urutan_versi")[0]
    baru = DPA.objects.get(perangkat_daerah=demo["b"], tahun=2025, versi="murni")
    assert baru.pagu_disalin_dari == 2024
    assert sorted((p.kode, p.jumlah) for p in baru.pagu.all()) == sorted(
        (p.kode, p.jumlah) for p in lalu.pagu.all()
    )
    assert baru.pagu.count() > 0

    # Saving the DPA page (even with no amount changed) clears the mark, audited.
    assert pagu_simpan(dpa=baru, baris=[], pengguna=operator_b) == 0
    baru.refresh_from_db()
    assert baru.pagu_disalin_dari is None
    assert LogPerubahan.objects.filter(aksi="salinan_pagu.diperiksa", objek_id=baru.pk).count() == 1


@pytest.mark.django_db
def test_without_salin_pagu_the_dpa_is_empty(demo):
    _buka("33.16.15")
    baru = DPA.objects.get(perangkat_daerah=demo["b"], tahun=2025)
    assert baru.pagu_disalin_dari is None
    assert not baru.pagu.exists()


@pytest.mark.django_db
def test_a_signed_year_is_left_alone(demo):
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(
        status=LKjIP.Status.DITETAPKAN
    )
    sebelum = _jumlah_baris()
    hasil = tahun_buka(pd=demo["a"], tahun=2024, pengguna=None)
    assert not hasil.ada_yang_dibuat
    assert "telah ditetapkan" in hasil.catatan[0]
    assert _jumlah_baris() == sebelum


@pytest.mark.django_db
def test_an_unknown_perangkat_daerah_is_a_clean_error(demo):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        _buka("99.99.99")


@pytest.mark.django_db
def test_the_officials_of_the_year_before_are_carried_over_once(demo):
    kode = "33.16.05"
    lalu = list(
        Pejabat.objects.filter(perangkat_daerah__kode=kode, tahun=2024)
        .order_by("urutan", "pk")
        .values_list("jabatan", "nama", "nip", "status", "kepala")
    )
    assert lalu and any(p[-1] for p in lalu)  # the demo has a camat in 2024
    teks = _buka(kode)
    assert f"{len(lalu)} pejabat tahun 2024 disalin ke 2025" in teks
    baru = list(
        Pejabat.objects.filter(perangkat_daerah__kode=kode, tahun=2025)
        .order_by("urutan", "pk")
        .values_list("jabatan", "nama", "nip", "status", "kepala")
    )
    assert baru == lalu
    _buka(kode)
    assert Pejabat.objects.filter(perangkat_daerah__kode=kode, tahun=2025).count() == len(lalu)
