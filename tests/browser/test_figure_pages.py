"""The figures in Chromium: the body map filters and links, the movement honours reduced motion.

Every test fails on a console error, a request to another origin or a CSP violation (the
`watched` fixture).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from generator.load import load_catalog

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_choosing_a_region_of_the_body_map_filters_the_exercises_and_stays_in_the_address(
    watched: Page, site_url: str
) -> None:
    page = watched
    catalog = load_catalog()
    page.goto(site_url + "exercises/")
    body_map = page.locator("[data-hg-bodymap]")
    expect(body_map).to_be_visible()  # shown once filters.js runs
    cards = page.locator("[data-hg-cards] .hg-card:visible")
    expect(cards).to_have_count(len(catalog.exercises))
    medius = [e for e in catalog.exercises if "gluteus-medius" in (*e.primary_muscles, *e.secondary_muscles)]
    assert 0 < len(medius) < len(catalog.exercises)

    region = body_map.locator('[data-muscle="gluteus-medius"][role="button"]')
    shape = region.locator("path.hg-bm__shape").first  # one side's outline (the group spans both hips)
    shape.click()
    expect(cards).to_have_count(len(medius))
    expect(region).to_have_attribute("aria-pressed", "true")
    expect(page.locator("select[data-filter=muscle]")).to_have_value("gluteus-medius")  # the same filter as the select
    assert "muscle=gluteus-medius" in page.url

    # With the keyboard: focus another region, Enter chooses it; Space on it again clears it.
    other = body_map.locator('[data-muscle="adductor-magnus"][role="button"]')
    other.focus()
    page.keyboard.press("Enter")
    magnus = [e for e in catalog.exercises if "adductor-magnus" in (*e.primary_muscles, *e.secondary_muscles)]
    expect(cards).to_have_count(len(magnus))
    expect(region).to_have_attribute("aria-pressed", "false")
    page.keyboard.press(" ")
    expect(cards).to_have_count(len(catalog.exercises))
    assert "muscle=" not in page.url

    # The address carries every filter: opening it again shows the same list.
    page.locator("select[data-filter=level]").select_option("beginner")
    shape.click()
    assert "level=beginner" in page.url and "muscle=gluteus-medius" in page.url
    page.goto(page.url)
    both = [e for e in medius if e.level == "beginner"]
    expect(cards).to_have_count(len(both))
    expect(page.locator("select[data-filter=level]")).to_have_value("beginner")
    expect(region).to_have_attribute("aria-pressed", "true")


def test_each_region_of_the_muscles_index_names_itself_and_opens_its_page(watched: Page, site_url: str) -> None:
    page = watched
    page.goto(site_url + "muscles/")
    link = page.locator('.hg-bm__link[data-muscle="gluteus-maximus"]')
    name = link.locator(".hg-bm__name")
    expect(name).to_be_hidden()
    link.focus()  # keyboard focus names the region
    expect(name).to_be_visible()
    expect(name).to_have_text("Gluteus maximus")
    page.mouse.move(0, 0)
    page.locator('.hg-bm__link[data-muscle="iliacus"] path.hg-bm__shape').first.hover()
    expect(page.locator('.hg-bm__link[data-muscle="iliacus"] .hg-bm__name')).to_be_visible()
    page.locator('.hg-bm__link[data-muscle="biceps-femoris"] path.hg-bm__shape').first.click()
    expect(page).to_have_url(site_url + "muscles/biceps-femoris/")
    expect(page.locator(".hg-bodymap svg[role=img]")).to_have_attribute(
        "aria-label", "Body map: the Biceps femoris (long head) marked, seen from behind and from the front."
    )


def test_the_movement_is_animated_unless_the_reader_asks_for_less_motion(watched: Page, site_url: str) -> None:
    page = watched
    page.goto(site_url + "exercises/glute-bridge/")
    still = page.locator(".hg-move__panel--still svg")
    anim = page.locator(".hg-move__panel--anim svg")
    expect(still).to_be_visible()
    expect(anim).to_be_visible()
    assert still.bounding_box()["width"] >= 250
    page.emulate_media(reduced_motion="reduce")
    expect(anim).to_be_hidden()
    expect(still).to_be_visible()
    # the still names both positions in its legend, and the page says what it shows
    expect(still.locator("text")).to_have_text(["Start", "Finish"])
    expect(page.locator(".hg-move figcaption")).to_contain_text("the hips rise")
