"""Turn raw mappings into the frozen model, and describe the model as JSON Schema.

Both directions walk the dataclass type hints of :mod:`generator.model`, so the model is
the one source of truth: the validator's rules and the shipped JSON Schema cannot drift.
Pure standard library (it also decodes the catalog JSON inside Pyodide).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, Literal, Union

from .errors import Problem
from .markup import ID_PATTERN, is_id

__all__ = ["convert", "json_schema", "to_plain", "type_name"]


def type_name(value: object, mapping: str = "mapping") -> str:
    """A reader's name for the JSON/YAML type of a value (`mapping` names dicts: "object" for JSON)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return mapping
    return type(value).__name__


def _show(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        return f"an integer of {len(str(abs(value)))} digits"
    text = repr(value) if isinstance(value, str) else type_name(value)
    if isinstance(value, (bool, int, float)) and not isinstance(value, type(None)):
        text = f"{type_name(value)} {value!r}".replace("True", "true").replace("False", "false")
    return text if len(text) <= 60 else text[:57] + "..."


@functools.cache  # the model's classes only: a few dozen, and get_type_hints is slow
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_optional(tp: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return True, args[0]
    return False, tp


def convert(value: Any, tp: Any, path: str, problems: list[Problem], file: str) -> Any:
    """Convert `value` to type `tp`, appending a Problem for each mismatch.

    Returns the converted value, or None where it could not be converted. Valid values (nearly
    all of them) are converted by a checker compiled once per type, which stops at the first
    mismatch; the value is then walked again by the interpreting converter below, which finds
    and words every problem. So the result and the problems are the interpreter's either way.
    """
    try:
        return _compiled(tp)(value)
    except _Mismatch:
        return _convert(value, tp, path, problems, file)


class _Mismatch(Exception):
    """Raised by a compiled checker: the value has at least one problem (the interpreter words it)."""


_MISMATCH = _Mismatch()


def _fail() -> Any:
    raise _MISMATCH


@functools.cache  # one checker per type of the model: a few dozen
def _compiled(tp: Any) -> Any:
    """A function converting a valid value of type `tp` exactly as `_convert` does, raising _Mismatch otherwise."""
    optional, inner = _is_optional(tp)
    if optional:
        checker = _compiled(inner)
        return lambda v: None if v is None else checker(v)
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        return _compiled_dataclass(tp)
    if origin is Literal:
        choices = typing.get_args(tp)
        return lambda v: v if v in choices and not isinstance(v, bool) else _fail()
    if origin is tuple:
        item = _compiled(typing.get_args(tp)[0])
        return lambda v: tuple(map(item, v)) if isinstance(v, list) else _fail()
    if tp is dict or origin is dict:
        return lambda v: v if isinstance(v, dict) else _fail()
    if tp is bool:
        return lambda v: v if isinstance(v, bool) else _fail()
    if tp is int:
        return lambda v: v if isinstance(v, int) and not isinstance(v, bool) else _fail()
    if tp is str:
        return lambda v: v if isinstance(v, str) else _fail()
    raise TypeError(f"unsupported type in model: {tp!r}")  # a bug in model.py, not user input


def _may_hold(tp: Any, kind: type, deep: bool) -> bool:
    """Whether a converted value of type `tp` can have a `kind` leaf that `_leaves` would visit."""
    _, tp = _is_optional(tp)
    if tp is kind:
        return True
    if typing.get_origin(tp) is Literal:
        return any(isinstance(c, kind) and not isinstance(c, bool) for c in typing.get_args(tp))
    if typing.get_origin(tp) is tuple:
        return _may_hold(typing.get_args(tp)[0], kind, deep)
    if deep and dataclasses.is_dataclass(tp):
        hints = _hints(typing.cast(type, tp))
        return any(_may_hold(hints[g.name], kind, deep) for g in dataclasses.fields(tp))
    return False


def _compiled_dataclass(cls: Any) -> Any:
    hints = _hints(cls)
    names = frozenset(f.name for f in dataclasses.fields(cls))
    plan = []
    for f in dataclasses.fields(cls):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ids = (f.name == "id" or bool(f.metadata.get("ref"))) and _may_hold(hints[f.name], str, False)
        bounds = f.metadata.get("bounds")
        deep = bounds is not None
        ints = (bounds or DEFAULT_BOUNDS) if _may_hold(hints[f.name], int, deep) else None
        plan.append((f.name, _compiled(hints[f.name]), required, f.default is dataclasses.MISSING, ids, ints, deep))

    def check(value: Any) -> Any:
        if not isinstance(value, dict) or not names.issuperset(value):
            _fail()
        kwargs = {}
        for name, checker, required, no_default, ids, ints, deep in plan:
            if name not in value:
                if required:
                    _fail()
                continue
            v = kwargs[name] = checker(value[name])
            if no_default and v == "":
                _fail()
            if ids and not all(is_id(text) for _, text in _leaves(v, "", str, False)):
                _fail()
            if ints and not all(ints[0] <= n <= ints[1] for _, n in _leaves(v, "", int, deep)):
                _fail()
        return cls(**kwargs)

    return check


def _convert(value: Any, tp: Any, path: str, problems: list[Problem], file: str) -> Any:
    """The interpreting converter: walks `value` against `tp` and words every mismatch."""
    optional, inner = _is_optional(tp)
    if value is None:
        if optional:
            return None
        problems.append(Problem(file, path, f"expected {_describe(inner)}, found null"))
        return None
    tp = inner
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        return _convert_dataclass(value, tp, path, problems, file)
    if origin is Literal:
        choices = typing.get_args(tp)
        if value not in choices or isinstance(value, bool):
            allowed = ", ".join(repr(c) for c in choices)
            problems.append(Problem(file, path, f"expected one of {allowed}, found {_show(value)}"))
            return None
        return value
    if origin is tuple:
        if not isinstance(value, list):
            problems.append(Problem(file, path, f"expected a list, found {_show(value)}"))
            return None
        item_tp = typing.get_args(tp)[0]
        return tuple(_convert(v, item_tp, f"{path}[{i}]", problems, file) for i, v in enumerate(value))
    if tp is dict or origin is dict:
        if not isinstance(value, dict):
            problems.append(Problem(file, path, f"expected a mapping, found {_show(value)}"))
            return None
        return value
    if tp is bool:
        if not isinstance(value, bool):
            problems.append(Problem(file, path, f"expected true or false, found {_show(value)}"))
            return None
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(Problem(file, path, f"expected an integer, found {_show(value)}"))
            return None
        return value
    if tp is str:
        if not isinstance(value, str):
            problems.append(Problem(file, path, f"expected a string, found {_show(value)}"))
            return None
        return value
    raise TypeError(f"unsupported type in model: {tp!r}")  # a bug in model.py, not user input


def _convert_dataclass(value: Any, cls: Any, path: str, problems: list[Problem], file: str) -> Any:
    if not isinstance(value, dict):
        problems.append(Problem(file, path or "(top level)", f"expected a mapping, found {_show(value)}"))
        return None
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    ok = True
    prefix = f"{path}." if path else ""
    for key in value:
        if key not in names:
            known = ", ".join(sorted(names))
            problems.append(Problem(file, f"{prefix}{key}", f"unknown field (known fields: {known})"))
            ok = False
    for f in dataclasses.fields(cls):
        fpath = f"{prefix}{f.name}"
        if f.name not in value:
            has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
            if not has_default:
                problems.append(
                    Problem(file, fpath, f"required field is missing (expected {_describe(hints[f.name])})")
                )
                ok = False
            continue
        before = len(problems)
        kwargs[f.name] = _convert(value[f.name], hints[f.name], fpath, problems, file)
        if kwargs[f.name] == "" and f.default is dataclasses.MISSING:
            problems.append(Problem(file, fpath, "expected text, found an empty string"))
        _check_field(f, kwargs[f.name], fpath, problems, file)
        ok = ok and len(problems) == before
    return cls(**kwargs) if ok else None


DEFAULT_BOUNDS = (0, 999_999)


def _leaves(value: Any, path: str, kind: type, deep: bool) -> list[tuple[str, Any]]:
    """(path, value) of every `kind` value in a converted field: in tuples, and in dataclasses if deep."""
    if isinstance(value, kind) and not isinstance(value, bool):
        return [(path, value)]
    if isinstance(value, tuple):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, f"{path}[{i}]", kind, deep)]
    if deep and dataclasses.is_dataclass(value):
        parts = [(getattr(value, g.name), f"{path}.{g.name}") for g in dataclasses.fields(value)]
        return [leaf for v, where in parts for leaf in _leaves(v, where, kind, deep)]
    return []


