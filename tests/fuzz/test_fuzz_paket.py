"""Fuzzing the data package parser (issue 16 §4): for thousands of generated inputs —
random bytes, and a real package with values swapped for arbitrary JSON at random
places — the parser either reads a package or refuses it with ``InvalidPaket``, never
another exception. Pure: no database (the save is fuzzed in test_fuzz_simpan.py)."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from kinerja.engine.angka import NilaiTidakValid, parse_angka, parse_nilai, parse_target
from kinerja.paket import types as t
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import dumps

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# The package as an upload is loaded (numbers exact), written back with ``dumps``.
ASLI = muat_json((FIXTURES / "randublatung-2024.json").read_bytes())

SEDANG = settings(
    max_examples=600, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# Values a careless or hostile file holds where a package expects something else.
nilai_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(
        [
            "",
            " ",
            "1.234,56",
            "60 – 70",
            "70 - 60",
            "Rp 3.312.000.900",
            "2024-02-30",
            "−5,83",
            "1e999",
            "9" * 50,
            "<script>",
            "=SUM(A1)",
            "BB (73,75)",
            "\x00",
        ]
    ),  # fmt: skip
    lambda anak: (
        st.lists(anak, max_size=3) | st.dictionaries(st.text(max_size=6), anak, max_size=3)
    ),
    max_leaves=6,
)


def _jalur(data, acak: st.DataObject) -> tuple[object, object] | None:
    """A random (container, key) inside ``data``."""
    wadah = data
    for _ in range(acak.draw(st.integers(1, 7))):
        if isinstance(wadah, dict) and wadah:
            k = acak.draw(st.sampled_from(sorted(wadah)))
        elif isinstance(wadah, list) and wadah:
            k = acak.draw(st.integers(0, len(wadah) - 1))
        else:
            return None
        anak = wadah[k]
        if not isinstance(anak, dict | list) or not anak or acak.draw(st.booleans()):
            return wadah, k
        wadah = anak
    return None


def _baca(data) -> None:
    try:
        hasil = baca_paket(data)
    except InvalidPaket as e:
        assert e.errors and all(x.pesan for x in e.errors)
        event("ditolak")
    else:
        assert isinstance(hasil, t.Paket)
        event("terbaca")


@SEDANG
@given(st.data())
def test_a_package_with_values_swapped_is_read_or_refused(acak):
    data = copy.deepcopy(ASLI)
    for _ in range(acak.draw(st.integers(1, 4))):
        tempat = _jalur(data, acak)
        if tempat is None:
            continue
        wadah, k = tempat
        if acak.draw(st.booleans()) and isinstance(wadah, dict):
            del wadah[k]
        else:
            wadah[k] = acak.draw(nilai_json)
    # Through the JSON text, as an upload arrives (Decimals exact).
    teks = dumps(data, indent=None)
    try:
        dimuat = muat_json(teks)
    except InvalidPaket:
        return
    _baca(dimuat)


@SEDANG
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@example(b"{" * 5000)
@example(b'{"a": 1, "a": 2}')
@example(b"1" * 5000)
@example("\ufeff{}".encode())
def test_any_bytes_are_read_or_refused(isi):
    try:
        data = muat_json(isi)
    except InvalidPaket as e:
        assert e.errors
        return
    _baca(data)


@settings(max_examples=2000)
@given(st.text(max_size=40))
@example("1" * 5000)
@example("60 – 70 – 80")
@example("Rp")
def test_number_text_is_a_number_or_refused(teks):
    for fungsi in (parse_angka, parse_nilai, parse_target):
        try:
            hasil = fungsi(teks)
        except NilaiTidakValid:
            continue
        angka = hasil if isinstance(hasil, Decimal) else hasil.angka
        assert angka is None or angka.is_finite()
