"""`python -m generator plan`: the plan JSON on good input; exit 2 and one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run_plan(stdin: bytes | str, *args: str) -> subprocess.CompletedProcess:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    cmd = [sys.executable, "-m", "generator", "plan", "--profile", *(args or ("-",))]
    return subprocess.run(cmd, cwd=REPO, input=data, capture_output=True, timeout=60)


def test_good_profile_prints_only_the_plan_json() -> None:
    proc = run_plan('{"equipment": ["dumbbell", "mat"], "level": "intermediate"}')
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    plan = json.loads(proc.stdout)
    assert plan["status"] == "ok"
    assert plan["profile"]["equipment"] == ["dumbbell", "mat"]
    assert proc.stdout.endswith(b"}\n")


def test_profile_from_a_file_matches_standard_input(tmp_path: Path) -> None:
    text = '{"sits_most_of_day": true, "minutes_per_session": 20}'
    path = tmp_path / "me.json"
    path.write_text(text, encoding="utf-8")
    from_file = run_plan(b"", str(path))
    from_stdin = run_plan(text)
    assert from_file.returncode == from_stdin.returncode == 0
    assert from_file.stdout == from_stdin.stdout


def test_refer_is_a_plan_not_an_error() -> None:
    proc = run_plan('{"conditions": ["severe-pain"]}')
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["status"] == "refer"


@pytest.mark.parametrize(
    ("stdin", "field", "value"),
    [
        (b"{not json", "(json)", "not valid JSON"),
        (b"", "(json)", "not valid JSON"),
        (b"\xff\xfe\x00", "", ""),
        (b"[1, 2]", "(profile)", "a list"),
        (b'{"colour": "red"}', "colour", "unknown field"),
        (b'{"level": "expert"}', "level", "'expert'"),
        (b'{"goal": 3}', "goal", "found 3"),
        (b'{"sessions_per_week": 9}', "sessions_per_week", "found 9"),
        (b'{"sessions_per_week": true}', "sessions_per_week", "found true"),
        (b'{"minutes_per_session": 5}', "minutes_per_session", "found 5"),
        (b'{"emphasis": "quads"}', "emphasis", "'quads'"),
        (b'{"sits_most_of_day": "no"}', "sits_most_of_day", "'no'"),
        (b'{"equipment": ["mat", "kettlebell"]}', "equipment[1]", "'kettlebell'"),
        (b'{"conditions": ["flu"]}', "conditions[0]", "'flu'"),
        (b'{"level": "beginner", "level": "advanced"}', "level", "given twice"),
        (b'{"minutes_per_session": Infinity}', "(json)", "Infinity"),
        (b"[" * 100_000, "(json)", "nested more than 16 levels deep"),
    ],
)
def test_bad_profile_exits_2_with_one_line_naming_field_and_value(stdin: bytes, field: str, value: str) -> None:
    proc = run_plan(stdin)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert proc.stdout == b""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"profile: {field}")
    assert value in lines[0]


def test_missing_profile_file_exits_2(tmp_path: Path) -> None:
    proc = run_plan(b"", str(tmp_path / "missing.json"))
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert len(proc.stderr.decode().splitlines()) == 1
    assert b"Traceback" not in proc.stderr
