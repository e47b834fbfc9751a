"""Profiles are parsed in bounded time and memory, with the same one-line error in CLI and browser."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from generator.core.errors import ProfileError
from generator.load import load_catalog
from generator.planner.profile import MAX_PROFILE_CHARS, _nesting_depth, parse_profile_json

from conftest import REPO

CATALOG = load_catalog()


def test_a_50_mb_profile_is_refused_at_once_in_one_line():
    text = '{"level": "' + "a" * 50_000_000 + '"}'
    started = time.perf_counter()
    tracemalloc.start()
    with pytest.raises(ProfileError) as info:
        parse_profile_json(text, CATALOG)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert str(info.value) == (
        f"profile: (json): expected at most {MAX_PROFILE_CHARS} characters of profile JSON, found {len(text)}"
    )
    assert peak < 1_000_000 and time.perf_counter() - started < 1


def test_the_nesting_check_costs_constant_memory():
    # The regular expression it replaces held a whole string literal at once (6 GB for 50 MB).
    text = '{"a": "' + "[" * 5_000_000 + '\\" ' + "x" * 5_000_000 + '"}'
    tracemalloc.start()
    assert _nesting_depth(text) == 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100_000, peak


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("{}", 1),
        ("[[[]]]", 3),
        ('{"a": "[[["}', 1),
        ('{"a": "\\"[["}', 1),
        ('["\\\\", [[]]]', 3),
        ('{"a": [1, {"b": 2}]}', 3),
    ],
)
def test_the_nesting_check_ignores_brackets_in_strings(text: str, depth: int):
    assert _nesting_depth(text) == depth


def test_the_command_line_gives_the_same_line_for_a_huge_profile(tmp_path: Path):
    path = tmp_path / "huge.json"
    path.write_text('{"level": "' + "a" * 3_000_000 + '"}')
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "plan", "--profile", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    # The command line reads one character past the limit, no more, so it says "found 10001".
    assert proc.stderr == (
        f"profile: (json): expected at most {MAX_PROFILE_CHARS} characters of profile JSON, "
        f"found {MAX_PROFILE_CHARS + 1}\n"
    )


def test_the_browser_refuses_at_the_same_limit_with_the_same_words():
    client = (REPO / "docs" / "assets" / "planner" / "client.js").read_text()
    assert re.search(rf"export const MAX_PROFILE_CHARS = {MAX_PROFILE_CHARS};", client)
    assert "expected at most ${MAX_PROFILE_CHARS} characters of profile JSON, found ${profileText.length}" in client
