"""Planner startup benchmark: time from navigation to the first plan computed by Python.

    python benchmarks/planner_startup.py [SITE_DIR] [--runs N] [--profiles loopback,50,20,5]

Serves a built site (default `site/`, built beforehand with `mkdocs build`) from a temporary
copy on 127.0.0.1 and drives Debian's Chromium headless. For the planner page and for a naive
page added to the copy (the same Pyodide files, wheel and catalog, booted on the main thread,
then the same planner), it reports the median over N runs of:

- cold: a new browser profile, from navigation start to the first Python-computed plan;
- warm: a second visit in the same profile;
- re-plan: from a form change to the new plan on screen, for five changes one after another
  starting a second after the first plan (median, and the slowest of all runs; naive: one more
  planner call, with no rendering);
- bytes: what the server sent during the cold visit.

The naive page is the built planner page itself with its scripts swapped for a main-thread
boot (same theme, same content), so both carry the same page weight.
It also checks that the guide's other pages download no Python runtime until a link to the
planner is hovered. The server acts as a production host: `Cache-Control: immutable` for
the versioned runtime directories and `no-cache` (answered with 304 when unchanged) for
everything else, gzip for compressible types (JavaScript, WebAssembly, text; not the zip or
gzip files), for both pages. `--profiles` picks network profiles (default: loopback, 50, 20
and 5 Mbit/s with 40 ms): the server itself delays each response by the latency and paces
everything it writes through one shared link of that bandwidth, since Chromium's network
emulation did not slow the downloads of a page's Web Worker.
Each visit opens a new tab and lets it settle (SETTLE_MS) before navigating. Prints a Markdown
table with the ratios of the medians and run by run. Nothing is timed by the test suite; these
are numbers for the README.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RUNTIME = "/assets/planner/runtime/"

# What many sites do: the same page, but Pyodide booted on the main thread once the page's
# scripts run, then the wheel and the catalog loaded, then the planner called. A module file
# beside the page (naive-planner/naive.mjs): the pages' Content-Security-Policy allows no
# inline script.
NAIVE_MODULE = """
const base = new URL("../assets/planner/runtime/", location.href);
const manifest = await (await fetch(new URL("manifest.json", base))).json();
const indexURL = new URL(manifest.pyodideDir, base).href;
const app = new URL(manifest.appDir, base);
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const py = await loadPyodide({ indexURL, lockFileURL: new URL(manifest.lockfile, app).href });
await py.loadPackage(new URL(manifest.wheel, app).href, { messageCallback: () => {} });
const api = py.pyimport("generator.planner.browser_api");
api.load_catalog_json(await (await fetch(new URL(manifest.catalog, app))).text());
const first = api.plan("{}").toJs();
window.naive = { firstPlan: performance.now(), length: first[2].length };
const t = performance.now();
api.plan('{"level": "advanced"}').toJs();
window.naive.replanMs = performance.now() - t;
"""


def naive_page(planner_html: str) -> str:
    """The built planner page with its worker scripts swapped for a main-thread Pyodide boot.

    The theme's bundle, which the planner page runs after its first plan, runs as usual.
    """
    # The page's markup comes from overrides/main.html: the theme bundle's loader holds the
    # bundle's address in data-bundle, the head's start script follows the manifest's JSON.
    html = re.sub(
        r'<script src="[^"]*theme-later\.js" data-bundle="([^"]+)"></script>',
        r'<script src="\1"></script>',
        planner_html,
    )
    html = re.sub(r'<script type="application/json" id="hg-planner-manifest">[^<]*</script>', "", html)
    html = re.sub(r'<script src="[^"]*assets/planner/start\.js"[^>]*></script>', "", html)
    html = re.sub(r'<script src="[^"]*assets/planner/planner.js" type="module"></script>', "", html)
    # warmup.js imports planner.js on any page with the planner's form, and the worker with it.
    html = re.sub(r'<script src="[^"]*assets/javascripts/warmup.js" type="module"></script>', "", html)
    if any(name in html for name in ("theme-later.js", "hg-planner-manifest", "start.js", "planner.js", "warmup.js")):
        raise RuntimeError("could not take the planner scripts out of the page for the naive variant")
    return html.replace("</body>", '<script type="module" src="naive.mjs"></script></body>')


# Answers changed one after another, as a person would: each from the one before.
CHANGES = [
    ("level", "advanced"),
    ("goal", "endurance"),
    ("emphasis", "glutes"),
    ("level", "beginner"),
    ("goal", "power"),
]

REPLAN_JS = """async ([name, value]) => {
  const root = document.getElementById("hg-planner");
  const input = root.querySelector(`input[name="${name}"][value="${value}"]`);
  const done = new Promise((resolve) => root.addEventListener("planner:plan", resolve, { once: true }));
  const t = performance.now();
  input.click();
  await done;
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return performance.now() - t;
}"""

# Chromium builds a new tab's omnibox popup (a WebUI page of its own) as the tab opens: about
# half a second of CPU on this two-core machine, which would otherwise land inside the first
# second of whichever page is measured. Every visit opens its tab and lets it settle first.
SETTLE_MS = 1500


# Network profiles: (name, Mbit/s or None, latency in ms). The link is emulated in the server,
# which delays each response by the latency and paces all it writes through one shared link:
# Chromium's own emulation did not slow a worker's downloads (README).
PROFILES = {
    "loopback": ("loopback", None, 0),
    "50": ("50 Mbit/s, 40 ms", 50.0, 40),
    "20": ("20 Mbit/s, 40 ms", 20.0, 40),
    "5": ("5 Mbit/s, 40 ms", 5.0, 40),
}
# What production static hosts compress (WebAssembly and JavaScript, text; not zip or gzip files).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/wasm", "image/svg+xml")
CHUNK = 16 * 1024
# Issue 14's targets for the cold visit's ratio, by profile (warm: 0.3 everywhere).
COLD_TARGET = {"loopback": 0.3, "50 Mbit/s, 40 ms": 0.6}


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, directory: Path) -> None:
        self.sent: list[tuple[str, int]] = []
        self.lock = threading.Lock()
        self.mbit: float | None = None
        self.latency_ms = 0
        self.link_free = 0.0  # when the emulated link has sent everything queued so far
        self.gzipped: dict[str, bytes] = {}
        super().__init__(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))

    def pace(self, size: int) -> None:
        """Wait until `size` more bytes have passed through the emulated link."""
        if not self.mbit:
            return
        with self.lock:
            start = max(time.monotonic(), self.link_free)
            self.link_free = start + size * 8 / (self.mbit * 1e6)
            until = self.link_free
        time.sleep(max(0.0, until - time.monotonic()))


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }
    protocol_version = "HTTP/1.1"

    def end_headers(self) -> None:
        path = self.path.split("?")[0]
        immutable = path.startswith(RUNTIME) and not path.endswith("manifest.json")
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        """Like a production host: gzip for compressible types, 304 for unchanged files, paced."""
        server: _Server = self.server  # type: ignore[assignment]
        if server.latency_ms:
            time.sleep(server.latency_ms / 1000)
        local = Path(self.translate_path(self.path))
        if local.is_dir() and self.path.split("?")[0].endswith("/"):
            local = local / "index.html"
        if not local.is_file():
            return super().do_GET()  # redirects and 404s as usual
        ctype = self.guess_type(str(local))
        stamp = self.date_time_string(int(local.stat().st_mtime))
        if self.headers.get("If-Modified-Since") == stamp:
            self.send_response(304)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = local.read_bytes()
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSIBLE)
        if gzip_ok:
            key = str(local)
            if key not in server.gzipped:
                server.gzipped[key] = gzip.compress(body, 6)
            body = server.gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", stamp)
        if gzip_ok:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        for at in range(0, len(body), CHUNK):
            piece = body[at : at + CHUNK]
            server.pace(len(piece))
            self.wfile.write(piece)
        with server.lock:
            server.sent.append((self.path, len(body)))


# After a plain boot (a slow first visit), the worker makes this browser's own snapshot once
# the person has their plan and the worker has warmed up (worker.mjs, makeAndKeep): a person
# reading the plan keeps the page open that long, so the cold visit waits for it (at most
# LINGER_MS) before the warm visit; the time it took is reported with the results.
LINGER_JS = "() => window.planner.boot.mode !== 'plain' || window.planner.kept !== null"
LINGER_MS = 90_000
STATE_JS = """() => ({state: document.getElementById("hg-planner")?.dataset.plannerState ?? null,
  status: document.querySelector(".hg-planner__status-text")?.textContent ?? null,
  boot: window.planner?.boot ?? null, naive: window.naive ?? null})"""


def _visit(context, url: str, ready_js: str, value_js: str, linger_js: str = "") -> float:
    page = context.new_page()
    page.wait_for_timeout(SETTLE_MS)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    try:
        page.wait_for_function(ready_js, timeout=120_000)
    except Exception as error:  # what the page showed, for the report
        state = page.evaluate(STATE_JS)
        raise RuntimeError(f"{url} never planned: {state}; console errors: {errors}") from error
    value = page.evaluate(value_js)
    if linger_js:
        page.wait_for_function(linger_js, timeout=LINGER_MS)
    page.close()
    if errors:
        raise RuntimeError(f"console errors on {url}: {errors}")
    return float(value)


def _measure(pw, server: _Server, base: str, kind: str) -> dict[str, float]:
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    context = pw.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", args=FLAGS)
    try:
        if kind == "planner":
            url, ready = base + "planner/", "() => window.planner?.timings.firstPlan > 0"
            value = "() => window.planner.timings.firstPlan"
        else:
            url, ready = base + "naive-planner/", "() => window.naive?.replanMs !== undefined"
            value = "() => window.naive.firstPlan"
        server.sent.clear()
        cold = _visit(context, url, ready, value, LINGER_JS if kind == "planner" else "")
        cold_bytes = sum(n for _, n in server.sent)
        server.sent.clear()
        warm = _visit(context, url, ready, value)
        warm_bytes = sum(n for _, n in server.sent)
        page = context.new_page()
        page.wait_for_timeout(SETTLE_MS)
        page.goto(url)
        page.wait_for_function(ready, timeout=120_000)
        if kind == "planner":
            replans = []
            page.wait_for_timeout(1000)  # a person reads the first plan before changing an answer
            for change in CHANGES:
                replans.append(page.evaluate(REPLAN_JS, list(change)))
                page.wait_for_timeout(300)
        else:
            replans = [page.evaluate("() => window.naive.replanMs")]
        page.close()
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    return {
        "cold": cold,
        "warm": warm,
        "replan": statistics.median(replans),
        "replan_max": max(replans),
        "cold_bytes": cold_bytes,
        "warm_bytes": warm_bytes,
    }


def _other_pages(pw, server: _Server, base: str) -> dict[str, object]:
    """Which runtime bytes the other pages fetch: none, until a planner link is hovered."""
    context = pw.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="bench-profile-"), executable_path="/usr/bin/chromium", args=FLAGS
    )
    try:
        page = context.new_page()
        server.sent.clear()
        for path in ("", "exercises/", "exercises/glute-bridge/", "muscles/gluteus-maximus/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        before = [p for p, _ in server.sent if p.startswith(RUNTIME)]
        link = page.locator('a[href$="planner/"]').first
        hovered: list[str] = []
        if link.count():
            link.hover()
            page.wait_for_timeout(1500)
            hovered = [p for p, _ in server.sent if p.startswith(RUNTIME)]
    finally:
        context.close()
    return {"runtime_requests_before_hover": before, "runtime_requests_after_hover": len(hovered)}


def _report(title: str, results: dict[str, list[dict[str, float]]], runs: int, others: dict | None) -> dict:
    med = {k: {m: statistics.median(r[m] for r in rs) for m in rs[0]} for k, rs in results.items()}
    p, n = med["planner"], med["naive"]
    # Ratios run by run (each planner visit against the naive one measured next to it).
    pairs = list(zip(results["planner"], results["naive"], strict=True))
    ratios = {m: [a[m] / b[m] for a, b in pairs] for m in ("cold", "warm")}
    spread = lambda m: f"{min(ratios[m]):.2f} to {max(ratios[m]):.2f}"  # noqa: E731
    worst = max(r["replan_max"] for r in results["planner"])
    mb = lambda b: f"{b / 1e6:.1f} MB"  # noqa: E731
    rows = [
        (
            "Cold: navigation to first plan",
            f"{p['cold']:.0f} ms",
            f"{n['cold']:.0f} ms",
            f"{p['cold'] / n['cold']:.2f}",
            spread("cold"),
            f"≤ {COLD_TARGET.get(title, 0.7):.1f}",
        ),
        (
            "Warm: second visit",
            f"{p['warm']:.0f} ms",
            f"{n['warm']:.0f} ms",
            f"{p['warm'] / n['warm']:.2f}",
            spread("warm"),
            "≤ 0.3",
        ),
        (
            "Re-plan after a form change",
            f"{p['replan']:.1f} ms (slowest of {runs * len(CHANGES)}: {worst:.1f} ms)",
            f"{n['replan']:.1f} ms",
            "",
            "",
            "< 50 ms",
        ),
        ("Bytes sent, cold visit", mb(p["cold_bytes"]), mb(n["cold_bytes"]), "", "", ""),
        ("Bytes sent, warm visit", mb(p["warm_bytes"]), mb(n["warm_bytes"]), "", "", ""),
    ]
    print(f"\n{title}: medians of {runs} runs, headless Chromium, served with gzip by the benchmark's server:\n")
    print(
        "| | Planner page (worker + snapshot) | Naive page (main thread) | Ratio of medians "
        "| Ratio, run by run | Target |"
    )
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if others is None:
        return med
    before = others["runtime_requests_before_hover"]
    print(
        f"\nOther pages (home, exercises, an exercise, a muscle): {len(before)} runtime requests; "
        f"hovering a link to the planner then starts {others['runtime_requests_after_hover']}."
    )
    return med


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="a built site (default: site/)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (default: 5)")
    parser.add_argument("--json", help="also write the raw numbers to this file")
    parser.add_argument("--profiles", default="loopback,50,20,5", help=f"network profiles, of {', '.join(PROFILES)}")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "planner" / "index.html").is_file():
        print(f"error: {site} holds no built planner page; run `mkdocs build` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy)
        (copy / "naive-planner").mkdir()
        planner_html = (site / "planner" / "index.html").read_text(encoding="utf-8")
        (copy / "naive-planner" / "index.html").write_text(naive_page(planner_html), encoding="utf-8")
        (copy / "naive-planner" / "naive.mjs").write_text(NAIVE_MODULE, encoding="utf-8")
        server = _Server(copy)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        profiles: dict[str, dict[str, list[dict[str, float]]]] = {}
        others: dict | None = None
        try:
            with sync_playwright() as pw:
                for name in args.profiles.split(","):
                    _, server.mbit, server.latency_ms = PROFILES[name]
                    server.link_free = 0.0
                    results: dict[str, list[dict[str, float]]] = {"planner": [], "naive": []}
                    profiles[name] = results
                    for run in range(args.runs):
                        # Alternate which page goes first, so neither always meets a fresher machine.
                        for kind in ("planner", "naive") if run % 2 == 0 else ("naive", "planner"):
                            results[kind].append(_measure(pw, server, base, kind))
                        print(
                            f"{name} run {run + 1}/{args.runs}: "
                            + ", ".join(
                                f"{k} cold {r[-1]['cold']:.0f} ms warm {r[-1]['warm']:.0f} ms"
                                for k, r in results.items()
                            ),
                            file=sys.stderr,
                        )
                server.mbit, server.latency_ms = None, 0
                others = _other_pages(pw, server, base)
        finally:
            server.shutdown()
    all_medians = {}
    for name in args.profiles.split(","):
        all_medians[name] = _report(
            PROFILES[name][0], profiles[name], args.runs, others if name == "loopback" else None
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"runs": profiles, "medians": all_medians, "other_pages": others}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
