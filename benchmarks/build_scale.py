"""How the build grows with the catalog: synthetic catalogs of N exercises, next to plain MkDocs.

usage: python benchmarks/build_scale.py [--sizes 100,1000] [--runs 1] [--no-handouts] [--profile]

For each size N it writes a synthetic data folder (a copy of data/ whose exercises are cloned
until there are N: new ids, names and order, each clone's progressions, regressions,
alternatives and notes pointing at the same clone family, and a figure and any pose file per
clone, so the catalog is valid and cross-linked), then times real `mkdocs build` subprocesses
into temporary folders and reads each one's peak memory (ru_maxrss from wait4):

* guide, handouts off: the repository's mkdocs.yml with the synthetic data;
* guide, handouts on, warm cache: the same after one build that filled the PDF cache;
* plain: a plain mkdocs-material build (search plugin only, same theme, extensions and nav) of
  the very Markdown pages the guide generated, written out as hand-written files.

The guide's overhead is (guide - plain) / plain. Then the planner's re-plan is timed in
CPython with N exercises (median over a set of profiles; `--profile` prints cProfile's top).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.build_time import _Lenient  # noqa: E402

# A hook for one extra build that writes out what the guide generated: every page's final
# Markdown, the generated files beside them (figures; not the planner's runtime) and the nav.
DUMP_HOOK = """
import json, os
from pathlib import Path
OUT = Path(os.environ["HG_DUMP"])
OUT.mkdir(parents=True, exist_ok=True)
def on_config(config):
    (OUT / "nav.json").write_text(json.dumps(config.nav))
def on_files(files, config):
    for f in files:
        if f.generated_by and not f.src_uri.startswith("assets/planner/runtime/") and not f.src_uri.endswith(".md"):
            dest = OUT / "docs" / f.src_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(f.content_bytes)
    return files
def on_page_markdown(markdown, page, config, files):
    dest = OUT / "docs" / page.file.src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(markdown, encoding="utf-8")
    return markdown
