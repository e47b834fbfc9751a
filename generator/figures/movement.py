"""Movement figures from poses: the still (start outlined and dashed, finish solid, with a
legend), the animation between them (SMIL, no script) and the thumbnail.

Coordinates are the pose's centimetres with y up; the SVG's user units are the same
centimetres with y down. Ink is `currentColor`, so an inline figure follows the page's text
colour (dark mode) and a figure used as an image is black, for paper and photocopiers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .body import BODY, Capsule, Skeleton, skeleton
from .check import pose_props
from .model import Leg, Pose, PoseFile, Prop
from .svg import attrs, num, tag, text

__all__ = ["ASPECT", "Frame", "animation_svg", "frame_of", "still_svg", "thumbnail_svg"]

THUMB_ASPECT = 1.5  # every thumbnail: 120 x 80, so a card or a sheet's cell never crops it
ASPECT = (1.3, 2.2)  # the range of width / height: lying figures wide, standing ones nearer square
BG = "#fff"  # the start figure's inside where CSS does not set the page background
FONTS = "DejaVu Sans, Arial, sans-serif"
_TINT = {"fill": "currentColor", "fill_opacity": "0.1", "stroke": "currentColor", "stroke_width": "1.2"}
_MOVE_S, _HOLD_S, _HELD_S, _STEPS = 1.4, 0.7, 2.0, 10


@dataclass(frozen=True)
class Frame:
    """The view box (in pose coordinates) and its size: x0, top, width, height."""

    x0: float
    top: float
    width: float
    height: float

    def x(self, v: float) -> float:
        return v - self.x0

    def y(self, v: float) -> float:
        return self.top - v

    def p(self, pt: tuple[float, float]) -> str:
        return f"{num(self.x(pt[0]))},{num(self.y(pt[1]))}"


def _props_extent(props: tuple[Prop, ...], sk: Skeleton) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for p in props:
        if p.kind in ("bench", "box", "chair"):
            top = p.height + (45 if p.kind == "chair" else 0)
            out += [(p.x, 0), (p.x + p.width, top)]
        elif p.kind == "ball":
            out += [(p.x - p.radius, 0), (p.x + p.radius, 2 * p.radius)]
        elif p.kind == "wall":
            out += [(p.x, 0), (p.x + 6, 0)]
        elif p.kind == "barbell":
            c = _bar(sk)
            out += [(c[0] - p.radius, c[1] - p.radius), (c[0] + p.radius, c[1] + p.radius)]
    return out


def frame_of(pf: PoseFile, legend: bool = True, aspect_range: tuple[float, float] = ASPECT) -> Frame:
    """A view box holding both positions and their props, its width / height within `aspect_range`."""
    xs: list[float] = []
    ys: list[float] = [-5.0]
    for pose in (pf.start, pf.finish):
        sk = skeleton(pose)
        for c in sk.capsules:
            for pt in (c.a, c.b):
                xs += [pt[0] - c.r, pt[0] + c.r]
                ys += [pt[1] - c.r, pt[1] + c.r]
        xs += [sk.head[0] - sk.head_r, sk.head[0] + sk.head_r]
        ys += [sk.head[1] - sk.head_r, sk.head[1] + sk.head_r]
        for pt in _props_extent(pose_props(pf, pose), sk):
            xs.append(pt[0])
            ys.append(pt[1])
    margin = 6.0
    x0, x1 = min(xs) - margin, max(xs) + margin
    y0, y1 = min(ys) - 2.0, max(ys) + margin
    if legend:  # a band at the top for the legend, sized like its text
        y1 += max(x1 - x0, (y1 - y0) * ASPECT[0]) / 11
    w, h = x1 - x0, y1 - y0
    aspect = min(max(w / h, aspect_range[0]), aspect_range[1])
    if w / h < aspect:  # too tall: widen around the centre
        extra = h * aspect - w
        x0 -= extra / 2
        w = h * aspect
    else:  # too wide: raise the top (the floor stays at the bottom)
        h = w / aspect
        y1 = y0 + h
    return Frame(x0, y1, w, h)


def _bar(sk: Skeleton) -> tuple[float, float]:
    """Where a barbell rests: across the front of the hip crease."""
    hip, sh = sk.points["pelvis"], sk.points["shoulders"]
    t = math.atan2(sh[1] - hip[1], sh[0] - hip[0]) - math.pi / 2
    d = BODY["trunk_r"] + 3
    return (hip[0] + d * math.cos(t), hip[1] + d * math.sin(t))


# --- props ----------------------------------------------------------------------------------


def _floor(f: Frame) -> str:
    y = f.y(0)
    ticks = "".join(f"M{num(x)},{num(y + 0.8)}l-4,4.5" for x in [f.width * i / 24 + 3 for i in range(24)])
    return tag(
        "path", cls="hg-fig__floor", d=f"M0,{num(y)}H{num(f.width)}", stroke="currentColor", stroke_width="1.6"
    ) + tag("path", d=ticks, stroke="currentColor", stroke_width="0.7", fill="none")


def _prop(p: Prop, sk: Skeleton, f: Frame, start: bool) -> str:
    dash = {"stroke_dasharray": "3 2"} if start else {}
    common = dict(stroke="currentColor", stroke_width="1.2", **dash)
    tint = dict(fill="currentColor", fill_opacity="0.1") if not start else dict(fill="none")
    if p.kind == "ball":
        return f"<circle{attrs(cx=f.x(p.x), cy=f.y(p.radius), r=float(p.radius), **tint, **common)}/>"
    if p.kind == "wall":
        return f"<rect{attrs(x=f.x(p.x), y=0.0, width=6.0, height=f.y(0), **tint, **common)}/>"
    if p.kind == "barbell":
        c = _bar(sk)
        return (
            f"<circle{attrs(cx=f.x(c[0]), cy=f.y(c[1]), r=float(p.radius), **tint, **common)}/>"
            f"<circle{attrs(cx=f.x(c[0]), cy=f.y(c[1]), r=4.0, fill='currentColor')}/>"
        )
    x, w, h = p.x, p.width, p.height
    if p.kind == "box":
        return f"<rect{attrs(x=f.x(x), y=f.y(h), width=float(w), height=float(h), **tint, **common)}/>"
    slab = 6.0
    parts = [f"<rect{attrs(x=f.x(x), y=f.y(h), width=float(w), height=slab, **tint, **common)}/>"]
    for lx in (x + 2, x + w - 6):
        parts.append(f"<rect{attrs(x=f.x(lx), y=f.y(h - slab), width=4.0, height=h - slab, **tint, **common)}/>")
    if p.kind == "chair":
        parts.append(f"<rect{attrs(x=f.x(x), y=f.y(h + 45), width=4.0, height=45.0, **tint, **common)}/>")
    return "".join(parts)


def _props(props: tuple[Prop, ...], sk: Skeleton, f: Frame, start: bool) -> str:
    return "".join(_prop(p, sk, f, start) for p in props)


# --- the body -------------------------------------------------------------------------------


def _line(c: Capsule, f: Frame) -> str:
    return f"M{f.p(c.a)}L{f.p(c.b)}"


def _solid(sk: Skeleton, f: Frame, cls: str) -> str:
    """A figure in solid ink; the far arm and leg in half-tone behind it."""
    far = "".join(
        f"<path{attrs(d=_line(c, f), stroke_width=2 * c.r)}/>"
        for c in sorted(sk.capsules, key=lambda c: c.layer)
        if c.layer < 2
    )
    near = "".join(
        f"<path{attrs(d=_line(c, f), stroke_width=2 * c.r)}/>"
        for c in sorted(sk.capsules, key=lambda c: c.layer)
        if c.layer >= 2
    )
    head = f"<circle{attrs(cx=f.x(sk.head[0]), cy=f.y(sk.head[1]), r=sk.head_r)}/>"
    return (
        f'<g class="{cls}"{attrs(stroke="currentColor", fill="currentColor", stroke_linecap="round")}>'
        f"<g{attrs(opacity='0.45')}>{far}</g>{near}{head}</g>"
    )


def _capsule_outline(c: Capsule, f: Frame) -> str:
    ax, ay, bx, by = f.x(c.a[0]), f.y(c.a[1]), f.x(c.b[0]), f.y(c.b[1])
    length = math.hypot(bx - ax, by - ay)
    if length < 0.01:
        r = num(c.r)
        return f"M{num(ax - c.r)},{num(ay)}a{r},{r} 0 1 0 {num(2 * c.r)},0a{r},{r} 0 1 0 {num(-2 * c.r)},0Z"
    ux, uy = (bx - ax) / length, (by - ay) / length
    nx, ny = -uy * c.r, ux * c.r
    r = num(c.r)
    return (
        f"M{num(ax + nx)},{num(ay + ny)}L{num(bx + nx)},{num(by + ny)}"
        f"A{r},{r} 0 0 0 {num(bx - nx)},{num(by - ny)}L{num(ax - nx)},{num(ay - ny)}"
        f"A{r},{r} 0 0 0 {num(ax + nx)},{num(ay + ny)}Z"
    )


def _boundary(c: Capsule, step: float = 1.2) -> list[tuple[float, float]]:
    """Points around a capsule's outline, in order (pose coordinates)."""
    (ax, ay), (bx, by) = c.a, c.b
    length = math.hypot(bx - ax, by - ay)
    base = math.atan2(by - ay, bx - ax) if length > 0.01 else 0.0
    out: list[tuple[float, float]] = []
    n_line = max(1, int(length / step))
    n_arc = max(6, int(math.pi * c.r / step))
    for end, (cx, cy), sign in (((bx, by), (ax, ay), 1), ((ax, ay), (bx, by), -1)):
        # a straight side from the other end to this end, then the half circle around this end
        off = base + sign * math.pi / 2
        sx, sy = cx + c.r * math.cos(off), cy + c.r * math.sin(off)
        ex, ey = end[0] + c.r * math.cos(off), end[1] + c.r * math.sin(off)
        out += [(sx + (ex - sx) * i / n_line, sy + (ey - sy) * i / n_line) for i in range(n_line)]
        out += [
            (
                end[0] + c.r * math.cos(off - sign * math.pi * i / n_arc),
                end[1] + c.r * math.sin(off - sign * math.pi * i / n_arc),
            )
            for i in range(n_arc)
        ]
    out.append(out[0])
    return out


