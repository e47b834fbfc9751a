"""Build the in-browser planner's runtime bundle: wheel, catalog, lockfile, Pyodide, snapshot.

Called by the MkDocs plugin; never imports mkdocs. `prepare_bundle` does the work in a
cache directory, keyed by a hash of every input, so a rebuild with no change costs a few
milliseconds; `install_bundle` then links (or copies) the files into the built site:

    assets/planner/runtime/manifest.json             what the worker reads first (small, revalidated)
    assets/planner/runtime/pyodide-<version>/...     the pinned Pyodide core (immutable)
    assets/planner/runtime/app-<key>/...             wheel, pyodide-lock.json, catalog.json, snapshot
    assets/planner/runtime/worker-<hash>/...         the worker's own modules (immutable)

All three directories are named by version, so a host may cache them for ever (`Cache-Control:
max-age=31536000, immutable`); only manifest.json needs revalidating. The worker's modules are
also served unversioned from assets/planner/ (for pages that start the worker without the
manifest), but the planner page starts the versioned copy: a second visit then reads the
worker and its imports from the cache without asking the server whether they changed.

The memory snapshot is made by Node (generator/runtime/snapshot_node.mjs) after the planner is
imported and the catalog parsed, so the browser restores a ready planner instead of booting.
Before it, Node writes the planner's own standard library (generator/runtime/stdlib_node.mjs):
the modules the planner imports, as bytecode compiled -OO, 1.2 MB instead of Pyodide's 2.5 MB of source.
The snapshot is made with that zip, and both boots (restored or plain) mount it.
"""

from __future__ import annotations

import ast
import base64
import dataclasses
import hashlib
import importlib.metadata
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__
from ..background import Background
from ..core.catalog import catalog_to_plain
from ..core.model import Catalog

__all__ = [
    "BundleError",
    "DIST_NAME",
    "RUNTIME_FILES",
    "WORKER_FILES",
    "Bundle",
    "catalog_json",
    "install_bundle",
    "prepare_bundle",
]

log = logging.getLogger(__name__)

RUNTIME_SRC = Path(__file__).resolve().parent
GENERATOR_DIR = RUNTIME_SRC.parent
SNAPSHOT_SCRIPT = RUNTIME_SRC / "snapshot_node.mjs"
STDLIB_SCRIPT = RUNTIME_SRC / "stdlib_node.mjs"
# The worker's own modules, published under assets/planner/ and in a versioned copy.
WORKER_SRC = RUNTIME_SRC / "worker"
DIST_NAME = "hip_extension_guide_planner"
PACKAGE_NAME = "hip-extension-guide-planner"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
RUNTIME_DIR = "assets/planner/runtime"
# The planner's trimmed, precompiled standard library, in the app directory (stdlib_node.mjs).
STDLIB_NAME = "python_stdlib.zip"
WORKER_FILES = ("worker.mjs", "snapshot.mjs", "wasm.mjs", "prefetch.mjs", "make.mjs", "instance.mjs")
# The QR library the worker loads for a printed sheet's address (a second wheel in the lockfile).
QR_DIST = "segno"
# The sub-packages the browser wheel holds: the model and the planner, standard library only.
BROWSER_PACKAGES = ("core", "planner")
# Bump when the bundle's layout or the snapshot's contents change in a way inputs don't show.
_FORMAT = "6"
_EPOCH = (1980, 1, 1, 0, 0, 0)


class BundleError(Exception):
    """The planner bundle cannot be built; the message says what to do."""


@dataclasses.dataclass(frozen=True)
class Bundle:
    """A prepared bundle: files in the cache, and the manifest the worker reads."""

    key: str
    pyodide_dir: Path
    app_dir: Path
    manifest: dict[str, Any]
    worker_dir: Path | None = None


# ---------------------------------------------------------------------------------------
# The wheel


