"""Every claim sourced or labelled: the references, the guide's choices and their markers."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.core.errors import DataError
from generator.handouts.sheets import exercise_article
from generator.load import load_catalog
from generator.pages.guide import page_paths
from generator.pages.sources import CHOICES_PATH, SOURCES_PATH
from generator.planner.plan import make_plan
from generator.planner.profile import parse_profile
from generator.planner.wording import PLAN_CHOICES

from conftest import DATA, REPO

CATALOG = load_catalog(DATA)
PAGES = page_paths(CATALOG)
# The pages' text as a reader sees it (text from the data is escaped where it meets Markdown).
TEXT = {path: html.unescape(text) for path, text in PAGES.items()}
ANCHOR = re.compile(r"\{ #([a-z0-9-]+) \}")


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_catalog(data_dir)
    return [str(p) for p in info.value.problems]


def test_every_cited_study_exists_and_has_a_doi_or_pubmed_id() -> None:
    studies = {s.id: s for s in CATALOG.sources if s.kind == "study"}
    assert len([s for s in CATALOG.sources if s.kind == "document"]) == 2
    cited = {ev.source for ex in CATALOG.exercises for ev in ex.evidence}
    for kind in ("exercises", "muscles", "conditions", "topics"):
        cited |= {r for item in getattr(CATALOG, kind) for b in item.basis for r in b.refs}
    assert cited and cited <= set(studies)
    for sid in cited:
        src = studies[sid]
        assert src.doi or src.pmid or src.pmcid, sid
        assert src.authors and src.year and src.journal and src.title, sid


def test_every_marker_links_to_an_entry_that_exists() -> None:
    choices = set(ANCHOR.findall(PAGES[CHOICES_PATH]))
    sources = set(ANCHOR.findall(PAGES[SOURCES_PATH]))
    links = 0
    for path, text in PAGES.items():
        for target, anchor in re.findall(r"\]\((?:\.\./)*sources/(choices|index)\.md#([a-z0-9-]+)\)", text):
            links += 1
            assert anchor in (choices if target == "choices" else sources), (path, anchor)
    assert links > 30
    for key in PLAN_CHOICES:
        assert f"planner-{key.replace('_', '-')}" in choices


def test_every_guide_choice_in_the_data_is_listed_with_its_reason_and_marked_where_shown() -> None:
    listed = TEXT[CHOICES_PATH]
    for kind, folder in (("exercises", "exercises"), ("muscles", "muscles"), ("topics", None)):
        for item in getattr(CATALOG, kind):
            page = TEXT[f"{folder or item.section}/{item.id}.md"]
            for basis in item.basis:
                if basis.kind != "guide":
                    continue
                assert " ".join(basis.reason.split()) in listed, (item.id, basis.field)
                if basis.field != "item":
                    assert "guide's choice" in page, (item.id, basis.field)


def test_the_listed_errors_are_fixed() -> None:
    everything = "\n".join(text for path, text in TEXT.items() if path != CHOICES_PATH)
    assert "three hip flexors" not in everything
    assert "lets you move one leg on its own" not in everything
    assert "60 to 90 degrees" not in everything
    assert "does not give a number of sets" not in everything
    assert "Emphasis** | Lowering (eccentric)" not in everything
    kickback = TEXT["exercises/standing-kickback.md"]
    assert "about 10 to 20 degrees behind the line of the body" in kickback
    assert "it never lands on top" in TEXT["exercises/step-up.md"]
    home = (REPO / "docs" / "index.md").read_text()
    assert "at least 5 minutes" in home and "may tip the pelvis" in home and "a few minutes" not in home
    for ex_id in ("step-up", "upright-hip-thrust", "prone-hip-extension-ball"):
        row = next(line for line in PAGES[f"exercises/{ex_id}.md"].splitlines() if line.startswith("| **Level**"))
        assert "guide's choice" in row, ex_id
    for ex_id, chain in (("standing-kickback", "step-up"), ("quadruped-kickback", "prone-hip-extension-ball")):
        harder = next(line for line in PAGES[f"exercises/{ex_id}.md"].splitlines() if line.startswith("- **Harder:**"))
        assert f"]({chain}.md) [" in harder and "guide's choice" in harder, ex_id


def test_every_exercise_page_reports_evidence_or_says_there_is_none() -> None:
    for ex in CATALOG.exercises:
        page = TEXT[f"exercises/{ex.id}.md"]
        assert "## What studies report" in page and "Methods differ between studies" in page
        if ex.evidence:
            for ev in ex.evidence:
                assert CATALOG.source(ev.source).name in page and ev.participants in page
        else:
            assert "No published EMG study of this exercise" in page
    assert "13 trained women" in TEXT["exercises/hip-thrust.md"]


def test_the_two_early_stage_exercises_are_labelled_as_the_guides_additions() -> None:
    for ex_id in ("glute-bridge-hold", "sit-to-stand"):
        ex = CATALOG.exercise(ex_id)
        assert any(b.field == "item" and b.kind == "guide" and b.reason for b in ex.basis)
        assert "The guide's addition" in TEXT[f"exercises/{ex_id}.md"]
        assert "The guide's addition" in html.unescape(exercise_article(ex, CATALOG, {}))
    assert CATALOG.exercise("glute-bridge-hold").emphasis == "isometric"


def test_plan_notes_name_only_choices_that_exist() -> None:
    for raw in ({}, {"goal": "power", "level": "advanced", "equipment": ["box"]}, {"conditions": ["fall-risk"]}):
        plan = make_plan(CATALOG, parse_profile(raw, CATALOG))
        assert plan["choices"] and set(plan["choices"]) <= set(PLAN_CHOICES)
        for key in plan["choices"]:
            assert any(note.startswith(PLAN_CHOICES[key][0]) for note in plan["notes"])


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_a_guide_choice_without_a_reason_fails_with_file_and_field(data_copy: Path) -> None:
    step = data_copy / "exercises" / "step-up.yaml"
    text = step.read_text()
    start = text.index("  - field: level\n")
    end = text.index("  - field: regressions\n")
    step.write_text(text[:start] + "  - field: level\n    kind: guide\n" + text[end:])
    assert "data/exercises/step-up.yaml: basis[0].reason: a guide's choice needs a reason, found nothing" in _problems(
        data_copy
    )


def test_a_cited_study_must_exist_and_have_an_identifier(data_copy: Path) -> None:
    _replace(data_copy / "topics" / "training-tips.yaml", "refs: [silbernagel-2007]", "refs: [nobody-1999]")
    _replace(data_copy / "sources" / "contreras-2015-hip-thrust.yaml", 'pmid: "26214739"\n', "")
    found = _problems(data_copy)
    assert any(
        p.startswith("data/topics/training-tips.yaml: basis[0].refs[0]: unknown study id 'nobody-1999'") for p in found
    )
    assert "data/sources/contreras-2015-hip-thrust.yaml: doi: a study needs a doi, pmid or pmcid, found none" in found


def test_a_quote_must_occur_in_the_field_it_marks(data_copy: Path) -> None:
    _replace(
        data_copy / "exercises" / "standing-kickback.yaml", "quote: about 10 to 20 degrees", "quote: about 45 degrees"
    )
    found = _problems(data_copy)
    assert any(p.startswith("data/exercises/standing-kickback.yaml: basis[0].quote: not found in steps") for p in found)


def test_a_refer_condition_needs_its_urgency(data_copy: Path) -> None:
    _replace(data_copy / "conditions" / "severe-pain.yaml", "urgency: appointment\n", "")
    assert any(p.startswith("data/conditions/severe-pain.yaml: urgency: required") for p in _problems(data_copy))


def test_a_marker_follows_the_whole_sentence_it_labels() -> None:
    tips = TEXT["concepts/training-tips.md"]
    # After the full stop that ends the sentence, not at the end of a wrapped line.
    assert re.search(r"keeps\n\s+happening\. \S*guide's choice", tips), tips
    study = r"\S*Silbernagel and colleagues \(2007\)\S*\]\(\.\./sources/index\.md#silbernagel-2007\)"
    assert re.search(r"no worse than before\. " + study, tips), tips
