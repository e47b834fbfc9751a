"""Where the guide's facts come from: the sources page, the choices page and the markers.

Pure functions, data in, Markdown out. Every `basis` entry in the data (and every choice the
model or the planner makes for all items alike) gets an anchor on the choices page; the pages
that show the chosen value carry a small marker linking to that anchor, so a reader can tell a
fact of the source documents from a study's figure and from the guide's own choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote as _url_part

from ..core.markup import escape
from ..core.model import FIELD_CHOICES, Basis, Catalog, Exercise, Source
from ..planner.wording import PLAN_CHOICES

__all__ = [
    "CHOICES_PATH",
    "SOURCES_PATH",
    "choice_anchor",
    "choices_page",
    "evidence_section",
    "field_marker",
    "mark_text",
    "annotate_exercise",
    "annotate_page",
    "marker",
    "source_pages",
    "sources_page",
]

SOURCES_PATH = "sources/index.md"
CHOICES_PATH = "sources/choices.md"
CHOICE_TEXT = "guide's choice"

_KIND_NAMES = {"exercises": "exercise", "muscles": "muscle", "conditions": "condition", "topics": "topic"}
_GROUP_TITLES = {
    "exercises": "Exercises",
    "muscles": "Muscles",
    "conditions": "Health conditions",
    "topics": "Background pages",
}
_FIELD_WORDS = {
    "item": "the exercise itself",
    "secondary_muscles": "helping muscles",
    "progressions": "harder step",
    "regressions": "easier step",
    "alternatives": "alternative",
    "no_power": "no fast work",
    "excludes": "exercises left out",
    "body": "text",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def choice_anchor(kind: str, item_id: str, basis: Basis) -> str:
    """The id of a basis entry on the choices page, e.g. 'exercise-step-up-level'."""
    parts = [_KIND_NAMES.get(kind, kind), item_id, basis.field]
    if basis.item or basis.quote:
        parts.append(basis.item or basis.quote)
    return "-".join(_slug(p) for p in parts)


def marker(href: str, text: str = CHOICE_TEXT) -> str:
    """A small Markdown marker link, e.g. " [guide's choice](../sources/choices.md#x)".

    A plain link (no attribute list, which the Markdown fields do not allow); the stylesheet
    shows links into the sources pages as small markers.
    """
    return f" [\\[{text}\\]]({href})"


def _up(page_path: str) -> str:
    return "../" * page_path.count("/")


def _study_marker(catalog: Catalog, refs: Iterable[str], page_path: str) -> str:
    up = _up(page_path)
    return "".join(
        marker(f"{up}{SOURCES_PATH}#{r}", escape(catalog.source(r).name)) for r in refs if r in {s.id for s in catalog.sources}
    )


def _basis_marker(catalog: Catalog, kind: str, item_id: str, basis: Basis, page_path: str) -> str:
    if basis.kind == "guide":
        return marker(f"{_up(page_path)}{CHOICES_PATH}#{choice_anchor(kind, item_id, basis)}")
    if basis.kind == "study":
        return _study_marker(catalog, basis.refs, page_path)
    return ""


def field_marker(catalog: Catalog, kind: str, item: Any, field: str, page_path: str, entry: str = "") -> str:
    """The markers for a whole field (or one entry of a list field) of an item, '' when it is sourced."""
    out = []
    default = FIELD_CHOICES.get((kind, field))
    if default and not entry:
        out.append(marker(f"{_up(page_path)}{CHOICES_PATH}#all-{kind}-{_slug(field)}"))
    for basis in item.basis:
        if basis.field == field and not basis.quote and basis.item == entry:
            out.append(_basis_marker(catalog, kind, item.id, basis, page_path))
    return "".join(out)


def mark_text(catalog: Catalog, kind: str, item: Any, field: str, text: str, page_path: str) -> str:
    """`text` (one string of the field) with a marker after each sentence a basis entry quotes."""
    for basis in item.basis:
        if basis.field != field or not basis.quote or basis.quote not in text:
            continue
        end = text.index(basis.quote) + len(basis.quote)
        stops = [i for i in (text.find(". ", end), text.find(".\n", end)) if i >= 0]
        cut = min(stops) + 1 if stops else len(text.rstrip())
        text = text[:cut] + _basis_marker(catalog, kind, item.id, basis, page_path) + text[cut:]
    return text


def _citation(src: Source) -> str:
    ids = []
    if src.doi:
        ids.append(f"DOI [{escape(src.doi)}](https://doi.org/{_url_part(src.doi, safe='/')})")
    if src.pmid:
        ids.append(f"PubMed [{escape(src.pmid)}](https://pubmed.ncbi.nlm.nih.gov/{_url_part(src.pmid, safe='')}/)")
    if src.pmcid:
        pmc = _url_part(src.pmcid, safe="")
        ids.append(f"PubMed Central [{escape(src.pmcid)}](https://www.ncbi.nlm.nih.gov/pmc/articles/{pmc}/)")
    head = f"{escape(src.authors)} ({src.year}). {escape(src.title)}. *{escape(src.journal)}*. "
    return head + ", ".join(ids) + "."


def _front(title: str, description: str) -> str:
    esc = lambda t: '"' + escape(t) + '"'  # noqa: E731 - escape() leaves no quote or backslash
    return f"---\ntitle: {esc(title)}\ndescription: {esc(description)}\n---\n\n"


def _used_by(catalog: Catalog) -> dict[str, list[str]]:
    """Study id -> the pages that cite it, as Markdown links from the sources page."""
    used: dict[str, list[str]] = {}
    for ex in catalog.exercises:
        refs = [ev.source for ev in ex.evidence] + [r for b in ex.basis for r in b.refs]
        for r in dict.fromkeys(refs):
            used.setdefault(r, []).append(f"[{escape(ex.name)}](../exercises/{ex.id}.md)")
    for topic in catalog.topics:
        for r in dict.fromkeys(r for b in topic.basis for r in b.refs):
            used.setdefault(r, []).append(f"[{escape(topic.name)}](../{topic.section}/{topic.id}.md)")
    for r in PLAN_STUDIES:
        used.setdefault(r, []).append("the pain guidance of every plan")
    used.setdefault(MVIC_STUDY, []).append("the caveat on every exercise page")
    return used


# The study behind the caveat that figures from different studies are not comparable.
MVIC_STUDY = "contreras-2015-mvic"

# Studies the planner's wording cites (its pain rule), so the sources page lists where they are used.
PLAN_STUDIES: tuple[str, ...] = ("silbernagel-2007",)


def sources_page(catalog: Catalog) -> str:
    """The sources page: the two documents the guide is built on, then every study it cites."""
    docs = [s for s in catalog.sources if s.kind == "document"]
    studies = [s for s in catalog.sources if s.kind == "study"]
    used = _used_by(catalog)
    out = [
        _front("Sources", "The two documents the guide is built on and the published studies it cites."),
        "# Sources\n",
        "Everything in this guide comes from one of three places, and the pages say which:\n\n"
        "- **The two documents the guide is built on**, described below. Unless a page marks a "
        "statement otherwise, it comes from one of them, rewritten in the guide's own words.\n"
        "- **Published studies**, listed below. A statement taken from a study carries the study's "
        "name as a small link to its entry here.\n"
        "- **The guide's own choices**, where the documents are silent. Each carries a small "
        f'"{CHOICE_TEXT}" link to [the list of choices and the reason for each](choices.md).\n',
        "## The documents the guide is built on\n",
    ]
    for src in docs:
        out.append(
            f"### {escape(src.title)} {{ #{src.id} }}\n\nIn the guide: *{escape(src.name)}*.\n\n{escape(src.summary)}\n"
        )
    out.append(
        "## Published studies { #published-studies }\n\n"
        "The studies below report what the guide's exercise pages show as evidence, and the rule "
        "the plans use for pain. Electromyography (EMG) figures are percentages of a maximal "
        "voluntary isometric contraction (MVIC): the electrical activity of a muscle during the "
        "exercise, compared with its activity in an all-out static effort. Studies record that "
        "maximal effort in different ways, and use different people, loads and techniques, so "
        "figures from different studies are not directly comparable.\n"
    )
    for src in studies:
        cited = used.get(src.id, [])
        where = f"\n\nCited on: {', '.join(cited)}." if cited else ""
        out.append(f"### {escape(src.name)} {{ #{src.id} }}\n\n{_citation(src)}\n\n{escape(src.summary)}{where}\n")
    return "\n".join(out)


def _entry_title(catalog: Catalog, kind: str, item: Any, basis: Basis) -> str:
    field = _FIELD_WORDS.get(basis.field, basis.field.replace("_", " "))
    title = f"{item.name}: {field}"
    if basis.item:
        try:
            shown = catalog.exercise(basis.item).name
        except KeyError:
            shown = basis.item
        title += f" ({shown})"
    return escape(title)


def _link_to(kind: str, item: Any) -> str:
    if kind == "topics":
        return f"../{item.section}/{item.id}.md"
    if kind == "conditions":  # the clinical page that names the condition
        page = "indications" if item.kind == "indication" else "contraindications"
        return f"../clinical/{page}.md"
    return f"../{kind}/{item.id}.md"


def choices_page(catalog: Catalog, pages: Iterable[str] = ()) -> str:
    """Every choice the guide makes where its sources are silent, each with its reason and anchor."""
    known = set(pages)
    out = [
        _front("The guide's choices", "Every choice the guide makes where its sources are silent, and why."),
        "# The guide's choices\n",
        "Where the [two source documents](index.md) are silent, the guide has had to choose: a "
        "level, a dose, an easier or harder step, a warm-up, a rule in the planner. Each choice is "
        f'marked "{CHOICE_TEXT}" where it appears, and listed here with the reason for it. A '
        "physiotherapist may well choose differently for a particular person.\n",
        "## Across the guide\n",
    ]
    for (kind, field), reason in FIELD_CHOICES.items():
        title = f"{_GROUP_TITLES[kind]}: {_FIELD_WORDS.get(field, field.replace('_', ' '))}"
        out.append(f"### {title} {{ #all-{kind}-{_slug(field)} }}\n\n{reason}\n")
    out.append("## In the planner\n")
    for key, (title, reason) in PLAN_CHOICES.items():
        out.append(f"### {title} {{ #planner-{_slug(key)} }}\n\n{reason}\n")
    for kind, group in _GROUP_TITLES.items():
        entries = [(item, b) for item in getattr(catalog, kind) for b in item.basis if b.kind == "guide"]
        if not entries:
            continue
        out.append(f"## {group}\n")
        for item, basis in entries:
            link = _link_to(kind, item)
            name = escape(item.name)
            where = f"[{name}]({link})" if link.removeprefix("../") in known or not known else name
            quote = f'\n\n> "{escape(basis.quote)}"' if basis.quote else ""
            out.append(
                f"### {_entry_title(catalog, kind, item, basis)} {{ #{choice_anchor(kind, item.id, basis)} }}"
                f"{quote}\n\n{escape(basis.reason)}\n\nWhere: {where}.\n"
            )
    return "\n".join(out)


def evidence_section(catalog: Catalog, ex: Exercise, page_path: str) -> str:
    """The 'What studies report' section of an exercise page: EMG figures as ranges, with caveats."""
    up = _up(page_path)
    head = (
        "## What studies report\n\n"
        "Electromyography (EMG) studies measure how active a muscle is during an exercise, as a "
        "percentage of its activity in a maximal voluntary isometric contraction (MVIC). The "
        "figures below are ranges as the studies report them. Methods differ between studies (the "
        "people, the load, the technique, and how the maximal contraction was recorded), so do not "
        "compare a figure from one study with a figure from another"
        + (
            f" (even the way of recording the maximal contraction changes the result: "
            f"[{escape(catalog.source(MVIC_STUDY).name)}]({up}{SOURCES_PATH}#{MVIC_STUDY}))"
            if MVIC_STUDY in {s.id for s in catalog.sources}
            else ""
        )
        + f". See [the studies]({up}{SOURCES_PATH}#published-studies).\n"
    )
    if not ex.evidence:
        return head + (
            "\nNo published EMG study of this exercise as the guide describes it is among the guide's "
            "sources, so no figure is given here.\n"
        )
    names = {m.id: m.name for m in catalog.muscles}
    rows = [
        f"| [{escape(catalog.source(ev.source).name)}]({up}{SOURCES_PATH}#{ev.source}) | {escape(ev.studied)} | "
        f"{escape(names.get(ev.muscle, ev.muscle))} | {escape(ev.result)} | {escape(ev.load)} | "
        f"{escape(ev.participants)} |"
        for ev in ex.evidence
    ]
    return (
        head
        + "\n| Study | What was measured | Muscle | Result (% MVIC) | Load | Participants |\n"
        + "|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )


def source_pages(catalog: Catalog, pages: Iterable[str] = ()) -> dict[str, str]:
    """docs path -> Markdown for the sources page and the choices page."""
    if not catalog.sources:
        return {}
    return {SOURCES_PATH: sources_page(catalog), CHOICES_PATH: choices_page(catalog, pages)}


# ---------------------------------------------------------------------------------------
# Markers on the rendered pages. The page renderers write the data's text (escaped); these
# functions add the markers to their Markdown afterwards, so the renderers stay unaware of them.

_ROWS = {"level": "Level", "dosage": "Dose", "emphasis": "Emphasis", "position": "Position", "knee": "Knee"}
_RELATED = {"regressions": "Easier", "progressions": "Harder", "alternatives": "Alternatives"}


_SENTENCE_END = re.compile(r"\.(?=\s|$)|\n(?=[ \t]*\n|[ \t]*(?:[-*]|\d+\.)[ \t])| \|(?=\n)|$")


def _forms(quote: str) -> list[str]:
    """The ways a quote can appear in page Markdown once its text has been escaped."""
    ent = quote.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&quot;")
    return list(dict.fromkeys([quote, ent, html_escape(quote)]))


def html_escape(text: str) -> str:
    """The standard library's HTML escape (quotes included)."""
    from html import escape

    return escape(text)


