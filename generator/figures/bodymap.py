"""The body map: the body from behind and from the front, a region per muscle, from data.

Three uses, one drawing: a static map with some muscles marked (solid for the main muscles,
hatched for the helpers, a dashed outline for deep ones), a map whose regions link to the
muscle pages (`links`), and one whose regions are buttons that filter the exercise index
(`pick`). Marks never rely on colour: solid, hatched and dashed read the same in grey.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .model import BodyMap, Region
from .svg import attrs, num, tag, text

__all__ = ["MARKS", "bodymap_svg"]

MARKS = ("main", "helper")
_TOP, _GAP, _FONT = 28.0, 24.0, 13.0
_VIEWS = (("back", "From behind"), ("front", "From the front"))


def _ink(width: str) -> dict[str, str]:
    return {"stroke": "currentColor", "stroke_width": width}


def _mirror(points: list[tuple[float, float]], width: float) -> list[tuple[float, float]]:
    return [(width - x, y) for x, y in points]


def _spline(points: list[tuple[float, float]], closed: bool = True) -> list[tuple]:
    """Catmull-Rom through the points as cubic Bezier segments: (p1, c1, c2, p2)."""
    n = len(points)
    segs = []
    for i in range(n if closed else n - 1):
        p0, p1 = points[(i - 1) % n], points[i]
        p2, p3 = points[(i + 1) % n], points[(i + 2) % n]
        if not closed:
            p0 = points[max(i - 1, 0)]
            p3 = points[min(i + 2, n - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        segs.append((p1, c1, c2, p2))
    return segs


def _path(points: list[tuple[float, float]], dx: float, dy: float, closed: bool = True) -> str:
    segs = _spline(points, closed)
    q = lambda p: f"{num(p[0] + dx)},{num(p[1] + dy)}"  # noqa: E731
    out = f"M{q(segs[0][0])}" + "".join(f"C{q(c1)} {q(c2)} {q(p2)}" for _, c1, c2, p2 in segs)
    return out + ("Z" if closed else "")


def _polygon(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The smooth outline sampled as a polygon (for hatching inside it)."""
    out = []
    for p1, c1, c2, p2 in _spline(points):
        for k in range(8):
            t = k / 8
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
            out.append((a * p1[0] + b * c1[0] + c * c2[0] + d * p2[0], a * p1[1] + b * c1[1] + c * c2[1] + d * p2[1]))
    return out


def _hatch(poly: list[tuple[float, float]], dx: float, dy: float, spacing: float = 3.2) -> str:
    """Diagonal hatch lines clipped to a polygon, as path data."""
    # rotate by 45 degrees so the hatch lines are horizontal, cut them, rotate back
    c, s = math.cos(math.pi / 4), math.sin(math.pi / 4)
    rot = [(x * c + y * s, -x * s + y * c) for x, y in poly]
    lo, hi = min(p[1] for p in rot), max(p[1] for p in rot)
    out = []
    v = lo + spacing / 2
    while v < hi:
        xs = []
        for (x1, y1), (x2, y2) in zip(rot, rot[1:] + rot[:1], strict=False):
            if (y1 <= v < y2) or (y2 <= v < y1):
                xs.append(x1 + (v - y1) * (x2 - x1) / (y2 - y1))
        xs.sort()
        for a, b in zip(xs[::2], xs[1::2], strict=False):
            p = (a * c - v * s + dx, a * s + v * c + dy)
            q = (b * c - v * s + dx, b * s + v * c + dy)
            out.append(f"M{num(p[0])},{num(p[1])}L{num(q[0])},{num(q[1])}")
        v += spacing
    return "".join(out)


def _sides(r: Region, width: float) -> list[list[tuple[float, float]]]:
    pts = [(float(p[0]), float(p[1])) for p in r.points]
    return [pts, _mirror(pts, width)]


