"""Make the PDF handouts: exercise sheets, sample-plan sheets and the guide booklet.

The HTML comes from the pure renderers (:mod:`generator.handout_html`,
:mod:`generator.handout_plan`); this module is the thin, impure edge around WeasyPrint:

* **Cache.** Each PDF is stored in ``cache_dir`` under the sha256 of everything that shapes
  it (its HTML with the CSS inlined, the paper size, the font files, WeasyPrint's version and
  ``HANDOUT_VERSION``). A rebuild with unchanged inputs copies PDFs from the cache and renders
  nothing. ``manifest.json`` records when each entry was last used, so old entries are pruned.
* **No partial files.** Every write goes to a temporary file in the target folder, then
  ``os.replace``: a failed or interrupted render never leaves a truncated PDF behind.
* **Nothing fetched.** The URL fetcher only allows ``file:`` (the local fonts) and ``data:``
  (inline figures); any other URL stops the render with an error.
* **Errors.** A handout that cannot be rendered raises :class:`HandoutError` naming it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..background import Background
from ..core.model import Catalog
from ..figures.files import still_name
from .cache import Manifest, build_key, manifest_lock, record, write_atomic
from .fetch import sealed_fetcher
from .sheets import Doc, booklet_html, booklet_volumes, exercise_handout_path, exercise_html

__all__ = [
    "HANDOUT_VERSION",
    "HandoutError",
    "build_handouts",
    "collect_docs",
    "font_css",
    "render_pdf",
]

_log = logging.getLogger(__name__)

# Bump when the PDF output changes in a way the HTML does not show (e.g. render options).
HANDOUT_VERSION = "1"
_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
_FONT_FILES = {
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}
_MAX_FIT = 3  # fit-3: the figure keeps its 8 cm, the text gives way
_RECORD_EVERY = 2.0  # seconds between manifest writes while rendering
_MAX_WORKERS = 8  # each holds WeasyPrint and one document in memory
_LANE = "handouts"  # one render job at a time; a newer build's job makes the older one stop


class HandoutError(Exception):
    """A handout could not be rendered; the message names it and the cause."""


def font_css() -> tuple[str, str]:
    """(@font-face rules for the local DejaVu Sans files, a fingerprint of those files).

    The handouts embed these files; when they are missing, the CSS falls back to the
    system's "DejaVu Sans"/sans-serif through fontconfig (still local).
    """
    rules, prints = [], []
    for (weight, style), name in _FONT_FILES.items():
        path = next((Path(d) / name for d in _FONT_DIRS if (Path(d) / name).is_file()), None)
        if path is None:
            continue
        stat = path.stat()
        prints.append(f"{path}:{stat.st_size}:{int(stat.st_mtime)}")
        rules.append(
            f'@font-face {{ font-family: "Guide Sans"; font-weight: {weight}; font-style: {style}; '
            f'src: url("{path.as_uri()}"); }}'
        )
    return "\n".join(rules), "|".join(prints)


def collect_docs(
    catalog: Catalog,
    *,
    site_url: str,
    paper: str = "a4",
    plans: dict[str, dict] | None = None,
    figures: Mapping[str, bytes] | None = None,
    date: str = "",
    fonts: str = "",
) -> list[Doc]:
    """Every PDF to make, as (path, what, HTML) documents: exercises, plans, the booklet's volumes. Pure."""
    docs = []
    figures = figures or {}
    for ex in catalog.exercises:
        if figures and still_name(ex.id) not in figures:
            raise HandoutError(f"handout for exercise '{ex.id}': its figure {still_name(ex.id)!r} was not generated")
    for ex in catalog.exercises:
        html = exercise_html(ex, catalog, site_url=site_url, paper=paper, figures=figures, font_css=fonts)
        docs.append(Doc(exercise_handout_path(ex.id), f"exercise '{ex.id}'", html, one_page=True))
    if plans:
        from .plan_sheet import plan_docs

        docs.extend(plan_docs(catalog, plans, site_url=site_url, paper=paper, date=date, fonts=fonts, figures=figures))
    for volume in booklet_volumes(catalog):
        html = booklet_html(
            catalog, site_url=site_url, paper=paper, figures=figures, date=date, font_css=fonts, volume=volume
        )
        what = "the guide booklet" + (f", volume {volume.number}" if volume.count > 1 else "")
        docs.append(Doc(volume.path, what, html))
    return docs


def _font_files() -> list[Path]:
    """The font files font_css() names: the only files a handout may read (see fetch.py)."""
    return [p for name in _FONT_FILES.values() for d in _FONT_DIRS if (p := Path(d) / name).is_file()]


def _fetcher():  # type: ignore[no-untyped-def]
    # Sealed: data: URLs and the guide's own font and template files only; anything else stops
    # the render, so a handout cannot read or embed a file from elsewhere on the disk.
    return sealed_fetcher(_font_files())