def _inside(p: tuple[float, float], c: Capsule) -> bool:
    (ax, ay), (bx, by) = c.a, c.b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy) < c.r - 0.2


def _outline_path(sk: Skeleton, f: Frame) -> str:
    """The outline of the whole figure (the union of its shapes), as path data."""
    head = Capsule("head", sk.head, sk.head, sk.head_r, 2)
    shapes = [*sk.capsules, head]
    runs: list[list[tuple[float, float]]] = []
    for i, c in enumerate(shapes):
        others = [o for j, o in enumerate(shapes) if j != i]
        run: list[tuple[float, float]] = []
        for p in _boundary(c):
            if any(_inside(p, o) for o in others):
                if len(run) > 1:
                    runs.append(run)
                run = []
            else:
                run.append(p)
        if len(run) > 1:
            runs.append(run)
    return "".join("M" + "L".join(f.p(p) for p in run) for run in runs)


def _outlined(sk: Skeleton, f: Frame, cls: str, width: float, dashed: bool) -> str:
    """A figure drawn as the outline of its shape (dashed), empty inside, on a halo."""
    d = _outline_path(sk, f)
    dash = {"stroke_dasharray": f"{num(width * 2.6)} {num(width * 1.7)}"} if dashed else {}
    return (
        f'<g class="{cls}"{attrs(fill="none", stroke_linejoin="round")}>'
        f'<path class="hg-fig__halo"{attrs(d=d, stroke=BG, stroke_width=width * 3)}/>'
        f"<path{attrs(d=d, stroke='currentColor', stroke_width=width, **dash)}/></g>"
    )


