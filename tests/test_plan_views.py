"""One plan renderer: the planner page, a sample-plan page and the printed sheet show the same
sections, with the same titles, in the same order (generator.planner.tree)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import markdown
import pytest

from generator.handouts.program_sheet import plan_sheet_html
from generator.load import load_catalog
from generator.pages.planner import planner_page
from generator.pages.plans import plan_markdown
from generator.planner.plan import make_plan
from generator.planner.profile import parse_profile
from generator.planner.tree import TITLES, plan_tree, section_titles, tree_html, warmup_title

CATALOG = load_catalog()
PROFILES = {
    **{f"sample {s.id}": s.profile for s in CATALOG.plans},
    "defaults": {},
    "refer": {"conditions": ["severe-pain"]},
    "everything": {"equipment": [q.id for q in CATALOG.equipment], "level": "advanced", "sits_most_of_day": True},
    "short and careful": {"minutes_per_session": 10, "conditions": ["fall-risk", "knee-pain"]},
}
# Parts of the printed sheet that are not sections of the plan: the exercises' how-to, which
# the page shows inside each session's cards.
SHEET_ONLY = {"How to do each exercise"}


class _Dom(HTMLParser):
    """Just enough of a DOM: [tag, attrs, children] lists, text as strings."""

    VOID = {"img", "br", "hr", "meta", "link", "input", "path"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list = ["#root", {}, []]
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = [tag, dict(attrs), []]
        self.stack[-1][2].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        while len(self.stack) > 1:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1][2].append(data)


def _dom(html: str) -> list:
    dom = _Dom()
    dom.feed(html)
    return dom.root


def _text(node: Any) -> str:
    if isinstance(node, str):
        return node
    if "headerlink" in node[1].get("class", ""):
        return ""  # the page's permalink mark
    return "".join(_text(c) for c in node[2])


def _find(node: Any, wanted: str) -> list | None:
    """The first element whose class list holds `wanted`."""
    if isinstance(node, str):
        return None
    if wanted in (node[1].get("class") or "").split():
        return node
    return next((hit for c in node[2] if (hit := _find(c, wanted)) is not None), None)


def _titles(root: list) -> list[str]:
    """The title of each top-level part of a plan, in order, as the reader sees them."""
    out = []
    for part in (c for c in root[2] if not isinstance(c, str)):
        elements = [c for c in part[2] if not isinstance(c, str)]
        if part[0] == "section":
            heading = next((e for e in elements if e[0] in ("h2", "h3", "h4")), None)
            out += [" ".join(_text(heading).split())] if heading else []
        elif part[0] == "details":
            out += [" ".join(_text(e).split()) for e in elements if e[0] == "summary"]
        elif part[0] == "div":  # a box with a title of its own: the referral, "check with a clinician first"
            out += [" ".join(_text(e).split()) for e in elements if e[1].get("class", "").endswith("-title")][:1]
    return out


def _plan(raw: dict) -> dict:
    return make_plan(CATALOG, parse_profile(raw, CATALOG))


def _page_titles(plan: dict) -> list[str]:
    return _titles(_find(_dom(planner_page(CATALOG, plan)), "hg-plan__body"))


def _sample_page(plan: dict) -> tuple[list[str], list[dict]]:
    md = markdown.Markdown(
        extensions=["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"],
        extension_configs={"toc": {"permalink": True}},
    )
    html = md.convert("# A sample plan\n\n" + plan_markdown(plan))
    return _titles(_find(_dom(html), "hg-plan__body")), md.toc_tokens[0]["children"]


def _sheet_titles(plan: dict) -> list[str]:
    html = plan_sheet_html(plan, CATALOG, title="A sample plan", kind="Sample plan", figures={})
    return _titles(_find(_dom(html), "hg-sheet"))


@pytest.mark.parametrize("name", PROFILES)
def test_the_page_and_the_sample_page_show_the_same_sections_in_the_same_order(name: str) -> None:
    plan = _plan(PROFILES[name])
    page = _page_titles(plan)
    sample, toc = _sample_page(plan)
    assert page == sample == section_titles(plan_tree(plan))
    assert len(page) >= 4 and page[-1] == TITLES["clinician"]
    # The sample page keeps a table of contents: its sections, and in each session its exercises.
    headings = [t for t in page if t not in (TITLES["notes"], (plan.get("check_first") or {}).get("title"))]
    assert [" ".join(t["name"].split()) for t in toc] == headings
    for session, entry in zip(plan["sessions"], (t for t in toc if t["name"].startswith("Session")), strict=True):
        assert [c["name"] for c in entry["children"]] == [ex["name"] for ex in session["exercises"]]


@pytest.mark.parametrize("name", PROFILES)
def test_the_printed_sheet_shows_the_plans_sections_under_the_same_titles_in_the_same_order(name: str) -> None:
    plan = _plan(PROFILES[name])
    page = _page_titles(plan)
    sheet = [t for t in _sheet_titles(plan) if t not in SHEET_ONLY]
    # The sheet is the short view (issue 13: no planner reasoning): some of the plan's sections,
    # every one under its title on the page, in the page's order, every session among them.
    positions = [page.index(t) for t in sheet if t in page]
    assert len(positions) == len(sheet), set(sheet) - set(page)
    assert positions == sorted(positions)
    sessions = [t for t in page if t.startswith("Session")]
    assert [t for t in sheet if t.startswith("Session")] == sessions
    if plan["cautions"]:
        assert TITLES["cautions"] in sheet
    if plan["status"] == "refer":
        assert sheet[0] == page[0] == TITLES["refer"]
    html = plan_sheet_html(plan, CATALOG, title="A sample plan", kind="Sample plan", figures={})
    if plan["warmup"]["activities"]:
        assert warmup_title(plan["warmup"]) + ":" in html


def test_a_title_is_text_and_a_page_shifts_the_headings() -> None:
    tree = ["div", {"class": "hg-plan__body"}, ["section", {"class": "hg-plan__section"}, ["h3", {}, "A <b> & C"]]]
    for html, level in ((tree_html(tree), "h3"), (tree_html(tree, heading_shift=-1, markdown=True), "h2")):
        assert "<b>" not in html and _titles(_find(_dom(html), "hg-plan__body")) == ["A <b> & C"]
        assert f"<{level}>" in html
    assert tree_html(tree, markdown=True).startswith('<div class="hg-plan')
    assert ' markdown="1">\n<section' in tree_html(tree, markdown=True)
