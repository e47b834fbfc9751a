"""The program builder page: a clinician picks exercises, sets doses and prints one sheet.

Build only. The page is static HTML (the catalog to pick from, the sheet's fields) plus the
catalog as JSON for docs/assets/program/program.js; checking the program, its warnings and the
sheet's layout come from the worker's Python (generator.planner.program and .sheet), the very
code `python -m generator program` runs. Nothing typed here leaves the browser.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import quote

from ..core.model import Catalog
from ..core.text import dose_text
from ..planner.program import LIMITS, SIDES, dose_fields, dose_ranges
from ..planner.sheet import figure_file

__all__ = ["PAGE", "builder_catalog", "exercise_action", "plan_actions", "program_page"]

PAGE = "program.md"


def builder_catalog(catalog: Catalog) -> dict[str, Any]:
    """What the page needs to list, search and edit exercises (JSON data)."""
    muscle = {m.id: m.name for m in catalog.muscles}
    return {
        "exercises": [
            {
                "id": ex.id,
                "name": ex.name,
                "figure": figure_file(ex) or "",
                "muscles": [muscle[m] for m in (*ex.primary_muscles, *ex.secondary_muscles)],
                "fields": list(dose_fields(ex)),
                "ranges": {k: list(v) for k, v in dose_ranges(ex).items()},
                "dose": dose_text(ex.dosage),
            }
            for ex in catalog.exercises
        ],
        "limits": {k: list(v) for k, v in LIMITS.items()},
        "sides": list(SIDES),
    }


def _field(name: str, text: str, control: str, hint: str = "") -> str:
    hint_html = f'<span class="hg-program__hint" id="hg-p-{name}-hint">{escape(hint)}</span>' if hint else ""
    return f'<div class="hg-program__field" data-field="{name}"><label for="hg-p-{name}">{escape(text)}</label>{control}{hint_html}</div>'


def _input(name: str, kind: str = "text", extra: str = "") -> str:
    return f'<input id="hg-p-{name}" name="{name}" type="{kind}"{extra}>'


def _picker(catalog: Catalog, figures_href: str) -> str:
    muscle = {m.id: m.name for m in catalog.muscles}
    items = []
    for ex in catalog.exercises:
        names = [muscle[m] for m in (*ex.primary_muscles, *ex.secondary_muscles)]
        search = " ".join([ex.name, *names, ex.id]).lower()
        figure = figure_file(ex)
        img = (
            f'<img class="hg-pick__img" src="{escape(figures_href + figure)}" alt="" width="96" height="53" loading="lazy">'
            if figure
            else '<span class="hg-pick__img hg-pick__img--none"></span>'
        )
        items.append(
            f'<li class="hg-pick" data-id="{escape(ex.id)}" data-search="{escape(search)}">{img}'
            f'<span class="hg-pick__text"><strong class="hg-pick__name">{escape(ex.name)}</strong>'
            f'<span class="hg-pick__muscles">{escape(", ".join(names))}</span></span>'
            f'<button type="button" class="md-button hg-pick__add" data-action="add" data-id="{escape(ex.id)}" '
            f'aria-label="Add {escape(ex.name)}">Add</button></li>'
        )
    return (
        '<section class="hg-program__picker" aria-labelledby="hg-p-pick-title">'
        '<h2 id="hg-p-pick-title">Exercises to choose from</h2>'
        + _field("search", "Search by name or muscle", _input("search", "search", ' autocomplete="off"'))
        + f'<ul class="hg-program__catalog">{"".join(items)}</ul>'
        '<p class="hg-program__nomatch" hidden>No exercise matches.</p></section>'
    )


def _sheet_fields(catalog: Catalog) -> str:
    low, high = LIMITS["sessions_per_week"]
    conditions = "".join(
        f'<label class="hg-choice"><input type="checkbox" name="conditions" value="{escape(c.id)}"> {escape(c.name)}</label>'
        for c in catalog.conditions
    )
    return (
        '<section class="hg-program__details" aria-labelledby="hg-p-details-title">'
        '<h2 id="hg-p-details-title">The sheet</h2>'
        + _field("title", "Title", _input("title", extra=' maxlength="100" placeholder="Your exercise program"'))
        + _field(
            "patient",
            "Patient's name (optional)",
            _input("patient", extra=' maxlength="80" autocomplete="off"'),
            "Kept on this device; left out of shared links unless you tick the box below.",
        )
        + _field("clinician", "Clinician or clinic", _input("clinician", extra=' maxlength="120"'))
        + _field("contact", "Contact (phone, email)", _input("contact", extra=' maxlength="160"'))
        + '<div class="hg-program__row">'
        + _field("start", "Start date", _input("start", "date"))
        + _field("review", "Review date", _input("review", "date"))
        + _field(
            "sessions_per_week",
            "Sessions a week",
            _input("sessions_per_week", "number", f' min="{low}" max="{high}" step="1" inputmode="numeric"'),
            f"{low} to {high}",
        )
        + "</div>"
        + _field("notes", "General note", '<textarea id="hg-p-notes" name="notes" rows="3" maxlength="600"></textarea>')
        + '<fieldset class="hg-program__conditions"><legend>The person\'s health conditions</legend>'
        '<p class="hg-program__hint">Exercises a ticked condition rules out are flagged, with the planner\'s reason.</p>'
        f"{conditions}</fieldset></section>"
    )


def program_page(catalog: Catalog, *, figures_href: str = "../assets/figures/", site_url: str = "") -> str:
    """The program builder page's Markdown (raw HTML inside), for docs path program.md."""
    data = json.dumps(builder_catalog(catalog), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return (
        "---\ntitle: Program builder\n"
        "description: Build a home exercise program from the guide's exercises and print one clean sheet.\n"
        "hide:\n  - toc\n---\n\n"
        "# Program builder\n\n"
        "For physiotherapists and coaches: pick exercises, set the dose, add a note, and print one sheet "
        "with pictures and a tick-box log. Everything stays in this browser; nothing is sent anywhere.\n\n"
        f'<div class="hg-program" id="hg-program" data-figures="{escape(figures_href)}" '
        f'data-site-url="{escape(site_url)}" data-page-path="program/">\n'
        f'<script type="application/json" id="hg-program-catalog">{data}</script>\n'
        '<p class="hg-program__status" role="status" aria-live="polite">The program builder needs JavaScript '
        "and is loading…</p>\n"
        '<p class="hg-program__error" role="alert" hidden></p>\n'
        '<div class="hg-program__ui">\n'
        + _picker(catalog, figures_href)
        + '<section class="hg-program__chosen" aria-labelledby="hg-p-chosen-title">'
        '<h2 id="hg-p-chosen-title">The program</h2>'
        '<p class="hg-program__empty">No exercises yet: add some from the list.</p>'
        '<ol class="hg-program__list"></ol></section>\n'
        + _sheet_fields(catalog)
        + '<section class="hg-program__actions" aria-label="Print and share">'
        '<label class="hg-choice"><input type="checkbox" name="share_patient"> Include the patient\'s name in the link</label>'
        '<label for="hg-p-paper">Paper</label> <select id="hg-p-paper" name="paper"><option value="a4">A4</option>'
        '<option value="letter">US Letter</option></select>'
        '<button type="button" class="md-button md-button--primary" data-action="print">Print the sheet</button>'
        '<button type="button" class="md-button" data-action="share">Copy a link to this program</button>'
        '<span class="hg-program__shared" role="status" aria-live="polite"></span>'
        '<button type="button" class="md-button" data-action="clear">Start a new program</button>'
        "</section>\n</div>\n"
        '<section class="hg-program__preview" aria-label="The sheet as it prints"><h2 class="hg-program__preview-title">'
        'The sheet as it prints</h2><div class="hg-program__sheet"></div></section>\n'
        "</div>\n"
    )


def _planner_fragment(profile: dict[str, Any]) -> str:
    """A profile in the planner page's own fragment format (docs/assets/planner/profile.js)."""
    parts = []
    for name, value in profile.items():
        text = (
            ",".join(value)
            if isinstance(value, list)
            else ("true" if value is True else "false" if value is False else str(value))
        )
        parts.append(f"{name}={quote(text, safe='')}")
    return "&".join(parts)


def plan_actions(profile: dict[str, Any], up: str = "../../") -> str:
    """The sample plan's links: adjust it in the planner, or edit it in the program builder (raw HTML)."""
    answers = quote(json.dumps(profile, separators=(",", ":")), safe="")
    return (
        '<p class="hg-actions">'
        f'<a class="md-button md-button--primary" href="{escape(up)}planner/#{escape(_planner_fragment(profile))}">Adjust this plan</a> '
        f'<a class="md-button" href="{escape(up)}program/#profile={escape(answers)}">Edit in the program builder</a></p>\n'
    )


def exercise_action(exercise_id: str, up: str = "../../") -> str:
    """The exercise page's link: start (or add to) a program with this exercise (raw HTML)."""
    return (
        f'<p class="hg-actions"><a class="md-button" href="{escape(up)}program/#add={quote(exercise_id, safe="")}">'
        "Plan with this exercise</a></p>\n"
    )
