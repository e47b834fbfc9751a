"""A plan as an element tree: the one renderer of a plan, shared by Python and JavaScript.

Pure standard library (this module ships in the browser wheel). `plan_tree` turns a plan into a
small tree of `[tag, {attributes}, *children]` lists; the build writes it as HTML with
`tree_html`, and the browser builds the very same tree into DOM nodes with textContent only.
The planner page, the sample-plan pages and the plan handouts all render a plan through it, so
their sections, titles and order cannot drift apart, and no string ever becomes markup.
"""

from __future__ import annotations

from typing import Any, Union

from ..core.markup import escape
from ..core.text import label

__all__ = [
    "ALLOWED",
    "EXERCISE_HREF",
    "FIELD_LABELS",
    "Node",
    "TITLES",
    "plan_tree",
    "section_titles",
    "tree_html",
    "tree_text",
    "warmup_title",
]

Node = Union[str, list]

# The only tags a plan tree may use and the attributes each may carry. The browser builds the
# tree with the same lists (ALLOWED in docs/assets/planner/view.js; tests/test_tree.py checks
# that they match): a new element goes into both.
_COMMON = ("class", "id", "data-kind", "data-status", "data-id", "aria-labelledby", "role")
ALLOWED: dict[str, tuple[str, ...]] = {
    **{tag: _COMMON for tag in ("section", "div", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "span")},
    **{tag: _COMMON for tag in ("details", "summary")},
    "a": (*_COMMON, "href"),
    "img": (*_COMMON, "src", "alt", "width", "height"),
}
EXERCISE_HREF = "../exercises/{id}/"
# An exercise's thumbnail (drawn by generator/figures at build time), under the site's root.
THUMBNAIL_FILE = "{id}-thumb.svg"
THUMBNAIL_SRC = "assets/figures/" + THUMBNAIL_FILE
_VOID = {"img"}

# The titles of a plan's sections: every view of a plan (the planner page, the sample-plan
# pages, the printed sheet) takes them from here, and plan_tree sets their order.
TITLES = {
    "refer": "See a clinician before you start",
    "why": "Why this plan",
    "schedule": "Through the week",
    "habits": "Every day",
    "progression": "Progression",
    "cautions": "Cautions",
    "also": "Also suitable",
    "excluded": "Left out, and why",
    "notes": "The guide's choices in this plan",
    "clinician": "When to see a clinician",
}

FIELD_LABELS = {
    "equipment": "Equipment",
    "level": "Level",
    "goal": "Goal",
    "sessions_per_week": "Sessions a week",
    "minutes_per_session": "Minutes a session",
    "emphasis": "Emphasis",
    "conditions": "Health conditions",
    "sits_most_of_day": "Sits most of the day",
}


def _el(tag: str, attrs: dict[str, str] | None = None, *children: Node | None) -> list:
    return [tag, attrs or {}, *[c for c in children if c is not None and c != ""]]


def _ul(items: list[str], cls: str = "") -> list | None:
    if not items:
        return None
    return _el("ul", {"class": cls} if cls else None, *(_el("li", None, i) for i in items))


def _link(ref: dict[str, Any], href: str) -> list:
    return _el("a", {"href": href.format(id=ref["id"]), "data-id": ref["id"]}, ref["name"])


def _section(cls: str, title: str, *children: Node | None) -> list | None:
    body = [c for c in children if c]
    if not body:
        return None
    return _el("section", {"class": f"hg-plan__section {cls}"}, _el("h3", None, title), *body)


def _labelled(name: str, items: list[str], cls: str) -> list | None:
    if not items:
        return None
    return _el("div", {"class": cls}, _el("p", {"class": "hg-excard__label"}, _el("strong", None, name)), _ul(items))


def _exercise(ex: dict[str, Any], href: str) -> list:
    swaps = ex.get("swap_with") or []
    swap = None
    if swaps:
        parts: list[Node] = [_el("strong", None, "Swap with: ")]
        for i, other in enumerate(swaps):
            if i:
                parts.append(", ")
            parts.append(_link(other, href))
        swap = _el("p", {"class": "hg-excard__swap"}, *parts)
    return _el(
        "li",
        {"class": "hg-excard", "data-id": ex["id"]},
        _thumbnail(ex["id"], href),
        _el("h4", {"class": "hg-excard__name"}, _link(ex, href)),
        _el("p", {"class": "hg-excard__dose"}, ex.get("dose", "")),
        _el("p", {"class": "hg-excard__tempo"}, _el("strong", None, "Tempo: "), ex["tempo"])
        if ex.get("tempo")
        else None,
        _el("p", {"class": "hg-excard__setup"}, _el("strong", None, "Set-up: "), ex["setup"])
        if ex.get("setup")
        else None,
        _labelled("Cues", ex.get("cues") or [], "hg-excard__cues"),
        _labelled("Avoid", ex.get("avoid") or [], "hg-excard__avoid"),
        _labelled("Safety", ex.get("safety") or [], "hg-excard__safety"),
        _labelled("Options", ex.get("options") or [], "hg-excard__options"),
        _ul(ex.get("notes") or [], "hg-excard__notes"),
        swap,
    )


