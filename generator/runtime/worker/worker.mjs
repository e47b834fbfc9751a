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
// Boot: restore a memory snapshot (the planner already imported and the catalog parsed),
// which takes a fraction of a plain boot, or boot plainly: Pyodide fetches the planner wheel
// through the site-local lockfile, and catalog.json is parsed. Which one (chooseSnapshot):
//   - the snapshot kept in Cache Storage by an earlier visit, if there is one (source "kept");
//   - else the build's snapshot from the network, but only on a link fast enough that its
//     6.6 MB cost less time than the plain boot they save (source "network");
//   - else, on a slower link, with Save-Data, or when the speed cannot be told, a plain boot,
//     and once the person has their plan and the worker has warmed up, this browser makes the
//     snapshot itself in a helper worker (make.mjs) and keeps it for the next visit (which
//     finds it "kept"): a slow first visit sends no more bytes than a plain Pyodide page.
// Both mount the planner's own standard library (the modules it imports, precompiled; the
// build's stdlib_node.mjs); a module it lacks is read from Pyodide's whole one (fullStdlib).
// Pyodide's modules and its WebAssembly (wasm.mjs: compiled early) are fetched and prepared
// at the same time as the snapshot.
//
// The page gets {mode, snapshot, ms, marks, origin, link} with "ready": the marks say when
// each step ended (ms on the worker's clock; origin converts them), for the startup benchmark;
// {type: "kept", bytes} follows when this browser has made and kept a snapshot.
import { prefetch } from "./prefetch.mjs";
import { fetchSnapshot, KEPT_CACHE, readKept, restoring } from "./snapshot.mjs";
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
let link = null; // the measured download rate that chose the boot: {bytes, ms, fast}
let bootMode = "";
let made = null; // the snapshot this browser is making, once started
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

// Faster than this (bytes a second, measured on the standard library while the WebAssembly
// downloads beside it, so about half the link), the build's snapshot arrives sooner than a
// plain boot would end: 5.1 MB against about a second of Python starting (README).
const FAST_LINK = 6e6;

/**
 * How fast the standard library at `url` came, once `response` has been read whole:
 * {bytes, ms, fast}. Not fast when it came from a cache, revalidated or not (nothing on the
 * wire to time), or the person asked to save data.
 */
async function measure(url, response) {
  await response;
  // The resource's own timing: the worker's thread may be busy (parsing Pyodide) when it arrives.
  const entry = performance.getEntriesByName(url).find((e) => e.entryType === "resource");
  // Its body crossed the wire only if the transfer was larger (headers and body): a cached copy
  // transfers nothing and a revalidation (304) headers alone, and neither times the link.
  const bytes = entry && entry.transferSize > entry.encodedBodySize ? entry.encodedBodySize : 0;
  const ms = entry ? entry.responseEnd - entry.startTime : 0;
  const saveData = Boolean(self.navigator?.connection?.saveData);
  return { bytes, ms: Math.round(ms), fast: !saveData && bytes > 0 && ms > 0 && bytes / (ms / 1000) >= FAST_LINK };
}

/** The snapshot to restore ({memory, image}: snapshot.mjs), or null for a plain boot. */
async function chooseSnapshot(url, stdLibURL, stdlib) {
  const kept = await readKept(String(url));
  if (kept) {
    snapshotSource = "kept";
    return kept;
  }
  link = await measure(stdLibURL, stdlib);
  mark("link");
  if (!link.fast) return null;
  snapshotSource = "network";
  return fetchSnapshot(url);
}

/** The standard library both boots mount: the planner's own (in app-KEY), else Pyodide's whole one. */
function stdLibURLOf(manifest) {
  if (manifest.stdlib) return new URL(manifest.stdlib, new URL(manifest.appDir, RUNTIME)).href;
  return new URL("python_stdlib.zip", new URL(manifest.pyodideDir, RUNTIME)).href;
}

