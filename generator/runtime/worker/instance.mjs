// The next WebAssembly instance's memory, as instantiated: the module's data segments in place
// and nothing of its code run yet. Pyodide's memory snapshot stores its first bytes as their
// difference from this image (make.mjs packs, snapshot.mjs restores), so the pages that Python's
// start left as the module wrote them cost nothing: the snapshot is a third smaller.
//
// Pyodide instantiates its module through WebAssembly.instantiateStreaming or .instantiate;
// this wraps both once, outside any other wrapper (wasm.mjs), and hands `seen` the memory before
// Emscripten's own code sees the instance.

/**
 * Call `seen(bytes)` with the memory of the next module instantiated that exports one (a
 * Uint8Array view). Modules without a memory of their own (Pyodide's feature checks) are passed by.
 */
export function onNextInstance(seen) {
  const { instantiate, instantiateStreaming } = WebAssembly;
  let done = false;
  const look = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
    const memory = instance?.exports?.memory;
    if (done || !(memory instanceof WebAssembly.Memory)) return result;
    done = true;
    WebAssembly.instantiate = instantiate;
    WebAssembly.instantiateStreaming = instantiateStreaming;
    try {
      seen(new Uint8Array(memory.buffer));
    } catch {
      // The snapshot then stays unarmed: Pyodide refuses it, and the worker boots plainly.
    }
    return result;
  };
  WebAssembly.instantiate = function (...args) {
    return instantiate.apply(WebAssembly, args).then(look);
  };
  if (typeof instantiateStreaming === "function") {
    WebAssembly.instantiateStreaming = function (...args) {
      return instantiateStreaming.apply(WebAssembly, args).then(look);
    };
  }
}
