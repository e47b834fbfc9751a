"""WeasyPrint's URL fetcher, sealed: the handouts can read only the guide's own files.

Build only. The handouts inline their CSS and figures (``data:`` URLs), so the only files
WeasyPrint should ever open are the font files the stylesheet names and, should a template ask,
files in the templates folder. `sealed_fetcher` serves exactly those (by their resolved
paths, so no symbolic link or ``..`` leads elsewhere) and ``data:`` URLs; any other URL, a
``file:`` outside that list, ``http:``, ``https:``, stops the render with a fatal error naming it,
which :func:`generator.handouts.build.render_pdf` reports with the handout that asked for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["TEMPLATES", "sealed_fetcher"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


def sealed_fetcher(allowed: Iterable[Path]):  # type: ignore[no-untyped-def]
    """A fetcher that serves `allowed` files (and the templates folder's files) and data: URLs only."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    files = {Path(p).resolve() for p in allowed} | {p.resolve() for p in TEMPLATES.iterdir() if p.is_file()}

    class SealedFetcher(URLFetcher):
        """URLFetcher that refuses everything but data: URLs and the guide's own files."""

        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]  # noqa: ANN001 - WeasyPrint's API
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and parts.netloc in ("", "localhost"):
                try:
                    path = Path(unquote(parts.path)).resolve()
                except (OSError, RuntimeError, ValueError):
                    path = None
                if path in files:
                    return super().fetch(path.as_uri(), headers)
            shown = url if len(url) <= 120 else url[:117] + "..."
            raise FatalURLFetchingError(f"asked for {shown}, which is not one of the guide's own files")

    return SealedFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