def _thumbnail(exercise_id: str, href: str) -> list:
    """The exercise's small start-and-finish picture (decorative: its name follows)."""
    src = _site_root(href) + THUMBNAIL_SRC.format(id=exercise_id)
    image = _el("img", {"src": src, "alt": "", "width": "120", "height": "80"})
    return _el("div", {"class": "hg-excard__fig"}, image)  # in a block: md_in_html mis-nests a bare <img>


def _progression(prog: dict[str, Any], href: str) -> list | None:
    weeks = [_el("li", None, _el("strong", None, f"Weeks {w['weeks']}: "), w["what"]) for w in prog.get("weeks") or []]
    steps = [
        _el("li", None, _link(e, href), ": ", e["how"], " ", e.get("if_pain_text", ""))
        for e in prog.get("exercises") or []
        if e.get("how")
    ]
    return _section(
        "hg-plan__progression",
        TITLES["progression"],
        _el("ul", {"class": "hg-plan__weeks"}, *weeks) if weeks else None,
        _el("p", None, prog["move_on_when"]) if prog.get("move_on_when") else None,
        _el("p", None, prog["if_it_hurts"]) if prog.get("if_it_hurts") else None,
        _el("ul", {"class": "hg-plan__steps"}, *steps) if steps else None,
        _el("p", None, prog["note"]) if prog.get("note") else None,
    )


def _assumed(plan: dict[str, Any]) -> list | None:
    assumed = plan.get("assumed") or []
    if not assumed:
        return None
    names = ", ".join(FIELD_LABELS.get(a, label(a)).lower() for a in assumed)
    return _el("p", {"class": "hg-plan__assumed"}, f"Not answered yet, so the plan assumes the defaults for: {names}.")


def _site_root(exercise_href: str) -> str:
    """The site's root relative to the page, from the exercise link pattern ('../exercises/{id}/' -> '../')."""
    return exercise_href.split("exercises/{id}", 1)[0] if "exercises/{id}" in exercise_href else "../"


def _check_first(plan: dict[str, Any]) -> list | None:
    first = plan.get("check_first") or {}
    if not first.get("items"):
        return None
    return _el(
        "div",
        {"class": "hg-plan__first", "role": "note"},
        _el("p", {"class": "hg-plan__first-title"}, _el("strong", None, first.get("title", ""))),
        _ul(first["items"]),
    )


def _about(plan: dict[str, Any], root: str) -> list | None:
    """Where the plan comes from: the sources page and the guide's choices it relies on."""
    note = plan.get("sources_note")
    if not note:
        return None
    links: list[Node] = [
        _el("a", {"href": f"{root}sources/"}, "Sources"),
        " · ",
        _el("a", {"href": f"{root}sources/choices/"}, "The guide's choices"),
    ]
    return _el("p", {"class": "hg-plan__sources"}, note, " ", *links)


def warmup_title(warm: dict[str, Any]) -> str:
    """The warm-up section's title, with its minutes when there is a warm-up to do."""
    return f"Warm-up ({warm.get('minutes', 0)} minutes)" if warm.get("activities") else "Warm-up"


