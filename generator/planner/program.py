"""Exercise programs: the sheet a clinician builds for one person, parsed once at the boundary.

Pure standard library, no I/O: the same module checks a program in the browser's worker
(Pyodide) and in `python -m generator program`, so both say exactly the same thing about it.
A program is a JSON object (see PROGRAM_SCHEMA, shipped as data/schema/program.schema.json);
`parse_program` turns it into a frozen `Program` or raises `ProgramError(field, message)` on one
line naming the field and the value. `program_warnings` flags what the planner would not do
(an exercise a ticked condition rules out, a dose outside the source's ranges) with the
planner's own reasons: warnings never block, but each needs an explicit `keep` to stay on
the sheet.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import zlib
from dataclasses import dataclass, fields
from typing import Any

from ..core.errors import ProfileError, ProgramError
from ..core.model import Catalog, Condition, Exercise, RepRange
from ..core.text import range_text
from .profile import _field_name, _nesting_depth, _show, parse_profile
from .select import _condition_reasons
from .wording import join_words, lower_first

__all__ = [
    "LIMITS",
    "LINK_EXERCISE_KEYS",
    "LINK_KEYS",
    "MAX_EXERCISES",
    "MAX_PROGRAM_CHARS",
    "PROGRAM_FIELDS",
    "PROGRAM_SCHEMA",
    "SIDES",
    "Program",
    "ProgramExercise",
    "decode_fragment",
    "dose_fields",
    "dose_ranges",
    "encode_fragment",
    "exercise_dose_text",
    "parse_program",
    "parse_program_json",
    "program_from_plan",
    "program_from_profile",
    "program_to_plain",
    "program_warnings",
    "sheet_exercises",
]

SIDES: tuple[str, ...] = ("both", "left", "right")
MAX_EXERCISES = 8  # two pages at four exercises a page
DEFAULT_TITLE = "Your exercise program"
# Integer fields: (lowest, highest) accepted; the source's own ranges only warn (dose_ranges).
LIMITS: dict[str, tuple[int, int]] = {
    "sessions_per_week": (1, 7),
    "sets": (1, 10),
    "reps": (1, 100),
    "reps_per_leg": (1, 100),
    "hold_seconds": (1, 600),
}
# Text fields: the longest text accepted, and whether it may run over several lines.
_TEXT: dict[str, tuple[int, bool]] = {
    "title": (100, False),
    "patient": (80, False),
    "clinician": (120, False),
    "contact": (160, False),
    "notes": (600, True),
}
_EXERCISE_TEXT: dict[str, tuple[int, bool]] = {"load": (80, False), "notes": (240, True)}
_DOSE = ("sets", "reps", "reps_per_leg", "hold_seconds")
_MAX_DEPTH = 8
_MAX_BYTES = 40_000
MAX_PROGRAM_CHARS = _MAX_BYTES  # the CLI reads no more than this (plus one) of its input


@dataclass(frozen=True)
class ProgramExercise:
    """One exercise on the sheet: the catalog id and the dose the clinician set."""

    id: str
    sets: int | None = None
    reps: int | None = None
    reps_per_leg: int | None = None
    hold_seconds: int | None = None
    side: str = "both"
    load: str = ""
    notes: str = ""
    keep: bool = False


@dataclass(frozen=True)
class Program:
    """A validated program; every field but the exercises is optional."""

    title: str = DEFAULT_TITLE
    patient: str = ""
    clinician: str = ""
    contact: str = ""
    start: str = ""
    review: str = ""
    sessions_per_week: int | None = None
    notes: str = ""
    conditions: tuple[str, ...] = ()
    exercises: tuple[ProgramExercise, ...] = ()


PROGRAM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Program))
EXERCISE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ProgramExercise))


# ---------------------------------------------------------------------------------------
# Parsing


def _text(raw: dict[str, Any], name: str, path: str, limit: int, multiline: bool) -> str:
    value = raw[name]
    if not isinstance(value, str):
        raise ProgramError(path, f"expected text, found {_show(value)}")
    text = value.strip()
    if len(text) > limit:
        raise ProgramError(path, f"expected at most {limit} characters, found {len(text)}")
    allowed = "\n" if multiline else ""
    if any(not (c.isprintable() or c in allowed) for c in text):
        where = "" if multiline else " or line breaks"
        raise ProgramError(path, f"expected text without control characters{where}, found {_show(value)}")
    return text


def _integer(raw: dict[str, Any], name: str, path: str) -> int:
    value = raw[name]
    low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ProgramError(path, f"expected a whole number from {low} to {high}, found {_show(value)}")
    return value


def _date(raw: dict[str, Any], name: str) -> str:
    value = raw[name]
    if value == "":
        return ""
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        day = _dt.date.fromisoformat(value)
    except ValueError:
        raise ProgramError(name, f"expected a date such as 2026-03-31, found {_show(value)}") from None
    return day.isoformat()


def _object(value: object, path: str, known: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProgramError(path, f"expected a JSON object of fields, found {_show(value)}")
    for key in value:
        if key not in known:
            where = f"{path}.{_field_name(key)}" if path != "(program)" else _field_name(key)
            raise ProgramError(where, f"unknown field (known fields: {', '.join(known)})")
    return value


def _exercise(value: object, i: int, catalog: Catalog) -> ProgramExercise:
    path = f"exercises[{i}]"
    raw = _object(value, path, EXERCISE_FIELDS)
    if "id" not in raw:
        raise ProgramError(f"{path}.id", "required: the id of an exercise of the guide")
    known = [ex.id for ex in catalog.exercises]
    ex_id = raw["id"]
    if not isinstance(ex_id, str) or ex_id not in known:
        raise ProgramError(f"{path}.id", f"expected an exercise id ({', '.join(known)}), found {_show(ex_id)}")
    ex = catalog.exercise(ex_id)
    values: dict[str, Any] = {"id": ex_id}
    for name in _DOSE:
        if name in raw and raw[name] is not None:
            values[name] = _integer(raw, name, f"{path}.{name}")
    if ex.dosage.per_leg and "reps" in values:
        raise ProgramError(f"{path}.reps", f"{ex.name} is done on each leg in turn: give reps_per_leg instead")
    if not ex.dosage.per_leg and "reps_per_leg" in values:
        raise ProgramError(f"{path}.reps_per_leg", f"{ex.name} works both legs at once: give reps instead")
    if "side" in raw:
        side = raw["side"]
        if not isinstance(side, str) or side not in SIDES:
            raise ProgramError(f"{path}.side", f"expected one of {', '.join(SIDES)}, found {_show(side)}")
        values["side"] = side
    for name, (limit, multiline) in _EXERCISE_TEXT.items():
        if name in raw:
            values[name] = _text(raw, name, f"{path}.{name}", limit, multiline)
    if "keep" in raw:
        if not isinstance(raw["keep"], bool):
            raise ProgramError(f"{path}.keep", f"expected true or false, found {_show(raw['keep'])}")
        values["keep"] = raw["keep"]
    return ProgramExercise(**values)


def parse_program(raw: object, catalog: Catalog) -> Program:
    """Validate raw JSON data against the catalog and return a frozen Program.

    Raises:
        ProgramError: for the first problem found, naming the field and the bad value.
    """
    data = _object(raw, "(program)", PROGRAM_FIELDS)
    values: dict[str, Any] = {}
    for name, (limit, multiline) in _TEXT.items():
        if name in data:
            values[name] = _text(data, name, name, limit, multiline)
    if not values.get("title", DEFAULT_TITLE):
        values["title"] = DEFAULT_TITLE
    for name in ("start", "review"):
        if name in data:
            values[name] = _date(data, name)
    if values.get("start") and values.get("review") and values["review"] < values["start"]:
        raise ProgramError(
            "review", f"expected a date on or after the start ({values['start']}), found {values['review']!r}"
        )
    if data.get("sessions_per_week") is not None:
        values["sessions_per_week"] = _integer(data, "sessions_per_week", "sessions_per_week")
    if "conditions" in data:
        conditions = data["conditions"]
        known = [c.id for c in catalog.conditions]
        if not isinstance(conditions, list):
            raise ProgramError("conditions", f"expected a list of condition ids, found {_show(conditions)}")
        for i, item in enumerate(conditions):
            if not isinstance(item, str) or item not in known:
                raise ProgramError(
                    f"conditions[{i}]", f"expected a condition id ({', '.join(known)}), found {_show(item)}"
                )
        values["conditions"] = tuple(c for c in known if c in conditions)
    exercises = data.get("exercises", [])
    if not isinstance(exercises, list):
        raise ProgramError("exercises", f"expected a list of exercises, found {_show(exercises)}")
    if len(exercises) > MAX_EXERCISES:
        raise ProgramError(
            "exercises", f"expected at most {MAX_EXERCISES} exercises (two pages), found {len(exercises)}"
        )
    values["exercises"] = tuple(_exercise(item, i, catalog) for i, item in enumerate(exercises))
    return Program(**values)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ProgramError(_field_name(key), f"given twice, found {_show(seen[key])} and then {_show(value)}")
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise ProgramError("(json)", f"not valid JSON: {name} is not a JSON number")


def parse_program_json(text: str, catalog: Catalog) -> Program:
    """Parse program JSON text and validate it (ProgramError with field "(json)" if not JSON)."""
    if len(text) > _MAX_BYTES:
        raise ProgramError("(json)", f"expected a program of at most {_MAX_BYTES} characters, found {len(text)}")
    if _nesting_depth(text) > _MAX_DEPTH:
        raise ProgramError("(json)", f"not valid JSON for a program: nested more than {_MAX_DEPTH} levels deep")
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except ProgramError:
        raise
    except json.JSONDecodeError as exc:
        raise ProgramError("(json)", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise ProgramError("(json)", f"not valid JSON for a program: {str(exc)[:80]}") from None
    return parse_program(raw, catalog)


def program_to_plain(program: Program, *, patient: bool = True) -> dict[str, Any]:
    """The program as JSON data, leaving out what is at its default; `patient=False` drops the name."""
    plain: dict[str, Any] = {}
    default = Program()
    for name in PROGRAM_FIELDS:
        value = getattr(program, name)
        if name == "exercises":
            plain[name] = [
                {
                    k: getattr(ex, k)
                    for k in EXERCISE_FIELDS
                    if k == "id" or getattr(ex, k) != getattr(ProgramExercise(ex.id), k)
                }
                for ex in value
            ]
        elif value != getattr(default, name) and (patient or name != "patient"):
            plain[name] = list(value) if isinstance(value, tuple) else value
    return plain


# ---------------------------------------------------------------------------------------
# Doses and warnings


def dose_fields(ex: Exercise) -> tuple[str, ...]:
    """The dose fields an exercise takes: sets, reps or reps_per_leg, and a hold if it has one."""
    reps = "reps_per_leg" if ex.dosage.per_leg else "reps"
    return ("sets", reps, "hold_seconds") if ex.dosage.hold_seconds else ("sets", reps)


def dose_ranges(ex: Exercise) -> dict[str, tuple[int, int]]:
    """The source's own range for each dose field it gives (a hold is a single number)."""
    d = ex.dosage
    ranges = {("reps_per_leg" if d.per_leg else "reps"): (d.reps.min, d.reps.max)}
    if d.sets is not None:
        ranges["sets"] = (d.sets.min, d.sets.max)
    if d.hold_seconds:
        ranges["hold_seconds"] = (d.hold_seconds, d.hold_seconds)
    return ranges


