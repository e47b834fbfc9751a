"""The planner's entry points inside the browser's Web Worker (Pyodide).

Pure standard library. The worker (and the build-time memory snapshot) call `load_catalog_json`
once, then `plan` for every profile; both take and return plain strings, so nothing crosses
the JavaScript boundary but text. `plan` returns exactly what `python -m generator plan` prints;
`view` adds the plan's element tree (generator.render_planner) for the page to show.
"""

from __future__ import annotations

import gc
import json

from ..core.catalog import catalog_from_plain
from ..core.errors import ProfileError
from ..core.model import Catalog
from .plan import make_plan, plan_from_json
from .profile import EMPHASES, GOALS, LEVELS, MINUTES_RANGE, SESSIONS_RANGE, parse_profile_json
from .tree import EXERCISE_HREF, plan_tree

__all__ = ["catalog", "load_catalog_json", "plan", "settle", "view", "warm_up_profiles"]

_state: dict[str, Catalog] = {}


def load_catalog_json(text: str) -> int:
    """Rebuild the catalog from the build's catalog.json text; returns the number of exercises."""
    _state["catalog"] = catalog_from_plain(json.loads(text))
    return len(_state["catalog"].exercises)


def settle() -> None:
    """Move everything alive now (modules, the catalog) out of the garbage collector's sight.

    Called once the planner is loaded (before the memory snapshot is taken, or after a plain
    boot). Python 3.14's collector otherwise walks those tens of thousands of long-lived
    objects again and again while plans are made: in Pyodide that halves the time of a plan.
    """
    gc.collect()
    gc.freeze()


def catalog() -> Catalog:
    """The catalog loaded by `load_catalog_json` (RuntimeError before that)."""
    if "catalog" not in _state:
        raise RuntimeError("the catalog is not loaded yet: call load_catalog_json first")
    return _state["catalog"]


def plan(profile_json: str) -> tuple[str, str, str]:
    """Plan a profile given as JSON text.

    Returns:
        ("ok", "", plan JSON text) or ("error", field, message) for an invalid profile.
    """
    try:
        return ("ok", "", plan_from_json(catalog(), profile_json))
    except ProfileError as exc:
        return ("error", exc.field, exc.message)


def view(profile_json: str, exercise_href: str = EXERCISE_HREF) -> tuple[str, str, str, str]:
    """Plan a profile for the page.

    Returns:
        ("ok", "", element tree as JSON text, "") or ("error", field, message, ""). The page
        needs only the tree; `plan` gives the plan JSON.
    """
    try:
        data = make_plan(catalog(), parse_profile_json(profile_json, catalog()))
    except ProfileError as exc:
        return ("error", exc.field, exc.message, "")
    tree = plan_tree(data, exercise_href)
    return ("ok", "", json.dumps(tree, ensure_ascii=False, separators=(",", ":")), "")


def warm_up_profiles() -> list[str]:
    """Profiles (JSON texts) that between them take every branch a form change can take.

    Pyodide compiles each WebAssembly function on its first call, and V8 optimises the hot ones
    only after they have run a while: the worker plans these (and throws the plans away) while
    the person reads their first plan, so that their first change of an answer re-plans at
    full speed whichever answer it is.
    """
    cat = catalog()
    adapt = [c.id for c in cat.conditions if c.effect != "refer"]
    refer = [c.id for c in cat.conditions if c.effect == "refer"]
    choices: dict[str, tuple[object, ...]] = {
        "level": LEVELS,
        "goal": GOALS,
        "emphasis": EMPHASES,
        "sessions_per_week": SESSIONS_RANGE,
        "minutes_per_session": MINUTES_RANGE,
    }
    one_field: list[dict[str, object]] = [{name: v} for name, values in choices.items() for v in values]
    one_field += [
        {"equipment": [q.id for q in cat.equipment]},
        {"conditions": adapt},
        {"conditions": refer[:1]},
        {"sits_most_of_day": True},
        {"level": "expert"},  # an invalid answer: the error path
    ]
    return [json.dumps(p) for p in one_field]
