// Start the planner's worker from the planner page's <head>, before the (large) body is parsed.
//
// A worker only starts once the page's main thread has a moment, and the page's parsing and
// layout keep it busy for 100 ms or more; started from the head, the worker is running by then.
// overrides/main.html loads this script (async) right after the JSON element
// #hg-planner-manifest that holds the runtime manifest, and names the worker module in
// data-worker. assets/planner/client.js adopts the
// worker (and replays the messages queued here), or starts one itself when this did not run
// (instant navigation into the page, no Worker support).
(function (me) {
  if (window.__hgPlanner || typeof Worker !== "function" || !me) return;
  try {
    const queue = [];
    const manifest = JSON.parse(document.getElementById("hg-planner-manifest").textContent);
    const url = new URL(me.dataset.worker, document.baseURI);
    url.hash = encodeURIComponent(JSON.stringify(manifest)); // the worker boots without waiting for "init"
    const worker = new Worker(url, { type: "module", name: "planner" });
    worker.onmessage = (event) => queue.push(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      queue.push({ type: "error", message: event.message || "" });
    };
    worker.postMessage({ type: "init", manifest });
    window.__hgPlanner = { worker, queue, startedAt: performance.now() };
  } catch {
    // client.js starts it instead
  }
})(document.currentScript);
