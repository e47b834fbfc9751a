"""Parity: the browser's Python (the site's own Pyodide files) checks programs exactly like CPython.

The program builder shows the very line `python -m generator program` prints for a bad
program, and the same warnings and sheet for a good one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_program import BAD, HAMSTRING

from generator.load import load_catalog
from generator.planner import browser_api
from generator.runtime.bundle import catalog_json

from conftest import REPO

pytestmark = [pytest.mark.slow]

GOOD = [
    json.dumps(HAMSTRING),
    json.dumps({"exercises": [{"id": "glute-bridge", "sets": 6}], "title": "Ünïcode ✓ <b>"}),
    "{}",
]
MORE_BAD = [
    "",
    "null",
    '{"exercises": "glute-bridge"}',
    '{"exercises": [' + '{"id": "glute-bridge"},' * 8 + '{"id": "x"}]}',
]


def test_pyodide_checks_programs_like_cpython(built_site: Path, tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed for the parity test (the site build needs it too)"
    programs = [text for text, _ in BAD] + MORE_BAD + GOOD
    (tmp_path / "programs.json").write_text(json.dumps(programs), encoding="utf-8")
    runtime = built_site / "assets" / "planner" / "runtime"
    proc = subprocess.run(
        [
            node,
            str(REPO / "tests" / "program_parity_runner.mjs"),
            str(runtime),
            str(tmp_path / "programs.json"),
            str(tmp_path / "out.json"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    browser = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    browser_api.load_catalog_json(catalog_json(load_catalog()).decode())
    for text, got in zip(programs, browser, strict=True):
        assert got == list(browser_api.program("sheet", text, "{}")), text[:120]
    for (text, line), (status, field, message) in zip(BAD, browser, strict=False):
        assert status == "error" and f"program: {field}: {message}" == line, text
