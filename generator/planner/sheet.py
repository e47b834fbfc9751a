"""The printed sheet as an element tree: one template for the browser's print and WeasyPrint.

Pure standard library (ships in the browser wheel). `program_sheet_tree` lays out a program
(a clinician's exercise sheet), `plan_sheet_tree` a planner plan (the planner's print and the
sample-plan handouts): a header, one row per exercise with its figure, dose and a tick-box log,
then the footer with the clinician's details, the disclaimer, the date and the address that
reopens the sheet (with its QR code, drawn from the modules a QR library computed). Trees are
`[tag, {attributes}, *children]` lists like :mod:`generator.planner.tree`: the build writes
them with `sheet_html`, the browser builds them into DOM nodes with textContent only
(docs/assets/program/sheet.js) against the same allow-list.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from html import escape
from typing import Any, Union

from ..core.model import Catalog, Exercise
from ..core.text import DISCLAIMER, DISCLAIMER_TITLE
from .program import Program, exercise_dose_text
from .tree import THUMBNAIL_FILE, TITLES, warmup_title
from .wording import SOURCES_LINE

__all__ = [
    "SHEET_ALLOWED",
    "figure_file",
    "long_date",
    "plan_sheet_tree",
    "program_sheet_tree",
    "qr_matrix_rows",
    "qr_tree",
    "sheet_html",
]

Node = Union[str, list]
GUIDE_TITLE = "Hip extension guide"
_COMMON = ("class", "id", "data-kind", "data-id", "role", "aria-label", "aria-hidden")
SHEET_ALLOWED: dict[str, tuple[str, ...]] = {
    **{
        tag: _COMMON
        for tag in ("div", "header", "footer", "section", "h1", "h2", "h3", "p", "ol", "ul", "li", "span", "strong")
    },
    **{tag: _COMMON for tag in ("table", "thead", "tbody", "tr", "th", "td")},
    "img": (*_COMMON, "src", "alt", "width", "height"),
    "svg": (*_COMMON, "viewBox", "width", "height", "focusable"),
    "path": ("class", "d"),
}
_VOID = {"img"}
_MONTHS = ("January February March April May June July August September October November December").split()
_LONGEST_ADDRESS = 110
_SIDE_TEXT = {"left": "Left side only", "right": "Right side only"}


def figure_file(ex: Exercise) -> str | None:
    """The exercise's picture, as a file name under the site's assets/figures/ (None: no picture).

    The one place that says which picture a sheet shows: the thumbnail generator/figures draws
    for every exercise; callers turn it into a link (browser) or a data: URI (WeasyPrint).
    """
    return THUMBNAIL_FILE.format(id=ex.id)


def long_date(iso: str) -> str:
    """'2026-03-31' -> '31 March 2026' (written out by hand: no locale)."""
    day = _dt.date.fromisoformat(iso)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def qr_matrix_rows(matrix: Iterable[Iterable[int]]) -> list[str]:
    """A QR library's module matrix (rows of 0/1, e.g. segno's `QRCode.matrix`) as rows of '0'/'1'."""
    return ["".join("1" if cell else "0" for cell in row) for row in matrix]


def _el(tag: str, attrs: dict[str, str] | None = None, *children: Node | None) -> list:
    return [tag, attrs or {}, *(c for c in children if c is not None and c != "")]


def qr_tree(rows: list[str], address: str) -> list | None:
    """The QR code as an SVG path (quiet zone of four modules), from `qr_matrix_rows`."""
    if not rows:
        return None
    size = len(rows) + 8
    d = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x] == "1":
                start = x
                while x < len(row) and row[x] == "1":
                    x += 1
                d.append(f"M{start + 4} {y + 4}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return _el(
        "svg",
        {"class": "hg-sheet__qr", "viewBox": f"0 0 {size} {size}", "role": "img", "aria-label": f"QR code: {address}"},
        _el("path", {"class": "hg-sheet__qr-modules", "d": "".join(d)}),
    )


def _boxes(per_week: int) -> list:
    rows = [
        _el(
            "tr",
            None,
            _el("th", None, f"Week {week}"),
            _el("td", None, *(_el("span", {"class": "hg-sheet__box"}) for _ in range(per_week))),
        )
        for week in (1, 2)
    ]
    return _el("table", {"class": "hg-sheet__log", "aria-label": "Tick a box each time"}, _el("tbody", None, *rows))


def _figure(ex: Exercise, figures: dict[str, str]) -> list:
    src = figures.get(ex.id)
    if not src:
        return _el("div", {"class": "hg-sheet__fig hg-sheet__fig--none"})
    return _el("div", {"class": "hg-sheet__fig"}, _el("img", {"src": src, "alt": f"{ex.name}: key position"}))


def _row(
    n: int, ex: Exercise, dose: str, details: list[str], note: str, per_week: int, figures: dict[str, str]
) -> list:
    return _el(
        "li",
        {"class": "hg-sheet__ex", "data-id": ex.id},
        _figure(ex, figures),
        _el(
            "div",
            {"class": "hg-sheet__body"},
            _el("h2", {"class": "hg-sheet__name"}, _el("span", {"class": "hg-sheet__num"}, f"{n}"), " ", ex.name),
            _el("p", {"class": "hg-sheet__dose"}, dose),
            _el("p", {"class": "hg-sheet__detail"}, " · ".join(details)) if details else None,
            _el("p", {"class": "hg-sheet__note"}, note) if note else None,
        ),
        _boxes(per_week),
    )


def _footer(lines: list[str], address: str, qr: list[str], made: str) -> list:
    where = [made] if made else []
    if address:
        # A long link (a whole program in its fragment) is for the QR code, not for typing.
        base = address.split("#", 1)[0]
        shown = (
            address if len(address) <= _LONGEST_ADDRESS else f"scan the code (it holds the whole sheet) or visit {base}"
        )
        where.append(f"Open it again: {shown}")
    return _el(
        "footer",
        {"class": "hg-sheet__foot"},
        _el(
            "div",
            {"class": "hg-sheet__foot-text"},
            *(_el("p", {"class": "hg-sheet__contact"}, line) for line in lines),
            _el("p", {"class": "hg-sheet__disclaimer"}, _el("strong", None, f"{DISCLAIMER_TITLE}. "), DISCLAIMER),
            _el("p", {"class": "hg-sheet__address"}, " · ".join(where)) if where else None,
        ),
        qr_tree(qr, address) if address else None,
    )


def _head(kind: str, title: str, facts: list[str], note: str = "") -> list:
    return _el(
        "header",
        {"class": "hg-sheet__head"},
        _el("p", {"class": "hg-sheet__kicker"}, f"{GUIDE_TITLE} · {kind}"),
        _el("h1", {"class": "hg-sheet__title"}, title),
        _el("p", {"class": "hg-sheet__facts"}, " · ".join(facts)) if facts else None,
        _el("p", {"class": "hg-sheet__general"}, note) if note else None,
    )


def program_sheet_tree(
    program: Program,
    catalog: Catalog,
    *,
    figures: dict[str, str] | None = None,
    address: str = "",
    qr: list[str] | None = None,
    made: str = "",
    exercises: list | None = None,
) -> list:
    """The sheet of a program: head, one row per exercise (figure, dose, note, two weeks of boxes), footer.

    Args:
        figures: exercise id -> image source (a link, or a data: URI); missing ids print none.
        address: the public address that reopens the sheet ("" prints none, and no QR code).
        qr: `qr_matrix_rows` of the address.
        made: a line such as "Printed 1 December 2026".
        exercises: the exercises to print (default: all; see program.sheet_exercises).
    """
    figures = figures or {}
    items = list(program.exercises if exercises is None else exercises)
    facts = []
    if program.patient:
        facts.append(f"For {program.patient}")
    if program.start:
        facts.append(f"From {long_date(program.start)}")
    if program.sessions_per_week:
        n = program.sessions_per_week
        facts.append(f"{n} session{'s' if n != 1 else ''} a week")
    if program.review:
        facts.append(f"Review on {long_date(program.review)}")
    per_week = program.sessions_per_week or 7
    rows = []
    for n, item in enumerate(items, 1):
        ex = catalog.exercise(item.id)
        details = [_SIDE_TEXT[item.side]] if item.side in _SIDE_TEXT else []
        if item.load:
            details.append(item.load)
        rows.append(_row(n, ex, exercise_dose_text(item, ex), details, item.notes, per_week, figures))
    contact = (
        [" · ".join(p for p in (program.clinician, program.contact) if p)]
        if (program.clinician or program.contact)
        else []
    )
    if program.review:
        contact.append(f"Your next review: {long_date(program.review)}. Bring this sheet.")
    size = "hg-sheet--long" if len(items) > 4 else "hg-sheet--short"
    return _el(
        "div",
        {"class": f"hg-sheet {size}", "data-kind": "program"},
        _head("Exercise program", program.title, facts, program.notes),
        _el("p", {"class": "hg-sheet__how"}, "Tick a box each time you do the exercise.") if rows else None,
        _el("ol", {"class": "hg-sheet__list"}, *rows)
        if rows
        else _el("p", {"class": "hg-sheet__empty"}, "No exercises yet."),
        _footer(contact, address, qr or [], made),
    )


def _plan_dose(ex: dict[str, Any]) -> str:
    text = str(ex.get("dose", ""))
    return text[:1].upper() + text[1:]


def _howto(ex: dict[str, Any], shared_tempo: bool = False) -> list:
    lines: list[Node | None] = [
        _el("h3", None, ex["name"]),
        _el("p", None, _el("strong", None, "Set-up: "), ex["setup"]) if ex.get("setup") else None,
        _el("p", None, _el("strong", None, "Tempo: "), ex["tempo"]) if ex.get("tempo") and not shared_tempo else None,
    ]
    for title, key in (("Cues", "cues"), ("Avoid", "avoid"), ("Take care", "safety")):
        if ex.get(key):
            lines.append(_el("p", {"class": f"hg-sheet__{key}"}, _el("strong", None, f"{title}: "), " ".join(ex[key])))
    return _el("section", {"class": "hg-sheet__howto-ex", "data-id": ex["id"]}, *lines)


def plan_sheet_tree(
    plan: dict[str, Any],
    catalog: Catalog,
    *,
    title: str = "Your hip extension plan",
    kind: str = "Plan",
    figures: dict[str, str] | None = None,
    address: str = "",
    qr: list[str] | None = None,
    made: str = "",
) -> list:
    """A plan as a sheet: each session's table with figures, doses and tick boxes first, then the how-to.

    No planner reasoning beyond one line on what was left out; no "not answered yet".
    """
    figures = figures or {}
    sessions = plan.get("sessions") or []
    schedule = plan.get("schedule") or {}
    per_week = max(1, schedule.get("sessions_per_week") or 1)
    facts = [plan["summary"]] if plan.get("summary") else []
    parts: list[Node | None] = [_head(kind, title, facts)]
    first = plan.get("check_first") or {}
    if first.get("items"):  # a heart or lung condition, a fall risk: before anything else
        parts.insert(
            0,
            _el(
                "section",
                {"class": "hg-sheet__refer hg-sheet__first", "role": "note"},
                _el("h2", None, first.get("title") or "Check with a clinician first"),
                _el("ul", None, *(_el("li", None, i) for i in first["items"])),
            ),
        )
    if plan.get("status") == "refer":
        urgency = plan.get("urgency") or {}
        parts.append(
            _el(
                "section",
                {"class": "hg-sheet__refer", "role": "note"},
                _el("h2", None, TITLES["refer"]),
                _el("p", None, _el("strong", None, urgency["text"])) if urgency.get("text") else None,
                _el(
                    "ul",
                    None,
                    *(_el("li", None, r) for r in [*(urgency.get("items") or []), *(plan.get("reasons") or [])]),
                ),
            )
        )
    warm = plan.get("warmup") or {}
    if warm.get("activities"):
        parts.append(
            _el(
                "p",
                {"class": "hg-sheet__warmup"},
                _el("strong", None, f"{warmup_title(warm)}: "),  # the plan's own section titles
                " ".join(a if a.endswith(".") else a + "." for a in warm["activities"]),
            )
        )
    for s in sessions:
        # How often this session comes round a week: its share of the rota.
        rota = schedule.get("rota") or []
        times = max(1, sum(1 for r in rota if r == s["name"])) if rota else per_week
        rows = [
            _row(n, catalog.exercise(ex["id"]), _plan_dose(ex), [], "", times, figures)
            for n, ex in enumerate(s.get("exercises") or [], 1)
        ]
        minutes = s.get("estimated_minutes")
        parts.append(
            _el(
                "section",
                {"class": "hg-sheet__session"},
                _el(
                    "h2",
                    {"class": "hg-sheet__session-title"},
                    s["name"],
                    f" (about {minutes} minutes)" if minutes else "",
                ),
                _el("ol", {"class": "hg-sheet__list"}, *rows),
            )
        )
    if schedule.get("text"):
        week = _el("strong", None, f"{TITLES['schedule']}: ")
        parts.append(_el("p", {"class": "hg-sheet__week"}, week, schedule["text"]))
    seen: dict[str, dict[str, Any]] = {}
    for s in sessions:
        for ex in s.get("exercises") or []:
            seen.setdefault(ex["id"], ex)
    if seen:
        tempos = {ex.get("tempo", "") for ex in seen.values()}
        shared = len(tempos) == 1 and "" not in tempos  # one tempo for all: said once
        parts.append(
            _el(
                "section",
                {"class": "hg-sheet__howto"},
                _el("h2", None, "How to do each exercise"),
                _el("p", {"class": "hg-sheet__tempo"}, _el("strong", None, "Tempo for every exercise: "), tempos.pop())
                if shared
                else None,
                *(_howto(ex, shared) for ex in seen.values()),
            )
        )
    cautions = plan.get("cautions") or []
    if cautions:
        parts.append(
            _el(
                "section",
                {"class": "hg-sheet__cautions"},
                _el("h2", None, TITLES["cautions"]),
                _el("ul", None, *(_el("li", None, c) for c in cautions)),
            )
        )
    excluded = plan.get("excluded") or []
    if excluded and plan.get("status") != "refer":
        names = ", ".join(e["name"].lower() for e in excluded)
        parts.append(
            _el("p", {"class": "hg-sheet__left-out"}, f"Left out for this plan: {names} (the plan online says why).")
        )
    if plan.get("sources_note"):  # where the plan comes from; the plan online marks each choice
        parts.append(_el("p", {"class": "hg-sheet__left-out"}, SOURCES_LINE))
    parts.append(_footer([], address, qr or [], made))
    return _el("div", {"class": "hg-sheet hg-sheet--plan", "data-kind": "plan"}, *parts)


def sheet_html(node: Node) -> str:
    """Serialise a sheet tree as HTML, escaping every text and attribute value."""
    if isinstance(node, str):
        return escape(node, quote=False)
    tag, attrs, *children = node
    if tag not in SHEET_ALLOWED or any(k not in SHEET_ALLOWED[tag] for k in attrs):
        raise ValueError(f"tag or attribute not allowed in a sheet: {tag} {sorted(attrs)}")
    attr_text = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    if tag in _VOID:
        return f"<{tag}{attr_text}>"
    return f"<{tag}{attr_text}>" + "".join(sheet_html(c) for c in children) + f"</{tag}>"
