"""The register of a year (kinerja.models.Tahun) follows every act that opens, signs off or
reopens a year: opening it on screen, importing a package, the LKjIP sign-off and reopening."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from anggaran.models import DPA
from kinerja.models import Tahun
from kinerja.selectors.tahun import tahun_dibuka, tahun_list, tahun_terkunci
from kinerja.services.tahun import tahun_daftarkan, tahun_kunci, tahun_lepas
from laporan.models import LKjIP
from laporan.services.tahun import tahun_buka
from tests.laporan.data_alur import EDITOR

RANDUBLATUNG = Path(__file__).resolve().parents[2] / "fixtures" / "randublatung-2024.json"


def _terdaftar(pd) -> dict[int, bool]:
    return dict(Tahun.objects.filter(perangkat_daerah=pd).values_list("tahun", "terkunci"))


def test_the_import_registers_each_year_of_the_package(demo):
    for pd in demo.values():
        assert _terdaftar(pd) == {2024: False}
    # The register and the LKjIP rows name the same years.
    assert set(Tahun.objects.values_list("perangkat_daerah", "tahun")) == set(
        LKjIP.objects.values_list("perangkat_daerah", "tahun")
    )


def test_opening_a_year_registers_it_unlocked(demo):
    pd = demo["b"]
    assert not tahun_dibuka(pd, 2025)
    tahun_buka(pd=pd, tahun=2025, pengguna=None)
    assert _terdaftar(pd) == {2024: False, 2025: False}
    assert tahun_list(pd) == [2025, 2024]


def test_a_reimport_drops_the_years_it_no_longer_holds(demo):
    pd = demo["a"]
    tahun_buka(pd=pd, tahun=2025, pengguna=None)
    call_command("impor_paket", str(RANDUBLATUNG), stdout=StringIO())
    assert _terdaftar(pd) == {2024: False}


def test_the_services_are_idempotent(demo):
    pd = demo["a"]
    assert tahun_kunci(pd, 2024).terkunci and tahun_kunci(pd, 2024).terkunci
    # Registering a locked year again leaves it locked.
    assert tahun_daftarkan(pd, 2024).terkunci
    assert not tahun_lepas(pd, 2024).terkunci and not tahun_lepas(pd, 2024).terkunci
    assert tahun_kunci(pd, 2030).terkunci  # a year not registered yet is registered locked
    assert _terdaftar(pd) == {2024: False, 2030: True}


@pytest.mark.usefixtures("media")
def test_sign_off_locks_the_year_and_reopening_unlocks_it(pdf_cepat, client, kepala_a, ditetapkan):
    pd = ditetapkan.lkjip.perangkat_daerah
    assert _terdaftar(pd) == {2024: True} and tahun_terkunci(pd, 2024)
    client.force_login(kepala_a)
    r = client.post(EDITOR + "buka-kembali/", {"alasan": "Realisasi IKT-1 salah ketik."})
    assert r.status_code == 302
    assert _terdaftar(pd) == {2024: False} and not tahun_terkunci(pd, 2024)


@pytest.mark.usefixtures("media")
def test_an_import_over_a_signed_year_keeps_it_locked(pdf_cepat, ditetapkan):
    pd = ditetapkan.lkjip.perangkat_daerah
    with pytest.raises(CommandError, match="tidak ada data yang disimpan"):
        call_command("impor_paket", str(RANDUBLATUNG), stdout=StringIO())
    assert _terdaftar(pd) == {2024: True}


def test_the_form_opening_a_year_offers_the_pagu_copy_only_when_anggaran_has_one(
    client, operator_b, demo
):
    """The form is kinerja's; whether last year's pagu can be copied is anggaran's answer."""
    client.force_login(operator_b)
    assert 'name="salin_pagu"' in client.get("/pd/33.16.15/2025/").content.decode()
    DPA.objects.filter(perangkat_daerah=demo["b"], tahun=2024).delete()
    html = client.get("/pd/33.16.15/2025/").content.decode()
    assert "Buka tahun 2025" in html and 'name="salin_pagu"' not in html
