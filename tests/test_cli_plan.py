"""`python -m generator plan`: the plan JSON on good input; exit 2 and one line on bad input.

What each bad profile says is tested on the parser itself (test_profile.py); here only what
the command line adds: reading a file or standard input, the streams and the exit status. Most
cases call `generator.cli.main` in-process; a few run the real command, where the process's
own exit status and streams are the point.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_catalog
from generator.planner.plan import plan_from_json

from conftest import REPO


def run_plan(stdin: bytes | str, *args: str) -> subprocess.CompletedProcess:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    cmd = [sys.executable, "-m", "generator", "plan", "--profile", *(args or ("-",))]
    return subprocess.run(cmd, cwd=REPO, input=data, capture_output=True, timeout=60)


def plan_in_process(
    stdin: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    """(exit status, standard output, standard error) of `main` with these bytes on standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = main(["plan", "--profile", *(args or ("-",))])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_command_prints_only_the_plan_json_and_exits_0() -> None:
    text = '{"equipment": ["dumbbell", "mat"], "level": "intermediate"}'
    proc = run_plan(text)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    assert proc.stdout.decode("utf-8") == plan_from_json(load_catalog(), text)
    assert proc.stdout.endswith(b"}\n")


def test_the_command_exits_2_with_one_line_on_standard_error_only() -> None:
    proc = run_plan('{"sessions_per_week": 9}')
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.decode("utf-8") == "profile: sessions_per_week: expected an integer from 1 to 7, found 9\n"


def test_a_missing_profile_file_exits_2_without_a_traceback(tmp_path: Path) -> None:
    proc = run_plan(b"", str(tmp_path / "missing.json"))
    assert proc.returncode == 2
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert err.startswith("profile: cannot read ") and "No such file" in err
    assert len(err.splitlines()) == 1


def test_a_profile_file_plans_like_standard_input(tmp_path: Path, capsys, monkeypatch) -> None:
    text = '{"sits_most_of_day": true, "minutes_per_session": 20}'
    path = tmp_path / "me.json"
    path.write_text(text, encoding="utf-8")
    from_file = plan_in_process(b"", capsys, monkeypatch, str(path))
    from_stdin = plan_in_process(text.encode(), capsys, monkeypatch)
    assert from_file == from_stdin
    assert from_file[0] == 0 and json.loads(from_file[1])["profile"]["minutes_per_session"] == 20


def test_refer_is_a_plan_not_an_error(capsys, monkeypatch) -> None:
    status, out, err = plan_in_process(b'{"conditions": ["severe-pain"]}', capsys, monkeypatch)
    assert (status, err) == (0, "")
    assert json.loads(out)["status"] == "refer"


@pytest.mark.parametrize(
    ("stdin", "start", "says"),
    [
        (b"", "profile: (json): ", "not valid JSON"),
        (b"{not json", "profile: (json): ", "not valid JSON"),
        (b"\xff\xfe\x00", "profile: cannot read -: ", "utf-8"),  # not UTF-8: a reading error, no traceback
        (b"[" * 5_000, "profile: (json): ", "nested more than 16 levels deep"),
        (b'{"level": "beginner", "level": "advanced"}', "profile: level: ", "given twice"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(stdin: bytes, start: str, says: str, capsys, monkeypatch) -> None:
    status, out, err = plan_in_process(stdin, capsys, monkeypatch)
    assert (status, out) == (2, "")
    assert err.startswith(start) and says in err, err
    assert len(err.splitlines()) == 1