def _check_field(f: dataclasses.Field, value: Any, path: str, problems: list[Problem], file: str) -> None:
    """Ids (the `id` field and references) are restricted; integers lie within the field's bounds."""
    if f.name == "id" or f.metadata.get("ref"):
        for where, text in _leaves(value, path, str, deep=False):
            if not is_id(text):
                message = "expected an id of lower-case letters, digits and hyphens (at most 64)"
                problems.append(Problem(file, where, f"{message}, found {_show(text)}"))
    bounds = f.metadata.get("bounds")
    low, high = bounds or DEFAULT_BOUNDS
    for where, number in _leaves(value, path, int, deep=bounds is not None):
        if not low <= number <= high:
            problems.append(Problem(file, where, f"expected an integer from {low} to {high}, found {_show(number)}"))


def _describe(tp: Any) -> str:
    optional, tp = _is_optional(tp)
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        text = "a mapping"
    elif origin is Literal:
        text = "one of " + ", ".join(repr(c) for c in typing.get_args(tp))
    elif origin is tuple:
        text = "a list"
    elif tp is dict or origin is dict:
        text = "a mapping"
    else:
        text = {bool: "true or false", int: "an integer", str: "a string"}.get(tp, str(tp))
    return f"{text} or null" if optional else text


def to_plain(obj: Any) -> Any:
    """The model as JSON-ready plain data (tuples become lists)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj


def json_schema(cls: type, title: str) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for one data file holding a `cls`."""
    schema = _schema_for(cls)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def _annotate(schema: dict[str, Any], f: dataclasses.Field) -> None:
    """Add a field's id pattern, integer bounds and text kind to its schema (and its items')."""
    for part in [schema, *schema.get("anyOf", [])]:
        items = part.get("items", {})
        for target in (part, items, items.get("items", {})):
            if target.get("type") == "string" and (f.name == "id" or f.metadata.get("ref")):
                target["pattern"] = ID_PATTERN
            if target.get("type") == "string" and f.metadata.get("text") == "markdown":
                target["contentMediaType"] = "text/markdown"
            if target.get("type") == "integer":
                target["minimum"], target["maximum"] = f.metadata.get("bounds") or DEFAULT_BOUNDS
        if f.metadata.get("bounds") and part.get("type") == "object":
            for sub in part.get("properties", {}).values():
                if sub.get("type") == "integer":
                    sub["minimum"], sub["maximum"] = f.metadata["bounds"]


