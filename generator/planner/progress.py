"""A plan's way forward: the next exercise in each chain, the easier one, and the spares.

Part of the planner (see :mod:`generator.planner`). Pure standard library, no I/O; lists follow
the order of the chosen exercises and of the catalog, so the output is deterministic.
"""

from __future__ import annotations

from typing import Any

from ..core.model import Catalog, Exercise
from .profile import Profile
from .select import Exclusion, missing_equipment_text, ref
from .wording import PAIN_RULE, join_words, progression_weeks

__all__ = ["also_suitable", "progression"]


def _later(
    catalog: Catalog, ex: Exercise, excl: dict[str, list[Exclusion]], have: frozenset[str]
) -> tuple[Exercise, str] | None:
    """The first harder exercise held back only by level or equipment, and what it takes."""
    for p in ex.progressions:
        other = catalog.exercise(p)
        kinds = {r.kind for r in excl[p]}
        if not kinds or not kinds <= {"level", "equipment"}:
            continue
        needs = []
        if "level" in kinds:
            needs.append(f"you train at {other.level} level")
        if "equipment" in kinds:
            needs.append(f"you have {missing_equipment_text(other, have, catalog)}")
        return other, join_words(needs)
    return None


def progression(
    catalog: Catalog,
    profile: Profile,
    pool_ids: set[str],
    chosen: list[Exercise],
    excl: dict[str, list[Exclusion]],
    goal: str,
    unloaded: bool = False,
) -> dict[str, Any]:
    """For each chosen exercise: the next step (or the later one and what it takes), the easier
    one if it hurts, and when to move on; `pool_ids` are the exercises that suit the person."""
    have = frozenset(profile.equipment)
    items = []
    for ex in chosen:
        nxt = next((catalog.exercise(p) for p in ex.progressions if p in pool_ids), None)
        item: dict[str, Any] = {**ref(ex), "next": ref(nxt) if nxt else None, "later": None}
        if nxt is not None:
            item["how"] = (
                f"When every set reaches the top of the range with good form in two sessions in a row, "
                f"move on to {nxt.name.lower()}."
            )
        else:
            later = _later(catalog, ex, excl, have)
            if later is not None:
                item["later"] = {**ref(later[0]), "when": later[1]}
                item["how"] = (
                    f"Keep building sets and repetitions. {later[0].name} is the next step in this chain "
                    f"once {later[1]}."
                )
            else:
                where = (
                    "No harder exercise in its chain suits you at the moment"
                    if ex.progressions
                    else "This is the last step of its chain in this guide"
                )
                item["how"] = (
                    f"{where}. Once every set reaches the top of the range with good form, make it harder "
                    "by lowering more slowly" + ("." if unloaded else " or with the options listed for it.")
                )
        easier = [ref(catalog.exercise(r)) for r in ex.regressions if r in pool_ids]
        item["if_pain"] = easier
        item["if_pain_text"] = (
            f"If it hurts, go back to {join_words([e['name'].lower() for e in easier], 'or')}."
            if easier
            else "If it hurts, leave it out and ask a clinician."
        )
        items.append(item)
    return {
        "weeks": progression_weeks(goal, profile.level == "beginner", unloaded),
        "move_on_when": (
            "Move to the next exercise in the chain when you finish every set at the top of the range "
            "with good form in two sessions in a row."
        ),
        "if_it_hurts": PAIN_RULE
        + " Sharp or sudden pain means stop: go back to the easier exercise named for it, or leave it out, "
        "and see a clinician if the pain continues.",
        "exercises": items,
    }


def also_suitable(pool: list[Exercise], chosen: list[Exercise]) -> list[dict[str, Any]]:
    """The suitable exercises the sessions do not use, each with why it could be swapped in."""
    chosen_ids = {ex.id for ex in chosen}
    out = []
    for ex in pool:
        if ex.id in chosen_ids:
            continue
        alt_of = [c.name.lower() for c in chosen if ex.id in c.alternatives]
        easier_of = [c.name.lower() for c in chosen if ex.id in c.regressions]
        if alt_of:
            why = f"Fits you too: swap it in for {join_words(alt_of, 'or')} (similar difficulty)."
        elif easier_of:
            why = f"An easier version of {join_words(easier_of, 'or')}: use it on a day that feels too hard."
        else:
            why = (
                "Fits you too, but the exercise article advises only 2 to 3 exercises per session; swap it in "
                "for variety."
            )
        out.append({**ref(ex), "why": why})
    return out
