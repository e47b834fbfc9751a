"""The `hipguide` MkDocs plugin: loads the data once and adds the guide's pages virtually.

All decisions live in `generator/`; this module only maps MkDocs hooks onto it and turns the
generator's errors into PluginError, so a broken data file stops the build with the same
lines that `python -m generator validate` prints. What the theme shows of the plugin's work
goes through the page context (`hipguide`, read by overrides/main.html), never by rewriting
the rendered HTML. The plugin owns the threads that `mkdocs serve` renders PDFs and makes
the snapshot in (generator.background), and closes them on shutdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.background import Background
from generator.core.errors import DataError
from generator.core.model import Catalog
from generator.load import FigureFiles, load_guide
from generator.pages.guide import page_paths, with_disclaimer
from generator.pages.markdown import SafeLinks
from generator.pages.nav import nav_for, nav_paths
from generator.pages.plans import plan_pages, sample_plans
from generator.pages.security import page_policy
from generator.runtime.offline import write_offline

from . import program
from .config import GuideConfig
from .handouts import Handouts
from .planner import Planner

log = get_plugin_logger(__name__)


class GuidePlugin(BasePlugin[GuideConfig]):
    """Generate exercise, muscle and topic pages from the data directory."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.data_dir: Path | None = None
        self.pages: dict[str, str] = {}
        self.figures: Mapping[str, bytes] = {}
        self.plans: dict[str, dict] = {}
        self.not_in_nav: set[str] = set()  # pages of a section too long to list (nav.NAV_SECTION_MAX)
        self.background = Background()
        self.handouts = Handouts(self.background)
        self.planner = Planner(self.background)

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        self.handouts.on_startup(command)
        self.planner.on_startup(command)

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.data_dir = (Path(config.config_file_path).parent / self.config.data_dir).resolve()
        config.watch.append(str(self.data_dir))
        # Every page's links: only to the guide's own pages and https: (generator.core.markup).
        if not any(isinstance(ext, SafeLinks) for ext in config.markdown_extensions):
            config.markdown_extensions.append(SafeLinks())
        try:
            cache = Path(config.config_file_path).parent / self.config.figures_cache_dir
            self.catalog, self.figures = load_guide(self.data_dir, cache)
            self.plans = sample_plans(self.catalog)
        except DataError as exc:
            raise PluginError(f"invalid guide data in {self.data_dir}:\n{exc.report()}") from exc
        except OSError as exc:
            raise PluginError(f"guide figure cannot be read: {exc}") from exc
        self.pages = page_paths(self.catalog, self.plans, self.figures)
        # An exercise page seen from a sample plan's page (plans/<id>/ or plans/<id>.html).
        href = "../../exercises/{id}/" if config.use_directory_urls else "../exercises/{id}.html"
        self.pages.update(plan_pages(self.catalog, self.plans, exercise_href=href))
        handout_pages = Handouts.pages(self.catalog, self.config)
        self.pages.update(handout_pages)
        planner_pages = self.planner.pages(self.catalog, config, self.config)
        self.pages.update(planner_pages)
        builder_pages = program.pages(self.catalog, config, self.config)
        self.pages.update(builder_pages)
        if config.nav is None:
            config.nav = nav_for(self.catalog, self.pages, extra=(*planner_pages, *builder_pages, *handout_pages))
            self.not_in_nav = {p for p in self.pages if p.endswith(".md")} - set(nav_paths(config.nav))
        log.info(
            "guide data: %d exercises, %d muscles, %d pages",
            len(self.catalog.exercises),
            len(self.catalog.muscles),
            len(self.pages),
        )
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        for path, content in self.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} exists but the guide generates that page: remove the file")
            inclusion = InclusionLevel.NOT_IN_NAV if path in self.not_in_nav else InclusionLevel.UNDEFINED
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        for name in self.figures:
            dest = f"assets/figures/{name}"
            if isinstance(self.figures, FigureFiles):  # copied from the figure cache, not held in memory
                files.append(File.generated(config, dest, abs_src_path=str(self.figures.path(name))))
            else:
                files.append(File.generated(config, dest, content=self.figures[name]))
        for path, data in program.files(self.config).items():
            files.append(File.generated(config, path, content=data))
        for path, data in self.planner.files(self.config).items():
            files.append(File.generated(config, path, content=data))
        if self.config.planner:
            self.planner.find_theme_bundle(files)
        return files

    def _catalog(self) -> Catalog:
        if self.catalog is None:  # on_config loads it before any page is built
            raise PluginError("hipguide: the guide's data was not loaded")
        return self.catalog

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not self.config.enabled:
            return markdown
        markdown = Handouts.page_markdown(markdown, page, self._catalog(), self.config)
        if page.meta.get("disclaimer") is False:
            return markdown
        return with_disclaimer(markdown)

    def on_env(self, env, *, config, files):
        # Every template (the 404 page too) writes the Content-Security-Policy <meta>.
        env.globals["hipguide_csp"] = page_policy(getattr(self, "serving", False))
        return env

    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled:
            return context
        context["hipguide"] = self.planner.page_context(page) if self.config.planner else {}
        return context

    def on_post_build(self, *, config) -> None:
        if self.config.enabled:
            self.handouts.post_build(self._catalog(), config, self.config, self.plans, self.figures)
            self.planner.post_build(config, self.config)
            if self.config.offline and not self.planner.serving:  # last: it hashes every file written
                write_offline(Path(config.site_dir))

    def on_shutdown(self) -> None:
        # Work still running stops after its current step (a PDF, the Node snapshot process).
        self.background.close()
