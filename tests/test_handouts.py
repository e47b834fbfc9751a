"""PDF handouts: checked with poppler's tools the way a clinician would notice problems."""

from __future__ import annotations

import dataclasses
import functools
import re
import subprocess
from pathlib import Path

import pytest

from generator.background import Background
from generator.core.model import Catalog
from generator.core.text import dose_text
from generator.handouts import build as ho
from generator.handouts.build import HandoutError, build_handouts, collect_docs, font_css, render_pdf
from generator.handouts.links import add_handout_link, handout_for_page, handouts_index, relative_url
from generator.handouts.sheets import Doc, exercise_handout_path, plan_handout_path
from generator.load import figure_bytes, load_catalog

from conftest import DATA


@functools.cache
def _figures() -> dict[str, bytes]:
    """The generated figures (generator.figures), as the site publishes them."""
    return figure_bytes(DATA, load_catalog(DATA))


SITE_URL = "https://guide.example/hip/"
A4 = (595, 842)
LETTER = (612, 792)


def _plans(catalog: Catalog) -> dict[str, dict]:
    if not catalog.plans:
        return {}
    from generator.planner.plan import make_plan
    from generator.planner.profile import parse_profile

    return {p.id: make_plan(catalog, parse_profile(p.profile, catalog)) for p in catalog.plans}


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _info(pdf: Path) -> dict[str, str]:
    return dict(
        (k.strip(), v.strip())
        for k, v in (line.split(":", 1) for line in _tool("pdfinfo", str(pdf)).splitlines() if ":" in line)
    )


def _size(pdf: Path) -> tuple[int, int]:
    w, h = re.match(r"([\d.]+) x ([\d.]+) pts", _info(pdf)["Page size"]).groups()
    return round(float(w)), round(float(h))


def _words(text: str) -> str:
    """Text with hyphenation at line ends undone and all whitespace as single spaces."""
    text = re.sub(r"-\n\s*", "-", text)  # a break after a hyphen keeps the hyphen ("hip-\nwidth")
    return " ".join(text.split())


