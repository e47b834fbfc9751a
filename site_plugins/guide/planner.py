"""The plugin's planner hooks, kept apart from plugin.py: the planner page and its runtime.

`pages` renders planner.md (the form and the build-time plan for the default profile) after
preparing the runtime bundle (generator.bundle: wheel, lockfile, catalog, memory snapshot,
all cached by input hash), so the page can name the exact runtime files. `post_page` puts the
script that starts Python into the page's <head>, and `post_build` links the bundle and the
pinned Pyodide into the site. `mkdocs serve` never waits for Node: a
missing snapshot is made in the background and the page boots plainly until a rebuild, and
a missing Pyodide (no `npm ci` yet) leaves the runtime out instead of stopping the server.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from generator.core.model import Catalog
from generator.pages.planner import defer_theme_bundle, planner_head, planner_page
from generator.planner.plan import make_plan
from generator.planner.profile import parse_profile
from generator.runtime.bundle import WORKER_FILES, WORKER_SRC, Bundle, BundleError, install_bundle, prepare_bundle

log = get_plugin_logger(__name__)

PAGE = "planner.md"


class Planner:
    """State of the planner feature across one MkDocs run."""

    def __init__(self) -> None:
        self.serving = False
        self.bundle: Bundle | None = None
        self.head = ""

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
        page = planner_page(catalog, default, runtime=runtime, exercise_href=href, assets_href=f"{up}assets/planner/")
        self.head = planner_head(runtime, f"{up}assets/planner/")
        return {PAGE: page}

    @staticmethod
    def files(options) -> dict[str, bytes]:  # noqa: ANN001 - GuideConfig
        """The worker's modules, published unversioned under assets/planner/ beside the page scripts."""
        if not options.planner:
            return {}
        return {f"assets/planner/{name}": (WORKER_SRC / name).read_bytes() for name in WORKER_FILES}

    def post_page(self, output: str, page) -> str:  # noqa: ANN001 - mkdocs Page
        """The planner page's HTML with the worker's start script early in its <head>.

        After <meta charset> (which must come in the first 1024 bytes), and before the first
        stylesheet: an inline script after one would wait for it to load. The theme's bundle
        then runs after the first plan (generator.render_planner.defer_theme_bundle).
        """
        if page.file.src_uri != PAGE or not self.head:
            return output
        at = re.search(r"<meta charset=[^>]*>", output[:1024], re.I)
        if at is None:
            log.warning("planner: no <meta charset> in the page's head; the worker starts later")
            return output
        deferred = defer_theme_bundle(output[at.end() :])
        if deferred == output[at.end() :]:
            log.warning("planner: mkdocs-material's bundle script not found; it runs as usual")
        return output[: at.end()] + self.head + deferred

    def post_build(self, config, options) -> None:  # noqa: ANN001
        """Link the runtime files into the built site."""
        if options.planner and self.bundle is not None:
            files = install_bundle(self.bundle, Path(config.site_dir))
            log.debug("planner runtime: %d files in %s", len(files), config.site_dir)
