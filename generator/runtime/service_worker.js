// The guide's service worker (published as /sw.js by generator/runtime/offline.py): a visited
// site keeps working with the network gone, and never serves a mix of two builds.
//
// Everything it stores lives in one cache named after this build ("hg-site-<hash of the
// build>"), and only responses whose SHA-256 matches this build's manifest (the path and hash
// of every file the build wrote) go into it. Pages and files are served from that cache first,
// else from the network (and kept if they belong to this build); a page of another build that
// the network sends is shown, but neither kept nor given this build's files. A new build is a
// new sw.js: it installs beside this one and takes over only once no page of this build is
// open (no skipWaiting), then deletes the old cache, so a page in use never loses its files.
const VERSION = "__VERSION__";
const CACHE = `hg-site-${VERSION}`;
const SCOPE = new URL("./", self.location.href);
const MANIFEST = new URL(`offline-${VERSION}.json`, SCOPE);
const OFFLINE = "offline.html";
const RUNTIME = "assets/planner/runtime/";
const SKIP = /(^|\/)snapshot\.bin\.gz$/; // the planner worker keeps its own inflated copy
// Pyodide's whole standard library, when the planner has its own (the worker reads the whole
// one only for a module its own lacks): not fetched for offline use.
const WHOLE_STDLIB = /\/pyodide-[^/]+\/python_stdlib\.zip$/;
const OWN_STDLIB = /\/app-[^/]+\/python_stdlib\.zip$/;

// Cache modes that already ask the host, so a second request would tell nothing new.
const REVALIDATING = new Set(["no-cache", "reload", "no-store"]);

let manifest = null; // {version, files: {path: sha256 hex prefix}, precache: [path], shell: [path]}
const foreign = new Set(); // clients showing a page of another build: network only

async function loadManifest() {
  if (manifest) return manifest;
  const cache = await caches.open(CACHE);
  let response = await cache.match(MANIFEST);
  if (!response) {
    response = await fetch(MANIFEST, { cache: "no-cache" });
    if (!response.ok) throw new Error(`${response.status} for ${MANIFEST.pathname}`);
    await cache.put(MANIFEST, response.clone());
  }
  manifest = await response.json();
  return manifest;
}

/** The build's path for a URL in scope ("exercises/x/index.html"), or null. */
function pathOf(url) {
  const u = new URL(url);
  if (u.origin !== SCOPE.origin || u.search || !u.pathname.startsWith(SCOPE.pathname)) return null;
  let path = decodeURIComponent(u.pathname.slice(SCOPE.pathname.length));
  if (path === "" || path.endsWith("/")) path += "index.html";
  return path;
}

async function digest(buffer) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether `buffer` is this build's file at `path`. */
async function belongs(path, buffer) {
  const want = (await loadManifest()).files[path];
  return typeof want === "string" && (await digest(buffer)).startsWith(want);
}

/** Fetch `path` from the network and keep it if it is this build's file; true if kept. */
async function keep(cache, path, options = {}) {
  if ((await cache.match(new URL(path, SCOPE)))) return true;
  let response = await fetch(new URL(path, SCOPE), options);
  if (!response.ok) return false;
  let buffer = await response.arrayBuffer();
  if (!(await belongs(path, buffer)) && !REVALIDATING.has(options.cache ?? "default")) {
    // The browser's HTTP cache may hold the previous build's copy: ask the host again.
    response = await fetch(new URL(path, SCOPE), { ...options, cache: "no-cache" });
    if (!response.ok) return false;
    buffer = await response.arrayBuffer();
  }
  if (!(await belongs(path, buffer))) return false;
  await cache.put(new URL(path, SCOPE), new Response(buffer, { headers: response.headers }));
  return true;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const { precache } = await loadManifest();
    const cache = await caches.open(CACHE);
    const kept = await Promise.all(precache.map((path) => keep(cache, path, { cache: "no-cache" })));
    // The host holds part of another build (a deployment under way): try again later.
    if (kept.includes(false)) throw new Error("the site's files do not match its manifest");
  })());
});

