"""No built file ever prints a loopback address: pages, sitemap, canonical links, scripts, PDFs.

The site is built without SITE_URL (as the suite builds it); with no public address MkDocs
writes no canonical link and an empty sitemap, and the sheets and handouts print none.
"""

from __future__ import annotations

import gzip
import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

LOOPBACK = re.compile(r"(?:https?:)?//(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|0\.0\.0\.0)(?::\d+)?", re.I)
TEXT = {".html", ".xml", ".json", ".js", ".mjs", ".css", ".svg", ".txt", ".webmanifest"}
# Not the guide's own words: the theme's source maps and Pyodide's binary runtime.
SKIP = {".map", ".wasm", ".zip", ".bin"}


def _texts(site: Path):
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in SKIP:
            continue
        if path.suffix == ".pdf":
            yield path, subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        elif path.suffix == ".gz" and path.name.endswith(".xml.gz"):
            yield path, gzip.decompress(path.read_bytes()).decode("utf-8")
        elif path.suffix in TEXT:
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_built_file_prints_a_loopback_address(built_site: Path) -> None:
    checked = 0
    for path, text in _texts(built_site):
        found = LOOPBACK.search(text)
        assert found is None, f"{path.relative_to(built_site)}: {found[0] if found else ''}"
        checked += 1
    pdfs = list(built_site.rglob("*.pdf"))
    assert pdfs and checked > len(pdfs) + 20


def test_without_a_public_address_there_is_no_canonical_link(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" not in sitemap or "127.0.0.1" not in sitemap
