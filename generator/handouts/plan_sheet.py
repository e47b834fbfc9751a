"""Render a sample plan's handout as HTML: the planner's output in, HTML text out, no I/O.

The plan dict is `generator.planner.make_plan` output (JSON-ready data); this module only
reads the keys it shows and tolerates missing optional ones.
"""

from __future__ import annotations

from typing import Any

from ..core.markup import escape
from ..core.model import Catalog, SamplePlan
from ..core.text import DISCLAIMER, DISCLAIMER_TITLE, join_words, label
from .sheets import GUIDE_TITLE, Doc, css, page, page_url, plan_handout_path

__all__ = ["plan_docs", "plan_html"]


def _ul(items: list[str], cls: str = "") -> str:
    if not items:
        return ""
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f"<li>{escape(str(i))}</li>" for i in items) + "</ul>"


def _profile_line(profile: dict[str, Any], catalog: Catalog) -> str:
    equipment = [catalog.equipment_item(i).name.lower() for i in profile.get("equipment", [])]
    conditions = [catalog.condition(i).name for i in profile.get("conditions", [])]
    parts = [
        f"Level: {label(profile.get('level', ''))}",
        f"Goal: {label(profile.get('goal', ''))}",
        f"{profile.get('sessions_per_week')} sessions a week, {profile.get('minutes_per_session')} minutes each",
        f"Emphasis: {label(profile.get('emphasis', ''))}",
        f"Equipment: {join_words(equipment) or 'none'}",
    ]
    if conditions:
        parts.append(f"Conditions: {join_words(conditions)}")
    if profile.get("sits_most_of_day"):
        parts.append("Sits most of the day")
    return " · ".join(parts)


def _boxes(n: int) -> str:
    return '<span class="boxes">' + '<span class="box"></span>' * n + "</span>"


