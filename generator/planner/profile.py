"""Planner profiles: what a person has and needs, parsed once at the boundary.

Pure standard library, no I/O: this module runs unchanged under Pyodide. `parse_profile`
turns raw JSON data into a frozen `Profile` or raises `ProfileError(field, message)` whose
message names the expected value and the bad value found, on a single line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from typing import Any, Literal

from ..core.catalog import CHECKS
from ..core.errors import Problem, ProfileError
from ..core.model import Catalog
from ..core.schema import type_name

__all__ = [
    "DEFAULT_PROFILE",
    "EMPHASES",
    "FIELDS",
    "GOALS",
    "LEVELS",
    "MAX_PROFILE_CHARS",
    "MINUTES_RANGE",
    "SESSIONS_RANGE",
    "Profile",
    "check_sample_plans",
    "parse_profile",
    "parse_profile_json",
    "too_long",
    "profile_to_plain",
]

Level = Literal["beginner", "intermediate", "advanced"]
Goal = Literal["strength", "endurance", "power"]
EmphasisChoice = Literal["glutes", "hamstrings", "balanced"]

LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
GOALS: tuple[str, ...] = ("strength", "endurance", "power")
EMPHASES: tuple[str, ...] = ("glutes", "hamstrings", "balanced")
SESSIONS_RANGE: tuple[int, int] = (1, 7)
MINUTES_RANGE: tuple[int, int] = (10, 120)


@dataclass(frozen=True)
class Profile:
    """A validated planner profile; every field has a conservative default."""

    equipment: tuple[str, ...] = ()
    level: Level = "beginner"
    goal: Goal = "strength"
    sessions_per_week: int = 2
    minutes_per_session: int = 30
    emphasis: EmphasisChoice = "balanced"
    conditions: tuple[str, ...] = ()
    sits_most_of_day: bool = False
    # Fields the person did not give, so the plan can say what it assumed. Not an input.
    assumed: tuple[str, ...] = ()


DEFAULT_PROFILE = Profile(
    assumed=(
        "equipment",
        "level",
        "goal",
        "sessions_per_week",
        "minutes_per_session",
        "emphasis",
        "conditions",
        "sits_most_of_day",
    )
)

# The input fields, in the order they are documented and echoed.
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Profile) if f.name != "assumed")


def _type_name(value: object) -> str:
    return type_name(value, mapping="object")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show(value: object) -> str:
    """The bad value as a reader sees it, on one line and never too long."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        text = str(value) if abs(value) < 10**30 else f"an integer of {len(str(abs(value)))} digits"
        return text
    if isinstance(value, float):
        return _clip(repr(value))
    if isinstance(value, str):
        return _clip(repr(value))
    if isinstance(value, list):
        return f"a list ({_clip(json.dumps(value), 50)})" if value else "an empty list"
    if isinstance(value, dict):
        return f"an object ({_clip(json.dumps(value), 50)})" if value else "an empty object"
    return _type_name(value)


def _field_name(key: object) -> str:
    """A key as a field name that is safe to print on one line."""
    text = key if isinstance(key, str) else repr(key)
    if not text or not text.isprintable() or len(text) > 40 or text != text.strip():
        return _clip(repr(text), 40)
    return text


def _choice(raw: dict[str, Any], name: str, choices: tuple[str, ...]) -> str:
    value = raw[name]
    if not isinstance(value, str) or value not in choices:
        allowed = ", ".join(choices)
        raise ProfileError(name, f"expected one of {allowed}, found {_show(value)}")
    return value


def _integer(raw: dict[str, Any], name: str, bounds: tuple[int, int]) -> int:
    value = raw[name]
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ProfileError(name, f"expected an integer from {low} to {high}, found {_show(value)}")
    return value


def _boolean(raw: dict[str, Any], name: str) -> bool:
    value = raw[name]
    if not isinstance(value, bool):
        raise ProfileError(name, f"expected true or false, found {_show(value)}")
    return value


def _ids(raw: dict[str, Any], name: str, kind: str, known: tuple[str, ...]) -> tuple[str, ...]:
    value = raw[name]
    if not isinstance(value, list):
        raise ProfileError(name, f"expected a list of {kind} ids, found {_show(value)}")
    known_text = ", ".join(sorted(known)) or "none"
    found: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise ProfileError(f"{name}[{i}]", f"expected a {kind} id (a string), found {_show(item)}")
        if item not in known:
            raise ProfileError(f"{name}[{i}]", f"unknown {kind} id {_clip(repr(item))} (known: {known_text})")
        found.append(item)
    return tuple(sorted(set(found)))


