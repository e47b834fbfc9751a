// Files Pyodide will fetch, fetched earlier: the planner's worker asks for them as soon as it
// starts, and when loadPyodide() later calls fetch() for the same URL it gets that response.
//
// loadPyodide() asks for python_stdlib.zip only once pyodide.mjs has loaded, and reads it while
// it restores the snapshot, on a thread that is then too busy to read: a warm visit could wait
// 300 ms for 2.5 MB from the disk cache. Read early, it is in memory by then.
const early = new Map(); // URL -> Promise<Response>, each handed out once
let hooked = false;

function install() {
  if (hooked) return;
  hooked = true;
  const realFetch = self.fetch;
  self.fetch = function (input, init) {
    const url = String(input instanceof Request ? input.url : input);
    const response = early.get(url);
    if (response && (!init?.method || init.method === "GET")) {
      early.delete(url); // once: a fallback boot fetches for real
      return response;
    }
    return realFetch.call(this, input, init);
  };
}

/** Read the file at `url` into memory now; Pyodide's fetch() of it gets the bytes. */
export function prefetch(url) {
  install();
  const response = fetch(url).then(async (r) => (r.ok ? new Response(await r.arrayBuffer(), r) : r));
  response.catch(() => {}); // Pyodide sees the failure when it asks
  early.set(String(url), response);
  return response;
}

/** Answer Pyodide's next fetch() of `url` with `response` instead of the network. */
export function answer(url, response) {
  install();
  early.set(String(url), Promise.resolve(response));
}

/** Forget an answer that was not used (its file will be fetched for real). */
export function forget(url) {
  early.delete(String(url));
}
