"""Property: a plan's time estimate is honest.

Each session's `estimated_minutes` is the sum of its parts as the planner defines them (the
warm-up, and for every exercise its repetitions at the tempo's pace, its holds, the switch
between legs, the rests between sets and the move to the next exercise), rounded up to a
whole minute; the sessions fit the person's minutes, or the plan says that they do not; and the
summary states the longest. The sum is restated here from the planner's published constants,
not computed with its own helper, so a slip in the planner's arithmetic cannot hide.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_catalog
from generator.planner import dose as d
from generator.planner.plan import make_plan
from generator.planner.profile import parse_profile

CATALOG = load_catalog()
TEMPO_OF_TEXT = {text: name for name, text in d.TEMPO_TEXT.items()}
PROFILES = st.fixed_dictionaries(
    {},
    optional={
        "equipment": st.lists(st.sampled_from([q.id for q in CATALOG.equipment]), unique=True),
        "level": st.sampled_from(["beginner", "intermediate", "advanced"]),
        "goal": st.sampled_from(["strength", "endurance", "power"]),
        "sessions_per_week": st.integers(1, 7),
        "minutes_per_session": st.integers(10, 120),
        "emphasis": st.sampled_from(["glutes", "hamstrings", "balanced"]),
        "conditions": st.lists(st.sampled_from([c.id for c in CATALOG.conditions if c.effect != "refer"]), max_size=3),
        "sits_most_of_day": st.booleans(),
    },
)


def _seconds(ex: dict[str, Any]) -> int:
    """One planned exercise, from what the plan shows: sets x (reps x pace + holds) + rests + moving on."""
    per_leg = "reps_per_leg" in ex
    reps = ex["reps_per_leg"] if per_leg else ex["reps"]
    top = reps if isinstance(reps, int) else reps["max"]  # the estimate assumes the top of a range
    pace = d.REP_SECONDS[TEMPO_OF_TEXT[ex["tempo"]]] + ex.get("hold_seconds", 0)
    one_set = top * pace * (2 if per_leg else 1) + (d.SWITCH_SIDES_SECONDS if per_leg else 0)
    return ex["sets"] * one_set + (ex["sets"] - 1) * ex["rest_seconds"] + d.TRANSITION_SECONDS


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_a_sessions_time_is_the_sum_of_its_parts_and_fits_or_says_it_does_not(raw: dict[str, Any]) -> None:
    plan = make_plan(CATALOG, parse_profile(raw, CATALOG))
    if not plan["sessions"]:
        return
    minutes = plan["profile"]["minutes_per_session"]
    warm = plan["warmup"]["minutes"]
    assert 0 < warm < minutes
    for session in plan["sessions"]:
        total = warm * 60 + sum(_seconds(ex) for ex in session["exercises"])
        assert session["estimated_minutes"] == -(-total // 60), session["name"]
    longest = max(s["estimated_minutes"] for s in plan["sessions"])
    over = [r for r in plan["reasons"] if f"more than your {minutes}" in r]
    if longest <= minutes:
        assert not over, over
    else:
        assert over and f"about {longest} minutes with the warm-up" in over[0], plan["reasons"]
    assert f"about {longest} minutes in all" in plan["summary"]
