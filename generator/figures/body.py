"""One body model and its forward kinematics: joint angles in, body points and capsules out.

Every figure is drawn from the same segment lengths (`BODY`), so a pose cannot stretch a
limb. The body is a set of capsules (a segment with a radius) and a round head; contacts and
collisions are measured on those shapes, the same ones the SVG draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Arm, Leg, Pose, Prop

__all__ = [
    "BODY",
    "CONTACT_PARTS",
    "Capsule",
    "Skeleton",
    "distance_to",
    "hip_angle",
    "part_distance",
    "skeleton",
    "surfaces",
]

Point = tuple[float, float]

# Segment lengths and half-thicknesses in cm: an adult of about 173 cm.
BODY: dict[str, float] = {
    "trunk": 50.0,  # hip joint to shoulder joint
    "trunk_r": 10.0,
    "neck": 20.0,  # shoulder joint to the centre of the head
    "neck_r": 4.5,
    "head_r": 10.5,
    "thigh": 43.0,
    "thigh_r": 7.0,
    "shank": 43.0,
    "shank_r": 5.0,
    "heel_back": 2.0,  # heel centre behind the ankle, along the foot
    "foot_front": 14.0,  # ball of the foot ahead of the ankle
    "foot_drop": 3.5,  # foot centre line below the ankle
    "foot_r": 3.5,
    "upper_arm": 29.0,
    "upper_arm_r": 4.5,
    "forearm": 26.0,
    "forearm_r": 3.5,
    "hand": 8.0,
    "hand_r": 3.0,
}

_LEG_PARTS = ("thigh", "knee", "shank", "foot", "heel", "toe")
_ARM_PARTS = ("upper", "elbow", "forearm", "hand")
CONTACT_PARTS: tuple[str, ...] = (
    "head",
    "shoulders",
    "back",
    "pelvis",
    *(f"{side}.{p}" for side in ("leg", "other_leg") for p in _LEG_PARTS),
    *(f"{side}.{p}" for side in ("arm", "other_arm") for p in _ARM_PARTS),
)


@dataclass(frozen=True)
class Capsule:
    """A segment from `a` to `b` with half-thickness `r`; `layer` orders the drawing."""

    name: str
    a: Point
    b: Point
    r: float
    layer: int  # 0 far arm, 1 far leg, 2 body, 3 near leg, 4 near arm


@dataclass(frozen=True)
class Skeleton:
    """A pose in space: named points and the capsules drawn between them."""

    points: dict[str, Point]
    capsules: tuple[Capsule, ...]
    head: Point
    head_r: float


def _go(p: Point, angle: float, length: float) -> Point:
    rad = math.radians(angle)
    return (p[0] + length * math.cos(rad), p[1] + length * math.sin(rad))


def _leg(hip: Point, trunk: float, leg: Leg, side: str, layer: int, out: dict[str, Point]) -> list[Capsule]:
    thigh_dir = trunk + 360 - leg.hip
    knee = _go(hip, thigh_dir, BODY["thigh"])
    shank_dir = thigh_dir - (180 - leg.knee)
    ankle = _go(knee, shank_dir, BODY["shank"])
    foot_dir = shank_dir + 180 - leg.ankle
    sole = _go(ankle, foot_dir - 90, BODY["foot_drop"])
    heel = _go(sole, foot_dir + 180, BODY["heel_back"])
    toe = _go(sole, foot_dir, BODY["foot_front"])
    out.update({f"{side}.knee": knee, f"{side}.ankle": ankle, f"{side}.heel": heel, f"{side}.toe": toe})
    return [
        Capsule(f"{side}.thigh", hip, knee, BODY["thigh_r"], layer),
        Capsule(f"{side}.shank", knee, ankle, BODY["shank_r"], layer),
        Capsule(f"{side}.foot", heel, toe, BODY["foot_r"], layer),
    ]


def _arm(shoulder: Point, trunk: float, arm: Arm, side: str, layer: int, out: dict[str, Point]) -> list[Capsule]:
    upper_dir = trunk + 180 + arm.shoulder
    elbow = _go(shoulder, upper_dir, BODY["upper_arm"])
    fore_dir = upper_dir + (180 - arm.elbow)
    wrist = _go(elbow, fore_dir, BODY["forearm"])
    hand = _go(wrist, fore_dir + (180 - arm.wrist), BODY["hand"])
    out.update({f"{side}.elbow": elbow, f"{side}.wrist": wrist, f"{side}.hand": hand})
    return [
        Capsule(f"{side}.upper", shoulder, elbow, BODY["upper_arm_r"], layer),
        Capsule(f"{side}.forearm", elbow, wrist, BODY["forearm_r"], layer),
        Capsule(f"{side}.hand", wrist, hand, BODY["hand_r"], layer),
    ]


def skeleton(pose: Pose, pelvis: Point | None = None) -> Skeleton:
    """Forward kinematics: the pose's points and capsules (at `pelvis` if given)."""
    hip: Point = pelvis if pelvis is not None else (float(pose.pelvis[0]), float(pose.pelvis[1]))
    shoulder = _go(hip, pose.trunk, BODY["trunk"])
    head = _go(shoulder, pose.trunk - pose.neck, BODY["neck"])
    points: dict[str, Point] = {"pelvis": hip, "shoulders": shoulder, "head": head}
    caps = [
        Capsule("back", hip, shoulder, BODY["trunk_r"], 2),
        Capsule("neck", shoulder, _go(shoulder, pose.trunk - pose.neck, BODY["neck"] * 0.6), BODY["neck_r"], 2),
    ]
    caps += _leg(hip, pose.trunk, pose.other_leg or pose.leg, "other_leg", 1, points)
    caps += _leg(hip, pose.trunk, pose.leg, "leg", 3, points)
    caps += _arm(shoulder, pose.trunk, pose.other_arm or pose.arm, "other_arm", 0, points)
    caps += _arm(shoulder, pose.trunk, pose.arm, "arm", 4, points)
    return Skeleton(points, tuple(caps), head, BODY["head_r"])