def _track(pf: PoseFile) -> tuple[tuple[float, float], tuple[float, float]]:
    """The body point that moves the most, at the start and at the finish."""
    a, b = skeleton(pf.start).points, skeleton(pf.finish).points
    name = max(("pelvis", "leg.knee", "leg.ankle", "shoulders"), key=lambda k: math.dist(a[k], b[k]))
    return a[name], b[name]


def _arrow(pf: PoseFile, f: Frame, width: float) -> str:
    """A curved arrow from where the most moving point starts to where it finishes."""
    (sx, sy), (ex, ey) = _track(pf)
    dist = math.hypot(ex - sx, ey - sy)
    if dist < 8:
        return ""
    ux, uy = (ex - sx) / dist, (ey - sy) / dist
    # shorten both ends, bow the line sideways a little
    sx, sy, ex, ey = sx + ux * 3, sy + uy * 3, ex - ux * 6, ey - uy * 6
    mx, my = (sx + ex) / 2 - uy * dist * 0.18, (sy + ey) / 2 + ux * dist * 0.18
    tx, ty = ex - mx, ey - my
    tl = math.hypot(tx, ty) or 1.0
    tx, ty = tx / tl, ty / tl
    head = 4.5 * width / 1.6
    tip = (ex + tx * head, ey + ty * head)
    left = (ex - ty * head * 0.6, ey + tx * head * 0.6)
    right = (ex + ty * head * 0.6, ey - tx * head * 0.6)
    d = f"M{f.p((sx, sy))}Q{f.p((mx, my))} {f.p((ex, ey))}"
    tri = f"M{f.p(tip)}L{f.p(left)}L{f.p(right)}Z"
    return (
        '<g class="hg-fig__arrow">'
        + tag("path", cls="hg-fig__halo", d=d, fill="none", stroke=BG, stroke_width=width * 3.2, stroke_linecap="round")
        + tag("path", cls="hg-fig__halo hg-fig__halo--fill", d=tri, fill=BG, stroke=BG, stroke_width=width * 2.2)
        + tag("path", d=d, fill="none", stroke="currentColor", stroke_width=width, stroke_linecap="round")
        + tag("path", d=tri, fill="currentColor")
        + "</g>"
    )


