"""The printed sheets as PDF documents: the same element tree the browser prints, through WeasyPrint.

Build only. `program_doc` wraps `generator.planner.sheet.program_sheet_tree` (and
`plan_sheet_doc` its plan twin) in the handout page skeleton with sheet.css, the stylesheet the
site also publishes for the browser's print; figures become data: URIs (WeasyPrint fetches
nothing); the QR code of the sheet's address is computed by segno.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from ..core.model import Catalog
from ..planner.program import Program
from ..planner.sheet import figure_file, plan_sheet_tree, program_sheet_tree, qr_matrix_rows, sheet_html
from .sheets import Doc, css, page

__all__ = ["figure_uris", "plan_sheet_html", "program_html", "qr_rows"]


def qr_rows(text: str) -> list[str]:
    """The QR code of `text` (error correction M) as rows of '0'/'1' ([] for no text)."""
    if not text:
        return []
    import segno

    return qr_matrix_rows(segno.make(text, error="m", micro=False).matrix)


def figure_uris(catalog: Catalog, figures: Mapping[str, bytes]) -> dict[str, str]:
    """Exercise id -> data: URI of its sheet picture (see sheet.figure_file), for those that have one."""
    out = {}
    for ex in catalog.exercises:
        name = figure_file(ex)
        if name and name in figures:
            out[ex.id] = "data:image/svg+xml;base64," + base64.b64encode(figures[name]).decode("ascii")
    return out


def _document(title: str, tree: list, paper: str, font_css: str) -> str:
    body = sheet_html(tree)
    if paper == "letter":
        body = body.replace('class="hg-sheet ', 'class="hg-sheet hg-sheet--letter ', 1)
    return page(title, body, stylesheet=css("sheet.css"), paper=paper, body_class="sheet", font_css=font_css)


def program_html(
    program: Program,
    catalog: Catalog,
    *,
    figures: Mapping[str, bytes],
    paper: str = "a4",
    address: str = "",
    made: str = "",
    exercises: list | None = None,
    font_css: str = "",
) -> str:
    """The whole HTML document of a program's sheet."""
    tree = program_sheet_tree(
        program,
        catalog,
        figures=figure_uris(catalog, figures),
        address=address,
        qr=qr_rows(address),
        made=made,
        exercises=exercises,
    )
    return _document(program.title, tree, paper, font_css)


def plan_sheet_html(
    plan: dict[str, Any],
    catalog: Catalog,
    *,
    title: str,
    kind: str,
    figures: Mapping[str, bytes],
    paper: str = "a4",
    address: str = "",
    made: str = "",
    font_css: str = "",
) -> str:
    """The whole HTML document of a plan's sheet (sample-plan handouts)."""
    tree = plan_sheet_tree(
        plan,
        catalog,
        title=title,
        kind=kind,
        figures=figure_uris(catalog, figures),
        address=address,
        qr=qr_rows(address),
        made=made,
    )
    return _document(title, tree, paper, font_css)


def program_pdf_doc(html: str, path: str = "program.pdf") -> Doc:
    """The sheet as a Doc for handouts.build.render_pdf."""
    return Doc(path, "the program sheet", html)
