"""Site-wide structure derived from the data: the navigation."""

from __future__ import annotations

from ..core.markup import escape
from ..core.model import Catalog
from ..core.text import label

__all__ = ["nav_for"]


def nav_for(catalog: Catalog, pages: dict[str, str], extra: tuple[str, ...] = ()) -> list:
    """The MkDocs `nav` for the guide: home, exercises, muscles, concepts, clinical, plans.

    Titles are escaped: the theme writes navigation titles (and page titles, which MkDocs takes
    from them) into every page and the search index as HTML.
    """
    nav: list = [{"Home": "index.md"}]
    nav.append({"Exercises": ["exercises/index.md"] + [{escape(e.name): f"exercises/{e.id}.md"} for e in catalog.exercises]})
    nav.append({"Muscles": ["muscles/index.md"] + [{escape(m.name): f"muscles/{m.id}.md"} for m in catalog.muscles]})
    for section in ("concepts", "clinical"):
        topics = [t for t in catalog.topics if t.section == section]
        if topics:
            nav.append({label(section): [f"{section}/index.md"] + [{escape(t.name): f"{section}/{t.id}.md"} for t in topics]})
    if "plans/index.md" in pages:
        plans = [{escape(p.name): f"plans/{p.id}.md"} for p in catalog.plans if f"plans/{p.id}.md" in pages]
        nav.append({"Sample plans": ["plans/index.md"] + plans})
    for path in extra:
        nav.append(path)
    if "sources/index.md" in pages:
        nav.append({"Sources": ["sources/index.md", {"The guide's choices": "sources/choices.md"}]})
    return nav