_UNITS = {
    "sets": "sets",
    "reps": "repetitions",
    "reps_per_leg": "repetitions on each leg",
    "hold_seconds": "seconds' hold",
}


def _dose_warnings(item: ProgramExercise, ex: Exercise) -> list[str]:
    out = []
    ranges = dose_ranges(ex)
    for name in _DOSE:
        value = getattr(item, name)
        if value is None:
            continue
        if name not in ranges:
            if name == "hold_seconds":
                out.append(f"A {value}-second hold: the source gives no hold for {ex.name.lower()}.")
            continue
        lo, hi = ranges[name]
        if not lo <= value <= hi:
            source = range_text(RepRange(lo, hi))
            out.append(f"{value} {_UNITS[name]} is outside the source's dose ({source} {_UNITS[name]}).")
    return out


def program_warnings(program: Program, catalog: Catalog) -> list[dict[str, Any]]:
    """What the planner would not do, exercise by exercise: [{index, id, kind, text}].

    `index` is the exercise's place in the program (-1 for the program as a whole); `kind` is
    "condition" (the planner's own reason for leaving it out) or "dose".
    """
    ticked: list[Condition] = [catalog.condition(c) for c in program.conditions]
    out: list[dict[str, Any]] = []
    refer = [c for c in ticked if c.effect == "refer"]
    if refer:
        names = join_words([lower_first(c.name) for c in refer])
        out.append(
            {
                "index": -1,
                "id": "",
                "kind": "condition",
                "text": f"With {names}, the guide's planner gives no exercises until a clinician has checked the person.",
            }
        )
    for i, item in enumerate(program.exercises):
        ex = catalog.exercise(item.id)
        for reason in _condition_reasons(ex, ticked):
            out.append({"index": i, "id": item.id, "kind": "condition", "text": reason.text})
        for text in _dose_warnings(item, ex):
            out.append({"index": i, "id": item.id, "kind": "dose", "text": text})
    return out