def hip_angle(sk: Skeleton, side: str = "leg") -> float:
    """The hip angle measured on the points (trunk line to thigh, 180 in line, over 180 behind)."""
    hip, shoulder, knee = sk.points["pelvis"], sk.points["shoulders"], sk.points[f"{side}.knee"]
    trunk = math.degrees(math.atan2(shoulder[1] - hip[1], shoulder[0] - hip[0]))
    thigh = math.degrees(math.atan2(knee[1] - hip[1], knee[0] - hip[0]))
    return (trunk - thigh) % 360


# --- surfaces -------------------------------------------------------------------------------


def _box_distance(p: Point, x0: float, y0: float, x1: float, y1: float) -> float:
    """Signed distance from p to an axis-aligned rectangle (negative inside)."""
    dx = max(x0 - p[0], 0.0, p[0] - x1)
    dy = max(y0 - p[1], 0.0, p[1] - y1)
    if dx == 0 and dy == 0:
        return -min(p[0] - x0, x1 - p[0], p[1] - y0, y1 - p[1])
    return math.hypot(dx, dy)


CHAIR_BACK = (4, 45)  # backrest thickness and height above the seat, in cm


def surfaces(props: tuple[Prop, ...]) -> dict[str, list]:
    """Each surface a body can touch, by name, as shapes for `distance_to`."""
    out: dict[str, list] = {"floor": [("floor",)]}
    for p in props:
        if p.kind in ("bench", "box"):
            out[p.kind] = [("rect", p.x, 0, p.x + p.width, p.height)]
        elif p.kind == "chair":
            back_w, back_h = CHAIR_BACK
            out["chair"] = [
                ("rect", p.x, 0, p.x + p.width, p.height),
                ("rect", p.x, p.height, p.x + back_w, p.height + back_h),
            ]
        elif p.kind == "ball":
            out["ball"] = [("circle", p.x, p.radius, p.radius)]
        elif p.kind == "wall":
            out["wall"] = [("wall", p.x)]
    return out


def distance_to(p: Point, shapes: list) -> float:
    """Signed distance from a point to the nearest of a surface's shapes (negative inside)."""
    best = math.inf
    for s in shapes:
        if s[0] == "floor":
            d = p[1]
        elif s[0] == "rect":
            d = _box_distance(p, *s[1:])
        elif s[0] == "circle":
            d = math.hypot(p[0] - s[1], p[1] - s[2]) - s[3]
        else:  # a wall in front: its face at x
            d = s[1] - p[0]
        best = min(best, d)
    return best


def _samples(a: Point, b: Point, n: int = 24) -> list[Point]:
    return [(a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n) for i in range(n + 1)]


def _segment_distance(a: Point, b: Point, shapes: list, n: int = 24) -> float:
    """The least `distance_to` over the segment's samples (see `_samples`), shape by shape.

    Against the floor and a wall the distance is linear along the segment, and so are the
    samples' coordinates (rounding keeps them in order), so the least is at an end: the first
    sample or the last, computed as `_samples` computes it. Only props (boxes, a ball) walk
    the samples. The result is the same number, without 25 points per capsule and surface.
    """
    last = (a[0] + (b[0] - a[0]) * n / n, a[1] + (b[1] - a[1]) * n / n)
    best = math.inf
    for s in shapes:
        if s[0] == "floor":
            d = min(a[1], last[1])
        elif s[0] == "wall":
            d = s[1] - max(a[0], last[0])
        elif s[0] == "rect":
            d = _rect_least(_samples(a, b, n), *s[1:])
        else:  # a ball: the same sum as distance_to's, point by point
            _, cx, cy, radius = s
            d = min(math.hypot(px - cx, py - cy) - radius for px, py in _samples(a, b, n))
        best = min(best, d)
    return best


def _rect_least(points: list[Point], x0: float, y0: float, x1: float, y1: float) -> float:
    """The least `_box_distance` over the points, inlined: loading checks every capsule of every pose."""
    best = math.inf
    for px, py in points:
        dx = max(x0 - px, 0.0, px - x1)
        dy = max(y0 - py, 0.0, py - y1)
        d = -min(px - x0, x1 - px, py - y0, y1 - py) if dx == 0 and dy == 0 else math.hypot(dx, dy)
        if d < best:
            best = d
    return best


_POINT_RADIUS = {"shoulders": "trunk_r", "pelvis": "trunk_r", "knee": "thigh_r", "elbow": "forearm_r"}


def part_distance(sk: Skeleton, part: str, shapes: list) -> float:
    """Signed gap between a named body part's surface and a surface's shapes (negative: inside)."""
    if part == "head":
        return distance_to(sk.head, shapes) - sk.head_r
    caps = {c.name: c for c in sk.capsules}
    if part in caps:
        c = caps[part]
        return _segment_distance(c.a, c.b, shapes) - c.r
    if part.endswith((".heel", ".toe")):
        return distance_to(sk.points[part], shapes) - BODY["foot_r"]
    key = part.rsplit(".", 1)[-1]
    if part in sk.points and key in _POINT_RADIUS:
        return distance_to(sk.points[part], shapes) - BODY[_POINT_RADIUS[key]]
    raise KeyError(part)