def _pdf_text(pdf: Path) -> str:
    return _words(_tool("pdftotext", str(pdf), "-"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> tuple[Path, Path, list[Path]]:
    """Every handout, rendered once from a cold cache: (site dir, cache dir, paths)."""
    root = tmp_path_factory.mktemp("handouts")
    site, cache = root / "site", root / "cache"
    paths = build_handouts(
        catalog, site, cache_dir=cache, site_url=SITE_URL, plans=_plans(catalog), date="1 May 2026", figures=_figures()
    )
    return site, cache, paths


def test_every_exercise_has_a_one_page_a4_handout(built, catalog):
    site, _, _ = built
    for ex in catalog.exercises:
        pdf = site / exercise_handout_path(ex.id)
        assert pdf.is_file(), ex.id
        assert _info(pdf)["Pages"] == "1", f"{ex.id} does not fit on one page"
        assert _size(pdf) == A4


def test_handout_text_shows_every_step_the_dose_and_the_address(built, catalog):
    site, _, _ = built
    for ex in catalog.exercises:
        text = _pdf_text(site / exercise_handout_path(ex.id))
        for n, step in enumerate(ex.steps, 1):
            assert _words(step) in text, f"{ex.id}: step {n} missing"
        assert _words(dose_text(ex.dosage)) in text, ex.id
        for section in ("WHAT IT TRAINS", "EQUIPMENT", "STEPS", "DOSE", "Not medical advice"):
            assert section in text, (ex.id, section)
        for caution in ex.cautions:
            assert _words(caution) in text
        assert f"{SITE_URL}exercises/{ex.id}/" in text


def test_every_sample_plan_has_a_handout(built, catalog):
    site, _, _ = built
    assert catalog.plans, "the repository ships sample plans"
    for plan in catalog.plans:
        pdf = site / plan_handout_path(plan.id)
        assert pdf.is_file(), plan.id
        text = _pdf_text(pdf)
        assert _words(plan.name) in text and "Not medical advice" in text
        assert _size(pdf) == A4


def test_booklet_has_contents_with_page_numbers_and_every_item(built, catalog):
    site, _, _ = built
    pdf = site / "handouts/guide-booklet.pdf"
    pages = int(_info(pdf)["Pages"])
    assert pages > len(catalog.exercises) + 2
    contents = _words(_tool("pdftotext", "-f", "2", "-l", "2", str(pdf), "-"))
    for ex in catalog.exercises:
        number = re.search(re.escape(ex.name) + r"[ .]*(\d+)", contents)
        assert number and 2 < int(number[1]) <= pages, ex.name
    text = _pdf_text(pdf)
    for item in (*catalog.exercises, *catalog.muscles, *(t for t in catalog.topics if t.section == "clinical")):
        assert _words(item.name) in text, item.name


def test_fonts_are_embedded_in_every_pdf(built):
    _, _, paths = built
    for pdf in paths:
        rows = _tool("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, f"{pdf.name}: no fonts"
        for row in rows:
            # columns: name type encoding emb sub uni object ID
            assert row.split()[-5] == "yes", f"{pdf.name}: font not embedded: {row}"


def test_a_rebuild_without_changes_renders_nothing(built, catalog, monkeypatch, tmp_path):
    _, cache, paths = built
    calls: list[str] = []
    monkeypatch.setattr(ho, "render_pdf", lambda doc: calls.append(doc.path) or b"")
    # Same inputs as a known build: not even the HTML is made again.
    monkeypatch.setattr(ho, "collect_docs", lambda *a, **k: pytest.fail("rendered HTML for an unchanged build"))
    again = build_handouts(
        catalog,
        tmp_path,
        cache_dir=cache,
        site_url=SITE_URL,
        plans=_plans(catalog),
        date="1 May 2026",
        figures=_figures(),
    )
    assert calls == []
    assert [p.relative_to(tmp_path) for p in again] == [p.relative_to(built[0]) for p in paths]
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in again)


def test_an_edited_exercise_renders_only_its_handout_and_the_booklet(built, catalog, monkeypatch, tmp_path):
    _, cache, _ = built
    first = catalog.exercises[0]
    edited = dataclasses.replace(first, steps=first.steps + ("Rest for a minute.",))
    changed = dataclasses.replace(catalog, exercises=(edited,) + catalog.exercises[1:])
    calls: list[str] = []
    monkeypatch.setattr(ho, "render_pdf", lambda doc: calls.append(doc.path) or b"%PDF-fake")
    build_handouts(
        changed,
        tmp_path,
        cache_dir=cache,
        site_url=SITE_URL,
        plans=_plans(catalog),
        date="1 May 2026",
        figures=_figures(),
        processes=1,  # in this process, where render_pdf is the stand-in
    )
    assert sorted(calls) == sorted([exercise_handout_path(first.id), "handouts/guide-booklet.pdf"])


def test_a_new_site_url_renders_every_handout_again(built, catalog, monkeypatch, tmp_path):
    _, cache, paths = built
    calls: list[str] = []
    monkeypatch.setattr(ho, "render_pdf", lambda doc: calls.append(doc.path) or b"%PDF-fake")
    build_handouts(
        catalog,
        tmp_path,
        cache_dir=cache,
        site_url="https://elsewhere.example/",
        plans=_plans(catalog),
        date="1 May 2026",
        figures=_figures(),
        processes=1,  # in this process, where render_pdf is the stand-in
    )
    assert len(calls) == len(paths)


def test_letter_paper_keeps_every_exercise_on_one_letter_page(catalog, tmp_path):
    fonts, _ = font_css()
    docs = [
        d
        for d in collect_docs(
            catalog, site_url=SITE_URL, paper="letter", fonts=fonts, figures=figure_bytes(DATA, catalog)
        )
        if d.one_page
    ]
    assert len(docs) == len(catalog.exercises)
    for doc in docs:
        pdf = tmp_path / Path(doc.path).name
        pdf.write_bytes(render_pdf(doc))
        assert _info(pdf)["Pages"] == "1", doc.path
        assert _size(pdf) == LETTER


def test_a_failed_render_names_the_exercise_and_leaves_no_file(catalog, monkeypatch, tmp_path):
    import weasyprint

    def broken(self, *args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(weasyprint.HTML, "render", broken)
    one = dataclasses.replace(catalog, exercises=catalog.exercises[:1])
    with pytest.raises(HandoutError, match=rf"exercise '{one.exercises[0].id}'.*boom"):
        # In this process, where WeasyPrint is broken; a failure in the render processes is the
        # next test's (a sheet too long for one page).
        build_handouts(
            one, tmp_path / "site", cache_dir=tmp_path / "cache", site_url=SITE_URL, figures=_figures(), processes=1
        )
    assert not list((tmp_path / "site").rglob("*.pdf")) and not list((tmp_path / "site").rglob("*.tmp"))
    assert not list((tmp_path / "cache").rglob("*.pdf")) and not list((tmp_path / "cache").rglob("*.tmp"))


def test_a_handout_that_cannot_fit_one_page_fails_with_its_name(catalog, tmp_path):
    ex = catalog.exercises[0]
    long = dataclasses.replace(ex, steps=tuple(f"Step number {i}: " + "keep going " * 30 for i in range(30)))
    one = dataclasses.replace(catalog, exercises=(long,))
    with pytest.raises(HandoutError, match=rf"exercise '{ex.id}'.*does not fit on one page"):
        # The sheet and the booklet each in a render process: the error comes back as it is.
        build_handouts(
            one, tmp_path / "site", cache_dir=tmp_path / "cache", site_url=SITE_URL, figures=_figures(), processes=2
        )
    assert not (tmp_path / "site" / exercise_handout_path(ex.id)).exists()
    assert not list((tmp_path / "cache").rglob("*.tmp")) and not list((tmp_path / "site").rglob("*.tmp"))


def test_a_missing_figure_fails_with_the_exercise_name(catalog, tmp_path):
    ex = catalog.exercises[0]
    one = dataclasses.replace(catalog, exercises=(ex,))
    figures = {k: v for k, v in _figures().items() if k != f"{ex.id}.svg"}
    with pytest.raises(HandoutError, match=rf"exercise '{ex.id}'.*{ex.id}.svg"):
        build_handouts(one, tmp_path / "site", cache_dir=tmp_path / "cache", figures=figures)


def test_nothing_is_fetched_from_elsewhere():
    html = '<html><body><p>x</p><img src="https://example.com/a.png"></body></html>'
    with pytest.raises(HandoutError, match="exercise 'remote'"):
        render_pdf(Doc("handouts/remote.pdf", "exercise 'remote'", html))


def test_links_are_relative_to_the_page():
    assert relative_url("handouts/a.pdf", "exercises/a/") == "../../handouts/a.pdf"
    assert relative_url("handouts/a.pdf", "exercises/a.html") == "../handouts/a.pdf"
    assert relative_url("handouts/a.pdf", "handouts/") == "a.pdf"
    md = add_handout_link("---\n---\n# Glute bridge\n\nText", "handouts/glute-bridge.pdf", "exercises/glute-bridge/")
    title, rest = md.split("# Glute bridge\n", 1)
    assert 'href="../../handouts/glute-bridge.pdf"' in rest.split("Text")[0]
    assert "Download handout (PDF)" in rest


def test_pages_that_get_a_link_and_the_index_lists_all(catalog):
    for ex in catalog.exercises:
        assert handout_for_page(f"exercises/{ex.id}.md", catalog) == exercise_handout_path(ex.id)
    assert handout_for_page("exercises/index.md", catalog) is None
    assert handout_for_page("muscles/gluteus-maximus.md", catalog) is None
    index = handouts_index(catalog)
    for ex in catalog.exercises:
        assert f'href="{ex.id}.pdf"' in index
    for plan in catalog.plans:
        assert f'href="plans/{plan.id}.pdf"' in index
    assert 'href="guide-booklet.pdf"' in index


@pytest.mark.slow
def test_the_built_site_links_every_handout(built_site, catalog):
    """Each exercise (and sample plan) page shows the download link; the index lists them all."""
    href = re.compile(r'<a [^>]*href="([^"]+\.pdf)"[^>]*>([^<]*)</a>')
    pages = [(f"exercises/{e.id}/index.html", exercise_handout_path(e.id)) for e in catalog.exercises]
    pages += [(f"plans/{p.id}/index.html", plan_handout_path(p.id)) for p in catalog.plans]
    for page, pdf in pages:
        html_file = built_site / page
        links = {
            (built_site / page).parent.joinpath(h).resolve(): t for h, t in href.findall(html_file.read_text("utf-8"))
        }
        target = (built_site / pdf).resolve()
        assert links.get(target) == "Download handout (PDF)", page
        assert target.is_file() and target.read_bytes()[:5] == b"%PDF-"
    index = (built_site / "handouts/index.html").read_text("utf-8")
    listed = {(built_site / "handouts").joinpath(h).resolve() for h, _ in href.findall(index)}
    made = {p.resolve() for p in (built_site / "handouts").rglob("*.pdf")}
    assert made and listed == made


def test_serve_mode_returns_at_once_and_renders_in_the_background(catalog, tmp_path):
    import threading
    import time

    small = dataclasses.replace(catalog, exercises=catalog.exercises[:2], topics=())
    done = threading.Event()
    with Background() as background:
        started = time.perf_counter()
        paths = build_handouts(
            small,
            tmp_path / "site",
            cache_dir=tmp_path / "cache",
            background=background,
            on_done=lambda _: done.set(),
            figures=_figures(),
        )
        assert time.perf_counter() - started < 0.5, "serve mode waited for WeasyPrint"
        assert done.wait(120), "background render did not finish"
    assert all(p.is_file() for p in paths)
    assert not [t for t in threading.enumerate() if t.name.startswith("hipguide-")], (
        "a render thread outlived its owner"
    )


def test_a_newer_build_stops_the_older_background_render(catalog, monkeypatch, tmp_path):
    import threading

    rendered: list[str] = []
    first_started, release, newer_done = threading.Event(), threading.Event(), threading.Event()

    def slow(doc):
        rendered.append(doc.path)
        first_started.set()
        release.wait(30)
        return b"%PDF-fake"

    monkeypatch.setattr(ho, "render_pdf", slow)
    small = dataclasses.replace(catalog, exercises=catalog.exercises[:3], topics=())
    with Background() as background:
        build_handouts(small, tmp_path / "a", cache_dir=tmp_path / "cache", background=background, figures=_figures())
        assert first_started.wait(30)
        newer = build_handouts(
            small,
            tmp_path / "b",
            cache_dir=tmp_path / "cache",
            site_url="https://elsewhere.example/",  # every handout changes
            background=background,
            on_done=lambda _: newer_done.set(),
            figures=_figures(),
        )
        release.set()
        assert newer_done.wait(30), "the newer build's job did not finish"
    # The older job finished the PDF it was making, then stopped; the newer one made them all.
    first = exercise_handout_path(small.exercises[0].id)
    assert rendered == [first] + [p.relative_to(tmp_path / "b").as_posix() for p in newer]
    assert not (tmp_path / "a" / exercise_handout_path(small.exercises[1].id)).exists()


def test_published_pdfs_are_readable_by_any_web_server(built):
    site, _cache, paths = built
    for path in paths:
        assert path.stat().st_mode & 0o044 == 0o044, f"{path.name} is not world-readable"


def test_handouts_rendered_in_several_processes_are_those_rendered_one_by_one(catalog, tmp_path):
    # A one-off build renders what the cache lacks on every core; a clinic's sheets must not
    # depend on that: the same files, each with the same pages and words.
    small = dataclasses.replace(catalog, exercises=catalog.exercises[:3])
    made = {}
    for processes in (1, 2):
        site = tmp_path / f"site-{processes}"
        paths = build_handouts(
            small, site, cache_dir=tmp_path / f"cache-{processes}", site_url=SITE_URL,
            figures=_figures(), date="1 May 2026", processes=processes,
        )  # fmt: skip
        made[processes] = {p.relative_to(site).as_posix(): p for p in paths}
        assert all(p.is_file() for p in paths) and not list(site.rglob("*.tmp"))
    assert sorted(made[1]) == sorted(made[2]) and len(made[1]) == 4  # three sheets and the booklet
    for name, one in made[1].items():
        other = made[2][name]
        assert _info(one)["Pages"] == _info(other)["Pages"], name
        assert _pdf_text(one) == _pdf_text(other), name


def test_a_large_catalog_s_booklet_comes_in_volumes_each_whole(catalog, monkeypatch, tmp_path):
    from generator.handouts import sheets

    most = len(catalog.exercises) // 3
    monkeypatch.setattr(sheets, "BOOKLET_VOLUME_MAX", most)
    volumes = sheets.booklet_volumes(catalog)
    sizes = [len(v.exercises) for v in volumes]
    assert len(volumes) == 3 + (len(catalog.exercises) % 3 > 0) and max(sizes) <= most and max(sizes) - min(sizes) <= 1
    last = len(volumes)
    docs = {d.path: d for d in collect_docs(catalog, site_url=SITE_URL, figures=_figures())}
    assert "handouts/guide-booklet.pdf" not in docs
    index = handouts_index(catalog)
    seen: list[str] = []
    for n, volume in enumerate(volumes, 1):
        assert volume.path == f"handouts/guide-booklet-{n}.pdf"
        assert f'href="guide-booklet-{n}.pdf"' in index and f"volume {n} of {last}" in index
        pdf = tmp_path / f"volume-{n}.pdf"
        pdf.write_bytes(render_pdf(docs[volume.path]))
        pages = int(_info(pdf)["Pages"])
        text = _pdf_text(pdf)
        assert f"Volume {n} of {last}" in text and "Not medical advice" in text
        contents = _words(_tool("pdftotext", "-f", "2", "-l", "2", str(pdf), "-"))
        for ex in volume.exercises:  # its own exercises, each listed with the page it is on
            number = re.search(re.escape(ex.name) + r"[ .]*(\d+)", contents)
            assert number and 2 < int(number[1]) <= pages, (n, ex.name)
            seen.append(ex.id)
        others = [e for e in catalog.exercises if e not in volume.exercises]
        assert not any(_words(e.name) + " Level:" in text for e in others), n
        muscles = [m for m in catalog.muscles if _words(m.name) in contents]
        assert bool(muscles) == (n == last), "the muscles and the background are in the last volume only"
    assert seen == [e.id for e in catalog.exercises]