def sheet_exercises(program: Program, warnings: list[dict[str, Any]]) -> list[ProgramExercise]:
    """The exercises that go on the sheet: those with no warning, or kept in spite of one."""
    flagged = {w["index"] for w in warnings if w["index"] >= 0}
    return [ex for i, ex in enumerate(program.exercises) if i not in flagged or ex.keep]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def exercise_dose_text(item: ProgramExercise, ex: Exercise) -> str:
    """The dose in words, from what the clinician gave, else from the source's dose."""
    if all(getattr(item, n) is None for n in _DOSE):
        d = ex.dosage
        parts = [f"{range_text(d.sets)} sets" if d.sets else "", f"{range_text(d.reps)} repetitions"]
        text = " of ".join(p for p in parts if p)
        if d.per_leg:
            text += " on each leg"
        if d.hold_seconds:
            text += f", hold {d.hold_seconds} seconds"
        return text
    parts = []
    reps = item.reps if item.reps is not None else item.reps_per_leg
    if item.sets is not None:
        parts.append(_plural(item.sets, "set"))
    if reps is not None:
        parts.append(_plural(reps, "repetition") + (" on each leg" if item.reps_per_leg is not None else ""))
    text = " of ".join(parts)
    if item.hold_seconds is not None:
        if reps is None and item.sets is not None:  # a held exercise: "4 sets of a 20-second hold"
            text = f"{text} of a {item.hold_seconds}-second hold"
        else:
            hold = f"hold {_plural(item.hold_seconds, 'second')}"
            text = f"{text}, {hold}" if text else hold
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------
# From a plan, and into a link


