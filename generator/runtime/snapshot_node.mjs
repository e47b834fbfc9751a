// Make the planner's Pyodide memory snapshot at build time (called by generator/runtime/bundle.py).
//
//   node generator/runtime/snapshot_node.mjs PYODIDE_DIR APP_DIR OUT.gz
//
// Boots the pinned Pyodide from PYODIDE_DIR with the site-local lockfile in APP_DIR (which
// names the planner wheel), installs the wheel, imports every planner module, parses
// catalog.json, plans the default profile once (so lazy imports and caches are warm), freezes
// what is alive out of the garbage collector's way (browser_api.settle), then writes the memory
// snapshot, without its zero pages, gzipped. The browser restores it with
// loadPyodide({_loadSnapshot}) and is ready to plan at once. Private Pyodide API: package.json
// pins the exact version.
import { readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [pyodideDir, appDir, out] = process.argv.slice(2).map((p) => p && resolve(p));
if (!out) {
  console.error("usage: node planner_snapshot.mjs PYODIDE_DIR APP_DIR OUT.gz");
  process.exit(2);
}

// Half of the memory is zero pages. The file holds only the others, after a small header
// (magic "HGS1", the memory size, the page size, the page count, then one bit per page), so
// the browser inflates half as much and writes each page straight into place.
const PAGE = 65536;

function pack(raw) {
  const count = Math.ceil(raw.length / PAGE);
  const bitmap = new Uint8Array(Math.ceil(count / 8));
  const pages = [];
  for (let i = 0; i < count; i++) {
    const page = raw.subarray(i * PAGE, Math.min(raw.length, (i + 1) * PAGE));
    if (page.some((byte) => byte !== 0)) {
      bitmap[i >> 3] |= 1 << (i & 7);
      pages.push(page);
    }
  }
  const header = new Uint8Array(16);
  const view = new DataView(header.buffer);
  header.set([72, 71, 83, 49]); // "HGS1"
  view.setUint32(4, raw.length, true);
  view.setUint32(8, PAGE, true);
  view.setUint32(12, count, true);
  return Buffer.concat([header, bitmap, ...pages]);
}

const started = performance.now();
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const lock = JSON.parse(await readFile(join(appDir, "pyodide-lock.json"), "utf8"));
const py = await loadPyodide({
  indexURL: pyodideDir + "/",
  lockFileURL: join(appDir, "pyodide-lock.json"),
  _makeSnapshot: true,
});
// Not `packages: [...]`: loadPackage keeps JavaScript references that a snapshot cannot hold.
for (const pkg of Object.values(lock.packages)) {
  py.unpackArchive(new Uint8Array(await readFile(join(appDir, pkg.file_name))), "wheel");
}
py.FS.writeFile("/tmp/catalog.json", await readFile(join(appDir, "catalog.json")));
py.runPython(`
import importlib, pkgutil, os
import generator
for _m in pkgutil.walk_packages(generator.__path__, "generator."):
    importlib.import_module(_m.name)
from generator.planner import browser_api
with open("/tmp/catalog.json", encoding="utf-8") as _f:
    browser_api.load_catalog_json(_f.read())
os.remove("/tmp/catalog.json")
_status = browser_api.plan("{}")
assert _status[0] == "ok", _status
del _f, _m, _status, importlib, pkgutil, os, generator
browser_api.settle()
del browser_api
`);
const raw = py.makeMemorySnapshot();
const gz = gzipSync(pack(raw), { level: 6 });
await writeFile(out + ".tmp", gz);
await rename(out + ".tmp", out);
const ms = Math.round(performance.now() - started);
console.log(`snapshot ${raw.length} bytes, ${gz.length} gzipped, made in ${ms} ms`);
