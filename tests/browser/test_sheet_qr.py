"""With a public address (SITE_URL), every printed sheet carries it and its QR code.

A second build of the site with SITE_URL set: the handouts (WeasyPrint, segno in CPython) and
the browser's printed sheets (segno loaded into the planner's Pyodide as a second wheel of the
site's lockfile) draw the very same QR code of the same address; canonical links and the
sitemap use the public address, and nothing anywhere names a loopback one.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import threading

import pytest
from playwright.sync_api import Page

from generator.handouts.program_sheet import qr_rows
from generator.planner.sheet import qr_tree, sheet_html

from conftest import _QuietHandler, make_project, run_mkdocs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PUBLIC = "https://guide.example/hip/"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory):
    site = tmp_path_factory.mktemp("public-site")
    proc = run_mkdocs(site, config=make_project(tmp_path_factory.mktemp("public-project")), env={"SITE_URL": PUBLIC})
    assert proc.returncode == 0, proc.stderr[-3000:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _path_of(address: str) -> str:
    return re.search(r' d="([^"]+)"', sheet_html(qr_tree(qr_rows(address), address)))[1]


def test_the_public_address_is_canonical_and_in_every_handout(public_site) -> None:
    site, _ = public_site
    assert f'<link rel="canonical" href="{PUBLIC}exercises/glute-bridge/">' in (
        site / "exercises" / "glute-bridge" / "index.html"
    ).read_text(encoding="utf-8")
    assert f"<loc>{PUBLIC}</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    for pdf in (site / "handouts" / "glute-bridge.pdf", site / "handouts" / "plans" / "recovering-hamstring.pdf"):
        text = "".join(
            subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
        )
        assert PUBLIC in text and "127.0.0.1" not in text, pdf.name


def test_the_builder_prints_the_qr_code_of_its_link(public_site, page: Page) -> None:
    _, url = public_site
    page.goto(url + "program/")
    page.wait_for_selector("#hg-program[data-ready]", timeout=60_000)
    spec = {"title": "QR", "exercises": [{"id": "glute-bridge", "sets": 2}]}
    page.evaluate("s => window.program.set(s)", spec)
    qr = page.locator(".hg-program__sheet svg.hg-sheet__qr")
    qr.wait_for(state="attached", timeout=30_000)
    address = qr.get_attribute("aria-label").removeprefix("QR code: ")
    assert address.startswith(PUBLIC + "program/#p=")
    assert page.locator(".hg-program__sheet path").get_attribute("d") == _path_of(address)  # segno, same code
    from generator.planner.program import decode_fragment

    assert json.loads(decode_fragment(address.split("#", 1)[1])) == spec


def test_the_planner_prints_the_qr_code_of_its_address(public_site, page: Page) -> None:
    _, url = public_site
    page.goto(url + "planner/#equipment=mat&conditions=hamstring-strain")
    qr = page.locator(".hg-planner__sheet svg.hg-sheet__qr")
    qr.wait_for(state="attached", timeout=60_000)
    address = qr.get_attribute("aria-label").removeprefix("QR code: ")
    assert address == PUBLIC + "planner/#equipment=mat&conditions=hamstring-strain"
    assert page.locator(".hg-planner__sheet path").get_attribute("d") == _path_of(address)
