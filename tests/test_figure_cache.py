"""The figure cache (generator.load.figure_bytes and load_guide with a cache): the same figures, drawn once."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from generator import load
from generator.core.errors import DataError
from generator.load import FigureFiles, figure_bytes, load_catalog, load_guide


def _sets(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("figures-*") if p.is_dir())


def test_cached_figures_are_the_drawn_ones_and_follow_the_poses(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "figures"
    catalog = load_catalog(data_copy)
    drawn = figure_bytes(data_copy, catalog)
    first = figure_bytes(data_copy, catalog, cache)
    assert isinstance(first, FigureFiles) and dict(first) == drawn
    assert len(_sets(cache)) == 1 and not list(cache.glob("*.part"))
    # One file a figure, which a build copies rather than holds.
    assert {p.name for p in _sets(cache)[0].glob("*.svg")} == set(drawn)
    assert dict(figure_bytes(data_copy, catalog, cache)) == drawn  # read back from the cache
    # A changed pose is a new set of figures, not the kept one.
    pose = sorted((data_copy / "poses").glob("*.yaml"))[0]
    text = pose.read_text(encoding="utf-8")
    changed = text.replace("description: ", "description: Changed. ", 1)
    assert changed != text
    pose.write_text(changed, encoding="utf-8")
    # A set a killed build left half written goes once it is an hour old.
    stale = cache / "figures-0123.abc.part"
    stale.mkdir()
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    catalog = load_catalog(data_copy)
    again = figure_bytes(data_copy, catalog, cache)
    assert dict(again) == figure_bytes(data_copy, catalog) and dict(again) != drawn
    assert isinstance(again, FigureFiles) and again.key != first.key
    assert len(_sets(cache)) == 2 and not stale.exists()


def test_a_broken_or_hostile_set_is_drawn_again(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "figures"
    catalog = load_catalog(data_copy)
    drawn = figure_bytes(data_copy, catalog)
    kept = figure_bytes(data_copy, catalog, cache)
    assert isinstance(kept, FigureFiles)
    index = kept.folder / "index.json"
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg>not a figure</svg>", encoding="utf-8")
    for bad in ('["../secret.svg"]', '{"a": 1}', "[1, 2]", "not json"):
        index.write_text(bad, encoding="utf-8")
        found = figure_bytes(data_copy, catalog, cache)
        assert dict(found) == drawn, bad
        assert b"not a figure" not in b"".join(found.values())
        assert isinstance(found, FigureFiles), "the broken set is replaced, not drawn again at every build"
        index = found.folder / "index.json"
    # A set whose index was never written (a build stopped while writing it) is not used.
    index.unlink()
    (kept.folder / next(iter(drawn))).write_bytes(b"<svg>half</svg>")
    assert dict(figure_bytes(data_copy, catalog, cache)) == drawn
    assert len(_sets(cache)) == 1


def test_a_kept_set_skips_the_poses_only_while_their_bytes_are_those_it_was_made_from(
    data_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    cache = tmp_path / "figures"
    catalog, first = load_guide(data_copy, cache)
    assert isinstance(first, FigureFiles)
    # The same bytes: the kept set stands for the poses' checks, which are not run again.
    checked = []
    real = load._read_figure_data
    monkeypatch.setattr(load, "_read_figure_data", lambda *a: checked.append(a) or real(*a))
    assert load_guide(data_copy, cache)[1].key == first.key and not checked
    # A pose that sinks into the floor, with a kept set for the old bytes: read, checked, refused.
    pose = data_copy / "poses" / "glute-bridge.yaml"
    good = pose.read_text(encoding="utf-8")
    sunk = re.sub(r"(pelvis:\s*\[)\s*[-0-9.]+\s*,\s*[-0-9.]+", r"\g<1>0.0, -0.5", good, count=1)
    assert sunk != good
    pose.write_text(sunk, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_guide(data_copy, cache)
    assert "poses/glute-bridge.yaml" in caught.value.report() and checked
    # A pose file swapped for a link to a file outside the data folder is refused, not hashed.
    outside = tmp_path / "outside.yaml"
    outside.write_text(good, encoding="utf-8")
    pose.unlink()
    pose.symlink_to(outside)
    with pytest.raises(DataError) as caught:
        load_guide(data_copy, cache)
    assert "symbolic link to a file outside" in caught.value.report()
    # Back to the bytes of the kept set: the same set again.
    pose.unlink()
    pose.write_text(good, encoding="utf-8")
    assert load_guide(data_copy, cache)[1].key == first.key
