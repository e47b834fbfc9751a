"""Planner unit tests: literal profiles against the real data, and small literal catalogs."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.core.catalog import build_catalog
from generator.core.errors import Problem, ProfileError
from generator.core.model import Catalog, exercise_traits
from generator.load import load_catalog
from generator.planner.plan import make_plan, plan_exercise_ids, plan_from_json, plan_to_json
from generator.planner.profile import parse_profile

GYM = [
    "bench",
    "barbell",
    "barbell-pad",
    "dumbbell",
    "box",
    "stability-ball",
    "mat",
    "resistance-band",
    "mini-band",
]
# The article's three beginner exercises and the guide's two early-stage additions.
BEGINNER_EXERCISES = {"glute-bridge", "quadruped-kickback", "standing-kickback", "glute-bridge-hold", "sit-to-stand"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def plan_for(catalog: Catalog, **raw: Any) -> dict[str, Any]:
    return make_plan(catalog, parse_profile(raw, catalog))


def used(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [ex for s in plan["sessions"] for ex in s["exercises"]]


def test_no_equipment_beginner_gets_the_articles_beginner_exercises(catalog: Catalog) -> None:
    plan = plan_for(catalog)
    assert plan["status"] == "ok"
    ids = set(plan_exercise_ids(plan))
    assert "glute-bridge" in ids
    assert ids <= BEGINNER_EXERCISES
    assert all(2 <= len(s["exercises"]) <= 3 for s in plan["sessions"])
    assert plan["profile"]["level"] == "beginner"
    assert "level" in plan["assumed"]


def test_beginner_never_gets_hip_thrust_or_ball_curl_even_with_a_full_gym(catalog: Catalog) -> None:
    plan = plan_for(catalog, equipment=GYM, level="beginner", minutes_per_session=120)
    ids = set(plan_exercise_ids(plan))
    assert not ids & {"hip-thrust", "ball-bridge-hamstring-curl"}
    excluded = {x["id"]: x for x in plan["excluded"]}
    assert "Not for beginners" in excluded["hip-thrust"]["reasons"][0]["text"]
    assert excluded["ball-bridge-hamstring-curl"]["reasons"][0]["kind"] == "level"


def test_gym_intermediate_uses_the_hip_thrust_and_varies_sessions(catalog: Catalog) -> None:
    plan = plan_for(catalog, equipment=GYM, level="intermediate", sessions_per_week=3, minutes_per_session=45)
    assert "hip-thrust" in plan_exercise_ids(plan)
    assert [s["name"] for s in plan["sessions"]] == ["Session A", "Session B"]
    assert plan["schedule"]["rota"] == ["Session A", "Session B", "Session A"]
    first, second = ([e["id"] for e in s["exercises"]] for s in plan["sessions"])
    assert first != second
    assert {x["id"] for x in plan["excluded"]} == {"ball-bridge-hamstring-curl"}


def test_equipment_reasons_name_what_is_missing(catalog: Catalog) -> None:
    plan = plan_for(catalog, level="advanced")
    excluded = {x["id"]: [r["text"] for r in x["reasons"]] for x in plan["excluded"]}
    assert excluded["hip-thrust"] == [
        "Needs a bench, plus a barbell and a barbell pad or a dumbbell, which you do not have."
    ]
    assert excluded["step-up"] == ["Needs a box or a bench, which you do not have."]


def test_dumbbell_alone_satisfies_the_hip_thrust_one_of_group(catalog: Catalog) -> None:
    plan = plan_for(catalog, equipment=["bench", "dumbbell"], level="intermediate", emphasis="glutes")
    assert "hip-thrust" not in {x["id"] for x in plan["excluded"]}
    thrust = [e for e in used(plan) if e["id"] == "hip-thrust"]
    assert thrust and [q["id"] for q in thrust[0]["equipment"]] == ["bench", "dumbbell"]
    assert any("Dumbbell hip thrust" in o for o in thrust[0]["options"])


REFER = ["unhealed-fracture", "acute-inflammation", "severe-pain", "early-post-op", "acute-muscle-tear"]


@pytest.mark.parametrize("condition", REFER)
def test_refer_conditions_give_no_exercises(catalog: Catalog, condition: str) -> None:
    plan = plan_for(catalog, conditions=[condition, "knee-pain"], equipment=GYM, level="advanced")
    assert plan["status"] == "refer"
    assert plan["sessions"] == []
    assert plan["warmup"]["activities"] == []
    assert [x["id"] for x in plan["excluded"]] == [e.id for e in catalog.exercises]
    assert all(x["reasons"][0]["kind"] == "clinician" for x in plan["excluded"])
    name = catalog.condition(condition).name.lower()
    assert any(name in r.lower() for r in plan["reasons"])
    assert any("clinician" in r for r in plan["reasons"])


def test_hamstring_strain_rules_out_hamstring_dominant_work(catalog: Catalog) -> None:
    plan = plan_for(catalog, conditions=["hamstring-strain"], equipment=GYM, level="advanced", emphasis="hamstrings")
    for ex in used(plan):
        assert "hamstring-dominant" not in exercise_traits(catalog.exercise(ex["id"]))
        assert not any("hamstring emphasis" in o for o in ex["options"])
    excluded = {x["id"]: x["reasons"] for x in plan["excluded"]}
    for ex_id in ("ball-bridge-hamstring-curl", "prone-hip-extension-ball"):
        assert excluded[ex_id][0]["kind"] == "condition"
        assert excluded[ex_id][0]["text"].startswith(catalog.condition("hamstring-strain").name)
    assert any("hamstring emphasis, but" in r for r in plan["reasons"])


def test_fall_risk_rules_out_standing_single_leg_and_unstable_work(catalog: Catalog) -> None:
    plan = plan_for(catalog, conditions=["fall-risk"], equipment=GYM, level="advanced")
    for ex in used(plan):
        model = catalog.exercise(ex["id"])
        assert not (model.position == "standing" and model.single_leg)
        assert not model.unstable_surface
    assert any(c.startswith(catalog.condition("fall-risk").name) for c in plan["cautions"])


def test_power_is_replaced_for_beginners_and_no_power_conditions(catalog: Catalog) -> None:
    beginner = plan_for(catalog, goal="power")
    assert any("You asked for power" in r for r in beginner["reasons"])
    assert all("fast" not in e["tempo"] for e in used(beginner))
    heart = plan_for(catalog, goal="power", level="advanced", equipment=GYM, conditions=["cardiopulmonary"])
    assert any("You asked for power" in r for r in heart["reasons"])
    assert all("fast" not in e["tempo"] for e in used(heart))
    assert "hip-thrust" not in plan_exercise_ids(heart)  # external load is excluded


def test_power_is_a_few_fast_repetitions_with_full_rest_labelled_as_the_guides_choice(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="power", level="intermediate", equipment=GYM, minutes_per_session=60)
    thrust = next(e for e in used(plan) if e["id"] == "hip-thrust")
    assert thrust["reps"] == {"min": 3, "max": 5} and thrust["sets"] == 3 and "fast" in thrust["tempo"]
    assert thrust["rest_seconds"] >= 150
    assert any("guide's choice" in n for n in thrust["notes"])
    assert "power" in plan["choices"] and any(n.startswith("Power dose") for n in plan["notes"])
    for ex in used(plan):
        if "fast" in ex["tempo"]:
            reps = ex.get("reps", ex.get("reps_per_leg"))
            assert reps == {"min": 3, "max": 5}, ex["id"]


@pytest.mark.parametrize("condition", ["hip-osteoarthritis", "hamstring-strain", "fall-risk", "cardiopulmonary"])
def test_no_power_work_with_conditions_that_rule_it_out(catalog: Catalog, condition: str) -> None:
    plan = plan_for(catalog, goal="power", level="advanced", equipment=GYM, conditions=[condition])
    assert used(plan)
    assert all("fast" not in e["tempo"] for e in used(plan))
    assert any("You asked for power" in r for r in plan["reasons"])


def test_endurance_uses_the_top_of_the_range_and_short_rests(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="endurance", level="intermediate", equipment=GYM)
    for ex in used(plan):
        model = catalog.exercise(ex["id"])
        reps = ex.get("reps", ex.get("reps_per_leg"))
        assert reps == model.dosage.reps.max
        assert ex["rest_seconds"] <= 60


def test_step_up_gets_two_sets_and_a_note(catalog: Catalog) -> None:
    plan = plan_for(catalog, equipment=["box"], level="intermediate", minutes_per_session=60)
    step = next(e for e in used(plan) if e["id"] == "step-up")
    assert step["sets"] == 2
    assert step["reps_per_leg"] == {"min": 15, "max": 20}
    assert "no number of sets" in step["notes"][0]


def test_dosage_matches_the_article(catalog: Catalog) -> None:
    plan = plan_for(catalog, equipment=GYM, level="advanced", minutes_per_session=120)
    for ex in used(plan):
        model = catalog.exercise(ex["id"])
        if model.dosage.sets:
            assert model.dosage.sets.min <= ex["sets"] <= model.dosage.sets.max
        if model.id in ("ball-bridge-hamstring-curl", "prone-hip-extension-ball"):
            assert (ex["sets"], ex["reps"]) == (3, 10)


def test_desk_worker_gets_breaks_and_hip_flexor_stretches(catalog: Catalog) -> None:
    plan = plan_for(catalog, sits_most_of_day=True)
    habits = " ".join(plan["daily_habits"])
    assert "every 30 to 60 minutes for at least 5 minutes" in habits
    assert "hip flexors" in habits
    assert any("sit most of the day" in r for r in plan["reasons"])
    assert plan_for(catalog)["daily_habits"] == []


def test_warmup_follows_the_article(catalog: Catalog) -> None:
    plan = plan_for(catalog)
    assert 5 <= plan["warmup"]["minutes"] <= 10
    text = " ".join(plan["warmup"]["activities"]).lower()
    assert "walking" in text and "dynamic stretching" in text


def test_ten_minutes_uses_two_exercises_and_says_so(catalog: Catalog) -> None:
    plan = plan_for(catalog, minutes_per_session=10)
    assert all(len(s["exercises"]) == 2 for s in plan["sessions"])
    assert any("10 minutes" in r for r in plan["reasons"])


def test_emphasis_changes_the_choice(catalog: Catalog) -> None:
    glutes = plan_for(catalog, equipment=GYM, level="advanced", emphasis="glutes")
    hams = plan_for(catalog, equipment=GYM, level="advanced", emphasis="hamstrings")
    bias = lambda plan: [catalog.exercise(i).bias for i in plan_exercise_ids(plan)]  # noqa: E731
    assert "hamstrings" not in bias(glutes)
    assert bias(hams).count("hamstrings") >= 1
    assert plan_exercise_ids(glutes) != plan_exercise_ids(hams)


def test_progression_names_the_next_exercise(catalog: Catalog) -> None:
    plan = plan_for(catalog, equipment=["mat"], level="intermediate", sessions_per_week=1, emphasis="glutes")
    steps = {p["id"]: p for p in plan["progression"]["exercises"]}
    assert steps.keys() == set(plan_exercise_ids(plan))
    if "standing-kickback" in steps:
        assert steps["standing-kickback"]["later"]["id"] == "step-up"
    beginner = plan_for(catalog, equipment=["box"], level="beginner")
    kick = {p["id"]: p for p in beginner["progression"]["exercises"]}["standing-kickback"]
    assert kick["next"] is None and kick["later"]["id"] == "step-up"
    assert "intermediate level" in kick["later"]["when"]


def test_also_suitable_and_excluded_partition_the_catalog(catalog: Catalog) -> None:
    plan = plan_for(catalog, equipment=GYM, level="advanced")
    chosen = set(plan_exercise_ids(plan))
    also = {a["id"] for a in plan["also_suitable"]}
    excluded = {x["id"] for x in plan["excluded"]}
    assert chosen | also | excluded == {e.id for e in catalog.exercises}
    assert not (chosen & also or chosen & excluded or also & excluded)


def test_output_is_byte_identical_and_order_independent(catalog: Catalog) -> None:
    a = plan_to_json(plan_for(catalog, equipment=["mat", "dumbbell", "box"], conditions=["knee-pain", "fall-risk"]))
    b = plan_to_json(plan_for(catalog, equipment=["box", "dumbbell", "mat"], conditions=["fall-risk", "knee-pain"]))
    assert a == b
    assert a.endswith("}\n")
    text = json.dumps({"conditions": ["knee-pain"], "equipment": ["box"]})
    direct = plan_to_json(plan_for(catalog, equipment=["box"], conditions=["knee-pain"]))
    assert plan_from_json(catalog, text) == direct


def test_plan_from_json_raises_profile_errors(catalog: Catalog) -> None:
    with pytest.raises(ProfileError) as info:
        plan_from_json(catalog, "{")
    assert info.value.field == "(json)"


def test_every_sample_plan_is_ok_and_uses_exercises(catalog: Catalog) -> None:
    wanted = {"no-equipment-beginner", "home-dumbbell", "gym-intermediate", "desk-worker"}
    assert {p.id for p in catalog.plans} >= wanted
    for sample in catalog.plans:
        plan = make_plan(catalog, parse_profile(sample.profile, catalog))
        assert plan["status"] == "ok", sample.id
        assert all(2 <= len(s["exercises"]) <= 3 for s in plan["sessions"]), sample.id
        assert plan["disclaimer"] and plan["see_a_clinician"]


def _tiny_catalog(exercises: list[dict[str, Any]], conditions: list[dict[str, Any]] = ()) -> Catalog:
    muscle = {
        "id": "gluteus-maximus",
        "name": "Gluteus maximus",
        "order": 1,
        "group": "gluteals",
        "role": "primary",
        "summary": "s",
        "location": "l",
        "action": "a",
    }
    raw = {
        "exercises": [(f"exercises/{e['id']}.yaml", e) for e in exercises],
        "muscles": [("muscles/gluteus-maximus.yaml", muscle)],
        "equipment": [("equipment/mat.yaml", {"id": "mat", "name": "Mat", "description": "d"})],
        "conditions": [(f"conditions/{c['id']}.yaml", c) for c in conditions],
    }
    problems: list[Problem] = []
    catalog = build_catalog(raw, problems)
    assert not problems, problems
    return catalog


def _exercise(id_: str, order: int, **extra: Any) -> dict[str, Any]:
    base = {
        "id": id_,
        "name": id_.title(),
        "order": order,
        "summary": "s",
        "level": "beginner",
        "equipment": {},
        "position": "supine",
        "chain": "closed",
        "knee": "flexed",
        "emphasis": "concentric",
        "bias": "glutes",
        "single_leg": False,
        "unstable_surface": False,
        "starting_position": "p",
        "steps": ["do it"],
        "dosage": {"sets": {"min": 2, "max": 3}, "reps": {"min": 8, "max": 12}},
        "primary_muscles": ["gluteus-maximus"],
    }
    base.update(extra)
    return base


def test_a_single_qualifying_exercise_gives_a_short_session_and_says_why() -> None:
    needs_mat = _exercise("mat-move", 2, equipment={"required": ["mat"]})
    catalog = _tiny_catalog([_exercise("bridge", 1), needs_mat])
    plan = make_plan(catalog, parse_profile({}, catalog))
    assert plan["status"] == "ok"
    assert [len(s["exercises"]) for s in plan["sessions"]] == [1]
    assert any("Only 1 exercise" in r for r in plan["reasons"])
    assert plan["excluded"][0]["reasons"][0]["text"] == "Needs a mat, which you do not have."


def test_conditions_that_rule_out_everything_send_the_person_to_a_clinician() -> None:
    cond = {
        "id": "bad-back",
        "name": "Bad back",
        "kind": "indication",
        "summary": "s",
        "effect": "adapt",
        "excludes": ["prone"],
        "reason": "r",
        "advice": ["a"],
    }
    catalog = _tiny_catalog([_exercise("lift", 1, position="prone")], [cond])
    plan = make_plan(catalog, parse_profile({"conditions": ["bad-back"]}, catalog))
    assert plan["status"] == "refer"
    assert plan["sessions"] == []
    assert plan["excluded"][0]["reasons"][0]["kind"] == "condition"


def _text(plan: dict[str, Any]) -> str:
    """Everything a reader of the plan sees, as one lower-case string."""
    return json.dumps(plan, ensure_ascii=False).lower()


def test_a_heart_or_lung_condition_rules_out_load_everywhere(catalog: Catalog) -> None:
    plan = plan_for(
        catalog, equipment=["dumbbell", "mat", "bench"], level="intermediate", conditions=["cardiopulmonary"]
    )
    assert used(plan)
    for ex in used(plan):
        blob = json.dumps({k: ex[k] for k in ("options", "equipment", "cues", "avoid")}).lower()
        assert "dumbbell" not in blob and "barbell" not in blob, ex["id"]
    weeks = " ".join(w["what"] for w in plan["progression"]["weeks"]).lower()
    assert "load" not in weeks and "weight" in weeks  # "instead of adding weight"
    assert "no_load" in plan["choices"]


def test_fall_risk_warms_up_seated_and_checks_first_at_the_top(catalog: Catalog) -> None:
    from generator.planner.tree import plan_tree

    plan = plan_for(catalog, conditions=["fall-risk"], equipment=GYM, level="advanced")
    warm = " ".join(plan["warmup"]["activities"]).lower()
    assert "sitting" in warm and "leg swings" not in warm and "holding a support" not in warm
    assert plan["check_first"]["title"] == "Check with a clinician first, and train supervised"
    tree = plan_tree(plan)
    first = tree[2]  # [tag, attrs, first child, ...]
    assert first[1]["class"] == "hg-plan__first"
    heart = plan_for(catalog, conditions=["cardiopulmonary"])
    assert heart["check_first"]["items"] and not plan_for(catalog)["check_first"]["items"]


@pytest.mark.parametrize(
    ("condition", "level"),
    [
        ("unhealed-fracture", "same-day"),
        ("acute-inflammation", "same-day"),
        ("severe-pain", "appointment"),
        ("early-post-op", "appointment"),
        ("acute-muscle-tear", "appointment"),
    ],
)
def test_refer_says_how_urgent_it_is(catalog: Catalog, condition: str, level: str) -> None:
    plan = plan_for(catalog, conditions=[condition])
    assert plan["urgency"]["level"] == level
    assert plan["urgency"]["text"] in plan["summary"]
    assert plan["urgency"]["items"][0].startswith(catalog.condition(condition).name)
    both = plan_for(catalog, conditions=["severe-pain", "unhealed-fracture"])
    assert both["urgency"]["level"] == "same-day"


def test_pain_guidance_is_the_cited_pain_monitoring_rule(catalog: Catalog) -> None:
    plan = plan_for(catalog)
    hurts = plan["progression"]["if_it_hurts"]
    assert "5 out of 10" in hurts and "next morning" in hurts and "Silbernagel" in hurts
    assert any("Silbernagel" in c for c in plan["cautions"])
    assert "pain" in plan["choices"]


def test_spare_time_is_pointed_at_other_hip_movements(catalog: Catalog) -> None:
    plan = plan_for(catalog, minutes_per_session=120)
    assert any("other hip movements" in r for r in plan["reasons"])
    assert "other hip movements" in plan["summary"] and "extra_time" in plan["choices"]
    tight = plan_for(catalog, minutes_per_session=20)
    assert not any("other hip movements" in r for r in tight["reasons"])


@pytest.mark.parametrize("condition", ["hip-osteoarthritis", "hamstring-strain"])
def test_early_stage_exercises_are_used_for_osteoarthritis_and_hamstring_strain(
    catalog: Catalog, condition: str
) -> None:
    plan = plan_for(catalog, conditions=[condition], equipment=["mat"], level="intermediate")
    ids = set(plan_exercise_ids(plan))
    assert ids & {"glute-bridge-hold", "sit-to-stand"}
    assert any("early stage" in r for r in plan["reasons"])


def test_plans_name_their_sources_and_leak_no_editor_notes(catalog: Catalog) -> None:
    for raw in ({}, {"equipment": ["box"], "level": "intermediate"}, {"conditions": ["severe-pain"]}):
        plan = plan_for(catalog, **raw)
        text = _text(plan)
        assert "the article " not in text and "the article's" not in text
        assert "the sources " not in text.replace("the sources page", "")
        assert "does not give a number of sets" not in text
        assert plan["sources_note"]


def test_the_printed_plan_puts_check_first_at_the_top_and_urgency_in_a_referral(catalog: Catalog) -> None:
    from generator.planner.sheet import plan_sheet_tree, sheet_html

    sheet = plan_sheet_tree(plan_for(catalog, conditions=["cardiopulmonary"]), catalog)
    assert sheet[2][1]["class"].endswith("hg-sheet__first")
    html = sheet_html(sheet)
    assert html.index("Check with a clinician first, and train supervised") < html.index("Session A")
    refer = sheet_html(plan_sheet_tree(plan_for(catalog, conditions=["unhealed-fracture"]), catalog))
    assert "Get seen today." in refer


def test_the_guides_choices_in_a_conditions_data_reach_the_plan(catalog: Catalog) -> None:
    heart = plan_for(catalog, conditions=["cardiopulmonary"])
    assert any(n.startswith("Heart or lung") and "breath" in n for n in heart["notes"])
    refer = plan_for(catalog, conditions=["unhealed-fracture"])
    assert any("how soon" in n for n in refer["notes"])


def test_a_heart_or_lung_condition_leaves_out_held_contractions(catalog: Catalog) -> None:
    plan = plan_for(catalog, conditions=["cardiopulmonary", "hip-osteoarthritis"], equipment=["mat"])
    assert "glute-bridge-hold" not in plan_exercise_ids(plan)
    excluded = {x["id"]: x["reasons"] for x in plan["excluded"]}
    assert "without moving" in excluded["glute-bridge-hold"][0]["text"]


def test_a_hamstring_strain_favours_a_bent_knee(catalog: Catalog) -> None:
    plan = plan_for(catalog, conditions=["hamstring-strain"], equipment=["mat", "stability-ball"], level="intermediate")
    first = [catalog.exercise(e["id"]) for e in plan["sessions"][0]["exercises"]]
    assert all(ex.knee != "extended" for ex in first)
    assert any("favours exercises with the knee bent" in r for r in plan["reasons"])


def test_the_printed_plan_says_where_it_comes_from(catalog: Catalog) -> None:
    from generator.planner.sheet import plan_sheet_tree, sheet_html

    html = sheet_html(plan_sheet_tree(plan_for(catalog), catalog))
    assert "Built on the exercise article and the clinical overview" in html
