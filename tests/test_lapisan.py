"""Imports run one way: an app imports only its own layer and the layers below it.

lib (pure shared code) <- kinerja (performance chain and the year) <- anggaran
(budget) <- laporan (documents) <- the package import/export app <- lkjip
(settings, URLs). ``kinerja/engine`` and ``lib`` are pure: no Django, no app.
A kinerja template loads no tag library of a higher app.

Read from the source (``ast``), so a function-level import counts as much as
one at the top of a module, and nothing has to be imported to be checked.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent

# The top app (package import/export and demo data); checked once it exists.
APP_PERTUKARAN = "interchange"

PERINGKAT = {
    "lib": 0,
    "kinerja": 1,
    "anggaran": 2,
    "laporan": 3,
    APP_PERTUKARAN: 4,
    "lkjip": 5,
}

# The pure parts: they import neither Django nor any app, except the pure modules named here.
MURNI = ("lib", "kinerja/engine")
BOLEH_DI_MURNI = ("lib", "kinerja.engine", "kinerja.paket.types")

# TEMPORARY, delete at merge: modules that still import upward, fixed by parallel work.
# The data package and its commands read and write every app's rows (the `paket` work moves
# them to the top app); the planning views still ask laporan's LKjIP about the year (the
# `engine` work switches them to kinerja.selectors.tahun).
SEMENTARA_DIIZINKAN = frozenset(
    {
        "kinerja/paket/db.py",
        "kinerja/management/commands/impor_paket.py",
        "kinerja/management/commands/ekspor_paket.py",
        "kinerja/management/commands/muat_demo.py",
        "kinerja/views/perencanaan.py",
    }
)

LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def _berkas(akar: Path, app: str) -> list[Path]:
    folder = akar / app
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.relative_to(akar).parts)


def _impor(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, what is imported) of every absolute import of the module, at any
    depth: ``import a.b`` gives ("a.b", ["a.b"]), ``from a import b`` ("a", ["a.b"])."""
    hasil = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            hasil += [(node.lineno, a.name, [a.name]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            nama = [f"{node.module}.{a.name}" for a in node.names]
            hasil.append((node.lineno, node.module, nama))
    return hasil


def _di_bawah(modul: str, awalan: tuple[str, ...]) -> bool:
    return any(modul == a or modul.startswith(a + ".") for a in awalan)


def impor_ke_atas(akar: Path = AKAR, diizinkan: frozenset[str] = SEMENTARA_DIIZINKAN) -> list[str]:
    """``file:line -> module`` for every import of an app ranked above the importing one."""
    salah = []
    for app, peringkat in PERINGKAT.items():
        for path in _berkas(akar, app):
            rel = path.relative_to(akar).as_posix()
            if rel in diizinkan:
                continue
            for baris, modul, _ in _impor(path):
                atas = PERINGKAT.get(modul.split(".")[0])
                if atas is not None and atas > peringkat:
                    salah.append(f"{rel}:{baris} -> {modul}")
    return salah


def impor_tidak_murni(akar: Path = AKAR) -> list[str]:
    """``file:line -> module`` for every import of Django or an app in the pure parts."""
    salah = []
    modul_murni = [a for a in BOLEH_DI_MURNI if not (akar / a.replace(".", "/")).is_dir()]
    periksa = [p for folder in MURNI for p in _berkas(akar, folder)]
    periksa += [akar / f"{m.replace('.', '/')}.py" for m in modul_murni]
    for path in periksa:
        if not path.is_file():
            continue
        rel = path.relative_to(akar).as_posix()
        for baris, modul, nama in _impor(path):
            puncak = modul.split(".")[0]
            # "from kinerja.paket import types" imports the allowed kinerja.paket.types.
            if _di_bawah(modul, BOLEH_DI_MURNI) or all(_di_bawah(n, BOLEH_DI_MURNI) for n in nama):
                continue
            if puncak == "django" or puncak in PERINGKAT:
                salah.append(f"{rel}:{baris} -> {modul}")
    return salah


def _pustaka_tag(akar: Path) -> dict[str, str]:
    """Tag library name -> the app that defines it."""
    return {
        p.stem: app
        for app in PERINGKAT
        for p in sorted((akar / app / "templatetags").glob("*.py"))
        if p.stem != "__init__"
    }


def _dimuat(teks: str) -> list[tuple[int, str]]:
    hasil = []
    for m in LOAD.finditer(teks):
        kata = m.group(1).split()
        # "{% load a b from lib %}" loads from "lib"; "{% load a b %}" loads a and b.
        nama = kata[-1:] if "from" in kata else kata
        baris = teks.count("\n", 0, m.start()) + 1
        hasil += [(baris, n) for n in nama]
    return hasil


def tag_ke_atas(akar: Path = AKAR) -> list[str]:
    """``template:line -> library (app)`` for every template of an app that loads a tag
    library defined in a higher app."""
    pustaka = _pustaka_tag(akar)
    salah = []
    for app, peringkat in PERINGKAT.items():
        for path in sorted((akar / "templates" / app).rglob("*.html")):
            rel = path.relative_to(akar).as_posix()
            for baris, nama in _dimuat(path.read_text(encoding="utf-8")):
                asal = pustaka.get(nama)
                if asal is not None and PERINGKAT[asal] > peringkat:
                    salah.append(f"{rel}:{baris} -> {nama} ({asal})")
    return salah


def test_no_app_imports_a_higher_app():
    assert impor_ke_atas() == []


def test_the_pure_parts_import_neither_django_nor_an_app():
    assert impor_tidak_murni() == []


def test_no_template_loads_a_tag_library_of_a_higher_app():
    assert tag_ke_atas() == []


def test_the_allowed_violators_still_exist():
    """An entry whose file is gone is dead: delete it (the whole list goes at the merge)."""
    assert [p for p in sorted(SEMENTARA_DIIZINKAN) if not (AKAR / p).is_file()] == []


# ----------------------------------------------------------------- the checks can fail


@pytest.fixture
def proyek(tmp_path: Path) -> Path:
    for app in ("lib", "kinerja/engine", "anggaran", "laporan/templatetags"):
        (tmp_path / app).mkdir(parents=True)
        (tmp_path / app / "__init__.py").write_text("")
    return tmp_path


def test_an_upward_import_is_found_at_any_depth(proyek: Path):
    (proyek / "kinerja" / "views.py").write_text(
        "import os\n"
        "from kinerja.engine import x\n"
        "import anggaran.models\n"
        "\n"
        "def f():\n"
        "    from laporan.models import LKjIP\n"
    )
    (proyek / "anggaran" / "views.py").write_text("from kinerja.models import Pd\n")
    assert impor_ke_atas(proyek, frozenset()) == [
        "kinerja/views.py:3 -> anggaran.models",
        "kinerja/views.py:6 -> laporan.models",
    ]
    assert impor_ke_atas(proyek, frozenset({"kinerja/views.py"})) == []


def test_migrations_are_not_checked(proyek: Path):
    (proyek / "kinerja" / "migrations").mkdir()
    (proyek / "kinerja" / "migrations" / "0001_x.py").write_text("import laporan.models\n")
    assert impor_ke_atas(proyek, frozenset()) == []


def test_django_or_an_app_in_the_pure_parts_is_found(proyek: Path):
    (proyek / "lib" / "grafik.py").write_text("from django.utils.html import escape\n")
    (proyek / "kinerja" / "engine" / "hitung.py").write_text(
        "from kinerja.engine.angka import Nilai\n"
        "from kinerja.paket.types import Paket\n"
        "from kinerja.models import Indikator\n"
        "import lib.grafik\n"
        "from kinerja.paket import types as t\n"
        "from kinerja.paket import db, types\n"
    )
    assert impor_tidak_murni(proyek) == [
        "lib/grafik.py:1 -> django.utils.html",
        "kinerja/engine/hitung.py:3 -> kinerja.models",
        "kinerja/engine/hitung.py:6 -> kinerja.paket",
    ]


def test_a_pure_module_allowed_to_the_engine_is_checked_too(proyek: Path):
    (proyek / "kinerja" / "paket").mkdir()
    (proyek / "kinerja" / "paket" / "types.py").write_text("from django.db import models\n")
    assert impor_tidak_murni(proyek) == ["kinerja/paket/types.py:1 -> django.db"]


def test_a_kinerja_template_loading_a_laporan_library_is_found(proyek: Path):
    (proyek / "laporan" / "templatetags" / "tahun_pd.py").write_text("")
    (proyek / "kinerja" / "templatetags").mkdir()
    (proyek / "kinerja" / "templatetags" / "format_id.py").write_text("")
    folder = proyek / "templates" / "kinerja"
    folder.mkdir(parents=True)
    (folder / "a.html").write_text("{% extends 'base.html' %}\n{% load format_id static %}\n")
    (folder / "b.html").write_text("x\n{% load static tahun_pd %}\n{% load pilih from tahun_pd %}")
    assert tag_ke_atas(proyek) == [
        "templates/kinerja/b.html:2 -> tahun_pd (laporan)",
        "templates/kinerja/b.html:3 -> tahun_pd (laporan)",
    ]
