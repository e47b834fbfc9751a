"""Build a Catalog from raw mappings, checking every field and cross-reference.

Pure standard library: the browser rebuilds the catalog from the JSON the build ships
(`catalog_from_plain`), through the same conversion the YAML loader uses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from .errors import DataError, Problem
from .model import (
    TRAITS,
    Catalog,
    Condition,
    EquipmentItem,
    Exercise,
    Muscle,
    SamplePlan,
    Source,
    Topic,
)
from .schema import convert, to_plain

__all__ = ["KINDS", "build_catalog", "catalog_from_plain", "catalog_to_plain"]

# Folder name under data/ -> model class. The order is the order of Catalog's fields.
KINDS: dict[str, type] = {
    "exercises": Exercise,
    "muscles": Muscle,
    "equipment": EquipmentItem,
    "conditions": Condition,
    "topics": Topic,
    "plans": SamplePlan,
    "sources": Source,
}

# A file the loader could not read (its problem is already reported): the item it declares
# still counts as known, so references to it are not reported as unknown ids as well.
UNREADABLE: Any = object()

# Extra checks contributed by other modules (e.g. the planner checks sample profiles).
# Each is called as check(catalog, files, problems) once the catalog converted cleanly.
CHECKS: list = []


def build_catalog(raw: dict[str, list[tuple[str, Any]]], problems: list[Problem]) -> Catalog:
    """Convert raw (file name, mapping) pairs per kind into a Catalog.

    Problems are appended to `problems`; the returned catalog holds only the items that
    converted cleanly, so callers must check `problems` before trusting it.
    """
    items: dict[str, list[Any]] = {}
    files: dict[tuple[str, str], str] = {}  # (kind, id) -> file
    for kind, cls in KINDS.items():
        converted = []
        for file, value in raw.get(kind, []):
            if value is UNREADABLE:
                continue
            if value is None:
                problems.append(Problem(file, "(file)", "expected a mapping of fields, found an empty file"))
                continue
            item = convert(value, cls, "", problems, file)
            if item is None:
                continue
            stem = file.rsplit("/", 1)[-1].removesuffix(".yaml").removesuffix(".json")
            if file.endswith((".yaml", ".json")) and item.id != stem:
                problems.append(Problem(file, "id", f"expected {stem!r} (the file name), found {item.id!r}"))
            if (kind, item.id) in files:
                problems.append(Problem(file, "id", f"duplicate id {item.id!r}, also in {files[kind, item.id]}"))
                continue
            files[kind, item.id] = file
            converted.append(item)
        converted.sort(key=lambda it: (getattr(it, "order", 0), it.id))
        items[kind] = converted
    catalog = Catalog(**{kind: tuple(items[kind]) for kind in KINDS})
    # Items that failed to convert still exist: references to them are not reported twice.
    declared = {kind: {_declared_id(file, value) for file, value in raw.get(kind, [])} for kind in KINDS}
    _check_references(catalog, files, declared, problems)
    _check_cycles(catalog, files, problems)
    if not problems:
        for check in CHECKS:
            check(catalog, files, problems)
    return catalog


def _declared_id(file: str, value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    return file.rsplit("/", 1)[-1].removesuffix(".yaml")


def _check_references(
    catalog: Catalog,
    files: dict[tuple[str, str], str],
    declared: dict[str, set[str]],
    problems: list[Problem],
) -> None:
    ids = {
        "exercise": declared["exercises"],
        "muscle": declared["muscles"],
        "equipment": declared["equipment"],
        "source": declared["sources"],
    }

    def check(file: str, path: str, kind: str, values: Iterable[str]) -> None:
        for i, value in enumerate(values):
            if value is not None and value not in ids[kind]:
                known = ", ".join(sorted(ids[kind])) or "none"
                problems.append(Problem(file, f"{path}[{i}]", f"unknown {kind} id {value!r} (known: {known})"))

    for ex in catalog.exercises:
        file = files["exercises", ex.id]
        check(file, "equipment.required", "equipment", ex.equipment.required)
        check(file, "equipment.optional", "equipment", ex.equipment.optional)
        for g, group in enumerate(ex.equipment.one_of):
            check(file, f"equipment.one_of[{g}]", "equipment", group)
        check(file, "primary_muscles", "muscle", ex.primary_muscles)
        check(file, "secondary_muscles", "muscle", ex.secondary_muscles)
        for name in ("progressions", "regressions", "alternatives"):
            check(file, name, "exercise", getattr(ex, name))
            if ex.id in getattr(ex, name):
                problems.append(Problem(file, name, f"an exercise cannot list itself, found {ex.id!r}"))
        if not ex.steps:
            problems.append(Problem(file, "steps", "expected at least one step, found an empty list"))
        if not ex.primary_muscles:
            problems.append(Problem(file, "primary_muscles", "expected at least one muscle, found an empty list"))
        for name, rng in (("dosage.reps", ex.dosage.reps), ("dosage.sets", ex.dosage.sets)):
            if rng is not None and not (1 <= rng.min <= rng.max):
                problems.append(Problem(file, name, f"expected 1 <= min <= max, found min {rng.min}, max {rng.max}"))
    by_id = {e.id: e for e in catalog.exercises}
    mirror = {"progressions": "regressions", "regressions": "progressions", "alternatives": "alternatives"}
    for ex in catalog.exercises:
        for name, other_name in mirror.items():
            for other_id in getattr(ex, name):
                other = by_id.get(other_id)
                if other is not None and ex.id not in getattr(other, other_name):
                    problems.append(
                        Problem(
                            files["exercises", other_id],
                            other_name,
                            f"expected {ex.id!r} (because {ex.id} lists {other_id} in {name}), found "
                            f"{list(getattr(other, other_name))}",
                        )
                    )
    for cond in catalog.conditions:
        file = files["conditions", cond.id]
        for i, trait in enumerate(cond.excludes):
            if trait not in TRAITS:
                problems.append(
                    Problem(file, f"excludes[{i}]", f"unknown trait {trait!r} (known: {', '.join(TRAITS)})")
                )
        check(file, "prefer", "exercise", cond.prefer)
        if cond.excludes and not cond.reason:
            problems.append(Problem(file, "reason", "required when excludes is not empty, found nothing"))
        if cond.effect == "refer" and (cond.urgency is None or not cond.urgency_text):
            problems.append(
                Problem(file, "urgency", "required when effect is refer (with urgency_text): how soon, found nothing")
            )
    studies = {s.id for s in catalog.sources if s.kind == "study"}
    for src in catalog.sources:
        file = files["sources", src.id]
        if src.kind == "study":
            if not (src.doi or src.pmid or src.pmcid):
                problems.append(Problem(file, "doi", "a study needs a doi, pmid or pmcid, found none"))
            for name in ("authors", "journal"):
                if not getattr(src, name):
                    problems.append(Problem(file, name, "required for a study, found nothing"))
            if src.year is None:
                problems.append(Problem(file, "year", "required for a study, found nothing"))
    for kind in ("exercises", "muscles", "conditions", "topics"):
        for item in getattr(catalog, kind):
            _check_basis(files[kind, item.id], item, studies, problems)
    for ex in catalog.exercises:
        for i, ev in enumerate(ex.evidence):
            if ev.source in ids["source"] and ev.source not in studies:
                problems.append(
                    Problem(
                        files["exercises", ex.id], f"evidence[{i}].source", f"expected a study, found {ev.source!r}"
                    )
                )
            check(files["exercises", ex.id], f"evidence[{i}].muscle", "muscle", [ev.muscle])


def _entries(value: Any) -> list[str]:
    """The texts (or ids, or names) a field holds, for checking a basis entry's quote or item."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list)):
        return [text for v in value for text in _entries(v)]
    if dataclasses.is_dataclass(value):
        return [text for f in dataclasses.fields(value) for text in _entries(getattr(value, f.name))]
    return [str(value)] if value is not None else []


