// The planner's Python, in a module Web Worker: never on the page's main thread.
//
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", manifest?}        start booting (manifest read from the page, or fetched)
//                   {type: "plan", id, profile, href?} profile: JSON text; href: exercise link
//                                                    template, to get the page's element tree too
//   worker -> page  {type: "state", state, stage, message, boot}
//                   {type: "result", id, ok, plan | tree | field+message, ms}
//
// Boot: restore the build-time memory snapshot (the planner already imported and the catalog
// parsed), which takes a fraction of a plain boot; if that fails for any reason, boot plainly:
// Pyodide fetches the planner wheel through the site-local lockfile, and catalog.json is parsed.
import { readSnapshotAside } from "./snapshot.mjs";

const RUNTIME = new URL("runtime/", import.meta.url);
const t0 = performance.now();
let api = null;
let booting = null;
let failed = "";
const marks = {};
const mark = (name) => (marks[name] = Math.round(performance.now() - t0));
const waiting = [];

function post(message) {
  self.postMessage(message);
}

function state(value, stage, message = "", extra = {}) {
  post({ type: "state", state: value, stage, message, ...extra });
}

async function fetchOk(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${url.pathname ?? url}`);
  return response;
}

async function loadSnapshot(url) {
  return readSnapshotAside(url.href);
}

// When its WebAssembly cannot be fetched or instantiated, Pyodide logs a warning and waits for
// ever. Every attempt races against this, so a broken runtime ends in a clear error instead.
function wasmFailure() {
  let fail;
  const failed = new Promise((_, reject) => (fail = reject));
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      const result = original.apply(this, args);
      result.catch((error) => fail(new Error(`the Python runtime (WebAssembly) could not load: ${error.message}`)));
      return result;
    };
  }
  return failed;
}

async function boot(manifest) {
  manifest ??= await (await fetchOk(new URL("manifest.json", RUNTIME), { cache: "no-cache" })).json();
  mark("manifest");
  const indexURL = new URL(manifest.pyodideDir, RUNTIME).href;
  const appURL = new URL(manifest.appDir, RUNTIME);
  // Every download starts now, in parallel, before the Pyodide module is even parsed.
  const snapshot = manifest.snapshot
    ? loadSnapshot(new URL(manifest.snapshot, appURL)).then((bytes) => (mark("snapshot"), bytes))
    : null;
  snapshot?.catch(() => {}); // handled below; avoid an unhandled-rejection report meanwhile
  // A missing lockfile makes Pyodide wait forever, so it is fetched (and checked) here.
  const lockfile = fetchOk(new URL(manifest.lockfile, appURL)).then((r) => r.text());
  lockfile.catch(() => {});
  state("loading", "runtime", "Loading the Python runtime");
  // Pyodide imports its 1.2 MB Emscripten module only after pyodide.mjs has run; asking for
  // it now lets both download and parse at once (the module map hands Pyodide the same one).
  import(new URL("pyodide.asm.mjs", indexURL).href).catch(() => {});
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  mark("import");
  const options = { indexURL, lockFileContents: await lockfile, packageBaseUrl: appURL.href };
  const failed = wasmFailure();
  failed.catch(() => {});
  if (snapshot) {
    try {
      const py = await Promise.race([loadPyodide({ ...options, _loadSnapshot: snapshot }), failed]);
      return { py, mode: "snapshot" };
    } catch (error) {
      state("loading", "fallback", `Snapshot not usable (${error.message}); starting Python from scratch`);
    }
  }
  const catalog = fetchOk(new URL(manifest.catalog, appURL)).then((r) => r.text());
  const py = await Promise.race([loadPyodide({ ...options, packages: [manifest.package] }), wasmFailure()]);
  py.pyimport("generator.browser_api").load_catalog_json(await catalog);
  return { py, mode: "plain" };
}

function plan(id, profile, href) {
  const started = performance.now();
  let result;
  try {
    // view() also returns the plan's element tree (JSON) for the page; plan() just the plan.
    result = typeof href === "string" ? api.view(profile, href) : api.plan(profile);
    const [status, a, b] = result.toJs();
    const ms = performance.now() - started;
    if (typeof href === "string") {
      if (status === "ok") post({ type: "result", id, ok: true, tree: b, ms });
      else post({ type: "result", id, ok: false, field: a, message: b, ms });
    } else if (status === "ok") post({ type: "result", id, ok: true, plan: b, ms });
    else post({ type: "result", id, ok: false, field: a, message: b, ms });
  } catch (error) {
    post({ type: "result", id, ok: false, field: "(planner)", message: String(error.message ?? error) });
  } finally {
    result?.destroy();
  }
}

// WebAssembly functions are compiled when first called: a few throw-away plans, while the
// person reads the first one, make their first change of the form re-plan at full speed.
function prewarm() {
  for (const profile of ['{"level": "advanced", "equipment": ["bench", "dumbbell", "mat"]}',
    '{"goal": "endurance", "conditions": ["knee-pain"], "sits_most_of_day": true}']) {
    try {
      api.view(profile, "{id}").destroy();
    } catch {
      // only a warm-up
    }
  }
}

function start(manifest) {
  booting ??= boot(manifest).then(
    ({ py, mode }) => {
      api = py.pyimport("generator.browser_api");
      const boot = { mode, ms: performance.now() - t0, marks, origin: performance.timeOrigin };
      state("ready", "ready", "", { boot });
      for (const [id, profile, href] of waiting.splice(0)) plan(id, profile, href);
      setTimeout(prewarm, 50);
    },
    (error) => {
      failed = String(error.message ?? error);
      state("error", "error", failed);
      for (const [id] of waiting.splice(0)) {
        post({ type: "result", id, ok: false, field: "(runtime)", message: "Python could not be started" });
      }
    },
  );
}

self.onmessage = ({ data }) => {
  if (data?.type === "init") start(data.manifest ?? null);
  else if (data?.type === "plan") {
    if (api) plan(data.id, String(data.profile), data.href);
    else if (failed) post({ type: "result", id: data.id, ok: false, field: "(runtime)", message: failed });
    else {
      waiting.push([data.id, String(data.profile), data.href]);
      start(null);
    }
  }
};
