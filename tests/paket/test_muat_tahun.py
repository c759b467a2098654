"""The paket of one year's screens (``paket_muat(..., hanya_tahun=True)``): the year shown in
full, of the other years only what those screens and ``hitung`` read, with results and
pages identical to those of the whole paket."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interchange.simpan import paket_simpan
from kinerja.engine.angka import Nilai
from kinerja.engine.hitung import hitung
from kinerja.models import AngkaDilaporkan, PerangkatDaerah
from kinerja.paket import types as t
from kinerja.paket.parser import baca_paket, muat_json
from kinerja.selectors.paket import paket_kinerja
from kinerja.selectors.tahun import tahun_list
from laporan.selectors_paket import paket_muat

ROOT = Path(__file__).resolve().parents[2]
KODE_MULTI = "33.16.15"  # Bogorejo, given four years


def _geser(v, tambah: Decimal):
    if isinstance(v, Nilai):
        return Nilai(v.angka + tambah, v.label)
    return v


def _paket_empat_tahun() -> t.Paket:
    """Bogorejo's demo package with 2021 to 2023 made from 2024: other realisasi, other
    budget, and 2024 reporting a change against 2022 for an indicator that is not an IKU."""
    paket = baca_paket(muat_json((ROOT / "fixtures" / "bogorejo-2024.json").read_text()))
    asli = paket.cari_tahun(2024)
    tahun = []
    for n, y in enumerate((2021, 2022, 2023)):
        th = copy.deepcopy(asli)
        th.tahun = y
        th.laporan = None
        th.angka_dilaporkan = []
        tambah = Decimal(-2 - n)
        th.realisasi = {k: [_geser(v, tambah) for v in tw] for k, tw in th.realisasi.items()}
        th.realisasi_anggaran = {
            k: ([x and x - 1000 for x in v] if isinstance(v, list) else v and v - 1000)
            for k, v in th.realisasi_anggaran.items()
        }
        tahun.append(th)
    semua = {i.kode: i for i in paket.semua_indikator()}
    bukan_iku = next(
        k
        for k, tw in asli.realisasi.items()
        if not semua[k].iku and any(isinstance(v, Nilai) for v in tw)
    )
    asli.angka_dilaporkan.append(
        t.AngkaDilaporkan(
            jenis="perubahan_relatif", kode=bukan_iku, nilai=Decimal("1.00"), tahun_banding=2022
        )
    )
    paket.tahun = [*tahun, asli]
    return paket


@pytest.fixture
def empat_tahun(demo):
    return paket_simpan(paket=_paket_empat_tahun())


def test_the_year_shown_and_the_results_are_those_of_the_whole_paket(demo, empat_tahun):
    diperiksa = 0
    for pd in PerangkatDaerah.objects.all():
        for tahun in tahun_list(pd):
            penuh = paket_muat(pd, tahun)
            sempit = paket_muat(pd, tahun, hanya_tahun=True)
            assert sempit.cari_tahun(tahun) == penuh.cari_tahun(tahun), (pd.kode, tahun)
            assert hitung(sempit, tahun) == hitung(penuh, tahun), (pd.kode, tahun)
            assert [x.tahun for x in sempit.tahun] == [x.tahun for x in penuh.tahun]
            assert sempit.renstra == penuh.renstra and sempit.program == penuh.program
            diperiksa += 1
    assert diperiksa == 6  # two one-year demo PDs, Bogorejo's four years


def test_other_years_carry_only_what_the_screens_read(empat_tahun):
    penuh = paket_muat(empat_tahun, 2024)
    sempit = paket_muat(empat_tahun, 2024, hanya_tahun=True)
    iku = {i.kode for i in penuh.semua_indikator() if i.iku}
    th21, th22, th23 = (sempit.cari_tahun(y) for y in (2021, 2022, 2023))
    # The year before: every indicator's realisasi (hitung compares with it).
    assert th23.realisasi == penuh.cari_tahun(2023).realisasi
    # 2022: compared with by a reported figure of 2024, so every indicator too.
    assert th22.realisasi == penuh.cari_tahun(2022).realisasi
    # 2021: the IKU only (the dashboard's charts).
    assert th21.realisasi and set(th21.realisasi) <= iku
    assert th21.realisasi == {k: v for k, v in penuh.cari_tahun(2021).realisasi.items() if k in iku}
    for th in (th21, th22, th23):
        # Nothing else of those years but the IKU targets of their PK.
        assert th.rencana_aksi == {} and th.dpa == [] and th.realisasi_anggaran == {}
        assert th.skm == [] and th.pembanding == {} and th.pk_berjenjang == []
        assert th.pk_berlaku().anggaran_program == {}
        assert set(th.pk_berlaku().target) == iku & set(
            penuh.cari_tahun(th.tahun).pk_berlaku().target
        )
        assert th.pk_berlaku().target
    # Later years are not read at all.
    assert paket_muat(empat_tahun, 2023, hanya_tahun=True).cari_tahun(2024) == t.Tahun(tahun=2024)
    # Without the reported change, 2022 (not the year before) keeps the IKU only.
    AngkaDilaporkan.objects.filter(perangkat_daerah=empat_tahun).delete()
    th22 = paket_muat(empat_tahun, 2024, hanya_tahun=True).cari_tahun(2022)
    assert th22.realisasi and set(th22.realisasi) <= iku
    assert th22.realisasi == {k: v for k, v in penuh.cari_tahun(2022).realisasi.items() if k in iku}


def test_the_reported_change_is_checked_against_the_year_it_names(empat_tahun):
    """The narrow paket holds 2022 only because 2024 reports a change against it."""
    hasil = hitung(paket_muat(empat_tahun, 2024, hanya_tahun=True), 2024)
    assert any(x.jenis == "angka_dilaporkan_tidak_sesuai" for x in hasil.temuan)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("akar", password="sandi-uji-123")


def _bersih(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value|csrf-token" content)="[^"]*"', "", html)


@pytest.mark.parametrize(
    "pola", ["/pd/{kode}/{tahun}/", "/pd/{kode}/{tahun}/hitung/", "/pd/{kode}/{tahun}/anggaran/"]
)
def test_pages_are_those_of_the_whole_paket(client, superuser, empat_tahun, monkeypatch, pola):
    from anggaran.selectors_paket import paket_anggaran
    from anggaran.views import ringkasan
    from laporan.views import dasbor

    client.force_login(superuser)
    halaman = {}
    for mode in ("sempit", "penuh"):
        if mode == "penuh":
            monkeypatch.setattr(dasbor, "paket_muat", lambda pd, tahun, **kw: paket_muat(pd, tahun))
            monkeypatch.setattr(
                ringkasan, "paket_anggaran", lambda pd, tahun, **kw: paket_anggaran(pd, tahun)
            )
        for tahun in (2021, 2022, 2023, 2024):
            r = client.get(pola.format(kode=KODE_MULTI, tahun=tahun))
            assert r.status_code == 200
            halaman[mode, tahun] = _bersih(r.content.decode())
    for tahun in (2021, 2022, 2023, 2024):
        assert halaman["sempit", tahun] == halaman["penuh", tahun], tahun
    # The dashboard's charts show the earlier years.
    if pola == "/pd/{kode}/{tahun}/":
        assert all(f">{y}<" in halaman["sempit", 2024] for y in (2021, 2022, 2023))


def test_queries_do_not_grow_with_the_years(client, superuser, empat_tahun):
    """Bogorejo with four years against Randublatung with one (same pages, same queries)."""
    client.force_login(superuser)
    for pola in ("/pd/{kode}/2024/", "/pd/{kode}/2024/hitung/", "/pd/{kode}/2024/anggaran/"):
        jumlah = []
        for kode in ("33.16.05", KODE_MULTI):
            with CaptureQueriesContext(connection) as q:
                assert client.get(pola.format(kode=kode)).status_code == 200
            jumlah.append(len(q))
        assert jumlah[0] == jumlah[1], (pola, jumlah)


def test_pohon_kinerja_of_the_year_needs_only_that_year(empat_tahun):
    from kinerja.engine.pohon import pohon_kinerja

    for tahun in (2021, 2022, 2023, 2024):
        assert pohon_kinerja(paket_kinerja(empat_tahun, tahun, hanya_tahun=True), tahun) == (
            pohon_kinerja(paket_kinerja(empat_tahun, tahun), tahun)
        )


def test_a_year_is_needed():
    with pytest.raises(ValueError):
        paket_kinerja(PerangkatDaerah(pk=1), None, hanya_tahun=True)


def test_readiness_and_drafts_are_those_of_the_whole_paket(demo, empat_tahun, monkeypatch):
    from laporan import selectors
    from laporan.dokumen.draf import Bahan, draf_bagian
    from laporan.kerangka import PER_KUNCI
    from laporan.services.kesiapan import periksa_kesiapan

    def baca(pd, tahun):
        d = selectors.data_kesiapan(pd, tahun)
        bahan = Bahan(paket=d.paket, tahun=tahun, hasil=d.hasil)
        return periksa_kesiapan(d), {k: draf_bagian(bahan, k) for k in PER_KUNCI}

    tahun_pd = [(pd, y) for pd in PerangkatDaerah.objects.all() for y in tahun_list(pd)]
    sempit = [baca(pd, y) for pd, y in tahun_pd]
    # Something to compare: drafted texts and missing items.
    assert any(any(draf.values()) for _, draf in sempit) and any(k for k, _ in sempit)
    monkeypatch.setattr(selectors, "paket_muat", lambda pd, tahun, **kw: paket_muat(pd, tahun))
    penuh = [baca(pd, y) for pd, y in tahun_pd]
    assert sempit == penuh
