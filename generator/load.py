"""Read the data directory: the only module of the core that touches files.

`load_catalog(data_dir)` parses every YAML file, converts it into the frozen model and
checks every cross-reference, then raises one DataError listing all problems at once.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import yaml

from .core.catalog import KINDS, build_catalog
from .core.errors import DataError, Problem
from .core.model import Catalog
from .planner.profile import check_sample_plans as _registers_sample_plan_check  # noqa: F401

__all__ = ["DEFAULT_DATA_DIR", "data_files", "data_fingerprint", "figure_bytes", "load_catalog"]

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys instead of silently keeping the last one."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def data_files(data_dir: Path) -> list[Path]:
    """Every data file that makes up the catalog, in a stable order."""
    return sorted(p for kind in KINDS for p in (data_dir / kind).glob("*.yaml"))


def data_fingerprint(data_dir: Path) -> str:
    """A hash of every data file's name and bytes (for caches keyed on the data)."""
    digest = hashlib.sha256()
    for path in data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read(path: Path, shown: str, problems: list[Problem]) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, "(file)", f"cannot be read: {exc}"))
        return None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        what = exc.problem or exc.context or "invalid YAML"
        problems.append(Problem(shown, where, f"YAML syntax error: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, "(file)", f"YAML syntax error: {exc}"))
    return None


def _figure_path(data_dir: Path, name: str) -> Path | None:
    """The figure's file, or None when the name is not a plain .svg file name."""
    if not name.endswith(".svg") or name != Path(name).name or name.startswith("."):
        return None
    return data_dir / "figures" / name


def _check_figures(data_dir: Path, catalog: Catalog, problems: list[Problem]) -> None:
    """Every exercise's `figure` names an existing file under <data_dir>/figures/."""
    for ex in catalog.exercises:
        if not ex.figure:
            continue
        shown = f"{data_dir.name}/exercises/{ex.id}.yaml"
        folder = f"{data_dir.name}/figures"
        path = _figure_path(data_dir, ex.figure)
        if path is None:
            message = f"expected the name of an .svg file in {folder}/, found {ex.figure!r}"
            problems.append(Problem(shown, "figure", message))
        elif not path.is_file():
            problems.append(Problem(shown, "figure", f"expected a file {folder}/{ex.figure}, found none"))


def figure_bytes(data_dir: Path | str, catalog: Catalog) -> dict[str, bytes]:
    """The bytes of every figure the catalog's exercises name, keyed by file name."""
    data_dir = Path(data_dir)
    figures: dict[str, bytes] = {}
    for name in sorted({ex.figure for ex in catalog.exercises if ex.figure}):
        path = _figure_path(data_dir, name)
        if path is not None:
            figures[name] = path.read_bytes()
    return figures


def load_catalog(data_dir: Path | str = DEFAULT_DATA_DIR) -> Catalog:
    """Load, convert and cross-check the whole data directory.

    Raises:
        DataError: with every problem found, each naming file and field.
    """
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), "(directory)", "data directory not found")])
    raw: dict[str, list[tuple[str, object]]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        folder = data_dir / kind
        files = sorted(folder.glob("*.yaml"))
        if kind in ("exercises", "muscles", "equipment", "conditions") and not files:
            problems.append(
                Problem(f"{data_dir.name}/{kind}/", "(directory)", "expected at least one .yaml file, found none")
            )
        for path in files:
            shown = f"{data_dir.name}/{kind}/{path.name}"
            before = len(problems)
            value = _read(path, shown, problems)
            if len(problems) == before:
                raw[kind].append((shown, value))
    catalog = build_catalog(raw, problems)
    _check_figures(data_dir, catalog, problems)
    if problems:
        raise DataError(problems)
    log.debug("loaded %d exercises from %s", len(catalog.exercises), data_dir)
    return catalog
