"""Options of the `hipguide` plugin (set under `plugins: - hipguide:` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class GuideConfig(Config):
    """Typed options; names are grouped by prefix like mkdocs-material's own plugins."""

    enabled = opt.Type(bool, default=True)
    # Where the YAML data lives, relative to mkdocs.yml.
    data_dir = opt.Type(str, default="data")
    # PDF handouts (exercise sheets, sample plans, the booklet) and their input-hash cache.
    handouts = opt.Type(bool, default=True)
    paper = opt.Choice(("a4", "letter"), default="a4")
    handouts_cache_dir = opt.Type(str, default=".cache/handouts")
    # The in-browser planner: its page, the pinned Pyodide (from `npm ci`), the memory snapshot.
    planner = opt.Type(bool, default=True)
    pyodide_dir = opt.Type(str, default="node_modules/pyodide")
    planner_snapshot = opt.Type(bool, default=True)
    planner_cache_dir = opt.Type(str, default=".cache/planner")
    # The generated exercise figures and body maps, kept by a hash of what they are drawn from.
    figures_cache_dir = opt.Type(str, default=".cache/figures")
    # A service worker (sw.js) that keeps visited pages, handouts and the planner for offline use.
    offline = opt.Type(bool, default=True)
