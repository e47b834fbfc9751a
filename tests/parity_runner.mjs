// Plan many profiles with the built site's own Pyodide files, in one Node process.
//
//   node tests/parity_runner.mjs SITE_RUNTIME_DIR PROFILES.json OUT.json
//
// PROFILES.json is a list of profile JSON texts. OUT.json gets {snapshot: [...], plain: [...]}:
// for each profile, [status, field or "", plan text or message], once from the build's memory
// snapshot (what browsers restore on a first visit), once from the same snapshot read the way
// later visits read their kept, inflated copy (placeSnapshot), and once from a plain boot that installs the wheel through
// the site-local pyodide-lock.json and parses catalog.json (the browsers' fallback).
// snapshotView and plainView hold browser_api.view for each profile: the element tree the page shows.
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const [runtimeDir, profilesPath, outPath] = process.argv.slice(2).map((p) => resolve(p));
const manifest = JSON.parse(await readFile(join(runtimeDir, "manifest.json"), "utf8"));
const indexURL = join(runtimeDir, manifest.pyodideDir) + "/";
const appDir = join(runtimeDir, manifest.appDir);
const lockFileURL = join(appDir, manifest.lockfile);
// The planner's own standard library, as the browser mounts it (null: Pyodide's whole one).
const stdLibURL = manifest.stdlib ? join(appDir, manifest.stdlib) : undefined;
const profiles = JSON.parse(await readFile(profilesPath, "utf8"));
const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
// The browser's own snapshot reader, from the built site.
const { placeSnapshot, readSnapshot, restoring } = await import(pathToFileURL(join(runtimeDir, "..", "snapshot.mjs")).href);

// `call` is "plan" (the plan JSON) or "view" (the page's element tree, what the worker sends).
function planAll(py, call = "plan") {
  const api = py.pyimport("generator.planner.browser_api");
  return profiles.map((text) => {
    const result = api[call](text);
    const out = result.toJs();
    result.destroy();
    return out;
  });
}

const out = { manifest };
if (manifest.snapshot) {
  const gzipped = await readFile(join(appDir, manifest.snapshot));
  const inflated = new Uint8Array(gunzipSync(gzipped));
  // Restored without its data image put back (no `restoring`), a snapshot must fail, not run.
  out.unarmedRefused = await loadPyodide({ indexURL, stdLibURL, lockFileURL, _loadSnapshot: placeSnapshot(inflated).memory })
    .then(() => false, (error) => /magic/i.test(String(error.message)));
  const snapshot = await readSnapshot(new Response(gzipped));
  const streamed = snapshot.memory.slice();
  const restored = await loadPyodide({ indexURL, stdLibURL, lockFileURL, _loadSnapshot: restoring(snapshot) });
  out.snapshot = planAll(restored);
  out.snapshotView = planAll(restored, "view");
  const placed = placeSnapshot(inflated);
  out.placedEqualsStreamed = placed.memory.length === streamed.length && placed.memory.every((byte, i) => byte === streamed[i]);
  out.truncatedRefused = [inflated.subarray(0, inflated.length - 1), inflated.subarray(0, 10)].map((bytes) => {
    try {
      placeSnapshot(bytes);
      return false;
    } catch {
      return true;
    }
  });
  out.kept = planAll(await loadPyodide({ indexURL, stdLibURL, lockFileURL, _loadSnapshot: restoring(placed) }));
}
const py = await loadPyodide({ indexURL, stdLibURL, lockFileURL, packages: [manifest.package], stdout: () => {} });
py.pyimport("generator.planner.browser_api").load_catalog_json(await readFile(join(appDir, manifest.catalog), "utf8"));
out.plain = planAll(py);
out.plainView = planAll(py, "view");
await writeFile(outPath, JSON.stringify(out));
