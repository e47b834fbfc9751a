// Read the build's memory snapshot: a gzipped "HGS2" file (see make.mjs) that holds only the
// 64 KiB pages of Pyodide's memory that are neither zero nor the module's data as instantiated.
// Inflated bytes are written straight into place as they stream in, so no 31 MB intermediate
// copy is ever made; the copy kept in Cache Storage is read whole and placed one run of pages at
// a time (placeSnapshot). Either gives {memory, image}: Pyodide's snapshot with its data still
// XORed and its magic number zeroed, so that it restores only once `restoring` has put the data
// back, as the module is instantiated (a restore without it fails loudly, never half-right).
//
// Inflating 15 MB costs a few hundred milliseconds on a busy two-core machine, every visit:
// so the first visit also keeps the inflated file in Cache Storage (this browser only, named
// by the snapshot's versioned URL), and later visits read that instead, with no helper worker.
import { onNextInstance } from "./instance.mjs";

const MAGIC = [72, 71, 83, 50]; // "HGS2"
const HEADER = 24;
/** The Cache Storage cache that holds the inflated snapshot (one entry: this build's). */
export const KEPT_CACHE = "hipguide-planner-snapshot";
const CACHE = KEPT_CACHE;

/** The header of an HGS2 file: sizes, the data image's length, Pyodide's magic, the pages' offsets. */
function readHeader(head) {
  if (!MAGIC.every((byte, i) => head[i] === byte)) throw new Error("not a planner snapshot");
  const view = new DataView(head.buffer, head.byteOffset);
  const size = view.getUint32(4, true);
  const pageSize = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const image = { length: view.getUint32(16, true), magic: view.getUint32(20, true) };
  const bitmapEnd = HEADER + Math.ceil(count / 8);
  if (head.length < bitmapEnd) return null;
  const slots = []; // byte offsets of the kept pages, in file order
  for (let i = 0; i < count; i++) if (head[HEADER + (i >> 3)] & (1 << (i & 7))) slots.push(i * pageSize);
  return { size, pageSize, slots, bitmapEnd, image };
}

/** Pyodide's snapshot, unusable until `restoring` (its magic number is kept aside). */
function unarmed(memory, image) {
  new DataView(memory.buffer).setUint32(0, 0, true);
  return { memory, image };
}

/**
 * The snapshot image from the whole (inflated) HGS2 file in one buffer: one copy per run of
 * consecutive kept pages, instead of one per streamed chunk.
 */
export function placeSnapshot(bytes) {
  const header = bytes.length >= HEADER ? readHeader(bytes) : null;
  if (!header) throw new Error("snapshot truncated");
  const { size, pageSize, slots, bitmapEnd, image } = header;
  const last = slots.length ? Math.min(pageSize, size - slots[slots.length - 1]) : 0;
  if (bytes.length !== bitmapEnd + Math.max(0, slots.length - 1) * pageSize + last) throw new Error("snapshot truncated");
  const memory = new Uint8Array(size);
  let from = bitmapEnd;
  for (let i = 0; i < slots.length; ) {
    let j = i + 1;
    while (j < slots.length && slots[j] === slots[j - 1] + pageSize) j++;
    const length = Math.min(slots[j - 1] + pageSize, size) - slots[i];
    memory.set(bytes.subarray(from, from + length), slots[i]);
    from += length;
    i = j;
  }
  return unarmed(memory, image);
}

/**
 * The memory to hand Pyodide (`_loadSnapshot`) for a snapshot from placeSnapshot or
 * readSnapshot: as the module is instantiated, its data image is XORed back into the memory's
 * first bytes and the magic number put back. Call it just before loadPyodide, in the thread
 * that runs Pyodide.
 */
export function restoring({ memory, image }) {
  onNextInstance((instantiated) => {
    const offset = new DataView(memory.buffer).getUint32(4, true);
    const length = Math.min(image.length, instantiated.length, memory.length - offset);
    const words = length >> 2;
    if (offset % 4 === 0) {
      const into = new Uint32Array(memory.buffer, offset, words);
      const from = new Uint32Array(instantiated.buffer, 0, words);
      for (let i = 0; i < words; i++) into[i] ^= from[i];
    } else {
      for (let i = 0; i < words * 4; i++) memory[offset + i] ^= instantiated[i];
    }
    for (let i = words * 4; i < length; i++) memory[offset + i] ^= instantiated[i];
    new DataView(memory.buffer).setUint32(0, image.magic, true);
  });
  return memory;
}

