"""Read the data directory: the only module of the core that touches files.

`load_catalog(data_dir)` parses every YAML file, converts it into the frozen model and
checks every cross-reference, then raises one DataError listing all problems at once.

Data is input from anyone who sends a pull request, so reading refuses rather than trusts:
only regular files inside the data folder are opened (a symbolic link leaving it, a FIFO, a
device or a folder named *.yaml is refused by name, and nothing is opened in a way that could
block), files over `MAX_FILE_BYTES` are refused, and the YAML loader refuses anchors and
aliases (a 900-byte "billion laughs" file would otherwise build gigabytes), nesting deeper than
`MAX_DEPTH`, integers longer than `MAX_INT_DIGITS` digits and keys that are not plain values.
Each refusal is one line naming the file, like every other problem.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Hashable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from .core.catalog import KINDS, UNREADABLE, build_catalog
from .core.errors import DataError, Problem
from .core.model import Catalog
from .figures.check import check_bodymap, check_pose_file, geometry_problems
from .figures.files import FigureData, figure_files
from .figures.model import PoseFile
from .planner.profile import check_sample_plans as _registers_sample_plan_check  # noqa: F401

__all__ = [
    "DEFAULT_DATA_DIR",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INT_DIGITS",
    "FigureFiles",
    "data_files",
    "data_fingerprint",
    "figure_bytes",
    "load_catalog",
    "load_figure_data",
    "load_guide",
]

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


MAX_FILE_BYTES = 256 * 1024  # the largest data file today is about 6 KB
MAX_DEPTH = 32
MAX_INT_DIGITS = 15


class _Refusal(yaml.MarkedYAMLError):
    """Valid YAML that the guide's loader refuses (an alias, deep nesting, a huge number, a list as a key)."""


