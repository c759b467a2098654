"""Fuzzing what reaches the database (issue 16 §4): a real package with a value swapped
at random is saved or refused whole (never a partial write); a quarterly workbook and a
register workbook with arbitrary values typed into their cells are read or refused with
named problems, never another exception, and a refused save changes nothing."""

from __future__ import annotations

import copy
import io
import os
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from interchange.simpan import paket_simpan
from kinerja.models import Indikator, LogPerubahan, PerangkatDaerah, Realisasi, TargetTahunan
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import dumps
from kinerja.services.realisasi import SimpanError, grid_triwulan
from kinerja.services.realisasi_xlsx import (
    BARIS_KEPALA,
    BukuDitolak,
    baca_buku_triwulan,
    buku_triwulan,
)
from tests.fuzz.test_fuzz_paket import ASLI, FIXTURES

pytestmark = pytest.mark.django_db

# What a user may type in a cell or a hostile file may hold (text a workbook can hold:
# openpyxl itself refuses control characters).
teks_sel = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=25)
isi_paket = st.one_of(
    st.none(),
    teks_sel,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.decimals(allow_nan=False, allow_infinity=False, places=4),
    st.booleans(),
    st.dates().map(str),
    st.sampled_from(["=1+1", "1.234,5", "60 – 70", "BB (73,75)", "Rp 1.000", "−5", "1e9999"]),
)
angka = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25),
    st.decimals(min_value=-(10**16), max_value=10**16, places=8, allow_nan=False),
    st.sampled_from([Decimal("0"), Decimal("-0.000001"), Decimal("99999999999999.999999"),
                     Decimal("1E+20"), Decimal("123456789012345678901234567890")]),
)  # fmt: skip
isi_sel = isi_paket | st.floats(allow_nan=True, allow_infinity=True) | st.dates()
DB = settings(
    max_examples=int(os.getenv("LKJIP_FUZZ_KALI", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _jumlah() -> tuple[int, ...]:
    return (
        Indikator.objects.count(),
        TargetTahunan.objects.count(),
        Realisasi.objects.count(),
        LogPerubahan.objects.count(),
    )


def _daun(data, acak) -> tuple[object, object]:
    """A random leaf (container, key) of the package: the structure stays."""
    wadah, k = data, None
    while True:
        kunci = sorted(wadah) if isinstance(wadah, dict) else list(range(len(wadah)))
        kunci = [x for x in kunci if not isinstance(wadah[x], dict | list) or wadah[x]]
        if not kunci:
            return wadah, k
        k = acak.draw(st.sampled_from(kunci))
        if not isinstance(wadah[k], dict | list):
            return wadah, k
        wadah = wadah[k]


class TestPaketDisimpanUtuhAtauDitolak(TestCase):
    """Each example in its own transaction (hypothesis' TestCase rolls each back)."""

    @DB
    @given(st.data())
    def test_a_package_with_a_value_swapped_is_saved_whole_or_refused(self, acak):
        paket_simpan(paket=baca_paket(copy.deepcopy(ASLI)))
        data = copy.deepcopy(ASLI)
        for _ in range(acak.draw(st.integers(1, 3))):
            wadah, k = _daun(data, acak)
            asal = wadah[k]
            if isinstance(asal, int | Decimal) and not isinstance(asal, bool):
                # Numbers stay numbers mostly: huge, tiny, negative, many decimals.
                wadah[k] = acak.draw(angka | isi_paket)
            else:
                wadah[k] = acak.draw(teks_sel | isi_paket)
        try:
            paket = baca_paket(muat_json(dumps(data, indent=None)))
        except InvalidPaket:
            event("ditolak saat dibaca")
            return
        sebelum = _jumlah()
        try:
            paket_simpan(paket=paket)
        except (InvalidPaket, ValidationError):
            assert _jumlah() == sebelum
            event("ditolak saat disimpan")
        else:
            event("tersimpan")


def _buku(pd) -> tuple[bytes, object]:
    grid = grid_triwulan(pd, 2024, 2)
    return buku_triwulan(grid, timezone.now()), grid


@pytest.fixture
def pd_a(demo):
    return demo["a"]


@DB
@given(acak=st.data())
def test_any_value_typed_in_the_quarterly_workbook_is_read_or_refused(pd_a, acak):
    data, grid = _buku(pd_a)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[wb.sheetnames[0]]
    for _ in range(acak.draw(st.integers(1, 6))):
        baris = acak.draw(st.integers(BARIS_KEPALA + 1, ws.max_row + 2))
        kolom = acak.draw(st.integers(1, ws.max_column))
        ws.cell(baris, kolom).value = acak.draw(isi_sel)
    keluar = io.BytesIO()
    wb.save(keluar)
    try:
        baris = baca_buku_triwulan(keluar.getvalue(), grid)
    except BukuDitolak as e:
        assert e.galat and all(g.pesan for g in e.galat)
        event("ditolak")
        return
    event("terbaca")
    for b in baris:
        for v in (b.nilai, b.pembilang, b.penyebut):
            assert v is None or not isinstance(v, Decimal) or v.is_finite()


@DB
@given(isi=st.binary(max_size=200))
def test_any_bytes_uploaded_as_a_quarterly_workbook_are_refused(pd_a, isi):
    grid = grid_triwulan(pd_a, 2024, 2)
    with pytest.raises(BukuDitolak):
        baca_buku_triwulan(isi, grid)


@DB
@given(acak=st.data())
def test_any_value_typed_in_the_register_is_read_or_refused_and_a_refusal_writes_nothing(
    demo, acak
):
    from kinerja.models import Renstra
    from kinerja.services.register_xlsx import baca_register, buku_register, register_simpan
    from lib.xlsx_baca import BerkasDitolak

    renstra = Renstra.objects.filter(perangkat_daerah=demo["a"]).first()
    pengguna = get_user_model().objects.get_or_create(username="fuzz")[0]
    wb = openpyxl.load_workbook(io.BytesIO(buku_register(renstra)))
    ws = wb[wb.sheetnames[0]]
    for _ in range(acak.draw(st.integers(1, 6))):
        baris = acak.draw(st.integers(2, ws.max_row + 2))
        kolom = acak.draw(st.integers(1, ws.max_column))
        ws.cell(baris, kolom).value = acak.draw(isi_sel)
    keluar = io.BytesIO()
    wb.save(keluar)
    try:
        baris = baca_register(keluar.getvalue(), renstra)
    except BerkasDitolak as e:
        assert e.galat
        event("ditolak saat dibaca")
        return
    sebelum = _jumlah()
    try:
        register_simpan(baris, pengguna)
    except (ValidationError, SimpanError, BerkasDitolak):
        assert _jumlah() == sebelum
        event("ditolak saat disimpan")
    else:
        event("tersimpan")


def test_the_fixtures_are_there():
    assert (FIXTURES / "randublatung-2024.json").exists()
    assert PerangkatDaerah.objects.count() == 0