// Another build's caches, dropped once this worker is in charge. Not inside activate's
// waitUntil: a page being opened waits for the activation to end, and should not wait on the
// disk as well; begun at activation and again (once per run of this worker) with its first
// page, should the worker have been stopped before it was done.
const otherBuild = (name) => name.startsWith("hg-site-") && name !== CACHE;
let dropped = null;
function dropOtherBuilds() {
  dropped ??= caches.keys().then((names) => Promise.all(names.filter(otherBuild).map((n) => caches.delete(n))));
  return dropped.catch(() => { dropped = null; });
}

self.addEventListener("activate", (event) => {
  // On a first visit this worker takes charge of the page already open, so what it loads next
  // is kept. Taking over from another build, the only pages it could claim were opened without
  // a worker (a hard reload) and get the network's files either way: the activation, which a
  // tab being opened waits for, is kept to the least.
  event.waitUntil(caches.keys().then((names) => {
    const takeover = names.some(otherBuild);
    dropOtherBuilds();
    return takeover ? undefined : self.clients.claim();
  }));
});

// A page asks for what it has just shown to be kept: its own address and the files it loaded
// before this worker controlled it; the planner page also its Python runtime. The site's shell
// (the offline page's styles and scripts, the guide's own) is kept with it, not at install.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep" || !Array.isArray(data.urls)) return;
  event.waitUntil((async () => {
    const { files, shell = [] } = await loadManifest();
    const cache = await caches.open(CACHE);
    const paths = new Set([...data.urls.map(pathOf), ...shell].filter((p) => p && p in files));
    if (data.runtime) {
      const own = Object.keys(files).some((p) => OWN_STDLIB.test(p));
      for (const p of Object.keys(files)) {
        if (p.startsWith(RUNTIME) && !SKIP.test(p) && !(own && WHOLE_STDLIB.test(p))) paths.add(p);
      }
    }
    for (const path of paths) await keep(cache, path).catch(() => false);
    event.source?.postMessage({ type: "kept", count: paths.size });
  })());
});

async function respond(event, path) {
  const cache = await caches.open(CACHE);
  const navigate = event.request.mode === "navigate";
  const clientId = event.clientId || event.resultingClientId;
  if (!foreign.has(event.clientId)) {
    const cached = await cache.match(new URL(path, SCOPE));
    if (cached) return cached;
  }
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    if (navigate || path.endsWith(".html")) {
      const offline = await cache.match(new URL(OFFLINE, SCOPE));
      if (offline) return offline;
    }
    throw error;
  }
  if (!response.ok || response.type !== "basic" || event.request.headers.has("range")) return response;
  let buffer = await response.clone().arrayBuffer();
  if (!(await belongs(path, buffer)) && !REVALIDATING.has(event.request.cache)) {
    // A copy of the previous build from the browser's HTTP cache (kept there by the host's
    // Last-Modified alone) is not yet a page of another build: ask the host again.
    const again = await fetch(event.request.url, { cache: "no-cache", credentials: "same-origin" }).catch(() => null);
    if (again && again.ok && again.type === "basic") {
      response = again;
      buffer = await response.clone().arrayBuffer();
    }
  }
  if (await belongs(path, buffer)) {
    event.waitUntil(cache.put(new URL(path, SCOPE), response.clone()));
  } else if (navigate) {
    foreign.add(event.resultingClientId || clientId);
    self.registration.update().catch(() => {});
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const path = pathOf(request.url);
  if (path === null || path === "sw.js") return;
  if (foreign.has(event.clientId)) return; // another build's page: the network, untouched
  if (request.mode === "navigate") event.waitUntil(dropOtherBuilds());
  event.respondWith(
    loadManifest()
      .then(({ files }) => (path in files || request.mode === "navigate" ? respond(event, path) : fetch(request)))
      .catch(() => fetch(request)),
  );
});