def _after_sentence(md: str, quote: str, mark: str) -> str:
    """`md` with `mark` placed at the end of the first sentence containing `quote` (unchanged if absent)."""
    for form in _forms(quote):
        at = md.find(form)
        if at < 0:
            continue
        # The sentence ends at a full stop, or where its paragraph, list item or table cell ends
        # (a wrapped line of a Markdown paragraph does not end it).
        stop = _SENTENCE_END.search(md, at + len(form))
        cut = (stop.start() + (1 if stop.group().startswith(".") else 0)) if stop else len(md)
        return md[:cut] + mark + md[cut:]
    return md


def _line_starting(md: str, prefix: str) -> int:
    """Where the first line that starts with `prefix` starts in `md`, or -1 (a search of `^prefix`
    with re.M, without trying every position of the page)."""
    if md.startswith(prefix):
        return 0
    at = md.find("\n" + prefix)
    return at + 1 if at >= 0 else -1


def _append_to_line(md: str, prefix: str, mark: str) -> str:
    """`md` with `mark` at the end of the first line starting with `prefix` (before a table's closing '|')."""
    start = _line_starting(md, prefix)
    if start < 0:
        return md
    line_end = md.find("\n", start)
    line_end = len(md) if line_end < 0 else line_end
    line = md[start:line_end]
    if line.rstrip().endswith("|") and line.startswith("|"):
        cut = start + line.rstrip().rfind("|")
        return md[:cut].rstrip() + mark + " " + md[cut:]
    return md[:line_end] + mark + md[line_end:]


