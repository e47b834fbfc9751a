"""The planner's browser wheel holds only standard-library code, and a rebuild never hides a bad import.

The import checks parse every shipped module, so `prepare_bundle` remembers a checked wheel by
a hash of its sources (cache/wheels/); these tests prove that the memory holds only for the
very same files: a module edited to import a third-party package fails the next build.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.load import load_catalog
from generator.runtime.bundle import BundleError, prepare_bundle

REPO = Path(__file__).resolve().parent.parent
PYODIDE = REPO / "node_modules" / "pyodide"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REPO / "data")


def _source(tmp_path: Path) -> Path:
    """A copy of the generator package's browser half (core/, planner/, __init__.py)."""
    src = tmp_path / "generator"
    src.mkdir()
    shutil.copy(REPO / "generator" / "__init__.py", src / "__init__.py")
    for package in ("core", "planner"):
        shutil.copytree(REPO / "generator" / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    return src


def _wheel_names(bundle) -> set[str]:  # noqa: ANN001 - Bundle
    data = (bundle.app_dir / bundle.manifest["wheel"]).read_bytes()
    return set(zipfile.ZipFile(io.BytesIO(data)).namelist())


def test_a_rebuild_after_an_edit_checks_the_edited_module_again(tmp_path: Path, catalog):
    src, cache = _source(tmp_path), tmp_path / "cache"
    first = prepare_bundle(catalog, cache, PYODIDE, snapshot="off", src_dir=src)
    assert "generator/planner/plan.py" in _wheel_names(first)
    assert not any(name.startswith("generator/pages/") for name in _wheel_names(first))
    again = prepare_bundle(catalog, cache, PYODIDE, snapshot="off", src_dir=src)
    assert again.key == first.key  # remembered: same files, same wheel

    plan = src / "planner" / "plan.py"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nimport yaml  # noqa\n", encoding="utf-8")
    with pytest.raises(BundleError, match=r"generator/planner/plan\.py imports 'yaml'.*standard library only"):
        prepare_bundle(catalog, cache, PYODIDE, snapshot="off", src_dir=src)


@pytest.mark.parametrize("line", ["from ..pages import nav", "from .. import pages", "from ..pages.nav import nav_for"])
def test_a_relative_import_out_of_the_browser_packages_is_refused(tmp_path: Path, catalog, line: str):
    src = _source(tmp_path)  # (no pages/ folder in this copy: the import is refused all the same)
    (src / "core" / "extra.py").write_text(f"from .. import __version__\n{line}\n", encoding="utf-8")
    with pytest.raises(BundleError, match=r"generator/core/extra\.py imports generator\.pages"):
        prepare_bundle(catalog, tmp_path / "cache", PYODIDE, snapshot="off", src_dir=src)


def test_the_remembered_wheel_is_the_wheel_built_afresh(tmp_path: Path, catalog):
    src = _source(tmp_path)
    cached = prepare_bundle(catalog, tmp_path / "a", PYODIDE, snapshot="off", src_dir=src)
    prepare_bundle(catalog, tmp_path / "a", PYODIDE, snapshot="off", src_dir=src)  # from the memory
    fresh = prepare_bundle(catalog, tmp_path / "b", PYODIDE, snapshot="off", src_dir=src)
    for name in (cached.manifest["wheel"], cached.manifest["qrWheel"]):
        assert (cached.app_dir / name).read_bytes() == (fresh.app_dir / name).read_bytes()
