"""Imports run one way: an app imports only its own layer and the layers below it.

lib (pure shared code) <- kinerja (performance chain and the year) <- anggaran
(budget) <- laporan (documents) <- evaluasi (the LKE AKIP evaluation) <- the package
import/export app <- lkjip (settings, URLs). ``kinerja/engine`` and ``lib`` are pure: no Django, no app.
A kinerja template loads no tag library of a higher app.

Read from the source (``ast``), so a function-level import counts as much as
one at the top of a module, and nothing has to be imported to be checked.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The top app (package import/export and demo data); checked once it exists.
INTERCHANGE_APP = "interchange"

RANK = {
    "lib": 0,
    "kinerja": 1,
    "anggaran": 2,
    "laporan": 3,
    "evaluasi": 4,
    INTERCHANGE_APP: 5,
    "lkjip": 6,
}

# The pure parts: they import neither Django nor any app, except the pure modules named here.
PURE = ("lib", "kinerja/engine")
ALLOWED_IN_PURE = ("lib", "kinerja.engine", "kinerja.paket.types")

LOAD_TAG = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def _files(root: Path, app: str) -> list[Path]:
    folder = root / app
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.relative_to(root).parts)


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, what is imported) of every absolute import of the module, at any
    depth: ``import a.b`` gives ("a.b", ["a.b"]), ``from a import b`` ("a", ["a.b"])."""
    result = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            result += [(node.lineno, a.name, [a.name]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
            result.append((node.lineno, node.module, names))
    return result


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == a or module.startswith(a + ".") for a in prefixes)


def upward_imports(root: Path = ROOT) -> list[str]:
    """``file:line -> module`` for every import of an app ranked above the importing one."""
    found = []
    for app, rank in RANK.items():
        for path in _files(root, app):
            rel = path.relative_to(root).as_posix()
            for line, module, _ in _imports(path):
                higher = RANK.get(module.split(".")[0])
                if higher is not None and higher > rank:
                    found.append(f"{rel}:{line} -> {module}")
    return found


def impure_imports(root: Path = ROOT) -> list[str]:
    """``file:line -> module`` for every import of Django or an app in the pure parts."""
    found = []
    pure_modules = [a for a in ALLOWED_IN_PURE if not (root / a.replace(".", "/")).is_dir()]
    checked = [p for folder in PURE for p in _files(root, folder)]
    checked += [root / f"{m.replace('.', '/')}.py" for m in pure_modules]
    for path in checked:
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        for line, module, names in _imports(path):
            top = module.split(".")[0]
            # "from kinerja.paket import types" imports the allowed kinerja.paket.types.
            if _under(module, ALLOWED_IN_PURE) or all(_under(n, ALLOWED_IN_PURE) for n in names):
                continue
            if top == "django" or top in RANK:
                found.append(f"{rel}:{line} -> {module}")
    return found


def _tag_libraries(root: Path) -> dict[str, str]:
    """Tag library name -> the app that defines it."""
    return {
        p.stem: app
        for app in RANK
        for p in sorted((root / app / "templatetags").glob("*.py"))
        if p.stem != "__init__"
    }


def _loaded(text: str) -> list[tuple[int, str]]:
    result = []
    for m in LOAD_TAG.finditer(text):
        words = m.group(1).split()
        # "{% load a b from lib %}" loads from "lib"; "{% load a b %}" loads a and b.
        names = words[-1:] if "from" in words else words
        line = text.count("\n", 0, m.start()) + 1
        result += [(line, n) for n in names]
    return result


def upward_tag_libraries(root: Path = ROOT) -> list[str]:
    """``template:line -> library (app)`` for every template of an app that loads a tag
    library defined in a higher app."""
    libraries = _tag_libraries(root)
    found = []
    for app, rank in RANK.items():
        for path in sorted((root / "templates" / app).rglob("*.html")):
            rel = path.relative_to(root).as_posix()
            for line, name in _loaded(path.read_text(encoding="utf-8")):
                app_of = libraries.get(name)
                if app_of is not None and RANK[app_of] > rank:
                    found.append(f"{rel}:{line} -> {name} ({app_of})")
    return found


TEMPLATE_REF = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"'/]+)/""")


