"""Fill an "ok" plan: sessions with doses and cues, reasons, warm-up, schedule, cautions.

Part of the planner (see :mod:`generator.planner`). Pure standard library, no I/O; every
list follows the catalog's order or the session order, so the output is deterministic.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..core.model import Catalog, Condition, Exercise
from .dose import SHORT_SESSION_REST, dose_for, dose_seconds, warmup_minutes
from .profile import Profile
from .progress import also_suitable, progression
from .select import Exclusion, equipment_names, pick_sessions, ref, used_equipment
from .wording import (
    GENERAL_CAUTIONS,
    HABITS_SITTING,
    MIXED_ROUTINE,
    SILENT,
    WARMUP_ACTIVITIES,
    join_words,
    lower_first,
)

__all__ = ["fill_plan"]

SESSION_NAMES = ("Session A", "Session B")
_DAYS = {
    1: "one day a week",
    2: "two days a week with at least two days between them, for example Monday and Thursday",
    3: "three days a week on non-consecutive days, for example Monday, Wednesday and Friday",
}
_GOAL_TEXT = {
    "strength": "For strength, the plan uses the article's sets and repetitions, a slow, controlled "
    "lowering and longer rests.",
    "endurance": "For endurance, the plan aims at the top of the article's repetition range with shorter rests.",
    "power": "For power, the plan uses the low end of the article's repetitions and lifts fast on the "
    "way up, with a slow lowering and long rests.",
}
_EMPHASIS_TEXT = {
    "glutes": "You asked for a glute emphasis: the plan favours exercises where the glutes do most of "
    "the work, mostly with the knee bent, which shifts work from the hamstrings to the glutes.",
    "hamstrings": "You asked for a hamstring emphasis: the plan favours exercises where the hamstrings "
    "do more of the work, with the knee straight, because the hamstrings cross the knee.",
    "balanced": "The plan mixes exercises led by the glutes and by the hamstrings, with the knee bent "
    "and straight, because knee position shifts the work between them.",
}
_BIAS_TEXT = {
    "glutes": "the glutes do most of the work",
    "hamstrings": "the hamstrings do most of the work",
    "balanced": "the glutes and hamstrings share the work",
}
_KNEE_TEXT = {
    "flexed": "the knee stays bent",
    "extended": "the knee stays straight",
    "changes": "the knee bends and straightens",
}


def _mentions(text: str, item_name: str, item_id: str) -> bool:
    low = text.lower()
    words = {item_name.lower(), item_id.replace("-", " "), item_id}
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)


def _options(ex: Exercise, used: list[str], have: frozenset[str], catalog: Catalog) -> list[str]:
    """Ways to use equipment the person has: a variation that names it, or a plain reminder."""
    grouped = [i for g in ex.equipment.one_of for i in g if i in have]
    optional = [i for i in ex.equipment.optional if i in have]
    out: list[str] = []
    seen: set[str] = set()
    for eq_id in list(dict.fromkeys(grouped + optional)):
        item = catalog.equipment_item(eq_id)
        match = next((v for v in ex.variations if _mentions(v.name, item.name, eq_id)), None)
        if match is None and eq_id in optional:
            match = next((v for v in ex.variations if _mentions(v.description, item.name, eq_id)), None)
        if match is not None and match.name not in seen:
            seen.add(match.name)
            out.append(f"With your {lower_first(item.name)}: {match.name}. {match.description}")
        elif match is None and eq_id in optional:
            out.append(f"Use your {lower_first(item.name)}.")
    return out


def _entry(
    ex: Exercise,
    dose: dict[str, Any],
    profile: Profile,
    catalog: Catalog,
    pool_ids: set[str],
    preferred: dict[str, list[str]],
    hamstring_ok: bool,
) -> dict[str, Any]:
    have = frozenset(profile.equipment)
    used = used_equipment(ex, have)
    why = [f"In this exercise {_BIAS_TEXT[ex.bias]} and {_KNEE_TEXT[ex.knee]}."]
    for name in preferred.get(ex.id, []):
        why.append(f"Favoured for {lower_first(name)}.")
    easier = [e for e in ex.regressions if e in pool_ids]
    if easier:
        names = join_words([catalog.exercise(e).name.lower() for e in easier])
        why.append(f"A harder step after {names}, which you could also do.")
    entry: dict[str, Any] = {**ref(ex), "summary": ex.summary, "why": why}
    entry.update({k: v for k, v in dose.items() if not k.startswith("_")})
    entry["setup"] = ex.starting_position
    entry["cues"] = list(ex.tips)
    entry["avoid"] = list(ex.mistakes)
    entry["safety"] = list(ex.cautions)
    entry["equipment"] = [{"id": i, "name": catalog.equipment_item(i).name} for i in used]
    entry["options"] = _options(ex, used, have, catalog)
    if profile.emphasis == "hamstrings" and hamstring_ok:
        var = next((v for v in ex.variations if "hamstring" in v.description.lower()), None)
        if var is not None:
            entry["options"].append(f"For your hamstring emphasis: {var.name}. {var.description}")
    entry["swap_with"] = [ref(catalog.exercise(a)) for a in ex.alternatives if a in pool_ids]
    return entry


def _doses(session: list[Exercise], goal: str, level: str, short: bool) -> list[dict[str, Any]]:
    return [dose_for(ex, goal, level, short) for ex in session]


def _choose(
    pool: list[Exercise], profile: Profile, goal: str, preferred: set[str]
) -> tuple[list[list[Exercise]], list[list[dict[str, Any]]], bool, bool]:
    """Sessions, their doses, whether doses were trimmed to fit the time, and whether they still overrun.

    Three exercises when they fit the time after the warm-up, else two (the article's range);
    if even two do not fit, sets drop to the article's lowest and rests shorten.
    """
    budget = (profile.minutes_per_session - warmup_minutes(profile.minutes_per_session)) * 60
    top = min(3, len(pool))
    least = min(2, top)
    for count in range(top, least - 1, -1):
        sessions = pick_sessions(pool, profile, preferred, count)
        doses = [_doses(s, goal, profile.level, False) for s in sessions]
        if all(sum(dose_seconds(d) for d in ds) <= budget for ds in doses):
            return sessions, doses, False, False
    short = [_doses(s, goal, profile.level, True) for s in sessions]
    trimmed = short != doses
    over = any(sum(dose_seconds(d) for d in ds) > budget for ds in short)
    return sessions, short, trimmed, over


def _minutes(doses: list[dict[str, Any]], warm: int) -> int:
    seconds = sum(dose_seconds(d) for d in doses) + warm * 60
    return (seconds + 59) // 60


def _reasons(
    catalog: Catalog,
    profile: Profile,
    pool: list[Exercise],
    adapt: list[Condition],
    excl: dict[str, list[Exclusion]],
    sessions: list[list[Exercise]],
    goal: str,
    goal_reasons: list[str],
    fit: dict[str, Any],
) -> list[str]:
    out: list[str] = []
    if profile.equipment:
        names = equipment_names(catalog, profile.equipment)
        out.append(f"You have: {join_words(names)}. The plan uses only exercises whose equipment you have.")
    else:
        out.append("You have no equipment, so the plan uses body-weight exercises only.")
    if profile.level == "beginner":
        names = [ex.name.lower() for ex in pool if ex.level == "beginner"]
        out.append(
            "As a beginner you start with the exercises the article names for beginners"
            + (f": {join_words(names)}." if names else ".")
        )
    else:
        out.append(
            f"At {profile.level} level you can use exercises up to that level; where a harder version "
            "fits you, the plan prefers it to the easier one."
        )
    blockers = [c for c in adapt if "hamstring-dominant" in c.excludes]
    if profile.emphasis == "hamstrings" and blockers:
        out.append(
            f"You asked for a hamstring emphasis, but because of "
            f"{join_words([lower_first(c.name) for c in blockers])}, exercises led by the hamstrings are "
            "left out for now, so the plan uses a balanced mix of glute-led and shared work instead."
        )
    elif profile.emphasis == "balanced" and blockers:
        out.append(
            "The plan mixes exercises with the knee bent and straight. Exercises led by the hamstrings "
            f"are left out for now because of {join_words([lower_first(c.name) for c in blockers])}."
        )
    else:
        out.append(_EMPHASIS_TEXT[profile.emphasis])
    out.append(_GOAL_TEXT[goal])
    out.extend(goal_reasons)
    count = len(sessions[0])
    minutes = profile.minutes_per_session
    if count >= 2:
        out.append(f"Each session has {count} hip extension exercises, within the article's advice of 2 to 3.")
    else:
        out.append(
            f"Only {count} exercise in this guide fits your equipment, level and conditions, so each session "
            "is shorter than the article's advice of 2 to 3 exercises. The excluded list shows what "
            "would widen the choice."
        )
    if count == 2 and len(pool) == 2:
        out.append("Only 2 exercises in this guide fit your equipment, level and conditions.")
    elif count == 2 and len(pool) > 2 and not fit["trimmed"]:
        out.append(f"With {minutes} minutes per session there is time for 2 exercises after the warm-up.")
    if fit["trimmed"]:
        out.append(
            f"To fit {minutes} minutes, the plan keeps 2 exercises at the article's lowest number of sets "
            f"and shortens rests to {SHORT_SESSION_REST} seconds, but keeps the warm-up."
        )
    if fit["over"]:
        out.append(
            f"Even so, a session takes about {fit['longest']} minutes with the warm-up, more than your "
            f"{minutes}. Keep the warm-up all the same; if {minutes} minutes is all you have, take the "
            "warm-up walk just before, for example on your way home."
        )
    if len(sessions) == 2:
        out.append(
            "Sessions A and B use different exercises where they can, so you train the same muscles in "
            "slightly different ways."
        )
    elif profile.sessions_per_week > 1:
        out.append("Every session is the same: there are no other suitable exercises to vary it with.")
    for cond in adapt:
        left_out = [
            ex.name.lower()
            for ex in catalog.exercises
            if any(r.kind == "condition" and r.text.startswith(cond.name + ":") for r in excl[ex.id])
        ]
        text = f"You reported {lower_first(cond.name)}. {cond.summary}"
        if left_out:
            text += f" The plan leaves out: {join_words(left_out)}."
        chosen = [ex.name.lower() for ex in pool if ex.id in cond.prefer]
        if chosen:
            text += f" It favours: {join_words(chosen)}."
        out.append(text)
    if profile.sits_most_of_day:
        out.append(
            "You sit most of the day. Long sitting tends to tighten the hip flexors and weaken the hip "
            "extensors, so the plan adds hip flexor stretches and regular breaks from sitting."
        )
    return out


def _schedule(profile: Profile, sessions: list[list[Exercise]]) -> dict[str, Any]:
    n = profile.sessions_per_week
    rota = [SESSION_NAMES[i % len(sessions)] for i in range(n)]
    if n in _DAYS:
        text = f"Train {_DAYS[n]}."
    else:
        text = (
            f"You chose {n} sessions a week. Spread them out, and on a day that follows a training day "
            "keep the session light (fewer sets) or go for a walk instead."
        )
    if len(sessions) == 2 and n > 1:
        text += " Alternate session A and session B."
    return {"sessions_per_week": n, "rota": rota, "text": text}


def fill_plan(
    plan: dict[str, Any],
    catalog: Catalog,
    profile: Profile,
    pool: list[Exercise],
    adapt: list[Condition],
    excl: dict[str, list[Exclusion]],
    goal: str,
    goal_reasons: list[str],
) -> dict[str, Any]:
    """Complete `plan` (the base skeleton) for a non-empty pool of qualifying exercises."""
    pool_ids = {ex.id for ex in pool}
    preferred: dict[str, list[str]] = {}
    for cond in adapt:
        for p in cond.prefer:
            if p in pool_ids:
                preferred.setdefault(p, []).append(cond.name)
    hamstring_ok = not any("hamstring-dominant" in c.excludes for c in adapt)
    chooser = profile
    if not hamstring_ok and profile.emphasis == "hamstrings":
        chooser = replace(profile, emphasis="balanced")
    sessions, doses, trimmed, over = _choose(pool, chooser, goal, set(preferred))
    warm = warmup_minutes(profile.minutes_per_session)
    plan["sessions"] = [
        {
            "name": SESSION_NAMES[i],
            "estimated_minutes": _minutes(ds, warm),
            "exercises": [
                _entry(ex, d, profile, catalog, pool_ids, preferred, hamstring_ok) for ex, d in zip(s, ds, strict=True)
            ],
        }
        for i, (s, ds) in enumerate(zip(sessions, doses, strict=True))
    ]
    longest = max(sess["estimated_minutes"] for sess in plan["sessions"])
    fit = {"trimmed": trimmed, "over": over, "longest": longest}
    chosen: list[Exercise] = []
    for s in sessions:
        chosen.extend(ex for ex in s if ex not in chosen)
    plan["reasons"] = _reasons(catalog, profile, pool, adapt, excl, sessions, goal, goal_reasons, fit)
    plan["warmup"] = {
        "minutes": warm,
        "activities": list(WARMUP_ACTIVITIES),
        "note": "The article advises 5 to 10 minutes of light cardio and dynamic stretching before strength training.",
    }
    plan["schedule"] = _schedule(profile, sessions)
    plan["progression"] = progression(catalog, profile, pool_ids, chosen, excl, goal)
    cautions = list(GENERAL_CAUTIONS)
    for cond in adapt:
        cautions.extend(f"{cond.name}: {a}" for a in cond.advice)
    plan["cautions"] = cautions
    plan["daily_habits"] = list(HABITS_SITTING) if profile.sits_most_of_day else []
    plan["also_suitable"] = also_suitable(pool, chosen)
    plan["excluded"] = [
        {**ref(ex), "reasons": [{"kind": r.kind, "text": r.text} for r in excl[ex.id]]}
        for ex in catalog.exercises
        if excl[ex.id]
    ]
    notes = [MIXED_ROUTINE, SILENT["rest"], SILENT["tempo"], SILENT["move_on"]]
    if profile.level == "beginner":
        notes.append(SILENT["beginner_sets"])
    if goal == "power":
        notes.append(SILENT["power"])
    notes.append(SILENT["frequency"])
    if profile.sessions_per_week >= 4:
        notes.append(SILENT["many_sessions"])
    if profile.sits_most_of_day:
        notes.append(SILENT["stretch"])
    plan["notes"] = notes
    n = profile.sessions_per_week
    per_week = f"{n} session{'s' if n != 1 else ''} a week"
    if len(sessions) == 2:
        per_week += ", alternating session A and session B"
    elif n > 1:
        per_week += ", the same session each time"
    plan["summary"] = (
        f"{per_week}: {len(sessions[0])} hip extension exercise{'s' if len(sessions[0]) != 1 else ''} "
        f"after a {warm}-minute warm-up, about {longest} minutes in all."
    )
    return plan