def _region(r: Region, bm: BodyMap, ox: float, mark: str | None) -> str:
    """One muscle region, both sides, drawn as its mark asks."""
    deep = r.depth == "deep"
    out = []
    for pts in _sides(r, bm.width):
        d = _path(pts, ox, _TOP)
        if mark == "main":
            out.append(
                f"<path{attrs(d=d, fill='currentColor', fill_opacity='0.5' if deep else '0.85', stroke='none')}/>"
            )
        elif mark == "helper":
            out.append(
                tag("path", d=_hatch(_polygon(pts), ox, _TOP), stroke="currentColor", stroke_width="1", fill="none")
            )
        width = "1.6" if mark else ("1" if deep else "0.7")
        dash = {"stroke_dasharray": "3 2"} if deep else {}
        out.append(tag("path", cls="hg-bm__shape", d=d, fill="currentColor", fill_opacity="0", **_ink(width), **dash))
    cls = "hg-bm__region" + (f" hg-bm__region--{mark}" if mark else "") + (" hg-bm__region--deep" if deep else "")
    return f'<g class="{cls}">{"".join(out)}</g>'


def _legend(y: float, marks: Mapping[str, str], names: Mapping[str, str], deep_ids: set[str]) -> tuple[str, float]:
    items = []
    if "main" in marks.values():
        items.append(
            (
                "main",
                "Main muscles"
                if list(marks.values()).count("main") > 1 or "helper" in marks.values()
                else names[next(m for m, k in marks.items() if k == "main")],
            )
        )
    if "helper" in marks.values():
        items.append(("helper", "Helping muscles"))
    if deep_ids:  # the deep muscles are always drawn, dashed
        items.append(("deep", "Dashed: deep, under other muscles"))
    out = []
    x = 6.0
    row = y
    for kind, label in items:
        sw = [(x, row), (x + 18, row), (x + 18, row + 12), (x, row + 12)]
        d = "M" + "L".join(f"{num(a)},{num(b)}" for a, b in sw) + "Z"
        if kind == "main":
            out.append(f"<path{attrs(d=d, fill='currentColor', fill_opacity='0.85')}/>")
        elif kind == "helper":
            out.append(f"<path{attrs(d=_hatch(sw, 0, 0), stroke='currentColor', stroke_width='1', fill='none')}/>")
            out.append(f"<path{attrs(d=d, fill='none', stroke='currentColor', stroke_width='1')}/>")
        else:
            out.append(
                f"<path{attrs(d=d, fill='none', stroke='currentColor', stroke_width='1.2', stroke_dasharray='3 2')}/>"
            )
        out.append(f"<text{attrs(x=x + 24, y=row + 10.5, font_size=_FONT)}>{text(label)}</text>")
        row += 18
    return "".join(out), row - y


