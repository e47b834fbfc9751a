"""Hostile data: markup and javascript: links in every text field, and nothing runs or leaks.

A copy of data/ gets the same payload in every text field of every kind, found by walking the
model's own fields (so a field added later is covered without touching this test): markup that
would run script, a javascript: link, an attribute list, and in Markdown fields links, images
and an attachment naming a canary file outside the project. The whole site is built, handouts
and planner included. Then every page is read twice: as HTML (no script, handler, injected
element or javascript: link anywhere, the search index included) and in Chromium (with the
page's own Content-Security-Policy bypassed, so that escaping alone is tested: the payloads call
a function that records the call, and no call may be recorded; no injected element may exist),
and every PDF is checked for the canary's text, bytes and attachments.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import subprocess
import threading
import types
import typing
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from generator.core.catalog import KINDS
from generator.core.markup import is_id

from conftest import DATA, _QuietHandler, make_project, run_mkdocs

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CANARY_TEXT = "CANARY-7f3a9c"
# Each payload holds markup that would run script and a javascript: link; each data file gets
# one of them in all its text fields (a basis quote must still be found in its field), so every
# kind of item carries every payload. Short, so that each exercise handout still fits one page.
PAYLOADS = (
    "<script>__pwn(1)</script>[a](javascript:__pwn(2))",
    "<img src=x onerror=__pwn(3) data-pwn>[b](javascript:__pwn(4))",
    '"><svg onload=__pwn(5) data-pwn>[c](JaVaScRiPt:__pwn(6))',
    "x{: onclick=__pwn(7) data-pwn }[d](java&#115;cript:__pwn(8))",
    '<a href="javascript:__pwn(9)" data-pwn>e</a><b data-pwn>f</b>',
)
# Fields that hold names of things rather than text: checked by the loader against what they
# name (a field, a figure file, a trait), so markup there is refused at load time instead.
NOT_TEXT = {"id", "field", "figure", "excludes"}


def markdown_payload(canary: Path, payload: str) -> str:
    return (
        f"{payload}\n\n## Heading {{: onclick=__pwn('heading') data-pwn }}\n\n"
        f"[canary](file://{canary}) ![image](file://{canary}) ![outside](https://evil.example/x.png)\n\n"
        f'<a rel="attachment" href="file://{canary}">attached</a> <link rel="stylesheet" href="file://{canary}">\n\n'
        '[ref][r] <a href="javascript:__pwn(\'a\')" data-pwn>a</a>\n\n[r]: javascript:__pwn("ref")\n\n'
        '| <b data-pwn>cell</b> | [x](JaVaScRiPt:__pwn("cell")) |\n|---|---|\n| 1 | 2 |\n'
    )


def _is_str(tp: Any) -> bool:
    """str or Optional[str]."""
    union = typing.get_origin(tp) in (typing.Union, types.UnionType)
    return tp is str or (union and set(typing.get_args(tp)) == {str, type(None)})


def poison(value: Any, cls: Any, canary: Path, counts: dict[str, int], payload: str) -> Any:
    """`value` (raw YAML data for a `cls`) with every text field replaced by the payload."""
    if not isinstance(value, dict) or not dataclasses.is_dataclass(cls):
        return value
    hints = typing.get_type_hints(cls)
    out = dict(value)
    for f in dataclasses.fields(cls):
        if f.name not in value or f.name in NOT_TEXT or f.metadata.get("ref"):
            continue
        tp, current = hints[f.name], value[f.name]
        union = typing.get_origin(tp) in (typing.Union, types.UnionType)
        inner = next(a for a in typing.get_args(tp) if a is not type(None)) if union else tp
        text = markdown_payload(canary, payload) if f.metadata.get("text") == "markdown" else payload
        if f.name == "item" and is_id(current):
            continue  # a basis entry naming a list entry by id; by name it follows the names below
        if _is_str(tp) and isinstance(current, str) and current:
            out[f.name] = text
            counts[f"{cls.__name__}.{f.name}"] = counts.get(f"{cls.__name__}.{f.name}", 0) + 1
        elif typing.get_origin(inner) is tuple and isinstance(current, list):
            item = typing.get_args(inner)[0]
            if item is str:
                out[f.name] = [text for _ in current]
                counts[f"{cls.__name__}.{f.name}"] = counts.get(f"{cls.__name__}.{f.name}", 0) + 1
            elif dataclasses.is_dataclass(item):
                out[f.name] = [poison(v, item, canary, counts, payload) for v in current]
        elif dataclasses.is_dataclass(inner):
            out[f.name] = poison(current, inner, canary, counts, payload)
    return out


HOSTILE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="__pwn(\'figure\')">'
    "<title>A figure</title><script>__pwn('figure-script')</script>"
    '<image href="file://{canary}" width="5" height="5"/><rect width="10" height="10" fill="#888"/></svg>'
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The hostile project built: its site, the canary file and which fields were poisoned."""
    outside = tmp_path_factory.mktemp("outside")
    canary = outside / "canary.txt"
    canary.write_text(CANARY_TEXT + "\n")
    config = make_project(tmp_path_factory.mktemp("hostile-project"), copy=("data",))
    data = config.parent / "data"
    counts: dict[str, int] = {}
    files = [(path, cls) for kind, cls in KINDS.items() for path in sorted((data / kind).glob("*.yaml"))]
    for n, (path, cls) in enumerate(files):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        poisoned = poison(raw, cls, canary, counts, PAYLOADS[n % len(PAYLOADS)])
        path.write_text(yaml.safe_dump(poisoned, allow_unicode=True), encoding="utf-8")
    for svg in (data / "figures").glob("*.svg"):
        svg.write_text(HOSTILE_SVG.format(canary=canary))
    site = tmp_path_factory.mktemp("hostile-site")
    proc = run_mkdocs(site, config=config)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {"site": site, "canary": canary, "counts": counts}


