"""The planner keeps what a person entered: in-page anchors never reset the form or the kept plan."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = '#hg-planner[data-planner-state="ready"]'


def _kept(page: Page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('hipguide.planner.v1') || '{}'")).get("profile", {})


def test_the_headings_own_anchor_keeps_the_answers_and_the_kept_plan(watched: Page, site_url: str) -> None:
    page = watched
    page.goto(site_url + "planner/")
    expect(page.locator(READY)).to_be_visible(timeout=60_000)
    remember = page.get_by_label("Remember my answers on this device")
    if remember.count():
        remember.check()
    page.get_by_label("Advanced").check()
    page.wait_for_function("() => (localStorage.getItem('hipguide.planner.v1') || '').includes('advanced')")
    summary = page.locator("#hg-plan .hg-plan__summary").inner_text()
    # The page heading's permalink, followed in the page and then opened afresh.
    anchor = "#your-hip-extension-plan"
    assert (page.locator("h1 a.headerlink").get_attribute("href") or "").endswith(anchor)
    page.evaluate("(anchor) => { location.hash = anchor; }", anchor)
    page.wait_for_timeout(300)
    expect(page.get_by_label("Advanced")).to_be_checked()
    page.goto(site_url + "planner/" + anchor)
    expect(page.locator(READY)).to_be_visible(timeout=60_000)
    expect(page.get_by_label("Advanced")).to_be_checked()
    expect(page.locator("#hg-plan .hg-plan__summary")).to_have_text(summary)
    page.wait_for_timeout(300)  # past the kept plan's own write
    assert _kept(page).get("level") == "advanced"