class _Hardened:
    """The refusals, for a loader that composes nodes in Python (PyYAML's Composer).

    Mixed into PyYAML's pure-Python SafeLoader, and into its C loader, whose scanner and parser
    (libyaml) are about ten times faster: there the nodes are composed by PyYAML's Python
    Composer from libyaml's events, so every refusal below runs the same way in both.
    """

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]  # noqa: ANN001 - PyYAML's API
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            raise _Refusal(
                None,
                None,
                f"expected plain YAML, found an alias (*{event.anchor}): aliases are not allowed",
                event.start_mark,
            )
        if getattr(event, "anchor", None) is not None:
            raise _Refusal(
                None,
                None,
                f"expected plain YAML, found an anchor (&{event.anchor}): anchors are not allowed",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                message = f"expected at most {MAX_DEPTH} levels of nesting, found more"
                raise _Refusal(None, None, message, event.start_mark)
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _UniqueKeyLoader(_Hardened, yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys, anchors and aliases, deep nesting and huge integers."""


_CSafeLoader = getattr(yaml, "CSafeLoader", None)  # None when PyYAML was built without libyaml
CParser = getattr(getattr(yaml, "_yaml", None), "CParser", None)  # libyaml's event parser
_FastBase = _CSafeLoader or yaml.SafeLoader


class _FastLoader(_Hardened, yaml.composer.Composer, _FastBase):  # type: ignore[misc, valid-type]
    """The same refusals over libyaml's events: the nodes are composed by PyYAML's Python Composer
    (so an alias or an anchor is refused before anything is built), only scanning and parsing
    run in C."""

    def __init__(self, stream: str) -> None:
        _FastBase.__init__(self, stream)
        self.anchors: dict = {}


def _construct_mapping(loader: _Hardened, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
        if not isinstance(key, Hashable):
            found = "a list" if isinstance(key, list) else "a mapping" if isinstance(key, dict) else "a value"
            message = f"expected a field name as the key, found {found}"
            raise _Refusal(None, None, message, key_node.start_mark)
        if key in seen:
            raise _Refusal(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)  # type: ignore[arg-type]


def _construct_int(loader: _Hardened, node: yaml.ScalarNode) -> int:
    digits = sum(c.isdigit() for c in node.value)
    if digits > MAX_INT_DIGITS:
        message = f"expected a number of at most {MAX_INT_DIGITS} digits, found one of {digits} digits"
        raise _Refusal(None, None, message, node.start_mark)
    return loader.construct_yaml_int(node)  # type: ignore[attr-defined]


for _loader in (_UniqueKeyLoader, _FastLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)  # type: ignore[type-var]


class _Irregular(Exception):
    """Raised by the plain reader at anything it does not take: the hardened loader reads the file instead."""


_SCALARS = yaml.constructor.SafeConstructor()  # its scalar constructors need no state
_RESOLVER = yaml.resolver.Resolver()
_PLAIN = (True, False)
_NO_KEY = object()  # in a mapping: the next scalar is a key
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp",
}  # fmt: skip


def _plain_yaml(text: str) -> object:
    """The value of plain YAML (mappings, lists and untagged scalars), built straight from libyaml's events.

    What data files hold, and nothing more: an alias, an anchor, an explicit tag, a merge key,
    a duplicate or non-scalar key, nesting deeper than MAX_DEPTH, a long number or more than
    one document raises _Irregular, and the hardened loader reads the file again, refusing or
    reading it in its own words. For plain YAML the value is what the hardened loader builds
    (PyYAML's resolver and scalar constructors decide every scalar); no node tree is built.
    """
    if CParser is None:
        raise _Irregular
    parser = CParser(text)
    try:
        parser.get_event()  # the stream's start
        if not isinstance(parser.get_event(), yaml.DocumentStartEvent):
            raise _Irregular  # an empty stream
        root: list = []
        stack: list = []  # (container, pending key) per open mapping or list
        container: Any = root
        key: Any = _NO_KEY  # in a mapping: the key whose value comes next
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Irregular
                if event.implicit[0]:
                    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, _PLAIN)
                else:
                    tag = "tag:yaml.org,2002:str"
                if tag == "tag:yaml.org,2002:str":
                    value = event.value
                elif tag == "tag:yaml.org,2002:int":
                    if sum(c.isdigit() for c in event.value) > MAX_INT_DIGITS:
                        raise _Irregular
                    value = _SCALARS.construct_yaml_int(yaml.ScalarNode(tag, event.value))
                elif tag in _SCALAR_TAGS:
                    value = _SCALARS.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, event.value))
                else:
                    raise _Irregular  # a merge key, "=", or a tag of a resolver added elsewhere
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH - 1:
                    raise _Irregular
                if type(container) is dict and key is _NO_KEY:
                    raise _Irregular  # a mapping or a list as a key
                stack.append((container, key))
                container, key = ({} if kind is yaml.MappingStartEvent else []), _NO_KEY
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = container
                container, key = stack.pop()
            elif kind is yaml.DocumentEndEvent and container is root:
                if not isinstance(parser.get_event(), yaml.StreamEndEvent) or len(root) != 1:
                    raise _Irregular
                return root[0]
            else:
                raise _Irregular  # an alias, or a second document
            if type(container) is dict:
                if key is _NO_KEY:
                    if value in container:
                        raise _Irregular  # a duplicate key
                    key = value
                    continue
                container[key] = value
                key = _NO_KEY
            else:
                container.append(value)
    finally:
        parser.dispose()


def _parse_yaml(text: str) -> object:
    """The YAML value of `text`, read by the fastest loader that reads it the same way.

    Plain YAML without the characters the pure-Python reader refuses is read by `_plain_yaml`;
    anything it does not take goes to the hardened loaders: libyaml's parser with PyYAML's
    composer, then the pure-Python loader, so a refusal or a syntax error is reported with
    exactly the same words as always.
    """
    if _CSafeLoader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return _plain_yaml(text)
        except (_Irregular, yaml.YAMLError, ValueError, TypeError):
            pass
        try:
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader with the same refusals
        except (yaml.YAMLError, RecursionError, MemoryError, ValueError):
            pass
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass


class _Refused(Exception):
    """A data file that is not read: the message says why (one line)."""


_KINDS_OF_FILE = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS_OF_FILE if test(mode)), "not a regular file")


def read_data_file(path: Path, root: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file inside `root` (resolved), read without ever blocking.

    Raises:
        _Refused: a symbolic link leading out of `root`, anything but a regular file, or a file
            over `limit` bytes; or an OS error while reading.
    """
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve(strict=True)
            if not target.is_relative_to(root):
                raise _Refused("expected a file inside the data folder, found a symbolic link to a file outside it")
            path, info = target, target.stat()
        kind = _not_regular(info.st_mode)
        if kind:
            raise _Refused(f"expected a regular file, found {kind}")
        if info.st_size > limit:
            raise _Refused(f"expected at most {limit // 1024} KB, found {info.st_size // 1024} KB")
        # O_NONBLOCK: if the file was swapped for a FIFO since, opening it still returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        try:
            kind = _not_regular(os.fstat(fd).st_mode)
            if kind:
                raise _Refused(f"expected a regular file, found {kind}")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        finally:
            os.close(fd)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop (Python < 3.13)
        raise _Refused(f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > limit:
        raise _Refused(f"expected at most {limit // 1024} KB, found more")
    return data


def data_files(data_dir: Path) -> list[Path]:
    """Every data file that makes up the guide (the catalog, the poses, the body map), in a stable order."""
    files = [p for kind in (*KINDS, "poses") for p in (data_dir / kind).glob("*.yaml")]
    return sorted(files + [p for p in [data_dir / BODYMAP_FILE] if p.exists()])


def data_fingerprint(data_dir: Path) -> str:
    """A hash of every data file's name and bytes (for caches keyed on the data)."""
    digest = hashlib.sha256()
    root = data_dir.resolve()
    for path in data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        try:
            digest.update(read_data_file(path, root) + b"\0")
        except _Refused as exc:
            digest.update(str(exc).encode() + b"\0")
    return digest.hexdigest()


def _read(path: Path, shown: str, problems: list[Problem], root: Path) -> object:
    try:
        text = read_data_file(path, root).decode("utf-8")
    except _Refused as exc:
        problems.append(Problem(shown, "(file)", str(exc)))
        return UNREADABLE
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown, "(file)", f"expected UTF-8 text, found a byte that is not ({exc.reason})"))
        return UNREADABLE
    try:
        return _parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        what = exc.problem or exc.context or "invalid YAML"
        problems.append(Problem(shown, where, what if isinstance(exc, _Refusal) else f"YAML syntax error: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, "(file)", f"YAML syntax error: {exc}"))
    except (RecursionError, MemoryError, ValueError) as exc:  # belt and braces: never a traceback
        problems.append(Problem(shown, "(file)", f"cannot be read as YAML: {type(exc).__name__}"))
    return UNREADABLE


BODYMAP_FILE = "bodymap.yaml"


def _read_figure_data(data_dir: Path, catalog: Catalog, problems: list[Problem]) -> FigureData | None:
    """The poses (one file per exercise, data/poses/<id>.yaml) and the body map, checked.

    A pose file must exist for every exercise and name only a known one; its contacts must
    touch their surfaces and no body part may sink into the floor or a prop.
    """
    root = data_dir.resolve()
    ids = [ex.id for ex in catalog.exercises]
    known = set(ids)
    folder = f"{data_dir.name}/poses"
    found = {p.stem: p for p in sorted((data_dir / "poses").glob("*.yaml"))}
    poses: dict[str, PoseFile] = {}
    before = len(problems)
    for stem, path in found.items():
        shown = f"{folder}/{path.name}"
        if stem not in known and not (data_dir / "exercises" / path.name).exists():  # an unreadable one is known
            message = f"expected the id of an exercise in {data_dir.name}/exercises/ as the file name, found {stem!r}"
            problems.append(Problem(shown, "(file)", message))
            continue
        value = _read(path, shown, problems, root)
        if value is UNREADABLE:
            continue
        pose = check_pose_file(shown, value, stem, problems)
        if pose is not None:
            geometry = geometry_problems(shown, pose)
            problems.extend(geometry)
            if not geometry:
                poses[stem] = pose
    for ex_id in ids:
        if ex_id not in found:
            message = f"expected the start and finish positions of exercise {ex_id!r}, found no file"
            problems.append(Problem(f"{folder}/{ex_id}.yaml", "(file)", message))
    shown = f"{data_dir.name}/{BODYMAP_FILE}"
    bodymap = None
    if not (data_dir / BODYMAP_FILE).exists():
        problems.append(Problem(shown, "(file)", "expected the body map's regions, found no file"))
    else:
        value = _read(data_dir / BODYMAP_FILE, shown, problems, root)
        if value is not UNREADABLE:
            bodymap = check_bodymap(shown, value, [m.id for m in catalog.muscles], problems)
    if bodymap is None or len(problems) > before:
        return None
    return FigureData(poses, bodymap)


def load_figure_data(data_dir: Path | str, catalog: Catalog) -> FigureData:
    """The poses and the body map the figures are drawn from.

    Raises:
        DataError: a pose or body map problem (load_catalog reports the same problems first).
    """
    problems: list[Problem] = []
    data = _read_figure_data(Path(data_dir), catalog, problems)
    if data is None:
        raise DataError(problems)
    return data


class FigureFiles(Mapping[str, bytes]):
    """The figures of one set in the figure cache: a file each, read when asked for.

    A build publishes them by copying the files (`path`) and reads only those its pages write
    inline, so a large catalog's figures are not all held in memory (479 MB at 5,000
    exercises). `key` names the set: the hash of everything the figures are drawn from.
    """

    def __init__(self, folder: Path, names: list[str], key: str) -> None:
        self.folder, self.key = folder, key
        self._names = dict.fromkeys(names)

    def path(self, name: str) -> Path:
        if name not in self._names:
            raise KeyError(name)
        return self.folder / name

    def __getitem__(self, name: str) -> bytes:
        return self.path(name).read_bytes()

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


_FIGURE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.svg")
_FIGURE_SETS_KEPT = 4  # a few sites or branches


def _kept_figures(folder: Path, key: str) -> FigureFiles | None:
    """The set in `folder`, if it is whole (its index is written last) and names only figures."""
    try:
        names = json.loads((folder / "index.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(names, list) or not all(isinstance(n, str) and _FIGURE_NAME.fullmatch(n) for n in names):
        return None
    return FigureFiles(folder, names, key)


def _keep_figures(cache: Path, key: str, figures: dict[str, bytes]) -> None:
    """Write a set into cache/figures-<key>/ whole or not at all, and drop all but the latest sets."""
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"figures-{key}.", suffix=".part", dir=cache))
    try:
        for name, data in figures.items():
            if not _FIGURE_NAME.fullmatch(name):
                raise OSError(f"unexpected figure name {name!r}")
            (work / name).write_bytes(data)
        (work / "index.json").write_text(json.dumps(list(figures)), encoding="utf-8")
        final = cache / f"figures-{key}"
        if final.is_dir() and _kept_figures(final, key) is None:
            shutil.rmtree(final, ignore_errors=True)  # a set left broken: replaced
        try:
            work.rename(final)
        except OSError:  # another build wrote the same set first
            return
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    sets = sorted(cache.glob("figures-*"), key=lambda p: p.stat().st_mtime)
    parts = [p for p in sets if p.name.endswith(".part")]
    stale = [p for p in parts if p.stat().st_mtime < time.time() - 3600]  # left by a build that was killed
    for old in stale + [p for p in sets if p not in parts][:-_FIGURE_SETS_KEPT]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)  # the single-file sets of earlier versions


def _figure_key(data_dir: Path, catalog: Catalog) -> str | None:
    """The name of a figure set: a hash of the files the figures are read from (the poses and the
    body map, as bytes), what they take from the catalog, and the code that checks and draws them.

    None when a figure file is refused (the full check then reports it). A set is kept only once
    its files have passed every check, so a set found under this key stands for those checks.
    """
    root = data_dir.resolve()
    digest = hashlib.sha256()
    try:
        for path in [*sorted((data_dir / "poses").glob("*.yaml")), data_dir / BODYMAP_FILE]:
            digest.update(path.name.encode() + b"\0" + read_data_file(path, root) + b"\0")
    except _Refused:
        return None
    digest.update(repr([(e.id, e.name, e.primary_muscles, e.secondary_muscles) for e in catalog.exercises]).encode())
    digest.update(repr([(m.id, m.name) for m in catalog.muscles]).encode())
    for code in [*sorted((Path(__file__).parent / "figures").glob("*.py")), Path(__file__)]:
        digest.update(b"\0" + code.read_bytes())
    return digest.hexdigest()[:24]


def _kept_set(cache_dir: Path | str, key: str | None) -> FigureFiles | None:
    """The whole set kept under `key` in the figure cache, if there is one."""
    return _kept_figures(Path(cache_dir) / f"figures-{key}", key) if key else None


def figure_bytes(
    data_dir: Path | str,
    catalog: Catalog,
    cache_dir: Path | str | None = None,
    *,
    data: FigureData | None = None,
) -> Mapping[str, bytes]:
    """Every generated figure (generator.figures.files), keyed by its file name under assets/figures/.

    With `cache_dir`, the figures are kept there under `_figure_key` (the bytes they are read
    from and the code that checks and draws them), one file each (cache_dir/figures-<key>/),
    and returned as FigureFiles, which reads a figure when asked for: drawing takes about 90 ms
    an exercise, most of a warm build of a large catalog. `data` is the figure data of
    `catalog` (read again from `data_dir` when not given, and not read at all for a kept set).

    Raises:
        DataError: a pose or body map problem (load_catalog reports the same problems first).
    """
    data_dir = Path(data_dir)
    key = _figure_key(data_dir, catalog) if cache_dir is not None else None
    if cache_dir is not None and (kept := _kept_set(cache_dir, key)) is not None:
        return kept
    if data is None:
        data = load_figure_data(data_dir, catalog)
    figures = figure_files(catalog, data)
    if cache_dir is None or key is None:
        return figures
    try:
        _keep_figures(Path(cache_dir), key, figures)
    except OSError as exc:
        log.warning("figure cache not written: %s", exc)
        return figures
    return _kept_set(cache_dir, key) or figures


def _load(data_dir: Path, figures_cache: Path | str | None) -> tuple[Catalog, FigureData | FigureFiles]:
    """The checked catalog and either the kept figure set of its figure files or their checked data."""
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), "(directory)", "data directory not found")])
    raw: dict[str, list[tuple[str, object]]] = {kind: [] for kind in KINDS}
    root = data_dir.resolve()
    for kind in KINDS:
        folder = data_dir / kind
        files = sorted(folder.glob("*.yaml"))
        if kind in ("exercises", "muscles", "equipment", "conditions") and not files:
            problems.append(
                Problem(f"{data_dir.name}/{kind}/", "(directory)", "expected at least one .yaml file, found none")
            )
        for path in files:
            shown = f"{data_dir.name}/{kind}/{path.name}"
            # An unreadable file stays in: the item it names is known, so references to it are
            # not reported as unknown ids on top of its own problem.
            raw[kind].append((shown, _read(path, shown, problems, root)))
    catalog = build_catalog(raw, problems)
    if not problems and figures_cache is not None:
        if (kept := _kept_set(figures_cache, _figure_key(data_dir, catalog))) is not None:
            return catalog, kept
    figures = _read_figure_data(data_dir, catalog, problems)
    if problems or figures is None:
        raise DataError(problems)
    log.debug("loaded %d exercises from %s", len(catalog.exercises), data_dir)
    return catalog, figures


def load_guide(
    data_dir: Path | str = DEFAULT_DATA_DIR, figures_cache: Path | str | None = None
) -> tuple[Catalog, Mapping[str, bytes]]:
    """Load and check the whole data directory: the catalog and its figures (see figure_bytes).

    With `figures_cache`, a set kept there for the very bytes of the poses and the body map is
    returned without parsing and checking them again: it was kept only once they had passed
    every check (at 100 exercises that is 0.09 s of loading's 0.15 s). Any other change parses
    and checks them, and draws the figures, as without a cache.

    Raises:
        DataError: with every problem found, each naming file and field.
    """
    catalog, figures = _load(Path(data_dir), figures_cache)
    if isinstance(figures, FigureFiles):
        return catalog, figures
    return catalog, figure_bytes(data_dir, catalog, figures_cache, data=figures)


def load_catalog(data_dir: Path | str = DEFAULT_DATA_DIR) -> Catalog:
    """Load, convert and cross-check the whole data directory.

    Raises:
        DataError: with every problem found, each naming file and field.
    """
    return _load(Path(data_dir), None)[0]
