"""The planner's scripts and runtime on the guide's other pages (assets/javascripts/warmup.js).

Pages without a planner or the program builder load none of their JavaScript. A mouse resting on a link to the planner
starts its runtime early (tests/browser/test_planner_page.py); a tap, a keyboard pass through
the menu, Save-Data and a slow connection never do.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PLANNER_JS = "/assets/planner/"
PROGRAM_JS = "/assets/program/"


def _scripts(page: Page) -> list[str]:
    return page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        ".filter(p => p.endsWith('.js') || p.endsWith('.mjs'))"
    )


def _is_runtime(url: str) -> bool:
    """A file of the planner's Python runtime or its worker's modules."""
    return "/assets/planner/runtime/" in url or (PLANNER_JS in url and url.endswith(".mjs"))


def test_pages_without_a_planner_load_none_of_its_javascript(page: Page, site_url: str) -> None:
    for path in ("", "exercises/", "exercises/glute-bridge/", "muscles/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        # Neither the planner's scripts (its page, the worker's messenger client.js) nor the
        # program builder's, which talks to the same worker.
        loaded = [s for s in _scripts(page) if s.startswith((PLANNER_JS, PROGRAM_JS))]
        assert loaded == [], (path, loaded)
    page.goto(site_url + "planner/")
    page.wait_for_function("() => window.planner !== undefined", timeout=30_000)
    # The planner prints through the builder's sheet (sheet.js), not its page script.
    assert PROGRAM_JS + "program.js" not in _scripts(page)
    page.goto(site_url + "program/")
    page.wait_for_function("() => window.program !== undefined", timeout=30_000)


def test_a_tap_or_keyboard_pass_does_not_download_the_runtime(browser: Browser, site_url: str) -> None:
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    runtime: list[str] = []
    context.on("request", lambda r: runtime.append(r.url) if _is_runtime(r.url) else None)
    page.goto(site_url + "exercises/")
    page.wait_for_load_state("networkidle")
    # A finger on the link that does not tap it (a scroll): touch events, no click.
    page.dispatch_event('a[href$="planner/"]', "touchstart")
    page.dispatch_event('a[href$="planner/"]', "pointerover", {"pointerType": "touch", "bubbles": True})
    page.wait_for_timeout(500)
    # Keyboard focus passing through every link on the page.
    for _ in range(40):
        page.keyboard.press("Tab")
    page.wait_for_timeout(1000)
    assert page.url == site_url + "exercises/"
    assert runtime == [], runtime
    context.close()


@pytest.mark.parametrize(
    "connection",
    ["{saveData: true, effectiveType: '4g', downlink: 10}", "{saveData: false, effectiveType: '3g', downlink: 1.5}"],
)
def test_save_data_or_a_slow_connection_get_no_warm_up(browser: Browser, site_url: str, connection: str) -> None:
    context = browser.new_context(service_workers="block")
    context.add_init_script(f"Object.defineProperty(navigator, 'connection', {{value: {connection}}})")
    page = context.new_page()
    runtime: list[str] = []
    context.on("request", lambda r: runtime.append(r.url) if _is_runtime(r.url) else None)
    page.goto(site_url + "exercises/")
    page.wait_for_load_state("networkidle")
    page.locator('a[href$="planner/"]').first.hover()
    page.wait_for_timeout(1500)
    assert runtime == [], runtime
    context.close()
