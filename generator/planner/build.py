"""Fill an "ok" plan: sessions with doses and cues, reasons, warm-up, schedule, cautions.

Part of the planner (see :mod:`generator.planner`). Pure standard library, no I/O; every
list follows the catalog's order or the session order, so the output is deterministic.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..core.model import LOAD_EQUIPMENT, Catalog, Condition, Exercise
from .dose import SHORT_SESSION_REST, dose_for, dose_seconds, warmup_minutes
from .profile import Profile
from .progress import also_suitable, progression
from .select import Exclusion, equipment_names, pick_sessions, ref, used_equipment
from .wording import (
    GENERAL_CAUTIONS,
    HABITS_SITTING,
    MIXED_ROUTINE,
    PAIN_RULE,
    PLAN_CHOICES,
    WARMUP_ACTIVITIES,
    WARMUP_SEATED,
    join_words,
    lower_first,
)

__all__ = ["composition_text", "condition_choices", "fill_plan", "goal_text", "no_load"]

SESSION_NAMES = ("Session A", "Session B")
_DAYS = {
    1: "one day a week",
    2: "two days a week with at least two days between them, for example Monday and Thursday",
    3: "three days a week on non-consecutive days, for example Monday, Wednesday and Friday",
}
_EMPHASIS_TEXT = {
    "glutes": "You asked for a glute emphasis: the plan favours exercises where the glutes do most of "
    "the work, mostly with the knee bent, which shifts work from the hamstrings to the glutes.",
    "hamstrings": "You asked for a hamstring emphasis: the plan favours exercises where the hamstrings "
    "do more of the work, with the knee straight, because the hamstrings cross the knee.",
    "balanced": "You asked for a balanced emphasis: the plan looks for exercises that differ in which "
    "muscles lead and in knee position, because knee position shifts the work between the glutes and "
    "the hamstrings.",
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
_LEAD_WORDS = {
    "glutes": "led by the glutes",
    "hamstrings": "led by the hamstrings",
    "balanced": "shared between glutes and hamstrings",
}
# Spare time above which the plan says what the rest of the session is for.
SPARE_MINUTES = 10


def no_load(adapt: list[Condition]) -> bool:
    """True when a condition rules out external load (then no exercise, variation or option adds it)."""
    return any("external-load" in c.excludes for c in adapt)


_BASIS_WORDS = {"excludes": "what is left out", "advice": "advice", "no_power": "no fast work", "urgency": "how soon"}


def condition_choices(conditions: list[Condition]) -> list[str]:
    """The guide's choices in the data of the person's conditions, as plan notes with their reasons."""
    return [
        f"{c.name}, {_BASIS_WORDS.get(b.field, b.field.replace('_', ' '))}: {' '.join(b.reason.split())}"
        for c in conditions
        for b in c.basis
        if b.kind == "guide"
    ]


def composition_text(chosen: list[Exercise]) -> str:
    """A true account of the chosen exercises: which muscles lead and where the knee is, counted."""
    n = len(chosen)
    if n == 1:
        ex = chosen[0]
        return f"The plan's exercise is {_LEAD_WORDS[ex.bias]}, and in it {_KNEE_TEXT[ex.knee]}."
    leads = {b: sum(ex.bias == b for ex in chosen) for b in ("glutes", "hamstrings", "balanced")}
    knees = {k: sum(ex.knee == k for ex in chosen) for k in ("flexed", "extended", "changes")}
    lead = join_words([f"{c} {'is' if c == 1 else 'are'} {_LEAD_WORDS[b]}" for b, c in leads.items() if c])
    knee = join_words(
        [
            f"in {c} {_KNEE_TEXT[k].replace('the knee ', 'it ' if i else 'the knee ')}"
            for i, (k, c) in enumerate((k, c) for k, c in knees.items() if c)
        ]
    )
    return f"Of the plan's {n} exercises, {lead}; {knee}."


def goal_text(goal: str, entries: list[tuple[Exercise, dict[str, Any]]]) -> str:
    """What the goal changed, true of the doses the plan gives."""
    if goal == "endurance":
        rests = sorted({d["rest_seconds"] for _, d in entries})
        rest = join_words([str(r) for r in rests], "or")
        return f"For endurance, each exercise is done at the top of its repetition range, with rests of {rest} seconds."
    if goal == "power":
        fast = [ex.name.lower() for ex, d in entries if d["_goal"] == "power"]
        slow = [ex.name.lower() for ex, d in entries if d["_goal"] != "power"]
        text = (
            f"For power, {join_words(list(dict.fromkeys(fast)))}: a few fast repetitions (3 to 5) with about "
            "3 minutes of rest, so that every repetition stays fast."
        )
        if slow:
            names = join_words(list(dict.fromkeys(slow))).capitalize()
            text += f" {names}: controlled strength work, as fast lifting is safer on stable, closed-chain exercises."
        return text
    rests = sorted({d["rest_seconds"] for _, d in entries})
    rest = join_words([str(r) for r in rests], "or")
    return (
        "For strength, each exercise uses the repetition range of its dose, lifting under control and "
        f"lowering slowly, with rests of {rest} seconds between sets."
    )


def _mentions(text: str, item_name: str, item_id: str) -> bool:
    low = text.lower()
    words = {item_name.lower(), item_id.replace("-", " "), item_id}
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)


def _options(ex: Exercise, used: list[str], have: frozenset[str], catalog: Catalog, unloaded: bool) -> list[str]:
    """Ways to use equipment the person has: a variation that names it, or a plain reminder.

    `unloaded`: a condition rules out external load, so no option adds a barbell or dumbbell.
    """
    if unloaded:
        have = have - LOAD_EQUIPMENT
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
    unloaded: bool = False,
) -> dict[str, Any]:
    have = frozenset(profile.equipment)
    if unloaded:
        have = have - LOAD_EQUIPMENT
    used = used_equipment(ex, have)
    why = [f"In this exercise {_BIAS_TEXT[ex.bias]} and {_KNEE_TEXT[ex.knee]} (the guide's reading)."]
    for name in preferred.get(ex.id, []):
        why.append(f"Favoured for {lower_first(name)}.")
    easier = [e for e in ex.regressions if e in pool_ids]
    if easier:
        names = join_words([catalog.exercise(e).name.lower() for e in easier])
        chosen_order = any(b.kind == "guide" and b.field == "regressions" and b.item in easier for b in ex.basis)
        why.append(
            f"A harder step after {names}, which you could also do"
            + (" (an order the guide chose)." if chosen_order else ".")
        )
    entry: dict[str, Any] = {**ref(ex), "summary": ex.summary, "why": why}
    entry.update({k: v for k, v in dose.items() if not k.startswith("_")})
    entry["setup"] = ex.starting_position
    entry["cues"] = list(ex.tips)
    entry["avoid"] = list(ex.mistakes)
    entry["safety"] = list(ex.cautions)
    entry["equipment"] = [{"id": i, "name": catalog.equipment_item(i).name} for i in used]
    entry["options"] = _options(ex, used, have, catalog, unloaded)
    if profile.emphasis == "hamstrings" and hamstring_ok:
        var = next((v for v in ex.variations if "hamstring" in v.description.lower()), None)
        if var is not None and unloaded and any(w in var.description.lower() for w in ("dumbbell", "barbell")):
            var = None
        if var is not None:
            entry["options"].append(f"For your hamstring emphasis: {var.name}. {var.description}")
    entry["swap_with"] = [ref(catalog.exercise(a)) for a in ex.alternatives if a in pool_ids]
    return entry


def _doses(session: list[Exercise], goal: str, level: str, short: bool) -> list[dict[str, Any]]:
    return [dose_for(ex, goal, level, short) for ex in session]


def _choose(
    pool: list[Exercise], profile: Profile, goal: str, preferred: set[str], spare: bool = False
) -> tuple[list[list[Exercise]], list[list[dict[str, Any]]], bool, bool]:
    """Sessions, their doses, whether doses were trimmed to fit the time, and whether they still overrun.

    Three exercises when they fit the time after the warm-up, else two (the exercise article's
    range); if even two do not fit, sets drop to the lowest and rests shorten. `spare`: favour a
    bent knee, to spare the hamstrings.
    """
    budget = (profile.minutes_per_session - warmup_minutes(profile.minutes_per_session)) * 60
    top = min(3, len(pool))
    least = min(2, top)
    for count in range(top, least - 1, -1):
        sessions = pick_sessions(pool, profile, preferred, count, spare)
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
    entries: list[tuple[Exercise, dict[str, Any]]],
) -> list[str]:
    out: list[str] = []
    chosen = list(dict.fromkeys(ex for s in sessions for ex in s))
    if profile.equipment:
        names = equipment_names(catalog, profile.equipment)
        out.append(f"You have: {join_words(names)}. The plan uses only exercises whose equipment you have.")
    else:
        out.append("You have no equipment, so the plan uses body-weight exercises only.")
    if profile.level == "beginner":
        names = [ex.name.lower() for ex in pool if ex.level == "beginner"]
        out.append(
            "As a beginner, the plan uses only exercises graded for beginners"
            + (f": {join_words(names)}." if names else ".")
        )
    else:
        out.append(
            f"At {profile.level} level you can use exercises up to that level; where a harder version "
            "fits you, the plan prefers it to the easier one."
        )
    blockers = [c for c in adapt if "hamstring-dominant" in c.excludes]
    if blockers and profile.emphasis == "glutes":
        out.append(_EMPHASIS_TEXT["glutes"])
    elif blockers:
        asked = "a hamstring emphasis" if profile.emphasis == "hamstrings" else "a balanced emphasis"
        out.append(
            f"You asked for {asked}, but because of {join_words([lower_first(c.name) for c in blockers])}, "
            "exercises led by the hamstrings are left out for now, and the plan favours exercises with the "
            "knee bent, which shifts work from the hamstrings to the glutes."
        )
    else:
        out.append(_EMPHASIS_TEXT[profile.emphasis])
    out.append(composition_text(chosen))
    out.append(goal_text(goal, entries))
    out.extend(goal_reasons)
    count = len(sessions[0])
    minutes = profile.minutes_per_session
    if count >= 2:
        out.append(f"Each session has {count} hip extension exercises, within the exercise article's advice of 2 to 3.")
    else:
        out.append(
            f"Only {count} exercise in this guide fits your equipment, level and conditions, so each session "
            "is shorter than the exercise article's advice of 2 to 3 exercises. The excluded list shows what "
            "would widen the choice."
        )
    if count == 2 and len(pool) == 2:
        out.append("Only 2 exercises in this guide fit your equipment, level and conditions.")
    elif count == 2 and len(pool) > 2 and not fit["trimmed"]:
        out.append(f"With {minutes} minutes per session there is time for 2 exercises after the warm-up.")
    if fit["trimmed"]:
        out.append(
            f"To fit {minutes} minutes, the plan keeps 2 exercises at the lowest number of sets "
            f"and shortens rests to {SHORT_SESSION_REST} seconds (except the full rests of power work), "
            "but keeps the warm-up."
        )
    if fit["over"]:
        out.append(
            f"Even so, a session takes about {fit['longest']} minutes with the warm-up, more than your "
            f"{minutes}. Keep the warm-up all the same; if {minutes} minutes is all you have, take the "
            "warm-up walk just before, for example on your way home."
        )
    if fit["spare"] >= SPARE_MINUTES:
        out.append(
            f"The hip extension work takes about {fit['longest']} of your {minutes} minutes. Use the other "
            f"{fit['spare']} or so for what the two documents advise alongside it: other hip movements (moving "
            "the leg out to the side, in towards the other leg, and rotating it), as the exercise article "
            "says, and the rest of the leg and balance, as the clinical overview says. This plan does not "
            "set those exercises."
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
        favoured = [ex.name.lower() for ex in chosen if ex.id in cond.prefer]
        if favoured:
            text += f" It includes, as favoured for this: {join_words(favoured)}."
        out.append(text)
    early = [ex.name.lower() for ex in chosen if any(b.field == "item" and b.kind == "guide" for b in ex.basis)]
    stage = [c for c in adapt if c.early_stage]
    if stage and early:
        which = "an exercise the guide adds" if len(early) == 1 else "exercises the guide adds"
        out.append(
            f"Because of {join_words([lower_first(c.name) for c in stage])}, the plan includes the early stage "
            f"the clinical overview describes: {join_words(early)} ({which}), for holding a contraction, a "
            "smaller range or an everyday task before the full movements."
        )
    if no_load(adapt):
        out.append(
            "No exercise, variation or option in this plan adds a barbell or dumbbell, because a condition "
            "you reported rules out external load."
        )
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
    unloaded = no_load(adapt)
    chooser = profile
    if not hamstring_ok and profile.emphasis == "hamstrings":
        chooser = replace(profile, emphasis="balanced")
    sessions, doses, trimmed, over = _choose(pool, chooser, goal, set(preferred), not hamstring_ok)
    warm = warmup_minutes(profile.minutes_per_session)
    plan["sessions"] = [
        {
            "name": SESSION_NAMES[i],
            "estimated_minutes": _minutes(ds, warm),
            "exercises": [
                _entry(ex, d, profile, catalog, pool_ids, preferred, hamstring_ok, unloaded)
                for ex, d in zip(s, ds, strict=True)
            ],
        }
        for i, (s, ds) in enumerate(zip(sessions, doses, strict=True))
    ]
    longest = max(sess["estimated_minutes"] for sess in plan["sessions"])
    spare = profile.minutes_per_session - longest
    fit = {"trimmed": trimmed, "over": over, "longest": longest, "spare": spare}
    chosen: list[Exercise] = []
    for s in sessions:
        chosen.extend(ex for ex in s if ex not in chosen)
    entries = [(ex, d) for s, ds in zip(sessions, doses, strict=True) for ex, d in zip(s, ds, strict=True)]
    plan["reasons"] = _reasons(catalog, profile, pool, adapt, excl, sessions, goal, goal_reasons, fit, entries)
    seated = any("standing-single-leg" in c.excludes for c in adapt)
    plan["warmup"] = {
        "minutes": warm,
        "activities": list(WARMUP_SEATED if seated else WARMUP_ACTIVITIES),
        "note": "The exercise article advises 5 to 10 minutes of light cardio and dynamic stretching before "
        "strength training."
        + (" Because balance is a concern, this warm-up is done sitting or lying down." if seated else ""),
    }
    plan["schedule"] = _schedule(profile, sessions)
    plan["progression"] = progression(catalog, profile, pool_ids, chosen, excl, goal, unloaded)
    cautions = [PAIN_RULE, *GENERAL_CAUTIONS]
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
    keys = ["rest", "tempo", "weeks", "move_on", "frequency", "warmup_seated" if seated else "warmup", "pain"]
    if profile.level == "beginner":
        keys.append("beginner_sets")
    if any(d["_goal"] == "power" for _, d in entries):
        keys.append("power")
    if profile.sessions_per_week >= 4:
        keys.append("many_sessions")
    if profile.sits_most_of_day:
        keys.append("stretch")
    if unloaded:
        keys.append("no_load")
    if any(c.check_first for c in adapt):
        keys.append("check_first")
    if any(c.early_stage for c in adapt):
        keys.append("early_stage")
    if spare >= SPARE_MINUTES:
        keys.append("extra_time")
    keys.append("clinician")
    plan["notes"] = [
        MIXED_ROUTINE,
        *(f"{PLAN_CHOICES[k][0]}: {PLAN_CHOICES[k][1]}" for k in keys),
        *condition_choices(adapt),
    ]
    plan["choices"] = keys
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
    if spare >= SPARE_MINUTES:
        plan["summary"] += f" Use the other {spare} minutes or so for other hip movements (see why)."
    return plan
