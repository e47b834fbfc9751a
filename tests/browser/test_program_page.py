"""The program builder (program/) in Debian's Chromium, against the built site on 127.0.0.1.

A clinician's use of it: pick, edit, reorder, a warning that needs "keep it", share a link
(without the patient's name), reload, and print: one page up to four exercises, two up to eight.
Every test fails on a console error or on any request to another origin.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.planner.program import decode_fragment

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = "#hg-program[data-ready]"


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)


def _settled(page: Page) -> None:
    """Wait until the sheet shows the program now on the page (Python answered the last change)."""
    page.wait_for_function(
        """() => {
          const spec = window.program.get();
          const rows = document.querySelectorAll('.hg-program__sheet .hg-sheet__ex').length;
          const off = document.querySelectorAll('.hg-program__item--left-off').length;
          return !document.querySelector('.hg-program--stale') && rows === spec.exercises.length - off;
        }""",
        timeout=30_000,
    )


def _pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


def test_a_physio_builds_a_sheet_by_hand(watched: Page, site_url: str, tmp_path: Path) -> None:
    page = watched
    _open(page, site_url + "program/")
    page.evaluate("localStorage.clear()")
    page.get_by_role("button", name="Start a new program").click()
    # Pick: search by muscle, then add.
    page.get_by_label("Search by name or muscle").fill("adductor")
    visible = page.locator(".hg-pick:visible .hg-pick__name").all_inner_texts()
    assert visible and all(name != "Glute bridge" for name in visible)
    page.get_by_label("Search by name or muscle").fill("")
    for name in ("Glute bridge", "Quadruped kickback", "Ball bridge with hamstring curl"):
        page.get_by_role("button", name=f"Add {name}", exact=True).click()
    # Edit: sets and reps of the first, a note on the second.
    first = page.locator(".hg-program__item").nth(0)
    first.get_by_label("Sets").fill("3")
    first.get_by_label("Repetitions", exact=True).fill("10")
    page.locator(".hg-program__item").nth(1).get_by_label("Note for this exercise").fill("Slowly, both sides.")
    page.get_by_label("Title").fill("Hamstring strain: weeks 1 to 2")
    page.get_by_label("Patient's name (optional)").fill("Alex Morgan")
    page.get_by_label("Review date").fill("2026-12-15")
    page.get_by_label("Sessions a week").fill("3")
    # Reorder: the kickback goes first.
    page.get_by_role("button", name="Move up Quadruped kickback").click()
    _settled(page)
    spec = page.evaluate("window.program.get()")
    assert [e["id"] for e in spec["exercises"]] == ["quadruped-kickback", "glute-bridge", "ball-bridge-hamstring-curl"]
    assert spec["exercises"][1] == {"id": "glute-bridge", "sets": 3, "reps": 10}
    assert spec["exercises"][0]["notes"] == "Slowly, both sides."
    # Warn: a hamstring strain rules the curl out, with the planner's reason; "keep it" puts it back.
    page.get_by_label("Mild or recovering hamstring strain, or hamstring tendon pain").check()
    curl = page.locator(".hg-program__item").nth(2)
    expect(curl.locator(".hg-program__warn")).to_contain_text("the hamstrings do most of the work")
    _settled(page)
    assert page.locator(".hg-program__sheet .hg-sheet__ex").count() == 2
    curl.get_by_label("Keep it on the sheet").check()
    _settled(page)
    expect(page.locator(".hg-program__sheet .hg-sheet__ex")).to_have_count(3)
    expect(page.locator(".hg-program__sheet")).to_contain_text("Review on 15 December 2026")
    # A bad answer: the same one line as the CLI, and the sheet marked out of date.
    page.get_by_label("Sessions a week").fill("9")
    expect(page.locator(".hg-program__error")).to_have_text(
        "program: sessions_per_week: expected a whole number from 1 to 7, found 9"
    )
    expect(page.locator(".hg-program--stale")).to_have_count(1)
    page.get_by_label("Sessions a week").fill("3")
    _settled(page)
    # Share: the link holds the program but not the patient's name.
    fragment = page.evaluate("location.hash.slice(1)")
    assert fragment.startswith("p=") and len(fragment) < 400
    shared = json.loads(decode_fragment(fragment))
    assert "patient" not in shared and shared["exercises"] == page.evaluate("window.program.get()")["exercises"]
    page.get_by_role("button", name="Copy a link to this program").click()
    expect(page.locator(".hg-program__shared")).to_contain_text("without the patient's name")
    # Another computer opens the link: same program, no name.
    other = page.context.browser.new_context().new_page()
    _open(other, site_url + "program/#" + fragment)
    _settled(other)
    assert other.evaluate("window.program.get()") == shared
    other.context.close()
    # Reload on this computer: the kept program, with the name.
    page.goto(site_url + "program/")
    page.wait_for_selector(READY)
    _settled(page)
    assert page.evaluate("window.program.get()")["patient"] == "Alex Morgan"
    # Print: only the sheet, on one A4 page.
    page.emulate_media(media="print")
    expect(page.locator(".hg-program__picker")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".hg-program__sheet .hg-sheet")).to_be_visible()
    assert _pages(page.pdf(prefer_css_page_size=True), tmp_path) == 1


def test_eight_exercises_print_on_two_pages_and_letter_paper_is_letter(
    watched: Page, site_url: str, tmp_path: Path
) -> None:
    page = watched
    _open(page, site_url + "program/")
    ids = ["glute-bridge", "hip-thrust", "quadruped-kickback", "step-up", "standing-kickback", "upright-hip-thrust"]
    exercises = [{"id": i, "sets": 2, "notes": "Comfortable range."} for i in ids] + [
        {"id": "glute-bridge"},
        {"id": "hip-thrust"},
    ]
    page.evaluate("s => window.program.set(s)", {"title": "Eight", "exercises": exercises})
    _settled(page)
    page.emulate_media(media="print")
    assert _pages(page.pdf(prefer_css_page_size=True), tmp_path) == 2
    page.emulate_media(media="screen")
    page.evaluate("s => window.program.set(s)", {"title": "Four", "exercises": exercises[:4]})
    page.get_by_label("Paper").select_option("letter")
    _settled(page)
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    assert _pages(pdf, tmp_path) == 1
    (tmp_path / "letter.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "letter.pdf")], capture_output=True, text=True, check=True).stdout
    assert "612 x 792" in info


def test_set_refuses_a_bad_program_with_the_cli_s_line(watched: Page, site_url: str) -> None:
    page = watched
    _open(page, site_url + "program/")
    message = page.evaluate(
        "s => window.program.set(s).then(() => 'accepted', e => e.message)",
        {"exercises": [{"id": "step-up", "reps": 10}]},
    )
    assert message == "program: exercises[0].reps: Step-up is done on each leg in turn: give reps_per_leg instead"


def test_a_sample_plan_opens_in_the_builder_with_its_doses(watched: Page, site_url: str) -> None:
    page = watched
    page.goto(site_url + "plans/recovering-hamstring/")
    page.get_by_role("link", name="Edit in the program builder").click()
    page.wait_for_selector(READY, timeout=60_000)
    _settled(page)
    spec = page.evaluate("window.program.get()")
    assert spec["conditions"] == ["hamstring-strain"] and spec["sessions_per_week"] == 2
    assert spec["exercises"] and all(e.get("sets") for e in spec["exercises"])
    assert not page.locator(".hg-program__item--warned").count()


def test_a_link_decodes_without_decompression_streams(watched: Page, site_url: str) -> None:
    """The fallback: a browser without DecompressionStream asks Python to read the link."""
    from generator.planner.program import encode_fragment

    page = watched
    fragment = encode_fragment({"title": "Fallback", "exercises": [{"id": "glute-bridge", "sets": 2}]})
    page.add_init_script("delete window.DecompressionStream; delete window.CompressionStream;")
    _open(page, site_url + "program/#" + fragment)
    _settled(page)
    assert page.evaluate("window.program.get()") == {
        "title": "Fallback",
        "exercises": [{"id": "glute-bridge", "sets": 2}],
    }
    assert page.evaluate("location.hash").startswith("#j=")  # written back uncompressed, still a working link


def test_every_exercise_page_plans_with_it_and_the_home_page_invites_a_plan(watched: Page, site_url: str) -> None:
    page = watched
    page.goto(site_url)
    expect(page.get_by_role("link", name="Make your plan")).to_have_attribute("href", re.compile(r"planner/$"))
    page.goto(site_url + "exercises/step-up/")
    page.get_by_role("link", name="Plan with this exercise").click()
    page.wait_for_selector(READY, timeout=60_000)
    _settled(page)
    assert page.evaluate("window.program.get()")["exercises"][-1] == {"id": "step-up"}
    expect(page.locator(".hg-program__item-name").last).to_have_text(re.compile(r"\d+\. Step-up"))


LAYOUT_SHIFTS = """() => { window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
  }).observe({ type: "layout-shift", buffered: true }); }"""


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_jumps_when_the_builder_starts(browser, site_url: str, width: int) -> None:
    # The builder is laid out before its script runs: the page below it (the disclaimer, the
    # footer) stays where it was painted (a cumulative layout shift of 0.5 before the fix).
    context = browser.new_context(viewport={"width": width, "height": 850})
    context.add_init_script(f"({LAYOUT_SHIFTS})()")
    page = context.new_page()
    _open(page, site_url + "program/")
    page.wait_for_timeout(500)
    shift = page.evaluate("() => window.__shifts.reduce((a, b) => a + b, 0)")
    assert shift < 0.05, shift
    context.close()