def program_from_plan(plan: dict[str, Any], title: str = "Hip extension program") -> dict[str, Any]:
    """A program (JSON data) holding a plan's exercises and doses, each once, in session order."""
    sessions = plan.get("sessions") or []
    where: dict[str, list[str]] = {}
    first: dict[str, dict[str, Any]] = {}
    for s in sessions:
        for ex in s.get("exercises", []):
            first.setdefault(ex["id"], ex)
            where.setdefault(ex["id"], []).append(s["name"])
    profile = plan.get("profile") or {}
    out: dict[str, Any] = {"title": title}
    if plan.get("schedule", {}).get("sessions_per_week"):
        out["sessions_per_week"] = plan["schedule"]["sessions_per_week"]
    if profile.get("conditions"):
        out["conditions"] = list(profile["conditions"])
    exercises = []
    for ex_id, ex in first.items():
        item: dict[str, Any] = {"id": ex_id, "sets": ex["sets"]}
        for name in ("reps", "reps_per_leg"):
            if name in ex:
                value = ex[name]
                item[name] = value if isinstance(value, int) else value["min"]
        if ex.get("hold_seconds"):
            item["hold_seconds"] = ex["hold_seconds"]
        if len(sessions) > 1:
            item["notes"] = (
                "Every session." if len(where[ex_id]) == len(sessions) else f"{join_words(where[ex_id])} only."
            )
        exercises.append(item)
    out["exercises"] = exercises[:MAX_EXERCISES]
    return out


def program_from_profile(profile_json: str, catalog: Catalog) -> dict[str, Any]:
    """The program for a planner profile (JSON text): the planner's plan, as a program."""
    from .plan import make_plan

    try:
        raw = json.loads(profile_json)
        profile = parse_profile(raw, catalog)
    except (ValueError, ProfileError) as exc:
        detail = exc.message if isinstance(exc, ProfileError) else "not valid JSON"
        raise ProgramError("(plan)", f"the plan's answers could not be read: {detail}") from None
    return program_from_plan(make_plan(catalog, profile))


# Short keys for links (docs/assets/program/link.js uses the same table): a six-exercise program
# then fits in a link of a few hundred characters.
LINK_KEYS: dict[str, str] = {
    "title": "t",
    "patient": "p",
    "clinician": "c",
    "contact": "k",
    "start": "s",
    "review": "r",
    "sessions_per_week": "w",
    "notes": "n",
    "conditions": "x",
    "exercises": "e",
}
LINK_EXERCISE_KEYS: dict[str, str] = {
    "id": "i",
    "sets": "s",
    "reps": "r",
    "reps_per_leg": "l",
    "hold_seconds": "h",
    "side": "d",
    "load": "o",
    "notes": "n",
    "keep": "k",
}


