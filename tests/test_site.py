"""A real `mkdocs build --strict` of the guide, checked the way a reader uses it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.core.text import DISCLAIMER_TITLE
from generator.load import load_catalog

from conftest import DATA, make_project, run_mkdocs

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.cards: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        for key in ("href", "src", "action", "poster", "data"):
            if a.get(key):
                self.urls.append((tag, key, a[key]))
        if tag == "li" and "hg-card" in (a.get("class") or ""):
            self.cards.append(a)


def article(path: Path) -> str:
    """The page's own content, without navigation."""
    html = path.read_text(encoding="utf-8")
    return html[html.index('<article class="md-content__inner') : html.index("</article>")]


def parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_page_is_generated(built_site: Path):
    catalog = load_catalog(DATA)
    for ex in catalog.exercises:
        html = (built_site / "exercises" / ex.id / "index.html").read_text()
        assert "<h1 id=" in html and ex.name in html
        for step in ex.steps:
            assert step.split()[0] in html
        assert DISCLAIMER_TITLE in html
    for m in catalog.muscles:
        assert (built_site / "muscles" / m.id / "index.html").is_file()
    for t in catalog.topics:
        assert (built_site / t.section / t.id / "index.html").is_file()
    for page in ("exercises", "muscles", "concepts", "clinical"):
        assert (built_site / page / "index.html").is_file()
    assert DISCLAIMER_TITLE in (built_site / "index.html").read_text()


def test_cross_links_both_ways(built_site: Path):
    catalog = load_catalog(DATA)
    for ex in catalog.exercises:
        links = {u for _, _, u in parse(built_site / "exercises" / ex.id / "index.html").urls}
        for m in ex.primary_muscles + ex.secondary_muscles:
            assert f"../../muscles/{m}/" in links, (ex.id, m)
        for other in ex.progressions + ex.regressions:
            assert f"../{other}/" in links
    gmax = (built_site / "muscles" / "gluteus-maximus" / "index.html").read_text()
    trained_by = [e for e in catalog.exercises if "gluteus-maximus" in e.primary_muscles]
    assert trained_by and "As a main mover" in gmax
    for e in trained_by:
        assert f'href="../../exercises/{e.id}/"' in gmax


def test_filters_carry_each_exercises_data(built_site: Path):
    catalog = load_catalog(DATA)
    page = built_site / "exercises" / "index.html"
    assert len(parse(page).cards) == len(catalog.exercises)
    html = page.read_text()
    for ex in catalog.exercises:
        m = re.search(
            r'<li class="hg-card" ([^>]*)>(?:<img [^>]*>)?<h2 class="hg-card__title"><a href="./'
            + re.escape(ex.id)
            + '/">',
            html,
        )
        assert m, ex.id
        attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(1)))
        assert attrs["level"] == ex.level and attrs["position"] == ex.position and attrs["chain"] == ex.chain
        assert set(attrs["muscle"].split()) == set(ex.primary_muscles + ex.secondary_muscles)
        needs = set(ex.equipment.required) | {i for g in ex.equipment.one_of for i in g}
        assert set(attrs["equipment"].split()) == (needs or {"none"})
    for name in ("level", "equipment", "muscle", "position", "chain"):
        assert f'data-filter="{name}"' in html


def test_no_request_to_another_origin(built_site: Path):
    offenders = []
    for page in built_site.rglob("*.html"):
        for tag, _key, url in parse(page).urls:
            if re.match(r"^(https?:)?//", url) and not url.startswith(("http://127.0.0.1", "//127.0.0.1")):
                if tag == "a":
                    continue  # a plain link is navigation the reader chooses, not a request
                offenders.append((page.relative_to(built_site).as_posix(), tag, url))
    assert not offenders, offenders[:10]
    for css in built_site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(['\"]?https?:|fonts\.googleapis|fonts\.gstatic", css.read_text()), css
    assert "fonts.googleapis" not in (built_site / "index.html").read_text()


def test_broken_data_stops_the_build_with_the_validator_message(tmp_path: Path):
    config = make_project(tmp_path / "project", copy=("data",))
    bad = config.parent / "data" / "exercises" / "hip-thrust.yaml"
    bad.write_text(bad.read_text().replace("level: intermediate", "level: 3"))
    site = tmp_path / "site"
    proc = run_mkdocs(site, config=config)
    assert proc.returncode != 0
    assert (
        "data/exercises/hip-thrust.yaml: level: expected one of 'beginner', 'intermediate', 'advanced', found integer 3"
        in proc.stderr
    )
    assert "Traceback" not in proc.stderr
    assert not (site / "exercises" / "hip-thrust" / "index.html").exists()


def test_sample_plans_are_planned_at_build_time_and_linked(built_site: Path):
    from generator.pages.plans import exercises_in_plan, sample_plans

    catalog = load_catalog(DATA)
    plans = sample_plans(catalog)
    assert len(plans) >= 4
    index = (built_site / "plans" / "index.html").read_text()
    for sample in catalog.plans:
        assert f'href="{sample.id}/"' in index
        page = (built_site / "plans" / sample.id / "index.html").read_text()
        used = exercises_in_plan(plans[sample.id])
        for ex_id in used:
            assert f'href="../../exercises/{ex_id}/"' in page
            ex_page = article(built_site / "exercises" / ex_id / "index.html")
            assert f'href="../../plans/{sample.id}/"' in ex_page, (ex_id, sample.id)
        for ex in catalog.exercises:
            if ex.id not in used:
                ex_page = article(built_site / "exercises" / ex.id / "index.html")
                assert f'href="../../plans/{sample.id}/"' not in ex_page


def test_a_catalog_too_long_for_the_navigation_builds_strictly_with_every_page_reachable(tmp_path: Path):
    """A clinic's fork with 40 exercises: the drawer lists the exercises' index, which links them all."""
    from benchmarks.build_scale import synthetic_data
    from generator.pages.nav import NAV_SECTION_MAX

    config = make_project(tmp_path / "project", link=("docs", "overrides", "node_modules"))
    count = synthetic_data(config.parent / "data", NAV_SECTION_MAX + 1)
    text = config.read_text(encoding="utf-8")
    options = "      handouts: false\n      planner_snapshot: false\n      offline: false\n"
    config.write_text(text.replace("      data_dir: data\n", "      data_dir: data\n" + options, 1), encoding="utf-8")
    site = tmp_path / "site"
    proc = run_mkdocs(site, config=config)
    assert proc.returncode == 0, proc.stderr  # --strict: no page "not included in the nav" warning
    ids = sorted(p.stem for p in (config.parent / "data" / "exercises").glob("*.yaml"))
    assert len(ids) == count > NAV_SECTION_MAX
    index = (site / "exercises" / "index.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    drawer = home[home.index('class="md-nav md-nav--primary"') : home.index('class="md-content"')]
    for exercise in ids:
        assert (site / "exercises" / exercise / "index.html").is_file()
        assert f'href="./{exercise}/"' in index
        assert f'exercises/{exercise}/"' not in drawer  # not one link per exercise in every page's drawer
    assert 'href="exercises/"' in drawer
    muscles = list((config.parent / "data" / "muscles").glob("*.yaml"))
    assert muscles and all(f'href="muscles/{m.stem}/"' in drawer for m in muscles)  # short sections: listed whole
