"""The Inspektorat's second reviewer of Blora (and one of Jombang) besides the cast of tests/conftest.py."""

from __future__ import annotations

import pytest

from tests.conftest import _pengguna


@pytest.fixture
def pengendali(demo):
    return _pengguna("pengendali", "pengendali_teknis", pemda=demo["a"].pemda)


@pytest.fixture
def pengendali_lain(demo):
    return _pengguna("pengendali_lain", "pengendali_teknis", pemda=demo["lain"].pemda)
