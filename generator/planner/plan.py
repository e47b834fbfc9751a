"""The planner: a profile in, a hip extension plan out, with a reason for every choice.

Pure standard library: no I/O, no clock, no randomness, no dependence on set order. The
same module runs in the browser under Pyodide, which calls `plan_from_json`. The same
catalog and profile always give byte-identical `plan_to_json` output.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.model import Catalog, Condition
from .build import condition_choices, fill_plan
from .profile import Profile, parse_profile_json, profile_to_plain
from .select import Exclusion, exclusions
from .select import ref as _ref
from .wording import CHECK_FIRST_TITLE, DISCLAIMER, PLAN_CHOICES, SEE_A_CLINICIAN, SOURCES_NOTE, WARMUP_NOTE_REFER
from .wording import join_words as _join
from .wording import lower_first as _lower

__all__ = ["FORMAT_VERSION", "URGENCY_ORDER", "make_plan", "plan_exercise_ids", "plan_from_json", "plan_to_json"]

FORMAT_VERSION = 1

# Most urgent first; a refer plan states the most urgent of the person's conditions.
URGENCY_ORDER: tuple[str, ...] = ("emergency", "same-day", "appointment")
URGENCY_LEAD = {
    "emergency": "This is an emergency: call your local emergency number now.",
    "same-day": "Get seen today.",
    "appointment": "Book an appointment with a doctor or physiotherapist.",
}


def plan_to_json(plan: dict[str, Any]) -> str:
    """The plan as JSON text: indented, UTF-8 friendly, ending in a newline."""
    return json.dumps(plan, indent=2, ensure_ascii=False) + "\n"


def plan_exercise_ids(plan: dict[str, Any]) -> list[str]:
    """The ids of the exercises a plan's sessions use, in first-use order (for linking pages)."""
    ids: list[str] = []
    for session in plan.get("sessions", []):
        for ex in session["exercises"]:
            if ex["id"] not in ids:
                ids.append(ex["id"])
    return ids


def plan_from_json(catalog: Catalog, profile_json_text: str) -> str:
    """Parse profile JSON, plan it and return the plan JSON (raises ProfileError on bad input)."""
    return plan_to_json(make_plan(catalog, parse_profile_json(profile_json_text, catalog)))


def _excluded(catalog: Catalog, excl: dict[str, list[Exclusion]]) -> list[dict[str, Any]]:
    return [
        {**_ref(ex), "reasons": [{"kind": r.kind, "text": r.text} for r in excl[ex.id]]}
        for ex in catalog.exercises
        if excl[ex.id]
    ]


def _base(catalog: Catalog, profile: Profile) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "status": "ok",
        "check_first": {"title": "", "items": []},
        "urgency": {"level": "", "text": "", "items": []},
        "summary": "",
        "profile": profile_to_plain(profile),
        "assumed": list(profile.assumed),
        "reasons": [],
        "warmup": {},
        "sessions": [],
        "schedule": {},
        "progression": {},
        "cautions": [],
        "daily_habits": [],
        "also_suitable": [],
        "excluded": [],
        "notes": [],
        "see_a_clinician": list(SEE_A_CLINICIAN),
        "sources_note": SOURCES_NOTE,
        "choices": [],
        "disclaimer": DISCLAIMER,
    }


def _urgency(conditions: list[Condition]) -> dict[str, Any]:
    """How soon to see a clinician: the most urgent level, its lead sentence, and each condition's advice."""
    conditions = sorted(conditions, key=lambda c: URGENCY_ORDER.index(c.urgency or "appointment"))
    levels = [c.urgency or "appointment" for c in conditions]
    level = min(levels, key=URGENCY_ORDER.index) if levels else "appointment"
    items = [f"{c.name}: {c.urgency_text}" for c in conditions if c.urgency_text]
    return {"level": level, "text": URGENCY_LEAD[level], "items": items}


