// A program in a link: "p=" + base64url of the raw-deflated JSON with short keys (the same
// format as generator/planner/program.py's encode_fragment), or "j=" + base64url of the plain
// JSON where the browser has no CompressionStream. Decoding a "p=" link without
// DecompressionStream falls back to Python in the worker (browser_api.program("decode")).
const KEYS = { title: "t", patient: "p", clinician: "c", contact: "k", start: "s", review: "r",
  sessions_per_week: "w", notes: "n", conditions: "x", exercises: "e" };
const EXERCISE_KEYS = { id: "i", sets: "s", reps: "r", reps_per_leg: "l", hold_seconds: "h", side: "d",
  load: "o", notes: "n", keep: "k" };
const invert = (table) => Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
const BACK = invert(KEYS);
const BACK_EXERCISE = invert(EXERCISE_KEYS);
const MAX_BYTES = 40_000;

function rename(data, top, inner) {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  const out = {};
  for (const [key, value] of Object.entries(data)) {
    const name = top[key] ?? key;
    out[name] = (name === "e" || name === "exercises") && Array.isArray(value)
      ? value.map((item) => (item && typeof item === "object" && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item).map(([k, v]) => [inner[k] ?? k, v])) : item))
      : value;
  }
  return out;
}

function toBase64url(bytes) {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function through(bytes, stream) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

/** The fragment (without "#") for a program (long keys). */
export async function encodeProgram(program, { compress = typeof CompressionStream === "function" } = {}) {
  const bytes = new TextEncoder().encode(JSON.stringify(rename(program, KEYS, EXERCISE_KEYS)));
  if (!compress) return `j=${toBase64url(bytes)}`;
  return `p=${toBase64url(await through(bytes, new CompressionStream("deflate-raw")))}`;
}

/**
 * The program JSON text (long keys) in a fragment, or null when it holds none. `python(fragment)`
 * decodes where this browser cannot (it resolves to the same text or throws).
 */
export async function decodeProgram(fragment, python) {
  const kind = fragment.slice(0, 2);
  if (kind !== "p=" && kind !== "j=") return null;
  let bytes;
  try {
    bytes = fromBase64url(fragment.slice(2));
    if (kind === "p=") {
      if (typeof DecompressionStream !== "function") return await python(fragment);
      bytes = await through(bytes, new DecompressionStream("deflate-raw"));
    }
    if (bytes.length > MAX_BYTES) throw new Error("too long");
    return JSON.stringify(rename(JSON.parse(new TextDecoder().decode(bytes)), BACK, BACK_EXERCISE));
  } catch (error) {
    if (error?.fromPython) throw error;
    throw Object.assign(new Error("the program in this link is damaged or incomplete"), { field: "(link)" });
  }
}