def _check_basis(file: str, item: Any, studies: set[str], problems: list[Problem]) -> None:
    """Every basis entry names a real field, says why (guide) or which studies (study), and matches."""
    names = {f.name for f in dataclasses.fields(item)} - {"id", "basis"}
    for i, basis in enumerate(item.basis):
        path = f"basis[{i}]"
        if basis.field != "item" and basis.field not in names:
            known = ", ".join(sorted(names))
            problems.append(
                Problem(file, f"{path}.field", f"expected 'item' or a field ({known}), found {basis.field!r}")
            )
            continue
        if basis.kind == "guide" and not basis.reason.strip():
            problems.append(Problem(file, f"{path}.reason", "a guide's choice needs a reason, found nothing"))
        if basis.kind == "study" and not basis.refs:
            problems.append(Problem(file, f"{path}.refs", "kind study needs the ids of its studies, found none"))
        for j, ref in enumerate(basis.refs):
            if ref not in studies:
                known = ", ".join(sorted(studies)) or "none"
                problems.append(Problem(file, f"{path}.refs[{j}]", f"unknown study id {ref!r} (known: {known})"))
        value = None if basis.field == "item" else getattr(item, basis.field)
        if basis.quote and not any(basis.quote in text for text in _entries(value)):
            problems.append(Problem(file, f"{path}.quote", f"not found in {basis.field}: {basis.quote[:60]!r}"))
        if basis.item:
            entries = list(value) if isinstance(value, tuple) else []
            keys = [getattr(e, "name", e) for e in entries]
            if basis.item not in keys:
                problems.append(Problem(file, f"{path}.item", f"not an entry of {basis.field}: {basis.item!r}"))


def _check_cycles(catalog: Catalog, files: dict[tuple[str, str], str], problems: list[Problem]) -> None:
    """Progressions lead to harder exercises, so following them can never come back round."""
    harder = {ex.id: [p for p in ex.progressions if p != ex.id] for ex in catalog.exercises}
    done: set[str] = set()
    for start in sorted(harder):
        path: list[str] = []
        on_path: set[str] = set()
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:  # an explicit stack: a long chain in the data cannot exhaust Python's
            node, i = stack.pop()
            if i == 0:
                if node in done:
                    continue
                if node in on_path:
                    cycle = path[path.index(node) :] + [node]
                    problems.append(
                        Problem(
                            files["exercises", cycle[0]],
                            "progressions",
                            f"expected no way back to an easier exercise, found the cycle {' -> '.join(cycle)}",
                        )
                    )
                    done.update(cycle)
                    continue
                path.append(node)
                on_path.add(node)
            nexts = harder.get(node, [])
            if i < len(nexts):
                stack.append((node, i + 1))
                stack.append((nexts[i], 0))
            else:
                path.pop()
                on_path.discard(node)
                done.add(node)


def catalog_to_plain(catalog: Catalog) -> dict[str, Any]:
    """The catalog as JSON-ready data (what the browser receives)."""
    return {kind: [to_plain(item) for item in getattr(catalog, kind)] for kind in KINDS}


def catalog_from_plain(data: dict[str, Any]) -> Catalog:
    """Rebuild a catalog from `catalog_to_plain` output (raises DataError if it is not one)."""
    problems: list[Problem] = []
    raw = {kind: [(f"catalog.json:{kind}[{i}]", v) for i, v in enumerate(data.get(kind, []))] for kind in KINDS}
    catalog = build_catalog(raw, problems)
    if problems:
        raise DataError(problems)
    return catalog
