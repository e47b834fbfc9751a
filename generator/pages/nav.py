"""Site-wide structure derived from the data: the navigation."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.markup import escape
from ..core.model import Catalog
from ..core.text import label

__all__ = ["NAV_SECTION_MAX", "nav_for", "nav_paths"]

# The guide's choice: a section of up to this many pages lists them in the navigation; a longer
# one (a clinic's catalog of hundreds of exercises) lists its index page alone, which lists them
# all with the filters. Every page carries the whole navigation, so listing N exercises would
# put N links into each of N pages: a drawer nobody scrolls, and a build that grows with N².
NAV_SECTION_MAX = 30


def _section(title: str, index: str, entries: list[dict[str, str]]) -> dict[str, list]:
    return {title: [index, *entries] if len(entries) <= NAV_SECTION_MAX else [index]}


def nav_for(catalog: Catalog, pages: dict[str, str], extra: tuple[str, ...] = ()) -> list:
    """The MkDocs `nav` for the guide: home, exercises, muscles, concepts, clinical, plans.

    Titles are escaped: the theme writes navigation titles (and page titles, which MkDocs takes
    from them) into every page and the search index as HTML. A section longer than
    NAV_SECTION_MAX is listed by its index page alone (see nav_paths for what is left out).
    """
    nav: list = [{"Home": "index.md"}]
    nav.append(
        _section("Exercises", "exercises/index.md", [{escape(e.name): f"exercises/{e.id}.md"} for e in catalog.exercises])
    )
    nav.append(_section("Muscles", "muscles/index.md", [{escape(m.name): f"muscles/{m.id}.md"} for m in catalog.muscles]))
    for section in ("concepts", "clinical"):
        topics = [t for t in catalog.topics if t.section == section]
        if topics:
            entries = [{escape(t.name): f"{section}/{t.id}.md"} for t in topics]
            nav.append(_section(label(section), f"{section}/index.md", entries))
    if "plans/index.md" in pages:
        plans = [{escape(p.name): f"plans/{p.id}.md"} for p in catalog.plans if f"plans/{p.id}.md" in pages]
        nav.append(_section("Sample plans", "plans/index.md", plans))
    for path in extra:
        nav.append(path)
    if "sources/index.md" in pages:
        nav.append({"Sources": ["sources/index.md", {"The guide's choices": "sources/choices.md"}]})
    return nav


def nav_paths(nav: list | dict | str) -> Iterator[str]:
    """Every page path a `nav` names."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_paths(value)
    else:
        for item in nav:
            yield from nav_paths(item)
