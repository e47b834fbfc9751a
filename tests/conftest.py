"""Shared fixtures: the repository, a real site build, a loopback server for it, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


def run_mkdocs(site_dir: Path, *args: str, config: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a real `mkdocs build --strict` of `config` (see make_project) into `site_dir`."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), "-f", str(config), *args]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=full_env, timeout=900)


def make_project(
    dest: Path, *, copy: tuple[str, ...] = (), link: tuple[str, ...] = ("docs", "overrides", "data", "node_modules")
) -> Path:
    """A project folder holding a copy of the repository's mkdocs.yml; returns that file.

    The folders in `link` are symbolic links to the repository's, those in `copy` copies (for
    tests that edit them). Every path in mkdocs.yml is relative to the file, so the build's
    caches (.cache/handouts, .cache/planner) are made inside `dest`: a test build never reads
    or fills the checkout's .cache/, and a run on a developer's machine starts as cold as one on
    a fresh clone.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in link:
        if name not in copy and (REPO / name).exists():
            (dest / name).symlink_to(REPO / name, target_is_directory=True)
    for name in copy:
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest / "mkdocs.yml"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per test session from the repository's files, with caches of its own."""
    site = tmp_path_factory.mktemp("site")
    proc = run_mkdocs(site, config=make_project(tmp_path_factory.mktemp("project")))
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, warnings
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served over HTTP on 127.0.0.1 (a random free port)."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the data directory, for tests that break it on purpose."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


# Browser tests (tests/browser/): Debian's Chromium, headless, through Playwright.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RUNTIME = "/assets/planner/runtime/"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """No service worker in pytest-playwright's own contexts: page.route() does not see the
    requests one answers. The offline tests (test_offline.py) open contexts that allow it."""
    return {**browser_context_args, "service_workers": "block"}


# Playwright compiles the string predicates of wait_for_function with eval in the page: those
# reports (eval, from no script file) are the test driver's own, not the site's.
CSP_LISTENER = """addEventListener("securitypolicyviolation", (e) => {
  if (e.blockedURI === "eval" && !e.sourceFile) return;
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__hgCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${where})`);
}, true);"""


@pytest.fixture()
def watched(page: Page, site_url: str):
    """The page, with a record of console errors and of requests that left the site's origin."""
    origin = urlsplit(site_url).netloc
    log = {"errors": [], "foreign": [], "runtime": []}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))

    def on_request(request) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != origin:
            log["foreign"].append(request.url)
        if url.path.startswith(RUNTIME):
            log["runtime"].append(url.path)

    page.context.on("request", on_request)
    # The pages' Content-Security-Policy is enforced (never bypassed): any violation, in any
    # document of the page, fails the test, whether or not the browser also logs it.
    page.expose_binding("__hgCspViolation", lambda _source, text: log["csp"].append(text))
    page.add_init_script(CSP_LISTENER)
    log["csp"] = []
    page.log = log  # type: ignore[attr-defined]
    yield page
    assert log["errors"] == [], log["errors"]
    assert log["foreign"] == [], log["foreign"]
    assert log["csp"] == [], log["csp"]
