// Check programs with the built site's own Pyodide files, in one Node process.
//
//   node tests/program_parity_runner.mjs SITE_RUNTIME_DIR PROGRAMS.json OUT.json
//
// PROGRAMS.json is a list of program JSON texts; OUT.json gets, for each, what the browser's
// worker gets from browser_api.program("sheet", text): [status, field or "", JSON or message].
// The runtime boots from the build's memory snapshot when there is one (what browsers do), or
// plainly through the site-local lockfile.
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, programsPath, outPath] = process.argv.slice(2).map((p) => resolve(p));
const manifest = JSON.parse(await readFile(join(runtimeDir, "manifest.json"), "utf8"));
const indexURL = join(runtimeDir, manifest.pyodideDir) + "/";
const appDir = join(runtimeDir, manifest.appDir);
const lockFileURL = join(appDir, manifest.lockfile);
// The planner's own standard library, as the browser mounts it (null: Pyodide's whole one).
const stdLibURL = manifest.stdlib ? join(appDir, manifest.stdlib) : undefined;
const programs = JSON.parse(await readFile(programsPath, "utf8"));
const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL, stdLibURL, lockFileURL, packages: [manifest.package], stdout: () => {} });
const api = py.pyimport("generator.planner.browser_api");
api.load_catalog_json(await readFile(join(appDir, manifest.catalog), "utf8"));
const out = programs.map((text) => {
  const result = api.program("sheet", text, "{}");
  const value = result.toJs();
  result.destroy();
  return value;
});
await writeFile(outPath, JSON.stringify(out));
