// Make the planner's memory snapshot: one recipe for the build (Node, generator/runtime/
// snapshot_node.mjs) and for the browser (the planner's worker, after a plain boot on a slow
// link, so that the next visit restores instead of booting).
//
// The recipe: boot Pyodide with `_makeSnapshot`, unpack the wheels (not `packages: [...]`:
// loadPackage keeps JavaScript references that a snapshot cannot hold), import every planner
// module, parse catalog.json, plan the default profile once (so lazy imports and caches are
// warm), freeze what is alive out of the garbage collector's way (browser_api.settle), then
// take the memory without its zero pages ("HGS1", read back by snapshot.mjs). Private Pyodide
// API: package.json pins the exact version.

// Half of the memory is zero pages. The file holds only the others, after a small header
// (magic "HGS1", the memory size, the page size, the page count, then one bit per page), so
// the browser inflates half as much and writes each page straight into place.
const PAGE = 65536;

/** The HGS1 file for a memory image (a Uint8Array). */
export function pack(raw) {
  const count = Math.ceil(raw.length / PAGE);
  const bitmapBytes = Math.ceil(count / 8);
  const kept = [];
  for (let i = 0; i < count; i++) {
    const page = raw.subarray(i * PAGE, Math.min(raw.length, (i + 1) * PAGE));
    if (page.some((byte) => byte !== 0)) kept.push(i);
  }
  const last = kept.length ? raw.length - kept[kept.length - 1] * PAGE : 0;
  const size = 16 + bitmapBytes + Math.max(0, kept.length - 1) * PAGE + Math.min(PAGE, last);
  const out = new Uint8Array(size);
  out.set([72, 71, 83, 49]); // "HGS1"
  const view = new DataView(out.buffer);
  view.setUint32(4, raw.length, true);
  view.setUint32(8, PAGE, true);
  view.setUint32(12, count, true);
  let at = 16 + bitmapBytes;
  for (const i of kept) {
    out[16 + (i >> 3)] |= 1 << (i & 7);
    const page = raw.subarray(i * PAGE, Math.min(raw.length, (i + 1) * PAGE));
    out.set(page, at);
    at += page.length;
  }
  return out;
}

const PREPARE = `
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
`;

/**
 * Boot Pyodide for a snapshot and return the packed memory (HGS1, not compressed).
 *
 * `loadPyodide` is Pyodide's own; `options` its options (indexURL, stdLibURL, lockfile);
 * `wheels` the wheel files' bytes; `catalog` the bytes of catalog.json.
 */
export async function makeSnapshot(loadPyodide, options, wheels, catalog) {
  const py = await loadPyodide({ ...options, _makeSnapshot: true });
  for (const wheel of wheels) py.unpackArchive(wheel, "wheel");
  py.FS.writeFile("/tmp/catalog.json", catalog);
  py.runPython(PREPARE);
  return pack(py.makeMemorySnapshot());
}

// Run as its own worker (named "planner-snapshot-maker"), it makes the snapshot in this
// browser and keeps it in Cache Storage under the snapshot's versioned URL, in the very form
// snapshot.mjs keeps a downloaded one in, then reports {kept: bytes} or {error}.
if (typeof WorkerGlobalScope === "function" && self.name === "planner-snapshot-maker") {
  self.onmessage = async ({ data }) => {
    try {
      const { indexURL, stdLibURL, lockFileContents, wheels, catalog, key, cache } = data;
      const get = async (url) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${response.status} for ${new URL(url).pathname}`);
        return new Uint8Array(await response.arrayBuffer());
      };
      const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
      const packed = await makeSnapshot(
        loadPyodide,
        { indexURL, stdLibURL, lockFileContents, stdout: () => {}, stderr: () => {} },
        await Promise.all(wheels.map(get)),
        await get(catalog),
      );
      const store = await caches.open(cache);
      await store.put(key, new Response(packed, { headers: { "Content-Type": "application/octet-stream" } }));
      for (const request of await store.keys()) if (request.url !== key) await store.delete(request);
      self.postMessage({ kept: packed.length });
    } catch (error) {
      self.postMessage({ error: String(error?.message ?? error) });
    }
    self.close();
  };
}
