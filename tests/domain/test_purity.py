"""annota.domain imports only the standard library, numpy, shapely and itself (STYLE.md: a pure core)."""

import ast
import subprocess
import sys
from pathlib import Path

import annota.domain

DOMAIN_ROOT = Path(annota.domain.__file__).parent
ALLOWED_THIRD_PARTY = frozenset({"numpy", "shapely"})
OWN_PACKAGE = "annota.domain"


def forbidden_imports(source: str) -> list[str]:
    """Every module imported by `source` (top-level or nested) that the domain may not import."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
            names = [node.module]
        else:
            continue  # relative imports stay inside the package
        found += [name for name in names if not is_allowed(name)]
    return found


def is_allowed(module: str) -> bool:
    top = module.split(".")[0]
    if top == "annota":
        return module == OWN_PACKAGE or module.startswith(OWN_PACKAGE + ".")
    return top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY


def test_checker_flags_a_third_party_import() -> None:
    assert forbidden_imports("import sqlalchemy\nimport os\n") == ["sqlalchemy"]


def test_checker_flags_from_imports_nested_imports_and_other_annota_packages() -> None:
    source = """
from pydantic import BaseModel
from annota.storage import tables
from annota import settings
import annota.domainx
def f():
    import httpx
"""
    assert forbidden_imports(source) == ["pydantic", "annota.storage", "annota", "annota.domainx", "httpx"]


def test_checker_allows_stdlib_numpy_shapely_and_the_domain_itself() -> None:
    source = """
from __future__ import annotations
import math, dataclasses
import numpy as np
from numpy.typing import NDArray
import shapely.affinity
from annota.domain.shapes import base
from annota.domain import wire
from . import sibling
from .shapes import rectangle
"""
    assert forbidden_imports(source) == []


def test_every_domain_module_imports_only_allowed_modules() -> None:
    modules = sorted(DOMAIN_ROOT.rglob("*.py"))
    assert len(modules) > 20
    offenders = {
        str(path.relative_to(DOMAIN_ROOT)): bad
        for path in modules
        if (bad := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_importing_every_domain_module_loads_nothing_beyond_numpy_shapely_and_the_stdlib() -> None:
    names = [
        "annota.domain." + ".".join(p.relative_to(DOMAIN_ROOT).with_suffix("").parts)
        for p in DOMAIN_ROOT.rglob("*.py")
        if p.name != "__init__.py"
    ]
    # what the interpreter, numpy and shapely load on their own is the baseline
    code = (
        "import importlib, sys, numpy, shapely\n"
        "before = set(sys.modules)\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = set(result.stdout.split())
    assert OWN_PACKAGE + ".shapes.registry" in loaded
    # "annota" itself (the parent package) only holds __version__
    outsiders = {
        m for m in loaded - {"annota"} if not is_allowed(m) and m.split(".")[0] not in ALLOWED_THIRD_PARTY
    }
    assert outsiders == set()