def _legend(f: Frame, hold: bool, width: float) -> str:
    size = f.width / 26
    y = size * 1.3
    sample = Capsule("sample", (0, 0), (size * 2.2, 0), size * 0.42, 2)
    dash = {"stroke_dasharray": f"{num(width * 2.4)} {num(width * 1.6)}"}
    out = []
    x = size * 0.8
    for label, solid in (("Start", False), ("Hold here" if hold else "Finish", True)):
        cap = Capsule("s", (x + sample.r, -y), (x + sample.r + sample.b[0], -y), sample.r, 2)
        frame0 = Frame(0, 0, f.width, f.height)
        if solid:
            out.append(
                tag("path", d=_line(cap, frame0), stroke="currentColor", stroke_width=2 * cap.r, stroke_linecap="round")
            )
        else:
            out.append(
                tag(
                    "path",
                    d=_capsule_outline(cap, frame0),
                    fill="none",
                    stroke="currentColor",
                    stroke_width=width,
                    **dash,
                )
            )
        tx = x + sample.b[0] + 2 * sample.r + size * 0.5
        out.append(f"<text{attrs(x=tx, y=y + size * 0.35, font_size=size)}>{text(label)}</text>")
        x = tx + size * (len(label) * 0.55 + 1.4)
    return tag("g", "".join(out), cls="hg-fig__legend", fill="currentColor", font_family=FONTS)


def _svg_open(f: Frame, cls: str, label: str | None, width: int | None = None) -> str:
    size = {"width": width, "height": round(width * f.height / f.width)} if width else {}
    role = {"role": "img", "aria_label": label} if label else {"aria_hidden": "true", "focusable": "false"}
    box = f"0 0 {num(f.width)} {num(f.height)}"
    return f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}"{attrs(viewBox=box, **size, **role)}>'