def plan_tree(plan: dict[str, Any], exercise_href: str = EXERCISE_HREF) -> list:
    """A plan (the planner's JSON data) as an element tree; `exercise_href` has an {id} slot."""
    refer = plan.get("status") == "refer"
    root = _site_root(exercise_href)
    urgency = plan.get("urgency") or {}
    warm = plan.get("warmup") or {}
    sessions = []
    for s in plan.get("sessions") or []:
        sessions.append(
            _el(
                "section",
                {"class": "hg-plan__section hg-plan__session"},
                _el(
                    "h3",
                    None,
                    s["name"],
                    _el("span", {"class": "hg-plan__minutes"}, f" (about {s['estimated_minutes']} minutes)"),
                ),
                _el("ol", {"class": "hg-plan__exercises"}, *(_exercise(ex, exercise_href) for ex in s["exercises"])),
            )
        )
    schedule = plan.get("schedule") or {}
    also = [_el("li", None, _link(e, exercise_href), ": ", e.get("why", "")) for e in plan.get("also_suitable") or []]
    excluded = [
        _el(
            "li",
            {"data-id": e["id"]},
            _link(e, exercise_href),
            _el(
                "ul",
                {"class": "hg-plan__reasons"},
                *(_el("li", {"data-kind": r["kind"]}, r["text"]) for r in e["reasons"]),
            ),
        )
        for e in plan.get("excluded") or []
    ]
    notes = plan.get("notes") or []
    return _el(
        "div",
        {"class": "hg-plan__body", "data-status": plan.get("status", "ok")},
        _check_first(plan),
        _el("p", {"class": "hg-plan__summary"}, plan.get("summary", "")),
        _assumed(plan),
        _el(
            "div",
            {"class": "hg-plan__refer", "role": "alert"},
            _el("h3", {"class": "hg-plan__refer-title"}, TITLES["refer"]),
            _el("p", {"class": "hg-plan__urgency"}, _el("strong", None, urgency["text"]))
            if urgency.get("text")
            else None,
            _ul(urgency.get("items") or []),
            _ul(plan.get("reasons") or []),
        )
        if refer
        else _section("hg-plan__why", TITLES["why"], _ul(plan.get("reasons") or [])),
        _section(
            "hg-plan__warmup",
            warmup_title(warm),
            _ul(warm.get("activities") or []),
            _el("p", None, warm["note"]) if warm.get("note") else None,
        ),
        *sessions,
        _section(
            "hg-plan__schedule", TITLES["schedule"], _el("p", None, schedule["text"]) if schedule.get("text") else None
        ),
        _section("hg-plan__habits", TITLES["habits"], _ul(plan.get("daily_habits") or [])),
        _progression(plan.get("progression") or {}, exercise_href),
        _section("hg-plan__cautions", TITLES["cautions"], _ul(plan.get("cautions") or [])),
        _section("hg-plan__also", TITLES["also"], _el("ul", None, *also) if also else None),
        _section("hg-plan__excluded", TITLES["excluded"], _el("ul", None, *excluded) if excluded else None),
        _el(
            "details",
            {"class": "hg-plan__notes"},
            _el("summary", None, TITLES["notes"]),
            _ul(notes),
            _el("p", None, _el("a", {"href": f"{root}sources/choices/"}, "Every choice and why")),
        )
        if notes
        else None,
        _section("hg-plan__clinician", TITLES["clinician"], _ul(plan.get("see_a_clinician") or [])),
        _about(plan, root),
        _el("p", {"class": "hg-plan__disclaimer"}, plan.get("disclaimer", "")),
    )


def tree_html(node: Node, *, heading_shift: int = 0, markdown: bool = False) -> str:
    """Serialise a plan tree as HTML, escaping every text and attribute value.

    Args:
        heading_shift: added to every heading's level: the tree's sections have h3 titles
            under the planner page's h2; a page where the plan is the main content passes -1.
        markdown: mark the root element for Python-Markdown's md_in_html (a page's Markdown),
            so that the headings reach the page's table of contents, with ids and permalinks,
            while every text stays exactly as written here: md_in_html parses the elements
            but keeps their text and inline markup raw, and no link is rewritten.
    """
    return _html(node, heading_shift, ' markdown="1"' if markdown else "")


def _html(node: Node, shift: int, root_extra: str = "") -> str:
    if isinstance(node, str):
        return escape(node)
    tag, attrs, *children = node
    if tag not in ALLOWED or any(k not in ALLOWED[tag] for k in attrs):
        raise ValueError(f"tag or attribute not allowed in a plan tree: {tag} {sorted(attrs)}")
    attr_text = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    if tag in _VOID:
        return f"<{tag}{attr_text}>"
    if shift and tag in _HEADINGS:
        tag = f"h{min(6, max(1, int(tag[1]) + shift))}"
    # In a Markdown block the root's tags stand on lines of their own, and so does each child.
    sep = "\n" if root_extra else ""
    inner = sep + "".join(_html(c, shift) + sep for c in children)
    return f"<{tag}{attr_text}{root_extra}>{inner}</{tag}>"


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def tree_text(node: Node) -> str:
    """The text of a node and its children, as a reader sees it."""
    if isinstance(node, str):
        return node
    return "".join(tree_text(c) for c in node[2:])


def section_titles(tree: Node) -> list[str]:
    """The titles of a plan tree's sections, in order (for views of the plan and for tests)."""
    if isinstance(tree, str):
        return []
    tag, attrs, *children = tree
    classes = attrs.get("class", "").split()
    if tag == "section" and "hg-plan__section" in classes:
        return [tree_text(children[0])] if children else []
    if tag == "div" and any(c.endswith(("__refer", "__first")) for c in classes):  # boxes with a title of their own
        titles = [c for c in children if not isinstance(c, str) and c[1].get("class", "").endswith("-title")]
        return [tree_text(titles[0])] if titles else []
    if tag == "details":
        return [tree_text(c) for c in children if not isinstance(c, str) and c[0] == "summary"]
    return [t for c in children for t in section_titles(c)]
