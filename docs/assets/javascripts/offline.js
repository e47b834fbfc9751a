// Offline use: register the site's service worker (/sw.js, generator/runtime/offline.py) and,
// once a page is shown, ask it to keep that page and the files it loaded (a first visit loads
// them before the worker controls the page). The planner page also asks for its Python runtime.
import { everyPage } from "./pages.js";

const SW = new URL("../../sw.js", import.meta.url);
const supported = "serviceWorker" in navigator && window.isSecureContext;

function sameOrigin(url) {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

async function keepThisPage() {
  const registration = await navigator.serviceWorker.ready;
  const urls = [location.href.split("#")[0]];
  for (const entry of performance.getEntriesByType("resource")) if (sameOrigin(entry.name)) urls.push(entry.name);
  // A page reached by instant navigation: its resources came through the worker already.
  const runtime = Boolean(document.getElementById("hg-planner"));
  registration.active?.postMessage({ type: "keep", urls, runtime });
}

if (supported) {
  const later = (fn) => ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 2000));
  const register = () => navigator.serviceWorker.register(SW, { scope: new URL("../../", import.meta.url).pathname }).catch(() => {});
  // A guide page registers once it has loaded and the browser is idle: the worker's install
  // (its manifest, the offline page) then stays out of the page's own loading. The planner page
  // registers at once, as before (registering it late made warm visits slower, README).
  if (document.getElementById("hg-planner")) register();
  else if (document.readyState === "complete") later(register);
  else addEventListener("load", () => later(register), { once: true });
  let seen = "";
  everyPage(() => {
    const here = location.pathname;
    if (here === seen) return;
    seen = here;
    // After the page has settled (on the planner page: once Python has started, so the runtime
    // comes out of the HTTP cache rather than a second download).
    const root = document.getElementById("hg-planner");
    if (root && root.dataset.plannerState !== "ready") {
      const wait = new MutationObserver(() => {
        if (root.dataset.plannerState === "ready" || root.dataset.plannerState === "error") {
          wait.disconnect();
          later(() => keepThisPage().catch(() => {}));
        }
      });
      wait.observe(root, { attributes: true, attributeFilter: ["data-planner-state"] });
    } else later(() => keepThisPage().catch(() => {}));
  });
}
