"""The figure cache (generator.load.figure_bytes with cache_dir): the same figures, drawn once."""

from __future__ import annotations

from pathlib import Path

from generator.load import figure_bytes, load_catalog


def test_cached_figures_are_the_drawn_ones_and_follow_the_poses(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "figures"
    catalog = load_catalog(data_copy)
    drawn = figure_bytes(data_copy, catalog)
    assert figure_bytes(data_copy, catalog, cache) == drawn
    assert len(list(cache.glob("figures-*.json"))) == 1
    assert figure_bytes(data_copy, catalog, cache) == drawn  # read back from the cache
    # A changed pose is a new set of figures, not the kept one.
    pose = sorted((data_copy / "poses").glob("*.yaml"))[0]
    text = pose.read_text(encoding="utf-8")
    changed = text.replace("description: ", "description: Changed. ", 1)
    assert changed != text
    pose.write_text(changed, encoding="utf-8")
    catalog = load_catalog(data_copy)
    again = figure_bytes(data_copy, catalog, cache)
    assert again == figure_bytes(data_copy, catalog) and again != drawn
    assert len(list(cache.glob("figures-*.json"))) == 2