def still_svg(pf: PoseFile, name: str, description: str, *, width: int | None = 480) -> str:
    """Both positions in one picture: start dashed and outlined, finish solid, legend, arrow."""
    f = frame_of(pf)
    line = 1.6 * f.width / 260
    s_props, e_props = pose_props(pf, pf.start), pose_props(pf, pf.finish)
    s_sk, e_sk = skeleton(pf.start), skeleton(pf.finish)
    label = f"{name}: {description}"
    return (
        _svg_open(f, "hg-fig hg-fig--still", label, width)
        + f"<title>{text(label)}</title>"
        + _floor(f)
        + (_props(s_props, s_sk, f, True) if s_props != e_props or any(p.kind == "barbell" for p in s_props) else "")
        + _props(e_props, e_sk, f, False)
        + _solid(e_sk, f, "hg-fig__finish")
        + _outlined(s_sk, f, "hg-fig__start", line, True)
        + _arrow(pf, f, line)
        + _legend(f, pf.hold, line)
        + "</svg>"
    )


def thumbnail_svg(pf: PoseFile, name: str) -> str:
    """A small still for cards and plans: the same two positions, bolder lines, no legend."""
    f = frame_of(pf, legend=False, aspect_range=(THUMB_ASPECT, THUMB_ASPECT))
    line = 3.0 * f.width / 260
    label = f"{name}: start and finish positions"
    return (
        _svg_open(f, "hg-fig hg-fig--thumb", label, 120)
        + f"<title>{text(label)}</title>"
        + _floor(f)
        + _props(pose_props(pf, pf.finish), skeleton(pf.finish), f, False)
        + _solid(skeleton(pf.finish), f, "hg-fig__finish")
        + _outlined(skeleton(pf.start), f, "hg-fig__start", line, False)
        + "</svg>"
    )


# --- the animation --------------------------------------------------------------------------