async function boot(manifest) {
  manifest ??= await (await fetchOk(new URL("manifest.json", RUNTIME), { cache: "no-cache" })).json();
  runtimeManifest = manifest;
  mark("manifest");
  const indexURL = new URL(manifest.pyodideDir, RUNTIME).href;
  const appURL = new URL(manifest.appDir, RUNTIME);
  const stdLibURL = stdLibURLOf(manifest);
  // Every download starts now, in parallel, before the Pyodide module is even parsed; the
  // WebAssembly compiles meanwhile too (loadPyodide itself would wait for the snapshot first).
  // Marks: "link" (boot chosen), "snapshot" (memory image ready), "compiled", "import"
  // (pyodide.mjs), "restored".
  compileEarly(new URL("pyodide.asm.wasm", indexURL))?.then(() => mark("compiled"), () => {});
  const stdlib = prefetch(stdLibURL);
  stdlib.then(() => mark("stdlib"), () => {});
  const choice = manifest.snapshot ? chooseSnapshot(new URL(manifest.snapshot, appURL), stdLibURL, stdlib) : Promise.resolve(null);
  choice.catch(() => {}); // handled below; avoid an unhandled-rejection report meanwhile
  // A missing lockfile makes Pyodide wait forever, so it is fetched (and checked) here.
  const lockfile = fetchOk(new URL(manifest.lockfile, appURL)).then((r) => r.text());
  lockfile.catch(() => {});
  state("loading", "runtime", "Loading the Python runtime");
  // Parsing Pyodide's module keeps this thread busy for a few hundred milliseconds: on a fast
  // link the choice of boot (which starts the snapshot's download) is made first.
  await Promise.race([choice, new Promise((resolve) => setTimeout(resolve, 250))]).catch(() => {});
  // Pyodide imports its 1.2 MB Emscripten module only after pyodide.mjs has run; asking for
  // it now lets both download and parse at once (the module map hands Pyodide the same one).
  import(new URL("pyodide.asm.mjs", indexURL).href).catch(() => {});
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  mark("import");
  const options = { indexURL, stdLibURL, lockFileContents: await lockfile, packageBaseUrl: appURL.href };
  const snapshot = await choice.catch((error) => {
    state("loading", "fallback", `Snapshot not usable (${error.message}); starting Python from scratch`);
    return null;
  });
  if (snapshot) {
    try {
      mark("snapshot");
      const py = await Promise.race([loadPyodide({ ...options, _loadSnapshot: restoring(snapshot) }), wasmFailure()]);
      mark("restored");
      wholeStdlib(py, manifest);
      return { py, mode: "snapshot" };
    } catch (error) {
      state("loading", "fallback", `Snapshot not usable (${error.message}); starting Python from scratch`);
    }
  }
  snapshotSource = null;
  const catalog = fetchOk(new URL(manifest.catalog, appURL)).then((r) => r.text());
  const py = await Promise.race([loadPyodide({ ...options, packages: [manifest.package] }), wasmFailure()]);
  wholeStdlib(py, manifest);
  const api = py.pyimport("generator.planner.browser_api");
  api.load_catalog_json(await catalog);
  api.settle(); // as the snapshot did before it was taken
  return { py, mode: "plain" };
}

// A standard-library module that the planner's own zip lacks (an import nobody foresaw) is
// read from Pyodide's whole python_stdlib.zip, fetched once, synchronously (a worker may), and
// mounted beside it: the planner then works as it would with the whole library.
const FULL_STDLIB_FINDER = `
import sys

class _WholeStandardLibrary:
    whole = None

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name.partition(".")[0] not in sys.stdlib_module_names:
            return None
        import importlib.machinery
        from js import hgWholeStdlib
        trimmed = "/lib/python%d%d.zip" % sys.version_info[:2]
        if cls.whole is None:
            cls.whole = str(hgWholeStdlib())
            sys.path.append(cls.whole)
        if path is not None:
            path = [p.replace(trimmed, cls.whole, 1) for p in path if p.startswith(trimmed)]
        return importlib.machinery.PathFinder.find_spec(name, path, target)

sys.meta_path.append(_WholeStandardLibrary)
del _WholeStandardLibrary
`;

function wholeStdlib(py, manifest) {
  if (!manifest.stdlib) return; // Pyodide's whole one is mounted already
  const url = new URL("python_stdlib.zip", new URL(manifest.pyodideDir, RUNTIME)).href;
  self.hgWholeStdlib = () => {
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`${request.status} for ${new URL(url).pathname}`);
    py.FS.writeFile("/lib/python-whole.zip", new Uint8Array(request.response));
    return "/lib/python-whole.zip";
  };
  py.runPython(FULL_STDLIB_FINDER);
}

// After a plain boot: make the snapshot in a helper worker (another core, while the person
// reads), keep it where the next visit looks first, and tell the page. Costs no bytes (every
// file is in the HTTP cache by now) and about one plain boot of CPU, once per build.
function makeAndKeep() {
  const manifest = runtimeManifest;
  if (made || bootMode !== "plain" || !manifest?.snapshot || typeof caches !== "object") return;
  const appURL = new URL(manifest.appDir, RUNTIME);
  const indexURL = new URL(manifest.pyodideDir, RUNTIME).href;
  made = new Promise((resolve) => {
    let helper;
    try {
      helper = new Worker(new URL("./make.mjs", import.meta.url), { type: "module", name: "planner-snapshot-maker" });
    } catch {
      resolve(null);
      return;
    }
    helper.onmessage = ({ data }) => resolve(data);
    helper.onerror = (event) => {
      event.preventDefault();
      resolve({ error: event.message || "the snapshot maker could not start" });
    };
    fetchOk(new URL(manifest.lockfile, appURL)).then((r) => r.json()).then((lock) => helper.postMessage({
      indexURL,
      stdLibURL: stdLibURLOf(manifest),
      lockFileContents: JSON.stringify(lock),
      wheels: Object.values(lock.packages).map((p) => new URL(p.file_name, appURL).href),
      catalog: new URL(manifest.catalog, appURL).href,
      key: new URL(manifest.snapshot, appURL).href,
      cache: KEPT_CACHE,
    }), (error) => resolve({ error: String(error.message ?? error) }));
  }).then((result) => {
    if (result?.kept) post({ type: "kept", bytes: result.kept });
    else if (result?.error) post({ type: "kept", bytes: 0, error: result.error });
    return result;
  });
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
        makeAndKeep();
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
      bootMode = mode;
      api = py.pyimport("generator.planner.browser_api");
      pyodide = py;
      // When each runtime file had arrived, next to the marks.
      for (const entry of performance.getEntriesByType("resource")) {
        marks[`got ${entry.name.split("/").pop()}`] = Math.round(entry.responseEnd);
      }
      const boot = { mode, snapshot: snapshotSource, ms: performance.now() - t0, marks, origin: performance.timeOrigin, link };
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