def _annotate(catalog: Catalog, kind: str, item: Any, md: str, page_path: str) -> str:
    for basis in item.basis:
        mark = _basis_marker(catalog, kind, item.id, basis, page_path)
        if not mark or basis.field == "item":
            continue
        if basis.quote:
            md = _after_sentence(md, basis.quote, mark)
        elif basis.field in _ROWS and not basis.item:
            md = _append_to_line(md, f"| **{_ROWS[basis.field]}** |", mark)
        elif basis.field in _RELATED and basis.item:
            start = _line_starting(md, f"- **{_RELATED[basis.field]}:** ")
            if start >= 0:
                end = md.find("\n", start)
                link = f"]({basis.item}.md)"
                at = md.find(link, start, len(md) if end < 0 else end)
                if at >= 0:
                    md = md[: at + len(link)] + mark + md[at + len(link) :]
        elif basis.field == "variations" and basis.item:
            for form in _forms(basis.item):
                md = _append_to_line(md, f"- **{form}.**", mark)
    return md


def annotate_exercise(catalog: Catalog, ex: Exercise, md: str, page_path: str) -> str:
    """An exercise page's Markdown with its markers, its 'What studies report' section and its origin."""
    up = _up(page_path)
    for (kind, field), _reason in FIELD_CHOICES.items():
        if kind != "exercises":
            continue
        mark = marker(f"{up}{CHOICES_PATH}#all-{kind}-{_slug(field)}")
        if field in _ROWS:
            md = _append_to_line(md, f"| **{_ROWS[field]}** |", mark)
        elif field == "secondary_muscles":
            md = _append_to_line(md, "**Helping muscles:**", mark)
    md = _annotate(catalog, "exercises", ex, md, page_path)
    added = next((b for b in ex.basis if b.field == "item" and b.kind == "guide"), None)
    if added is not None:
        note = (
            '!!! note "The guide\'s addition"\n\n    This exercise is not in the exercise article: the guide '
            "adds it for the early stage the clinical overview describes."
            + marker(f"{up}{CHOICES_PATH}#{choice_anchor('exercises', ex.id, added)}")
            + "\n\n"
        )
        at = md.find("\n\n", md.find("\n# ") + 3)
        at = md.find("\n\n", at + 2) if at >= 0 else -1
        md = md[: at + 2] + note + md[at + 2 :] if at >= 0 else md + "\n" + note
    section = evidence_section(catalog, ex, page_path)
    for heading in ("\n## Related exercises", "\n## In the sample plans"):
        if heading in md:
            at = md.index(heading)
            md = md[: at + 1] + section + "\n" + md[at + 1 :]
            break
    else:
        md = md.rstrip("\n") + "\n\n" + section
    if added is not None:
        origin = (
            "This exercise is the guide's addition, so its set-up, steps, dose, tips and cautions are the "
            "guide's own, written for the early stage the clinical overview describes"
        )
    else:
        origin = (
            "Unless a statement is marked, the set-up, steps and dose come from the exercise article, in "
            "the guide's words; the tips and common mistakes restate its cues; the cautions add "
            f"[basic safety notes of the guide's own]({up}{CHOICES_PATH}#all-exercises-cautions) to its warnings"
        )
    return md.rstrip("\n") + (
        f"\n\n## Where this page comes from\n\n{origin}. The figures under *What studies report* come "
        f"from the studies named there. See [Sources]({up}{SOURCES_PATH}) and "
        f"[the guide's choices]({up}{CHOICES_PATH}).\n"
    )


def annotate_page(catalog: Catalog, kind: str, item: Any, md: str, page_path: str) -> str:
    """A muscle or topic page's Markdown with the markers of its basis entries and its origin."""
    up = _up(page_path)
    md = _annotate(catalog, kind, item, md, page_path)
    return md.rstrip("\n") + (
        "\n\n## Where this page comes from\n\nUnless a statement is marked, this page restates the "
        "exercise article and the clinical overview in the guide's own words. See "
        f"[Sources]({up}{SOURCES_PATH}) and [the guide's choices]({up}{CHOICES_PATH}).\n"
    )
