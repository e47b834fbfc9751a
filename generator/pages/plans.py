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
from ..planner.tree import plan_tree, tree_html
from .program import plan_actions

__all__ = ["SAMPLE_EXERCISE_HREF", "exercises_in_plan", "plan_markdown", "plan_pages", "sample_plans"]

# An exercise page seen from a sample plan's page (plans/<id>/ with directory URLs).
SAMPLE_EXERCISE_HREF = "../../exercises/{id}/"


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


def plan_pages(
    catalog: Catalog, plans: dict[str, dict[str, Any]], exercise_href: str = SAMPLE_EXERCISE_HREF
) -> dict[str, str]:
    """docs path -> Markdown for the sample plans index and one page per sample plan.

    `exercise_href`: an exercise page's URL relative to a sample plan's page, with an {id} slot.
    """
    if not catalog.plans:
        return {}
    rows = []
    pages = {}
    for sample in catalog.plans:
        plan = plans[sample.id]
        names = ", ".join(catalog.exercise(i).name for i in exercises_in_plan(plan)) or "none (see a clinician first)"
        rows.append(f"| [{escape(sample.name)}]({sample.id}.md) | {escape(sample.description)} | {escape(names)} |")
        pages[f"plans/{sample.id}.md"] = _sample_page(catalog, sample, plan, exercise_href)
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


def _sample_page(catalog: Catalog, sample: SamplePlan, plan: dict[str, Any], exercise_href: str) -> str:
    return (
        _front(sample.name, sample.description)
        + f"# {escape(sample.name)}\n\n{escape(sample.description)}\n\n"
        + '<div class="hg-facts" markdown>\n\n'
        + _profile_table(catalog, plan["profile"])
        + "\n</div>\n\n"
        + plan_actions(sample.profile)
        + "\n"
        + plan_markdown(plan, exercise_href)
    )


def plan_markdown(plan: dict[str, Any], exercise_href: str = SAMPLE_EXERCISE_HREF) -> str:
    """A plan as a page's Markdown: its element tree, the one renderer of a plan.

    The same tree (generator.planner.tree.plan_tree) as the planner page, so the sections,
    their titles and their order are the planner's. Written as HTML in a Markdown block
    (md_in_html): the section titles become the page's h2 headings and the exercise names h3,
    in its table of contents with ids and permalinks, while every text stays as the tree's
    serialiser escaped it. Links are final URLs, like the planner page's (`exercise_href`
    relative to the sample page, with an {id} slot).
    """
    return tree_html(plan_tree(plan, exercise_href), heading_shift=-1, markdown=True) + "\n"
