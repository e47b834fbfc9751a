// Make the planner's Pyodide memory snapshot at build time (called by generator/runtime/bundle.py).
//
//   node generator/runtime/snapshot_node.mjs PYODIDE_DIR APP_DIR OUT.gz
//
// Boots the pinned Pyodide from PYODIDE_DIR with the site-local lockfile in APP_DIR (which
// names the planner wheel) and APP_DIR's trimmed standard library (stdlib_node.mjs), follows
// the recipe in worker/make.mjs (the one the browser follows too), and writes the packed
// memory gzipped. The browser restores it with loadPyodide({_loadSnapshot}) and is ready to
// plan at once.
import { access, readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { makeSnapshot } from "./worker/make.mjs";

const [pyodideDir, appDir, out] = process.argv.slice(2).map((p) => p && resolve(p));
if (!out) {
  console.error("usage: node snapshot_node.mjs PYODIDE_DIR APP_DIR OUT.gz");
  process.exit(2);
}

const started = performance.now();
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const lock = JSON.parse(await readFile(join(appDir, "pyodide-lock.json"), "utf8"));
const stdlib = join(appDir, "python_stdlib.zip");
const options = { indexURL: pyodideDir + "/", lockFileURL: join(appDir, "pyodide-lock.json") };
if (await access(stdlib).then(() => true, () => false)) options.stdLibURL = stdlib;
const wheels = await Promise.all(Object.values(lock.packages).map(async (p) => new Uint8Array(await readFile(join(appDir, p.file_name)))));
const packed = await makeSnapshot(loadPyodide, options, wheels, await readFile(join(appDir, "catalog.json")));
const gz = gzipSync(packed, { level: 6 });
await writeFile(out + ".tmp", gz);
await rename(out + ".tmp", out);
const ms = Math.round(performance.now() - started);
console.log(`snapshot ${packed.length} bytes packed, ${gz.length} gzipped, made in ${ms} ms`);