def _planner_files(src_dir: Path) -> list[str]:
    """The files the browser wheel ships, relative to the package: exactly core/ and planner/
    (and the package's __init__.py). `_planner_wheel` checks their imports."""
    files = ["__init__.py"]
    for package in BROWSER_PACKAGES:
        folder = src_dir / package
        if not (folder / "__init__.py").is_file():
            raise BundleError(f"generator/{package}/__init__.py is missing")
        files += sorted(str(p.relative_to(src_dir)) for p in folder.glob("*.py"))
    return files


def _package_names(src_dir: Path) -> set[str]:
    """The names generator/__init__.py binds itself (such as `__version__`), not its modules."""
    tree = ast.parse((src_dir / "__init__.py").read_bytes(), str(src_dir / "__init__.py"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def _check_imports(src_dir: Path, rel: str, source: bytes) -> None:
    here = Path(rel).parent.parts  # () for generator/__init__.py, ("core",) for core/x.py
    tree = ast.parse(source, str(src_dir / rel))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            if node.level > len(here) + 1:
                raise BundleError(f"generator/{rel} imports from outside the generator package")
            base = list(here[: len(here) - (node.level - 1)])
            if node.module:  # from ..x.y import z: the module x.y
                found = [base + node.module.split(".")]
            else:  # from .. import z: z is a module, or (at the top) a name __init__.py binds
                found = [base + [a.name] for a in node.names]
                if not base:
                    found = [parts for parts in found if parts[0] not in _package_names(src_dir)]
            for parts in found:
                if parts[0] not in BROWSER_PACKAGES:
                    raise BundleError(
                        f"generator/{rel} imports generator.{'.'.join(parts)}: the browser wheel holds "
                        f"only {' and '.join(f'generator/{p}/' for p in BROWSER_PACKAGES)}"
                    )
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            tops = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for top in (t.split(".")[0] for t in tops):
                if top not in sys.stdlib_module_names and top != "__future__":
                    raise BundleError(
                        f"generator/{rel} imports {top!r}: the browser planner may use the standard library only"
                    )


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _planner_wheel(src_dir: Path, sources: list[tuple[str, bytes]], version: str) -> tuple[str, bytes]:
    """A deterministic pure-Python wheel of `sources` ((path in the package, bytes)): (file name, bytes).

    Every import in them must be the standard library or a module inside core/ and planner/,
    so what runs in the browser is decided by the layout, not by what happens to be imported.

    Raises:
        BundleError: if a shipped module imports anything else, or a relative import leaves them.
    """
    for rel, data in sources:
        _check_imports(src_dir, rel, data)
    dist_info = f"{DIST_NAME}-{version}.dist-info"
    metadata = (
        f"Metadata-Version: 2.1\nName: {PACKAGE_NAME}\nVersion: {version}\n"
        "Summary: The hip extension guide's planner, for Pyodide\nRequires-Python: >=3.11\n"
    )
    wheel = "Wheel-Version: 1.0\nGenerator: generator.bundle\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files = [(f"generator/{rel}", data) for rel, data in sources]
    files += [(f"{dist_info}/METADATA", metadata.encode()), (f"{dist_info}/WHEEL", wheel.encode())]
    files.append((f"{dist_info}/top_level.txt", b"generator\n"))
    return f"{DIST_NAME}-{version}-py3-none-any.whl", _zip_wheel(files, dist_info)


def catalog_json(catalog: Catalog) -> bytes:
    """The catalog as compact JSON (what the browser's Python rebuilds its Catalog from)."""
    text = json.dumps(catalog_to_plain(catalog), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


# ---------------------------------------------------------------------------------------
# Pyodide and its lockfile


def pyodide_version(pyodide_dir: Path) -> str:
    """The version of the npm package in `pyodide_dir` (BundleError if it is not there)."""
    missing = [name for name in (*RUNTIME_FILES, "package.json") if not (pyodide_dir / name).is_file()]
    if missing:
        raise BundleError(
            f"Pyodide is not installed in {pyodide_dir} (missing {', '.join(missing)}): run `npm ci` "
            "in the repository, or set the guide plugin's `planner: false`"
        )
    return str(json.loads((pyodide_dir / "package.json").read_text(encoding="utf-8"))["version"])


def _qr_files() -> tuple[str, list[tuple[str, bytes]]] | None:
    """The installed QR library (segno): its version and the files of its wheel but the metadata
    (its sources, then its licence), or None when it is not installed."""
    try:
        dist = importlib.metadata.distribution(QR_DIST)
    except importlib.metadata.PackageNotFoundError:
        return None
    names = sorted(
        (str(f), f) for f in dist.files or () if str(f).startswith(f"{QR_DIST}/") and str(f).endswith((".py", ".typed"))
    )
    files = [(name, Path(str(dist.locate_file(f))).read_bytes()) for name, f in names]
    licence = next((f for f in dist.files or () if "LICENSE" in str(f).upper()), None)
    if licence is not None:
        files.append((f"{QR_DIST}-{dist.version}.dist-info/LICENSE", Path(str(dist.locate_file(licence))).read_bytes()))
    return dist.version, files


def _qr_wheel(version: str, files: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A wheel of the QR library, for the worker to load when a sheet has an address.

    segno is pure Python with standard-library imports only (checked here), so it runs under
    Pyodide as it is; the build uses the very same copy for the handouts' QR codes. The wheel
    is rebuilt from the installed files (`_qr_files`), deterministically.
    """
    for name, data in files:
        if name.endswith(".py"):
            _check_qr_imports(name, data)
    dist_info = f"{QR_DIST}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {QR_DIST}\nVersion: {version}\nSummary: QR codes, for Pyodide\n"
    wheel = b"Wheel-Version: 1.0\nGenerator: generator.bundle\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files = [
        *files,
        (f"{dist_info}/METADATA", metadata.encode()),
        (f"{dist_info}/WHEEL", wheel),
        (f"{dist_info}/top_level.txt", f"{QR_DIST}\n".encode()),
    ]
    return f"{QR_DIST}-{version}-py3-none-any.whl", _zip_wheel(files, dist_info)


def _memo_wheel(
    cache_dir: Path, kind: str, version: str, files: list[tuple[str, bytes]], build: Callable[[], tuple[str, bytes]]
) -> tuple[str, bytes]:
    """A wheel built, and its imports checked, once per content: cache_dir/wheels/<hash>/<name>.

    Checking the imports parses every module (about 0.3 s for the planner and the QR library),
    a fixed cost on every build that a rebuild of unchanged files need not pay again.
    """
    digest = hashlib.sha256(f"{_FORMAT} {kind} {version}\n".encode())
    for name, data in files:
        digest.update(f"{name} {len(data)}\n".encode() + data)
    folder = cache_dir / "wheels" / f"{kind}-{digest.hexdigest()[:16]}"
    found = list(folder.glob("*.whl"))
    if len(found) == 1:
        return found[0].name, found[0].read_bytes()
    name, data = build()
    folder.mkdir(parents=True, exist_ok=True)
    _write_if_changed(folder / name, data)
    _prune(folder.parent, keep=folder, count=6, pattern=f"{kind}-*")
    return name, data


def _check_qr_imports(name: str, data: bytes) -> None:
    """The QR library's module imports the standard library only (an import tried under
    `except ImportError`, with a fallback, is optional and allowed)."""
    tree = ast.parse(data, name)
    optional = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Try)
        and any(
            isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError") for h in node.handlers
        )
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or id(node) in optional:
            continue
        if isinstance(node, ast.ImportFrom) and node.level:  # segno's own modules
            continue
        tops = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        for top in (t.split(".")[0] for t in tops):
            if top not in sys.stdlib_module_names and top not in (QR_DIST, "__future__"):
                raise BundleError(f"{QR_DIST} ({name}) imports {top!r}: the browser loads the standard library only")


def _zip_wheel(files: list[tuple[str, bytes]], dist_info: str) -> bytes:
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files)
    record += f"{dist_info}/RECORD,,\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [*files, (f"{dist_info}/RECORD", record.encode())]:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def _lockfile(pyodide_dir: Path, wheel_path: Path, extra: tuple[Path, ...] = ()) -> bytes:
    """A site-local pyodide-lock.json that lists only the planner wheel (and the QR library's).

    The stock lockfile names hundreds of packages this site does not ship (and that cannot
    be fetched offline); ours lets `loadPyodide({packages: [...]})` fetch the wheel during boot,
    and the worker `loadPackage("segno")` when a printed sheet needs a QR code.
    """
    stock = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    try:  # pyodide-lock[wheel] (a dev dependency) reads the wheel's metadata and checks its tags
        from pyodide_lock import PyodideLockSpec
        from pyodide_lock.utils import add_wheels_to_spec

        spec = PyodideLockSpec.from_dict({"info": stock["info"], "packages": {}})
        spec = add_wheels_to_spec(spec, [wheel_path, *extra], base_path=wheel_path.parent)
        lock = spec.to_dict()
    except ImportError:  # without it, the entries are simple enough to write here
        packages = {}
        for path, name, version, imports in [
            (wheel_path, PACKAGE_NAME, __version__, "generator"),
            *((p, p.name.split("-")[0], p.name.split("-")[1], p.name.split("-")[0]) for p in extra),
        ]:
            packages[name] = {
                "name": name,
                "version": version,
                "file_name": path.name,
                "install_dir": "site",
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "package_type": "package",
                "imports": [imports],
                "depends": [],
            }
        lock = {"info": stock["info"], "packages": packages}
    return json.dumps(lock, indent=1, sort_keys=True).encode()


# ---------------------------------------------------------------------------------------
# The snapshot


def _node() -> str:
    node = shutil.which("node")
    if not node:
        raise BundleError(
            "Node.js is needed to make the planner's memory snapshot; install it, or set "
            "the guide plugin's `planner_snapshot: false`"
        )
    return node


_SNAPSHOT_TIMEOUT = 300


def _make_snapshot(pyodide_dir: Path, app_dir: Path, out: Path, stale: Callable[[], bool] = lambda: False) -> None:
    """Run the Node scripts that trim the standard library, then make the gzipped snapshot.

    Node is stopped if `stale()` turns true meanwhile (the owner shut down); the script writes
    through a temporary file, so a stopped run leaves no snapshot behind.
    """
    stdlib = app_dir / STDLIB_NAME
    if not stdlib.exists():  # the snapshot is made with (and restored with) this very zip
        _run_node(STDLIB_SCRIPT, pyodide_dir, app_dir, stdlib, stale, "the planner's standard library")
    _run_node(SNAPSHOT_SCRIPT, pyodide_dir, app_dir, out, stale, "the planner snapshot")


def _run_node(script: Path, pyodide_dir: Path, app_dir: Path, out: Path, stale: Callable[[], bool], what: str) -> None:
    cmd = [_node(), str(script), str(pyodide_dir), str(app_dir), str(out)]
    deadline = time.monotonic() + _SNAPSHOT_TIMEOUT
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        while True:
            try:
                stdout, stderr = proc.communicate(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if stale() or time.monotonic() > deadline:
                    proc.kill()
                    proc.communicate()
                    why = "the build stopped" if stale() else f"no result after {_SNAPSHOT_TIMEOUT} s"
                    raise BundleError(f"making {what} stopped: {why}") from None
    if proc.returncode != 0:
        tail = "\n".join((stderr or stdout).strip().splitlines()[-8:])[-2000:]
        raise BundleError(f"making {what} failed ({' '.join(cmd)}):\n{tail}")
    log.debug("%s: %s", script.name, stdout.strip())


def _snapshot_later(background: Background, pyodide_dir: Path, app_dir: Path, out: Path) -> None:
    """Make the snapshot in the background's snapshot lane; the next rebuild picks it up."""

    def run(stale: Callable[[], bool]) -> None:
        try:
            _make_snapshot(pyodide_dir, app_dir, out, stale)
        except BundleError as exc:  # the page falls back to a plain boot
            log.info("%s", exc)

    background.submit("snapshot", run, key=str(out))  # one job per snapshot file, however many rebuilds


# ---------------------------------------------------------------------------------------
# Prepare (in the cache) and install (into the site)


def _hash_file(path: Path, memo: dict[str, Any]) -> str:
    stat = path.stat()
    stamp = [stat.st_size, stat.st_mtime_ns]
    hit = memo.get(str(path))
    if hit and hit[0] == stamp:
        return str(hit[1])
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    memo[str(path)] = [stamp, digest]
    return digest


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)


def prepare_bundle(
    catalog: Catalog,
    cache_dir: Path,
    pyodide_dir: Path,
    *,
    snapshot: str = "sync",
    src_dir: Path = GENERATOR_DIR,
    worker_src: Path | None = None,
    background: Background | None = None,
) -> Bundle:
    """Build (or find in `cache_dir`) everything the browser planner needs.

    Args:
        snapshot: "sync" makes the memory snapshot now; "background" makes it in
            `background` and ships the bundle without it until a later rebuild; "off" never
            makes one.
        worker_src: the directory holding WORKER_FILES, to ship a versioned copy of them.
        background: where a "background" snapshot is made (required for that mode).
    """
    if snapshot == "background" and background is None:
        raise ValueError("snapshot='background' needs a Background to run in")
    version = pyodide_version(pyodide_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    memo_path = cache_dir / "file-hashes.json"
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    sources = [(rel, (src_dir / rel).read_bytes()) for rel in _planner_files(src_dir)]
    wheel_name, wheel = _memo_wheel(
        cache_dir, "planner", __version__, sources, lambda: _planner_wheel(src_dir, sources, __version__)
    )
    found = _qr_files()
    qr = _memo_wheel(cache_dir, QR_DIST, found[0], found[1], lambda: _qr_wheel(*found)) if found else None
    cat = catalog_json(catalog)
    digest = hashlib.sha256(f"format {_FORMAT}\npyodide {version}\n".encode())
    for name in (*RUNTIME_FILES, "pyodide-lock.json"):
        digest.update(f"{name} {_hash_file(pyodide_dir / name, memo)}\n".encode())
    for script in (SNAPSHOT_SCRIPT, STDLIB_SCRIPT, WORKER_SRC / "make.mjs", WORKER_SRC / "instance.mjs"):
        digest.update(f"{script.name} {_hash_file(script, memo)}\n".encode())
    digest.update(hashlib.sha256(wheel).digest() + hashlib.sha256(cat).digest())
    if qr is not None:
        digest.update(f"{qr[0]} ".encode() + hashlib.sha256(qr[1]).digest())
    key = digest.hexdigest()[:16]
    _write_if_changed(memo_path, json.dumps(memo, indent=0, sort_keys=True).encode())

    app_dir = cache_dir / f"app-{key}"
    app_dir.mkdir(exist_ok=True)
    _write_if_changed(app_dir / wheel_name, wheel)
    _write_if_changed(app_dir / "catalog.json", cat)
    if qr is not None:
        _write_if_changed(app_dir / qr[0], qr[1])
    if not (app_dir / "pyodide-lock.json").exists():
        extra = (app_dir / qr[0],) if qr is not None else ()
        _write_if_changed(app_dir / "pyodide-lock.json", _lockfile(pyodide_dir, app_dir / wheel_name, extra))
    snap = app_dir / "snapshot.bin.gz"
    stdlib = app_dir / STDLIB_NAME
    if snapshot != "off" and not (snap.exists() and stdlib.exists()):
        if snapshot == "background" and background is not None:
            _snapshot_later(background, pyodide_dir, app_dir, snap)
        else:
            _make_snapshot(pyodide_dir, app_dir, snap)
    _prune(cache_dir, keep=app_dir)
    worker_dir = _worker_copy(worker_src, cache_dir) if worker_src else None
    has_snapshot = snapshot != "off" and snap.exists() and stdlib.exists()
    has_stdlib = snapshot != "off" and stdlib.exists()
    manifest = {
        "key": key,
        "pyodide": version,
        "pyodideDir": f"pyodide-{version}/",
        "appDir": f"app-{key}/",
        "package": PACKAGE_NAME,
        "wheel": wheel_name,
        "catalog": "catalog.json",
        "lockfile": "pyodide-lock.json",
        "snapshot": "snapshot.bin.gz" if has_snapshot else None,
        "snapshotBytes": snap.stat().st_size if has_snapshot else 0,
        # The planner's own standard library (stdlib_node.mjs); null: Pyodide's whole one.
        "stdlib": STDLIB_NAME if has_stdlib else None,
        "stdlibBytes": stdlib.stat().st_size if has_stdlib else 0,
        "workerDir": f"{worker_dir.name}/" if worker_dir else None,
        # The QR library, loaded by the worker only when a printed sheet has a public address.
        "qrPackage": QR_DIST if qr is not None else None,
        "qrWheel": qr[0] if qr is not None else None,
    }
    return Bundle(key=key, pyodide_dir=pyodide_dir, app_dir=app_dir, manifest=manifest, worker_dir=worker_dir)


def _worker_copy(worker_src: Path, cache_dir: Path) -> Path:
    """A copy of the worker's modules in cache_dir/worker-<hash of their contents>/."""
    missing = [name for name in WORKER_FILES if not (worker_src / name).is_file()]
    if missing:
        raise BundleError(f"the planner worker's modules are missing from {worker_src}: {', '.join(missing)}")
    files = {name: (worker_src / name).read_bytes() for name in WORKER_FILES}
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(f"{name} {hashlib.sha256(data).hexdigest()}\n".encode())
    out = cache_dir / f"worker-{digest.hexdigest()[:16]}"
    out.mkdir(exist_ok=True)
    for name, data in files.items():
        _write_if_changed(out / name, data)
    _prune(cache_dir, keep=out, pattern="worker-*")
    return out


def _prune(cache_dir: Path, keep: Path, count: int = 3, pattern: str = "app-*") -> None:
    """Keep the newest few app-* (or worker-*) directories (switching branches stays cheap)."""
    dirs = sorted(cache_dir.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [d for d in dirs if d != keep][count - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
    os.utime(keep)


def _place(src: Path, dest: Path) -> None:
    """Hard-link src to dest (copy across file systems); skip when dest is already the same."""
    if dest.exists():
        a, b = src.stat(), dest.stat()
        if (a.st_ino == b.st_ino and a.st_dev == b.st_dev) or (
            a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime)
        ):
            return
        dest.unlink()
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def install_bundle(bundle: Bundle, site_dir: Path) -> list[Path]:
    """Put the bundle's files into a built site; returns the files written."""
    runtime = site_dir / RUNTIME_DIR
    written = []
    for name in RUNTIME_FILES:
        dest = runtime / bundle.manifest["pyodideDir"] / name
        _place(bundle.pyodide_dir / name, dest)
        written.append(dest)
    names = [bundle.manifest["wheel"], "catalog.json", "pyodide-lock.json"]
    if bundle.manifest.get("qrWheel"):
        names.append(bundle.manifest["qrWheel"])
    for optional in ("snapshot", "stdlib"):
        if bundle.manifest.get(optional):
            names.append(bundle.manifest[optional])
    for name in names:
        dest = runtime / bundle.manifest["appDir"] / name
        _place(bundle.app_dir / name, dest)
        written.append(dest)
    if bundle.worker_dir is not None:
        for name in WORKER_FILES:
            dest = runtime / bundle.manifest["workerDir"] / name
            _place(bundle.worker_dir / name, dest)
            written.append(dest)
    manifest = runtime / "manifest.json"
    manifest.write_text(json.dumps(bundle.manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    written.append(manifest)
    return written
