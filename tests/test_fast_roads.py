"""Loading's fast roads lead where the careful ones do: the same values, the same refusals.

Reading: plain YAML is built straight from libyaml's events (`_plain_yaml`); anything else goes
to the hardened loaders. Checking: `convert` first tries a checker compiled per type and falls
back to the interpreting converter on the first mismatch. If a fast road ever accepted what the
careful one refuses, bad data would reach the guide unreported; if it built a different value,
the guide would change. So every real data file, and damage done to each, goes both ways.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.catalog import KINDS
from generator.core.schema import _convert, convert
from generator.figures.model import BodyMap, PoseFile
from generator.load import (
    DEFAULT_DATA_DIR,
    MAX_DEPTH,
    _FastLoader,
    _Irregular,
    _parse_yaml,
    _plain_yaml,
    _UniqueKeyLoader,
)

FILES = [
    (cls, path)
    for kind, cls in [*KINDS.items(), ("poses", PoseFile)]
    for path in sorted((DEFAULT_DATA_DIR / kind).glob("*.yaml"))
] + [(BodyMap, DEFAULT_DATA_DIR / "bodymap.yaml")]

RAW = [(cls, path.name, _parse_yaml(path.read_text(encoding="utf-8"))) for cls, path in FILES]



def _typed(value: object) -> object:
    """A value with every scalar's type spelt out: 1, 1.0 and True compare equal, but are not the same data."""
    if isinstance(value, dict):
        return ("mapping", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


@pytest.mark.parametrize("path", [path for _, path in FILES], ids=[p.name for _, p in FILES])
def test_every_data_file_reads_the_same_on_the_plain_road(path) -> None:
    text = path.read_text(encoding="utf-8")
    careful = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - the hardened SafeLoader
    assert _typed(_plain_yaml(text)) == _typed(careful) == _typed(yaml.load(text, Loader=_FastLoader))  # noqa: S506


SCALARS = "a: 1\nb: -2\nc: 0x1F\nd: 1.5\ne: .inf\nf: yes\ng: No\nh: ~\ni: null\nj: ''\nk: '3'\nl: 2024-01-31\n"


def test_scalars_are_typed_as_the_careful_loader_types_them() -> None:
    text = SCALARS + "m: 2024-01-31T10:00:00Z\nn: [1, '1', true, 'true', 1_000]\no: {p: {q: [r, {s: t}]}}\n"
    assert _typed(_plain_yaml(text)) == _typed(yaml.load(text, Loader=_UniqueKeyLoader))  # noqa: S506


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # an anchor and an alias
        "a: !!str 1\n",  # an explicit tag
        "a: !custom 1\n",
        "a: !!python/object:os.system {}\n",
        "base: {x: 1}\nc:\n  <<: {x: 2}\n",  # a merge key
        "a: 1\na: 2\n",  # a duplicate key
        "? [a, b]\n: c\n",  # a list as a key
        "? {a: b}\n: c\n",
        "a: " + "9" * 16 + "\n",  # a long number
        "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",  # too deep
        "a: 1\n---\nb: 2\n",  # two documents
        "",  # no document
        "a: [1, 2\n",  # broken
        "= : 1\n",  # the value key
    ],
)
def test_what_the_plain_road_does_not_take_goes_to_the_careful_one(text: str) -> None:
    with pytest.raises((_Irregular, yaml.YAMLError)):
        _plain_yaml(text)
    try:
        careful: object = ("value", yaml.load(text, Loader=_UniqueKeyLoader))  # noqa: S506
    except yaml.YAMLError as exc:
        careful = ("refused", str(exc))
    try:
        read: object = ("value", _parse_yaml(text))
    except yaml.YAMLError as exc:
        read = ("refused", str(exc))
    assert read == careful  # the same value, or the same words


