"""Small pure text helpers shared by the web pages and the PDF handouts.

Pure standard library (runs under Pyodide too). Everything here turns model objects into
plain strings, so the web page and the printed handout of an exercise say the same thing.
"""

from __future__ import annotations

from .model import Catalog, Dosage, Exercise, RepRange

__all__ = [
    "DISCLAIMER",
    "DISCLAIMER_TITLE",
    "dose_text",
    "equipment_text",
    "join_words",
    "label",
    "range_text",
]

DISCLAIMER_TITLE = "Not medical advice"
DISCLAIMER = (
    "This guide is general information, not medical advice. It does not replace an assessment "
    "by a physiotherapist, doctor or other qualified clinician. Stop any exercise that causes "
    "sharp or increasing pain, and seek advice if symptoms persist. See a clinician before you "
    "start after a recent injury, fracture or operation, with severe pain, a hot or swollen "
    "joint, a heart or lung condition, or problems with balance."
)

_LABELS = {
    "supine": "Lying on your back",
    "prone": "Lying face down",
    "quadruped": "On all fours",
    "flexed": "Bent",
    "extended": "Straight",
    "changes": "Bends and straightens",
    "concentric": "Lifting (concentric)",
    "eccentric": "Lowering (eccentric)",
    "isometric": "Holding (isometric)",
    "seated": "Sitting on a chair",
    "primary": "Main hip extensor",
    "secondary": "Helps extend the hip",
    "antagonist": "Antagonist (a hip flexor)",
    "clinical": "Clinical overview",
    "hip-flexors": "Hip flexors",
    "open": "Open chain",
    "closed": "Closed chain",
}


def label(value: str) -> str:
    """A model enum value shown to readers: 'hip-flexors' -> 'Hip flexors'."""
    if value in _LABELS:
        return _LABELS[value]
    text = value.replace("-", " ")
    return text[:1].upper() + text[1:]


def join_words(words: list[str] | tuple[str, ...], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def range_text(rng: RepRange) -> str:
    """'10' or '8 to 12'."""
    return str(rng.min) if rng.min == rng.max else f"{rng.min} to {rng.max}"


def dose_text(dosage: Dosage) -> str:
    """The dose in words: the article's own wording when given, else built from the numbers."""
    if dosage.text:
        return dosage.text
    reps = f"{range_text(dosage.reps)} repetitions"
    if dosage.per_leg:
        reps += " on each leg"
    text = f"{range_text(dosage.sets)} sets of {reps}" if dosage.sets else reps
    if dosage.hold_seconds:
        text += f", holding the top for {dosage.hold_seconds} seconds"
    return text


def _names(catalog: Catalog, ids: tuple[str, ...]) -> list[str]:
    return [catalog.equipment_item(i).name.lower() for i in ids]


def equipment_text(ex: Exercise, catalog: Catalog) -> str:
    """What an exercise needs (optional items left out): 'Bench, and barbell and barbell pad or dumbbell'."""
    needs = ex.equipment
    parts: list[str] = []
    if needs.required:
        parts.append(join_words(_names(catalog, needs.required)))
    if needs.one_of:
        parts.append(join_words([join_words(_names(catalog, g)) for g in needs.one_of], "or"))
    text = "; ".join(parts) if parts else "none needed"
    return text[:1].upper() + text[1:]