def render_pdf(doc: Doc) -> bytes:
    """Render one document to PDF bytes (tightening the layout of one-page handouts as needed).

    Raises:
        HandoutError: naming the document and the cause.
    """
    import weasyprint

    html = doc.html
    for fit in range(_MAX_FIT + 1):
        if fit:
            html = doc.html.replace('<body class="', f'<body class="fit-{fit} ', 1)
        try:
            document = weasyprint.HTML(string=html, base_url="file:///", url_fetcher=_fetcher()).render()
        except BaseException as exc:  # FatalURLFetchingError is a BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            cause = f"{exc} ({exc.__cause__})" if exc.__cause__ else str(exc) or type(exc).__name__
            raise HandoutError(f"handout for {doc.what}: WeasyPrint failed: {cause}") from exc
        attached = [link[1] for page in document.pages for link in page.links if link[0] == "attachment"]
        if attached or document.metadata.attachments:
            shown = (attached or ["(document metadata)"])[0][:120]
            raise HandoutError(f"handout for {doc.what}: asks to attach a file ({shown}); handouts attach nothing")
        pages = len(document.pages)
        if not doc.one_page or pages == 1:
            _log.debug("handouts: %s: %d pages, layout fit-%d", doc.path, pages, fit)
            return document.write_pdf()
    raise HandoutError(
        f"handout for {doc.what}: does not fit on one page ({pages} pages even in the tightest layout); "
        "shorten its text or its figure"
    )


@functools.lru_cache(maxsize=1)
def _weasyprint_version() -> str:
    # From the package metadata: importing WeasyPrint costs ~0.5 s, too much for a warm build.
    try:
        return importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def _key(doc: Doc, paper: str, fonts_print: str) -> str:
    digest = hashlib.sha256()
    for part in (HANDOUT_VERSION, _weasyprint_version(), paper, fonts_print, str(doc.one_page), doc.html):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def build_handouts(
    catalog: Catalog,
    out_dir: Path,
    *,
    cache_dir: Path,
    paper: str = "a4",
    site_url: str = "",
    plans: dict[str, dict] | None = None,
    figures: Mapping[str, bytes] | None = None,
    date: str | None = None,
    background: Background | None = None,
    on_done: Callable[[list[Path]], None] | None = None,
    log: logging.Logger | logging.LoggerAdapter | None = None,
    processes: int | None = 1,
) -> list[Path]:
    """Make every handout under out_dir/handouts/, from the cache where possible.

    Args:
        catalog: the loaded guide.
        out_dir: the built site's directory.
        cache_dir: where cached PDFs and manifest.json live (created if missing).
        paper: "a4" or "letter".
        site_url: the site's address, printed on every handout ("" prints site paths).
        plans: sample plan id -> the planner's output for it (None: no plan handouts).
        figures: the generated figures by file name (generator.load.figure_bytes); None: none.
        date: the build date printed on plans and the booklet (default: today, or
            SOURCE_DATE_EPOCH when set, so reproducible builds print a fixed date).
        background: copy cached PDFs now and render the missing ones in this Background's
            handouts lane (for `mkdocs serve`); errors are then logged, not raised, and a
            newer build's job makes this one stop after its current document.
        on_done: called with the paths when a background job finishes.
        log: where progress goes (MkDocs shows only its own loggers, so the plugin passes
            its plugin logger); default: this module's logger.
        processes: how many processes render the missing PDFs when there is no `background`:
            1 (the default) renders them here, one after another; None, one per core (at most
            8). Those processes come from multiprocessing's fork server, which imports the
            caller's main module, so it must be safe to import (`if __name__ == "__main__"`),
            as MkDocs' is.

    Returns:
        The paths of every handout, in out_dir.

    Raises:
        HandoutError: a handout cannot be rendered (not raised in background mode).
    """
    log = log or _log
    started = time.perf_counter()
    if paper not in ("a4", "letter"):
        raise HandoutError(f"paper: expected 'a4' or 'letter', found {paper!r}")
    if date is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        day = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date() if epoch else _dt.date.today()
        date = f"{day:%-d %B %Y}"
    fonts, fonts_print = font_css()
    figures = figures or {}
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Fast path: the same inputs as an earlier build map straight to its cached PDFs, so a
    # warm rebuild does not even write the HTML. Any miss falls back to per-document keys.
    whole = build_key(
        catalog, plans, figures, paper, site_url, date, fonts_print, _weasyprint_version(), HANDOUT_VERSION
    )
    with manifest_lock:
        known = Manifest(cache_dir).build(whole, cache_dir)
    if known is not None:
        keyed = [(Doc(path, path, ""), key) for path, key in known]
    else:
        docs = collect_docs(
            catalog, site_url=site_url, paper=paper, plans=plans, figures=figures, date=date, fonts=fonts
        )
        keyed = [(doc, _key(doc, paper, fonts_print)) for doc in docs]
    hits = [(d, k) for d, k in keyed if (cache_dir / f"{k}.pdf").is_file()]
    misses = [(d, k) for d, k in keyed if not (cache_dir / f"{k}.pdf").is_file()]
    paths = [out_dir / d.path for d, _ in keyed]
    if background is not None:
        background.supersede(_LANE)  # an older job still rendering stops before its next PDF
    for doc, key in hits:
        write_atomic(out_dir / doc.path, cache_dir / f"{key}.pdf")
    everything = [(d.path, k) for d, k in keyed]
    record(cache_dir, [(doc.path, key) for doc, key in hits], whole if not misses else None, everything)
    if not misses:
        log.info("handouts: 0 rendered, %d from cache in %.2f s (%s)", len(hits), time.perf_counter() - started, paper)
        if on_done:
            on_done(paths)
        return paths

    def run(stale: Callable[[], bool] = lambda: False) -> None:
        done = _Done(cache_dir, everything)
        try:
            for n, (doc, key) in enumerate(misses, 1):
                if stale():
                    log.info("handouts: a newer build started; this job stops")
                    return
                log.info("handouts: rendering %s (%d of %d)", doc.path, n, len(misses))
                cached = cache_dir / f"{key}.pdf"
                if not cached.is_file():  # an earlier job may have made it meanwhile
                    write_atomic(cached, render_pdf(doc))
                write_atomic(out_dir / doc.path, cached)
                done.add(doc.path, key, whole if n == len(misses) else None)
        finally:
            if done:  # what was rendered before a stop or an error
                done.flush(None)
        log.info(
            "handouts: %d rendered, %d from cache in %.2f s (%s)",
            len(misses),
            len(hits),
            time.perf_counter() - started,
            paper,
        )
        if on_done:
            on_done(paths)

    if background is None:
        workers = _workers(len(misses), processes)
        if workers > 1:
            _render_in_processes(misses, workers, cache_dir, out_dir, log, everything, whole)
            log.info(
                "handouts: %d rendered in %d processes, %d from cache in %.2f s (%s)",
                len(misses), workers, len(hits), time.perf_counter() - started, paper,
            )  # fmt: skip
            if on_done:
                on_done(paths)
        else:
            run()
        return paths

    def guarded(stale: Callable[[], bool]) -> None:
        try:
            run(stale)
        except HandoutError as exc:
            log.error("handouts: %s", exc)
        except OSError as exc:  # the site folder was cleaned by a newer build meanwhile
            log.info("handouts: stopped, the site folder changed (%s)", exc)

    log.info("handouts: %d from cache; rendering %d in the background", len(hits), len(misses))
    background.submit(_LANE, guarded)
    return paths