def upward_template_references(root: Path = ROOT) -> list[str]:
    """``template:line -> folder`` for every template of an app that includes or extends,
    by a name written in it, a template of a higher app (a name given at run time by the
    higher app's view or context processor is the way round)."""
    found = []
    for app, rank in RANK.items():
        for path in sorted((root / "templates" / app).rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            for m in TEMPLATE_REF.finditer(text):
                if RANK.get(m.group(1), -1) > rank:
                    line = text.count("\n", 0, m.start()) + 1
                    found.append(f"{path.relative_to(root).as_posix()}:{line} -> {m.group(1)}")
    return found


def test_no_template_includes_a_template_of_a_higher_app():
    assert upward_template_references() == []


def test_an_include_of_a_higher_apps_template_is_found(project: Path):
    folder = project / "templates" / "kinerja"
    folder.mkdir(parents=True)
    (folder / "a.html").write_text(
        '{% extends "base.html" %}\n{% include "kinerja/_x.html" %}\n'
        "{% include 'evaluasi/_y.html' with a=1 %}{% include sisipan %}"
    )
    assert upward_template_references(project) == ["templates/kinerja/a.html:3 -> evaluasi"]


def test_no_app_imports_a_higher_app():
    assert upward_imports() == []


def test_the_pure_parts_import_neither_django_nor_an_app():
    assert impure_imports() == []


def test_no_template_loads_a_tag_library_of_a_higher_app():
    assert upward_tag_libraries() == []


# ----------------------------------------------------------------- the checks can fail


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for app in ("lib", "kinerja/engine", "anggaran", "laporan/templatetags"):
        (tmp_path / app).mkdir(parents=True)
        (tmp_path / app / "__init__.py").write_text("")
    return tmp_path


def test_an_upward_import_is_found_at_any_depth(project: Path):
    (project / "kinerja" / "views.py").write_text(
        "import os\n"
        "from kinerja.engine import x\n"
        "import anggaran.models\n"
        "\n"
        "def f():\n"
        "    from laporan.models import LKjIP\n"
    )
    (project / "anggaran" / "views.py").write_text("from kinerja.models import Pd\n")
    assert upward_imports(project) == [
        "kinerja/views.py:3 -> anggaran.models",
        "kinerja/views.py:6 -> laporan.models",
    ]


def test_migrations_are_not_checked(project: Path):
    (project / "kinerja" / "migrations").mkdir()
    (project / "kinerja" / "migrations" / "0001_x.py").write_text("import laporan.models\n")
    assert upward_imports(project) == []


def test_django_or_an_app_in_the_pure_parts_is_found(project: Path):
    (project / "lib" / "grafik.py").write_text("from django.utils.html import escape\n")
    (project / "kinerja" / "engine" / "hitung.py").write_text(
        "from kinerja.engine.angka import Nilai\n"
        "from kinerja.paket.types import Paket\n"
        "from kinerja.models import Indikator\n"
        "import lib.grafik\n"
        "from kinerja.paket import types as t\n"
        "from kinerja.paket import db, types\n"
    )
    assert impure_imports(project) == [
        "lib/grafik.py:1 -> django.utils.html",
        "kinerja/engine/hitung.py:3 -> kinerja.models",
        "kinerja/engine/hitung.py:6 -> kinerja.paket",
    ]


def test_a_pure_module_allowed_to_the_engine_is_checked_too(project: Path):
    (project / "kinerja" / "paket").mkdir()
    (project / "kinerja" / "paket" / "types.py").write_text("from django.db import models\n")
    assert impure_imports(project) == ["kinerja/paket/types.py:1 -> django.db"]


def test_a_kinerja_template_loading_a_laporan_library_is_found(project: Path):
    (project / "laporan" / "templatetags" / "tahun_pd.py").write_text("")
    (project / "kinerja" / "templatetags").mkdir()
    (project / "kinerja" / "templatetags" / "format_id.py").write_text("")
    folder = project / "templates" / "kinerja"
    folder.mkdir(parents=True)
    (folder / "a.html").write_text("{% extends 'base.html' %}\n{% load format_id static %}\n")
    (folder / "b.html").write_text("x\n{% load static tahun_pd %}\n{% load pilih from tahun_pd %}")
    assert upward_tag_libraries(project) == [
        "templates/kinerja/b.html:2 -> tahun_pd (laporan)",
        "templates/kinerja/b.html:3 -> tahun_pd (laporan)",
    ]


# kinerja/models.py is the schema of the whole chain in one module, as Django keeps it.
PANJANG_MAKS, PANJANG_BOLEH = 800, {"kinerja/models.py"}


def long_modules(root: Path = ROOT) -> list[str]:
    """``path: lines`` of every module (not migrations or tests) longer than 800 lines."""
    found = []
    for app in RANK:
        for path in _files(root, app):
            rel = path.relative_to(root).as_posix()
            n = len(path.read_text(encoding="utf-8").splitlines())
            if n > PANJANG_MAKS and rel not in PANJANG_BOLEH:
                found.append(f"{rel}: {n}")
    return found


def test_no_module_is_longer_than_800_lines():
    assert long_modules() == []


def test_a_long_module_is_found(project: Path):
    (project / "laporan" / "panjang.py").write_text("x = 1\n" * 801)
    (project / "kinerja" / "models.py").write_text("x = 1\n" * 900)
    assert long_modules(project) == ["laporan/panjang.py: 801"]
