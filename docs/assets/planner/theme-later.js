// Run mkdocs-material's bundle on the planner page only once the first plan is on screen.
//
// The bundle (search, palette switch, instant navigation) costs the page's main thread about
// 250 ms as it starts, on a two-core machine time taken from Python's start. On a full load of
// the planner page, overrides/main.html puts this script where the bundle's <script> would be,
// with the bundle's address in data-bundle; it runs the bundle once the first plan is shown,
// or at the person's first key or pointer press (they may be heading for search or the menu),
// or after 3 s, whichever comes first. Until then the page is plain HTML and CSS: links, form
// and plan work. A page reached by instant navigation already has the bundle running. The
// bundle mounts its components on DOMContentLoaded, so this fires that event again once the
// bundle has run; the guide's own scripts (assets/javascripts/pages.js) then follow document$.
(function (me) {
  const src = me.dataset.bundle;
  let done = false;
  function load() {
    if (done) return;
    done = true;
    const script = document.createElement("script");
    script.src = src;
    // The bundle mounts its components when the document is loaded: tell it again, now.
    script.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"));
    document.body.appendChild(script);
  }
  // No worker (start.js or client.js starts it): no plan to wait for.
  if (typeof Worker !== "function") return load();
  document.addEventListener("planner:plan", () => setTimeout(load, 0), { once: true, capture: true });
  addEventListener("keydown", load, { once: true, capture: true });
  addEventListener("pointerdown", load, { once: true, capture: true });
  setTimeout(load, 3000);
})(document.currentScript);
