"""Profile parsing: defaults, normalisation, and one clear error per kind of bad input."""

from __future__ import annotations

import json

import pytest

from generator.core.catalog import CHECKS, build_catalog
from generator.core.errors import Problem, ProfileError
from generator.core.model import Catalog
from generator.load import load_catalog
from generator.planner.profile import (
    DEFAULT_PROFILE,
    FIELDS,
    Profile,
    check_sample_plans,
    parse_profile,
    parse_profile_json,
    profile_to_plain,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_empty_profile_gives_the_conservative_defaults(catalog: Catalog) -> None:
    profile = parse_profile({}, catalog)
    assert profile == DEFAULT_PROFILE
    assert profile_to_plain(profile) == {
        "equipment": [],
        "level": "beginner",
        "goal": "strength",
        "sessions_per_week": 2,
        "minutes_per_session": 30,
        "emphasis": "balanced",
        "conditions": [],
        "sits_most_of_day": False,
    }
    assert profile.assumed == FIELDS


def test_full_profile_is_normalised_sorted_and_deduplicated(catalog: Catalog) -> None:
    raw = {
        "equipment": ["mat", "dumbbell", "mat"],
        "level": "advanced",
        "goal": "power",
        "sessions_per_week": 7,
        "minutes_per_session": 120,
        "emphasis": "hamstrings",
        "conditions": ["low-back-pain", "knee-pain", "knee-pain"],
        "sits_most_of_day": True,
    }
    profile = parse_profile(raw, catalog)
    assert profile.equipment == ("dumbbell", "mat")
    assert profile.conditions == ("knee-pain", "low-back-pain")
    assert profile.assumed == ()
    assert (profile.level, profile.goal, profile.emphasis) == ("advanced", "power", "hamstrings")
    assert profile.sessions_per_week == 7
    assert profile.minutes_per_session == 120
    assert profile.sits_most_of_day is True


def test_plain_round_trip(catalog: Catalog) -> None:
    profile = parse_profile({"equipment": ["box"], "level": "intermediate"}, catalog)
    again = parse_profile(profile_to_plain(profile), catalog)
    assert profile_to_plain(again) == profile_to_plain(profile)
    assert json.loads(json.dumps(profile_to_plain(profile))) == profile_to_plain(profile)


@pytest.mark.parametrize(
    ("raw", "field", "shown"),
    [
        ([], "(profile)", "an empty list"),
        ("beginner", "(profile)", "'beginner'"),
        (None, "(profile)", "null"),
        ({"colour": "red"}, "colour", "unknown field"),
        ({"level": "expert"}, "level", "'expert'"),
        ({"level": None}, "level", "null"),
        ({"goal": "speed"}, "goal", "'speed'"),
        ({"emphasis": "quads"}, "emphasis", "'quads'"),
        ({"sessions_per_week": 9}, "sessions_per_week", "found 9"),
        ({"sessions_per_week": 0}, "sessions_per_week", "found 0"),
        ({"sessions_per_week": True}, "sessions_per_week", "found true"),
        ({"sessions_per_week": "3"}, "sessions_per_week", "found '3'"),
        ({"minutes_per_session": 9}, "minutes_per_session", "found 9"),
        ({"minutes_per_session": 121}, "minutes_per_session", "found 121"),
        ({"minutes_per_session": 30.0}, "minutes_per_session", "found 30.0"),
        ({"sits_most_of_day": "yes"}, "sits_most_of_day", "found 'yes'"),
        ({"sits_most_of_day": 1}, "sits_most_of_day", "found 1"),
        ({"equipment": "dumbbell"}, "equipment", "found 'dumbbell'"),
        ({"equipment": ["mat", "box", "kettlebell"]}, "equipment[2]", "'kettlebell'"),
        ({"equipment": [3]}, "equipment[0]", "found 3"),
        ({"conditions": ["flu"]}, "conditions[0]", "'flu'"),
        ({"conditions": {"knee-pain": True}}, "conditions", "an object"),
    ],
)
def test_each_invalid_value_names_field_and_value(catalog: Catalog, raw: object, field: str, shown: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(raw, catalog)
    assert info.value.field == field
    assert shown in info.value.message
    text = str(info.value)
    assert text.startswith(f"profile: {field}: ")
    assert "\n" not in text


def test_range_message_matches_the_agreed_wording(catalog: Catalog) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile({"sessions_per_week": 9}, catalog)
    assert str(info.value) == "profile: sessions_per_week: expected an integer from 1 to 7, found 9"


def test_unknown_ids_list_the_known_ids(catalog: Catalog) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile({"equipment": ["kettlebell"]}, catalog)
    for item in catalog.equipment:
        assert item.id in info.value.message
    with pytest.raises(ProfileError) as info:
        parse_profile({"conditions": ["flu"]}, catalog)
    for cond in catalog.conditions:
        assert cond.id in info.value.message


def test_odd_keys_stay_on_one_line(catalog: Catalog) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile({"a\nb": 1}, catalog)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "field", "shown"),
    [
        ("", "(json)", "not valid JSON"),
        ("{level: 1}", "(json)", "not valid JSON"),
        ('{"minutes_per_session": NaN}', "(json)", "NaN"),
        ("[" * 5_000, "(json)", "nested more than 16 levels deep"),
        ('{"minutes_per_session": ' + "9" * 5000 + "}", "(json)", "not valid JSON"),
        ('{"level": "beginner", "level": "advanced"}', "level", "'advanced'"),
    ],
)
def test_json_text_errors(catalog: Catalog, text: str, field: str, shown: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile_json(text, catalog)
    assert info.value.field == field
    assert shown in info.value.message
    assert "\n" not in str(info.value)


def test_sample_plan_check_is_registered_and_reports_bad_profiles() -> None:
    assert check_sample_plans in CHECKS
    real = load_catalog()
    raw = {
        "exercises": [],
        "muscles": [],
        "equipment": [("equipment/mat.yaml", {"id": "mat", "name": "Mat", "description": "A mat."})],
        "conditions": [],
        "plans": [
            (
                "plans/bad.yaml",
                {
                    "id": "bad",
                    "name": "Bad",
                    "order": 1,
                    "description": "Bad.",
                    "profile": {"equipment": ["mat", "kettlebell"]},
                },
            ),
            (
                "plans/good.yaml",
                {"id": "good", "name": "Good", "order": 2, "description": "Good.", "profile": {"equipment": ["mat"]}},
            ),
        ],
    }
    problems: list[Problem] = []
    build_catalog(raw, problems)
    assert [(p.file, p.path) for p in problems] == [("plans/bad.yaml", "profile.equipment[1]")]
    assert "'kettlebell'" in problems[0].message
    assert real.plans, "the repository ships sample plans"


def test_profile_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Profile().level = "advanced"  # type: ignore[misc]
