// Run mkdocs-material's bundle on the planner page only once the person uses the page.
//
// The bundle (search, palette switch, instant navigation) costs the page's main thread 100 to
// 250 ms as it starts, most of it the style of the whole page worked out several times over
// (its palette and sidebar read computed styles and sizes between changes): one long task. On
// a full load of the planner page, overrides/main.html puts this script where the bundle's
// <script> would be, with the bundle's address in data-bundle. It runs the bundle at the
// person's first key, pointer or touch press (they may be heading for search or the menu), or,
// once the first plan is on screen, at the first sign of them: the mouse moving, a scroll, a
// focus. A page nobody touches never pays for it, and Python's start never competes with it.
// Until then the page is plain HTML and CSS: links, form and plan work. A page reached by
// instant navigation already has the bundle running. The bundle mounts its components on
// DOMContentLoaded, so this fires that event again once the bundle has run; the guide's own
// scripts (assets/javascripts/pages.js) then follow document$.
(function (me) {
  const src = me.dataset.bundle;
  const PRESS = ["keydown", "pointerdown", "touchstart"];
  const SIGN = ["pointermove", "wheel", "scroll", "focusin"];
  let done = false;
  function load(event) {
    if (done) return;
    done = true;
    for (const type of [...PRESS, ...SIGN]) removeEventListener(type, load, true);
    // A key pressed outside a form field may be one of the theme's shortcuts ("/", "s" or "f"
    // for search): it is pressed again for the theme once its components are mounted.
    const field = event?.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
    const key = event?.type === "keydown" && !field && !event.ctrlKey && !event.metaKey && !event.altKey ? event.key : null;
    const script = document.createElement("script");
    script.src = src;
    // The bundle mounts its components when the document is loaded: tell it again, now.
    script.onload = () => {
      document.dispatchEvent(new Event("DOMContentLoaded"));
      if (key) document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    };
    document.body.appendChild(script);
  }
  // No worker (start.js or client.js starts it): no plan to wait for.
  if (typeof Worker !== "function") return load();
  for (const type of PRESS) addEventListener(type, load, { capture: true, passive: true });
  document.addEventListener("planner:plan", () => {
    for (const type of SIGN) addEventListener(type, load, { capture: true, passive: true });
  }, { once: true, capture: true });
})(document.currentScript);
