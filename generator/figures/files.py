"""Every generated figure as a file: name -> SVG bytes, published under assets/figures/.

Names (`<id>` an exercise or muscle id):
    <id>.svg            the still of an exercise (pages, handouts)
    <id>-anim.svg       its animation (the exercise page)
    <id>-thumb.svg      its thumbnail (cards, plans, plan sheets)
    bodymap-exercise-<id>.svg  the body map with the exercise's main and helping muscles
    bodymap-hips-<id>.svg  the same, waist to knees only, without its legend (the handout)
    bodymap-<id>.svg    the body map with one muscle marked (muscle pages, booklet)
    bodymap.svg         the plain body map
    bodymap-links.svg   the muscles index's map, each region a link to its page
    bodymap-pick.svg    the exercise index's map, each trained muscle a filter button
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Catalog
from ..core.text import join_words
from ..planner.tree import THUMBNAIL_FILE
from .bodymap import bodymap_svg
from .model import BodyMap, PoseFile
from .movement import animation_svg, still_svg, thumbnail_svg

__all__ = [
    "LINKS_MAP",
    "PICK_MAP",
    "FigureData",
    "anim_name",
    "bodymap_exercise_name",
    "bodymap_hips_name",
    "bodymap_muscle_name",
    "exercise_bodymap_label",
    "figure_files",
    "still_name",
    "thumb_name",
]


HIPS = (150, 345)  # the body map from the waist to below the knees (the one-page handout's)
LINKS_MAP = "bodymap-links.svg"  # the muscles index: each region links to its muscle's page
PICK_MAP = "bodymap-pick.svg"  # the exercise index: each region trained by an exercise filters the cards


@dataclass(frozen=True)
class FigureData:
    """What the figures are drawn from: each exercise's poses and the body map."""

    poses: dict[str, PoseFile]
    bodymap: BodyMap


def still_name(exercise_id: str) -> str:
    return f"{exercise_id}.svg"


def anim_name(exercise_id: str) -> str:
    return f"{exercise_id}-anim.svg"


def thumb_name(exercise_id: str) -> str:
    return THUMBNAIL_FILE.format(id=exercise_id)


def bodymap_exercise_name(exercise_id: str) -> str:
    return f"bodymap-exercise-{exercise_id}.svg"


def bodymap_hips_name(exercise_id: str) -> str:
    return f"bodymap-hips-{exercise_id}.svg"


def bodymap_muscle_name(muscle_id: str) -> str:
    return f"bodymap-{muscle_id}.svg"


def exercise_bodymap_label(catalog: Catalog, exercise_id: str) -> str:
    """The body map's text equivalent on an exercise page."""
    ex = catalog.exercise(exercise_id)
    main = join_words([catalog.muscle(m).name for m in ex.primary_muscles])
    helpers = join_words([catalog.muscle(m).name for m in ex.secondary_muscles])
    return f"Body map of {ex.name}: main muscles {main}" + (f"; helping muscles {helpers}." if helpers else ".")


def figure_files(catalog: Catalog, data: FigureData) -> dict[str, bytes]:
    """Every figure file, by name (see the module's docstring), in a stable order."""
    names = {m.id: m.name for m in catalog.muscles}
    out: dict[str, str] = {}
    for ex in catalog.exercises:
        pf = data.poses[ex.id]
        out[still_name(ex.id)] = still_svg(pf, ex.name, pf.description)
        out[anim_name(ex.id)] = animation_svg(pf, ex.name)
        out[thumb_name(ex.id)] = thumbnail_svg(pf, ex.name)
        marks = {m: "helper" for m in ex.secondary_muscles} | {m: "main" for m in ex.primary_muscles}
        out[bodymap_exercise_name(ex.id)] = bodymap_svg(
            data.bodymap, names, marks, label=exercise_bodymap_label(catalog, ex.id)
        )
        out[bodymap_hips_name(ex.id)] = bodymap_svg(
            data.bodymap, names, marks, label=exercise_bodymap_label(catalog, ex.id), crop=HIPS
        )
    for m in catalog.muscles:
        where = (
            "deep, under other muscles"
            if any(r.muscle == m.id and r.depth == "deep" for r in data.bodymap.regions)
            else "marked"
        )
        out[bodymap_muscle_name(m.id)] = bodymap_svg(
            data.bodymap,
            names,
            {m.id: "main"},
            label=f"Body map: the {m.name} {where}, seen from behind and from the front.",
        )
    out["bodymap.svg"] = bodymap_svg(
        data.bodymap, names, {}, label="Body map of the hip muscles, seen from behind and from the front."
    )
    out[LINKS_MAP] = bodymap_svg(
        data.bodymap,
        names,
        mode="links",
        label="Body map of the hip muscles",
        links={m.id: f"{m.id}/" for m in catalog.muscles},
    )
    trained = [
        m.id
        for m in catalog.muscles
        if any(m.id in (*e.primary_muscles, *e.secondary_muscles) for e in catalog.exercises)
    ]
    out[PICK_MAP] = bodymap_svg(
        data.bodymap, names, mode="pick", label="Filter by muscle on the body map", pickable=tuple(trained), crop=HIPS
    )
    return {name: svg.encode("utf-8") for name, svg in out.items()}
