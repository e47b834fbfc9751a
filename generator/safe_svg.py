"""SVG figures from the data, sanitised at load time by an allow-list.

Build only (the loader calls it). A figure file is parsed as XML (a DOCTYPE, and with it any
entity, is refused) and written out again keeping only the elements and attributes of plain
drawings: shapes, paths, groups, text, gradients, a title and a description. Scripts, event
handlers, styles, links, images, foreign content, animation and every reference that is not
to an element of the same figure (``url(#id)``) are dropped. What comes out cannot run script
or fetch anything, whether it is shown in a page, opened on its own or put into a PDF.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

__all__ = ["SvgError", "sanitize_svg"]

SVG_NS = "http://www.w3.org/2000/svg"

_ELEMENTS = {
    "svg", "g", "title", "desc", "defs", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol",
}  # fmt: skip
_ATTRIBUTES = {
    "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "stroke-miterlimit", "opacity", "transform",
    "font-size", "font-family", "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing",
    "dx", "dy", "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "fx", "fy",
    "clip-path", "clip-rule", "clipPathUnits", "mask", "preserveAspectRatio", "vector-effect", "paint-order",
    "id", "class", "role", "aria-label", "aria-hidden", "aria-labelledby", "aria-describedby", "lang", "version",
    "color", "visibility", "display",
}  # fmt: skip
_MAX_DEPTH = 32
_REFERENCE = re.compile(r"url\(\s*([^)]*)\)", re.I)


class SvgError(ValueError):
    """The file is not an SVG image the guide can use; the message says why (one line)."""


def _safe_value(value: str) -> bool:
    lowered = value.lower()
    if any(word in lowered for word in ("javascript:", "data:", "expression(", "@import", "<", "&")):
        return False
    return all(ref.strip(" '\"").startswith("#") for ref in _REFERENCE.findall(value))


def _clean(element: ET.Element, depth: int) -> ET.Element | None:
    tag = element.tag.removeprefix(f"{{{SVG_NS}}}") if isinstance(element.tag, str) else ""
    if tag not in _ELEMENTS or depth > _MAX_DEPTH:
        return None
    out = ET.Element(tag)
    for name, value in element.attrib.items():
        if name in _ATTRIBUTES and _safe_value(value):
            out.set(name, value)
    out.text = element.text
    for child in element:
        clean = _clean(child, depth + 1)
        if clean is not None:
            clean.tail = child.tail
            out.append(clean)
        elif child.tail:  # keep the text that followed a dropped element
            if len(out):
                out[-1].tail = (out[-1].tail or "") + child.tail
            else:
                out.text = (out.text or "") + child.tail
    return out


def sanitize_svg(data: bytes) -> bytes:
    """The figure with everything outside the allow-list removed.

    Raises:
        SvgError: not XML, a DOCTYPE or entity declaration, or a root element that is not <svg>.
    """
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise SvgError("expected an SVG image without a DOCTYPE or entities, found one")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SvgError(f"expected an SVG image, found text that is not XML ({exc})") from None
    if root.tag not in (f"{{{SVG_NS}}}svg", "svg"):
        raise SvgError(f"expected an <svg> element at the top, found <{str(root.tag).rsplit('}', 1)[-1]}>")
    clean = _clean(root, 0)
    assert clean is not None
    clean.set("xmlns", SVG_NS)
    return ET.tostring(clean, encoding="unicode").encode("utf-8")
