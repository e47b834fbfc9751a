// Run the guide's page scripts on every page view, whichever way the page arrived.
//
// mkdocs-material's document$ emits on the first load and after every instant navigation. On
// a full load of the planner page the theme's bundle runs late (assets/planner/theme-later.js)
// and announces itself with another DOMContentLoaded: until then the
// mounts run directly, and from then on they follow document$.
const mounts = [];
let following = false;
const mountAll = () => mounts.forEach((mount) => mount());

function follow() {
  if (following) return;
  if (window.document$?.subscribe) {
    following = true;
    window.document$.subscribe(mountAll);
  } else if (document.readyState !== "loading") mountAll();
}
document.addEventListener("DOMContentLoaded", follow);

/** Call `mount()` for the page shown now and for every page shown after it; it must be idempotent. */
export function everyPage(mount) {
  mounts.push(mount);
  if (!following) follow();
  else if (document.readyState !== "loading") mount();
}
