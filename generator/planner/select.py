"""Which exercises a profile rules out, which qualify, and which go into each session.

Pure standard library, no I/O, deterministic: every list follows the catalog's order, and
ties are broken by exercise order, then id. Part of the planner; runs under Pyodide.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import TRAITS, Catalog, Condition, Exercise, exercise_traits
from .profile import Profile
from .wording import join_words as _join
from .wording import lower_first as _lower
from .wording import with_article

__all__ = [
    "LEVEL_RANK",
    "NOT_FOR_BEGINNERS",
    "Exclusion",
    "equipment_names",
    "equipment_ok",
    "missing_equipment_text",
    "exclusions",
    "pick_sessions",
    "ref",
    "used_equipment",
]

LEVEL_RANK: dict[str, int] = {"beginner": 0, "intermediate": 1, "advanced": 2}

# The article's explicit advice, enforced whatever the data's `level` says (defence in depth).
NOT_FOR_BEGINNERS: dict[str, str] = {
    "hip-thrust": (
        "Not for beginners: the exercise article advises getting comfortable with glute bridges, or a "
        "dumbbell, before doing hip thrusts."
    ),
    "ball-bridge-hamstring-curl": "Not for beginners: the exercise article calls it an advanced move.",
}


@dataclass(frozen=True)
class Exclusion:
    """One reason why a profile rules an exercise out."""

    kind: str  # "clinician", "equipment", "level" or "condition"
    text: str


def ref(ex: Exercise) -> dict[str, str]:
    """An exercise reference, as plans give them: id and display name."""
    return {"id": ex.id, "name": ex.name}


def equipment_names(catalog: Catalog, ids: tuple[str, ...] | list[str]) -> list[str]:
    """Equipment names for use mid-sentence, each with "a" or "an"."""
    known = {q.id: q.name for q in catalog.equipment}
    return [with_article(known.get(i, i)) for i in ids]


def missing_equipment_text(ex: Exercise, have: frozenset[str], catalog: Catalog) -> str:
    """What the person lacks for an exercise, in words ("" when nothing is missing)."""
    parts = []
    missing = [i for i in ex.equipment.required if i not in have]
    if missing:
        parts.append(_join(equipment_names(catalog, missing)))
    if ex.equipment.one_of and not any(set(g) <= have for g in ex.equipment.one_of):
        parts.append(_join([_join(equipment_names(catalog, g)) for g in ex.equipment.one_of], "or"))
    return ", plus ".join(parts)


def equipment_ok(ex: Exercise, have: frozenset[str]) -> bool:
    """True when the person has all required equipment and one full `one_of` group, if any."""
    if not all(i in have for i in ex.equipment.required):
        return False
    return not ex.equipment.one_of or any(all(i in have for i in g) for g in ex.equipment.one_of)


def used_equipment(ex: Exercise, have: frozenset[str]) -> list[str]:
    """The equipment ids the person will use: required, the first full one_of group, then optional owned."""
    used = list(ex.equipment.required)
    for group in ex.equipment.one_of:
        if set(group) <= have:
            used.extend(i for i in group if i not in used)
            break
    used.extend(i for i in ex.equipment.optional if i in have and i not in used)
    return used


def _equipment_reasons(ex: Exercise, have: frozenset[str], catalog: Catalog) -> list[Exclusion]:
    missing = missing_equipment_text(ex, have, catalog)
    return [Exclusion("equipment", f"Needs {missing}, which you do not have.")]


def _level_reasons(ex: Exercise, profile: Profile) -> list[Exclusion]:
    if profile.level == "beginner" and ex.id in NOT_FOR_BEGINNERS:
        return [Exclusion("level", NOT_FOR_BEGINNERS[ex.id])]
    if LEVEL_RANK[ex.level] > LEVEL_RANK[profile.level]:
        article = "an" if ex.level[0] in "aeiou" else "a"
        graded = any(b.field == "level" and b.kind == "guide" for b in ex.basis)
        return [
            Exclusion(
                "level",
                f"It is {article} {ex.level} exercise"
                + (" (a level the guide chose)" if graded else "")
                + f" and this plan is for {profile.level} level: master the easier exercises first.",
            )
        ]
    return []


def _condition_reasons(ex: Exercise, conditions: list[Condition]) -> list[Exclusion]:
    traits = exercise_traits(ex)
    out = []
    for cond in conditions:
        if cond.effect != "adapt":
            continue
        hit = [t for t in cond.excludes if t in traits]
        if hit:
            why = _join([TRAITS[t] for t in hit])
            out.append(Exclusion("condition", f"{cond.name}: {cond.reason} (In this exercise {why}.)"))
    return out


def exclusions(catalog: Catalog, profile: Profile, conditions: list[Condition]) -> dict[str, list[Exclusion]]:
    """Every reason each exercise is ruled out, by exercise id (empty list: it qualifies)."""
    have = frozenset(profile.equipment)
    refer = [c for c in conditions if c.effect == "refer"]
    clinician = []
    if refer:
        names = _join([_lower(c.name) for c in refer])
        clinician = [Exclusion("clinician", f"No exercise until a clinician has checked you ({names}).")]
    adapt = [c for c in conditions if c.effect == "adapt"]
    out: dict[str, list[Exclusion]] = {}
    for ex in catalog.exercises:
        reasons = list(clinician)
        if not equipment_ok(ex, have):
            reasons.extend(_equipment_reasons(ex, have, catalog))
        reasons.extend(_level_reasons(ex, profile))
        if adapt:
            reasons.extend(_condition_reasons(ex, adapt))
        out[ex.id] = reasons
    return out


# ---------------------------------------------------------------------------------------
# Choosing the session(s)


def _score(ex: Exercise, profile: Profile, pool_ids: set[str], preferred: set[str], spare: bool = False) -> int:
    """How well an exercise fits the profile on its own (higher is better).

    `spare`: the hamstrings are to be spared (a condition rules out hamstring-led work), so a
    straight knee, which shifts work onto them, counts against an exercise.
    """
    score = 0
    if spare and ex.knee == "extended":
        score -= 2
    if ex.id in preferred:
        score += 4
    if profile.emphasis == "glutes":
        score += {"glutes": 3, "balanced": 1, "hamstrings": 0}[ex.bias] + (ex.knee == "flexed")
    elif profile.emphasis == "hamstrings":
        score += {"hamstrings": 3, "balanced": 1, "glutes": 0}[ex.bias] + (ex.knee == "extended")
    else:
        score += {"balanced": 2, "glutes": 1, "hamstrings": 1}[ex.bias]
    if ex.level == profile.level:
        score += 1
    if any(p in pool_ids for p in ex.progressions):
        score -= 2  # a harder version fits: use that instead of the easier one
    return score


def _related(a: Exercise, b: Exercise) -> bool:
    """Interchangeable or one a step of the other: better spread over sessions than paired."""
    return (
        b.id in a.alternatives
        or b.id in a.progressions
        or b.id in a.regressions
        or a.id in (b.alternatives + b.progressions + b.regressions)
    )


def _greedy(pool: list[Exercise], count: int, base: dict[str, int], emphasis: str, avoid: set[str]) -> list[Exercise]:
    chosen: list[Exercise] = []
    while len(chosen) < count and len(chosen) < len(pool):
        best: tuple[int, int, str] | None = None
        best_ex: Exercise | None = None
        for ex in pool:
            if ex in chosen:
                continue
            score = base[ex.id]
            if ex.id in avoid:
                score -= 3
            if any(_related(ex, c) for c in chosen):
                score -= 3
            if emphasis == "balanced" and chosen:
                if ex.bias not in {c.bias for c in chosen}:
                    score += 2
                if ex.knee not in {c.knee for c in chosen}:
                    score += 1
            key = (-score, ex.order, ex.id)
            if best is None or key < best:
                best, best_ex = key, ex
        assert best_ex is not None
        chosen.append(best_ex)
    return chosen


def rank_pool(pool: list[Exercise], profile: Profile, preferred: set[str], spare: bool = False) -> dict[str, int]:
    """Each pooled exercise's standalone score."""
    ids = {ex.id for ex in pool}
    return {ex.id: _score(ex, profile, ids, preferred, spare) for ex in pool}


