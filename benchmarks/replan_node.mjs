// The planner's re-plan in the pinned Pyodide under Node, as the browser's worker runs it.
//
//   node benchmarks/replan_node.mjs SITE_RUNTIME_DIR < REPLAN_CODE.py
//
// Boots Pyodide plainly from a built site's runtime (assets/planner/runtime: the manifest, the
// wheel through the site's pyodide-lock.json, catalog.json), loads the catalog with the worker's
// own entry point, settles the heap as the worker does, then runs the Python text on standard
// input, which defines replan_times(catalog) (benchmarks/build_scale.py REPLAN_CODE), and prints
// its list of milliseconds as JSON on the last line.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = resolve(process.argv[2]);
const manifest = JSON.parse(await readFile(join(runtimeDir, "manifest.json"), "utf8"));
const indexURL = join(runtimeDir, manifest.pyodideDir) + "/";
const appDir = join(runtimeDir, manifest.appDir);
const code = readFileSync(0, "utf8");
const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
const py = await loadPyodide({
  indexURL,
  lockFileURL: join(appDir, manifest.lockfile),
  packages: [manifest.package],
  stdout: () => {},
});
const api = py.pyimport("generator.planner.browser_api");
api.load_catalog_json(await readFile(join(appDir, manifest.catalog), "utf8"));
api.settle();
py.runPython(code);
const times = py.runPython("json.dumps(replan_times(browser_api.catalog()))");
console.log(times);
