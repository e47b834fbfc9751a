"""The plugin's handout hooks, kept apart from plugin.py: links, the index page, the PDFs.

`mkdocs build` renders the missing PDFs before it finishes (and fails on a broken one).
`mkdocs serve` never waits for WeasyPrint: cached PDFs are copied at once and the missing
ones are rendered in a background thread, so a page reload is never held up by PDF work; a
newer rebuild tells an unfinished job to stop after its current document.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from generator.background import Background
from generator.core.model import Catalog
from generator.handouts.build import HandoutError, build_handouts
from generator.handouts.links import INDEX_PAGE, add_handout_link, handout_for_page, handouts_index
from generator.site_address import public_site_url

log = get_plugin_logger(__name__)


class Handouts:
    """State of the handout feature across one MkDocs run."""

    def __init__(self, background: Background) -> None:
        self.serving = False
        self.background = background

    def on_startup(self, command: str) -> None:
        self.serving = command == "serve"

    @staticmethod
    def pages(catalog: Catalog, options) -> dict[str, str]:  # noqa: ANN001 - GuideConfig
        """Virtual pages to add: the handouts index."""
        return {INDEX_PAGE: handouts_index(catalog, options.paper)} if options.handouts else {}

    @staticmethod
    def page_markdown(markdown: str, page, catalog: Catalog, options) -> str:  # noqa: ANN001
        """Add the download link to exercise and sample-plan pages."""
        pdf = handout_for_page(page.file.src_uri, catalog) if options.handouts else None
        return add_handout_link(markdown, pdf, page.url, options.paper) if pdf else markdown

    def post_build(  # noqa: ANN001
        self, catalog: Catalog, config, options, plans: dict[str, dict], figures: Mapping[str, bytes]
    ) -> None:
        """Write every PDF into the site (in the background when serving)."""
        if not options.handouts:
            return
        root = Path(config.config_file_path).parent
        try:
            build_handouts(
                catalog,
                Path(config.site_dir),
                cache_dir=(root / options.handouts_cache_dir).resolve(),
                paper=options.paper,
                site_url=public_site_url(config.site_url),
                plans=plans,
                figures=figures,
                background=self.background if self.serving else None,
                log=log,
                processes=None,  # a one-off build renders on every core
            )
        except HandoutError as exc:
            raise PluginError(f"PDF handouts: {exc}") from exc
