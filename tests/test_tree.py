"""The plan's element tree: one allow-list of elements, the same in Python and in the browser."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from generator.planner.tree import ALLOWED

from conftest import REPO

# Imports view.js as the browser does (an ES module) and prints its allow-list.
_READ_JS = """
const fs = await import("node:fs");
const source = fs.readFileSync(process.argv[1], "utf8");
const view = await import("data:text/javascript," + encodeURIComponent(source));
console.log(JSON.stringify(view.ALLOWED));
"""


def test_the_browser_allows_exactly_the_elements_python_may_write() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to read the browser's allow-list (the site build needs it too)")
    proc = subprocess.run(
        [node, "--input-type=module", "-e", _READ_JS, str(REPO / "docs/assets/planner/view.js")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    browser = {tag: sorted(attrs) for tag, attrs in json.loads(proc.stdout).items()}
    assert browser == {tag: sorted(attrs) for tag, attrs in ALLOWED.items()}
