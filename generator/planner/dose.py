"""The dose of each planned exercise (sets, reps, hold, tempo, rest) and session timing.

Anchored on each exercise's dosage in the data (the exercise article's, or the guide's own for
the exercises it adds): for strength and endurance, sets and reps stay inside those ranges. Power
work is the guide's choice (few fast repetitions, full rest, see `POWER_REPS`); so are rest,
tempo and the step-up's sets, each listed in `wording.PLAN_CHOICES`. Pure standard library, no I/O.
"""

from __future__ import annotations

from typing import Any

from ..core.model import Exercise, exercise_traits
from .wording import PLAN_CHOICES

__all__ = [
    "DEFAULT_STEP_UP_SETS",
    "POWER_REPS",
    "POWER_SETS",
    "REST_SECONDS",
    "TRANSITION_SECONDS",
    "dose_for",
    "dose_seconds",
    "power_suitable",
    "warmup_minutes",
]

# Sets used when the article gives reps but no set count (the step-up). Conservative.
DEFAULT_STEP_UP_SETS = 2
# Rest between sets, by goal. The seeds give no rest times; these are common, cautious values.
REST_SECONDS: dict[str, int] = {"strength": 90, "endurance": 45, "power": 180}
# Power: a few fast repetitions with full rest, so every repetition stays fast (the guide's choice).
POWER_REPS: tuple[int, int] = (3, 5)
POWER_SETS = 3
LOADED_STRENGTH_REST = 120
SHORT_SESSION_REST = 60
# Seconds per repetition by tempo, used only to estimate how long a session takes.
REP_SECONDS: dict[str, int] = {"controlled": 4, "steady": 3, "fast": 4}
SWITCH_SIDES_SECONDS = 10
TRANSITION_SECONDS = 45

TEMPO_TEXT: dict[str, str] = {
    "controlled": "Lift under control in about 1 second and lower slowly, over about 3 seconds.",
    "steady": "Keep a steady, controlled pace (about 1 second up, 2 seconds down) and keep rests short.",
    "fast": "Lift as fast as you can while keeping good form, then lower slowly, over about 3 seconds.",
}


def power_suitable(ex: Exercise) -> bool:
    """Fast lifting only where the body is braced and stable: closed chain, stable, not a hold."""
    traits = exercise_traits(ex)
    return (
        ex.chain == "closed"
        and not ex.unstable_surface
        and ex.emphasis != "isometric"
        and "hamstring-dominant" not in traits
    )


def warmup_minutes(minutes_per_session: int) -> int:
    """Minutes of the session given to the warm-up: the exercise article's 5 to 10 (10 from 45 minutes)."""
    return 10 if minutes_per_session >= 45 else 5


def _range(lo: int, hi: int) -> int | dict[str, int]:
    return lo if lo == hi else {"min": lo, "max": hi}


def dose_for(ex: Exercise, goal: str, level: str, short: bool) -> dict[str, Any]:
    """The dose of one exercise for a goal and level; `short` trims sets and rest to fit little time."""
    d = ex.dosage
    notes: list[str] = []
    if goal == "power" and not power_suitable(ex):
        goal = "strength"
        notes.append(
            "Done as controlled strength work even though your goal is power: fast lifting is safer on "
            "a stable, closed-chain exercise than on this one."
        )
    if d.sets is None:
        sets = DEFAULT_STEP_UP_SETS
        if goal != "power":
            notes.append(PLAN_CHOICES["step_up_sets"][1])
    elif level == "beginner" or short:
        sets = d.sets.min
    else:
        sets = d.sets.max
    tempo = {"strength": "controlled", "endurance": "steady", "power": "fast"}[goal]
    if goal == "endurance":
        reps: int | dict[str, int] = d.reps.max
        rest = REST_SECONDS["endurance"]
    elif goal == "power":
        # A few fast repetitions with full rest: every repetition stays fast (the guide's choice).
        sets = POWER_SETS
        reps = _range(*POWER_REPS)
        rest = REST_SECONDS["power"]
        notes.append(
            "Power dose (the guide's choice): 3 sets of 3 to 5 repetitions, each lifted as fast as you can "
            "with good form, with about 3 minutes of rest so that every repetition stays fast. End the set "
            "as soon as a lift slows down."
        )
    else:
        reps = _range(d.reps.min, d.reps.max)
        rest = LOADED_STRENGTH_REST if "external-load" in exercise_traits(ex) else REST_SECONDS["strength"]
    if short and goal != "power":
        rest = min(rest, SHORT_SESSION_REST)
    if short and goal == "power":
        sets = 2
    dose: dict[str, Any] = {"sets": sets}
    dose["reps_per_leg" if d.per_leg else "reps"] = reps
    if d.hold_seconds:
        dose["hold_seconds"] = d.hold_seconds
    dose["rest_seconds"] = rest
    dose["tempo"] = TEMPO_TEXT[tempo]
    dose["dose"] = _dose_text(sets, reps, d.per_leg, d.hold_seconds, rest)
    dose["article_dose"] = d.text
    dose["notes"] = notes
    dose["_tempo"] = tempo
    dose["_goal"] = goal
    return dose


def _reps_text(reps: int | dict[str, int]) -> str:
    if isinstance(reps, int):
        return f"{reps} repetition{'s' if reps != 1 else ''}"
    return f"{reps['min']} to {reps['max']} repetitions"


def _dose_text(sets: int, reps: int | dict[str, int], per_leg: bool, hold: int | None, rest: int) -> str:
    text = f"{sets} set{'s' if sets != 1 else ''} of {_reps_text(reps)}"
    if per_leg:
        text += " on each leg"
    if hold:
        text += f", holding the top for {hold} seconds"
    return f"{text}; rest {rest} seconds between sets"


def dose_seconds(dose: dict[str, Any]) -> int:
    """Estimated seconds for one exercise at this dose, including rests and moving on to the next."""
    reps = dose["reps"] if "reps" in dose else dose["reps_per_leg"]
    top = reps if isinstance(reps, int) else reps["max"]
    sides = 2 if "reps_per_leg" in dose else 1
    per_rep = REP_SECONDS[dose["_tempo"]] + dose.get("hold_seconds", 0)
    per_set = top * per_rep * sides + (SWITCH_SIDES_SECONDS if sides == 2 else 0)
    return dose["sets"] * per_set + (dose["sets"] - 1) * dose["rest_seconds"] + TRANSITION_SECONDS
