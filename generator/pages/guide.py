"""Render the guide's web pages as Markdown text: data in, text out, no I/O.

Paths are relative to the docs root (``exercises/glute-bridge.md``); links between pages
are relative Markdown links so MkDocs checks them and rewrites them for the site layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import unescape

from ..core.markup import escape, markdown_source
from ..core.model import Catalog, Exercise, Muscle, SamplePlan, Topic
from ..core.text import DISCLAIMER, DISCLAIMER_TITLE, dose_text, equipment_text, label
from ..figures.files import (
    LINKS_MAP,
    PICK_MAP,
    anim_name,
    bodymap_exercise_name,
    bodymap_muscle_name,
    still_name,
    thumb_name,
)
from .program import exercise_action
from .sources import annotate_exercise, annotate_page, source_pages

__all__ = [
    "exercise_index",
    "exercise_page",
    "figure_alt",
    "muscle_index",
    "muscle_page",
    "page_paths",
    "section_index",
    "topic_page",
    "with_disclaimer",
]


def page_paths(
    catalog: Catalog, plans: dict[str, dict] | None = None, figures: Mapping[str, bytes] | None = None
) -> dict[str, str]:
    """Every generated page: docs-relative path -> Markdown text (without the disclaimer).

    `plans` maps sample plan ids to their plans, so exercise pages can link the samples
    that use them. `figures` maps figure file names to their SVG bytes (for the alt text);
    the site publishes them under ``assets/figures/``.
    """
    plans = plans or {}
    used_in = {
        ex.id: [p for p in catalog.plans if p.id in plans and ex.id in _plan_exercises(plans[p.id])]
        for ex in catalog.exercises
    }
    figures = figures or {}
    pages = {
        "exercises/index.md": exercise_index(catalog, figures),
        "muscles/index.md": muscle_index(catalog, figures),
    }
    for ex in catalog.exercises:
        path = f"exercises/{ex.id}.md"
        pages[path] = annotate_exercise(catalog, ex, exercise_page(catalog, ex, used_in[ex.id], figures), path)
    for m in catalog.muscles:
        page = muscle_page(catalog, m, figures)
        pages[f"muscles/{m.id}.md"] = annotate_page(catalog, "muscles", m, page, "muscles/x")
    for section in ("concepts", "clinical"):
        topics = [t for t in catalog.topics if t.section == section]
        if topics:
            pages[f"{section}/index.md"] = section_index(section, topics)
        for t in topics:
            pages[f"{section}/{t.id}.md"] = annotate_page(catalog, "topics", t, topic_page(t), f"{section}/x")
    pages.update(source_pages(catalog, pages))
    return pages


def _plan_exercises(plan: dict) -> set[str]:
    return {e["id"] for s in plan.get("sessions", []) for e in s.get("exercises", [])}


def with_disclaimer(markdown: str) -> str:
    """Append the medical disclaimer admonition to a page's Markdown."""
    return f'{markdown.rstrip()}\n\n!!! warning "{DISCLAIMER_TITLE}"\n\n    {DISCLAIMER}\n'


def _front(title: str, description: str, **extra: str) -> str:
    # The theme writes both into HTML as they are (<title>, the header, <meta content="...">).
    lines = ["---", f"title: {_yaml_str(escape(title))}", f"description: {_yaml_str(escape(description))}"]
    lines += [f"{k}: {_yaml_str(v)}" for k, v in extra.items()]
    return "\n".join(lines) + "\n---\n\n"


