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
  the very Markdown pages the guide generated, written out as hand-written files; the
  handouts-on build has its own plain twin ("plain-warm"), whose pages carry the download links
  and the handouts index that the guide's pages then have.

The guide's overhead is (guide - its plain twin) / its plain twin, run by run. Then the planner's re-plan is timed in
CPython with N exercises (median over a set of profiles; `--profile` prints cProfile's top).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
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
# Markdown (with its metadata as front matter), the generated files beside them (figures; not
# the planner's runtime) and the nav.
DUMP_HOOK = """
import json, os
import yaml
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
    # The page's metadata as front matter, as a hand-written page would carry it: the theme's
    # navigation reads it for every link on every page.
    front = "---\\n" + yaml.safe_dump(dict(page.meta), sort_keys=True) + "---\\n\\n" if page.meta else ""
    dest.write_text(front + markdown, encoding="utf-8")
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
            # Orders stay unique and within the schema's 0 to 999999 up to 9,999 clone families.
            order = lambda m, k=k: f"order: {k * 100 + int(m.group(1))}"  # noqa: E731
            text = re.sub(r"^order: (\d+)$", order, text, count=1, flags=re.M)
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
    """The repository's mkdocs.yml with the synthetic data and every cache under `cache` (never the checkout's)."""
    base = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_Lenient)  # noqa: S506
    plugins = []
    for entry in base.get("plugins", []):
        if isinstance(entry, dict) and "hipguide" in entry:
            options = {**(entry["hipguide"] or {}), "data_dir": str(data), "handouts": handouts}
            options |= {f"{name}_cache_dir": str(cache / name) for name in ("handouts", "figures", "planner")}
            plugins.append({"hipguide": options})
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


def _build(
    config_text: str, site: Path, env: dict | None = None, profile: Path | None = None
) -> tuple[float, float, float]:
    """One `mkdocs build` subprocess: (wall seconds, peak memory in MB, CPU seconds)."""
    shutil.rmtree(site, ignore_errors=True)
    run = ["-m", "cProfile", "-o", str(profile)] if profile else []
    cmd = [sys.executable, *run, "-m", "mkdocs", "build", "-q", "-f", "-", "-d", str(site)]
    # Bytecode as a normal machine keeps it: the plain build's packages load from the bytecode pip
    # wrote at install, and an environment with PYTHONDONTWRITEBYTECODE (this workplace's) would
    # make every guide build compile the generator's modules from source (0.12 s of a 4.4 s build
    # at 100 exercises). The cache is the benchmark's own, beside the sites, never the checkout's.
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(site.parent / "pycache")}
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**base, **(env or {})},
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write(config_text.encode())
    proc.stdin.close()
    # Read what it writes while it runs (a full pipe would stop it), then reap it with its usage.
    err = proc.stderr.read().decode() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


# The re-plan, timed the same way in CPython and in Pyodide (benchmarks/replan_node.mjs runs this
# text after loading the site's catalog.json): each profile planned and shown as the page shows
# it (make_plan, then the element tree the worker sends), five times over; milliseconds.
REPLAN_CODE = """
import json, time
from generator.planner import browser_api
from generator.planner.plan import make_plan
from generator.planner.profile import parse_profile
from generator.planner.tree import plan_tree

def replan_times(catalog):
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
        except Exception:  # a profile the data no longer allows: skip it
            continue
    times = []
    for _ in range(5):
        for p in parsed:
            t = time.perf_counter()
            json.dumps(plan_tree(make_plan(catalog, p)), ensure_ascii=False, separators=(",", ":"))
            times.append((time.perf_counter() - t) * 1000)
    return times