def _mix(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _mix_leg(a: Leg, b: Leg, t: float) -> Any:
    return Leg(**{k: _mix(getattr(a, k), getattr(b, k), t) for k in ("hip", "knee", "ankle")})  # type: ignore[arg-type]


def _between(pf: PoseFile, t: float) -> Pose:
    """The pose a fraction t of the way from start to finish (angles mixed, not points)."""
    s, e = pf.start, pf.finish
    from .model import Arm

    def arm(a: Any, b: Any) -> Any:
        return Arm(**{k: _mix(getattr(a, k), getattr(b, k), t) for k in ("shoulder", "elbow")})  # type: ignore[arg-type]

    fields: dict[str, Any] = {
        "pelvis": (0, 0),
        "trunk": _mix(s.trunk, e.trunk, t),
        "neck": _mix(s.neck, e.neck, t),
        "leg": _mix_leg(s.leg, e.leg, t),
        "other_leg": _mix_leg(s.other_leg or s.leg, e.other_leg or e.leg, t),
        "arm": arm(s.arm, e.arm),
        "other_arm": arm(s.other_arm or s.arm, e.other_arm or e.arm),
    }
    return Pose(**fields)


def _anchor_point(sk: Skeleton, part: str) -> tuple[float, float]:
    if part == "head":
        return sk.head
    for c in sk.capsules:
        if c.name == part:
            return ((c.a[0] + c.b[0]) / 2, (c.a[1] + c.b[1]) / 2)
    return sk.points[part]


def _placed(pf: PoseFile, t: float) -> Skeleton:
    """The in-between skeleton, placed so the contact that moves least stays put."""
    pose = _between(pf, t)
    here = skeleton(pose, (0.0, 0.0))
    s_sk, e_sk = skeleton(pf.start), skeleton(pf.finish)
    shared = [c.part for c in pf.start.contacts if c.part in {d.part for d in pf.finish.contacts}]
    if shared:
        part = min(shared, key=lambda p: math.dist(_anchor_point(s_sk, p), _anchor_point(e_sk, p)))
        a, b = _anchor_point(s_sk, part), _anchor_point(e_sk, part)
        goal = (_mix(a[0], b[0], t), _mix(a[1], b[1], t))
        now = _anchor_point(here, part)
        return skeleton(pose, (goal[0] - now[0], goal[1] - now[1]))
    p = (_mix(pf.start.pelvis[0], pf.finish.pelvis[0], t), _mix(pf.start.pelvis[1], pf.finish.pelvis[1], t))
    return skeleton(pose, p)


def _timeline(hold: bool) -> list[tuple[float, float]]:
    """(time in seconds, fraction of the way to the finish) keyframes of one repetition."""
    ease = [(1 - math.cos(math.pi * i / _STEPS)) / 2 for i in range(_STEPS + 1)]
    out = [(0.0, 0.0)]
    t = _HOLD_S
    out += [(t + _MOVE_S * i / _STEPS, ease[i]) for i in range(_STEPS + 1)]
    t += _MOVE_S + (_HELD_S if hold else _HOLD_S)
    out += [(t + _MOVE_S * i / _STEPS, 1 - ease[i]) for i in range(_STEPS + 1)]
    out.append((t + _MOVE_S + _HOLD_S * 0.5, 0.0))
    return out


def animation_svg(pf: PoseFile, name: str) -> str:
    """The movement, repeated: a solid figure moving from start to finish and back (SMIL)."""
    f = frame_of(pf)
    line = 1.6 * f.width / 260
    keys = _timeline(pf.hold)
    total = keys[-1][0]
    times = ";".join(f"{k / total:.3f}" for k, _ in keys)
    sks = [_placed(pf, frac) for _, frac in keys]
    timing = f' dur="{num(total)}s" repeatCount="indefinite" keyTimes="{times}"'

    def anim(attr: str, values: list[str]) -> str:
        return f'<animate attributeName="{attr}" values="{";".join(values)}"{timing}/>'

    caps = []
    for i, c in enumerate(sks[0].capsules):
        d_values = [_line(sk.capsules[i], f) for sk in sks]
        caps.append((c.layer, f"<path{attrs(d=d_values[0], stroke_width=2 * c.r)}>{anim('d', d_values)}</path>"))
    far = "".join(p for layer, p in sorted(caps, key=lambda x: x[0]) if layer < 2)
    near = "".join(p for layer, p in sorted(caps, key=lambda x: x[0]) if layer >= 2)
    head = (
        f"<circle{attrs(cx=f.x(sks[0].head[0]), cy=f.y(sks[0].head[1]), r=sks[0].head_r)}>"
        + anim("cx", [num(f.x(sk.head[0])) for sk in sks])
        + anim("cy", [num(f.y(sk.head[1])) for sk in sks])
        + "</circle>"
    )
    s_props, e_props = pose_props(pf, pf.start), pose_props(pf, pf.finish)
    props = []
    for i, p in enumerate(e_props):
        q = s_props[i] if i < len(s_props) and s_props[i].kind == p.kind else p
        if p.kind == "ball" and q.x != p.x:
            xs = [num(f.x(_mix(q.x, p.x, frac))) for _, frac in keys]
            props.append(tag("circle", anim("cx", xs), cx=f.x(q.x), cy=f.y(p.radius), r=float(p.radius), **_TINT))
        elif p.kind == "barbell":
            bars = [_bar(sk) for sk in sks]
            cx, cy = [num(f.x(b[0])) for b in bars], [num(f.y(b[1])) for b in bars]
            for r, fill in (
                (
                    float(p.radius),
                    dict(fill="currentColor", fill_opacity="0.1", stroke="currentColor", stroke_width="1.2"),
                ),
                (4.0, dict(fill="currentColor")),
            ):
                props.append(
                    f"<circle{attrs(cx=cx[0], cy=cy[0], r=r, **fill)}>{anim('cx', cx)}{anim('cy', cy)}</circle>"
                )
        else:
            props.append(_prop(p, sks[0], f, False))
    return (
        _svg_open(f, "hg-fig hg-fig--anim", None, 480)
        + _floor(f)
        + "".join(props)
        + _outlined(skeleton(pf.start), f, "hg-fig__start hg-fig__ghost", line, True)
        + f'<g class="hg-fig__finish"{attrs(stroke="currentColor", fill="currentColor", stroke_linecap="round")}>'
        + f"<g{attrs(opacity='0.45')}>{far}</g>{near}{head}</g>"
        + "</svg>"
    )
