"""Programs (the program builder's sheet): validation, warnings, links, the sheet and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.core.errors import ProgramError
from generator.load import load_catalog
from generator.planner.program import (
    PROGRAM_SCHEMA,
    decode_fragment,
    encode_fragment,
    parse_program,
    parse_program_json,
    program_from_plan,
    program_to_plain,
    program_warnings,
    sheet_exercises,
)
from generator.planner.sheet import plan_sheet_tree, program_sheet_tree, sheet_html
from generator.site_address import public_site_url, sheet_address

from conftest import REPO

HAMSTRING = {
    "title": "Hamstring strain: weeks 1 to 2",
    "patient": "Alex Morgan",
    "clinician": "Sam Lee, physiotherapist",
    "contact": "020 7946 0000",
    "start": "2026-12-01",
    "review": "2026-12-15",
    "sessions_per_week": 3,
    "notes": "Keep it comfortable.",
    "conditions": ["hamstring-strain"],
    "exercises": [
        {"id": "glute-bridge", "sets": 3, "reps": 10, "hold_seconds": 2},
        {"id": "quadruped-kickback", "sets": 2, "reps_per_leg": 10, "side": "left", "load": "Ankle weight"},
        {"id": "ball-bridge-hamstring-curl", "sets": 3, "reps": 10},
    ],
}

# Bad programs and the one line each gets (the browser shows the same; see test_parity.py).
BAD = [
    ("[]", "program: (program): expected a JSON object of fields, found an empty list"),
    ("{", "program: (json): not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
    ('{"sessions_per_week": 2.5}', "program: sessions_per_week: expected a whole number from 1 to 7, found 2.5"),
    ('{"sessions_per_week": 9}', "program: sessions_per_week: expected a whole number from 1 to 7, found 9"),
    ('{"start": "1/12/2026"}', "program: start: expected a date such as 2026-03-31, found '1/12/2026'"),
    (
        '{"start": "2026-12-10", "review": "2026-12-01"}',
        "program: review: expected a date on or after the start (2026-12-10), found '2026-12-01'",
    ),
    (
        '{"colour": "red"}',
        "program: colour: unknown field (known fields: title, patient, clinician, contact, start, "
        "review, sessions_per_week, notes, conditions, exercises)",
    ),
    (
        '{"exercises": [{"id": "glute-bridge", "sets": 0}]}',
        "program: exercises[0].sets: expected a whole number from 1 to 10, found 0",
    ),
    (
        '{"exercises": [{"id": "glute-bridge", "side": "up"}]}',
        "program: exercises[0].side: expected one of both, left, right, found 'up'",
    ),
    (
        '{"exercises": [{"id": "step-up", "reps": 10}]}',
        "program: exercises[0].reps: Step-up is done on each leg in turn: give reps_per_leg instead",
    ),
    (
        '{"title": "a\\u0007b"}',
        "program: title: expected text without control characters or line breaks, found 'a\\x07b'",
    ),
    ('{"exercises": [{"sets": 2}]}', "program: exercises[0].id: required: the id of an exercise of the guide"),
    ('{"title": "A", "title": "B"}', "program: title: given twice, found 'A' and then 'B'"),
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(("text", "line"), BAD)
def test_a_bad_program_gets_one_line_naming_field_and_value(catalog, text: str, line: str) -> None:
    with pytest.raises(ProgramError) as info:
        parse_program_json(text, catalog)
    assert str(info.value) == line
    assert "\n" not in str(info.value)


def test_an_unknown_exercise_names_the_known_ones(catalog) -> None:
    with pytest.raises(ProgramError, match=r"^program: exercises\[0\]\.id: expected an exercise id \(glute-bridge, "):
        parse_program({"exercises": [{"id": "deadlift"}]}, catalog)


def test_a_good_program_round_trips_and_keeps_the_name_out_of_links_unless_asked(catalog) -> None:
    program = parse_program(HAMSTRING, catalog)
    assert program_to_plain(program) == HAMSTRING
    shared = program_to_plain(program, patient=False)
    assert "patient" not in shared and shared["title"] == HAMSTRING["title"]
    fragment = encode_fragment(shared)
    assert fragment.startswith("p=") and len(fragment) < 320
    assert json.loads(decode_fragment(fragment)) == shared
    import base64

    plain_link = (
        "j=" + base64.urlsafe_b64encode(json.dumps({"t": "Plain", "e": [{"i": "glute-bridge"}]}).encode()).decode()
    )
    assert json.loads(decode_fragment(plain_link)) == {"title": "Plain", "exercises": [{"id": "glute-bridge"}]}
    with pytest.raises(ProgramError, match=r"^program: \(link\): "):
        decode_fragment("p=" + fragment[2:40])


def test_the_planner_s_reasons_flag_what_a_condition_rules_out(catalog) -> None:
    program = parse_program(HAMSTRING, catalog)
    warnings = program_warnings(program, catalog)
    flagged = {(w["index"], w["kind"]) for w in warnings}
    assert (2, "condition") in flagged  # the hamstring curl with a hamstring strain
    condition = next(w for w in warnings if w["kind"] == "condition")
    assert "hamstrings do most of the work" in condition["text"]
    assert [ex.id for ex in sheet_exercises(program, warnings)] == ["glute-bridge", "quadruped-kickback"]
    kept = dict(HAMSTRING, exercises=[*HAMSTRING["exercises"][:2], {**HAMSTRING["exercises"][2], "keep": True}])
    program = parse_program(kept, catalog)
    assert len(sheet_exercises(program, program_warnings(program, catalog))) == 3


def test_a_dose_outside_the_source_is_flagged_with_the_source_s_range(catalog) -> None:
    program = parse_program({"exercises": [{"id": "glute-bridge", "sets": 6, "reps": 10}]}, catalog)
    (warning,) = program_warnings(program, catalog)
    assert warning["kind"] == "dose"
    assert warning["text"] == "6 sets is outside the source's dose (2 to 3 sets)."


def test_a_plan_becomes_a_program_with_its_doses(catalog) -> None:
    from generator.planner.plan import make_plan
    from generator.planner.profile import parse_profile

    plan = make_plan(catalog, parse_profile({"conditions": ["hamstring-strain"], "sessions_per_week": 2}, catalog))
    spec = program_from_plan(plan)
    program = parse_program(spec, catalog)
    planned = plan["sessions"][0]["exercises"][0]
    assert program.exercises[0].id == planned["id"] and program.exercises[0].sets == planned["sets"]
    assert program.sessions_per_week == 2 and program.conditions == ("hamstring-strain",)
    assert not [w for w in program_warnings(program, catalog) if w["kind"] == "condition"]


def test_the_sheet_prints_dose_note_boxes_and_no_address_without_one(catalog) -> None:
    program = parse_program(HAMSTRING, catalog)
    html = sheet_html(program_sheet_tree(program, catalog, made="Printed 1 December 2026"))
    assert "Alex Morgan" in html and "15 December 2026" in html
    assert "3 sets of 10 repetitions, hold 2 seconds" in html
    assert "Left side only · Ankle weight" in html
    assert html.count('class="hg-sheet__box"') == 3 * 2 * 3  # three a week, two weeks, three exercises
    assert "Open it again" not in html and "<svg" not in html
    with_address = sheet_html(
        program_sheet_tree(program, catalog, address="https://guide.example/p/", qr=["101", "010", "101"])
    )
    assert "Open it again: https://guide.example/p/" in with_address and "<svg" in with_address


def test_markup_in_a_program_stays_text(catalog) -> None:
    program = parse_program(
        {"title": "<img src=x onerror=alert(1)>", "exercises": [{"id": "glute-bridge", "notes": "<b>"}]}, catalog
    )
    html = sheet_html(program_sheet_tree(program, catalog))
    assert "<img src=x" not in html and "&lt;img src=x" in html and "&lt;b&gt;" in html


def test_a_plan_sheet_has_no_reasoning_and_one_line_on_what_was_left_out(catalog) -> None:
    from generator.planner.plan import make_plan
    from generator.planner.profile import parse_profile

    plan = make_plan(catalog, parse_profile({}, catalog))
    html = sheet_html(plan_sheet_tree(plan, catalog))
    assert "Not answered yet" not in html and "Why this plan" not in html
    assert html.count("Left out for this plan") == 1
    assert html.index("hg-sheet__session") < html.index("How to do each exercise")


def test_only_public_addresses_are_printed() -> None:
    for url in (
        "",
        "http://127.0.0.1:8000/",
        "http://localhost:8000/",
        "http://[::1]/",
        "http://10.0.0.2/",
        "file:///x/",
    ):
        assert public_site_url(url) == "", url
    assert public_site_url("https://guide.example/hip") == "https://guide.example/hip/"
    assert sheet_address("https://guide.example/", "program/", "p=x") == "https://guide.example/program/#p=x"
    assert sheet_address("http://127.0.0.1:8000/", "program/", "p=x") == ""


def test_the_shipped_schema_accepts_a_good_program_and_refuses_a_bad_one() -> None:
    import jsonschema

    shipped = json.loads((REPO / "data" / "schema" / "program.schema.json").read_text(encoding="utf-8"))
    assert shipped == PROGRAM_SCHEMA
    jsonschema.validate(HAMSTRING, shipped)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"exercises": [{"id": "glute-bridge", "sets": 11}]}, shipped)


def _cli(stdin: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "generator", "program", *args]
    return subprocess.run(cmd, cwd=REPO, input=stdin, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.slow
def test_the_cli_prints_a_one_page_sheet_with_its_qr_code(tmp_path: Path) -> None:
    import os

    out = tmp_path / "sheet.pdf"
    env = {**os.environ, "SITE_URL": "https://guide.example/hip/"}
    proc = _cli(json.dumps(HAMSTRING), "--spec", "-", "--out", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    assert "exercises[2] (ball-bridge-hamstring-curl): warning:" in proc.stderr
    assert 'Left off the sheet: add "keep": true to keep it.' in proc.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Glute bridge" in text and "Quadruped kickback" in text and "Ball bridge" not in text
    assert "https://guide.example/hip/program/" in "".join(text.split()) and "Alex Morgan" in text


@pytest.mark.slow
def test_the_cli_prints_no_loopback_address(tmp_path: Path) -> None:
    import os

    out = tmp_path / "sheet.pdf"
    env = {**os.environ, "SITE_URL": "http://127.0.0.1:8000/"}
    proc = _cli(json.dumps({"exercises": [{"id": "glute-bridge"}]}), "--spec", "-", "--out", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "127.0.0.1" not in text and "Open it again" not in text


def test_the_cli_refuses_a_bad_program_with_exit_2_and_one_line(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    proc = _cli('{"sessions_per_week": "three"}', "--spec", "-", "--out", str(out))
    assert proc.returncode == 2
    assert proc.stderr == "program: sessions_per_week: expected a whole number from 1 to 7, found 'three'\n"
    assert not out.exists() and proc.stdout == ""
    missing = _cli("", "--spec", str(tmp_path / "nope.json"), "--out", str(out))
    assert missing.returncode == 2 and missing.stderr.startswith("program: cannot read ")
