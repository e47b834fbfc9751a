"""The figure data: poses (joint angles, contacts, props) and the body map's regions.

Frozen dataclasses read by :func:`generator.core.schema.convert`, like the catalog's model.
Angles are whole degrees and lengths whole centimetres, in a side view with x forward
(to the right of the picture) and y up, the floor at y = 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional

__all__ = [
    "PROP_KINDS",
    "Arm",
    "BodyMap",
    "Contact",
    "Leg",
    "Pose",
    "PoseFile",
    "Prop",
    "Region",
]

PropKind = Literal["bench", "box", "chair", "ball", "wall", "barbell"]
PROP_KINDS: tuple[str, ...] = ("floor", "bench", "box", "chair", "ball", "wall", "barbell")
View = Literal["back", "front"]
Depth = Literal["surface", "deep"]


_BOUNDS = (-1000, 1000)  # centimetres and degrees may be negative


def _f(doc: str, default: Any = ...) -> Any:
    meta = {"doc": doc, "bounds": _BOUNDS}
    if default is ...:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Prop:
    """Something the body rests on or holds: a bench, box, chair, ball, wall or barbell."""

    kind: PropKind = _f("What it is; also the name contacts use for it.")
    x: int = _f("Bench, box, chair: its near (left) edge; ball: its centre; wall: its face; barbell: ignored.", 0)
    width: int = _f("Bench, box, chair: depth seen from the side, in cm.", 0)
    height: int = _f("Bench, box, chair: height of the top, in cm.", 0)
    radius: int = _f("Ball: radius in cm; barbell: radius of the plate.", 0)


@dataclass(frozen=True)
class Leg:
    """One leg's joint angles, in degrees."""

    hip: int = _f("Angle between trunk and thigh, in front: 180 in line, under 180 flexed, over 180 extended.")
    knee: int = _f("Angle between thigh and shin: 180 straight, 90 bent square.")
    ankle: int = _f("Angle between shin and foot: 90 neutral, more pointed, less pulled up.", 90)


@dataclass(frozen=True)
class Arm:
    """One arm's joint angles, in degrees."""

    shoulder: int = _f("Angle of the upper arm from the trunk line: 0 along the trunk, 90 forward, 180 overhead.")
    elbow: int = _f("Angle between upper arm and forearm: 180 straight.", 180)
    wrist: int = _f("Angle between forearm and hand: 180 in line, 90 with the palm flat under the wrist.", 180)


@dataclass(frozen=True)
class Contact:
    """A body part that touches a surface."""

    part: str = _f("Body part: head, shoulders, back, pelvis, or leg./other_leg./arm./other_arm. + a part.")
    touches: str = _f("The floor or the kind of a prop.")


@dataclass(frozen=True)
class Pose:
    """One position of the exercise (side view, facing right)."""

    pelvis: tuple[int, ...] = _f("Where the hip joint is: [x, y] in cm.")
    trunk: int = _f("Direction from hip to shoulder: 0 forward, 90 up, 180 backward (lying on the back).")
    leg: Leg = _f("The working leg, drawn nearest.")
    arm: Arm = _f("The near arm.")
    neck: int = _f("Head tilt from the trunk line: positive chin to chest, negative head back.", 0)
    other_leg: Optional[Leg] = _f("The other leg, when it is not where the working leg is.", None)
    other_arm: Optional[Arm] = _f("The other arm, when it is not where the near arm is.", None)
    contacts: tuple[Contact, ...] = _f("Body parts that touch a surface.", ())
    props: Optional[tuple[Prop, ...]] = _f("Props in this position, when they differ from the file's.", None)


@dataclass(frozen=True)
class PoseFile:
    """An exercise's start and finish positions: data/poses/<exercise id>.yaml."""

    exercise: str = _f("The exercise id (the file name without .yaml).")
    description: str = _f("What the figure shows, in a sentence: its text alternative and caption.")
    start: Pose = _f("The starting position.")
    finish: Pose = _f("The end of the movement (for a hold: the held position).")
    props: tuple[Prop, ...] = _f("Props in both positions.", ())
    hold: bool = _f("True when the finish position is held rather than moved through.", False)


@dataclass(frozen=True)
class Region:
    """One muscle's outline in one view of the body map."""

    muscle: str = _f("Muscle id.")
    view: View = _f("Seen from behind or from the front.")
    points: tuple[tuple[int, ...], ...] = _f("Outline of the right side, [x, y] pairs; mirrored for the left.")
    depth: Depth = _f("On the surface, or deep under other muscles (drawn dashed).", "surface")


@dataclass(frozen=True)
class BodyMap:
    """The body map: the body's outline and a region per muscle (data/bodymap.yaml)."""

    width: int = _f("Width of one view.")
    height: int = _f("Height of one view.")
    outline: tuple[tuple[int, ...], ...] = _f("The right half of the body's outline, top to bottom.")
    regions: tuple[Region, ...] = _f("The muscles' regions.")
    lines: tuple[tuple[tuple[int, ...], ...], ...] = _f("Landmark lines of the right side (pelvis, knee).", ())
