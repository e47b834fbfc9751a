"""The handout cache on disk: atomic writes and manifest.json.

Layout of ``cache_dir``:

* ``<sha256>.pdf``: one PDF per document key (the hash of its HTML, paper, fonts, WeasyPrint
  version and HANDOUT_VERSION, see :func:`generator.handouts._key`);
* ``manifest.json``: ``entries`` (document key -> the site path it was last used for and
  when) and ``builds`` (a hash of a whole build's inputs -> the list of (path, document key)
  it produced). A build whose inputs hash to a known entry copies those PDFs without
  rendering any HTML. Entries unused for 30 days are pruned, with their PDFs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from ..core.model import Catalog
from ..load import FigureFiles

__all__ = ["Manifest", "build_key", "manifest_lock", "record", "write_atomic"]

manifest_lock = threading.Lock()  # short critical sections around manifest.json
_KEEP_BUILDS = 20


def write_atomic(target: Path, data: bytes | Path) -> None:
    """Write bytes (or copy a file) to target through a temporary file and os.replace."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            if isinstance(data, Path):
                with data.open("rb") as src:
                    shutil.copyfileobj(src, out)
            else:
                out.write(data)
            # mkstemp creates 0600 files; a published site must be readable by any web server.
            os.fchmod(out.fileno(), 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_SHAPES = {".py", ".html", ".css", ".svg"}


def _source_fingerprint() -> str:
    """Hash of the code and templates that shape a handout (so a code change is never skipped).

    Worked out on every build (about 1 ms), not kept for the process: `mkdocs serve` reads the
    templates again on each rebuild, so an edited template must change the key at once.
    """
    root = Path(__file__).resolve().parent.parent
    files = sorted(p for d in ("core", "planner", "handouts") for p in (root / d).rglob("*") if p.suffix in _SHAPES)
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_key(
    catalog: Catalog,
    plans: dict[str, dict] | None,
    figures: Mapping[str, bytes],
    *settings: str,
) -> str:
    """The hash of everything one build of the handouts depends on."""
    digest = hashlib.sha256()
    digest.update(_source_fingerprint().encode())
    digest.update(repr(catalog).encode("utf-8"))
    digest.update(json.dumps(plans or {}, sort_keys=True, default=str).encode("utf-8"))
    if isinstance(figures, FigureFiles):  # a set of the figure cache: named by what it is drawn from
        digest.update(b"figures\0" + figures.key.encode())
    else:
        for name in sorted(figures):
            digest.update(name.encode() + b"\0" + figures[name])
    for setting in settings:
        digest.update(b"\0" + setting.encode("utf-8"))
    return digest.hexdigest()


class Manifest:
    """manifest.json, read once; `save_and_prune` writes it back atomically."""

    def __init__(self, cache_dir: Path, keep_days: int = 30) -> None:
        self.file = cache_dir / "manifest.json"
        self.keep = keep_days * 86400
        try:
            data = json.loads(self.file.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        self.entries: dict[str, dict] = data.get("entries", {}) if isinstance(data, dict) else {}
        self.builds: dict[str, dict] = data.get("builds", {}) if isinstance(data, dict) else {}

    def build(self, key: str, cache_dir: Path) -> list[tuple[str, str]] | None:
        """The (path, document key) list of a known build whose PDFs are all still cached."""
        known = self.builds.get(key)
        if not known:
            return None
        docs = [(str(path), str(doc_key)) for path, doc_key in known.get("docs", [])]
        if not docs or not all((cache_dir / f"{k}.pdf").is_file() for _, k in docs):
            return None
        return docs

    def use(self, key: str, path: str) -> None:
        self.entries[key] = {"path": path, "used": int(time.time())}

    def save_and_prune(self, cache_dir: Path) -> None:
        now = time.time()
        for key, entry in list(self.entries.items()):
            if now - entry.get("used", 0) > self.keep:
                (cache_dir / f"{key}.pdf").unlink(missing_ok=True)
                del self.entries[key]
        recent = sorted(self.builds.items(), key=lambda kv: kv[1].get("used", 0), reverse=True)
        self.builds = {k: v for k, v in recent[:_KEEP_BUILDS] if now - v.get("used", 0) <= self.keep}
        text = json.dumps({"version": 2, "entries": self.entries, "builds": self.builds}, indent=1)
        write_atomic(self.file, text.encode("utf-8"))


def record(
    cache_dir: Path,
    used: list[tuple[str, str]],
    whole: str | None = None,
    docs: list[tuple[str, str]] | None = None,
) -> None:
    """Mark documents as used; with `whole`, remember the complete build as well."""
    with manifest_lock:
        manifest = Manifest(cache_dir)
        for path, key in used:
            manifest.use(key, path)
        if whole is not None and docs is not None:
            manifest.builds[whole] = {"docs": [list(d) for d in docs], "used": int(time.time())}
        manifest.save_and_prune(cache_dir)
