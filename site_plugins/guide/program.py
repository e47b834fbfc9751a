"""The plugin's program builder hooks: the page, and the sheet's stylesheet for the browser.

The stylesheet is generator/handouts/templates/sheet.css, the very file WeasyPrint uses for
`python -m generator program` and the plan handouts, published as assets/program/sheet.css.
"""

from __future__ import annotations

from importlib import resources

from generator.core.model import Catalog
from generator.pages.program import PAGE, program_page
from generator.site_address import public_site_url

SHEET_CSS = "assets/program/sheet.css"


def pages(catalog: Catalog, config, options) -> dict[str, str]:  # noqa: ANN001 - MkDocsConfig, GuideConfig
    """The program builder page (only with the planner: it needs the worker's Python)."""
    if not options.planner:
        return {}
    up = "../" if config.use_directory_urls else ""
    return {PAGE: program_page(catalog, figures_href=f"{up}assets/figures/", site_url=public_site_url(config.site_url))}


def files(options) -> dict[str, bytes]:  # noqa: ANN001 - GuideConfig
    """The sheet's stylesheet (published even without the planner: plan pages print with it)."""
    css = resources.files("generator.handouts").joinpath("templates").joinpath("sheet.css").read_bytes()
    return {SHEET_CSS: css}
