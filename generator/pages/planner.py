"""The planner page: its form, its <head> start script, and the build-time default plan.

Build only (not shipped to the browser). The plan itself is rendered by
`generator.planner.tree`, the one plan renderer, which the browser's worker runs too.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from ..core.model import Catalog
from ..core.text import label
from ..planner.profile import EMPHASES, GOALS, LEVELS, MINUTES_RANGE, SESSIONS_RANGE, Profile
from ..planner.tree import EXERCISE_HREF, plan_tree, tree_html

__all__ = [
    "ASSETS_HREF",
    "defer_theme_bundle",
    "form_html",
    "planner_head",
    "planner_page",
]

ASSETS_HREF = "../assets/planner/"

# In the planner page's <head>: starts the worker before the (large) body is parsed. A worker
# only starts once the page's main thread has a moment, and the page's parsing and layout keep
# it busy for 100 ms or more; from the head, the worker is running by then.
# assets/planner/client.js adopts it (and replays the messages queued here), or starts one
# itself when this did not run (instant navigation into the page, no Worker support).
_HEAD_START = """<script>(function () {
  if (window.__hgPlanner || typeof Worker !== "function") return;
  try {
    var queue = [];
    var manifest = %(manifest)s;
    var url = new URL(%(worker)s, location.href);
    url.hash = encodeURIComponent(JSON.stringify(manifest)); // the worker boots without waiting for "init"
    var worker = new Worker(url, {type: "module", name: "planner"});
    worker.onmessage = function (event) { queue.push(event.data); };
    worker.onerror = function (event) { event.preventDefault(); queue.push({type: "error", message: event.message || ""}); };
    worker.postMessage({type: "init", manifest: manifest});
    window.__hgPlanner = {worker: worker, queue: queue, startedAt: performance.now()};
  } catch (error) { /* client.js starts it instead */ }
})();</script>"""

# mkdocs-material's bundle (search, palette switch, instant navigation) costs the page's main
# thread about 250 ms as it starts, on a two-core machine time taken from Python's start. On a
# full load of the planner page it runs once the first plan is on screen, or at the person's
# first key or pointer press (they may be heading for search or the menu), or after 3 s,
# whichever comes first. Until then the page is plain HTML and CSS: links, form and plan work.
# A page reached by instant navigation already has the bundle running. The bundle mounts its
# components on DOMContentLoaded, so the loader fires that event again once the bundle has run;
# the guide's own scripts (assets/javascripts/pages.js) then follow mkdocs-material's document$.
_THEME_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
_DEFERRED_BUNDLE = """<script data-hg-deferred-src="%(src)s">(function (me) {
  var src = me.getAttribute("data-hg-deferred-src"), done = false;
  function load() {
    if (done) return;
    done = true;
    var script = document.createElement("script");
    script.src = src;
    // The bundle mounts its components when the document is loaded: tell it again, now.
    script.onload = function () { document.dispatchEvent(new Event("DOMContentLoaded")); };
    document.body.appendChild(script);
  }
  if (!window.__hgPlanner) return load(); // no worker: nothing to wait for
  document.addEventListener("planner:plan", function () { setTimeout(load, 0); }, {once: true, capture: true});
  addEventListener("keydown", load, {once: true, capture: true});
  addEventListener("pointerdown", load, {once: true, capture: true});
  setTimeout(load, 3000);
})(document.currentScript);</script>"""


def defer_theme_bundle(html: str) -> str:
    """The planner page's HTML with mkdocs-material's bundle run after the first plan.

    Unchanged if the page holds no bundle script (another theme, another version's name).
    """
    return _THEME_BUNDLE.sub(lambda m: _DEFERRED_BUNDLE % {"src": escape(m.group(1))}, html, count=1)


# In the body, right after the planner's root: with scripting, the form is usable.
_MARK_JS = """<script>document.getElementById("hg-planner").className += " hg-planner--js";</script>"""

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
        '<div class="hg-planner__actions">'
        '<button type="button" class="md-button md-button--primary" data-action="print">Print this plan</button>'
        '<button type="button" class="md-button" data-action="share">Copy a link to this plan</button>'
        '<button type="reset" class="md-button" data-action="reset">Start again</button>'
        "</div></form>"
    )


# ---------------------------------------------------------------------------------------
# The page


def planner_head(runtime: dict[str, Any] | None, assets_href: str = ASSETS_HREF) -> str:
    """The planner page's <head> script: starts Python's worker with the runtime manifest."""
    if not runtime:
        return ""
    # JSON is JavaScript, once nothing in it can end the <script> element early.
    manifest = json.dumps(runtime, sort_keys=True).replace("<", "\\u003c")
    # The versioned copy of the worker, if the bundle has one: cached for good, never revalidated.
    worker_dir = f"runtime/{runtime['workerDir']}" if runtime.get("workerDir") else ""
    return _HEAD_START % {"worker": json.dumps(assets_href + worker_dir + "worker.mjs"), "manifest": manifest}


def planner_page(
    catalog: Catalog,
    default_plan: dict[str, Any] | str,
    *,
    runtime: dict[str, Any] | None = None,
    exercise_href: str = EXERCISE_HREF,
    assets_href: str = ASSETS_HREF,
) -> str:
    """The planner page's Markdown: intro, status, form, and the build-time default plan.

    Args:
        default_plan: the plan for the default profile (a plan dict, or its JSON text).
        runtime: the runtime manifest (generator.bundle), embedded so the worker starts at once.
        exercise_href: the URL of an exercise page relative to the planner page, with an {id} slot.
        assets_href: the URL of assets/planner/ relative to the planner page.
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
        f'data-exercise-href="{escape(exercise_href)}"{runtime_attr}>\n' + _MARK_JS + "\n"
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
        '<p class="hg-plan__date"></p>' + tree_html(plan_tree(plan, exercise_href)) + "</section>\n</div>\n</div>\n"
    )
