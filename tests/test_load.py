"""The loader and validator, on the real data and on data broken the ways editors break it."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.cli import main
from generator.core.catalog import catalog_from_plain, catalog_to_plain
from generator.core.errors import DataError
from generator.core.model import exercise_traits
from generator.load import load_catalog
from generator.schema_files import render_schemas

from conftest import DATA, REPO

EXERCISES = {
    "glute-bridge",
    "hip-thrust",
    "quadruped-kickback",
    "step-up",
    "standing-kickback",
    "upright-hip-thrust",
    "ball-bridge-hamstring-curl",
    "prone-hip-extension-ball",
    "glute-bridge-hold",  # the guide's early-stage additions
    "sit-to-stand",
}


def validate_process(data_dir: Path) -> subprocess.CompletedProcess:
    """`python -m generator validate` as a real process: its exit status and streams."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(data_dir)], cwd=REPO, capture_output=True, text=True
    )


def validate(data_dir: Path) -> SimpleNamespace:
    """The same command in-process (`generator.cli.main`): returncode, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["validate", str(data_dir)])
    return SimpleNamespace(returncode=status, stdout=out.getvalue(), stderr=err.getvalue())


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_catalog(data_dir)
    return [str(p) for p in info.value.problems]


def test_real_data_is_complete():
    catalog = load_catalog(DATA)
    assert {e.id for e in catalog.exercises} == EXERCISES
    assert [e.id for e in catalog.exercises][:2] == ["glute-bridge", "hip-thrust"]
    assert {m.id for m in catalog.muscles} >= {
        "gluteus-maximus",
        "gluteus-medius",
        "gluteus-minimus",
        "biceps-femoris",
        "semitendinosus",
        "semimembranosus",
        "adductor-magnus",
        "iliacus",
        "psoas-major",
        "rectus-femoris",
    }
    assert {q.id for q in catalog.equipment} >= {
        "bench",
        "barbell",
        "barbell-pad",
        "dumbbell",
        "box",
        "stability-ball",
        "mini-band",
        "resistance-band",
        "mat",
    }
    assert {c.id for c in catalog.conditions} >= {
        "unhealed-fracture",
        "acute-inflammation",
        "severe-pain",
        "early-post-op",
        "acute-muscle-tear",
        "hamstring-strain",
        "fall-risk",
        "cardiopulmonary",
        "low-back-pain",
        "knee-pain",
        "hip-osteoarthritis",
    }


def test_article_dosages_carried_over_exactly():
    catalog = load_catalog(DATA)
    d = {e.id: e.dosage for e in catalog.exercises}
    assert (
        d["glute-bridge"].sets.min,
        d["glute-bridge"].sets.max,
        d["glute-bridge"].reps.min,
        d["glute-bridge"].reps.max,
        d["glute-bridge"].hold_seconds,
    ) == (2, 3, 8, 12, 2)
    assert d["step-up"].sets is None and (d["step-up"].reps.min, d["step-up"].reps.max) == (15, 20)
    assert d["step-up"].per_leg and d["quadruped-kickback"].per_leg and d["standing-kickback"].per_leg
    for ball in ("ball-bridge-hamstring-curl", "prone-hip-extension-ball"):
        assert (d[ball].sets.min, d[ball].sets.max, d[ball].reps.min, d[ball].reps.max) == (3, 3, 10, 10)
    hip_thrust = catalog.exercise("hip-thrust")
    assert hip_thrust.level != "beginner" and catalog.exercise("ball-bridge-hamstring-curl").level != "beginner"
    assert "bench" in hip_thrust.equipment.required
    assert ("dumbbell",) in hip_thrust.equipment.one_of


def test_traits_drive_condition_rules():
    catalog = load_catalog(DATA)
    traits = {e.id: exercise_traits(e) for e in catalog.exercises}
    assert "unstable-surface" in traits["ball-bridge-hamstring-curl"]
    assert "standing-single-leg" in traits["step-up"]
    assert "hamstring-dominant" in traits["prone-hip-extension-ball"]
    assert "hamstring-dominant" not in traits["glute-bridge"]


def test_validate_cli_summary():
    proc = validate_process(DATA)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 1 and "OK: 10 exercises" in proc.stdout


def test_yaml_syntax_error_names_file_and_line(data_copy: Path):
    path = data_copy / "exercises" / "step-up.yaml"
    lines = path.read_text().splitlines()
    lines[3] = "summary: [unclosed"
    path.write_text("\n".join(lines) + "\n")
    proc = validate(data_copy)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "data/exercises/step-up.yaml: line " in proc.stderr and "YAML syntax error" in proc.stderr


def test_every_problem_reported_at_once(data_copy: Path):
    ex = data_copy / "exercises" / "hip-thrust.yaml"
    ex.write_text(ex.read_text().replace("primary_muscles: [", "primary_muscles: [no-such-muscle, ", 1))
    mu = data_copy / "muscles" / "iliacus.yaml"
    mu.write_text("\n".join(line for line in mu.read_text().splitlines() if not line.startswith("location:")) + "\n")
    eq = data_copy / "equipment" / "box.yaml"
    eq.write_text(eq.read_text() + "colour: red\n")
    found = problems(data_copy)
    assert any(
        p.startswith("data/exercises/hip-thrust.yaml: primary_muscles[0]: unknown muscle id 'no-such-muscle'")
        for p in found
    ), found
    assert "data/muscles/iliacus.yaml: location: required field is missing (expected a string)" in found
    assert any(p.startswith("data/equipment/box.yaml: colour: unknown field") for p in found)


def test_wrong_type_names_field_expected_and_found(data_copy: Path):
    ex = data_copy / "exercises" / "glute-bridge.yaml"
    text = ex.read_text()
    ex.write_text(text.replace("single_leg: false", 'single_leg: "no"').replace("order: 1", "order: first"))
    found = problems(data_copy)
    assert "data/exercises/glute-bridge.yaml: single_leg: expected true or false, found 'no'" in found
    assert "data/exercises/glute-bridge.yaml: order: expected an integer, found 'first'" in found
    proc = validate(data_copy)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().endswith("2 problems found in the data")


def test_bad_enum_and_nested_path(data_copy: Path):
    ex = data_copy / "exercises" / "step-up.yaml"
    ex.write_text(ex.read_text().replace("level: ", "level: expert #", 1))
    found = problems(data_copy)
    assert any(
        p.startswith(
            "data/exercises/step-up.yaml: level: expected one of 'beginner', 'intermediate', 'advanced', found 'expert'"
        )
        for p in found
    ), found


def test_one_sided_progression_is_reported(data_copy: Path):
    ex = data_copy / "exercises" / "hip-thrust.yaml"
    lines = [line for line in ex.read_text().splitlines() if not line.startswith("regressions:")]
    ex.write_text("\n".join(lines) + "\nregressions: []\n")
    found = problems(data_copy)
    assert any(p.startswith("data/exercises/hip-thrust.yaml: regressions: expected 'glute-bridge'") for p in found), (
        found
    )


def test_id_must_match_file_name_and_duplicate_keys(data_copy: Path):
    eq = data_copy / "equipment" / "box.yaml"
    eq.write_text(eq.read_text().replace("id: box", "id: crate"))
    mat = data_copy / "equipment" / "mat.yaml"
    mat.write_text(mat.read_text() + "name: Again\n")
    found = problems(data_copy)
    assert "data/equipment/box.yaml: id: expected 'box' (the file name), found 'crate'" in found
    assert any(p.startswith("data/equipment/mat.yaml: line ") and "duplicate key 'name'" in p for p in found), found


def test_empty_file_and_missing_directory(data_copy: Path, tmp_path: Path):
    (data_copy / "conditions" / "knee-pain.yaml").write_text("")
    assert "data/conditions/knee-pain.yaml: (file): expected a mapping of fields, found an empty file" in problems(
        data_copy
    )
    proc = validate(tmp_path / "nowhere")
    assert proc.returncode == 1 and "data directory not found" in proc.stderr


def test_catalog_round_trips_through_json():
    catalog = load_catalog(DATA)
    assert catalog_from_plain(json.loads(json.dumps(catalog_to_plain(catalog)))) == catalog


def test_shipped_json_schema_is_current():
    for name, text in render_schemas().items():
        assert (DATA / "schema" / name).read_text() == text, f"run: python -m generator schema ({name} is stale)"


def test_data_files_pass_their_json_schema():
    import jsonschema
    import yaml

    for kind, stem in (("exercises", "exercise"), ("muscles", "muscle"), ("conditions", "condition")):
        schema = json.loads((DATA / "schema" / f"{stem}.schema.json").read_text())
        for path in sorted((DATA / kind).glob("*.yaml")):
            jsonschema.validate(yaml.safe_load(path.read_text()), schema)