def _schema_for(tp: Any, doc: str = "") -> dict[str, Any]:
    optional, tp = _is_optional(tp)
    origin = typing.get_origin(tp)
    out: dict[str, Any]
    if dataclasses.is_dataclass(tp):
        hints = _hints(typing.cast(type, tp))
        props = {}
        required = []
        for f in dataclasses.fields(tp):
            props[f.name] = _schema_for(hints[f.name], f.metadata.get("doc", ""))
            ref = f.metadata.get("ref")
            if ref:
                props[f.name]["x-refers-to"] = ref
            _annotate(props[f.name], f)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                required.append(f.name)
        out = {"type": "object", "properties": props, "required": required, "additionalProperties": False}
        if tp.__doc__:
            out["description"] = tp.__doc__.strip().splitlines()[0]
    elif origin is Literal:
        out = {"enum": list(typing.get_args(tp))}
    elif origin is tuple:
        out = {"type": "array", "items": _schema_for(typing.get_args(tp)[0])}
    elif tp is dict or origin is dict:
        out = {"type": "object"}
    else:
        out = {"type": {bool: "boolean", int: "integer", str: "string"}[tp]}
        if tp is str:
            out["minLength"] = 1
    if optional:
        out = {"anyOf": [out, {"type": "null"}]}
    if doc:
        out["description"] = doc
    return out
