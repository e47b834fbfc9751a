"""Tiny SVG helpers: numbers and escaped text are the only things written into a figure."""

from __future__ import annotations

from html import escape

__all__ = ["attrs", "num", "pts", "tag", "text"]


def num(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros (and never '-0')."""
    out = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def pts(points: list[tuple[float, float]]) -> str:
    """An SVG points list."""
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def attrs(**values: object) -> str:
    """Attributes from keywords (trailing _ dropped, _ becomes -); numbers formatted, text escaped."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        shown = num(value) if isinstance(value, float) else str(value)
        out.append(f' {name}="{escape(shown)}"')
    return "".join(out)


def text(value: str) -> str:
    """Escaped text content."""
    return escape(value, quote=False)


def tag(name: str, body: str | None = None, cls: str | None = None, **values: object) -> str:
    """One element: `<name .../>`, or with `body` (already SVG text) inside it."""
    head = f"<{name}" + (f' class="{escape(cls)}"' if cls else "") + attrs(**values)
    return head + ("/>" if body is None else f">{body}</{name}>")