def _session_table(session: dict[str, Any]) -> str:
    """A session at a glance: what to do, how much, and boxes to tick each time."""
    rows = "".join(
        f'<tr><td class="n"><span class="num">{n}</span></td><td class="name">{escape(ex["name"])}</td>'
        f'<td class="dose-cell">{escape(ex.get("dose", ""))}</td><td class="done">{_boxes(6)}</td></tr>'
        for n, ex in enumerate(session.get("exercises", []), 1)
    )
    minutes = session.get("estimated_minutes")
    return (
        f'<section class="session"><h2>{escape(session["name"])}'
        + (f' <span class="mins">about {minutes} minutes with the warm-up</span>' if minutes else "")
        + "</h2>"
        '<table class="session-table"><thead><tr><th></th><th>Exercise</th><th>Dose</th>'
        "<th>Done (tick each time)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _exercise_detail(ex: dict[str, Any], address: str) -> str:
    """How to do one planned exercise: set-up, tempo, cues, what to avoid, safety, options."""
    out = [f'<div class="plan-ex"><h3>{escape(ex["name"])}</h3>']
    if ex.get("setup"):
        out.append(f"<p><b>Set-up.</b> {escape(ex['setup'])}</p>")
    if ex.get("tempo"):
        out.append(f"<p><b>Tempo.</b> {escape(ex['tempo'])}</p>")
    cols = ""
    if ex.get("cues"):
        cols += f'<div><p class="lbl">Cues</p>{_ul(ex["cues"])}</div>'
    if ex.get("avoid"):
        cols += f'<div><p class="lbl">Avoid</p>{_ul(ex["avoid"])}</div>'
    if cols:
        out.append(f'<div class="cols">{cols}</div>')
    if ex.get("safety"):
        out.append(f'<div class="safety"><p class="lbl">! Take care</p>{_ul(ex["safety"])}</div>')
    notes = [*ex.get("notes", []), *ex.get("options", [])]
    if ex.get("swap_with"):
        notes.append("You can swap it for " + join_words([s["name"] for s in ex["swap_with"]], "or") + ".")
    out.append(_ul(notes, "notes"))
    if address:
        out.append(f'<p class="more">Step-by-step instructions: {escape(address)}</p>')
    out.append("</div>")
    return "".join(out)


def plan_html(
    sample: SamplePlan,
    plan: dict[str, Any],
    catalog: Catalog,
    *,
    site_url: str,
    paper: str = "a4",
    date: str = "",
    font_css: str = "",
) -> str:
    """The handout of one sample plan: who it is for, warm-up, sessions, progression, cautions."""
    address = page_url(site_url, f"plans/{sample.id}/")
    out = [
        '<div class="running-footer">'
        f'<p class="disclaimer"><b>{escape(DISCLAIMER_TITLE)}.</b> {escape(DISCLAIMER)}</p>'
        f'<p class="address"><span class="pageno"></span>{escape(GUIDE_TITLE)} · <span class="url">{escape(address)}</span>'
        + (f' · <span class="date">built {escape(date)}</span>' if date else "")
        + "</p></div>",
        f'<p class="kicker">{escape(GUIDE_TITLE)} · Sample plan</p>',
        f'<h1 class="title">{escape(sample.name)}</h1>',
        f'<p class="who"><b>Who it is for.</b> {escape(sample.description)}</p>',
        f'<p class="meta">{escape(_profile_line(plan.get("profile", {}), catalog))}</p>',
    ]
    if plan.get("status") == "refer":
        out.append(
            f'<div class="refer"><p class="lbl">! See a clinician first</p><p>{escape(plan.get("summary", ""))}</p></div>'
        )
    else:
        out.append(f'<p class="plan-summary">{escape(plan.get("summary", ""))}</p>')
    schedule = plan.get("schedule", {})
    if schedule.get("text"):
        out.append(f'<div class="week"><h2>Your week</h2><p>{escape(schedule["text"])}</p></div>')
    warm = plan.get("warmup", {})
    if warm.get("activities") or warm.get("note"):
        out.append(
            f'<section class="warmup"><h2>Warm-up{_minutes_suffix(warm)}</h2>'
            f"{_ul(warm.get('activities', []))}"
            + (f'<p class="small">{escape(warm["note"])}</p>' if warm.get("note") else "")
            + "</section>"
        )
    sessions = plan.get("sessions", [])
    out.extend(_session_table(session) for session in sessions)
    if plan.get("cautions"):
        out.append(
            f'<section class="cautions"><h2><span class="mark">!</span> Cautions</h2>{_ul(plan["cautions"])}</section>'
        )
    if plan.get("daily_habits"):
        out.append(f'<section class="habits"><h2>Every day</h2>{_ul(plan["daily_habits"])}</section>')
    first: dict[str, dict[str, Any]] = {}  # each exercise once, where it first appears
    for session in sessions:
        for ex in session.get("exercises", []):
            first.setdefault(ex["id"], ex)
    unique = list(first.values())
    if unique:
        out.append(
            '<section class="details"><h2 class="part">How to do each exercise</h2>'
            + "".join(_exercise_detail(ex, page_url(site_url, f"exercises/{ex['id']}/")) for ex in unique)
            + "</section>"
        )
    prog = plan.get("progression", {})
    if prog.get("weeks") or prog.get("exercises") or prog.get("note"):
        rows = "".join(
            f"<tr><th>Weeks {escape(w['weeks'])}</th><td>{escape(w['what'])}</td></tr>" for w in prog.get("weeks", [])
        )
        out.append(
            '<section class="progression"><h2>Progression</h2>'
            + (f'<table class="weeks">{rows}</table>' if rows else "")
            + "".join(f"<p>{escape(prog[k])}</p>" for k in ("move_on_when", "if_it_hurts", "note") if prog.get(k))
            + _ul([f"{e['name']}: {e['how']}" for e in prog.get("exercises", []) if e.get("how")])
            + "</section>"
        )
    if plan.get("reasons"):
        out.append(f'<section class="reasons"><h2>Why this plan</h2>{_ul(plan["reasons"])}</section>')
    if plan.get("also_suitable"):
        also = [a.get("name", "") + (f": {a['why']}" if a.get("why") else "") for a in plan["also_suitable"]]
        out.append(f'<section class="also"><h2>Also suitable</h2>{_ul(also)}</section>')
    if plan.get("excluded"):
        items = "".join(
            f"<li><b>{escape(e['name'])}.</b> " + " ".join(escape(r["text"]) for r in e.get("reasons", [])) + "</li>"
            for e in plan["excluded"]
        )
        out.append(f'<section class="excluded"><h2>Left out, and why</h2><ul>{items}</ul></section>')
    if plan.get("see_a_clinician"):
        out.append(f'<section class="clinician"><h2>See a clinician if</h2>{_ul(plan["see_a_clinician"])}</section>')
    if plan.get("notes"):
        out.append(f'<section class="notes"><h2>About this plan</h2>{_ul(plan["notes"])}</section>')
    if plan.get("disclaimer"):
        out.append(f'<p class="plan-disclaimer"><b>{escape(DISCLAIMER_TITLE)}.</b> {escape(plan["disclaimer"])}</p>')
    return page(
        f"{sample.name}: sample plan handout",
        "".join(out),
        stylesheet=css("handout.css", "handout-plan.css"),
        paper=paper,
        body_class="handout plan-handout",
        font_css=font_css,
    )


def plan_docs(
    catalog: Catalog,
    plans: dict[str, dict],
    *,
    site_url: str,
    paper: str = "a4",
    date: str = "",
    fonts: str = "",
    figures: dict[str, bytes] | None = None,
) -> list[Doc]:
    """One Doc per sample plan that has a planned result, in the catalog's order.

    Each is the printed plan sheet (generator.planner.sheet.plan_sheet_tree, the template the
    planner page prints too): the session tables with figures, doses and tick boxes first,
    then the how-to; the page's address and its QR code when the site has a public address.
    """
    from .program_sheet import plan_sheet_html

    return [
        Doc(
            plan_handout_path(sample.id),
            f"sample plan '{sample.id}'",
            plan_sheet_html(
                plans[sample.id],
                catalog,
                title=sample.name,
                kind="Sample plan",
                figures=figures or {},
                paper=paper,
                address=page_url(site_url, f"plans/{sample.id}/"),
                made=f"Made {date}" if date else "",
                font_css=fonts,
            ),
        )
        for sample in catalog.plans
        if sample.id in plans
    ]


def _minutes_suffix(warm: dict) -> str:
    return f": {warm['minutes']} minutes" if warm.get("minutes") else ""
