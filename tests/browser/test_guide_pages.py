"""The guide's other pages in Debian's Chromium (headless), against the built site on 127.0.0.1.

Every test fails on a console error or on any request to another origin.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from generator.load import load_catalog

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_exercise_index_filters_its_cards(watched: Page, site_url: str) -> None:
    page = watched
    page.goto(site_url + "exercises/")
    catalog = load_catalog()
    filters = page.locator("[data-hg-filters]")
    expect(filters).to_be_visible()  # shown only once its script runs
    cards = page.locator("[data-hg-cards] .hg-card:visible")
    expect(cards).to_have_count(len(catalog.exercises))
    filters.get_by_label("Level").select_option("beginner")
    beginner = [ex for ex in catalog.exercises if ex.level == "beginner"]
    assert 0 < len(beginner) < len(catalog.exercises)
    expect(cards).to_have_count(len(beginner))
    total = len(catalog.exercises)
    expect(page.locator("[data-hg-count]")).to_have_text(f"Showing {len(beginner)} of {total} exercises")