def _rename(data: Any, top: dict[str, str], inner: dict[str, str]) -> Any:
    """Rename a program's keys with the two tables (unknown keys are kept, so validation names them)."""
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = top.get(key, key) if isinstance(key, str) else key
        if name in ("e", "exercises") and isinstance(value, list):
            value = [
                {inner.get(k, k): v for k, v in item.items()} if isinstance(item, dict) else item for item in value
            ]
        out[name] = value
    return out


def encode_fragment(plain: dict[str, Any]) -> str:
    """A program as a short link fragment: "p=" + base64url of raw-deflated JSON with short keys."""
    short = _rename(plain, LINK_KEYS, LINK_EXERCISE_KEYS)
    text = json.dumps(short, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(text) + packer.flush()
    return "p=" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_fragment(fragment: str) -> str:
    """The program JSON text (long keys) in a link fragment ("p=" deflated, or "j=" plain base64url JSON).

    Raises:
        ProgramError: field "(link)", when the fragment is not a program.
    """
    kind, _, body = fragment.partition("=")
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        if kind == "p":
            unpacker = zlib.decompressobj(-15)
            data = unpacker.decompress(data, _MAX_BYTES + 1)
            if len(data) > _MAX_BYTES or unpacker.unconsumed_tail:
                raise ValueError("too long")
        elif kind != "j":
            raise ValueError("unknown kind")
        short = json.loads(data.decode("utf-8"))
    except (ValueError, zlib.error):
        raise ProgramError("(link)", "the program in this link is damaged or incomplete") from None
    back = {v: k for k, v in LINK_KEYS.items()}
    back_inner = {v: k for k, v in LINK_EXERCISE_KEYS.items()}
    return json.dumps(_rename(short, back, back_inner), ensure_ascii=False)


def _json_schema_object(props: dict[str, Any], doc: str) -> dict[str, Any]:
    return {"type": "object", "description": doc, "properties": props, "additionalProperties": False}


def _int_schema(name: str, doc: str) -> dict[str, Any]:
    low, high = LIMITS[name]
    return {"type": "integer", "minimum": low, "maximum": high, "description": doc}


def _text_schema(limit: int, doc: str) -> dict[str, Any]:
    return {"type": "string", "maxLength": limit, "description": doc}


PROGRAM_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Hip extension guide: exercise program (python -m generator program --spec FILE)",
    **_json_schema_object(
        {
            "title": _text_schema(_TEXT["title"][0], "Heading of the sheet."),
            "patient": _text_schema(_TEXT["patient"][0], "The person's name (kept out of shared links unless asked)."),
            "clinician": _text_schema(_TEXT["clinician"][0], "Clinician or clinic name."),
            "contact": _text_schema(_TEXT["contact"][0], "How to reach the clinician: phone, email."),
            "start": {"type": "string", "format": "date", "description": "Start date, YYYY-MM-DD."},
            "review": {
                "type": "string",
                "format": "date",
                "description": "Review date, YYYY-MM-DD, not before the start.",
            },
            "sessions_per_week": _int_schema("sessions_per_week", "Sessions a week."),
            "notes": _text_schema(_TEXT["notes"][0], "A general note for the person."),
            "conditions": {
                "type": "array",
                "items": {"type": "string"},
                "x-refers-to": "condition",
                "description": "Condition ids the person has: exercises they rule out are flagged.",
            },
            "exercises": {
                "type": "array",
                "maxItems": MAX_EXERCISES,
                "description": "The exercises, in order.",
                "items": {
                    **_json_schema_object(
                        {
                            "id": {"type": "string", "x-refers-to": "exercise", "description": "Exercise id."},
                            "sets": _int_schema("sets", "Sets."),
                            "reps": _int_schema("reps", "Repetitions a set (exercises that work both legs at once)."),
                            "reps_per_leg": _int_schema("reps_per_leg", "Repetitions on each leg (one-leg exercises)."),
                            "hold_seconds": _int_schema("hold_seconds", "Seconds to hold the top position."),
                            "side": {"enum": list(SIDES), "description": "Which side: both (default), left or right."},
                            "load": _text_schema(_EXERCISE_TEXT["load"][0], "Load or variation, in words."),
                            "notes": _text_schema(_EXERCISE_TEXT["notes"][0], "A note for this exercise."),
                            "keep": {"type": "boolean", "description": "Keep it on the sheet in spite of a warning."},
                        },
                        "One exercise and its dose.",
                    ),
                    "required": ["id"],
                },
            },
        },
        "An exercise program: one printed sheet for one person.",
    ),
}
