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
from ..core.errors import ProfileError, ProgramError
from ..core.model import Catalog
from .plan import make_plan, plan_from_json
from .profile import EMPHASES, GOALS, LEVELS, MINUTES_RANGE, SESSIONS_RANGE, parse_profile_json
from .tree import EXERCISE_HREF, plan_tree

__all__ = ["catalog", "load_catalog_json", "plan", "program", "qr_rows", "settle", "view", "warm_up_profiles"]

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


def program(op: str, text: str, options_json: str = "{}") -> tuple[str, str, str]:
    """The program builder's entry point (docs/assets/program/program.js, through the worker).

    Args:
        op: "sheet" (check the program in `text` and lay out its sheet), "from_profile" (the
            program for a planner profile in `text`) or "decode" (a link fragment in `text`).
        options_json: for "sheet": {"figures": base URL of assets/figures/, "address": the
            sheet's public address or "", "qr": its QR rows, "made": the date line}.

    Returns:
        ("ok", "", JSON text) or ("error", field, message), the message `python -m generator
        program` prints for the same program. "sheet" gives {program, warnings, tree}: the
        program as the CLI reads it, the warnings, and the sheet's element tree.
    """
    from .program import (
        decode_fragment,
        parse_program_json,
        program_from_profile,
        program_to_plain,
        program_warnings,
        sheet_exercises,
    )
    from .sheet import figure_file, plan_sheet_tree, program_sheet_tree

    try:
        if op == "decode":
            return ("ok", "", decode_fragment(text))
        if op == "plan_sheet":  # the planner page's print: the plan of a profile, as a sheet
            options = json.loads(options_json or "{}")
            cat = catalog()
            try:
                plan = make_plan(cat, parse_profile_json(text, cat))
            except ProfileError as exc:
                return ("error", exc.field, exc.message)
            base = str(options.get("figures", ""))
            figures = {ex.id: base + name for ex in cat.exercises if (name := figure_file(ex))}
            tree = plan_sheet_tree(
                plan,
                cat,
                figures=figures,
                address=str(options.get("address", "")),
                qr=[str(r) for r in options.get("qr", [])],
                made=str(options.get("made", "")),
            )
            return ("ok", "", json.dumps(tree, ensure_ascii=False, separators=(",", ":")))
        if op == "from_profile":
            return ("ok", "", json.dumps(program_from_profile(text, catalog()), ensure_ascii=False))
        if op != "sheet":
            return ("error", "(op)", f"unknown operation {op!r}")
        options = json.loads(options_json or "{}")
        cat = catalog()
        parsed = parse_program_json(text, cat)
        warnings = program_warnings(parsed, cat)
        base = str(options.get("figures", ""))
        figures = {ex.id: base + name for ex in cat.exercises if (name := figure_file(ex))}
        tree = program_sheet_tree(
            parsed,
            cat,
            figures=figures,
            address=str(options.get("address", "")),
            qr=[str(r) for r in options.get("qr", [])],
            made=str(options.get("made", "")),
            exercises=sheet_exercises(parsed, warnings),
        )
        result = {"program": program_to_plain(parsed), "warnings": warnings, "tree": tree}
        return ("ok", "", json.dumps(result, ensure_ascii=False, separators=(",", ":")))
    except ProgramError as exc:
        return ("error", exc.field, exc.message)


def qr_rows(matrix: object) -> list[str]:
    """A QR library's module matrix (segno's `QRCode.matrix`, loaded by the worker) as rows of '0'/'1'."""
    from .sheet import qr_matrix_rows

    return qr_matrix_rows(matrix)  # type: ignore[arg-type]
