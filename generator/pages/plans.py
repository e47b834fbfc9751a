"""Sample plans: planned once at build time by the same planner the browser runs.

`sample_plans` runs the planner for every sample profile in the data; `plan_pages` renders
the sample-plan pages as Markdown. Pure functions: data in, text out.
"""

from __future__ import annotations

from typing import Any

from ..core.errors import DataError, Problem, ProfileError
from ..core.markup import escape
from ..core.model import Catalog, SamplePlan
from ..core.text import label
from ..planner.plan import make_plan
from ..planner.profile import parse_profile
from .program import plan_actions

__all__ = ["exercises_in_plan", "plan_markdown", "plan_pages", "sample_plans"]


def sample_plans(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """Plan id -> the plan dict for each sample profile (DataError if a profile is invalid)."""
    plans = {}
    for sample in catalog.plans:
        try:
            plans[sample.id] = make_plan(catalog, parse_profile(sample.profile, catalog))
        except ProfileError as exc:
            raise DataError([Problem(f"plans/{sample.id}.yaml", f"profile.{exc.field}", exc.message)]) from exc
    return plans


def exercises_in_plan(plan: dict[str, Any]) -> list[str]:
    """Ids of the exercises a plan uses, in order of first use."""
    seen: dict[str, None] = {}
    for session in plan.get("sessions", []):
        for ex in session.get("exercises", []):
            seen.setdefault(ex["id"], None)
    return list(seen)


def plan_pages(catalog: Catalog, plans: dict[str, dict[str, Any]]) -> dict[str, str]:
    """docs path -> Markdown for the sample plans index and one page per sample plan."""
    if not catalog.plans:
        return {}
    rows = []
    pages = {}
    for sample in catalog.plans:
        plan = plans[sample.id]
        names = ", ".join(catalog.exercise(i).name for i in exercises_in_plan(plan)) or "none (see a clinician first)"
        rows.append(f"| [{escape(sample.name)}]({sample.id}.md) | {escape(sample.description)} | {escape(names)} |")
        pages[f"plans/{sample.id}.md"] = _sample_page(catalog, sample, plan)
    pages["plans/index.md"] = (
        _front("Sample plans", "Worked examples of the planner's output for typical people.") + "# Sample plans\n\n"
        "These plans were made by the same planner that runs in your browser, for a few typical "
        "people. Each one explains what it chose, what it left out and why. To make your own, "
        "answer the same questions in the planner.\n\n"
        "| Plan | For | Exercises |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    return pages


def _front(title: str, description: str) -> str:
    esc = lambda t: '"' + escape(t) + '"'  # noqa: E731 - escape() leaves no quote or backslash
    return f"---\ntitle: {esc(title)}\ndescription: {esc(description)}\n---\n\n"


def _profile_table(catalog: Catalog, profile: dict[str, Any]) -> str:
    equipment = ", ".join(catalog.equipment_item(i).name for i in profile["equipment"]) or "None (body weight only)"
    conditions = ", ".join(catalog.condition(i).name for i in profile["conditions"]) or "None"
    rows = [
        ("Equipment", equipment),
        ("Level", label(profile["level"])),
        ("Goal", profile["goal"].capitalize()),
        ("Sessions a week", str(profile["sessions_per_week"])),
        ("Minutes a session", str(profile["minutes_per_session"])),
        ("Emphasis", label(profile["emphasis"])),
        ("Health conditions", conditions),
        ("Sits most of the day", "Yes" if profile["sits_most_of_day"] else "No"),
    ]
    return "| Question | Answer |\n|---|---|\n" + "\n".join(f"| **{k}** | {escape(v)} |" for k, v in rows) + "\n"


def _sample_page(catalog: Catalog, sample: SamplePlan, plan: dict[str, Any]) -> str:
    return (
        _front(sample.name, sample.description)
        + f"# {escape(sample.name)}\n\n{escape(sample.description)}\n\n"
        + '<div class="hg-facts" markdown>\n\n'
        + _profile_table(catalog, plan["profile"])
        + "\n</div>\n\n"
        + plan_actions(sample.profile)
        + "\n"
        + plan_markdown(plan, exercise_base="../exercises/")
    )


def _list(items: list[str]) -> str:
    return "\n".join(f"- {escape(i)}" for i in items) + "\n"


def _admonition(kind: str, title: str, items: list[str]) -> str:
    body = "\n".join(f"    - {escape(i)}" for i in items)
    return f'{kind} "{title}"\n\n{body}\n'


def plan_markdown(plan: dict[str, Any], exercise_base: str) -> str:
    """A plan as Markdown, in the order a person reads it: why, warm-up, sessions, progression."""
    out = []
    if plan.get("summary"):
        out.append(f"**{escape(plan['summary'])}**\n")
    if plan["status"] == "refer":
        out.append(_admonition("!!! danger", "See a clinician before you start", plan["reasons"]))
    elif plan.get("reasons"):
        out.append("## Why this plan\n\n" + _list(plan["reasons"]))
    warm = plan.get("warmup") or {}
    if warm.get("activities"):
        out.append(f"## Warm-up ({warm['minutes']} minutes)\n\n" + _list(warm["activities"]))
    for session in plan.get("sessions", []):
        out.append(f"## {escape(session['name'])} (about {session['estimated_minutes']} minutes)\n")
        for ex in session["exercises"]:
            out.append(f"### [{escape(ex['name'])}]({exercise_base}{ex['id']}.md)\n")
            out.append(f'<p class="hg-dose">{escape(ex.get("dose", ""))}</p>\n')
            if ex.get("tempo"):
                out.append(f"*Tempo:* {escape(ex['tempo'])}\n")
            if ex.get("setup"):
                out.append(f"*Set-up:* {escape(ex['setup'])}\n")
            if ex.get("cues"):
                out.append("*Cues:*\n\n" + _list(ex["cues"]))
            if ex.get("avoid"):
                out.append("*Avoid:*\n\n" + _list(ex["avoid"]))
            if ex.get("safety"):
                out.append("*Safety:*\n\n" + _list(ex["safety"]))
            if ex.get("notes"):
                out.append(_list(ex["notes"]))
    schedule = plan.get("schedule") or {}
    if schedule.get("text"):
        out.append(f"## Through the week\n\n{escape(schedule['text'])}\n")
    if plan.get("daily_habits"):
        out.append("## Every day\n\n" + _list(plan["daily_habits"]))
    prog = plan.get("progression") or {}
    if prog.get("weeks"):
        out.append(
            "## Progression\n\n"
            + "\n".join(f"- **Weeks {escape(w['weeks'])}:** {escape(w['what'])}" for w in prog["weeks"])
            + "\n"
        )
        for key in ("move_on_when", "if_it_hurts"):
            if prog.get(key):
                out.append(f"{escape(prog[key])}\n")
        steps = [e for e in prog.get("exercises", []) if e.get("how")]
        if steps:
            out.append(
                "### Exercise by exercise\n\n"
                + "\n".join(f"- **{escape(e['name'])}:** {escape(e['how'])}" for e in steps)
                + "\n"
            )
    if plan.get("cautions"):
        out.append("## Cautions\n\n" + _list(plan["cautions"]))
    if plan.get("also_suitable"):
        names = ", ".join(f"[{escape(e['name'])}]({exercise_base}{e['id']}.md)" for e in plan["also_suitable"])
        out.append(f"## Also suitable\n\nThese exercises also fit this profile and can be swapped in: {names}.\n")
    if plan.get("excluded"):
        rows = "\n".join(
            f"| [{escape(e['name'])}]({exercise_base}{e['id']}.md) | {escape(' '.join(r['text'] for r in e['reasons']))} |"
            for e in plan["excluded"]
        )
        out.append(f"## Left out, and why\n\n| Exercise | Reason |\n|---|---|\n{rows}\n")
    if plan.get("notes"):
        out.append(_admonition("??? note", "Where the sources are silent", plan["notes"]))
    if plan.get("see_a_clinician"):
        out.append("## When to see a clinician\n\n" + _list(plan["see_a_clinician"]))
    return "\n".join(out)
