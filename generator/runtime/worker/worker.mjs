// The planner's Python, in a module Web Worker: never on the page's main thread.
//
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", manifest?}        start booting (manifest read from the page, or fetched)
//                   {type: "plan", id, profile, href?} profile: JSON text; href: exercise link
//                                                    template, to get the page's element tree too
//   worker -> page  {type: "state", state, stage, message, boot}
//                   {type: "result", id, ok, plan | tree | field+message, ms}
//                   {type: "warm", rounds, ms, last}  the warm-up after the first plan is over
//
// The manifest can also come in the worker URL's fragment (worker.mjs#<JSON>): see the end.
//
// Boot: restore the build-time memory snapshot (the planner already imported and the catalog
// parsed), which takes a fraction of a plain boot; if that fails for any reason, boot plainly:
// Pyodide fetches the planner wheel through the site-local lockfile, and catalog.json is parsed.
// The snapshot (snapshot.mjs: inflated once, then kept in Cache Storage), Pyodide's modules and
// its WebAssembly (wasm.mjs: compiled early) are all fetched and prepared at the same time.
//
// The page gets {mode, snapshot, ms, marks, origin} with "ready": the marks say when each step
// ended (ms on the worker's clock; origin converts them), for the startup benchmark.
import { prefetch } from "./prefetch.mjs";
import { loadSnapshot } from "./snapshot.mjs";
import { compileEarly, wasmFailure } from "./wasm.mjs";

// This module runs from assets/planner/ or from its versioned copy in runtime/worker-<hash>/.
const RUNTIME = new URL(/\/worker-[0-9a-f]+\/[^/]*$/.test(new URL(import.meta.url).pathname) ? "../" : "runtime/",
  import.meta.url);
const t0 = performance.now();
let api = null;
let pyodide = null; // the runtime itself, for loadPackage
let runtimeManifest = null;
let qrLoading = null;
let booting = null;
let failed = "";
let snapshotSource = null; // "kept" (inflated copy from an earlier visit) or "network"
// Boot marks, in ms on this worker's clock (the page shifts them by `boot.origin` to its own).
const marks = { created: 0 };
const mark = (name) => (marks[name] = Math.round(performance.now()));
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

async function boot(manifest) {
  manifest ??= await (await fetchOk(new URL("manifest.json", RUNTIME), { cache: "no-cache" })).json();
  runtimeManifest = manifest;
  mark("manifest");
  const indexURL = new URL(manifest.pyodideDir, RUNTIME).href;
  const appURL = new URL(manifest.appDir, RUNTIME);
  // Every download starts now, in parallel, before the Pyodide module is even parsed; the
  // WebAssembly compiles meanwhile too (loadPyodide itself would wait for the snapshot first).
  // Marks: "snapshot" (memory image ready), "compiled", "import" (pyodide.mjs), "restored".
  const snapshot = manifest.snapshot
    ? loadSnapshot(new URL(manifest.snapshot, appURL)).then(({ memory, source }) => {
      mark("snapshot");
      snapshotSource = source;
      return memory;
    })
    : null;
  compileEarly(new URL("pyodide.asm.wasm", indexURL))?.then(() => mark("compiled"), () => {});
  prefetch(new URL("python_stdlib.zip", indexURL)).then(() => mark("stdlib"), () => {});
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
  if (snapshot) {
    try {
      const py = await Promise.race([loadPyodide({ ...options, _loadSnapshot: snapshot }), wasmFailure()]);
      mark("restored");
      return { py, mode: "snapshot" };
    } catch (error) {
      state("loading", "fallback", `Snapshot not usable (${error.message}); starting Python from scratch`);
    }
  }
  const catalog = fetchOk(new URL(manifest.catalog, appURL)).then((r) => r.text());
  const py = await Promise.race([loadPyodide({ ...options, packages: [manifest.package] }), wasmFailure()]);
  const api = py.pyimport("generator.planner.browser_api");
  api.load_catalog_json(await catalog);
  api.settle(); // as the snapshot did before it was taken
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
    post({ type: "result", id, ok: false, field: "(planner)", message: failure(error) });
  } finally {
    result?.destroy();
  }
}

// The program builder (docs/assets/program/): {type: "program", id, op, text, options} ->
// {type: "result", id, ok, json | field+message}. See browser_api.program.
function program(id, op, text, options) {
  let result;
  try {
    result = api.program(op, text, options);
    const [status, a, b] = result.toJs();
    if (status === "ok") post({ type: "result", id, ok: true, json: b });
    else post({ type: "result", id, ok: false, field: a, message: b });
  } catch (error) {
    post({ type: "result", id, ok: false, field: "(planner)", message: failure(error) });
  } finally {
    result?.destroy();
  }
}