def bodymap_svg(
    bm: BodyMap,
    names: Mapping[str, str],
    marks: Mapping[str, str] | None = None,
    *,
    label: str = "",
    mode: str = "static",
    links: Mapping[str, str] | None = None,
    pickable: tuple[str, ...] = (),
    crop: tuple[int, int] | None = None,
) -> str:
    """The body map as SVG text.

    Args:
        bm: the body map data.
        names: muscle id -> name (for titles, labels and the text equivalent).
        marks: muscle id -> "main" or "helper"; others are drawn plain.
        label: the text equivalent of a static map (its accessible name).
        mode: "static" (an image), "links" (each muscle links to `links[id]`) or "pick"
            (each muscle in `pickable` is a button with data-muscle, for the exercise filter).
        crop: show only the body between these heights (e.g. the hips and thighs, for a
            one-page handout), with small view labels below and no legend: the text beside
            it says which muscles are solid and which hatched.
    """
    marks = dict(marks or {})
    ox = [0.0, bm.width + _GAP]
    total_w = 2 * bm.width + _GAP
    deep_ids = {r.muscle for r in bm.regions if r.depth == "deep"}
    body = []
    labels: list[str] = []  # a cropped map's view names, under the crop line
    for (_view, title), x in zip(_VIEWS, ox, strict=False):
        right = [(float(p[0]), float(p[1])) for p in bm.outline]
        whole = right + _mirror(right, bm.width)[::-1]
        body.append(
            tag(
                "path",
                cls="hg-bm__body",
                d=_path(whole, x, _TOP),
                fill="currentColor",
                fill_opacity="0.05",
                **_ink("1.3"),
            )
        )
        for line in bm.lines:
            pts = [(float(p[0]), float(p[1])) for p in line]
            for side in (pts, _mirror(pts, bm.width)):
                body.append(
                    tag("path", d=_path(side, x, _TOP, closed=False), fill="none", stroke_opacity="0.6", **_ink("0.6"))
                )
        title_y = _TOP + crop[1] + _FONT if crop else _FONT + 4
        (labels if crop else body).append(
            f"<text{attrs(x=x + bm.width / 2, y=title_y, font_size=_FONT, text_anchor='middle')}>{text(title)}</text>"
        )
    # muscles: surface ones first, deep ones over them; one group per muscle
    order = sorted(dict.fromkeys(r.muscle for r in bm.regions), key=lambda m: m in deep_ids)
    caption_y = _TOP + bm.height + 14
    for m in order:
        regions = [r for r in bm.regions if r.muscle == m]
        regions.sort(key=lambda r: r.depth == "deep")
        drawn = "".join(_region(r, bm, ox[0 if r.view == "back" else 1], marks.get(m)) for r in regions)
        name = names.get(m, m)
        if mode == "links" and links and m in links:
            where = {"x": total_w / 2, "y": caption_y, "font_size": _FONT + 1, "text_anchor": "middle"}
            label_text = tag("text", text(name), cls="hg-bm__name", visibility="hidden", **where)
            # xlink:href, not href: mkdocs-material's instant navigation re-assigns el.href on
            # every [href] element, which an SVG <a> (a read-only href) turns into an error.
            link = f'<a class="hg-bm__link" xlink:href="{text(links[m])}"{attrs(data_muscle=m)}>'
            body.append(f"{link}<title>{text(name)}</title>{drawn}{label_text}</a>")
        elif mode == "pick" and m in pickable:
            body.append(
                tag(
                    "g",
                    f"<title>{text(name)}</title>{drawn}",
                    cls="hg-bm__pick",
                    data_muscle=m,
                    role="button",
                    tabindex="0",
                    aria_pressed="false",
                    aria_label=name,
                )
            )
        else:
            # a muscle nobody can choose must not catch the pointer meant for the one under it
            inert = ' pointer-events="none"' if mode != "static" else ""
            body.append(f'<g data-muscle="{text(m)}"{inert}>{drawn}</g>')
    legend, legend_h = ("", 0.0)
    if mode == "static":
        legend, legend_h = _legend(_TOP + bm.height + 10, marks, names, deep_ids)
    else:
        legend, legend_h = _legend(_TOP + bm.height + 30, {}, names, deep_ids)  # under the names' line
        legend_h += 20
    height = _TOP + bm.height + 10 + legend_h + 4
    box = f"0 0 {num(total_w)} {num(height)}"
    if crop:  # the legs go on below the crop: cover them with the background, then name the views
        band = tag(
            "rect", cls="hg-fig__halo--fill", x=0.0, y=_TOP + crop[1], width=total_w, height=_FONT + 8.0, fill="#fff"
        )
        legend = band + "".join(labels)
        height = crop[1] - crop[0] + _FONT + 4
        box = f"0 {num(_TOP + crop[0])} {num(total_w)} {num(height)}"
    if mode == "static":
        role = attrs(role="img", aria_label=label)
        title = f"<title>{text(label)}</title>"
    else:
        role = attrs(role="group", aria_label=label)
        title = ""
    cls = f"hg-bm hg-bm--{mode}"
    return (
        '<svg xmlns="http://www.w3.org/2000/svg"'
        + (' xmlns:xlink="http://www.w3.org/1999/xlink"' if mode == "links" else "")
        + f' class="{cls}"'
        + attrs(viewBox=box, width=str(round(total_w)), height=str(round(height)))
        + f"{role}>{title}"
        + tag("g", "".join(body) + legend, font_family="DejaVu Sans, Arial, sans-serif", fill="currentColor")
        + "</svg>"
    )
