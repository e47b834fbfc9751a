"""The sample-plan handouts: each the printed plan sheet, the short view of a plan.

The plan dict is `generator.planner.make_plan` output (JSON-ready data). The sheet is
`generator.planner.sheet.plan_sheet_tree` (the template the planner page prints too): the
session tables with figures, doses and tick boxes first, then the how-to, under the section
titles of the plan tree (generator.planner.tree), the one renderer of a plan.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.model import Catalog
from .sheets import Doc, page_url, plan_handout_path

__all__ = ["plan_docs"]


def plan_docs(
    catalog: Catalog,
    plans: dict[str, dict],
    *,
    site_url: str,
    paper: str = "a4",
    date: str = "",
    fonts: str = "",
    figures: Mapping[str, bytes] | None = None,
) -> list[Doc]:
    """One Doc per sample plan that has a planned result, in the catalog's order.

    Each is the printed plan sheet: the page's address and its QR code when the site has a
    public address.
    """
    from .program_sheet import plan_sheet_html

    return [
        Doc(
            plan_handout_path(sample.id),
            f"sample plan '{sample.id}'",
            plan_sheet_html(
                plans[sample.id],
                catalog,
                title=sample.name,
                kind="Sample plan",
                figures=figures or {},
                paper=paper,
                address=page_url(site_url, f"plans/{sample.id}/"),
                made=f"Made {date}" if date else "",
                font_css=fonts,
            ),
        )
        for sample in catalog.plans
        if sample.id in plans
    ]