def _yaml_str(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _link(text: str, path: str) -> str:
    return f"[{escape(text)}]({path})"


def figure_alt(ex: Exercise, svg: bytes | None) -> str:
    """The figure's text alternative: its SVG <title>, else "Figure: <exercise name>"."""
    found = re.search(rb"<title[^>]*>(.*?)</title>", svg or b"", re.S)
    text = unescape(found.group(1).decode("utf-8", "replace")) if found else ""
    return " ".join(text.split()) or f"Figure: {ex.name}"


def _inline(figures: Mapping[str, bytes], name: str) -> str:
    """A generated SVG (generator.figures: numbers and escaped text only), to write inline."""
    return figures[name].decode("utf-8") if name in figures else ""


def _figure(ex: Exercise, figures: Mapping[str, bytes]) -> str:
    """The exercise's movement inline: the animation beside the still (start and finish), a caption.

    Inline rather than an <img>, so the figure follows the page's colours (dark mode) and is
    painted with the page; with reduced motion the stylesheet hides the animation.
    """
    still = _inline(figures, still_name(ex.id))
    if not still:
        return ""
    caption = escape(figure_alt(ex, figures[still_name(ex.id)]))
    anim = _inline(figures, anim_name(ex.id))
    panels = (f'<div class="hg-move__panel hg-move__panel--anim">{anim}</div>' if anim else "") + (
        f'<div class="hg-move__panel hg-move__panel--still">{still}</div>'
    )
    return f'<figure class="hg-move"><div class="hg-move__panels">{panels}</div><figcaption>{caption}</figcaption></figure>\n'


def _bodymap(figures: Mapping[str, bytes], name: str) -> str:
    svg = _inline(figures, name)
    return f'<div class="hg-bodymap">{svg}</div>\n' if svg else ""


def _exercise_links(catalog: Catalog, ids: Iterable[str], base: str = "") -> str:
    return ", ".join(_link(catalog.exercise(i).name, f"{base}{i}.md") for i in ids)


def exercise_page(
    catalog: Catalog,
    ex: Exercise,
    plans: Iterable[SamplePlan] = (),
    figures: Mapping[str, bytes] | None = None,
) -> str:
    """One exercise: what it trains, equipment, steps, dose, tips, cautions, related exercises."""
    muscles = lambda ids: ", ".join(  # noqa: E731
        _link(catalog.muscle(i).name, f"../muscles/{i}.md") for i in ids
    )
    optional = [catalog.equipment_item(i).name for i in ex.equipment.optional]
    out = [_front(ex.name, ex.summary), f"# {escape(ex.name)}\n", f"{escape(ex.summary)}\n"]
    out.append(_figure(ex, figures or {}))
    out.append(exercise_action(ex.id))
    out.append(
        '<div class="hg-facts" markdown>\n\n'
        f"| Fact | Value |\n|---|---|\n"
        f"| **Level** | {label(ex.level)} |\n"
        f"| **Dose** | {escape(dose_text(ex.dosage))} |\n"
        f"| **Equipment** | {escape(equipment_text(ex, catalog))} |\n"
        + (f"| **Optional** | {escape(', '.join(optional))} |\n" if optional else "")
        + f"| **Position** | {label(ex.position)} |\n"
        f"| **Chain** | {label(ex.chain)} |\n"
        f"| **Knee** | {label(ex.knee)} |\n"
        f"| **Emphasis** | {label(ex.emphasis)} |\n\n</div>\n"
    )
    out.append(f"## What it trains\n\n**Main muscles:** {muscles(ex.primary_muscles)}\n")
    if ex.secondary_muscles:
        out.append(f"**Helping muscles:** {muscles(ex.secondary_muscles)}\n")
    out.append(_bodymap(figures or {}, bodymap_exercise_name(ex.id)))
    if ex.equipment.note:
        out.append(f"## Equipment\n\n{escape(ex.equipment.note)}\n")
    out.append(f"## Starting position\n\n{escape(ex.starting_position)}\n")
    out.append('## How to do it\n\n<div class="hg-steps" markdown>\n\n')
    out.append("\n".join(f"{n}. {escape(step)}" for n, step in enumerate(ex.steps, 1)) + "\n\n</div>\n")
    out.append(f'## Dose\n\n<p class="hg-dose">{escape(dose_text(ex.dosage))}</p>\n')
    for title, items in (("Tips", ex.tips), ("Common mistakes", ex.mistakes)):
        if items:
            out.append(f"## {title}\n\n{_bullets(escape(i) for i in items)}\n")
    if ex.cautions:
        body = "\n".join(f"    - {escape(c)}" for c in ex.cautions)
        out.append(f'## Cautions\n\n!!! danger "Take care"\n\n{body}\n')
    if ex.variations:
        out.append(
            "## Variations\n\n"
            + "\n".join(f"- **{escape(v.name)}.** {escape(v.description)}" for v in ex.variations)
            + "\n"
        )
    related = [
        ("Easier", ex.regressions),
        ("Harder", ex.progressions),
        ("Alternatives", ex.alternatives),
    ]
    if any(ids for _, ids in related):
        out.append(
            "## Related exercises\n\n"
            + _bullets(f"**{t}:** {_exercise_links(catalog, ids)}" for t, ids in related if ids)
            + "\n"
        )
    plans = list(plans)
    if plans:
        out.append("## In the sample plans\n\n" + _bullets(_link(p.name, f"../plans/{p.id}.md") for p in plans) + "\n")
    return "\n".join(out)


def muscle_page(catalog: Catalog, m: Muscle, figures: Mapping[str, bytes] | None = None) -> str:
    """One muscle: where it is (with the body map), what it does, the exercises that train it."""
    out = [_front(m.name, m.summary), f"# {escape(m.name)}\n", f"{escape(m.summary)}\n"]
    out.append(f"**Group:** {label(m.group)} · **Role:** {label(m.role)}\n")
    out.append(f"## Where it is\n\n{escape(m.location)}\n")
    out.append(_bodymap(figures or {}, bodymap_muscle_name(m.id)))
    out.append(f"## What it does\n\n{escape(m.action)}\n")
    if m.clinical:
        out.append(f"## Clinical notes\n\n{_bullets(escape(c) for c in m.clinical)}\n")
    if m.training:
        title = "Stretching and balance" if m.role == "antagonist" else "Training it"
        out.append(f"## {title}\n\n{_bullets(escape(t) for t in m.training)}\n")
    primary = [e for e in catalog.exercises if m.id in e.primary_muscles]
    secondary = [e for e in catalog.exercises if m.id in e.secondary_muscles]
    if primary or secondary:
        out.append("## Exercises that train it\n")
        if primary:
            out.append(
                "**As a main mover:** " + _exercise_links(catalog, [e.id for e in primary], "../exercises/") + "\n"
            )
        if secondary:
            out.append(
                "**As a helper:** " + _exercise_links(catalog, [e.id for e in secondary], "../exercises/") + "\n"
            )
    elif m.role == "antagonist":
        out.append(
            "## Its part in hip extension\n\nThis muscle flexes the hip, the opposite movement, so no "
            "exercise in this guide trains it. Read about "
            + _link("anterior pelvic tilt and sitting", "../concepts/anterior-pelvic-tilt.md")
            + " for why its length matters.\n"
            if any(t.id == "anterior-pelvic-tilt" for t in catalog.topics)
            else "## Its part in hip extension\n\nThis muscle flexes the hip, the opposite movement, so no exercise in this guide trains it.\n"
        )
    return "\n".join(out)


def _options(name: str, title: str, values: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in values)
    return (
        f'<label class="hg-filter"><span>{escape(title)}</span>'
        f'<select name="{name}" data-filter="{name}"><option value="">Any</option>{opts}</select></label>'
    )


def exercise_index(catalog: Catalog, figures: Mapping[str, bytes] | None = None) -> str:
    """All exercises as cards, with filters that run in the browser (no server)."""
    exs = catalog.exercises
    used_equipment = sorted(
        {i for e in exs for i in (*e.equipment.required, *(i for g in e.equipment.one_of for i in g))},
        key=lambda i: catalog.equipment_item(i).name,
    )
    used_muscles = [m for m in catalog.muscles if any(m.id in (*e.primary_muscles, *e.secondary_muscles) for e in exs)]
    seen = lambda attr: [v for v in dict.fromkeys(getattr(e, attr) for e in exs)]  # noqa: E731
    levels = [v for v in ("beginner", "intermediate", "advanced") if v in seen("level")]
    filters = "".join(
        [
            _options("level", "Level", [(v, label(v)) for v in levels]),
            _options(
                "equipment",
                "Equipment",
                [("none", "None needed")] + [(i, catalog.equipment_item(i).name) for i in used_equipment],
            ),
            _options("muscle", "Muscle", [(m.id, m.name) for m in used_muscles]),
            _options("position", "Position", [(v, label(v)) for v in sorted(seen("position"))]),
            _options("chain", "Chain", [(v, label(v)) for v in sorted(seen("chain"))]),
        ]
    )
    cards = []
    for e in exs:
        needs = [*e.equipment.required, *(i for g in e.equipment.one_of for i in g)]
        muscles = [*e.primary_muscles, *e.secondary_muscles]
        cards.append(
            f'<li class="hg-card" data-level="{e.level}" data-equipment="{" ".join(needs) or "none"}" '
            f'data-muscle="{" ".join(muscles)}" data-position="{e.position}" data-chain="{e.chain}">'
            f'<h2 class="hg-card__title"><a href="./{e.id}/">{escape(e.name)}</a></h2>'
            + (
                f'<img class="hg-card__fig" src="../assets/figures/{thumb_name(e.id)}" alt="" width="120" height="80">'
                if thumb_name(e.id) in (figures or {})
                else ""
            )
            + f"<p>{escape(e.summary)}</p>"
            f'<p class="hg-card__meta"><span>{label(e.level)}</span> · <span>{escape(label(e.position))}</span> · '
            f"<span>{label(e.chain)}</span> · <span>{escape(equipment_text(e, catalog))}</span></p>"
            f'<p class="hg-card__dose">{escape(dose_text(e.dosage))}</p>'
            "</li>"
        )
    return (
        _front("Exercises", f"All {len(exs)} hip extension exercises of the guide, with filters.") + "# Exercises\n\n"
        f"The guide covers {len(exs)} hip extension exercises. Filter them by level, equipment, muscle, "
        "body position and chain; every card links to the full instructions.\n\n"
        f'<form class="hg-filters" data-hg-filters hidden aria-label="Filter exercises">{filters}'
        '<button type="reset" class="md-button">Clear filters</button></form>\n\n'
        + _pick_map(figures or {})
        + '<p class="hg-filter-count" data-hg-count aria-live="polite"></p>\n\n'
        f'<ul class="hg-cards" data-hg-cards>{"".join(cards)}</ul>\n\n'
        '<p class="hg-empty" data-hg-empty hidden>No exercise matches all these filters. '
        "Clear one of them to see more.</p>\n"
    )


def _pick_map(figures: Mapping[str, bytes]) -> str:
    """The body map that filters the cards by muscle (shown once filters.js runs)."""
    svg = _inline(figures, PICK_MAP)
    if not svg:
        return ""
    return (
        '<div class="hg-bodymap hg-bodymap--pick" data-hg-bodymap hidden>'
        '<p class="hg-bodymap__hint">Or choose a muscle on the body map (hips and thighs, from behind and from '
        "the front; dashed outlines are deep muscles). Choose it again to show every exercise.</p>"
        f"{svg}</div>\n\n"
    )


def muscle_index(catalog: Catalog, figures: Mapping[str, bytes] | None = None) -> str:
    """All muscles grouped by role, and the body map whose regions link to their pages."""
    out = [
        _front("Muscles", "The hip extensors and the hip flexors that oppose them."),
        "# Muscles\n",
        "Hip extension is the work of the glutes, the hamstrings and the back of the adductor magnus. "
        "The hip flexors do the opposite movement; when they are tight they tip the pelvis forward.\n",
    ]
    links = _inline(figures or {}, LINKS_MAP)
    if links:
        out.append(
            '<div class="hg-bodymap hg-bodymap--links">'
            '<p class="hg-bodymap__hint">Point at or tab to a muscle to see its name; choose it to open its page.</p>'
            f"{links}</div>\n"
        )
    for role, title in (
        ("primary", "Main hip extensors"),
        ("secondary", "Helpers"),
        ("antagonist", "Antagonists: the hip flexors"),
    ):
        ms = [m for m in catalog.muscles if m.role == role]
        if ms:
            rows = "\n".join(f"| {_link(m.name, f'{m.id}.md')} | {label(m.group)} | {escape(m.summary)} |" for m in ms)
            out.append(f"## {title}\n\n| Muscle | Group | In short |\n|---|---|---|\n{rows}\n")
    return "\n".join(out)


def section_index(section: str, topics: list[Topic]) -> str:
    """A section's landing page listing its topics."""
    title = label(section)
    intro = {
        "concepts": "The ideas behind hip extension training, from what the movement is to how to dose it.",
        "clinical": "How clinicians think about the hip extensors: when to train them, when not to, and how they assess them.",
    }[section]
    items = "\n".join(f"- **{_link(t.name, f'{t.id}.md')}**: {escape(t.summary)}" for t in topics)
    return _front(title, intro) + f"# {title}\n\n{intro}\n\n{items}\n"


def topic_page(topic: Topic) -> str:
    """A concept or clinical page from its Markdown body (the guide's restricted Markdown)."""
    head = f"# {escape(topic.name)}\n\n*{escape(topic.summary)}*\n\n"
    return _front(topic.name, topic.summary) + head + f"{markdown_source(topic.body.strip())}\n"