def test_every_kind_of_text_field_was_poisoned(hostile: dict[str, Any]):
    counts = hostile["counts"]
    for name in ("Exercise.name", "Exercise.steps", "Variation.description", "Muscle.summary", "EquipmentItem.name"):
        assert counts.get(name), (name, sorted(counts))
    assert counts.get("Topic.body") and counts.get("SamplePlan.name") and counts.get("Condition.name")
    assert "<script>" not in (DATA / "exercises" / "glute-bridge.yaml").read_text()  # a copy was poisoned


class _Scan(HTMLParser):
    """Every element and attribute that data could have injected."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        values = dict(attrs)
        if "data-pwn" in names or tag in ("svg",) and "onload" in names:
            self.found.append(f"<{tag} {sorted(names)}>")
        self.found += [f"<{tag} {n}=...>" for n in names if n.startswith("on")]
        if tag == "script" and not values.get("src") and values.get("type") not in ("application/json",):
            self.found.append("inline <script>")
        for name in ("href", "src", "action", "formaction", "data"):
            url = "".join(unescape(values.get(name) or "").split()).lower()
            if url.startswith(("javascript:", "data:text", "vbscript:", "file:")):
                self.found.append(f"<{tag} {name}={url[:40]}>")
        if tag in ("iframe", "object", "embed", "base", "form", "meta") and "data-pwn" in names:
            self.found.append(f"<{tag}>")


def scan(html: str) -> list[str]:
    parser = _Scan()
    parser.feed(html)
    return parser.found


def test_no_page_holds_injected_markup(hostile: dict[str, Any]):
    site: Path = hostile["site"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    bad = {p.relative_to(site).as_posix(): found for p in pages if (found := scan(p.read_text(encoding="utf-8")))}
    assert not bad, bad
    # The payload is shown as text (the names in the navigation, for one).
    index = (site / "exercises" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;&#95;&#95;pwn(1)&lt;/script&gt;" in index and "onerror&#61;&#95;&#95;pwn(3)" in index


def test_the_search_index_and_the_figures_hold_no_markup(hostile: dict[str, Any]):
    site: Path = hostile["site"]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The theme writes a result's title and text into the page as HTML.
    for doc in index["docs"]:
        assert not scan(doc["title"]) and not scan(doc["text"]), doc["location"]
    for svg in (site / "assets" / "figures").glob("*.svg"):
        text = svg.read_text(encoding="utf-8")
        assert not scan(text) and "<image" not in text and "canary" not in text, svg


def test_no_pdf_read_the_canary_file(hostile: dict[str, Any]):
    site: Path = hostile["site"]
    pdfs = sorted((site / "handouts").rglob("*.pdf"))
    assert len(pdfs) >= 10
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert CANARY_TEXT.encode() not in data, pdf
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert CANARY_TEXT not in text, pdf
        attached = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert attached.strip().startswith("0 embedded files"), (pdf, attached)
    booklet = subprocess.run(
        ["pdftotext", str(site / "handouts" / "guide-booklet.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(booklet.split())
    assert "<script>__pwn(1)</script>" in words and "<img src=x onerror=__pwn(3) data-pwn>" in words  # as text


RECORD = """window.__pwned = [];
window.__pwn = (what) => window.__pwned.push(String(what));"""
INJECTED = """() => {
  const bad = [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes]
    .filter((a) => a.name.startsWith("on") || a.name === "data-pwn").map((a) => `${el.tagName} ${a.name}`));
  const links = [...document.querySelectorAll("[href]")]
    .map((a) => a.getAttribute("href").replace(/\\s/g, "").toLowerCase())
    .filter((h) => h.startsWith("javascript:") || h.startsWith("file:"));
  return [...window.__pwned, ...bad, ...links];
}"""


def test_nothing_runs_in_any_page_of_the_site(hostile: dict[str, Any], browser):
    site: Path = hostile["site"]
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    # The page's own policy would block most payloads anyway: bypass it, to test the escaping alone.
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(RECORD)
    page = context.new_page()
    try:
        found = {}
        for path in sorted(site.rglob("index.html")):
            url = base + path.parent.relative_to(site).as_posix() + "/"
            page.goto(url.replace("/./", "/"), wait_until="load")
            page.wait_for_timeout(50)
            if bad := page.evaluate(INJECTED):
                found[url] = bad
        # Search results are written as HTML by the theme: look at them too.
        page.goto(base + "exercises/")
        page.wait_for_function("() => window.document$ !== undefined")
        page.locator("input.md-search__input").click()
        page.keyboard.type("onerror", delay=20)  # a word of a payload: the results show payloads
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)
        if bad := page.evaluate(INJECTED):
            found["search"] = bad
        # The planner: Python's plans carry the data's text into the page through the worker.
        page.goto(base + "planner/")
        expect(page.locator('#hg-planner[data-planner-state="ready"]')).to_be_visible(timeout=90_000)
        for box in page.locator('#hg-planner-form input[type="checkbox"]').all()[:6]:
            box.check()
        expect(page.locator("#hg-plan .hg-excard").first).to_be_visible(timeout=20_000)
        page.wait_for_timeout(300)
        assert "__pwn" in page.locator("#hg-plan").inner_text()  # the payload is there, as text
        if bad := page.evaluate(INJECTED):
            found["planner"] = bad
        # A 30 MB profile is refused in the page's one line, before it reaches Python.
        huge = page.evaluate(
            """() => window.planner.plan('{"level": "' + 'a'.repeat(30000000) + '"}')
              .then(() => "planned", (e) => e.message)"""
        )
        assert huge == "profile: (json): expected at most 10000 characters of profile JSON, found 30000013", huge
        assert not found, found
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_the_readme_gives_hosts_the_policy_the_pages_carry():
    from generator.pages.security import HEADER_POLICY, POLICY

    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    assert f"\n{POLICY}\n" in readme and f"\nContent-Security-Policy: {HEADER_POLICY}\n" in readme