class _Done(list):
    """PDFs rendered since the manifest was last written. Writing it after every PDF read and
    wrote the whole manifest each time (quadratic in the catalog); the PDFs themselves are in
    the cache at once, so a build stopped between two writes loses only their last-used dates."""

    def __init__(self, cache_dir: Path, everything: list[tuple[str, str]]) -> None:
        super().__init__()
        self.cache_dir, self.everything, self.since = cache_dir, everything, time.monotonic()

    def add(self, path: str, key: str, whole: str | None) -> None:
        """One more PDF done; with `whole` (the last one), the complete build is remembered too."""
        self.append((path, key))
        if whole is not None or time.monotonic() - self.since >= _RECORD_EVERY:
            self.flush(whole)

    def flush(self, whole: str | None) -> None:
        record(self.cache_dir, list(self), whole, self.everything)
        self.clear()
        self.since = time.monotonic()


def _workers(misses: int, processes: int | None) -> int:
    """How many processes render `misses` PDFs: `processes`, else one per core (at most _MAX_WORKERS)."""
    if processes is None:
        processes = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, _MAX_WORKERS)
    return max(1, min(misses, processes))


def _render_in_processes(
    misses: list[tuple[Doc, str]],
    workers: int,
    cache_dir: Path,
    out_dir: Path,
    log: logging.Logger | logging.LoggerAdapter,
    everything: list[tuple[str, str]],
    whole: str,
) -> None:
    """Render the missing PDFs of a one-off build on every core (WeasyPrint holds the GIL).

    The largest documents (the booklet) start first, so no core waits at the end for them. Each
    PDF is cached and written out as it comes; the first HandoutError cancels what has not
    started and is raised as it is. Processes are started by a fork server, never forked from
    the build itself (whose other threads may hold locks).
    """
    order = sorted(misses, key=lambda item: len(item[0].html), reverse=True)
    done = _Done(cache_dir, everything)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        jobs = {pool.submit(render_pdf, doc): (doc, key) for doc, key in order}
        try:
            for n, job in enumerate(as_completed(jobs), 1):
                doc, key = jobs[job]
                cached = cache_dir / f"{key}.pdf"
                if not cached.is_file():  # two documents with the same key: the first one wins
                    write_atomic(cached, job.result())
                write_atomic(out_dir / doc.path, cached)
                done.add(doc.path, key, whole if n == len(misses) else None)
                log.info("handouts: rendered %s (%d of %d)", doc.path, n, len(misses))
        except BrokenProcessPool as exc:
            raise HandoutError(f"a process rendering the handouts stopped before it finished ({exc})") from exc
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            if done:  # what was rendered before an error
                done.flush(None)


def missing(paths: Iterable[Path]) -> list[Path]:
    """The paths that do not exist (yet): for tests and for serve-mode messages."""
    return [p for p in paths if not p.is_file()]