def _session_b(first: list[Exercise], pool: list[Exercise]) -> list[Exercise]:
    """Session B: swap each exercise of A for an alternative that fits, else a fresh one of the same bias."""
    by_id = {ex.id: ex for ex in pool}
    used = {ex.id for ex in first}
    second: list[Exercise | None] = [None] * len(first)
    for i, ex in enumerate(first):
        for alt in ex.alternatives:
            if alt in by_id and alt not in used:
                second[i] = by_id[alt]
                used.add(alt)
                break
    for i, ex in enumerate(first):
        if second[i] is None:
            for other in pool:
                if other.id not in used and other.bias == ex.bias and other.level == ex.level:
                    second[i] = other
                    used.add(other.id)
                    break
    return [s if s is not None else first[i] for i, s in enumerate(second)]


def pick_sessions(
    pool: list[Exercise], profile: Profile, preferred: set[str], count: int, spare: bool = False
) -> list[list[Exercise]]:
    """One session, or sessions A and B when the person trains more than once a week and B can differ.

    Within a session, exercises follow the catalog (the article's) order.
    """
    base = rank_pool(pool, profile, preferred, spare)
    first = _greedy(pool, count, base, profile.emphasis, set())
    second = _session_b(first, pool)
    first.sort(key=_catalog_order)
    second.sort(key=_catalog_order)
    if profile.sessions_per_week == 1 or [e.id for e in second] == [e.id for e in first]:
        return [first]
    return [first, second]


def _catalog_order(ex: Exercise) -> tuple[int, str]:
    return (ex.order, ex.id)
