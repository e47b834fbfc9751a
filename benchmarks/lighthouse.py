"""Lighthouse on the guide's pages, side by side with plain mkdocs-material pages of the same text.

usage: python benchmarks/lighthouse.py [--runs 1] [--pages PATH,PATH] [--json FILE]

Builds the site twice into temporary folders: the guide as it is, and a plain mkdocs-material
site (search plugin only, same theme, extensions and navigation) of the very Markdown pages
the guide generated (benchmarks/build_scale.py's dump). Serves both on 127.0.0.1 the way a
production host does (gzip, immutable versioned files: benchmarks/planner_startup.py's
server) and runs Lighthouse 12 (installed on demand into .cache/lighthouse with
`npm install --prefix`, so the test suite's `npm ci` stays small) on each page of each site in
turn, in one run. Prints performance, accessibility and best-practices scores, the guide's
beside the plain page's, with the medians over `--runs`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.build_scale import DUMP_HOOK, _build, _guide_config, _plain_config  # noqa: E402
from benchmarks.planner_startup import _Server  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"  # 12.x is the last line for Node 20
PREFIX = REPO / ".cache" / "lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = [
    "",
    "exercises/hip-thrust/",
    "muscles/gluteus-maximus/",
    "exercises/",
    "muscles/",
    "plans/desk-worker/",
    "planner/",
    "program/",
]
CATEGORIES = ("performance", "accessibility", "best-practices")
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint", "tbt": "total-blocking-time",
           "cls": "cumulative-layout-shift", "si": "speed-index"}


def _install() -> None:
    if CLI.exists():
        return
    PREFIX.mkdir(parents=True, exist_ok=True)
    print(f"installing {LIGHTHOUSE} into {PREFIX}", file=sys.stderr)
    subprocess.run(
        ["npm", "install", "--prefix", str(PREFIX), "--no-save", "--no-audit", "--no-fund", LIGHTHOUSE],
        check=True,
    )


def _lighthouse(url: str) -> dict[str, float]:
    flags = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
    proc = subprocess.run(
        ["node", str(CLI), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    report = json.loads(proc.stdout)
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    failed = [
        a for c in ("accessibility", "best-practices") for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] and (a := report["audits"][ref["id"]]).get("score") not in (1, None)
    ]  # fmt: skip
    scores["failing"] = sorted({a["id"] for a in failed})  # type: ignore[assignment]
    scores["kib"] = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    for key, audit in METRICS.items():  # what the performance score is made of, in ms (CLS unitless)
        scores[key] = report["audits"][audit]["numericValue"]
    return scores


def _serve(site: Path) -> tuple[_Server, str]:
    server = _Server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--pages", help="comma-separated paths (default: one page of each kind)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    _install()
    print(f"load average at start: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="hg-lighthouse-") as tmp:
        work = Path(tmp)
        (work / "hook.py").write_text(DUMP_HOOK, encoding="utf-8")
        _build(
            _guide_config(REPO / "data", handouts=False, cache=REPO / ".cache", hooks=[str(work / "hook.py")]),
            work / "guide", env={"HG_DUMP": str(work / "dump")},
        )  # fmt: skip
        docs = work / "dump" / "docs"
        shutil.copytree(REPO / "docs", docs, dirs_exist_ok=True)
        nav = json.loads((work / "dump" / "nav.json").read_text())
        _build(_plain_config(docs, nav), work / "plain")
        paths = args.pages.split(",") if args.pages else PAGES
        paths = [p for p in paths if (work / "guide" / p / "index.html").is_file()]
        guide, guide_url = _serve(work / "guide")
        plain, plain_url = _serve(work / "plain")
        results: dict[str, dict[str, list[dict]]] = {p: {"guide": [], "plain": []} for p in paths}
        try:
            for _ in range(args.runs):
                for path in paths:  # the two versions of a page one after the other
                    results[path]["guide"].append(_lighthouse(guide_url + path))
                    results[path]["plain"].append(_lighthouse(plain_url + path))
                    print(path or "/", results[path]["guide"][-1], results[path]["plain"][-1], file=sys.stderr)
        finally:
            guide.shutdown()
            plain.shutdown()
    print(f"load average at end: {os.getloadavg()[0]:.1f}\n", file=sys.stderr)
    print("| Page | Performance, guide / plain | Accessibility | Best practices | KiB sent, guide / plain | Failing |")
    print("|---|---|---|---|---|---|")
    med = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
    for path, kinds in results.items():
        g, p = kinds["guide"], kinds["plain"]
        cells = [f"{med(g, c):.2f} / {med(p, c):.2f}" for c in CATEGORIES]
        failing = ", ".join(sorted({f for r in g for f in r["failing"]})) or "none"
        print(f"| {path or '/'} | {' | '.join(cells)} | {med(g, 'kib'):.0f} / {med(p, 'kib'):.0f} | {failing} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
