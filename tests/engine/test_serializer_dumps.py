"""``dumps`` writes Decimals as exact JSON numbers through the C encoder; the text is
the one the plain recursive writer (``_encode``) gives, whatever the data."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kinerja.paket.parser import baca_paket, muat_json
from kinerja.paket.serializer import _encode, dumps, tulis_paket

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

_daun = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["\x00angka:1", "\x00angka:-2.50", "angka:3"])
)
_data = st.recursive(
    _daun,
    lambda anak: (
        st.lists(anak, max_size=4) | st.dictionaries(st.text(max_size=8), anak, max_size=4)
    ),
    max_leaves=30,
)


@given(_data)
@example({"a": "\x00angka:1", "b": Decimal("2.50")})
@example([Decimal("-0.00"), Decimal("1E+3"), Decimal("0.000001")])
def test_the_text_is_the_plain_writers_text(data):
    for indent in (None, 2):
        assert dumps(data, indent=indent) == _encode(data, 0, indent)


@pytest.mark.parametrize("nama", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_a_demo_package_is_written_as_before(nama):
    paket = baca_paket(muat_json((FIXTURES / nama).read_text(encoding="utf-8")))
    data = tulis_paket(paket)
    for indent in (None, 2):
        teks = dumps(data, indent=indent)
        assert teks == _encode(data, 0, indent)
        assert json.loads(teks, parse_float=Decimal) == json.loads(
            _encode(data, 0, indent), parse_float=Decimal
        )


def test_an_infinite_decimal_is_refused():
    with pytest.raises(ValueError, match="tak hingga"):
        dumps({"a": Decimal("Infinity")})