"""


def replan_cpython(data: Path, profile_out: bool) -> list[float]:
    """Re-plan times in CPython with the catalog in `data`, in ms (see REPLAN_CODE)."""
    from generator.load import load_catalog

    catalog = load_catalog(data)
    scope: dict = {}
    exec(REPLAN_CODE, scope)  # noqa: S102 - the benchmark's own code, shared with the Pyodide run
    times = scope["replan_times"](catalog)
    if profile_out:
        prof = cProfile.Profile()
        prof.enable()
        scope["replan_times"](catalog)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(15)
    return times


def replan_pyodide(runtime: Path) -> list[float] | None:
    """Re-plan times in the pinned Pyodide under Node (what the browser's worker runs), in ms."""
    node = shutil.which("node")
    if not node or not (runtime / "manifest.json").is_file():
        return None
    proc = subprocess.run(
        [node, str(REPO / "benchmarks" / "replan_node.mjs"), str(runtime)],
        input=REPLAN_CODE, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if proc.returncode != 0:
        print(f"Pyodide re-plan failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
        return None
    return [float(t) for t in json.loads(proc.stdout.strip().splitlines()[-1])]


def _print_profile(path: Path, lines: int = 25) -> None:
    stats = pstats.Stats(str(path))
    stats.sort_stats("cumulative").print_stats(lines)
    stats.sort_stats("cumulative").print_stats("generator|site_plugins", lines)
    stats.sort_stats("tottime").print_stats(lines)


def _prepare(work: Path, size: int, handouts: bool) -> tuple[int, dict[str, str], int, dict[str, float]]:
    """Synthetic data, the generated pages written out, the caches filled: (exercises, configs, pages, times).

    Everything is kept in `work`, so a second run with the same folder (--keep) starts here.
    """
    first: dict[str, float] = {}
    if not (work / "data").is_dir():
        shutil.rmtree(work / "data.tmp", ignore_errors=True)
        synthetic_data(work / "data.tmp", size)
        (work / "data.tmp").rename(work / "data")
    count = len(list((work / "data" / "exercises").glob("*.yaml")))
    (work / "hook.py").write_text(DUMP_HOOK, encoding="utf-8")
    # One build per page set that writes out the generated Markdown (with handouts on, the pages
    # carry their download links and there is the handouts index): the plain twins' pages. The
    # first draws the figures and makes the planner's bundle and snapshot, the handouts one
    # renders every PDF (all cached in work/cache): neither is timed as a comparison.
    sets = {"": False, "-warm": True} if handouts else {"": False}
    pages = 0
    kinds = {}
    for suffix, with_handouts in sets.items():
        dump = work / f"dump{suffix}"
        if not (dump / "nav.json").is_file():
            shutil.rmtree(dump, ignore_errors=True)
            hook = [str(work / "hook.py")]
            hooked = _guide_config(work / "data", handouts=with_handouts, cache=work / "cache", hooks=hook)
            seconds = _build(hooked, work / "site-dump", env={"HG_DUMP": str(dump)})[0]
            first["dump" + ("" if not with_handouts else " with handouts (fills the PDF cache)") + "_s"] = seconds
            shutil.rmtree(work / "site-dump", ignore_errors=True)
            shutil.copytree(REPO / "docs", dump / "docs", dirs_exist_ok=True)
        pages = pages or len(list((dump / "docs").rglob("*.md")))
        kinds["plain" + suffix] = _plain_config(dump / "docs", json.loads((dump / "nav.json").read_text()))
        kinds["off" if not with_handouts else "warm"] = _guide_config(
            work / "data", handouts=with_handouts, cache=work / "cache"
        )
    # Kept caches made by other code (--keep across a change) would make the first timed build
    # remake the planner's bundle and snapshot and compile the changed modules: one untimed build
    # brings them up to date.
    key = _code_key()
    stale = (work / "code-key").is_file() and (work / "code-key").read_text() != key
    if stale or not (work / "pycache").is_dir():
        first["warm-up_s"] = _build(kinds["off"], work / "site-off")[0]
    (work / "code-key").write_text(key)
    return count, kinds, pages, first


def _code_key() -> str:
    """A hash of the code the guide's build runs (the generator, the plugin, the site's config)."""
    digest = hashlib.sha256()
    for path in sorted([*(REPO / "generator").rglob("*"), *(REPO / "site_plugins").rglob("*"), REPO / "mkdocs.yml"]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _twin(kind: str) -> str:
    """The plain build a guide build is compared with: the same pages (with handout links when on)."""
    return "plain-warm" if kind == "warm" else "plain"


def _ratios(result: dict[str, list[tuple[float, float, float]]], kind: str, index: int) -> list[float]:
    return [k[index] / p[index] for k, p in zip(result[kind], result[_twin(kind)], strict=True)]


def measure(work: Path, size: int, args: argparse.Namespace) -> dict:
    """Every figure for one size, the builds side by side in turn, run by run."""
    handouts = not args.no_handouts and size <= args.handouts_max
    count, kinds, pages, first = _prepare(work, size, handouts)
    for name, seconds in first.items():
        print(f"  {count} exercises: {name.removesuffix('_s')} build {seconds:.1f} s (cold caches, not compared)")
    result: dict[str, list[tuple[float, float, float]]] = {k: [] for k in kinds}
    loads = []
    for run in range(args.runs):
        loads.append(os.getloadavg()[0])
        for kind, text in kinds.items():  # side by side, in turn
            result[kind].append(_build(text, work / f"site-{kind}"))
        line = ", ".join(f"{k} {r[-1][0]:.1f} / {r[-1][2]:.1f} s" for k, r in result.items())
        ratios = ", ".join(f"{k}/{_twin(k)} {_ratios(result, k, 2)[-1]:.2f}x CPU" for k in kinds if "plain" not in k)
        print(f"  {count} exercises, run {run + 1} (load {loads[-1]:.1f}): {line}; {ratios}", flush=True)
    if args.profile_build:
        out = work / "guide-off.prof"
        _build(kinds["off"], work / "site-profile", profile=out)
        _print_profile(out)
    row: dict = {"exercises": count, "pages": pages, "load": loads, **first}
    for kind, runs in result.items():
        row[f"{kind}_s"] = statistics.median(r[0] for r in runs)
        row[f"{kind}_mb"] = statistics.median(r[1] for r in runs)
        row[f"{kind}_cpu"] = statistics.median(r[2] for r in runs)
        row[f"{kind}_runs"] = runs
        if "plain" not in kind:
            row[f"{kind}_wall_ratio"] = statistics.median(_ratios(result, kind, 0))
            row[f"{kind}_cpu_ratio"] = statistics.median(_ratios(result, kind, 2))
            row[f"{kind}_cpu_ratios"] = _ratios(result, kind, 2)
    cpython = replan_cpython(work / "data", args.profile)
    row["replan_ms"], row["replan_max_ms"] = statistics.median(cpython), max(cpython)
    if args.pyodide:
        pyodide = replan_pyodide(work / "site-off" / "assets" / "planner" / "runtime")
        if pyodide:
            row["pyodide_replan_ms"], row["pyodide_replan_max_ms"] = statistics.median(pyodide), max(pyodide)
    return row


def _table(rows: list[dict]) -> None:
    print(
        "| Exercises | Pages | Load average | Plain build, wall / CPU | Guide, handouts off | Overhead, wall / CPU "
        "| Handouts on, warm cache | Overhead, wall / CPU | Peak memory plain / off / warm "
        "| Re-plan CPython median / max | Re-plan Pyodide median / max |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|---:|---|---|---|")
    for r in rows:
        over = lambda k, r=r: f"{r[k + '_wall_ratio'] - 1:+.0%} / {r[k + '_cpu_ratio'] - 1:+.0%}"  # noqa: E731
        cell = lambda k, r=r: f"{r[k + '_s']:.1f} / {r[k + '_cpu']:.1f} s"  # noqa: E731
        warm = f"{cell('warm')} (its plain twin {cell('plain-warm')}) | {over('warm')}" if "warm_s" in r else "- | -"
        warm_mb = f"{r['warm_mb']:.0f}" if "warm_mb" in r else "-"
        mem = f"{r['plain_mb']:.0f} / {r['off_mb']:.0f} / {warm_mb} MB"
        replan = f"{r['replan_ms']:.1f} / {r['replan_max_ms']:.1f} ms"
        pyodide = (
            f"{r['pyodide_replan_ms']:.1f} / {r['pyodide_replan_max_ms']:.1f} ms" if "pyodide_replan_ms" in r else "-"
        )
        load = "-".join(f"{x:.1f}" for x in (min(r["load"]), max(r["load"])))
        print(
            f"| {r['exercises']} | {r['pages']} | {load} | {cell('plain')} | {cell('off')} | {over('off')} "
            f"| {warm} | {mem} | {replan} | {pyodide} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated exercise counts")
    parser.add_argument("--runs", type=int, default=1, help="timed builds of each kind per size")
    parser.add_argument("--no-handouts", action="store_true", help="skip the handouts-on builds")
    parser.add_argument(
        "--handouts-max", type=int, default=1000,
        help="largest size with a handouts-on build (filling its cache renders every PDF once)",
    )  # fmt: skip
    parser.add_argument("--keep", type=Path, help="keep each size's data, dump and caches here, and reuse them")
    parser.add_argument("--no-pyodide", dest="pyodide", action="store_false", help="skip the re-plan in Pyodide")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top for the re-plan")
    parser.add_argument("--profile-build", action="store_true", help="print cProfile's top for a guide build")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    rows = []
    print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        if args.keep:
            (args.keep / f"size-{size}").mkdir(parents=True, exist_ok=True)
            rows.append(measure(args.keep / f"size-{size}", size, args))
        else:
            with tempfile.TemporaryDirectory(prefix=f"hg-scale-{size}-") as tmp:
                rows.append(measure(Path(tmp), size, args))
        print(json.dumps({k: v for k, v in rows[-1].items() if not k.endswith("_runs")}), flush=True)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2))
    print(f"load average at end: {os.getloadavg()[0]:.1f}\n")
    print(
        "Medians; the overheads are medians of the run-by-run ratios guide / plain. CPU seconds (user +"
        " system) are steadier than wall time on a shared machine.\n"
    )
    _table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