def _refer_plan(
    plan: dict[str, Any], catalog: Catalog, refer: list[Condition], others: list[Condition], excl: dict
) -> dict[str, Any]:
    plan["status"] = "refer"
    names = _join([_lower(c.name) for c in refer])
    plan["urgency"] = _urgency(refer)
    plan["summary"] = (
        f"See a clinician before you start: you reported {names}. {plan['urgency']['text']} No exercises are planned."
    )
    reasons = [f"You reported {_lower(c.name)}. {c.summary}" for c in refer]
    these = "these" if len(refer) > 1 else "this"
    reasons.append(
        f"The clinical overview lists {these} among the situations where hip extensor strengthening may "
        "not be ideal, so this plan gives no exercises. Please see a clinician, such as a doctor or "
        "physiotherapist, before you start training."
    )
    reasons.append(
        "When the hip extensors cannot be trained directly at first, clinicians may use other "
        "approaches, such as isometric (holding) exercises, changes of position, smaller movements "
        "or conditioning of nearby areas, until it is right to progress."
    )
    if others:
        reasons.append(f"Also tell the clinician about: {_join([_lower(c.name) for c in others])}.")
    plan["reasons"] = reasons
    plan["warmup"] = {"minutes": 0, "activities": [], "note": WARMUP_NOTE_REFER}
    plan["schedule"] = {"sessions_per_week": 0, "rota": [], "text": "No training until a clinician has checked you."}
    plan["progression"] = {
        "weeks": [],
        "move_on_when": "",
        "if_it_hurts": "",
        "exercises": [],
        "note": "Your clinician will tell you when and how to start. You can then make a new plan.",
    }
    plan["choices"] = ["clinician"]
    plan["notes"] = [f"{PLAN_CHOICES['clinician'][0]}: {PLAN_CHOICES['clinician'][1]}", *condition_choices(refer)]
    plan["cautions"] = [
        "Do not start these exercises until a clinician has checked you and said it is safe.",
        *(f"{c.name}: {a}" for c in refer for a in c.advice),
    ]
    plan["excluded"] = _excluded(catalog, excl)
    return plan


def _effective_goal(profile: Profile, adapt: list[Condition]) -> tuple[str, list[str]]:
    if profile.goal != "power":
        return profile.goal, []
    blockers = [c for c in adapt if c.no_power]
    if blockers:
        names = _join([_lower(c.name) for c in blockers])
        return "strength", [
            f"You asked for power, but with {names}, fast, explosive lifting is not advisable; the plan "
            "uses controlled strength work instead."
        ]
    if profile.level == "beginner":
        return "strength", [
            "You asked for power, but fast lifting comes after good form, so as a beginner you start "
            "with controlled strength work. Re-plan for power once you train at intermediate level."
        ]
    return "power", []


def make_plan(catalog: Catalog, profile: Profile) -> dict[str, Any]:
    """The plan for a profile, as JSON-ready data with every list in a deterministic order."""
    plan = _base(catalog, profile)
    wanted = set(profile.conditions)
    conditions = [c for c in catalog.conditions if c.id in wanted]
    refer = [c for c in conditions if c.effect == "refer"]
    adapt = [c for c in conditions if c.effect == "adapt"]
    excl = exclusions(catalog, profile, conditions)
    if refer:
        return _refer_plan(plan, catalog, refer, adapt, excl)
    first = [c for c in adapt if c.check_first]
    if first:
        plan["check_first"] = {
            "title": CHECK_FIRST_TITLE,
            "items": [
                f"You reported {_lower(c.name)}. Before you start, ask a clinician (a doctor or "
                "physiotherapist) whether these exercises and this effort are safe for you, and train with "
                "someone supervising you, at least at first."
                for c in first
            ],
        }
    pool = [ex for ex in catalog.exercises if not excl[ex.id]]
    if not pool:
        plan["status"] = "refer" if adapt else "ok"
        if adapt:
            plan["urgency"] = _urgency(adapt)
        why = "with your conditions" if adapt else "with your equipment and level"
        plan["summary"] = f"No exercise in this guide fits {why}."
        plan["reasons"] = [
            f"No exercise in this guide fits {why}; see the excluded list for each reason.",
            "A clinician, such as a physiotherapist, can adapt exercises to your situation.",
        ]
        plan["warmup"] = {"minutes": 0, "activities": [], "note": "No warm-up is planned, because no exercise fits."}
        plan["schedule"] = {"sessions_per_week": 0, "rota": [], "text": "No sessions planned."}
        plan["progression"] = {"weeks": [], "move_on_when": "", "if_it_hurts": "", "exercises": [], "note": ""}
        plan["excluded"] = _excluded(catalog, excl)
        return plan
    goal, goal_reasons = _effective_goal(profile, adapt)
    return fill_plan(plan, catalog, profile, pool, adapt, excl, goal, goal_reasons)