/** The snapshot image ({memory, image}) from a stream of the (inflated) HGS2 file. */
export async function parseSnapshot(stream) {
  const reader = stream.getReader();
  let head = new Uint8Array(0);
  let memory = null;
  let image = null;
  let slots = null;
  let pageSize = 0;
  let slot = 0;
  let within = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let chunk = value;
    if (!memory) {
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      head = joined;
      if (head.length < HEADER) continue;
      const header = readHeader(head);
      if (!header) continue;
      ({ pageSize, slots, image } = header);
      memory = new Uint8Array(header.size);
      chunk = head.subarray(header.bitmapEnd);
      head = null;
    }
    let at = 0;
    while (at < chunk.length) {
      if (slot >= slots.length) throw new Error("snapshot longer than its header says");
      const take = Math.min(chunk.length - at, pageSize - within, memory.length - slots[slot] - within);
      memory.set(chunk.subarray(at, at + take), slots[slot] + within);
      at += take;
      within += take;
      if (within === pageSize || slots[slot] + within === memory.length) {
        slot += 1;
        within = 0;
      }
    }
  }
  if (!memory || slot !== slots.length) throw new Error("snapshot truncated");
  return unarmed(memory, image);
}

function inflate(response) {
  if (typeof DecompressionStream !== "function") throw new Error("DecompressionStream is not supported");
  return response.body.pipeThrough(new DecompressionStream("gzip"));
}

/** The snapshot image ({memory, image}) from a `Response` holding the gzipped HGS2 file. */
export async function readSnapshot(response) {
  return parseSnapshot(inflate(response));
}

// Cache Storage exists only in secure contexts (https, or localhost) and may be switched off:
// every use of it is optional, and any failure means "read the network copy".
async function openCache() {
  try {
    return typeof caches === "object" ? await caches.open(CACHE) : null;
  } catch {
    return null;
  }
}

/** The snapshot image from the inflated copy kept by an earlier visit, or null if there is none. */
export async function readKept(url) {
  const cache = await openCache();
  const kept = await cache?.match(url).catch(() => null);
  if (!kept?.body) return null;
  try {
    // Read whole: a blob from Cache Storage arrives in one piece, with no per-chunk work.
    return placeSnapshot(new Uint8Array(await kept.arrayBuffer()));
  } catch {
    cache.delete(url).catch(() => {}); // unusable: inflate the network copy again
    return null;
  }
}

/** Keep the inflated file (a stream) for later visits, dropping copies of other versions. */
async function keepInflated(url, stream) {
  const cache = await openCache();
  if (!cache) return stream.cancel();
  await cache.put(url, new Response(stream, { headers: { "Content-Type": "application/octet-stream" } }));
  for (const request of await cache.keys()) if (request.url !== url) await cache.delete(request);
}

async function fetchAndInflate(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${new URL(url).pathname}`);
  const [mine, kept] = inflate(response).tee();
  const keeping = keepInflated(url, kept).catch(() => {});
  return { snapshot: await parseSnapshot(mine), keeping };
}

// Run as its own worker (named "planner-snapshot"), it reads one snapshot and hands the memory
// image back without a copy, so the inflating happens on another core while the planner's
// worker parses Pyodide; it closes once the inflated copy is kept.
if (typeof WorkerGlobalScope === "function" && self.name === "planner-snapshot") {
  self.onmessage = async ({ data: url }) => {
    try {
      const { snapshot, keeping } = await fetchAndInflate(url);
      self.postMessage({ snapshot }, [snapshot.memory.buffer]);
      await keeping;
    } catch (error) {
      self.postMessage({ error: String(error.message ?? error) });
    }
    self.close();
  };
}

function inflateAside(url) {
  let helper;
  try {
    helper = new Worker(new URL("./snapshot.mjs", import.meta.url), { type: "module", name: "planner-snapshot" });
  } catch {
    return fetchAndInflate(url).then(({ snapshot }) => snapshot);
  }
  return new Promise((resolve, reject) => {
    helper.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data.snapshot));
    helper.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`the snapshot reader could not start${event.message ? `: ${event.message}` : ""}`));
    };
    helper.postMessage(String(url));
  });
}

/**
 * The snapshot image ({memory, image}) for the build's snapshot at `url`, fetched and inflated
 * in a helper worker (which keeps the inflated copy for later visits: readKept).
 */
export function fetchSnapshot(url) {
  return inflateAside(String(url));
}
