// The page's side of the planner worker: one worker per document, shared by every page view.
//
// mkdocs-material's instant navigation swaps page content without reloading this module, so
// the worker started here (on the planner page, or when a link to it is hovered or focused)
// stays alive, and a later visit to the planner finds Python ready.
export const MAX_PROFILE_CHARS = 10000;
const listeners = new Set();
const pending = new Map();
let worker = null;
let nextId = 1;

/** The runtime's state: "idle" (not started), "loading", "ready" or "error". */
export const status = { state: "idle", stage: "", message: "", boot: null, warm: null, kept: null, startedAt: 0, readyAt: 0 };

function update(change) {
  Object.assign(status, change);
  for (const listener of listeners) listener(status);
}

/** Call `listener(status)` now and on every change; returns a function that unsubscribes. */
export function onStatus(listener) {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

function fail(message) {
  update({ state: "error", stage: "error", message });
  for (const [, { resolve }] of pending) resolve({ ok: false, field: "(runtime)", message });
  pending.clear();
}

// The worker's boot marks are on its own clock: shift them to the page's (ms since navigation).
function onPageClock(boot) {
  const shift = (boot.origin ?? performance.timeOrigin) - performance.timeOrigin;
  const marks = Object.fromEntries(Object.entries(boot.marks ?? {}).map(([k, v]) => [k, Math.round(v + shift)]));
  return { ...boot, marks };
}

/** Start the worker (idempotent). `manifest` is the runtime manifest if the page embeds it. */
export function start(manifest = null) {
  if (worker || status.state === "error") return;
  // The planner page's inline script may have started it already, while the page was parsed.
  const early = window.__hgPlanner;
  update({ state: "loading", stage: "start", message: "Starting Python", startedAt: early?.startedAt ?? performance.now() });
  if (typeof Worker !== "function") {
    fail("This browser cannot run the planner (no Web Workers).");
    return;
  }
  if (early) worker = early.worker;
  else {
    try {
      // The versioned copy when the manifest names one (see generator/runtime/bundle.py).
      const url = new URL(`./${manifest?.workerDir ? `runtime/${manifest.workerDir}` : ""}worker.mjs`, import.meta.url);
      if (manifest) url.hash = encodeURIComponent(JSON.stringify(manifest)); // see worker.mjs
      worker = new Worker(url, { type: "module", name: "planner" });
    } catch (error) {
      fail(`This browser cannot run the planner: ${error.message}`);
      return;
    }
    window.__hgPlanner = { worker, queue: [], startedAt: status.startedAt };
  }
  const receive = (data) => {
    if (data.type === "state") {
      update({
        state: data.state, stage: data.stage, message: data.message, boot: data.boot ? onPageClock(data.boot) : status.boot,
        readyAt: data.state === "ready" ? performance.now() : status.readyAt,
      });
      if (data.state === "error") fail(data.message);
    } else if (data.type === "result") {
      const entry = pending.get(data.id);
      pending.delete(data.id);
      entry?.resolve(data);
    } else if (data.type === "warm") {
      update({ warm: { rounds: data.rounds, ms: data.ms, last: data.last } }); // see prewarm() in worker.mjs
    } else if (data.type === "kept") {
      update({ kept: { bytes: data.bytes, error: data.error ?? "" } }); // see makeAndKeep() in worker.mjs
    } else if (data.type === "error") {
      fail(`The planner could not start in this browser${data.message ? `: ${data.message}` : ""}.`);
    }
  };
  worker.onmessage = ({ data }) => receive(data);
  worker.onerror = (event) => {
    event.preventDefault();
    receive({ type: "error", message: event.message });
  };
  if (early) for (const data of early.queue.splice(0)) receive(data);
  else worker.postMessage({ type: "init", manifest });
}

/**
 * Plan a profile (JSON text). Resolves to {ok, plan} or {ok: false, field, message}; with
 * `href` (the exercise link template) to {ok, tree}: the page's element tree instead.
 */
export function plan(profileText, href = undefined) {
  // The same limit and words as generator/planner/profile.py (MAX_PROFILE_CHARS, too_long):
  // a huge text is refused before it reaches Python, whose memory it could exhaust.
  if (profileText.length > MAX_PROFILE_CHARS) {
    const message = `expected at most ${MAX_PROFILE_CHARS} characters of profile JSON, found ${profileText.length}`;
    return Promise.resolve({ ok: false, field: "(json)", message });
  }
  start();
  if (status.state === "error") return Promise.resolve({ ok: false, field: "(runtime)", message: status.message });
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    worker.postMessage({ type: "plan", id, profile: profileText, href });
  });
}

/**
 * Ask the worker's program builder (browser_api.program): op "sheet", "from_profile" or
 * "decode". Resolves to {ok, json} (JSON text) or {ok: false, field, message}.
 */
export function program(op, text, options = {}) {
  start();
  if (status.state === "error") return Promise.resolve({ ok: false, field: "(runtime)", message: status.message });
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    worker.postMessage({ type: "program", id, op, text, options });
  });
}