def parse_profile(raw: object, catalog: Catalog) -> Profile:
    """Validate raw JSON data (a dict) against the catalog and return a frozen Profile.

    Raises:
        ProfileError: for the first problem found, naming the field and the bad value.
    """
    if not isinstance(raw, dict):
        raise ProfileError("(profile)", f"expected a JSON object of fields, found {_show(raw)}")
    for key in raw:
        if key not in FIELDS:
            raise ProfileError(_field_name(key), f"unknown field (known fields: {', '.join(FIELDS)})")
    values: dict[str, Any] = {}
    if "equipment" in raw:
        values["equipment"] = _ids(raw, "equipment", "equipment", tuple(q.id for q in catalog.equipment))
    if "level" in raw:
        values["level"] = _choice(raw, "level", LEVELS)
    if "goal" in raw:
        values["goal"] = _choice(raw, "goal", GOALS)
    if "sessions_per_week" in raw:
        values["sessions_per_week"] = _integer(raw, "sessions_per_week", SESSIONS_RANGE)
    if "minutes_per_session" in raw:
        values["minutes_per_session"] = _integer(raw, "minutes_per_session", MINUTES_RANGE)
    if "emphasis" in raw:
        values["emphasis"] = _choice(raw, "emphasis", EMPHASES)
    if "conditions" in raw:
        values["conditions"] = _ids(raw, "conditions", "condition", tuple(c.id for c in catalog.conditions))
    if "sits_most_of_day" in raw:
        values["sits_most_of_day"] = _boolean(raw, "sits_most_of_day")
    values["assumed"] = tuple(name for name in FIELDS if name not in raw)
    return Profile(**values)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            found = f"found {_show(seen[key])} and then {_show(value)}"
            raise ProfileError(_field_name(key), f"given twice, {found}; give it once")
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise ProfileError("(json)", f"not valid JSON: {name} is not a JSON number")


_MAX_DEPTH = 16
# A whole profile with every piece of equipment and every condition is about 600 characters.
# The browser (docs/assets/planner/client.js) refuses longer text with the same message.
MAX_PROFILE_CHARS = 10_000
_SPECIAL = re.compile(r'["\\\[\]{}]')


def _nesting_depth(text: str) -> int:
    """The deepest bracket nesting in JSON text, ignoring brackets inside strings.

    One pass and constant memory: it only ever looks at the next special character.
    """
    depth = deepest = 0
    in_string = escaped = False
    for match in _SPECIAL.finditer(text):
        char = match.group()
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = match.end() < len(text)  # the next character is taken as written
                if escaped and text[match.end()] not in "\"\\[]{}":
                    escaped = False  # e.g. \n: nothing special follows
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def too_long(text: str) -> ProfileError | None:
    """The error for profile text over MAX_PROFILE_CHARS characters (None when it fits)."""
    if len(text) <= MAX_PROFILE_CHARS:
        return None
    return ProfileError("(json)", f"expected at most {MAX_PROFILE_CHARS} characters of profile JSON, found {len(text)}")


def parse_profile_json(text: str, catalog: Catalog) -> Profile:
    """Parse profile JSON text and validate it (ProfileError with field "(json)" if not JSON)."""
    error = too_long(text)
    if error:
        raise error
    if _nesting_depth(text) > _MAX_DEPTH:
        # Refuse before parsing: how deep json.loads may go depends on the Python build (CPython's
        # recursion limit differs from Pyodide's), and the answer must be the same everywhere.
        raise ProfileError("(json)", f"not valid JSON for a profile: nested more than {_MAX_DEPTH} levels deep")
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except ProfileError:
        raise
    except json.JSONDecodeError as exc:
        where = f"at line {exc.lineno}, column {exc.colno}"
        raise ProfileError("(json)", f"not valid JSON: {exc.msg} {where}") from None
    except RecursionError:
        raise ProfileError("(json)", "not valid JSON for a profile: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise ProfileError("(json)", f"not valid JSON for a profile: {_clip(str(exc), 80)}") from None
    return parse_profile(raw, catalog)


def profile_to_plain(profile: Profile) -> dict[str, Any]:
    """The profile's input fields as JSON-ready data (lists for tuples), in FIELDS order."""
    plain: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(profile, name)
        plain[name] = list(value) if isinstance(value, tuple) else value
    return plain


def check_sample_plans(catalog: Catalog, files: dict[tuple[str, str], str], problems: list[Problem]) -> None:
    """A catalog check: every sample plan's profile must parse (one Problem per bad plan)."""
    for plan in catalog.plans:
        try:
            parse_profile(plan.profile, catalog)
        except ProfileError as exc:
            file = files.get(("plans", plan.id), f"plans/{plan.id}")
            problems.append(Problem(file, f"profile.{exc.field}", exc.message))


if check_sample_plans not in CHECKS:
    CHECKS.append(check_sample_plans)
