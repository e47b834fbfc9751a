"""Parity: the site's own Pyodide files plan exactly like CPython, byte for byte.

The Node side uses only what the build put into the site (the Pyodide copy, the wheel, the
site-local lockfile, catalog.json and the memory snapshot); the CPython side loads the YAML
data. Both the snapshot restore (what browsers do first) and the plain boot (their fallback)
are checked, for a few hundred seeded profiles plus invalid ones, in one Node process.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_catalog
from generator.planner import browser_api
from generator.planner.plan import plan_from_json
from generator.planner.profile import EMPHASES, GOALS, LEVELS, MINUTES_RANGE, SESSIONS_RANGE
from generator.runtime.bundle import catalog_json

from conftest import REPO

pytestmark = [pytest.mark.slow]

N_VALID = 240


def _profiles(catalog, n: int, seed: int = 20261122) -> list[str]:
    rng = random.Random(seed)
    equipment = [q.id for q in catalog.equipment]
    conditions = [c.id for c in catalog.conditions]
    adapt = [c.id for c in catalog.conditions if c.effect != "refer"]
    out = ["{}"]
    while len(out) < n:
        fields = {
            "equipment": lambda: rng.sample(equipment, rng.randint(0, len(equipment))),
            "level": lambda: rng.choice(LEVELS),
            "goal": lambda: rng.choice(GOALS),
            "sessions_per_week": lambda: rng.choice([*SESSIONS_RANGE, rng.randint(*SESSIONS_RANGE)]),
            "minutes_per_session": lambda: rng.choice([*MINUTES_RANGE, rng.randint(*MINUTES_RANGE)]),
            "emphasis": lambda: rng.choice(EMPHASES),
            # Mostly conditions that adapt the plan; now and then one that refers to a clinician.
            "conditions": lambda: (
                rng.sample(adapt, rng.randint(0, 3)) + (rng.sample(conditions, 1) if rng.random() < 0.15 else [])
            ),
            "sits_most_of_day": lambda: rng.random() < 0.5,
        }
        names = [name for name in fields if rng.random() < 0.7]
        rng.shuffle(names)
        out.append(json.dumps({name: fields[name]() for name in names}, ensure_ascii=rng.random() < 0.5))
    return out


INVALID = [
    "",
    "[]",
    "null",
    "{",
    '{"level": "expert"}',
    '{"sessions_per_week": 0}',
    '{"minutes_per_session": 1e3}',
    '{"equipment": ["rocket"]}',
    '{"conditions": "knee-pain"}',
    '{"sits_most_of_day": "yes"}',
    '{"unknown": 1}',
    '{"level": "beginner", "level": "advanced"}',
    '{"goal": NaN}',
    "[" * 50 + "]" * 50,
    '{"__proto__": {"level": "advanced"}}',
    '{"equipment": ["<script>alert(1)</script>"]}',
]


# JSON nested thousands deep: how deep json.loads may go differs between CPython builds and
# Pyodide, so the profile parser refuses deep nesting itself, in the same words everywhere.
DEEP = "[" * 5000 + "]" * 5000


@pytest.fixture(scope="module")
def node_results(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the parity test (the site build needs it too)")
    catalog = load_catalog()
    profiles = _profiles(catalog, N_VALID) + INVALID + [DEEP]
    work = tmp_path_factory.mktemp("parity")
    (work / "profiles.json").write_text(json.dumps(profiles), encoding="utf-8")
    runtime = built_site / "assets" / "planner" / "runtime"
    proc = subprocess.run(
        [
            node,
            str(REPO / "tests" / "parity_runner.mjs"),
            str(runtime),
            str(work / "profiles.json"),
            str(work / "out.json"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return catalog, profiles, json.loads((work / "out.json").read_text(encoding="utf-8"))


def test_the_site_ships_a_snapshot(node_results) -> None:
    _, _, out = node_results
    assert out["manifest"]["snapshot"], "the build made no memory snapshot"
    assert len(out["snapshot"]) == len(out["plain"])


def test_a_kept_snapshot_is_read_into_the_same_memory(node_results) -> None:
    _, _, out = node_results
    assert out["placedEqualsStreamed"], "the kept copy's reader built a different memory image"
    assert out["truncatedRefused"] == [True, True], "a truncated kept copy was not refused"
    assert out["unarmedRefused"], "a snapshot restored without its data image did not fail loudly"


@pytest.mark.parametrize("mode", ["snapshot", "kept", "plain"])
def test_pyodide_plans_equal_cpython_plans(node_results, mode: str) -> None:
    catalog, profiles, out = node_results
    browser_api.load_catalog_json(catalog_json(catalog).decode())  # CPython, same entry point
    valid = 0
    for text, (status, field, result) in zip(profiles, out[mode], strict=True):
        if text == DEEP:
            continue
        if text in INVALID:
            expected = browser_api.plan(text)
            assert [status, field, result] == list(expected), text[:200]
            continue
        assert status == "ok", f"{text}: {field}: {result}"
        assert result == plan_from_json(catalog, text), text
        valid += 1
    assert valid >= 200


@pytest.mark.parametrize("mode", ["snapshotView", "plainView"])
def test_pyodide_shows_the_same_element_tree_as_cpython(node_results, mode: str) -> None:
    # What the page builds its DOM from (the worker's answer to the page), not only the plan.
    catalog, profiles, out = node_results
    browser_api.load_catalog_json(catalog_json(catalog).decode())
    trees = 0
    for text, result in zip(profiles, out[mode], strict=True):
        assert list(result) == list(browser_api.view(text)), text[:200]
        trees += result[0] == "ok"
    assert trees >= 200


def test_the_cli_prints_what_the_browser_returns(node_results, capsys, monkeypatch) -> None:
    _, profiles, out = node_results
    for text, (_, _, plan) in list(zip(profiles, out["snapshot"], strict=True))[:4]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        assert main(["plan", "--profile", "-"]) == 0
        assert capsys.readouterr().out == plan


def test_very_deep_json_is_refused_in_the_same_words(node_results) -> None:
    catalog, profiles, out = node_results
    status, field, message = out["snapshot"][profiles.index(DEEP)]
    browser_api.load_catalog_json(catalog_json(catalog).decode())
    assert status == "error"
    assert [status, field, message] == list(browser_api.plan(DEEP))
