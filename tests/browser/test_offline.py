"""Offline use in Debian's Chromium: the service worker (sw.js, generator/runtime/offline.py).

A visit with the network on, then the browser context set offline: the planner reloads (twice)
and plans, a page visited before opens, a handout fetched before opens, a page never visited
shows the offline page. A second build of the site replaces the first one's cache only once
no page of the first build is open, and never hands a page of one build the other's files.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator.runtime.offline import write_offline
from tests.conftest import _QuietHandler

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = '#hg-planner[data-planner-state="ready"]'


def _kept(page: Page, path: str) -> bool:
    """Whether the service worker's cache holds `path` (relative to the site)."""
    return page.evaluate(
        """async (path) => {
          const url = new URL(path, location.origin + "/").href;
          for (const name of await caches.keys())
            if (name.startsWith("hg-site-") && await (await caches.open(name)).match(url)) return true;
          return false;
        }""",
        path,
    )


def _wait_kept(page: Page, path: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not _kept(page, path):
        assert time.monotonic() < deadline, f"{path} was never kept for offline use"
        page.wait_for_timeout(250)


def test_a_visited_site_works_offline(browser: Browser, site_url: str, built_site: Path) -> None:
    assert (built_site / "sw.js").is_file() and (built_site / "offline.html").is_file()
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Online: the planner once, an exercise page, and a handout.
    page.goto(site_url + "planner/")
    expect(page.locator(READY)).to_be_visible(timeout=60_000)
    _wait_kept(page, "assets/planner/runtime/pyodide-314.0.7/pyodide.asm.wasm")
    _wait_kept(page, "planner/index.html")
    page.goto(site_url + "exercises/hip-thrust/")
    _wait_kept(page, "exercises/hip-thrust/index.html")
    pdf = next(p for p in (built_site / "handouts").rglob("*.pdf"))
    pdf_path = pdf.relative_to(built_site).as_posix()
    status = page.evaluate("(u) => fetch(u).then(r => r.status)", site_url + pdf_path)
    assert status == 200
    _wait_kept(page, pdf_path)
    # The shell (kept with the first page, not at install): the theme's scripts and styles.
    manifest = json.loads(next(built_site.glob("offline-*.json")).read_text(encoding="utf-8"))
    assert "offline.html" in manifest["precache"] and manifest["shell"]
    for path in manifest["shell"]:
        _wait_kept(page, path)

    context.set_offline(True)
    assert (
        page.evaluate("() => fetch('/no-such-file-' + Math.random()).then(() => 'online', () => 'offline')")
        == "offline"
    )
    page.goto(site_url + "planner/")
    for _ in range(2):  # the second offline reload once failed when only the HTTP cache helped
        page.reload()
        expect(page.locator(READY)).to_be_visible(timeout=60_000)
        plan = json.loads(page.evaluate("() => window.planner.plan({level: 'advanced'})"))
        assert plan["sessions"], plan
    page.goto(site_url + "exercises/hip-thrust/")
    expect(page.locator("h1")).to_contain_text("Hip thrust")
    assert page.evaluate("(u) => fetch(u).then(r => r.status)", site_url + pdf_path) == 200
    page.goto(site_url + "muscles/iliacus/")
    expect(page.locator("h1")).to_contain_text("You are offline")
    expect(page.get_by_role("link", name="Go to the home page")).to_be_visible()
    # ... in the site's colours and layout (its stylesheets were kept), not as bare HTML.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert errors == [], errors
    context.close()


@pytest.fixture()
def own_site(built_site: Path, tmp_path: Path):
    """A copy of the built site on its own server, to be changed into a second build."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    # Deployed an hour ago: the host's Last-Modified alone lets the browser's HTTP cache keep
    # its copies for minutes (a tenth of their age), as a real host's would.
    hour_ago = time.time() - 3600
    for path in site.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_new_build_takes_over_cleanly(browser: Browser, own_site) -> None:
    site, url = own_site
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => !!navigator.serviceWorker.controller")  # installed and in charge
    _wait_kept(page, "index.html")
    first = page.evaluate("() => caches.keys()")
    assert [n for n in first if n.startswith("hg-site-")] == [f"hg-site-{_version(site)}"]

    # A second build: the home page's text and the site's stylesheet change.
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</h1>", " (second build)</h1>", 1), encoding="utf-8")
    css = site / "assets" / "stylesheets" / "guide.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* second build */\n", encoding="utf-8")
    old_version, new_version = _version(site), write_offline(site)
    assert new_version != old_version

    # The open page of the first build keeps the first build's files, though a new worker waits.
    page.evaluate("() => navigator.serviceWorker.ready.then(r => r.update()).then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.ready.then(r => !!r.waiting)", timeout=30_000)
    served = page.evaluate("() => fetch('/assets/stylesheets/guide.css').then(r => r.text())")
    assert "second build" not in served
    page.reload()  # the same tab: the first build is still in use, and still whole
    expect(page.locator("h1")).not_to_contain_text("second build")

    # Once no page of the first build is open, the second one takes over and the old cache goes.
    page.close()
    page = _open(context, url)
    only_new = """(v) => caches.keys().then((names) => {
      const ours = names.filter((n) => n.startsWith("hg-site-"));
      return ours.length === 1 && ours[0] === "hg-site-" + v;
    })"""
    page.wait_for_function(only_new, arg=new_version, timeout=30_000)
    # A tab opened as the first build's last page closed may still have been given that build's
    # page, whole, by the worker then in charge (CI saw it); the next page opened is the second.
    page.close()
    page = _open(context, url)
    expect(page.locator("h1")).to_contain_text("second build")
    served = page.evaluate("() => fetch('/assets/stylesheets/guide.css').then(r => r.text())")
    assert "second build" in served
    context.close()


def _open(context: BrowserContext, url: str) -> Page:
    """A new tab at `url`; if it does not load, the error says which requests were still open
    and what the service workers were doing (a hang seen once in CI, not reproduced here)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    workers: list[str] = []
    cdp.on(
        "ServiceWorker.workerVersionUpdated",
        lambda e: workers.extend(
            f"{time.monotonic():.2f} v{v['versionId']} {v['status']}/{v['runningStatus']} "
            f"controls {len(v.get('controlledClients', []))}"
            for v in e["versions"]
        ),
    )
    cdp.send("ServiceWorker.enable")
    open_requests: dict[object, str] = {}
    page.on("request", lambda r: open_requests.__setitem__(r, f"{time.monotonic():.2f} {r.url}"))
    page.on("requestfinished", lambda r: open_requests.pop(r, None))
    page.on("requestfailed", lambda r: open_requests.pop(r, None))
    try:
        page.goto(url)
    except PlaywrightTimeoutError as error:
        raise AssertionError(
            f"{url} did not load: {error.message.splitlines()[0]}\nnow {time.monotonic():.2f}\n"
            "still open:\n  " + "\n  ".join(open_requests.values()) + "\nservice workers:\n  " + "\n  ".join(workers)
        ) from None
    cdp.detach()
    return page


def _version(site: Path) -> str:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return text.split('const VERSION = "', 1)[1].split('"', 1)[0]