"""


def _id_pattern(ids: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")


def synthetic_data(dest: Path, size: int) -> int:
    """A valid copy of data/ with at least `size` exercises (whole clone families); returns the count."""
    shutil.copytree(REPO / "data", dest)
    originals = sorted((dest / "exercises").glob("*.yaml"))
    ids = [p.stem for p in originals]
    pattern = _id_pattern(ids)
    # Files named after an exercise elsewhere in data/ (figures, poses) are cloned with it.
    companions = {i: [p for p in dest.rglob(f"{i}.*") if p.parent.name != "exercises"] for i in ids}
    count, k = len(originals), 0
    while count < size:
        k += 1
        rename = lambda m, k=k: f"{m.group(1)}-x{k}"  # noqa: E731
        for src in originals:  # whole families, so that every cross-link has its target
            text = pattern.sub(rename, src.read_text(encoding="utf-8"))
            text = re.sub(r"^name: (.*)$", rf"name: \g<1> {k + 1}", text, count=1, flags=re.M)
            text = re.sub(r"^order: (\d+)$", rf"order: {k}00\g<1>", text, count=1, flags=re.M)
            (dest / "exercises" / f"{src.stem}-x{k}.yaml").write_text(text, encoding="utf-8")
            for comp in companions[src.stem]:
                target = comp.with_name(f"{comp.stem}-x{k}{comp.suffix}")
                if comp.suffix in (".yaml", ".yml", ".json"):
                    target.write_text(pattern.sub(rename, comp.read_text(encoding="utf-8")), encoding="utf-8")
                else:
                    shutil.copyfile(comp, target)
            count += 1
    return count


def _guide_config(data: Path, *, handouts: bool, cache: Path, hooks: list[str] | None = None) -> str:
    base = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_Lenient)  # noqa: S506
    plugins = []
    for entry in base.get("plugins", []):
        if isinstance(entry, dict) and "hipguide" in entry:
            options = {**(entry["hipguide"] or {}), "data_dir": str(data), "handouts": handouts}
            plugins.append({"hipguide": {**options, "handouts_cache_dir": str(cache / "handouts")}})
        else:
            plugins.append(entry)
    config: dict = {"INHERIT": "mkdocs.yml", "plugins": plugins}
    if hooks:
        config["hooks"] = hooks
    return yaml.safe_dump(config, sort_keys=False)


def _plain_config(docs: Path, nav: list) -> str:
    base = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_Lenient)  # noqa: S506
    theme = {**base["theme"], "custom_dir": str(REPO / (base["theme"].get("custom_dir") or "overrides"))}
    config = {
        "site_name": base["site_name"],
        "docs_dir": str(docs),
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": base.get("markdown_extensions", []),
        "extra_css": base.get("extra_css", []),
        "extra_javascript": base.get("extra_javascript", []),
        "nav": nav,
    }
    return yaml.safe_dump(config, sort_keys=False)


def _build(config_text: str, site: Path, env: dict | None = None) -> tuple[float, float, float]:
    """One `mkdocs build` subprocess: (wall seconds, peak memory in MB, CPU seconds)."""
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "-", "-d", str(site)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write(config_text.encode())
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def replan_ms(data: Path, profile_out: bool) -> tuple[float, float]:
    """Median and slowest re-plan (make_plan) in CPython with the catalog in `data`, in ms."""
    from generator.load import load_catalog
    from generator.planner.plan import make_plan
    from generator.planner.profile import parse_profile

    catalog = load_catalog(data)
    equipment = [e.id for e in catalog.equipment]
    profiles = [
        {},
        {"level": "advanced", "equipment": equipment},
        {"level": "intermediate", "goal": "endurance", "emphasis": "hamstrings", "equipment": equipment[:3]},
        {"level": "beginner", "sessions_per_week": 5, "minutes_per_session": 60, "sits_most_of_day": True},
        {"conditions": [c.id for c in catalog.conditions][:2], "equipment": equipment},
    ]
    parsed = []
    for p in profiles:
        try:
            parsed.append(parse_profile(p, catalog))
        except Exception:  # noqa: BLE001 - a profile the data no longer allows: skip it
            continue
    times = []
    for _ in range(5):
        for p in parsed:
            t = time.perf_counter()
            make_plan(catalog, p)
            times.append((time.perf_counter() - t) * 1000)
    if profile_out:
        prof = cProfile.Profile()
        prof.enable()
        for p in parsed:
            make_plan(catalog, p)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(15)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated exercise counts")
    parser.add_argument("--runs", type=int, default=1, help="timed builds of each kind per size")
    parser.add_argument("--no-handouts", action="store_true", help="skip the handouts-on builds")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top for the re-plan")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    rows = []
    print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"hg-scale-{size}-") as tmp:
            work = Path(tmp)
            count = synthetic_data(work / "data", size)
            (work / "hook.py").write_text(DUMP_HOOK, encoding="utf-8")
            # One build that writes out the generated Markdown (and warms the planner's cache).
            _build(
                _guide_config(work / "data", handouts=False, cache=work / "cache", hooks=[str(work / "hook.py")]),
                work / "site", env={"HG_DUMP": str(work / "dump")},
            )  # fmt: skip
            docs = work / "dump" / "docs"
            shutil.copytree(REPO / "docs", docs, dirs_exist_ok=True)
            nav = json.loads((work / "dump" / "nav.json").read_text())
            pages = len(list(docs.rglob("*.md")))
            kinds = {
                "plain": _plain_config(docs, nav),
                "off": _guide_config(work / "data", handouts=False, cache=work / "cache"),
            }
            if not args.no_handouts:
                kinds["warm"] = _guide_config(work / "data", handouts=True, cache=work / "cache")
                _build(kinds["warm"], work / "site")  # fills the PDF cache (cold: not timed)
            result: dict[str, list[tuple[float, float, float]]] = {k: [] for k in kinds}
            for _ in range(args.runs):
                for kind, text in kinds.items():  # side by side, in turn
                    result[kind].append(_build(text, work / "site"))
            median, slowest = replan_ms(work / "data", args.profile)
            row = {"exercises": count, "pages": pages, "replan_ms": median, "replan_max_ms": slowest}
            for kind, runs in result.items():
                row[f"{kind}_s"] = statistics.median(r[0] for r in runs)
                row[f"{kind}_mb"] = statistics.median(r[1] for r in runs)
                row[f"{kind}_cpu"] = statistics.median(r[2] for r in runs)
            rows.append(row)
            print(json.dumps(row), flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}\n")
    print("CPU seconds (user + system) are steadier than wall time on a shared machine; both are medians.\n")
    print(
        "| Exercises | Pages | Plain build, wall / CPU | Guide, handouts off | Overhead, wall / CPU "
        "| Handouts on, warm cache | Overhead, wall / CPU | Peak memory plain / off / warm "
        "| Re-plan (CPython) median / max |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for r in rows:
        over = lambda k, r=r: f"{r[k + '_s'] / r['plain_s'] - 1:+.0%} / {r[k + '_cpu'] / r['plain_cpu'] - 1:+.0%}"  # noqa: E731
        cell = lambda k, r=r: f"{r[k + '_s']:.1f} / {r[k + '_cpu']:.1f} s"  # noqa: E731
        warm = f"{cell('warm')} | {over('warm')}" if "warm_s" in r else "- | -"
        mem = f"{r['plain_mb']:.0f} / {r['off_mb']:.0f} / {r.get('warm_mb', 0):.0f} MB"
        replan = f"{r['replan_ms']:.1f} / {r['replan_max_ms']:.1f} ms"
        print(
            f"| {r['exercises']} | {r['pages']} | {cell('plain')} | {cell('off')} | {over('off')} "
            f"| {warm} | {mem} | {replan} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
