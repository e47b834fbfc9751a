"""The loader refuses, never crashes or hangs: each hostile file gives one line, exit status 1.

Every case below was seen to print a traceback, hang, exhaust memory or pass silently before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.core.errors import DataError
from generator.load import figure_bytes, load_catalog

from conftest import REPO


def validate(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(data_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,  # a FIFO or an alias bomb must not hold it up
    )


def refused(data_dir: Path) -> list[str]:
    """The problem lines of `validate`, checked to be a clean refusal."""
    proc = validate(data_dir)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert lines[-1].endswith("found in the data"), lines
    return lines[:-1]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_a_list_used_as_a_key(data_copy: Path):
    (data_copy / "equipment" / "box.yaml").write_text("id: box\n? [a, b]\n: c\n")
    assert refused(data_copy) == [
        "data/equipment/box.yaml: line 2, column 3: expected a field name as the key, found a list"
    ]


def test_an_integer_of_5000_digits(data_copy: Path):
    replace(data_copy / "exercises" / "step-up.yaml", "order: ", "order: " + "9" * 5000 + " #")
    [line] = refused(data_copy)
    assert line.startswith("data/exercises/step-up.yaml: line ") and "found one of 5000 digits" in line


def test_very_deep_nesting(data_copy: Path):
    (data_copy / "equipment" / "box.yaml").write_text("id: box\nname: " + "[" * 20000 + "]" * 20000 + "\n")
    [line] = refused(data_copy)
    assert line.startswith("data/equipment/box.yaml: line 2") and "at most 32 levels of nesting" in line


def test_an_alias_bomb_in_a_sample_plan(data_copy: Path):
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        bomb.append(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [{', '.join(['*' + prev] * 9)}]")
    (data_copy / "plans" / "desk-worker.yaml").write_text("\n".join(bomb) + "\n")
    [line] = refused(data_copy)
    assert line == (
        "data/plans/desk-worker.yaml: line 1, column 4: expected plain YAML, "
        "found an anchor (&a): anchors are not allowed"
    )


def test_a_fifo_named_yaml_is_refused_without_hanging(data_copy: Path):
    os.mkfifo(data_copy / "equipment" / "pipe.yaml")
    assert refused(data_copy) == [
        "data/equipment/pipe.yaml: (file): expected a regular file, found a FIFO (named pipe)"
    ]


def test_a_symbolic_link_to_a_device(data_copy: Path):
    (data_copy / "equipment" / "zero.yaml").symlink_to("/dev/zero")
    assert refused(data_copy) == [
        "data/equipment/zero.yaml: (file): expected a file inside the data folder, found a symbolic link to a file "
        "outside it"
    ]


def test_a_device_inside_the_data_folder(data_copy: Path):
    (data_copy / "equipment" / "folder.yaml").mkdir()
    assert refused(data_copy) == ["data/equipment/folder.yaml: (file): expected a regular file, found a folder"]


def test_a_symbolic_link_to_a_file_outside_the_data_folder(data_copy: Path, tmp_path: Path):
    outside = tmp_path / "outside.yaml"
    outside.write_text((data_copy / "equipment" / "box.yaml").read_text())
    (data_copy / "equipment" / "box.yaml").unlink()
    (data_copy / "equipment" / "box.yaml").symlink_to(outside)
    lines = refused(data_copy)
    assert lines == [
        "data/equipment/box.yaml: (file): expected a file inside the data folder, found a symbolic link to a file "
        "outside it"
    ]


def test_a_symbolic_link_inside_the_data_folder_is_read(data_copy: Path):
    real = data_copy / "equipment" / "box.yaml"
    (data_copy / "box-real.txt").write_bytes(real.read_bytes())
    real.unlink()
    real.symlink_to(data_copy / "box-real.txt")
    assert any(q.id == "box" for q in load_catalog(data_copy).equipment)


def test_a_symlinked_pose_file_outside_the_data_folder_is_refused(data_copy: Path, tmp_path: Path):
    secret = tmp_path / "secret.yaml"
    secret.write_bytes((data_copy / "poses" / "step-up.yaml").read_bytes())
    (data_copy / "poses" / "step-up.yaml").unlink()
    (data_copy / "poses" / "step-up.yaml").symlink_to(secret)
    lines = refused(data_copy)
    assert lines == [
        "data/poses/step-up.yaml: (file): expected a file inside the data folder, "
        "found a symbolic link to a file outside it"
    ]
    with pytest.raises(DataError):
        figure_bytes(data_copy, load_catalog(REPO / "data"))


def test_a_file_over_the_size_limit(data_copy: Path):
    path = data_copy / "topics" / "faq.yaml"
    path.write_text(path.read_text() + "#" * (300 * 1024) + "\n")
    assert refused(data_copy) == ["data/topics/faq.yaml: (file): expected at most 256 KB, found 304 KB"]


def test_a_negative_hold(data_copy: Path):
    replace(data_copy / "exercises" / "glute-bridge.yaml", "hold_seconds: 2", "hold_seconds: -3")
    assert refused(data_copy) == [
        "data/exercises/glute-bridge.yaml: dosage.hold_seconds: expected an integer from 1 to 120, found integer -3"
    ]


def test_a_40_digit_repetition_count(data_copy: Path):
    replace(data_copy / "exercises" / "glute-bridge.yaml", "max: 12}", "max: 1234567890123456789012345678901234567890}")
    [line] = refused(data_copy)
    assert line.startswith("data/exercises/glute-bridge.yaml: line ")
    assert line.endswith("expected a number of at most 15 digits, found one of 40 digits")


def test_a_repetition_count_out_of_range(data_copy: Path):
    replace(data_copy / "exercises" / "glute-bridge.yaml", "reps: {min: 8, max: 12}", "reps: {min: 8, max: 500}")
    assert refused(data_copy) == [
        "data/exercises/glute-bridge.yaml: dosage.reps.max: expected an integer from 1 to 100, found integer 500"
    ]


def test_a_cycle_of_progressions(data_copy: Path):
    # glute-bridge -> hip-thrust already; close the loop hip-thrust -> glute-bridge both ways round.
    ht = data_copy / "exercises" / "hip-thrust.yaml"
    gb = data_copy / "exercises" / "glute-bridge.yaml"
    text = ht.read_text()
    lines = [line for line in text.splitlines() if not line.startswith(("progressions:", "regressions:"))]
    ht.write_text("\n".join(lines) + "\nprogressions: [glute-bridge]\nregressions: [glute-bridge]\n")
    text = gb.read_text()
    lines = [line for line in text.splitlines() if not line.startswith("regressions:")]
    gb.write_text("\n".join(lines) + "\nregressions: [hip-thrust]\n")
    found = refused(data_copy)
    assert any("found the cycle glute-bridge -> hip-thrust -> glute-bridge" in line for line in found), found


def test_a_syntax_error_gives_no_false_unknown_ids_elsewhere(data_copy: Path):
    (data_copy / "equipment" / "bench.yaml").write_text("id: bench\nname: [unclosed\n")
    lines = refused(data_copy)
    assert len(lines) == 1 and lines[0].startswith("data/equipment/bench.yaml: line "), lines
    assert not any("unknown" in line for line in lines)


HOSTILE_YAML = {
    "alias bomb": 'a: &a ["x","x"]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b]\n',
    "alias without anchor": "a: *nowhere\n",
    "deep nesting": "a: " + "[" * 20000 + "]" * 20000 + "\n",
    "duplicate key": "id: box\nid: bench\n",
    "list as a key": "? [a, b]\n: c\n",
    "huge integer": "order: " + "9" * 5000 + "\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_the_fast_reader_refuses_by_itself(name: str):
    """The libyaml reader (the build's) refuses each hostile file before building anything, and
    the message is the one the pure-Python reader gives (libyaml stops deep nesting itself, at
    1,000 levels; the message then comes from reading again with the pure-Python reader)."""
    import yaml

    from generator import load

    if load._CSafeLoader is None:
        pytest.skip("PyYAML without libyaml: only the pure-Python reader runs")
    text = HOSTILE_YAML[name]
    with pytest.raises(yaml.YAMLError):
        yaml.load(text, Loader=load._FastLoader)  # noqa: S506 - the guide's hardened loader
    found = []
    for read in (load._parse_yaml, lambda t: yaml.load(t, Loader=load._UniqueKeyLoader)):  # noqa: S506
        with pytest.raises(load._Refusal) as info:
            read(text)
        found.append((info.value.problem, info.value.problem_mark.line, info.value.problem_mark.column))
    assert found[0] == found[1]


def test_the_fast_reader_reads_the_data_as_the_pure_python_reader_does():
    import yaml

    from generator import load
    from generator.load import data_files

    for path in data_files(REPO / "data"):
        text = path.read_text(encoding="utf-8")
        assert load._parse_yaml(text) == yaml.load(text, Loader=load._UniqueKeyLoader), path  # noqa: S506