// A Python error's message is its whole traceback: a person sees one line, never the traceback.
function failure(error) {
  const last = String(error?.message ?? error).trim().split("\n").pop() ?? "";
  const name = /^([A-Za-z]+(Error|Exception))\b/.exec(last)?.[1] ?? "an internal error";
  return `the planner could not plan these answers (${name}); try other answers or reload the page`;
}

// WebAssembly functions are compiled when first called, and optimised only once hot: while
// the person reads their first plan, the worker plans (and drops) profiles that between them
// take every branch a form change can take, so the first real change re-plans at full speed.
// One round through them is not enough for V8 to optimise the interpreter's hot functions
// (a change then took 10-30 ms of Python instead of 2-6): rounds go on while each is clearly
// faster than the one before, at most WARM_ROUNDS. One profile per task, so a real request
// waits for one of them at most.
const WARM_ROUNDS = 6;

function prewarm() {
  let profiles = [];
  try {
    const list = api.warm_up_profiles();
    profiles = list.toJs();
    list.destroy();
  } catch {
    profiles = []; // only a warm-up
  }
  let round = 0;
  let index = 0;
  let spent = 0; // ms of planning in this round
  let previous = Infinity;
  const begun = performance.now();
  const next = () => {
    if (index === profiles.length) {
      round += 1;
      if (round >= WARM_ROUNDS || spent > 0.8 * previous || !profiles.length) {
        post({ type: "warm", rounds: profiles.length ? round : 0, ms: Math.round(performance.now() - begun), last: Math.round(spent) });
        return;
      }
      previous = spent;
      spent = 0;
      index = 0;
    }
    const started = performance.now();
    try {
      api.view(profiles[index], "{id}").destroy();
    } catch {
      // only a warm-up
    }
    spent += performance.now() - started;
    index += 1;
    setTimeout(next, 0);
  };
  next();
}

function start(manifest) {
  booting ??= boot(manifest).then(
    ({ py, mode }) => {
      api = py.pyimport("generator.planner.browser_api");
      pyodide = py;
      // When each runtime file had arrived, next to the marks.
      for (const entry of performance.getEntriesByType("resource")) {
        marks[`got ${entry.name.split("/").pop()}`] = Math.round(entry.responseEnd);
      }
      const boot = { mode, snapshot: snapshotSource, ms: performance.now() - t0, marks, origin: performance.timeOrigin };
      state("ready", "ready", "", { boot });
      for (const job of waiting.splice(0)) run(job);
      setTimeout(prewarm, 50);
    },
    (error) => {
      failed = String(error.message ?? error);
      state("error", "error", failed);
      for (const { id } of waiting.splice(0)) {
        post({ type: "result", id, ok: false, field: "(runtime)", message: "Python could not be started" });
      }
    },
  );
}

// The page can also put the manifest in the worker URL's fragment: then booting starts as soon
// as this module runs. Messages posted to a new worker are held until the page's main thread
// gets round to forwarding them, which on a large page can take a few hundred milliseconds.
function manifestFromURL() {
  try {
    const manifest = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : null;
    return manifest && typeof manifest === "object" && typeof manifest.pyodideDir === "string" ? manifest : null;
  } catch {
    return null; // then the "init" message brings it
  }
}

mark("evaluated");
const early = manifestFromURL();
if (early) start(early);

// The QR code of a printed sheet's address: segno (the library the build uses for the handouts),
// shipped as a second wheel in the site's lockfile and loaded only the first time a sheet has an
// address. Rows of "0"/"1", or [] if it cannot be loaded (the sheet then prints the address alone).
async function qrRows(address) {
  if (!address || !runtimeManifest?.qrPackage || !pyodide) return [];
  try {
    qrLoading ??= pyodide.loadPackage(runtimeManifest.qrPackage, { messageCallback: () => {} });
    await qrLoading;
    const segno = pyodide.pyimport("segno");
    const code = segno.make.callKwargs(address, { error: "m", micro: false });
    const rows = api.qr_rows(code.matrix);
    const out = rows.toJs();
    for (const proxy of [rows, code, segno]) proxy.destroy();
    return out;
  } catch {
    return [];
  }
}

async function run(data) {
  if (data.type === "plan") return plan(data.id, String(data.profile), data.href);
  const options = { ...(data.options ?? {}) };
  if (options.address && !options.qr) options.qr = await qrRows(String(options.address));
  program(data.id, String(data.op), String(data.text), JSON.stringify(options));
}

self.onmessage = ({ data }) => {
  if (data?.type === "init") start(data.manifest ?? null);
  else if (data?.type === "plan" || data?.type === "program") {
    if (api) run(data);
    else if (failed) post({ type: "result", id: data.id, ok: false, field: "(runtime)", message: failed });
    else {
      waiting.push(data);
      start(null);
    }
  }
};
