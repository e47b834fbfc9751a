"""Accessibility in Debian's Chromium: axe-core on the guide's kinds of page, keyboard and drawer.

axe-core is the npm package pinned in package.json (node_modules/axe-core), injected into each
page as it is after its scripts have run: the planner once Python has planned, the exercise
index once its filters are shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# One page of each kind; the program builder once the site has one.
PAGES = [
    "",
    "exercises/hip-thrust/",
    "muscles/gluteus-maximus/",
    "exercises/",
    "muscles/",
    "plans/desk-worker/",
    "planner/",
    "program/",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _settle(page: Page, path: str) -> None:
    """Wait until the page's own scripts have shown what they show."""
    if path == "planner/":
        expect(page.locator('#hg-planner[data-planner-state="ready"]')).to_be_visible(timeout=60_000)
    elif path == "exercises/":
        expect(page.locator("[data-hg-filters]")).to_be_visible()
    page.wait_for_load_state("load")


def _violations(page: Page) -> list[str]:
    # Evaluated by the test driver, not added as an inline <script>: the page's policy forbids those.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # target-size (WCAG 2.2 2.5.8, 24 px or spacing) is off by default in axe; Lighthouse checks it.
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_kind_of_page(
    browser: Browser, site_url: str, built_site: Path, scheme: str
) -> None:
    assert AXE.exists(), "axe-core is missing: run npm ci"
    paths = [p for p in PAGES if (built_site / p / "index.html").exists()]
    assert len(paths) >= len(PAGES) - 1, paths  # only the builder may be missing
    found: dict[str, list[str]] = {}
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(color_scheme=scheme, viewport=viewport)  # type: ignore[arg-type]
        page = context.new_page()
        for path in paths:
            page.goto(site_url + path)
            _settle(page, path)
            # The planner page as it arrives, then once the person acts and the theme's bundle
            # has run (assets/planner/theme-later.js); other pages run it as they load.
            for state in ("", " after a first move") if path == "planner/" else ("",):
                if state:
                    page.mouse.move(300, 400)
                    page.wait_for_function("() => window.document$ !== undefined", timeout=10_000)
                scheme_attr = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
                assert scheme_attr == ("slate" if scheme == "dark" else "default"), (path, state, scheme_attr)
                problems = _violations(page)
                if problems:
                    found[f"{path or '/'} at {viewport['width']} px{state}"] = problems
        context.close()
    assert found == {}, found


def _tab_stops(page: Page, count: int) -> list[dict]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => {
                  const el = document.activeElement;
                  return {inDrawer: !!el.closest('.md-sidebar--primary'), inMain: !!el.closest('.md-content'),
                          text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)};
                }"""
            )
        )
    return stops


def test_on_a_phone_the_closed_drawer_is_out_of_the_tab_order(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "exercises/hip-thrust/")
    page.wait_for_load_state("networkidle")
    stops = _tab_stops(page, 12)
    assert not any(s["inDrawer"] for s in stops), stops
    assert any(s["inMain"] for s in stops), stops  # the page's own links come within a few stops
    # Opened, the drawer's links are reachable by keyboard.
    page.locator('label.md-header__button[for="__drawer"]').click()
    link = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Glute bridge").first
    expect(link).to_be_visible()
    link.focus()
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    context.close()


def test_phone_tap_targets_in_the_navigation_are_at_least_44px(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "exercises/hip-thrust/")
    page.locator('label.md-header__button[for="__drawer"]').click()
    links = page.locator(".md-sidebar--primary .md-nav__link:visible")
    expect(links.first).to_be_visible()
    heights = [box["height"] for box in (links.nth(i).bounding_box() for i in range(links.count())) if box]
    assert heights and min(heights) >= 44, heights
    context.close()


def test_the_planner_works_by_keyboard_and_announces_new_plans(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "planner/")
    expect(page.locator('#hg-planner[data-planner-state="ready"]')).to_be_visible(timeout=60_000)
    status = page.locator(".hg-planner__status-text")
    # The status line is in a live region, so screen readers read out each new plan.
    expect(page.locator('#hg-planner [aria-live="polite"] .hg-planner__status-text')).to_have_count(1)
    summary = page.locator("#hg-plan .hg-plan__summary")
    before = summary.inner_text()
    # Reach a level answer with Tab alone, then choose another with the arrow keys.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name === 'level'"):
            break
    else:
        pytest.fail("Tab never reached the level answers")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(status).to_contain_text("Plan updated")
    assert summary.inner_text() in status.inner_text()
    assert summary.inner_text() != before or "level=" in page.url
    context.close()
