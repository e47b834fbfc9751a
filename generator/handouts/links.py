"""Web-page side of the handouts: download links and the handouts index page. Pure text.

The PDFs are written after MkDocs has built the pages, so they are not MkDocs files: links
to them are raw HTML (MkDocs only checks Markdown links), made relative to the page's URL so
they work under any site path, with or without `use_directory_urls`.
"""

from __future__ import annotations

import posixpath
import re

from ..core.markup import escape
from ..core.model import Catalog
from .sheets import (
    BOOKLET_PATH,
    HANDOUT_LINK_TEXT,
    booklet_volumes,
    exercise_handout_path,
    plan_handout_path,
)

__all__ = ["add_handout_link", "handout_for_page", "handouts_index", "relative_url"]

INDEX_PAGE = "handouts/index.md"
_PAPER_TEXT = {"a4": "A4", "letter": "US Letter"}


def relative_url(target: str, page_url: str) -> str:
    """The URL of a site-relative `target` as seen from a page at site-relative `page_url`."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    return posixpath.relpath(target, base.rstrip("/") or ".")


def handout_for_page(src_uri: str, catalog: Catalog) -> str | None:
    """The handout PDF path for a generated page ('exercises/hip-thrust.md'), or None."""
    if m := re.fullmatch(r"exercises/([^/]+)\.md", src_uri):
        try:
            return exercise_handout_path(catalog.exercise(m[1]).id)
        except KeyError:
            return None
    if m := re.fullmatch(r"plans/([^/]+)\.md", src_uri):
        if any(p.id == m[1] for p in catalog.plans):  # a handful of plans
            return plan_handout_path(m[1])
    return None


def _link_html(href: str, note: str) -> str:
    return (
        f'<p class="hg-handout"><a class="md-button hg-handout__link" href="{escape(href)}" '
        f'type="application/pdf">{HANDOUT_LINK_TEXT}</a> <span class="hg-handout__note">{escape(note)}</span></p>'
    )


def add_handout_link(markdown: str, pdf_path: str, page_url: str, paper: str = "a4") -> str:
    """Insert the visible "Download handout (PDF)" link right after the page's first heading."""
    kind = "one page" if not pdf_path.startswith("handouts/plans/") else "printable plan"
    block = "\n" + _link_html(relative_url(pdf_path, page_url), f"{_PAPER_TEXT[paper]}, {kind}") + "\n"
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1] + [block] + lines[i + 1 :])
    return block + "\n" + markdown


def handouts_index(catalog: Catalog, paper: str = "a4") -> str:
    """The handouts index page: the booklet, every exercise handout and every plan handout."""
    here = "handouts/"
    size = _PAPER_TEXT[paper]

    def pdf(path: str, text: str) -> str:
        return f'<a href="{escape(relative_url(path, here))}" type="application/pdf">{escape(text)}</a>'

    volumes = booklet_volumes(catalog)
    if len(volumes) == 1:
        note = "cover, contents, every exercise and muscle, clinical overview"
        booklets = [f'<p class="hg-handout">{pdf(BOOKLET_PATH, volumes[0].title + " (PDF)")} '
                    f'<span class="hg-handout__note">{note}</span></p>']  # fmt: skip
    else:
        booklets = [
            f"The guide as a booklet comes in {len(volumes)} volumes, so that each can be printed and bound.",
            "",
        ]
        for v in volumes:
            note = f"exercises {v.exercises[0].name} to {v.exercises[-1].name}" + (
                ", muscles, clinical overview" if v.background else ""
            )
            booklets.append(
                f'<p class="hg-handout">{pdf(v.path, v.title + " (PDF)")} '
                f'<span class="hg-handout__note">{escape(note)}</span></p>'
            )
    rows = "\n".join(
        f"| {pdf(exercise_handout_path(e.id), e.name + ' (PDF)')} | [{escape(e.name)} page](../exercises/{e.id}.md) |"
        for e in catalog.exercises
    )
    out = [
        "---",
        'title: "Printable handouts"',
        f'description: "One-page PDF handouts for every exercise and sample plan, and the whole guide as a booklet ({size})."',
        "---",
        "",
        "# Printable handouts",
        "",
        "Print these for yourself or for the people you work with: each exercise handout fits on one "
        f"{size} page with the steps, the dose, tips and cautions, and prints well in black and white.",
        "",
        *booklets,
        "",
        "## Exercise handouts",
        "",
        "| Handout | Web page |",
        "|---|---|",
        rows,
        "",
    ]
    if catalog.plans:
        out += ["## Sample plan handouts", ""]
        out += [f"- {pdf(plan_handout_path(p.id), p.name + ' (PDF)')}: {escape(p.description)}" for p in catalog.plans]
        out.append("")
    return "\n".join(out)
