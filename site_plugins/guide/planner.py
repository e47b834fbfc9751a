"""The plugin's planner hooks, kept apart from plugin.py: the planner page and its runtime.

`pages` renders planner.md (the form and the build-time plan for the default profile) after
preparing the runtime bundle (generator.runtime.bundle: wheel, lockfile, catalog, memory
snapshot, all cached by input hash), so the page can name the exact runtime files.
`page_context` hands the theme what overrides/main.html writes into the planner page: the
worker's start data for its <head>, and the theme bundle to run after the first plan.
`post_build` links the bundle and the pinned Pyodide into the site. `mkdocs serve` never
waits for Node: a missing snapshot is made in the background and the page boots plainly until
a rebuild, and a missing Pyodide (no `npm ci` yet) leaves the runtime out instead of stopping
the server.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from generator.background import Background
from generator.core.model import Catalog
from generator.pages.planner import planner_page, planner_start
from generator.planner.plan import make_plan
from generator.planner.profile import parse_profile
from generator.runtime.bundle import WORKER_FILES, WORKER_SRC, Bundle, BundleError, install_bundle, prepare_bundle
from generator.site_address import public_site_url

log = get_plugin_logger(__name__)

PAGE = "planner.md"
# mkdocs-material's bundle among the theme's files (its name carries a hash of its contents).
THEME_BUNDLE = "assets/javascripts/bundle.*.min.js"


class Planner:
    """State of the planner feature across one MkDocs run."""

    def __init__(self, background: Background) -> None:
        self.serving = False
        self.background = background
        self.bundle: Bundle | None = None
        self.start: dict[str, str] | None = None
        self.theme_bundle: str | None = None

    def on_startup(self, command: str) -> None:
        self.serving = command == "serve"

    def pages(self, catalog: Catalog, config, options) -> dict[str, str]:  # noqa: ANN001 - MkDocsConfig, GuideConfig
        """The planner page (and, as a side effect, the runtime bundle it names)."""
        if not options.planner:
            return {}
        root = Path(config.config_file_path).parent
        snapshot = "off" if not options.planner_snapshot else ("background" if self.serving else "sync")
        try:
            self.bundle = prepare_bundle(
                catalog,
                (root / options.planner_cache_dir).resolve(),
                (root / options.pyodide_dir).resolve(),
                snapshot=snapshot,
                worker_src=WORKER_SRC,
                background=self.background,
            )
        except BundleError as exc:
            if not self.serving:
                raise PluginError(f"planner: {exc}") from exc
            # While editing, the rest of the site matters more: the page says Python is missing.
            log.info("planner runtime left out: %s", exc)
            self.bundle = None
        default = make_plan(catalog, parse_profile({}, catalog))
        up = "../" if config.use_directory_urls else ""
        href = f"{up}exercises/{{id}}/" if config.use_directory_urls else "exercises/{id}.html"
        runtime = self.bundle.manifest if self.bundle else None
        page = planner_page(
            catalog, default, runtime=runtime, exercise_href=href, site_url=public_site_url(config.site_url)
        )
        self.start = planner_start(runtime)
        return {PAGE: page}

    @staticmethod
    def files(options) -> dict[str, bytes]:  # noqa: ANN001 - GuideConfig
        """The worker's modules, published unversioned under assets/planner/ beside the page scripts."""
        if not options.planner:
            return {}
        return {f"assets/planner/{name}": (WORKER_SRC / name).read_bytes() for name in WORKER_FILES}

    def find_theme_bundle(self, files) -> None:  # noqa: ANN001 - mkdocs Files
        """Note mkdocs-material's bundle among the theme's files, to run it late on the planner page."""
        found = [f.src_uri for f in files if fnmatch(f.src_uri, THEME_BUNDLE)]
        self.theme_bundle = found[0] if len(found) == 1 else None
        if self.start and self.theme_bundle is None:
            log.warning("planner: mkdocs-material's bundle not found as %s; it runs as usual", THEME_BUNDLE)

    def page_context(self, page) -> dict[str, Any]:  # noqa: ANN001 - mkdocs Page
        """What overrides/main.html needs for this page (nothing but on the planner page).

        `planner_start`: the runtime manifest and the worker's path, for the start script in
        the page's <head>; `theme_bundle`: the theme bundle's path, which the page then runs
        after the first plan instead of at once.
        """
        if page.file.src_uri != PAGE or not self.start:
            return {}
        return {"planner_start": self.start, "theme_bundle": self.theme_bundle}

    def post_build(self, config, options) -> None:  # noqa: ANN001
        """Link the runtime files into the built site."""
        if options.planner and self.bundle is not None:
            files = install_bundle(self.bundle, Path(config.site_dir))
            log.debug("planner runtime: %d files in %s", len(files), config.site_dir)
