"""The planner page: its form, what its <head> needs to start Python, the build-time plan.

Build only (not shipped to the browser). The plan itself is rendered by
`generator.planner.tree`, the one plan renderer, which the browser's worker runs too.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.markup import escape
from ..core.model import Catalog
from ..core.text import label
from ..planner.profile import EMPHASES, GOALS, LEVELS, MINUTES_RANGE, SESSIONS_RANGE, Profile
from ..planner.tree import EXERCISE_HREF, plan_tree, tree_html

__all__ = [
    "form_html",
    "planner_page",
    "planner_start",
]

# In the body, right after the planner's root: with scripting, the form is usable.
# (A file, assets/planner/mark.js: the Content-Security-Policy allows no inline script.)
_MARK_JS = """<script src="%sassets/planner/mark.js"></script>"""

# ---------------------------------------------------------------------------------------
# The form


def _choices(name: str, legend: str, values: tuple[str, ...], default: str, hint: str = "") -> str:
    items = "".join(
        f'<label class="hg-choice"><input type="radio" name="{name}" value="{escape(v)}"'
        f"{' checked' if v == default else ''}> {escape(label(v))}</label>"
        for v in values
    )
    hint_html = f'<p class="hg-field__hint">{escape(hint)}</p>' if hint else ""
    return f'<fieldset class="hg-field" data-field="{name}"><legend>{escape(legend)}</legend>{hint_html}<div class="hg-choices">{items}</div></fieldset>'


def _boxes(name: str, options: list[tuple[str, str, str]]) -> str:
    return "".join(
        f'<label class="hg-choice{(" " + cls) if cls else ""}"><input type="checkbox" name="{name}" '
        f'value="{escape(v)}"> {escape(text)}</label>'
        for v, text, cls in options
    )


def _number(name: str, text: str, bounds: tuple[int, int], default: int, unit: str) -> str:
    lo, hi = bounds
    return (
        f'<div class="hg-field hg-field--number" data-field="{name}"><label for="hg-{name}">{escape(text)}</label>'
        f'<span class="hg-number"><input type="number" id="hg-{name}" name="{name}" min="{lo}" max="{hi}" step="1" '
        f'value="{default}" inputmode="numeric" aria-describedby="hg-{name}-unit"> '
        f'<span id="hg-{name}-unit" class="hg-field__hint">{escape(unit)} ({lo} to {hi})</span></span></div>'
    )


def form_html(catalog: Catalog) -> str:
    """The planner form: one labelled control per profile field, defaults pre-selected."""
    d = Profile()
    equipment = _boxes("equipment", [(q.id, q.name, "") for q in catalog.equipment])
    refer = [(c.id, c.name, "hg-choice--refer") for c in catalog.conditions if c.effect == "refer"]
    adapt = [(c.id, c.name, "") for c in catalog.conditions if c.effect != "refer"]
    return (
        '<form class="hg-planner__form" id="hg-planner-form" aria-label="Your answers" novalidate>'
        '<button type="button" class="md-button hg-planner__jump" data-action="jump">Go to your plan</button>'
        '<fieldset class="hg-field" data-field="equipment"><legend>Equipment you have</legend>'
        '<p class="hg-field__hint">Tick everything you can use. With nothing ticked, the plan uses body-weight exercises.</p>'
        f'<div class="hg-choices hg-choices--grid">{equipment}</div></fieldset>'
        + _choices("level", "Your training level", LEVELS, d.level)
        + _choices("goal", "Your goal", GOALS, d.goal)
        + '<div class="hg-field-row">'
        + _number("sessions_per_week", "Sessions a week", SESSIONS_RANGE, d.sessions_per_week, "sessions")
        + _number("minutes_per_session", "Minutes a session", MINUTES_RANGE, d.minutes_per_session, "minutes")
        + "</div>"
        + _choices("emphasis", "Emphasis", EMPHASES, d.emphasis, "Which muscles should do more of the work.")
        + '<fieldset class="hg-field" data-field="conditions"><legend>Health conditions</legend>'
        '<p class="hg-field__hint">Tick any that apply. Those marked “see a clinician first” stop the plan until a '
        "clinician has checked you.</p>"
        f'<div class="hg-choices">{_boxes("conditions", adapt)}</div>'
        '<p class="hg-field__subhead" id="hg-refer-head">See a clinician first:</p>'
        f'<div class="hg-choices" role="group" aria-labelledby="hg-refer-head">{_boxes("conditions", refer)}</div></fieldset>'
        '<fieldset class="hg-field" data-field="sits_most_of_day"><legend>Your day</legend>'
        '<label class="hg-choice"><input type="checkbox" name="sits_most_of_day" value="true"> '
        "I sit for most of the day</label></fieldset>"
        "</form>"
    )


def actions_html() -> str:
    """The plan's buttons, at the top of the plan (beside it on a desktop, not under the form).

    Outside the form, so "Start again" names it; "Remember on this device" is off by default:
    without it nothing of the answers (health conditions included) is kept in the browser.
    """
    return (
        '<div class="hg-planner__actions">'
        '<button type="button" class="md-button md-button--primary" data-action="print">Print this plan</button>'
        '<button type="button" class="md-button" data-action="share">Copy a link to this plan</button>'
        '<span class="hg-planner__copied"></span>'
        '<a class="md-button hg-planner__builder" href="../program/">Edit in the program builder</a>'
        '<button type="reset" form="hg-planner-form" class="md-button" data-action="reset">Start again</button>'
        '<span class="hg-planner__remember"><label class="hg-choice"><input type="checkbox" name="remember"> '
        "Remember my answers on this device</label> "
        '<button type="button" class="md-button" data-action="forget">Forget</button> '
        '<span class="hg-planner__remember-note"></span></span>'
        "</div>"
    )


# ---------------------------------------------------------------------------------------
# The page


def planner_start(runtime: dict[str, Any] | None) -> dict[str, str] | None:
    """What the planner page's <head> needs to start Python's worker (None without a runtime).

    Returns `manifest`, the runtime manifest as JSON text that is safe inside a
    `<script type="application/json">` element, and `worker`, the worker module's path from the
    site's root: its versioned copy when the bundle has one (cached for good, never revalidated).
    overrides/main.html writes both into the head for assets/planner/start.js, which starts the
    worker before the (large) body is parsed: a worker only starts once the page's main thread
    has a moment, and parsing and layout keep it busy for 100 ms or more.
    """
    if not runtime:
        return None
    worker_dir = f"runtime/{runtime['workerDir']}" if runtime.get("workerDir") else ""
    # Nothing in it may end the <script> element early: "<" is written as its JSON escape.
    manifest = json.dumps(runtime, sort_keys=True).replace("<", "\\u003c")
    return {"manifest": manifest, "worker": f"assets/planner/{worker_dir}worker.mjs"}


def planner_page(
    catalog: Catalog,
    default_plan: dict[str, Any] | str,
    *,
    runtime: dict[str, Any] | None = None,
    exercise_href: str = EXERCISE_HREF,
    site_url: str = "",
) -> str:
    """The planner page's Markdown: intro, status, form, and the build-time default plan.

    Args:
        default_plan: the plan for the default profile (a plan dict, or its JSON text).
        runtime: the runtime manifest (generator.bundle), embedded so the worker starts at once.
        exercise_href: the URL of an exercise page relative to the planner page, with an {id} slot.
        site_url: the site's public address ("" for none): the printed plan's address and QR code.
    """
    plan = json.loads(default_plan) if isinstance(default_plan, str) else default_plan
    runtime_attr = f" data-planner-runtime='{escape(json.dumps(runtime, sort_keys=True))}'" if runtime else ""
    return (
        "---\ntitle: Your hip extension plan\n"
        "description: Answer a few questions and get a personal hip extension plan, made in your browser.\n"
        "hide:\n  - toc\n---\n\n"
        "# Your hip extension plan\n\n"
        "Answer the questions and your plan updates at once. It is made by the guide's planner running "
        "in your own browser: nothing you enter is sent anywhere. The link to this page keeps your "
        "answers, so you can bookmark or share it.\n\n"
        f'<div class="hg-planner" id="hg-planner" data-planner-state="loading" '
        f'data-exercise-href="{escape(exercise_href)}" data-site-url="{escape(site_url)}"{runtime_attr}>\n'
        + _MARK_JS % escape(exercise_href.split("exercises/", 1)[0])
        + "\n"
        '<div class="hg-planner__status" role="status" aria-live="polite">'
        '<span class="hg-planner__spinner" aria-hidden="true"></span>'
        '<span class="hg-planner__status-text">Showing the plan for the default answers. '
        "The personal planner is loading…</span></div>\n"
        # No <style> in <noscript>: mkdocs-material's instant navigation parses pages without
        # scripting, so it would apply. The form shows once a script marks the root instead.
        '<noscript><p class="hg-planner__noscript">The personal planner needs JavaScript. Below is the '
        "plan for the default answers; the exercise pages and sample plans work without it.</p></noscript>\n"
        '<p class="hg-planner__notice" role="alert" hidden></p>\n'
        '<div class="hg-planner__layout">\n'
        + form_html(catalog)
        + '\n<section class="hg-plan" id="hg-plan" aria-labelledby="hg-plan-title" aria-busy="false">'
        '<h2 id="hg-plan-title" class="hg-plan__title" tabindex="-1">Your plan</h2>'
        + actions_html()
        + '<p class="hg-plan__date"></p>'
        + tree_html(plan_tree(plan, exercise_href))
        + "</section>\n</div>\n"
        # What "Print this plan" prints: the plan as a sheet (generator.planner.sheet), made by the worker.
        '<div class="hg-planner__sheet" aria-hidden="true"></div>\n'
        '<div class="hg-planner__updated" hidden><button type="button" class="md-button md-button--primary" '
        'data-action="jump">Plan updated: see your plan</button></div>\n</div>\n'
    )
