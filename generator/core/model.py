"""The canonical, frozen data model of the guide.

Pure standard library: this module runs unchanged under Pyodide. Every stage after
loading trusts these objects; :mod:`generator.schema` turns raw YAML/JSON into them.

Field metadata:
    ``ref``: the kind of item an id (or tuple of ids) refers to, checked by the validator.
    ``doc``: a one-line description, copied into the shipped JSON Schema.
    ``text``: ``"markdown"`` for the fields written in the guide's restricted Markdown; every
        other text field is plain text (see :mod:`generator.core.markup` for both rules, and
        for ids: ``id`` fields and references hold only lower-case letters, digits and hyphens).
    ``bounds``: the inclusive range of every integer in the field (default 0 to 999999).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional

__all__ = [
    "Basis",
    "Catalog",
    "Condition",
    "Dosage",
    "EquipmentItem",
    "EquipmentNeeds",
    "Evidence",
    "Exercise",
    "Muscle",
    "RepRange",
    "SamplePlan",
    "Source",
    "Topic",
    "Variation",
    "TRAITS",
    "exercise_traits",
    "FIELD_CHOICES",
    "LOAD_EQUIPMENT",
]

Level = Literal["beginner", "intermediate", "advanced"]
Position = Literal["supine", "prone", "quadruped", "kneeling", "standing", "seated"]
Chain = Literal["open", "closed"]
Knee = Literal["flexed", "extended", "changes"]
Emphasis = Literal["concentric", "eccentric", "balanced", "isometric"]
Bias = Literal["glutes", "hamstrings", "balanced"]
MuscleGroup = Literal["gluteals", "hamstrings", "adductors", "hip-flexors"]
Role = Literal["primary", "secondary", "antagonist"]
ConditionKind = Literal["contraindication", "indication"]
Effect = Literal["refer", "adapt"]
Section = Literal["concepts", "clinical"]
BasisKind = Literal["source", "study", "guide"]
SourceKind = Literal["document", "study"]
Urgency = Literal["emergency", "same-day", "appointment"]


def _f(
    doc: str,
    ref: str | None = None,
    default: Any = ...,
    *,
    text: Literal["plain", "markdown"] = "plain",
    bounds: tuple[int, int] | None = None,
) -> Any:
    meta: dict[str, Any] = {"doc": doc}
    if ref:
        meta["ref"] = ref
    if text != "plain":
        meta["text"] = text
    if bounds:
        meta["bounds"] = bounds
    if default is ...:
        return field(metadata=meta)
    if isinstance(default, (list, dict)):
        raise TypeError("use tuples for defaults")
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class RepRange:
    """An inclusive range, such as 8 to 12 repetitions."""

    min: int = _f("Lowest value.")
    max: int = _f("Highest value (equal to min for a single number).")


@dataclass(frozen=True)
class Dosage:
    """The dose exactly as the source article gives it."""

    reps: RepRange = _f("Repetitions per set (per leg when per_leg is true).", bounds=(1, 100))
    sets: Optional[RepRange] = _f("Sets; null where the article gives no set count.", default=None, bounds=(1, 10))
    per_leg: bool = _f("True when the reps are done on each leg in turn.", default=False)
    hold_seconds: Optional[int] = _f("Seconds to hold the top position, if any.", default=None, bounds=(1, 120))
    text: str = _f("The dose in words, as shown to readers.", default="")


@dataclass(frozen=True)
class EquipmentNeeds:
    """What an exercise needs: all of `required`, plus one full group of `one_of` if given."""

    required: tuple[str, ...] = _f("Equipment ids that are all needed.", "equipment", ())
    one_of: tuple[tuple[str, ...], ...] = _f("Alternative sets of equipment; one whole set is needed.", "equipment", ())
    optional: tuple[str, ...] = _f("Equipment that helps but is not needed.", "equipment", ())
    note: str = _f("Equipment advice in words.", default="")


@dataclass(frozen=True)
class Variation:
    """A named way to make an exercise easier, harder, or shift its focus."""

    name: str = _f("Short name of the variation.")
    description: str = _f("How to do it and what it changes.")


@dataclass(frozen=True)
class Basis:
    """Where one field's value comes from, when it is not simply the two source documents.

    Fields without a basis entry come from the source documents. A `guide` entry is the
    guide's own choice and needs a reason; a `study` entry names published studies.
    """

    field: str = _f("The field this covers (e.g. 'level'), or 'item' for the whole item.")
    kind: BasisKind = _f(
        "source: the two source documents; study: published studies (give refs); guide: the guide's own choice."
    )
    reason: str = _f("Why the guide chose this (required for kind guide); shown on the choices page.", default="")
    refs: tuple[str, ...] = _f("Ids of published studies under data/sources/ that support it.", "source", ())
    item: str = _f("For a list (progressions, variations...): the one entry (id or name) this covers.", default="")
    quote: str = _f("For text: a phrase of the field's text that the marker follows; it must occur there.", default="")


@dataclass(frozen=True)
class Evidence:
    """What a published electromyography study reports for an exercise (or the closest studied one)."""

    source: str = _f("Id of the study under data/sources/.", "source")
    muscle: str = _f("The muscle measured.", "muscle")
    studied: str = _f("What the study measured, in words (the exercise or group of exercises).")
    result: str = _f("The figures as the study reports them, as a range where it gives one.")
    load: str = _f("The load used, e.g. 'body weight' or 'estimated 10-repetition maximum'.")
    participants: str = _f("Who took part, e.g. '13 trained women' or '39 studies of injury-free people'.")


@dataclass(frozen=True)
class Exercise:
    """One hip extension exercise."""

    id: str = _f("Unique id, the file name without .yaml.")
    name: str = _f("Display name.")
    order: int = _f("Position in the guide's lists (the article's order).")
    summary: str = _f("One or two sentences on what it is and who it suits.")
    level: Level = _f("Lowest training level it suits.")
    equipment: EquipmentNeeds = _f("Equipment needed and optional.")
    position: Position = _f("Body position the exercise starts in.")
    chain: Chain = _f("Open chain (the leg moves freely) or closed chain (the foot or knee is fixed).")
    knee: Knee = _f("Knee position during the hip extension: it shifts work between glutes and hamstrings.")
    emphasis: Emphasis = _f("Whether the exercise stresses the lifting or the lowering phase.")
    bias: Bias = _f("Which hip extensors do most of the work.")
    single_leg: bool = _f("True when one leg works at a time.")
    unstable_surface: bool = _f("True when the body rests on an unstable surface such as a ball.")
    starting_position: str = _f("How to set up before the first rep.")
    steps: tuple[str, ...] = _f("Numbered steps, in order.")
    dosage: Dosage = _f("Sets, reps and holds.")
    primary_muscles: tuple[str, ...] = _f("Muscles that do most of the work.", "muscle")
    secondary_muscles: tuple[str, ...] = _f("Muscles that assist.", "muscle", ())
    tips: tuple[str, ...] = _f("Coaching cues.", default=())
    mistakes: tuple[str, ...] = _f("Common mistakes to avoid.", default=())
    cautions: tuple[str, ...] = _f("Safety notes.", default=())
    variations: tuple[Variation, ...] = _f("Named variations.", default=())
    progressions: tuple[str, ...] = _f("Harder exercises to move on to.", "exercise", ())
    regressions: tuple[str, ...] = _f("Easier exercises to fall back to.", "exercise", ())
    alternatives: tuple[str, ...] = _f("Exercises of similar difficulty that can replace it.", "exercise", ())
    basis: tuple[Basis, ...] = _f("Fields whose value is a study's or the guide's choice (see Basis).", default=())
    evidence: tuple[Evidence, ...] = _f("Published EMG figures for this exercise.", default=())


@dataclass(frozen=True)
class Muscle:
    """A muscle that extends the hip, or an antagonist of hip extension."""

    id: str = _f("Unique id, the file name without .yaml.")
    name: str = _f("Display name.")
    order: int = _f("Position in the guide's lists.")
    group: MuscleGroup = _f("Muscle group.")
    role: Role = _f("Role in hip extension.")
    summary: str = _f("One sentence on the muscle.")
    location: str = _f("Where it is.")
    action: str = _f("What it does at the hip (and knee, if it crosses it).")
    clinical: tuple[str, ...] = _f("What clinicians note about it.", default=())
    training: tuple[str, ...] = _f("How it is trained, or stretched for antagonists.", default=())
    basis: tuple[Basis, ...] = _f("Fields whose value is a study's or the guide's choice (see Basis).", default=())


@dataclass(frozen=True)
class EquipmentItem:
    """A piece of equipment an exercise may need."""

    id: str = _f("Unique id, the file name without .yaml.")
    name: str = _f("Display name.")
    description: str = _f("What it is and how to use it safely.")
    substitute: str = _f("What can stand in for it at home, if anything.", default="")


@dataclass(frozen=True)
class Condition:
    """A health condition the planner must respect."""

    id: str = _f("Unique id, the file name without .yaml.")
    name: str = _f("Display name, in plain words.")
    kind: ConditionKind = _f("A contraindication (a reason not to train yet) or an indication.")
    summary: str = _f("What it means for hip extension training.")
    effect: Effect = _f("refer: see a clinician before training; adapt: train with exclusions and cautions.")
    excludes: tuple[str, ...] = _f("Exercise traits this condition rules out (see TRAITS).", default=())
    reason: str = _f("Why those exercises are left out, shown next to each exclusion.", default="")
    advice: tuple[str, ...] = _f("Cautions added to a plan for this condition.", default=())
    prefer: tuple[str, ...] = _f("Exercises to favour for this condition.", "exercise", ())
    no_power: bool = _f("True when fast, explosive work should be replaced by controlled work.", default=False)
    urgency: Optional[Urgency] = _f(
        "How soon to see a clinician (required when effect is refer): emergency, same-day or appointment.", default=None
    )
    urgency_text: str = _f("What to do, in words, matching the urgency.", default="")
    check_first: bool = _f(
        "True when a plan must start with 'check with a clinician first, and train supervised'.", default=False
    )
    early_stage: bool = _f(
        "True when the plan should start with the early-stage exercises (holds, smaller range).", default=False
    )
    basis: tuple[Basis, ...] = _f("Fields whose value is a study's or the guide's choice (see Basis).", default=())


@dataclass(frozen=True)
class Topic:
    """A page of background: a concept or part of the clinical overview."""

    id: str = _f("Unique id, the file name without .yaml.")
    name: str = _f("Page title.")
    section: Section = _f("Navigation section.")
    order: int = _f("Position within the section.")
    summary: str = _f("One or two sentences shown in lists and at the top of the page.")
    body: str = _f(
        "Page content in the guide's Markdown: paragraphs, headings, lists, tables, emphasis, links to "
        "the guide's pages (relative .md paths) or https: addresses; HTML and anything else shows as text.",
        text="markdown",
    )
    advice: bool = _f("True when the page gives health advice (adds the disclaimer).", default=True)
    basis: tuple[Basis, ...] = _f("Sentences of the body that are a study's or the guide's choice.", default=())


@dataclass(frozen=True)
class SamplePlan:
    """A profile shown as a worked example, planned at build time."""

    id: str = _f("Unique id, the file name without .yaml.")
    name: str = _f("Display name, e.g. 'Desk worker'.")
    order: int = _f("Position in lists.")
    description: str = _f("Who this sample is for.")
    profile: dict = _f("A planner profile (see the planner's profile fields).")


@dataclass(frozen=True)
class Source:
    """A document the guide is built on, or a published study it cites."""

    id: str = _f("Unique id, the file name without .yaml.")
    order: int = _f("Position on the sources page.")
    kind: SourceKind = _f("document: one of the two documents the guide is built on; study: a published study.")
    name: str = _f("How the guide names it in running text, e.g. 'the exercise article' or 'Contreras 2015'.")
    title: str = _f("Title (for a document without one, a description).")
    summary: str = _f("What it is and what the guide takes from it.")
    authors: str = _f("Authors, as cited.", default="")
    year: Optional[int] = _f("Year of publication.", default=None)
    journal: str = _f("Journal, volume and pages.", default="")
    doi: str = _f("DOI, without the https://doi.org/ prefix.", default="")
    pmid: str = _f("PubMed id.", default="")
    pmcid: str = _f("PubMed Central id (PMC...).", default="")


@dataclass(frozen=True)
class Catalog:
    """Every item of the guide, each kind sorted by `order` (or id)."""

    exercises: tuple[Exercise, ...]
    muscles: tuple[Muscle, ...]
    equipment: tuple[EquipmentItem, ...]
    conditions: tuple[Condition, ...]
    topics: tuple[Topic, ...] = ()
    plans: tuple[SamplePlan, ...] = ()
    sources: tuple[Source, ...] = ()

    def exercise(self, id_: str) -> Exercise:
        """The exercise with this id (KeyError if unknown)."""
        return self._index("exercises")[id_]

    def muscle(self, id_: str) -> Muscle:
        """The muscle with this id (KeyError if unknown)."""
        return self._index("muscles")[id_]

    def equipment_item(self, id_: str) -> EquipmentItem:
        """The equipment item with this id (KeyError if unknown)."""
        return self._index("equipment")[id_]

    def condition(self, id_: str) -> Condition:
        """The condition with this id (KeyError if unknown)."""
        return self._index("conditions")[id_]

    def source(self, id_: str) -> Source:
        """The source (document or study) with this id (KeyError if unknown)."""
        return self._index("sources")[id_]

    def _index(self, kind: str) -> dict:
        """The items of one kind by id, made on first use and kept (a lookup was a scan of them all)."""
        indexes = self.__dict__.get("_indexes")
        if indexes is None:
            indexes = {}
            object.__setattr__(self, "_indexes", indexes)  # not a field: equality, repr and the JSON ignore it
        index = indexes.get(kind)
        if index is None:
            index = indexes[kind] = {item.id: item for item in getattr(self, kind)}
        return index


# Traits are derived from an exercise's fields, so conditions can rule out whole classes of
# exercise ("unstable-surface") and stay right when exercises are added.
TRAITS: dict[str, str] = {
    "hamstring-dominant": "the hamstrings do most of the work",
    "standing-single-leg": "you stand on one leg",
    "unstable-surface": "the body rests on an unstable surface",
    "kneeling": "you kneel or rest on your knees",
    "knee-loaded-standing": "one bent knee lifts the whole body weight",
    "external-load": "it needs a barbell or dumbbell",
    "prone": "you lie face down",
    "isometric-hold": "you hold a contraction without moving",
}


# Fields whose value is the guide's own classification for every item of a kind (no per-item
# basis needed): (kind, field) -> the reason, shown on the choices page and marked where shown.
FIELD_CHOICES: dict[tuple[str, str], str] = {
    ("exercises", "secondary_muscles"): (
        "The exercise article names the muscles that help the glutes extend the hip (the hamstrings, the "
        "back of the adductor magnus and, to a lesser extent, the gluteus medius) but not which of them "
        "help in each exercise. The guide lists them per exercise from the steps: the hamstrings wherever "
        "the hip extends against load, the adductor magnus where the hip starts deeply bent, the gluteus "
        "medius where one leg holds the pelvis level."
    ),
    ("exercises", "emphasis"): (
        "Neither source says which phase of each exercise is stressed. The guide reads it from the steps: "
        "lifting where the exercise article says to lift and then lower gently, balanced where both the lift and "
        "the lowering are done slowly or under control, holding for the isometric hold."
    ),
    ("exercises", "cautions"): (
        "The cautions combine the exercise article's own warnings (a secured bench or box, a mat under "
        "the knees, no arching of the lower back) with basic safety notes the guide adds where the article "
        "gives none: a clear floor around a ball, a support within reach when balance is unsteady, and "
        "stopping for sharp pain."
    ),
    ("exercises", "bias"): (
        "Which hip extensors do most of the work is the guide's reading of the exercise article's "
        "descriptions and of knee position (a bent knee shifts work to the glutes, a straight knee to the "
        "hamstrings, as the clinical overview explains). The planner uses it to choose exercises and to "
        "say why."
    ),
}

# Equipment that adds external load: a condition that rules out "external-load" rules these out
# everywhere, in the exercises, their variations and the plan's options.
LOAD_EQUIPMENT: frozenset[str] = frozenset({"barbell", "dumbbell"})


def exercise_traits(ex: Exercise) -> frozenset[str]:
    """The TRAITS that apply to an exercise (worked out on first use and kept, as Catalog._index:
    the planner asks for every exercise's traits on every plan)."""
    traits = ex.__dict__.get("_traits")
    if traits is None:
        traits = _traits(ex)
        object.__setattr__(ex, "_traits", traits)  # not a field: equality, repr and the JSON ignore it
    return traits


def _traits(ex: Exercise) -> frozenset[str]:
    traits = set()
    if ex.bias == "hamstrings":
        traits.add("hamstring-dominant")
    if ex.position == "standing" and ex.single_leg:
        traits.add("standing-single-leg")
    if ex.unstable_surface:
        traits.add("unstable-surface")
    if ex.position in ("kneeling", "quadruped"):
        traits.add("kneeling")
    if ex.position == "standing" and ex.chain == "closed" and ex.single_leg:
        traits.add("knee-loaded-standing")
    loads = LOAD_EQUIPMENT
    needs = set(ex.equipment.required)
    if needs & loads or (ex.equipment.one_of and all(set(g) & loads for g in ex.equipment.one_of)):
        traits.add("external-load")
    if ex.position == "prone":
        traits.add("prone")
    if ex.emphasis == "isometric":
        traits.add("isometric-hold")
    return frozenset(traits)
