"""The planner on a slow link: a plain boot with no snapshot download, then one made in the browser.

The built site is served by a server that sends every response at a slow rate (Chromium's own
network emulation does not slow a worker's downloads). The worker must measure that, boot
Python plainly instead of downloading the build's 5 MB snapshot, plan exactly as CPython does,
then make its own snapshot, which the next visit restores. A module the planner's own
standard library lacks is read from Pyodide's whole one.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.load import load_catalog
from generator.planner.plan import plan_from_json
from tests.conftest import _QuietHandler

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = "#hg-planner[data-planner-state='ready']"
RATE = 1_000_000  # bytes a second, per response: well under the worker's "fast link" (6 MB/s)
LATENCY = 0.04


class _SlowHandler(_QuietHandler):
    """Sends each file at RATE after LATENCY; `replace` serves other bytes for some paths."""

    replace: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        time.sleep(LATENCY)
        path = urlsplit(self.path).path
        if path in self.replace:
            body = self.replace[path]
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self._paced(body)
            return
        super().do_GET()

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        self._paced(source.read())

    def _paced(self, body: bytes) -> None:
        chunk = 64 * 1024
        for at in range(0, len(body), chunk):
            self.wfile.write(body[at : at + chunk])
            time.sleep(chunk / RATE)


def _serve(directory: Path, replace: dict[str, bytes]):
    handler = type("Handler", (_SlowHandler,), {"replace": replace})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _manifest(site: Path) -> dict:
    return json.loads((site / "assets/planner/runtime/manifest.json").read_text(encoding="utf-8"))


@pytest.fixture()
def slow_page(browser: Browser):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(urlsplit(r.url).path))  # type: ignore[attr-defined]
    yield page
    context.close()


def _boot(page: Page) -> dict:
    return page.evaluate("() => window.planner.boot")


def _summary(page: Page) -> str:
    return page.locator("#hg-plan .hg-plan__summary").inner_text()


def _python_summary(profile: dict) -> str:
    return json.loads(plan_from_json(load_catalog(), json.dumps(profile)))["summary"]


def test_a_slow_first_visit_boots_plainly_and_the_next_restores_a_snapshot_made_here(slow_page, built_site) -> None:
    page = slow_page
    manifest = _manifest(built_site)
    runtime = "/assets/planner/runtime/"
    server, url = _serve(built_site, {})
    try:
        page.goto(url + "planner/")
        expect(page.locator(READY)).to_be_visible(timeout=120_000)
        boot = _boot(page)
        assert (boot["mode"], boot["snapshot"], boot["link"]["fast"]) == ("plain", None, False), boot
        assert _summary(page) == _python_summary({})
        # Not the build's snapshot, not Pyodide's whole standard library: the planner's own.
        asked = [p for p in page.requests if p.startswith(runtime)]
        assert not [p for p in asked if p.endswith("snapshot.bin.gz")], asked
        assert runtime + manifest["appDir"] + manifest["stdlib"] in asked
        assert runtime + manifest["pyodideDir"] + "python_stdlib.zip" not in asked
        # The browser makes its own snapshot once the plan is there, and keeps it.
        page.wait_for_function("() => window.planner.kept !== null", timeout=120_000)
        kept = page.evaluate("() => window.planner.kept")
        assert kept["error"] == "" and kept["bytes"] > 1_000_000, kept
        page.goto("about:blank")
        page.requests.clear()
        page.goto(url + "planner/#goal=power&level=advanced")
        expect(page.locator(READY)).to_be_visible(timeout=120_000)
        boot = _boot(page)
        assert (boot["mode"], boot["snapshot"]) == ("snapshot", "kept"), boot
        assert _summary(page) == _python_summary({"goal": "power", "level": "advanced"})
        assert not [p for p in page.requests if p.endswith("snapshot.bin.gz")]
    finally:
        server.shutdown()
        server.server_close()


def test_a_module_missing_from_the_planners_standard_library_comes_from_the_whole_one(slow_page, built_site) -> None:
    page = slow_page
    manifest = _manifest(built_site)
    own = f"/assets/planner/runtime/{manifest['appDir']}{manifest['stdlib']}"
    # The planner's own zip without `html` (imported by the planner's markup module only).
    source = zipfile.ZipFile(built_site / own.lstrip("/"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as doctored:
        for info in source.infolist():
            if not info.filename.startswith("html/"):
                doctored.writestr(info, source.read(info))
    assert len(out.getvalue()) < (built_site / own.lstrip("/")).stat().st_size
    server, url = _serve(built_site, {own: out.getvalue()})
    try:
        page.goto(url + "planner/#goal=endurance")
        expect(page.locator(READY)).to_be_visible(timeout=120_000)
        assert _boot(page)["mode"] == "plain"
        assert _summary(page) == _python_summary({"goal": "endurance"})
        assert f"/assets/planner/runtime/{manifest['pyodideDir']}python_stdlib.zip" in page.requests
    finally:
        server.shutdown()
        server.server_close()
