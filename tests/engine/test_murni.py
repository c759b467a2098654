"""The calculation package and lib stay pure: no Django, and lib imports no app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]
APLIKASI = {"kinerja", "anggaran", "laporan", "lkjip", "django"}


def _impor(berkas: Path) -> set[str]:
    pohon = ast.parse(berkas.read_text(encoding="utf-8"))
    modul = {a.name for n in ast.walk(pohon) if isinstance(n, ast.Import) for a in n.names}
    modul |= {
        n.module
        for n in ast.walk(pohon)
        if isinstance(n, ast.ImportFrom) and n.level == 0 and n.module
    }
    return modul


@pytest.mark.parametrize("berkas", sorted((AKAR / "kinerja" / "engine").glob("*.py")), ids=str)
def test_engine_imports_no_django(berkas: Path) -> None:
    modul = _impor(berkas)
    assert not any(m.split(".")[0] == "django" for m in modul), modul
    assert not any(m.startswith(("kinerja.models", "anggaran", "laporan")) for m in modul), modul


@pytest.mark.parametrize("berkas", sorted((AKAR / "lib").glob("*.py")), ids=str)
def test_lib_imports_no_app_and_no_django(berkas: Path) -> None:
    modul = _impor(berkas)
    assert not any(m.split(".")[0] in APLIKASI for m in modul), modul