# Values data files hold, and the wrong ones a fork might write: wrong types, ids out of pattern,
# numbers out of bounds, empty text, nulls, nested shapes where scalars belong.
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**7), max_value=10**7),
    st.sampled_from([0, 1, 3, 999_999, 1_000_000, -1, 1.5]),
    st.sampled_from(["", "x", "Bad Id", "glute-bridge", "-lead", "a" * 65, "beginner", "supine", "primary"]),
    st.lists(st.sampled_from(["glute-bridge", "", "X", 3, None]), max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "min", "max", "x"]), st.integers(0, 20), max_size=3),
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a parsed file that can be replaced or removed: mapping keys and list items."""
    out = []
    if isinstance(value, dict):
        for key, v in value.items():
            out.append((*prefix, key))
            out.extend(_paths(v, (*prefix, key)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.append((*prefix, i))
            out.extend(_paths(v, (*prefix, i)))
    return out


def _near(value: object) -> list:
    """Wrong values close to a right one: each is the kind of slip a person editing the file makes."""
    if isinstance(value, bool):
        return [0, 1, None, "yes"]
    if isinstance(value, int):
        return [-1, 1_000_000, 999_999, 0, True, "3", 2.5, None]
    if isinstance(value, str):
        return ["", "Bad Id", "a" * 65, "-x", "glute-bridge", 3, None, ["x"]]
    if isinstance(value, list):
        return [[], [None], ["Bad Id"], [""], [1_000_000], "x", {}]
    if isinstance(value, dict):
        return [{}, [], {"extra": 1}, "x", None]
    return [None, "x"]


def _both(value: object, cls: type, file: str) -> tuple[tuple, tuple]:
    fast: list = []
    slow: list = []
    return (convert(value, cls, "", fast, file), tuple(fast)), (_convert(value, cls, "", slow, file), tuple(slow))


def _replaced(raw: object, place: tuple, new: object, delete: bool = False) -> object:
    damaged = copy.deepcopy(raw)
    *parent_path, last = place
    parent = damaged
    for step in parent_path:
        parent = parent[step]  # type: ignore[index]
    if delete:
        del parent[last]  # type: ignore[attr-defined]
    else:
        parent[last] = new  # type: ignore[index]
    return damaged


@pytest.mark.parametrize(("cls", "file", "raw"), RAW, ids=[f"{c.__name__}:{f}" for c, f, _ in RAW])
def test_every_data_file_is_converted_the_same_by_both_roads(cls: type, file: str, raw: object) -> None:
    fast, slow = _both(raw, cls, file)
    assert fast == slow
    assert fast[0] is not None and fast[1] == ()  # the shipped data is valid: the fast road took it


@pytest.mark.parametrize(("cls", "file", "raw"), RAW, ids=[f"{c.__name__}:{f}" for c, f, _ in RAW])
def test_every_single_slip_in_every_place_is_found_the_same_way(cls: type, file: str, raw: object) -> None:
    refused = 0
    for place in _paths(raw):
        parent = raw
        for step in place[:-1]:
            parent = parent[step]  # type: ignore[index]
        current = parent[place[-1]]  # type: ignore[index]
        damages = [_replaced(raw, place, new) for new in _near(current)]
        if isinstance(parent, dict):
            damages.append(_replaced(raw, place, None, delete=True))
        for damaged in damages:
            fast, slow = _both(damaged, cls, file)
            assert fast == slow, (place, damaged)
            refused += fast[0] is None
    assert refused  # the slips are real: some of them are refused


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_several_slips_at_once_get_the_same_result_and_the_same_problems(data: st.DataObject) -> None:
    cls, file, raw = data.draw(st.sampled_from(RAW))
    damaged = copy.deepcopy(raw)
    for _ in range(data.draw(st.integers(2, 4))):
        places = _paths(damaged)
        if not places:
            break
        place = data.draw(st.sampled_from(places))
        parent = damaged
        for step in place[:-1]:
            parent = parent[step]
        delete = isinstance(parent, dict) and data.draw(st.booleans())
        new = data.draw(st.one_of(ODD, st.sampled_from(_near(parent[place[-1]]))))
        damaged = _replaced(damaged, place, new, delete)
    if data.draw(st.booleans()) and isinstance(damaged, dict):
        damaged[data.draw(st.sampled_from(["extra", "id", "name"]))] = data.draw(ODD)
    fast, slow = _both(damaged, cls, file)
    assert fast == slow
