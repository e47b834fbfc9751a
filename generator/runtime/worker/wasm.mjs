// Pyodide's WebAssembly module, in the planner's worker: compiled early, and failing loudly.
//
// loadPyodide() starts compiling pyodide.asm.wasm only after the memory snapshot has been
// read, so reading and compiling would run one after the other. `compileEarly` starts the
// compile at once, in parallel with everything else, and the hook below hands Pyodide that
// module when it asks to instantiate. Its own request for the file is answered with an empty
// response (prefetch.mjs): reading 9.6 MB a second time costs CPU that a two-core machine
// needs for the restore.
//
// When its WebAssembly cannot be fetched or instantiated, Pyodide logs a warning and waits for
// ever: `wasmFailure()` returns a promise that rejects instead, which the worker races each
// boot attempt against.
import { answer, forget } from "./prefetch.mjs";

let early = null; // the module compiling early, until Pyodide takes it
let earlyURL = "";
let hooked = false;

/** Start fetching and compiling the module at `url` (a Promise of WebAssembly.Module). */
export function compileEarly(url) {
  if (typeof WebAssembly.compileStreaming !== "function") return null;
  earlyURL = String(url);
  early = WebAssembly.compileStreaming(fetch(earlyURL));
  early.catch(() => {}); // reported through wasmFailure() when Pyodide asks for it
  answer(earlyURL, new Response(null, { headers: { "Content-Type": "application/wasm" } }));
  install();
  return early;
}

// The boot attempt now running: its `fail` is called when any instantiation fails.
let fail = () => {};

function report(error) {
  fail(new Error(`the Python runtime (WebAssembly) could not load: ${error.message}`));
}

function install() {
  if (hooked) return;
  hooked = true;
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiateStreaming = function (source, imports) {
    let result;
    if (early) {
      const module = early;
      early = null; // only the first instantiation: a fallback boot fetches afresh
      forget(earlyURL);
      result = module.then(async (compiled) => ({
        module: compiled,
        instance: await instantiate.call(WebAssembly, compiled, imports),
      }));
    } else {
      result = instantiateStreaming.call(WebAssembly, source, imports);
    }
    result.catch(report);
    return result;
  };
  WebAssembly.instantiate = function (...args) {
    const result = instantiate.apply(WebAssembly, args);
    result.catch(report);
    return result;
  };
}

/** A promise that rejects if Pyodide's WebAssembly fails to load during the boot attempt now starting. */
export function wasmFailure() {
  install();
  const failed = new Promise((_, reject) => (fail = reject));
  failed.catch(() => {}); // the worker races it; no unhandled-rejection report meanwhile
  return failed;
}
