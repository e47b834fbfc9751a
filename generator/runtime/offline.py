"""The offline site: a service worker, its build manifest and the page shown for unvisited pages.

Build only. Run once the whole site is written (the plugin's last `on_post_build` step):
`write_offline(site_dir)` hashes every file the build wrote, writes the manifest
`offline-<version>.json` (each file's path and SHA-256 prefix, what to store at install and
the shell kept with the first page),
`offline.html` (the theme's 404 page saying the page was not visited) and `sw.js` from
`service_worker.js`, whose version is a hash of the manifest: any change to any file is a
new service worker, which the browser installs beside the old one (see service_worker.js).
"""

from __future__ import annotations

import hashlib
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

__all__ = ["OFFLINE_PAGE", "SERVICE_WORKER", "write_offline"]

SERVICE_WORKER = "sw.js"
OFFLINE_PAGE = "offline.html"
_SOURCE = Path(__file__).with_name("service_worker.js")
_THREADS = 4  # hashing the built files
_HASH = 20  # hex digits of SHA-256 kept per file: enough to tell two builds apart
_OFFLINE_TEXT = (
    "<h1>You are offline</h1>\n"
    "<p>This page has not been opened on this device yet, so it is not stored for offline use. "
    "The pages you have opened before, the planner (after one visit) and the handouts you "
    "have downloaded work without a connection.</p>\n"
    '<p><a href="{home}">Go to the home page</a> or try again once you are online.</p>\n'
)


def _offline_page(not_found: str) -> str:
    """The theme's 404 page (root-relative links: it is served at any depth) saying 'offline'."""
    home = re.search(r'<a href="([^"]*)" title="[^"]*" class="md-header__button md-logo"', not_found)
    body = _OFFLINE_TEXT.format(home=home.group(1) if home else "/")
    page, count = re.subn(r"<h1>404 - Not found</h1>", body, not_found, count=1)
    if not count:
        raise ValueError("the theme's 404 page has no '404 - Not found' heading to replace")
    return re.sub(r"<title>[^<]*</title>", "<title>Offline</title>", page, count=1)


_SHELL = re.compile(r"assets/(?:javascripts|stylesheets|planner)/[^/]+\.(?:js|css)")  # not the worker's .mjs


def _shell(offline: str, files: dict[str, str]) -> list[str]:
    """What the offline page links (stylesheets, scripts, favicon) and the site's own small
    scripts and styles (the modules those scripts import); not the planner's runtime."""
    found = re.findall(r'(?:href|src)="/?((?:assets|search)/[^"?#]+)"', offline)
    shell = {p for p in files if _SHELL.fullmatch(p)}
    return sorted({p for p in found if p in files} | shell)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:_HASH]


def write_offline(site_dir: Path) -> str:
    """Write the offline files into a built site and return the build's version (a hash)."""
    site = Path(site_dir)
    not_found = site / "404.html"
    offline = _offline_page(not_found.read_text(encoding="utf-8")) if not_found.is_file() else ""
    if offline:
        (site / OFFLINE_PAGE).write_text(offline, encoding="utf-8")
    for old in site.glob("offline-*.json"):
        old.unlink()
    paths = [p for p in sorted(site.rglob("*")) if p.is_file() and p.relative_to(site).as_posix() != SERVICE_WORKER]
    # Reading and hashing let go of the GIL, so threads spread them over the cores.
    with ThreadPoolExecutor(max_workers=_THREADS) as pool:
        digests = pool.map(_digest, paths)
        files = {path.relative_to(site).as_posix(): digest for path, digest in zip(paths, digests, strict=True)}
    listing = "".join(f"{p} {h}\n" for p, h in files.items())
    version = hashlib.sha256(listing.encode()).hexdigest()[:16]
    # Installing keeps the offline page alone: on a first visit the worker installs while the
    # page (the planner's runtime above all) is still loading, and the shell's 26 files (about
    # 100 KB, most of them revalidations) took connections and bandwidth from it. The shell is
    # kept with the first page the worker is asked to keep, once that page has settled.
    manifest = {
        "version": version,
        "files": files,
        "precache": [OFFLINE_PAGE] if offline else [],
        "shell": _shell(offline, files) if offline else [],
    }
    (site / f"offline-{version}.json").write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    source = _SOURCE.read_text(encoding="utf-8")
    (site / SERVICE_WORKER).write_text(source.replace("__VERSION__", version), encoding="utf-8")
    return version
