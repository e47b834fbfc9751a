"""Turn raw pose and body map files into the figure model, reporting every problem.

Each problem names the file, the field and the value, in the catalog's one-line form, e.g.
``data/poses/step-up.yaml: finish.leg.knee: expected degrees from 0 to 180, found 200``.
"""

from __future__ import annotations

from typing import Any

from ..core.errors import Problem
from ..core.schema import convert
from .body import CONTACT_PARTS
from .model import BodyMap, Leg, Pose, PoseFile

__all__ = ["check_bodymap", "check_pose_file", "pose_props"]

# The range each joint angle may take, in degrees.
_LEG_RANGES = {"hip": (20, 215), "knee": (15, 180), "ankle": (60, 175)}
_ARM_RANGES = {"shoulder": (-60, 200), "elbow": (20, 180), "wrist": (80, 200)}


def _range(problems: list[Problem], file: str, path: str, value: int, lo: int, hi: int) -> None:
    if not lo <= value <= hi:
        problems.append(Problem(file, path, f"expected degrees from {lo} to {hi}, found {value}"))


def pose_props(pf: PoseFile, pose: Pose) -> tuple:
    """The props of one position: its own when it lists them, else the file's."""
    return pose.props if pose.props is not None else pf.props


def _check_pose(pf: PoseFile, name: str, pose: Pose, file: str, problems: list[Problem]) -> None:
    if len(pose.pelvis) != 2:
        problems.append(Problem(file, f"{name}.pelvis", f"expected [x, y], found {len(pose.pelvis)} numbers"))
    _range(problems, file, f"{name}.trunk", pose.trunk, -180, 360)
    _range(problems, file, f"{name}.neck", pose.neck, -60, 60)
    for side in ("leg", "other_leg"):
        leg: Leg | None = getattr(pose, side)
        for joint, (lo, hi) in _LEG_RANGES.items() if leg else ():
            _range(problems, file, f"{name}.{side}.{joint}", getattr(leg, joint), lo, hi)
    for side in ("arm", "other_arm"):
        arm = getattr(pose, side)
        for joint, (lo, hi) in _ARM_RANGES.items() if arm else ():
            _range(problems, file, f"{name}.{side}.{joint}", getattr(arm, joint), lo, hi)
    props = pose_props(pf, pose)
    kinds = [p.kind for p in props]
    for i, p in enumerate(props):
        where = f"{name}.props[{i}]" if pose.props is not None else f"props[{i}]"
        if kinds.count(p.kind) > 1:
            problems.append(Problem(file, f"{where}.kind", f"expected each kind once, found {p.kind!r} again"))
        if p.kind in ("bench", "box", "chair") and (p.width <= 0 or p.height <= 0):
            problems.append(Problem(file, where, f"expected a width and height above 0 for a {p.kind}"))
        if p.kind in ("ball", "barbell") and p.radius <= 0:
            problems.append(Problem(file, f"{where}.radius", f"expected a radius above 0, found {p.radius}"))
    surfaces = ["floor", *(k for k in kinds if k != "barbell")]
    for i, c in enumerate(pose.contacts):
        if c.part not in CONTACT_PARTS:
            problems.append(
                Problem(
                    file,
                    f"{name}.contacts[{i}].part",
                    f"expected a body part such as head, pelvis or leg.heel, found {c.part!r}",
                )
            )
        if c.touches not in surfaces:
            shown = ", ".join(surfaces)
            problems.append(
                Problem(
                    file,
                    f"{name}.contacts[{i}].touches",
                    f"expected a surface of this position ({shown}), found {c.touches!r}",
                )
            )


def check_pose_file(file: str, value: Any, exercise_id: str, problems: list[Problem]) -> PoseFile | None:
    """The pose file as the model, or None (with problems added) when it is not valid."""
    before = len(problems)
    pf = convert(value, PoseFile, "", problems, file)
    if pf is None:
        return None
    if pf.exercise != exercise_id:
        problems.append(Problem(file, "exercise", f"expected {exercise_id!r} (the file name), found {pf.exercise!r}"))
    _check_pose(pf, "start", pf.start, file, problems)
    _check_pose(pf, "finish", pf.finish, file, problems)
    return pf if len(problems) == before else None


def check_bodymap(file: str, value: Any, muscle_ids: list[str], problems: list[Problem]) -> BodyMap | None:
    """The body map as the model, with every muscle id given a region and every region a muscle."""
    before = len(problems)
    bm = convert(value, BodyMap, "", problems, file)
    if bm is None:
        return None
    for i, r in enumerate(bm.regions):
        if r.muscle not in muscle_ids:
            problems.append(Problem(file, f"regions[{i}].muscle", f"expected a muscle id, found {r.muscle!r}"))
        if len(r.points) < 3 or any(len(p) != 2 for p in r.points):
            problems.append(Problem(file, f"regions[{i}].points", "expected at least three [x, y] pairs"))
    drawn = {r.muscle for r in bm.regions}
    for m in muscle_ids:
        if m not in drawn:
            problems.append(Problem(file, "regions", f"expected a region for muscle {m!r}, found none"))
    return bm if len(problems) == before else None


# --- geometry -------------------------------------------------------------------------------

TOUCH_CM = 2.0  # a contact touches when the gap is at most this; nothing may sink deeper into a surface


def geometry_problems(file: str, pf: PoseFile) -> list[Problem]:
    """Contacts that do not touch their surface, and body parts inside the floor or a prop."""
    from .body import part_distance, skeleton, surfaces  # body imports this module's siblings

    problems: list[Problem] = []
    for name in ("start", "finish"):
        pose: Pose = getattr(pf, name)
        sk = skeleton(pose)
        surf = surfaces(pose_props(pf, pose))
        for i, c in enumerate(pose.contacts):
            gap = part_distance(sk, c.part, surf[c.touches])
            if abs(gap) > TOUCH_CM:
                how = f"a gap of {gap:.1f} cm" if gap > 0 else f"it {-gap:.1f} cm inside"
                problems.append(
                    Problem(file, f"{name}.contacts[{i}]", f"expected {c.part} to touch the {c.touches}, found {how}")
                )
        parts = ["head", *(cap.name for cap in sk.capsules)]
        for surface, shapes in surf.items():
            for part in parts:
                gap = part_distance(sk, part, shapes)
                if gap < -TOUCH_CM:
                    problems.append(
                        Problem(file, name, f"expected {part} outside the {surface}, found it {-gap:.1f} cm inside")
                    )
    return problems
