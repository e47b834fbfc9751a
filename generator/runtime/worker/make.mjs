// Make the planner's memory snapshot: one recipe for the build (Node, generator/runtime/
// snapshot_node.mjs) and for the browser (the planner's worker, after a plain boot on a slow
// link, so that the next visit restores instead of booting).
//
// The recipe: boot Pyodide with `_makeSnapshot`, unpack the wheels (not `packages: [...]`:
// loadPackage keeps JavaScript references that a snapshot cannot hold), import every planner
// module, parse catalog.json, plan the default profile once (so lazy imports and caches are
// warm), freeze what is alive out of the garbage collector's way (browser_api.settle), then
// take the memory ("HGS2", below; read back by snapshot.mjs). Private Pyodide API: package.json
// pins the exact version.
import { onNextInstance } from "./instance.mjs";

// Half of the memory is zero pages, and a fifth is the module's data as instantiated, left as it
// was by Python's start. The file ("HGS2") holds only the pages that are neither: the memory's
// bytes are XORed with the data image (instance.mjs) first, so unchanged bytes become zeros and
// unchanged pages zero pages (5.1 MB gzipped became 3.6 MB). Its header: magic "HGS2", the size
// of Pyodide's snapshot, the page size, the page count, the length of the data image and
// Pyodide's own magic number, then one bit per page.
const PAGE = 65536;
const HEADER = 24;

/**
 * The HGS2 file for a snapshot (a Uint8Array from makeMemorySnapshot) and the memory image
 * the module was instantiated with (`image`, a Uint8Array; may be empty).
 */
export function pack(snapshot, image) {
  const raw = snapshot.slice();
  const view = new DataView(raw.buffer);
  const magic = view.getUint32(0, true);
  const offset = view.getUint32(4, true); // where Pyodide's header ends and the memory starts
  const length = Math.min(image.length, raw.length - offset);
  for (let i = 0; i < length; i++) raw[offset + i] ^= image[i];
  const count = Math.ceil(raw.length / PAGE);
  const bitmapBytes = Math.ceil(count / 8);
  const kept = [];
  for (let i = 0; i < count; i++) {
    const page = raw.subarray(i * PAGE, Math.min(raw.length, (i + 1) * PAGE));
    if (page.some((byte) => byte !== 0)) kept.push(i);
  }
  const last = kept.length ? raw.length - kept[kept.length - 1] * PAGE : 0;
  const size = HEADER + bitmapBytes + Math.max(0, kept.length - 1) * PAGE + Math.min(PAGE, last);
  const out = new Uint8Array(size);
  out.set([72, 71, 83, 50]); // "HGS2"
  const head = new DataView(out.buffer);
  head.setUint32(4, raw.length, true);
  head.setUint32(8, PAGE, true);
  head.setUint32(12, count, true);
  head.setUint32(16, length, true);
  head.setUint32(20, magic, true);
  let at = HEADER + bitmapBytes;
  for (const i of kept) {
    out[HEADER + (i >> 3)] |= 1 << (i & 7);
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
 * Boot Pyodide for a snapshot and return the packed memory (HGS2, not compressed).
 *
 * `loadPyodide` is Pyodide's own; `options` its options (indexURL, stdLibURL, lockfile);
 * `wheels` the wheel files' bytes; `catalog` the bytes of catalog.json.
 */
export async function makeSnapshot(loadPyodide, options, wheels, catalog) {
  let image = new Uint8Array(0);
  onNextInstance((memory) => (image = dataImage(memory)));
  const py = await loadPyodide({ ...options, _makeSnapshot: true });
  for (const wheel of wheels) py.unpackArchive(wheel, "wheel");
  py.FS.writeFile("/tmp/catalog.json", catalog);
  py.runPython(PREPARE);
  return pack(py.makeMemorySnapshot(), image);
}

/** A copy of the memory as instantiated, up to its last non-zero byte. */
function dataImage(memory) {
  const words = new Uint32Array(memory.buffer, memory.byteOffset, memory.byteLength >> 2);
  let end = words.length;
  while (end > 0 && words[end - 1] === 0) end--;
  return memory.slice(0, end * 4);
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
