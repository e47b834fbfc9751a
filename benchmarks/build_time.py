"""Benchmark the site build with and without PDF handouts.

usage: python benchmarks/build_time.py [--runs N] [--json FILE]

Runs a real `mkdocs build` (a subprocess, into temporary directories) N times for each of:

* off:  handouts turned off (`handouts: false`), the plain web build;
* cold: handouts on, an empty cache every run (every PDF is rendered);
* warm: handouts on, a cache filled by one build beforehand (no PDF is rendered).

It prints the median wall time of each as a Markdown table with the warm/off ratio. The
builds use the repository's mkdocs.yml through a config on standard input that INHERITs it
and only changes the guide plugin's handout options (the cache dir per scenario).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml's plain structure; tags such as !ENV become their plain value."""


_Lenient.add_multi_constructor(
    "", lambda loader, suffix, node: loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None
)


def _config(*, handouts: bool, cache: Path) -> str:
    """Config text that INHERITs the repository's mkdocs.yml with the plugin options set.

    It is passed on standard input (`-f -`) with the repository as working directory, so
    every relative path in mkdocs.yml resolves exactly as in a normal build.
    """
    base = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_Lenient)  # noqa: S506
    plugins = []
    for entry in base.get("plugins", []):
        if isinstance(entry, dict) and "hipguide" in entry:
            options = {**(entry["hipguide"] or {}), "handouts": handouts, "handouts_cache_dir": str(cache)}
            plugins.append({"hipguide": options})
        else:
            plugins.append(entry)
    return yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": plugins}, sort_keys=False)


def _build(config: str, site: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one build; CPU time is steadier on a shared machine."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "-", "-d", str(site)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, input=config, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{config}\n{proc.stdout}\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def run(runs: int) -> dict[str, dict[str, list[float]]]:
    """Wall and CPU times in seconds per scenario: {"off": {"wall": [...], "cpu": [...]}, ...}."""
    times: dict[str, dict[str, list[float]]] = {k: {"wall": [], "cpu": []} for k in ("off", "cold", "warm")}

    def note(key: str, result: tuple[float, float]) -> None:
        times[key]["wall"].append(result[0])
        times[key]["cpu"].append(result[1])

    with tempfile.TemporaryDirectory(prefix="hipguide-bench-") as tmp_name:
        tmp = Path(tmp_name)
        off = _config(handouts=False, cache=tmp / "unused-cache")
        warm = _config(handouts=True, cache=tmp / "warm-cache")
        _build(warm, tmp / "site-prime")  # fill the warm cache once (not timed)
        _build(off, tmp / "site-prime-off")  # and let the OS cache the files for the off case
        # off and warm alternate, so a busy moment on the machine hits both alike; the cold
        # builds (seconds of WeasyPrint each) run afterwards and cannot skew that comparison.
        for i in range(runs):
            note("off", _build(off, tmp / f"site-off-{i}"))
            note("warm", _build(warm, tmp / f"site-warm-{i}"))
        for i in range(runs):
            cold_cache = tmp / f"cold-cache-{i}"
            note("cold", _build(_config(handouts=True, cache=cold_cache), tmp / f"site-cold-{i}"))
            shutil.rmtree(cold_cache, ignore_errors=True)
    return times


def table(times: dict[str, dict[str, list[float]]]) -> str:
    """The results as a Markdown table."""
    wall = {k: statistics.median(v["wall"]) for k, v in times.items()}
    cpu = {k: statistics.median(v["cpu"]) for k, v in times.items()}
    label = {
        "off": "`mkdocs build`, handouts off",
        "cold": "handouts on, cold cache (all PDFs rendered)",
        "warm": "handouts on, warm cache (no PDF rendered)",
    }
    lines = [
        "| Build | Median wall (s) | vs. off | Median CPU (s) | vs. off |",
        "|---|---:|---:|---:|---:|",
    ]
    for key in ("off", "cold", "warm"):
        lines.append(
            f"| {label[key]} | {wall[key]:.2f} | {wall[key] / wall['off']:.2f}x "
            f"| {cpu[key]:.2f} | {cpu[key] / cpu['off']:.2f}x |"
        )
    runs = len(times["off"]["wall"])
    lines.append("")
    for name, med in (("wall", wall), ("CPU", cpu)):
        ratio = med["warm"] / med["off"]
        verdict = "within" if ratio <= 1.10 else "outside"
        lines.append(
            f"Warm rebuild / build without handouts ({name} time, {runs} runs): {ratio:.3f} ({verdict} the 10% target)."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per scenario (default 5)")
    parser.add_argument("--json", type=Path, help="also write the raw times to this file")
    args = parser.parse_args(argv)
    times = run(args.runs)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(times, indent=1), "utf-8")
    print(table(times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
