// Read the build's memory snapshot: a gzipped "HGS1" file (see tools/planner_snapshot.mjs)
// that holds only the non-zero 64 KiB pages of Pyodide's memory. Inflated bytes are written
// straight into place as they stream in, so no 31 MB intermediate copy is ever made.
const MAGIC = [72, 71, 83, 49];

/** The full memory image from a `Response` holding the gzipped HGS1 file. */
export async function readSnapshot(response) {
  if (typeof DecompressionStream !== "function") throw new Error("DecompressionStream is not supported");
  const reader = response.body.pipeThrough(new DecompressionStream("gzip")).getReader();
  let head = new Uint8Array(0);
  let memory = null;
  let slots = null; // byte offsets of the non-zero pages, in file order
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
      if (head.length < 16) continue;
      if (!MAGIC.every((byte, i) => head[i] === byte)) throw new Error("not a planner snapshot");
      const view = new DataView(head.buffer, head.byteOffset);
      const size = view.getUint32(4, true);
      pageSize = view.getUint32(8, true);
      const count = view.getUint32(12, true);
      const bitmapEnd = 16 + Math.ceil(count / 8);
      if (head.length < bitmapEnd) continue;
      memory = new Uint8Array(size);
      slots = [];
      for (let i = 0; i < count; i++) if (head[16 + (i >> 3)] & (1 << (i & 7))) slots.push(i * pageSize);
      chunk = head.subarray(bitmapEnd);
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
  return memory;
}

// Run as its own worker (named "planner-snapshot"), it reads one snapshot and hands the memory
// image back without a copy, so the inflating happens on another core while the planner's
// worker parses Pyodide.
if (typeof WorkerGlobalScope === "function" && self.name === "planner-snapshot") {
  self.onmessage = async ({ data: url }) => {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${new URL(url).pathname}`);
      const memory = await readSnapshot(response);
      self.postMessage({ memory }, [memory.buffer]);
    } catch (error) {
      self.postMessage({ error: String(error.message ?? error) });
    }
    self.close();
  };
}

/** Read a snapshot in a helper worker (falls back to this thread if that is not possible). */
export function readSnapshotAside(url) {
  let helper;
  try {
    helper = new Worker(new URL("./snapshot.mjs", import.meta.url), { type: "module", name: "planner-snapshot" });
  } catch {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${new URL(url).pathname}`);
      return readSnapshot(response);
    });
  }
  return new Promise((resolve, reject) => {
    helper.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data.memory));
    helper.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`the snapshot reader could not start${event.message ? `: ${event.message}` : ""}`));
    };
    helper.postMessage(String(url));
  });
}
